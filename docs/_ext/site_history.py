"""Dates that come from git, never from the clock: "last updated" per page, and the changelog.

Each page's date is the commit date of the last commit that touched its source
(``git log -1 --format=%cs -- <file>``). A page that git does not know yet (new, uncommitted)
takes the date of the current commit; without git at all (a source archive), the date of
``SOURCE_DATE_EPOCH``, which ``conf.py`` fixes. So the same checkout always gives the same dates,
and two builds give the same bytes.

The date is shown in Furo's footer ("Last updated on ...") and written in the page's head as
``<meta name="dcterms.modified" content="YYYY-MM-DD">`` for machines (and the tests).

The ``changelog`` directive lists the commits of the current history, newest first, grouped by
day: the site's changelog is the repository's history, so the two cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

DATE_META = "dcterms.modified"


def git(root: Path, *args: str) -> str | None:
    """Output of ``git args`` run in `root`, or None when git or the repository is missing."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def fallback_date(root: Path) -> str:
    """Date of HEAD's commit; without git, the date of SOURCE_DATE_EPOCH (or 1970-01-01)."""
    head = git(root, "log", "-1", "--format=%cs")
    if head:
        return head
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).date().isoformat()


@cache
def file_date(root: Path, path: Path) -> str:
    """Commit date (YYYY-MM-DD) of the last commit that touched `path`, else the fallback."""
    return git(root, "log", "-1", "--format=%cs", "--", str(path)) or fallback_date(root)


def history(root: Path) -> list[tuple[str, str, str]] | None:
    """``(date, short hash, subject)`` of every commit reachable from HEAD, newest first."""
    out = git(root, "log", "--format=%cs%x09%h%x09%s")
    if out is None:
        return None
    return [tuple(line.split("\t", 2)) for line in out.splitlines() if line]  # type: ignore[misc]


def page_date(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Put the page's git date in Furo's footer and in a meta tag (a translated page's: the
    later of its source's and its catalogue's)."""
    if doctree is None or pagename not in app.env.all_docs:
        return
    from languages import page_sources

    root = Path(app.confdir).parent
    date = max(file_date(root, path) for path in page_sources(app, pagename))
    context["last_updated"] = date
    context["metatags"] = (
        context.get("metatags", "") + f'<meta name="{DATE_META}" content="{date}">\n'
    )


NO_HISTORY = "This copy of the site was built without its git history."
#: The extension's own words in the site's other languages (docs/_ext/languages.py).
TRANSLATIONS = {
    "fr": {NO_HISTORY: "Cette copie du site a été construite sans son historique git."}
}


class Changelog(SphinxDirective):
    """``changelog``: the repository's commits, newest first, one list per day."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        root = Path(self.env.srcdir).parent
        self.env.note_dependency(str(root / ".git" / "HEAD"))
        commits = history(root)
        if commits is None:
            from languages import SOURCE_LANGUAGE, translate

            language = self.config.language or SOURCE_LANGUAGE
            text = translate(language, NO_HISTORY, TRANSLATIONS)
            return [nodes.paragraph(text=text, translatable=False)]
        result: list[nodes.Node] = []
        by_day: dict[str, list[tuple[str, str]]] = {}
        for date, short, subject in commits:
            by_day.setdefault(date, []).append((short, subject))
        for date, entries in by_day.items():
            items = nodes.bullet_list(classes=["changelog-day"])
            for short, subject in entries:
                # The history is the repository's, as git has it: never a catalogue message
                # (a new commit would make every translation stale).
                para = nodes.paragraph(translatable=False)
                para += nodes.Text(subject + " ")
                para += nodes.literal(text=short, classes=["changelog-commit"])
                items += nodes.list_item("", para)
            title = nodes.rubric(text=date, ids=[f"changelog-{date}"], translatable=False)
            result += [title, items]
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("changelog", Changelog)
    app.connect("html-page-context", page_date)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
