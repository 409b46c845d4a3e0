"""Sphinx extension: make the built pages self-contained.

- Load ``vendor/site.js`` (see its comments) before every other script, and ``vendor/site.css``.
- Drop sphinx-thebe's scripts: the book has no Thebe button (``launch_buttons.thebe: false``), and
  sphinx-thebe registers its configuration script twice, which the browser reports as an error
  ("Identifier 'THEBE_JS_URL' has already been declared").
"""


def _clean_scripts(app, pagename, templatename, context, doctree):
    scripts, seen = [], set()
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", str(script)) or ""
        body = getattr(script, "attributes", {}).get("body", "")
        if "THEBE_JS_URL" in body or filename.endswith("sphinx-thebe.js"):
            continue
        key = (filename, body)
        if key not in seen:
            seen.add(key)
            scripts.append(script)
    context["script_files"] = scripts


def setup(app):
    app.add_js_file("vendor/site.js", priority=1)
    app.add_css_file("vendor/site.css")
    app.connect("html-page-context", _clean_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
