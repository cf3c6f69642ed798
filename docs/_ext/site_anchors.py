"""Links into the site never break: public anchors are listed; a removed one needs a redirect.

``docs/anchors.txt`` lists every public anchor, ``page#label`` (page = document name, label = an
explicit ``(label)=`` target, whose HTML id is the label itself). The build warns, and so the
``-W`` build fails, when a listed anchor no longer exists and no redirect covers it.
``tools/anchors.py --update`` adds the labels of new sections to the list.

``docs/redirects.txt`` holds one redirect per line, ``old new``, each side ``page`` or
``page#label``:

- ``old/page new/page``: the old page is gone. sphinx-reredirects writes a small page at the old
  address that sends the reader to the new page, keeping the ``#label`` of the link
  (``conf.py`` gives it ``page_redirects``, and ``_templates/redirect.html``). A label of the old
  page that an anchor redirect renames or moves is handled on the new page, as below, since the
  link arrives there with its old label.
- ``page#old-label page#new-label``: a section's label changed. The section gets the old id too,
  so old links land on it with no script at all.
- ``page#label other/page#label``: a section moved to another page. The old page keeps an empty
  target with the old id, and a script sends readers of that anchor to the new place.

The check, the label redirects and their script stay here: no Sphinx extension does them.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

ANCHORS_FILE = "anchors.txt"
REDIRECTS_FILE = "redirects.txt"
SCRIPT = "anchor-redirects.js"


@dataclass(frozen=True)
class Link:
    """A page and an optional label: ``page`` or ``page#label``."""

    page: str
    label: str = ""

    @classmethod
    def parse(cls, text: str) -> Link:
        page, _, label = text.partition("#")
        return cls(page.strip().removesuffix(".html").strip("/"), label.strip())

    def __str__(self) -> str:
        return f"{self.page}#{self.label}" if self.label else self.page


def read_lines(path: Path) -> list[tuple[int, list[str]]]:
    """Fields of each line of `path` that is not empty or a comment (``# ...``), numbered."""
    if not path.is_file():
        return []
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = [] if line.lstrip().startswith("#") else line.split()
        if fields:
            lines.append((number, fields))
    return lines


def read_anchors(path: Path) -> list[Link]:
    return [Link.parse(fields[0]) for _, fields in read_lines(path)]


def read_redirects(path: Path) -> dict[Link, Link]:
    redirects: dict[Link, Link] = {}
    for number, fields in read_lines(path):
        if len(fields) != 2:
            logger.warning("%s:%d: expected 'old new', got %r", path, number, " ".join(fields))
            continue
        redirects[Link.parse(fields[0])] = Link.parse(fields[1])
    return redirects


def labels_by_page(env: BuildEnvironment) -> dict[str, set[str]]:
    """The explicit labels of every page, as the standard domain knows them."""
    found: dict[str, set[str]] = {}
    for label, (docname, _labelid, _title) in env.domains.standard_domain.labels.items():
        found.setdefault(docname, set()).add(label)
    return found


def resolve(link: Link, redirects: dict[Link, Link]) -> Link:
    """Where `link` leads after redirects (an anchor redirect first, then its page's)."""
    for _ in range(10):  # a chain of renames, with a bound against cycles
        if link in redirects:
            link = redirects[link]
        elif Link(link.page) in redirects:
            link = Link(redirects[Link(link.page)].page, link.label)
        else:
            break
    return link


def landing(page: str, redirects: dict[Link, Link], is_page: Callable[[str], bool]) -> str:
    """The page a link to `page` opens: `page` itself, or where its redirect page sends it.

    A page that is gone goes where its page redirect leads; a gone page with only anchor
    redirects goes where the first of them leads. `is_page` tells which pages exist.
    """
    if is_page(page):
        return page
    target = resolve(Link(page), redirects).page
    if target == page:  # only anchors were redirected
        first = next((old for old in redirects if old.page == page), Link(page))
        target = resolve(first, redirects).page
    return target


def page_redirects(srcdir: str | Path) -> dict[str, str]:
    """sphinx-reredirects' ``redirects`` for ``docs/redirects.txt``: ``{gone page: new URL}``.

    A page is gone when no source file has its name; the URL is relative to the gone page's
    folder (the HTML builder's ``page.html``), so the site works under any base path.
    """
    src = Path(srcdir)
    redirects = read_redirects(src / REDIRECTS_FILE)

    def is_page(page: str) -> bool:
        return any(path.is_file() for path in src.glob(f"{page}.*"))

    found = {}
    for page in sorted({old.page for old in redirects if not is_page(old.page)}):
        target = landing(page, redirects, is_page)
        here = posixpath.dirname(page)
        found[page] = posixpath.relpath(f"{target}.html", here or ".")
    return found


