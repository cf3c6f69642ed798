"""The built site is made to be linked, previewed, reused and hosted (issue 8), checked as files.

Stable anchors (with redirects), link previews, the sitemap, robots.txt, the 404 page, the
favicon, the figures page, the licence and citation, git dates and the changelog. The browser
checks (copying answers and code) are in ``test_reuse_in_browser.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

bs4 = pytest.importorskip("bs4")
yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
sys.path.insert(0, str(ROOT / "tools"))

import anchors as anchors_tool  # noqa: E402  (tools/anchors.py)
import site_anchors  # noqa: E402  (docs/_ext/site_anchors.py)

MAIN_PAGES = {
    "index.html",
    "explanation/question.html",
    "how-to/shapes.html",
    "explanation/inside-the-cell.html",
    "explanation/state.html",
    "explanation/coupled-units.html",
}
NO_SOURCE = {"genindex.html", "search.html", "py-modindex.html"}


@cache
def soup(path: Path) -> object:
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def is_stub(path: Path) -> bool:
    """A redirect page written for a page that moved."""
    return soup(path).find("meta", attrs={"http-equiv": "refresh"}) is not None


@pytest.fixture(scope="module")
def pages(site_dir: Path, site_pages: list[Path]) -> dict[str, Path]:
    """The real pages (not redirect stubs), by path relative to the site."""
    return {
        p.relative_to(site_dir).as_posix(): p
        for p in site_pages
        if not is_stub(p) and p.relative_to(site_dir).as_posix() not in NO_SOURCE
    }


@pytest.fixture(scope="module")
def built_base(site_dir: Path) -> str:
    """The base URL the site was built with ("" for a local build), read from its canonical.

    (Not ``base_url``: pytest-playwright has a fixture of that name.)
    """
    link = soup(site_dir / "index.html").find("link", rel="canonical")
    return link["href"].removesuffix("index.html") if link else ""


def meta(path: Path, key: str) -> str | None:
    tag = soup(path).find("meta", attrs={"property": key}) or soup(path).find(
        "meta", attrs={"name": key}
    )
    return tag["content"] if tag else None


def local_file(site_dir: Path, page: Path, url: str, base: str) -> Path:
    """The file of the site that `url` (as written in `page`) points to.

    `url` is absolute under the base URL `base`, a path from the root of the host (``/...``,
    under the base URL's path when there is one), or relative to `page`.
    """
    root = urlsplit(base).path or "/"
    if base and url.startswith(base):
        return site_dir / urlsplit(url[len(base) :]).path
    assert "://" not in url, f"{url} points to another site"
    if url.startswith("/"):
        assert url.startswith(root), f"{url} is outside the site's root {root}"
        return site_dir / urlsplit(url[len(root) :]).path
    return (page.parent / urlsplit(url).path).resolve()


#: The folders of the translated sites (docs/_ext/languages.py): ``fr/``.
TRANSLATED = ("fr",)


def language_of(name: str) -> str:
    """The language of a page, from its path in the site (``fr/...`` is French)."""
    first = name.split("/", 1)[0]
    return first if first in TRANSLATED and "/" in name else "en"


def source_of(site_dir: Path, page: Path) -> list[Path]:
    """What a page is made from: its source, and a translated page's catalogue."""
    name = page.relative_to(site_dir).as_posix()
    language = language_of(name)
    docname = name.removeprefix(f"{language}/") if language != "en" else name
    sources = [ROOT / "docs" / Path(docname).with_suffix(".md")]
    if language != "en":
        sources.append(ROOT / "docs" / "locales" / language / "LC_MESSAGES" / f"{docname[:-5]}.po")
    return sources


def git_date(paths: list[Path]) -> str:
    """The date of the last commit that touched any of `paths` (the repository's, for none)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    files = [str(path) for path in paths]
    return git("log", "-1", "--format=%cs", "--", *files) or git("log", "-1", "--format=%cs")


# -- 1. Stable anchors ----------------------------------------------------------------------------


def test_every_explicit_label_is_in_the_committed_list() -> None:
    missing = set(anchors_tool.current()) - set(anchors_tool.listed())
    assert not missing, f"run python tools/anchors.py --update; not listed: {sorted(missing)}"


def test_the_list_covers_the_main_pages() -> None:
    pages = {anchor.split("#")[0] for anchor in anchors_tool.listed()}
    assert {"index", "how-to/shapes", "explanation/state", "explanation/coupled-units"} <= pages


def test_every_listed_anchor_exists_or_is_redirected(site_dir: Path) -> None:
    redirects = site_anchors.read_redirects(ROOT / "docs" / site_anchors.REDIRECTS_FILE)
    broken = []
    for text in anchors_tool.listed():
        anchor = site_anchors.Link.parse(text)
        target = site_anchors.resolve(anchor, redirects)
        page = site_dir / f"{anchor.page}.html"
        if page.is_file() and soup(page).find(id=anchor.label) is not None:
            continue
        # Gone: it must be redirected, and the redirect must lead to a real anchor.
        new_page = site_dir / f"{target.page}.html"
        if target == anchor or not new_page.is_file() or not soup(new_page).find(id=target.label):
            broken.append(text)
    assert not broken, f"anchors gone without a working redirect: {broken}"


def test_a_labelled_section_s_id_is_its_label_not_its_heading(site_dir: Path) -> None:
    page = soup(site_dir / "explanation" / "state.html")
    section = page.find(id="state-return-state")
    assert section is not None
    assert section.name == "section"


# -- 2. Link previews (sphinxext-opengraph) -----------------------------------------------------


def test_every_page_has_a_title_a_description_and_a_preview_card(
    site_dir: Path, pages: dict[str, Path], built_base: str
) -> None:
    problems = []
    for name, path in pages.items():
        for key in ("og:title", "og:description", "og:type", "og:image", "og:image:alt"):
            if not meta(path, key):
                problems.append(f"{name}: no {key}")
        if meta(path, "twitter:card") != "summary_large_image":  # X reads og:* for the rest
            problems.append(f"{name}: no large twitter:card")
        texts = {meta(path, key) for key in ("description", "og:description", "og:image:alt")}
        if len(texts) != 1:
            problems.append(f"{name}: meta description, og:description and card alt differ")
        image = meta(path, "og:image")
        if image and not local_file(site_dir, path, image, built_base).is_file():
            problems.append(f"{name}: {image} does not exist")
        description = meta(path, "og:description") or ""
        if len(description) < 40:
            problems.append(f"{name}: description too short: {description!r}")
    assert not problems


def test_the_home_page_is_a_website_and_the_others_articles(pages: dict[str, Path]) -> None:
    types = {name: meta(path, "og:type") for name, path in pages.items()}
    for home in ["index.html", *(f"{code}/index.html" for code in TRANSLATED)]:
        assert types.pop(home) == "website", home
    assert set(types.values()) == {"article"}


def test_each_page_has_its_own_card_a_png_of_the_size_it_states(
    site_dir: Path, pages: dict[str, Path], built_base: str
) -> None:
    cards = {}
    for name, path in pages.items():
        card = local_file(site_dir, path, meta(path, "og:image"), built_base)
        header = card.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", name
        size = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert size == (int(meta(path, "og:image:width")), int(meta(path, "og:image:height")))
        assert size[0] >= 1000, size  # a large card (summary_large_image) ...
        assert 1.8 < size[0] / size[1] < 2, size  # ... about 1.91:1, as previews expect
        cards[name] = card
    assert len(set(cards.values())) == len(cards), "two pages share a card"
    drawn = set((site_dir / "_images" / "social_previews").glob("*.png"))
    for code in TRANSLATED:
        drawn |= set((site_dir / code / "_images" / "social_previews").glob("*.png"))
    assert drawn == set(cards.values()), "a card that no page uses"


def test_descriptions_differ_between_pages(pages: dict[str, Path]) -> None:
    descriptions = [meta(path, "og:description") for path in pages.values()]
    assert len(set(descriptions)) == len(descriptions)


def test_canonical_url_exactly_when_a_base_url_is_configured(
    site_dir: Path, pages: dict[str, Path], built_base: str
) -> None:
    for name, path in pages.items():
        canonical = soup(path).find("link", rel="canonical")
        if built_base:
            assert canonical is not None
            assert canonical["href"] == built_base + name
            assert meta(path, "og:url") == built_base + name
            assert meta(path, "og:image").startswith(built_base)
        else:  # sphinxext-opengraph: paths from the root of the host (conf.py, ogp_site_url)
            assert canonical is None
            assert meta(path, "og:url") == "/" + name
            language = language_of(name)
            folder = "" if language == "en" else f"{language}/"
            assert meta(path, "og:image").startswith(f"/{folder}_images/social_previews/")


# -- 5. Plumbing: sitemap, robots.txt, 404, favicon -----------------------------------------------


def test_the_sitemap_lists_every_page_with_its_git_date(
    site_dir: Path, pages: dict[str, Path], built_base: str
) -> None:
    tree = ET.parse(site_dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in tree.getroot().findall("s:url", ns)
    }
    expected = {
        built_base + name: git_date(source_of(site_dir, path))
        for name, path in pages.items()
        if name.split("/")[-1] != "404.html"
    }
    assert listed == expected


def test_robots_txt_allows_all_and_names_the_sitemap(site_dir: Path, built_base: str) -> None:
    text = (site_dir / "robots.txt").read_text()
    assert "User-agent: *" in text
    if built_base.startswith(("http://", "https://")):
        assert f"Sitemap: {built_base}sitemap.xml" in text.splitlines()
    else:  # robots.txt only takes an absolute sitemap URL
        assert "Sitemap:" not in text


def test_the_404_page_helps(site_dir: Path, built_base: str) -> None:
    page = soup(site_dir / "404.html")
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    form = page.find("form", class_="not-found-search")
    assert form is not None
    assert form.find("input", attrs={"name": "q"}) is not None
    article = page.find("article")
    links = {a["href"].split("#")[0] for a in article.find_all("a", href=True)}
    root = urlsplit(built_base).path or "/"
    # Served for a missing path at any depth, the page links from the site's root: the theme's
    # links (sphinx-notfound-page) and the page's own (site_plumbing) alike.
    assert form["action"] == root + "search.html"
    assert page.find("html")["data-content_root"] == root
    assert links >= {root + name for name in MAIN_PAGES}, links
    for link in links - {""}:
        assert "://" in link or link.startswith(root), link
        if "://" not in link:
            assert (site_dir / link.removeprefix(root)).is_file(), link
    for tag, attr in (("link", "href"), ("script", "src"), ("a", "href")):
        for element in page.find_all(tag, attrs={attr: True}):
            url = element[attr]
            assert url.startswith((root, "#", "https://")), url


def test_every_page_links_an_existing_favicon(
    site_dir: Path, pages: dict[str, Path], built_base: str
) -> None:
    for name, path in pages.items():
        icon = soup(path).find("link", rel=lambda rel: rel and "icon" in rel)
        assert icon is not None, name
        assert local_file(site_dir, path, icon["href"], built_base).is_file(), name


def test_copybutton_leaves_out_prompts_and_outputs(site_dir: Path) -> None:
    script = (site_dir / "_static" / "copybutton.js").read_text()
    exclude = re.search(r"exclude = '([^']*)'", script) or re.search(
        r'exclude = "([^"]*)"', script
    )
    assert exclude is not None
    assert {".gp", ".go"} <= {s.strip() for s in exclude[1].split(",")}
    assert "div:not(.output) > div.highlight > pre" in script
    prompt = re.search(r"copybutton_prompt_text\W+['\"](.*?)['\"]", script) or re.search(
        r"formatCopyText\([^,]+, ['\"](.*?)['\"]", script
    )
    assert prompt is not None
    assert ">>>" in prompt[1]


# -- 4. Figures, licence, citation --------------------------------------------------------------


@pytest.fixture(scope="module")
def figures_page(site_dir: Path) -> Path:
    return site_dir / "reference" / "figures.html"


def test_the_figures_page_lists_every_figure_with_svg_and_png(figures_page: Path) -> None:
    from lstm_explained.figures.cli import figure_set

    names = [name for name, _ in figure_set(4, 3, 5, "light")]
    blocks = soup(figures_page).find_all("div", class_="figure-download")
    assert [block["id"].removeprefix("figure-") for block in blocks] == names
    for block in blocks:
        hrefs = [a["href"] for a in block.find_all("a", href=True)]
        assert {Path(h).suffix for h in hrefs} == {".svg", ".png"}
        assert len(hrefs) == 4  # SVG and PNG, light and dark
        for href in hrefs:
            assert (figures_page.parent / href).resolve().is_file(), href
        alt = block.find("p", class_="figure-alt").get_text()
        assert alt.startswith("Alt text:")
        assert len(alt.split()) > 10


def test_downloaded_files_are_what_the_package_draws(site_dir: Path) -> None:
    import io

    from lstm_explained.figures.cli import PNG_DPI, figure_set
    from lstm_explained.figures.style import save_figure

    name, draw = next(iter(figure_set(4, 3, 5, "light")))
    buffer = io.BytesIO()
    save_figure(draw().figure, buffer, "svg")
    assert (site_dir / "_figures" / f"{name}.svg").read_bytes() == buffer.getvalue()
    assert PNG_DPI >= 100
    assert (site_dir / "_figures" / f"{name}.png").stat().st_size > 10_000
    readme = (site_dir / "_figures" / "README.md").read_text()
    assert "CC BY 4.0" in readme


def test_licences_are_stated_on_the_site_and_in_the_repository(
    figures_page: Path, pages: dict[str, Path]
) -> None:
    text = soup(figures_page).get_text(" ")
    assert "CC BY 4.0" in text
    assert "MIT" in text
    hrefs = {a["href"] for a in soup(figures_page).find_all("a", href=True)}
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs
    content = (ROOT / "LICENSE-CONTENT").read_text()
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "CC BY 4.0" in readme
    assert "MIT" in readme
    for path in pages.values():  # the footer of every page states both
        footer = soup(path).find("footer").get_text(" ")
        assert "CC BY 4.0" in footer, path
        assert "MIT" in footer, path


def test_the_citation_is_rendered_from_citation_cff(figures_page: Path) -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["license"] == "CC-BY-4.0"
    section = soup(figures_page).find(id="figures-cite")
    text = section.get_text(" ")
    assert cff["title"] in text
    assert str(cff["version"]) in text
    assert "@misc{" in section.get_text("")


# -- 7. Dates from git, and the changelog ---------------------------------------------------------


def test_every_page_shows_its_git_date(site_dir: Path, pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        expected = git_date(source_of(site_dir, path))
        # An empty date would be "in" any footer: the test needs git's answer to mean something.
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected), f"git gave no date for {name}"
        assert meta(path, "dcterms.modified") == expected, name
        footer = soup(path).find("div", class_="last-updated")
        assert footer is not None, name
        assert expected in footer.get_text(), name


def undo_smartquotes(text: str) -> str:
    """`text` with the typographic characters of Sphinx's smartquotes made plain again."""
    table = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."}
    for typographic, plain in {**table, "\u2014": "---", "\u2013": "--"}.items():
        text = text.replace(typographic, plain)
    return text


def test_the_changelog_is_the_git_history(site_dir: Path) -> None:
    done = subprocess.run(
        ["git", "log", "--format=%cs%x09%s"], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip("no git history here")
    commits = [line.split("\t", 1) for line in done.stdout.splitlines() if line]
    page = soup(site_dir / "changelog.html")
    items = [
        " ".join(li.get_text(" ").split())
        for li in page.find(id="changelog-history").find_all("li")
    ]
    assert len(items) == len(commits)
    for item, (date, subject) in zip(items, commits, strict=True):
        # The page sets subjects in Sphinx's typography (smart quotes, dashes, ellipses).
        assert undo_smartquotes(item).startswith(" ".join(subject.split())), (item, subject)
        assert page.find(id=f"changelog-{date}") is not None
