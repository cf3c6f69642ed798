"""Links into the site never break: public anchors are listed; a removed one needs a redirect.

``docs/anchors.txt`` lists every public anchor, ``page#label`` (page = document name, label = an
explicit ``(label)=`` target, whose HTML id is the label itself). The build warns, and so the
``-W`` build fails, when a listed anchor no longer exists and no redirect covers it.
``tools/anchors.py --update`` adds the labels of new sections to the list.

``docs/redirects.txt`` holds one redirect per line, ``old new``, each side ``page`` or
``page#label``:

- ``old/page new/page``: the old page is gone. A small HTML page is written at the old address;
  it sends the reader to the new page, keeping the ``#label`` of the link (and translating it
  when an anchor redirect says so), with a ``<meta http-equiv="refresh">`` fallback.
- ``page#old-label page#new-label``: a section's label changed. The section gets the old id too,
  so old links land on it with no script at all.
- ``page#label other/page#label``: a section moved to another page. The old page keeps an empty
  target with the old id, and a script sends readers of that anchor to the new place.
"""

from __future__ import annotations

import html
import json
import posixpath
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
    redirects = read_redirects(Path(app.srcdir) / REDIRECTS_FILE)
    for old, new in redirects.items():
        if old.page != docname or not old.label:
            continue
        if new.page == docname and new.label:
            for node in doctree.findall(nodes.Element):
                if new.label in node["ids"]:
                    node["ids"].append(old.label)
                    break
        else:
            first = next(iter(doctree.findall(nodes.section)), None)
            if first is not None:
                first.insert(0, nodes.inline("", "", ids=[old.label]))


def url(app: Sphinx, link: Link, from_page: str) -> str:
    """URL of `link` relative to `from_page`."""
    uri = app.builder.get_target_uri(link.page)
    here = posixpath.dirname(app.builder.get_target_uri(from_page))
    relative = posixpath.relpath(uri, here or ".")
    return relative + (f"#{link.label}" if link.label else "")


def anchor_map(app: Sphinx, page: str, redirects: dict[Link, Link]) -> dict[str, str]:
    """``{old label: URL}`` for the anchors of `page` that now live on another page."""
    moved = {}
    for old, new in redirects.items():
        if old.page == page and old.label:
            target = resolve(new, redirects)
            if target.page != page:
                moved[old.label] = url(app, target, page)
    return dict(sorted(moved.items()))


def page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """On a page whose anchors moved to another page, add the map and the script that uses it."""
    redirects = read_redirects(Path(app.srcdir) / REDIRECTS_FILE)
    moved = anchor_map(app, pagename, redirects)
    if moved:
        data = html.escape(json.dumps(moved, sort_keys=True), quote=False)
        context["metatags"] = context.get("metatags", "") + (
            f'<script type="application/json" id="lstm-anchor-redirects">{data}</script>\n'
            f'<script src="{context["pathto"]("_static/" + SCRIPT, 1)}"></script>\n'
        )


STUB = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script type="application/json" id="lstm-anchor-redirects">{moved}</script>
<script>
  const moved = JSON.parse(document.getElementById("lstm-anchor-redirects").textContent);
  const label = decodeURIComponent(location.hash.slice(1));
  location.replace(moved[label] || ("{target}" + location.hash));
</script>
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def write_stubs(app: Sphinx, exception: Exception | None) -> None:
    """Write a redirect page at the address of every page that is gone."""
    if exception is not None or app.builder.format != "html":
        return
    redirects = read_redirects(Path(app.srcdir) / REDIRECTS_FILE)
    gone = sorted({old.page for old in redirects if old.page not in app.env.all_docs})
    for page in gone:
        default = resolve(Link(page), redirects)
        if default.page == page:  # only anchors were redirected: go where the first one went
            default = next(resolve(o, redirects) for o in redirects if o.page == page)
        target = url(app, Link(default.page), page)
        # Labels that were renamed or moved, on this page or on the page it became.
        labels = {o.label for o in redirects if o.label and o.page in (page, default.page)}
        moved = {label: url(app, resolve(Link(page, label), redirects), page) for label in labels}
        title = app.env.titles[default.page].astext() if default.page in app.env.titles else ""
        text = STUB.format(
            title=html.escape(title),
            target=html.escape(target, quote=True),
            moved=html.escape(json.dumps(moved, sort_keys=True), quote=False),
        )
        path = Path(app.outdir) / app.builder.get_target_uri(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-check-consistency", check)
    app.connect("doctree-resolved", alias_ids)
    app.connect("html-page-context", page_script)
    app.connect("build-finished", write_stubs)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
