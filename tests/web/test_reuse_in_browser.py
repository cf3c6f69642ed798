"""Reuse in a real browser: the answer boxes copy Markdown from the keyboard, code copy buttons
leave out prompts and outputs, and redirects keep old links working.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

# The answer boxes and copy buttons read what they copied back from the clipboard.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_context_args(permissions=["clipboard-read", "clipboard-write"]),
]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from sphinx_command import sphinx_build  # noqa: E402  (tools/sphinx_command.py)

ANSWER_PAGES = {
    "index.html": "home",
    "how-to/shapes.html": "shapes-outputs",
    "explanation/inside-the-cell.html": "inside-the-cell-params",
    "explanation/state.html": "state-return-state",
    "explanation/coupled-units.html": "coupled-units",
}


def clipboard_after(page: Any, action: Callable[[], object], timeout: float = 10.0) -> str:
    """What the clipboard holds once `action` has copied something into it.

    Copying is asynchronous (``navigator.clipboard.writeText`` returns a promise), so the
    clipboard is cleared first and read until it changes, instead of once right after the click.
    """
    page.evaluate("navigator.clipboard.writeText('')")
    action()
    deadline = time.monotonic() + timeout
    while not (copied := page.evaluate("navigator.clipboard.readText()")):
        if time.monotonic() > deadline:
            raise AssertionError("nothing was copied to the clipboard")
        page.wait_for_timeout(50)
    return copied


def sentences(text: str) -> int:
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL).split("\nSource: ")[0]
    return len(re.findall(r"[.?!](?:\s|$)", prose.strip()))


@pytest.mark.parametrize(("page_name", "label"), sorted(ANSWER_PAGES.items()))
@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_answer_box_copies_markdown_from_the_keyboard(
    context: Any, site_url: str, page_name: str, label: str, key: str
) -> None:
    page = context.new_page()
    page.goto(site_url + page_name)
    boxes = page.locator("aside.answer-box")
    assert boxes.count() == 1, "one answer box per key page"
    box = boxes.first
    button = box.get_by_role("button", name="Copy this answer as Markdown")
    button.focus()
    assert page.evaluate("document.activeElement.className") == "answer-copy"
    page.keyboard.press(key)
    page.wait_for_function("document.querySelector('.answer-status').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Copied" in box.locator(".answer-status").inner_text()

    permalink = f"{site_url}{page_name}#{label}"
    assert copied.rstrip().endswith(f"]({permalink})"), copied
    assert "lstm-root:" not in copied
    assert 2 <= sentences(copied) <= 5, copied
    assert "```python\n" in copied  # a code line, fenced
    # The copied prose is the box's visible prose: written once, rendered twice.
    visible = " ".join(box.locator("p").nth(1).inner_text().split())
    flat = re.sub(r"[`*]", "", " ".join(copied.split()))
    assert visible in flat, (visible, flat)
    # The permalink lands on the section that holds the box.
    page.goto(permalink)
    assert page.locator(f"section#{label} aside.answer-box").count() == 1


#: The answer box's own words on the French edition (docs/_ext/answers.py's TRANSLATIONS).
FRENCH = {
    "title": "Réponse courte\u00a0:",
    "button": "Copier cette réponse en Markdown",
    "copied": "Copiée\u00a0: collez-la là où vous répondez.",
    "source": "\n\nSource\u00a0: [",
}


def test_the_french_answer_box_speaks_french(context: Any, site_url: str, site_dir: Path) -> None:
    page_name, label = "how-to/shapes.html", ANSWER_PAGES["how-to/shapes.html"]
    if not (site_dir / "fr" / page_name).is_file():
        pytest.skip("the site holds no French edition")
    page = context.new_page()
    page.goto(f"{site_url}fr/{page_name}")
    box = page.locator("aside.answer-box").first
    assert box.locator(".answer-box-title strong").inner_text().strip() == FRENCH["title"]
    button = box.get_by_role("button", name=FRENCH["button"], exact=True)
    copied = clipboard_after(page, button.click)
    page.wait_for_function("document.querySelector('.answer-status').textContent.length > 0")
    assert box.locator(".answer-status").inner_text() == FRENCH["copied"]
    assert FRENCH["source"] in copied, copied
    assert copied.rstrip().endswith(f"]({site_url}fr/{page_name}#{label})"), copied
    assert "Copy" not in box.inner_text()


def test_answer_numbers_are_the_page_s_computed_ones(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url + "explanation/inside-the-cell.html")
    page.get_by_role("button", name="Copy this answer as Markdown").click()
    page.wait_for_function("document.querySelector('.answer-status').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    from lstm_explained import param_count

    summary = page.locator("section#inside-the-cell-params").inner_text()
    numbers = re.findall(r"input_dim = (\d+) and units = (\d+)", " ".join(summary.split()))
    assert numbers, summary
    input_dim, units = map(int, numbers[0])
    assert str(param_count(input_dim, units)) in copied


#: Resolves after two frames: what came near the screen has been drawn by then.
_NEXT_FRAMES = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def test_code_copy_buttons_leave_out_prompts_and_outputs(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url + "reference/api.html")
    doctest = page.locator("div.highlight pre", has_text=">>> ").first
    doctest.hover()  # scrolls to it: the API's entries are drawn only near the screen, and the
    page.evaluate(_NEXT_FRAMES)  # text of an entry not drawn yet reads as empty
    text = doctest.inner_text()
    assert ">>> " in text
    button = page.locator("button.copybtn").nth(_index_of(page, doctest))
    copied = clipboard_after(page, button.click)
    commands = [line[4:] for line in text.splitlines() if line.startswith((">>> ", "... "))]
    assert [line for line in copied.splitlines() if line] == commands
    # Executed outputs have no copy button; code cells do.
    page.goto(site_url + "explanation/state.html")
    assert page.locator(".cell_input button.copybtn").count() > 0
    assert page.locator(".cell_output button.copybtn").count() == 0


def _index_of(page: Any, pre: Any) -> int:
    handle = pre.element_handle()
    return page.evaluate(
        "(pre) => [...document.querySelectorAll('button.copybtn')]"
        ".findIndex((b) => b.closest('div.highlight') === pre.closest('div.highlight'))",
        handle,
    )


# -- Redirects, on a throwaway site with the real extensions --------------------------------------

#: conf.py of the throwaway sites: only the extensions under test, set up as docs/conf.py does.
CONF = (
    "import os, sys; sys.path.insert(0, os.path.dirname(__file__))\n"
    "import site_anchors\n"
    "extensions = ['site_anchors', 'sphinx_reredirects']\nhtml_static_path = ['_static']\n"
    "redirects = site_anchors.page_redirects(os.path.dirname(__file__))\n"
    "redirect_html_template_file = 'redirect.html'\n"
)
REDIRECTS = """\
# a comment
old-page new-page
new-page#old-label new-page#new-label
new-page#moved other#moved-here
old-page#left-behind other#moved-here
"""


@pytest.fixture(scope="module")
def redirect_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A tiny site where a page was renamed, a label renamed and a section moved, served."""
    src = tmp_path_factory.mktemp("redirects") / "docs"
    (src / "_static").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "_ext" / "site_anchors.py", src / "site_anchors.py")
    shutil.copy(ROOT / "docs" / "_static" / "anchor-redirects.js", src / "_static")
    shutil.copy(ROOT / "docs" / "_templates" / "redirect.html", src / "redirect.html")
    (src / "conf.py").write_text(CONF)
    (src / "index.rst").write_text(".. toctree::\n\n   new-page\n   other\n\nHome\n====\n")
    (src / "new-page.rst").write_text(
        textwrap.dedent("""\
        New page
        ========

        .. _new-label:

        Renamed section
        ---------------

        Text.
        """)
    )
    (src / "other.rst").write_text("Other\n=====\n\n.. _moved-here:\n\nMoved\n-----\n\nText.\n")
    (src / "redirects.txt").write_text(REDIRECTS)
    (src / "anchors.txt").write_text(
        "new-page#new-label\nnew-page#old-label\nold-page#old-label\nnew-page#moved\n"
        "old-page#left-behind\n"
    )
    out = src.parent / "html"
    done = subprocess.run(
        sphinx_build(src, out, doctrees=src.parent / "doctrees", jobs=1, quiet=True),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("old", "new", "section"),
    [
        ("old-page.html", "new-page.html", ""),
        # The page that moved keeps the link's label (sphinx-reredirects) ...
        ("old-page.html#new-label", "new-page.html#new-label", "new-label"),
        # ... where the section also carries its old label (site_anchors) ...
        ("old-page.html#old-label", "new-page.html#old-label", "new-label"),
        # ... or a script sends the reader on to the page the section moved to.
        ("old-page.html#left-behind", "other.html#moved-here", "moved-here"),
        ("new-page.html#moved", "other.html#moved-here", "moved-here"),
    ],
)
def test_old_links_lead_to_the_new_place(
    context: Any, redirect_site: str, old: str, new: str, section: str
) -> None:
    page = context.new_page()
    page.goto(redirect_site + old)
    page.wait_for_url(redirect_site + new)
    label = new.partition("#")[2]
    if label:  # the browser lands on the element with the label's id, in the right section
        target = page.locator(f"[id='{label}']")
        assert target.count() == 1
        assert section in target.evaluate(SECTION_IDS)