def arriving(page: str, env: BuildEnvironment) -> list[tuple[str, Link]]:
    """``(old label, where it leads)`` for the redirected labels whose links open `page`.

    That is the page's own renamed or moved labels, and those of any gone page whose redirect
    page sends its readers here; sorted by label.
    """
    redirects = read_redirects(Path(env.srcdir) / REDIRECTS_FILE)
    found = {}
    for old in redirects:
        if old.label and landing(old.page, redirects, env.all_docs.__contains__) == page:
            found[old.label] = resolve(old, redirects)
    return sorted(found.items())


def exists(link: Link, env: BuildEnvironment, labels: dict[str, set[str]]) -> bool:
    if link.page not in env.all_docs:
        return False
    return not link.label or link.label in labels.get(link.page, set())


def check(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn for each listed anchor that is gone without a redirect, and each broken redirect."""
    src = Path(app.srcdir)
    labels = labels_by_page(env)
    redirects = read_redirects(src / REDIRECTS_FILE)
    for old, new in redirects.items():
        if not old.label and old.page in env.all_docs:
            logger.warning("redirect from %s, a page that still exists", old)
        if not exists(resolve(new, redirects), env, labels):
            logger.warning("redirect %s -> %s leads to no page or label", old, new)
        # A link to a gone page's label arrives, with that label, on the page its redirect page
        # opens: that page must not have a section of its own with the same label.
        arrives = landing(old.page, redirects, env.all_docs.__contains__)
        elsewhere = resolve(old, redirects) != Link(arrives, old.label)
        if arrives != old.page and elsewhere and old.label in labels.get(arrives, set()):
            logger.warning(
                "redirect %s -> %s: links to it arrive on %s, which has a label %s of its own",
                old, new, arrives, old.label,
            )  # fmt: skip
    for anchor in read_anchors(src / ANCHORS_FILE):
        if exists(anchor, env, labels):
            continue
        target = resolve(anchor, redirects)
        if target == anchor or not exists(target, env, labels):
            logger.warning(
                "public anchor %s (docs/%s) no longer exists: keep its label, or add a "
                "redirect for it to docs/%s",
                anchor, ANCHORS_FILE, REDIRECTS_FILE,
            )  # fmt: skip


def alias_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give renamed sections their old ids; give moved sections an empty target."""
    ids = {id_ for node in doctree.findall(nodes.Element) for id_ in node["ids"]}
    for label, target in arriving(docname, app.env):
        if label in ids:  # the label exists here: a link to it needs nothing
            continue
        if target.page == docname and target.label:
            for node in doctree.findall(nodes.Element):
                if target.label in node["ids"]:
                    node["ids"].append(label)
                    break
        else:
            first = next(iter(doctree.findall(nodes.section)), None)
            if first is not None:
                first.insert(0, nodes.inline("", "", ids=[label]))


def url(app: Sphinx, link: Link, from_page: str) -> str:
    """URL of `link` relative to `from_page`."""
    uri = app.builder.get_target_uri(link.page)
    here = posixpath.dirname(app.builder.get_target_uri(from_page))
    relative = posixpath.relpath(uri, here or ".")
    return relative + (f"#{link.label}" if link.label else "")


def anchor_map(app: Sphinx, page: str) -> dict[str, str]:
    """``{old label: URL}`` for the labels arriving on `page` that now live on another page."""
    return {
        label: url(app, target, page)
        for label, target in arriving(page, app.env)
        if target.page != page
    }


def page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """On a page whose anchors moved to another page, add the map and the script that uses it."""
    moved = anchor_map(app, pagename) if pagename in app.env.all_docs else {}
    if moved:
        data = html.escape(json.dumps(moved, sort_keys=True), quote=False)
        context["metatags"] = context.get("metatags", "") + (
            f'<script type="application/json" id="lstm-anchor-redirects">{data}</script>\n'
            f'<script src="{context["pathto"]("_static/" + SCRIPT, 1)}"></script>\n'
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-check-consistency", check)
    app.connect("doctree-resolved", alias_ids)
    app.connect("html-page-context", page_script)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
