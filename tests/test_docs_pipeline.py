"""The docs pipeline refuses to publish a wrong page.

Each test builds a tiny throwaway site in a temporary folder with the REAL settings: it copies
``docs/conf.py``, ``docs/_ext``, ``docs/_static`` and ``docs/_templates`` and runs the strict
command of ``nox -s docs`` (``tools/sphinx_command.py``). The real pages are never broken on
purpose. A failing build is judged on the failure itself: the page named in a warning of the
build's ``-w`` log (what ``nox -s docs`` lists), with the error that failed it. A page's name
alone in the output proves nothing, since MyST-NB logs every page it executes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("myst_nb")
pytestmark = pytest.mark.docs_build

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "tools"))
from sphinx_command import sphinx_build  # noqa: E402  (tools/sphinx_command.py)
from sphinx_log import failing_pages  # noqa: E402  (tools/sphinx_log.py)

FRONT_MATTER = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---
"""


def page(title: str, body: str) -> str:
    """A MyST-NB page with the real front matter."""
    return f"{FRONT_MATTER}\n# {title}\n\n{textwrap.dedent(body)}"


def code_cell(source: str, tags: str = "") -> str:
    options = f":tags: [{tags}]\n" if tags else ""
    return f"```{{code-cell}} ipython3\n{options}{textwrap.dedent(source).strip()}\n```\n"


@dataclass
class Build:
    returncode: int
    log: str
    warnings: str  # what Sphinx wrote to its -w file: the warnings and errors only
    failing: list[str]  # the pages named in them, as ``nox -s docs`` lists them

    def failed_because(self, name: str, error: str) -> bool:
        """Whether a warning names page `name` (``x.md``) together with `error`."""
        return any(
            line.split(":", 1)[0].endswith(f"/{name}") and error in line
            for line in self.warnings.splitlines()
        )

    @property
    def executed(self) -> set[str]:
        """The pages the build executed (rather than took from the cache)."""
        pattern = re.compile(r"([\w-]+)\.md: Executing notebook")
        return set(pattern.findall(self.log))