#: The ids of the section around an element: its own and those of the spans that open it.
SECTION_IDS = """(e) => {
  const s = e.closest('section');
  return [s.id, ...Array.from(s.querySelectorAll(':scope > span[id]'), (x) => x.id)];
}"""


def test_a_renamed_label_still_works_without_javascript(
    redirect_site: str, new_context: Any
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(redirect_site + "new-page.html#old-label")
    # The old id sits in the renamed section, so the browser scrolls to it without a script.
    assert page.locator("section:has(> [id='new-label'], [id='old-label'])").count() >= 1
    old = page.locator("[id='old-label']")
    assert old.count() == 1
    assert old.evaluate("(e) => e.closest('section').querySelector('h2').textContent").startswith(
        "Renamed section"
    )


def test_the_page_left_at_the_old_address_is_the_site_s_template(redirect_site: str) -> None:
    """A small page that names no other host, tells search engines to skip it, links onwards."""
    html = urllib.request.urlopen(redirect_site + "old-page.html").read().decode()
    assert html == (ROOT / "docs" / "_templates" / "redirect.html").read_text().replace(
        "${to_uri}", "new-page.html"
    )
    assert '<meta name="robots" content="noindex">' in html


def test_a_removed_anchor_without_redirect_fails_the_build(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(ROOT / "docs" / "_ext" / "site_anchors.py", src / "site_anchors.py")
    (src / "conf.py").write_text(CONF)
    (src / "_static").mkdir()
    (src / "index.rst").write_text("Home\n====\n\n.. _kept:\n\nKept\n----\n\nText.\n")
    (src / "anchors.txt").write_text("index#kept\nindex#gone\n")
    command = sphinx_build(src, tmp_path / "o", doctrees=tmp_path / "dt", jobs=1, quiet=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "public anchor index#gone" in done.stderr
    (src / "redirects.txt").write_text("index#gone index#kept\n")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
