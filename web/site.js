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

  // 4. MathJax 3 cannot break a long display equation, which then scrolls sideways on a phone: shrink
  //    each one that is wider than its column until it fits (MathJax sizes everything in em). Marks
  //    <html data-equations-fit> when done, for the site tests.
  function fitEquations() {
    document.querySelectorAll('mjx-container[display="true"]').forEach(function (m) {
      if (m.dataset.fontSize === undefined) m.dataset.fontSize = m.style.fontSize || "";
      m.style.fontSize = m.dataset.fontSize;
      var need = m.scrollWidth, room = m.clientWidth;
      if (need > room + 1 && room > 0) {
        var size = parseFloat(getComputedStyle(m).fontSize);
        m.style.fontSize = Math.floor((100 * size * room) / need) / 100 + "px";
      }
    });
    document.documentElement.dataset.equationsFit = "1";
  }
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(fitEquations, 150);
  });
  window.addEventListener("load", function () {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) {
      mj.startup.promise.then(fitEquations);
    } else {
      fitEquations();
    }
  });
})();