class Site:
    """A throwaway site: the real conf.py, extensions and static files, pages of our own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.src = root / "docs"
        self.src.mkdir(parents=True)
        shutil.copy(DOCS / "conf.py", self.src / "conf.py")
        # The project's files: conf.py reads pyproject.toml's extras, and the site's wheel
        # (docs/_ext/package_wheel.py) is built from them and the stand-in package below.
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            shutil.copy(ROOT / name, root / name)
        shutil.copytree(DOCS / "_ext", self.src / "_ext")
        shutil.copytree(DOCS / "_static", self.src / "_static")
        shutil.copytree(DOCS / "_templates", self.src / "_templates")
        # A stand-in for the package, first on PYTHONPATH: the cache key hashes the package
        # that the kernels would import.
        (root / "lstm_explained").mkdir()
        (root / "lstm_explained" / "__init__.py").write_text("VERSION = 1\n")

    def write(self, name: str, text: str) -> None:
        (self.src / name).write_text(text)

    def index(self, *names: str) -> None:
        toctree = "\n".join(names)
        self.write("index.md", page("Home", f"```{{toctree}}\n{toctree}\n```\n"))

    def build(self, *options: str, html: str = "html", env: dict[str, str] | None = None) -> Build:
        """Build into ``build/<html>`` with extra sphinx-build `options` and environment `env`."""
        out = self.root / "build"
        shutil.rmtree(out / html, ignore_errors=True)
        log = out / f"{html}-warnings.log"
        log.unlink(missing_ok=True)
        command = sphinx_build(
            self.src, out / html, doctrees=out / "doctrees" / html, jobs=1, warnings_log=log,
            extra=options,
        )  # fmt: skip
        env = {
            **_clean_env(),
            "LSTM_EXPLAINED_NB_CACHE": str(out / "cache"),
            "PYTHONPATH": str(self.root),
            **(env or {}),
        }
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=600, cwd=self.root
        )
        warnings = log.read_text() if log.exists() else ""
        pages = [Path(page).name for page in failing_pages(log, self.src)]
        return Build(done.returncode, done.stdout + done.stderr, warnings, pages)


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("LSTM_EXPLAINED_")}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


def test_a_correct_page_builds(site: Site) -> None:
    site.index("good")
    site.write("good.md", page("Good", code_cell("assert 1 + 1 == 2\nprint('fine')")))
    build = site.build()
    assert build.returncode == 0, build.log
    assert "fine" in (site.root / "build" / "html" / "good.html").read_text()


def test_a_cell_that_raises_fails_the_build(site: Site) -> None:
    site.index("broken")
    site.write("broken.md", page("Broken", code_cell("raise RuntimeError('drift')")))
    build = site.build()
    assert build.returncode != 0
    assert build.failing == ["broken.md"]
    assert build.failed_because("broken.md", "CellExecutionError")


def test_a_broken_cross_reference_fails_the_build(site: Site) -> None:
    site.index("xref")
    site.write("xref.md", page("Xref", "See {ref}`no-such-label`.\n"))
    build = site.build()
    assert build.returncode != 0
    assert build.failing == ["xref.md"]
    assert build.failed_because("xref.md", "undefined label: 'no-such-label'")


def test_output_on_stderr_fails_the_build(site: Site) -> None:
    site.index("noisy")
    site.write("noisy.md", page("Noisy", code_cell("import sys\nsys.stderr.write('log noise')")))
    build = site.build()
    assert build.returncode != 0
    assert build.failing == ["noisy.md"]
    assert build.failed_because("noisy.md", "stderr")


def test_a_python_warning_fails_the_build(site: Site) -> None:
    site.index("warns")
    site.write("warns.md", page("Warns", code_cell("import warnings\nwarnings.warn('careful')")))
    build = site.build()
    assert build.returncode != 0
    assert build.failing == ["warns.md"]
    assert build.failed_because("warns.md", "stderr")


def test_printed_output_is_the_same_on_a_slow_machine(site: Site) -> None:
    # On a loaded machine ipykernel's flush timer could fire between a print's text and its
    # newline; MyST-NB's stream merging then added a blank line, and two builds differed.
    # The sleep makes that split certain unless the kernel profile turns the timer off.
    site.index("slow")
    cell = 'import time\nprint("first", end="")\ntime.sleep(0.5)\nprint("\\nsecond")'
    site.write("slow.md", page("Slow", code_cell(cell)))
    build = site.build()
    assert build.returncode == 0, build.log
    html = (site.root / "build" / "html" / "slow.html").read_text()
    assert "first\nsecond\n</pre>" in html


def test_raises_exception_cell_must_still_raise(site: Site) -> None:
    site.index("raises", "silent")
    site.write("raises.md", page("Raises", code_cell("1 / 0", tags="raises-exception")))
    site.write("silent.md", page("Silent", code_cell("1 / 1", tags="raises-exception")))
    build = site.build()
    assert build.returncode != 0
    assert build.failing == ["silent.md"]
    assert build.failed_because("silent.md", "did not raise")


def test_an_error_shown_on_purpose_names_no_path_of_the_build_machine(site: Site) -> None:
    """The page kernels' short traceback: the page's line and the exception, no library file."""
    site.index("shown")
    cell = "import json\njson.loads('{')"
    site.write("shown.md", page("Shown", code_cell(cell, tags="raises-exception")))
    build = site.build()
    assert build.returncode == 0, build.log
    page_html = (site.root / "build" / "html" / "shown.html").read_text()
    html = unescape(re.sub(r"<[^>]+>", "", page_html))  # the text, without the highlighting
    assert "Cell In[1], line 2\n    json.loads('{')" in html
    assert "JSONDecodeError" in html
    assert "frame(s) inside installed libraries left out" in html
    for leak in ("site-packages", sys.prefix, str(Path(json.__file__).parent), str(site.root)):
        assert leak not in html, leak


def test_every_failing_page_is_listed(site: Site) -> None:
    site.index("one", "two")
    site.write("one.md", page("One", code_cell("raise ValueError('one')")))
    site.write("two.md", page("Two", code_cell("raise ValueError('two')")))
    build = site.build()
    assert build.returncode != 0
    assert sorted(build.failing) == ["one.md", "two.md"]
    assert build.failed_because("one.md", "CellExecutionError")
    assert build.failed_because("two.md", "CellExecutionError")


def test_the_cache_reexecutes_only_what_changed(site: Site) -> None:
    site.index("a", "b")
    site.write("a.md", page("A", code_cell("print('a')")))
    site.write("b.md", page("B", code_cell("print('b')")))
    assert site.build().executed == {"index", "a", "b"}
    assert site.build().executed == set(), "an unchanged rebuild must execute nothing"
    site.write("a.md", page("A", code_cell("print('a, edited')")))
    assert site.build().executed == {"a"}, "editing one page re-executes that page only"
    site.write("b.md", page("B, retitled", code_cell("print('b')")))
    assert site.build().executed == set(), "editing prose alone re-executes nothing"
    (site.root / "lstm_explained" / "__init__.py").write_text("VERSION = 2\n")
    assert site.build().executed == {"index", "a", "b"}, "a package change re-executes all"


def test_a_failure_is_not_hidden_by_a_rebuild(site: Site) -> None:
    site.index("broken")
    site.write("broken.md", page("Broken", code_cell("raise RuntimeError('drift')")))
    assert site.build().failing == ["broken.md"]
    again = site.build()
    assert again.returncode != 0, "the second build must fail too"
    assert again.failed_because("broken.md", "CellExecutionError")


def plain_page(title: str, body: str) -> str:
    """A MyST page that is not a notebook: nothing to execute, so no kernel starts."""
    return f"# {title}\n\n{textwrap.dedent(body)}"


def plain_site(site: Site, pages: dict[str, str]) -> None:
    """A home page listing `pages` (name: body), all plain MyST."""
    toctree = "\n".join(pages)
    site.write(
        "index.md", plain_page("Home", f"The home page.\n\n```{{toctree}}\n{toctree}\n```\n")
    )
    for name, body in pages.items():
        site.write(f"{name}.md", plain_page(name.capitalize(), body))


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_parallel_build_keeps_extension_data_and_gives_the_same_bytes(site: Site) -> None:
    # Parallel readers keep what extensions store about a page (docs/_ext/_envdata.py) on their
    # own copy of the environment; it must reach the main one, or the calculator loses its test
    # cases. The link previews (sphinxext-opengraph), their cards included, must not depend on
    # the order in which the pages were read or written either.
    pages = {
        f"page{k}": f"Page {k} opens with its answer.\n\n## More\n\nText.\n" for k in range(8)
    }
    pages["calc"] = "The calculator opens here.\n\n```{shapes-calculator}\n```\n"
    plain_site(site, pages)
    serial = site.build(html="serial")
    assert serial.returncode == 0, serial.log
    parallel = site.build("-j", "2", html="parallel")
    assert parallel.returncode == 0, parallel.log
    out = site.root / "build" / "parallel"
    for k in range(8):
        text = (out / f"page{k}.html").read_text()
        assert f'<meta name="description" content="Page {k} opens with its answer." />' in text
    assert len(list((out / "_images" / "social_previews").glob("*.png"))) == len(pages) + 1
    calc = (out / "calc.html").read_text()
    assert '<div class="lstm-calc" id="lstm-calc" hidden>' in calc
    assert "_static/calculator.js" in calc
    assert (out / "_static" / "calculator-cases.json").is_file()
    assert "_static/calculator.js" not in (out / "page0.html").read_text()
    before, after = files(site.root / "build" / "serial"), files(out)
    assert sorted(before) == sorted(after)
    assert [name for name in before if before[name] != after[name]] == []


def test_a_bad_base_url_stops_the_build_and_names_it(site: Site) -> None:
    plain_site(site, {"good": "Fine.\n"})
    build = site.build(env={"LSTM_EXPLAINED_BASE_URL": "example.org/lstm/"})
    assert build.returncode != 0
    assert "LSTM_EXPLAINED_BASE_URL='example.org/lstm/'" in build.log
    assert not (site.root / "build" / "html" / "index.html").exists()


def test_the_base_url_gets_its_slash_once_for_every_extension(site: Site) -> None:
    # GitHub's Pages action gives the address without a trailing slash.
    plain_site(site, {"good": "Fine.\n"})
    build = site.build(env={"LSTM_EXPLAINED_BASE_URL": "https://example.org/lstm"})
    assert build.returncode == 0, build.log
    out = site.root / "build" / "html"
    text = (out / "good.html").read_text()
    assert '<link rel="canonical" href="https://example.org/lstm/good.html"' in text
    assert '<meta property="og:url" content="https://example.org/lstm/good.html" />' in text
    card = re.search(r'<meta property="og:image" content="([^"]+)" />', text)
    assert card is not None
    cards = r"https://example\.org/lstm/_images/social_previews/summary_good_\w+\.png"
    assert re.fullmatch(cards, card[1]), card[1]
    assert "<loc>https://example.org/lstm/good.html</loc>" in (out / "sitemap.xml").read_text()
    assert "Sitemap: https://example.org/lstm/sitemap.xml" in (out / "robots.txt").read_text()


def test_with_a_repository_every_page_links_to_its_source(site: Site) -> None:
    plain_site(site, {"good": "Fine.\n"})
    plain = site.build()
    assert plain.returncode == 0, plain.log
    repository = "https://github.com/user/lstm-explained"
    assert repository not in (site.root / "build" / "html" / "good.html").read_text()
    env = {"LSTM_EXPLAINED_REPOSITORY_URL": repository + ".git"}
    build = site.build(env=env)
    assert build.returncode == 0, build.log
    text = (site.root / "build" / "html" / "good.html").read_text()
    assert f'href="{repository}/blob/main/docs/good.md"' in text
    assert f'href="{repository}/edit/main/docs/good.md"' in text


def test_a_bad_repository_stops_the_build_and_names_it(site: Site) -> None:
    plain_site(site, {"good": "Fine.\n"})
    build = site.build(env={"LSTM_EXPLAINED_REPOSITORY_URL": "https://example.org/user/lstm"})
    assert build.returncode != 0
    assert "LSTM_EXPLAINED_REPOSITORY_URL='https://example.org/user/lstm'" in build.log


def test_a_page_type_and_description_come_from_its_front_matter(site: Site) -> None:
    """``og:type`` (sphinxext-opengraph's own field) and the description (site_plumbing)."""
    plain_site(site, {"short": "Opens briefly.\n\n## Next\n\nMore text.\n"})
    toctree = "```{toctree}\nshort\nother\n```\n"
    site.write("index.md", f"---\nog:type: website\n---\n# Home\n\nThe home page.\n\n{toctree}")
    front = "---\ndescription: Given  in the\n  front matter.\n---\n"
    site.write("other.md", f"{front}# Other\n\nText.\n")
    build = site.build()
    assert build.returncode == 0, build.log
    out = site.root / "build" / "html"
    home, short, other = (
        (out / f"{name}.html").read_text() for name in ("index", "short", "other")
    )
    assert '<meta property="og:type" content="website" />' in home
    assert '<meta property="og:type" content="article" />' in short
    # Without a description of its own, a page's preview text is its opening paragraph.
    assert '<meta property="og:description" content="Opens briefly." />' in short
    assert '<meta name="description" content="Opens briefly." />' in short
    for tag in ('property="og:description"', 'name="description"'):
        assert f'<meta {tag} content="Given in the front matter." />' in other
        assert other.count(tag) == 1


@pytest.mark.parametrize("base", ["", "https://example.org/lstm"])
def test_the_404_page_links_from_the_site_s_root(site: Site, base: str) -> None:
    """Served at any depth, the 404 page's every link starts at the site's root (or is #)."""
    plain_site(site, {"good": "Fine.\n"})
    site.write("404.md", "# Not found\n\nTry {doc}`good` or [home](index.md).\n")
    build = site.build(env={"LSTM_EXPLAINED_BASE_URL": base})
    assert build.returncode == 0, build.log
    text = (site.root / "build" / "html" / "404.html").read_text()
    root = "/lstm/" if base else "/"
    urls = re.findall(r'(?:href|src|action)="([^"]*)"', text)
    assert f'href="{root}good.html"' in text
    assert f'href="{root}index.html"' in text
    assert f'href="{root}_static/styles/furo.css' in text
    assert f'data-content_root="{root}"' in text
    outside = [u for u in urls if not u.startswith((root, "#", "https://"))]
    assert outside == []
