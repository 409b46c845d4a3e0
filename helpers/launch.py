"""Where the book's notebooks open: Binder, Colab, a JupyterHub, and where pip finds this package.

Every link derives from one setting, ``repository`` in ``_config.yml`` (with the hosts in ``launch_buttons``),
so a book that moves changes that setting and nothing else. The links have the form sphinx-book-theme gives
the launch buttons at the top of each page. Used by the Exercises page (``book/exercises.py``) and by the
maintainer tool that writes each notebook's setup cell (``tools/notebooks.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

__all__ = ["Repository", "exercise_table"]

_INTERFACES = {"jupyterlab": "lab/tree", "classic": "tree"}


@dataclass(frozen=True)
class Repository:
    """The book's GitHub repository and the hosts that open its notebooks.

    ``url`` is ``https://github.com/<owner>/<name>``; an empty ``jupyterhub_url`` means no JupyterHub link.
    ``interface`` is the path prefix of the notebook interface (``lab/tree`` for JupyterLab).
    """

    url: str
    branch: str = "main"
    binderhub_url: str = "https://mybinder.org"
    colab_url: str = "https://colab.research.google.com"
    jupyterhub_url: str = ""
    interface: str = "lab/tree"

    def __post_init__(self):
        if not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", self.url):
            raise ValueError(f"url must be https://github.com/<owner>/<name>; got {self.url!r}")
        if not re.fullmatch(r"[\w./-]+", self.branch):
            raise ValueError(f"branch must be a git branch name; got {self.branch!r}")

    @classmethod
    def from_config(cls, config: dict) -> Repository:
        """The repository and launch hosts of a parsed ``_config.yml``."""
        repository = config.get("repository") or {}
        buttons = config.get("launch_buttons") or {}
        interface = buttons.get("notebook_interface", "jupyterlab")
        if interface not in _INTERFACES:
            raise ValueError(
                f"launch_buttons.notebook_interface must be one of {sorted(_INTERFACES)}; got {interface!r}"
            )
        return cls(
            url=str(repository.get("url", "")).rstrip("/"),
            branch=str(repository.get("branch", "main")),
            binderhub_url=str(buttons.get("binderhub_url") or "").rstrip("/"),
            colab_url=str(buttons.get("colab_url") or "").rstrip("/"),
            jupyterhub_url=str(buttons.get("jupyterhub_url") or "").rstrip("/"),
            interface=_INTERFACES[interface],
        )

    @property
    def name(self) -> str:
        """The repository's name: the folder nbgitpuller clones it into."""
        return self.url.rsplit("/", 1)[1]

    @property
    def pip_source(self) -> str:
        """What ``pip install`` takes to install this package from the repository's branch."""
        return f"git+{self.url}@{self.branch}"

    def launch_links(self, path: str) -> dict[str, str]:
        """Links that open ``path`` (from the repository root, e.g. ``exercises/01_power_laws.ipynb``).

        Binder and Colab when their hosts are set, a JupyterHub (through nbgitpuller) only when
        ``jupyterhub_url`` is, and GitHub to read or download the file.
        """
        owner_name = self.url.removeprefix("https://github.com/")
        links = {}
        if self.binderhub_url:
            binder = f"{self.binderhub_url}/v2/gh/{owner_name}/{self.branch}"
            links["Binder"] = f"{binder}?urlpath={self.interface}/{path}"
        if self.colab_url:
            links["Colab"] = f"{self.colab_url}/github/{owner_name}/blob/{self.branch}/{path}"
        if self.jupyterhub_url:
            query = urlencode(
                {"repo": self.url, "urlpath": f"{self.interface}/{self.name}/{path}", "branch": self.branch},
                safe="/",
            )
            links["JupyterHub"] = f"{self.jupyterhub_url}/hub/user-redirect/git-pull?{query}"
        links["GitHub"] = f"{self.url}/blob/{self.branch}/{path}"
        return links


def exercise_table(repository: Repository | None) -> str:
    """The Exercises page's table (HTML): one row per exercise set, with its chapter, tasks and points and
    the links that open ``exercises/<set>.ipynb`` (none when ``repository`` is None). Row ids are
    ``set-<set>``, which each chapter's Exercises section links to."""
    from helpers.grading import SETS, load_set

    head = "".join(f"<th>{h}</th>" for h in ("Exercise set", "Tasks", "Points", "Open"))
    rows = []
    for name in SETS:
        exercise_set, chapter = load_set(name), int(name[:2])
        tasks = "".join(
            f"<li>{escape(t.id)} {escape(t.title)} ({t.points:g})</li>" for t in exercise_set.tasks
        )
        links = repository.launch_links(f"exercises/{name}.ipynb") if repository else {}
        opens = "<br>".join(f'<a href="{escape(url)}">{host}</a>' for host, url in links.items()) or "-"
        rows.append(
            f'<tr id="set-{escape(name)}">'
            f'<td><strong>{chapter}. {escape(exercise_set.title)}</strong><br><a href="{escape(name)}.html">'
            f"Chapter {chapter}</a></td>"
            f'<td><ul class="tasks">{tasks}</ul></td>'
            f"<td>{sum(t.points for t in exercise_set.tasks):g}</td>"
            f"<td>{opens}</td></tr>"
        )
    body = "".join(rows)
    return f'<table class="table exercise-sets"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
