// Small fixes so every page works from disk with no network and no console errors.
// Loaded before RequireJS, the widget manager and the theme's scripts (see web/site_fixes.py).
(function () {
  // 1. The ipywidgets HTML manager loads its icon fonts relative to its RequireJS module: point that
  //    module at the copy this site serves, wherever the page sits.
  var here = document.currentScript && document.currentScript.src;
  if (here) {
    var vendor = here.slice(0, here.lastIndexOf("/") + 1);
    window.require = { paths: { "@jupyter-widgets/html-manager/dist": vendor + "html-manager" } };
  }

  // 2. ipywidgets 8 typesets widget labels with the MathJax 2 API (MathJax.Hub.Queue); the site runs
  //    MathJax 3, which has typesetPromise instead. Bridge the one call it makes.
  function bridgeMathJax() {
    var mj = window.MathJax;
    if (mj && !mj.Hub) {
      mj.Hub = {
        Queue: function (job) {
          var element = job && job[2];
          if (window.MathJax.typesetPromise) {
            window.MathJax.typesetPromise(element ? [element] : undefined).catch(function () {});
          }
        },
      };
    }
  }
  bridgeMathJax();
  document.addEventListener("DOMContentLoaded", bridgeMathJax);

  // 3. The theme logs an error when no colour mode has been chosen yet: start from "auto".
  if (!document.documentElement.dataset.mode) {
    document.documentElement.dataset.mode = "auto";
  }
})();
