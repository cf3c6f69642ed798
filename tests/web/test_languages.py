"""The French edition against the English one, page by page, as built files (issue 18).

Both languages come from the same sources and the same execution cache, so everything that was
computed (the outputs of the cells, the numbers and shapes glued into the prose) must be equal
in both; what differs is the prose around them. The French pages live under ``fr/`` with the
same paths and the same anchor ids, say ``lang="fr"``, name each other with ``hreflang``, and
are listed in the one sitemap at the site's root.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

bs4 = pytest.importorskip("bs4")

FRENCH = "fr"
#: Folders of the built site that are not pages (assets, downloads, figures).
NOT_PAGES = ("_", ".")


def copy(page: Any) -> Any:
    return bs4.BeautifulSoup(str(page), "html.parser")


def soup(path: Path) -> Any:
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def english_pages(site_dir: Path) -> list[str]:
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if not path.relative_to(site_dir).parts[0].startswith(NOT_PAGES)
        and path.relative_to(site_dir).parts[0] != FRENCH
    )


@pytest.fixture(scope="module")
def pairs(site_dir: Path) -> list[tuple[str, Any, Any]]:
    """``(path, English page, French page)`` for every page of the English site."""
    if not (site_dir / FRENCH / "index.html").is_file():
        pytest.fail(
            f"{site_dir} holds no French site ({FRENCH}/index.html): nox -s docs builds it"
        )
    return [
        (path, soup(site_dir / path), soup(site_dir / FRENCH / path))
        for path in english_pages(site_dir)
        if (site_dir / FRENCH / path).is_file()
    ]


def test_every_page_exists_in_french(site_dir: Path) -> None:
    french = {
        path.relative_to(site_dir / FRENCH).as_posix()
        for path in (site_dir / FRENCH).rglob("*.html")
        if not path.relative_to(site_dir / FRENCH).parts[0].startswith(NOT_PAGES)
    }
    assert set(english_pages(site_dir)) == french


def outputs(page: Any) -> list[str]:
    """The executed outputs of a page, as HTML, figures' images set aside (their files and alt
    texts differ by language by design: the drawings are translated).

    An output the page's code wrote as Markdown (a table of shapes, say) is part of the page's
    text: the catalogues translate its words. What it computed, its code and its numbers, is
    compared.
    """
    found = []
    for output in page.select("div.cell_output"):
        if output.select_one("div.output, img") is None:  # Markdown, rendered into the page
            output = copy(output)  # its code is taken out below
            code = [tag.get_text() for tag in output.select("code")]
            for tag in output.select("code"):
                tag.decompose()
            numbers = re.findall(r"\d+(?:\.\d+)?", output.get_text(" "))
            found.append(f"markdown: code {code}, numbers {numbers}")
        else:
            output = copy(output)
            for image in output.select("img.lstm-figure"):
                image.replace_with("[figure]")
            found.append(str(output))
    return found


def test_every_output_is_the_same_in_both_languages(pairs: list) -> None:
    assert sum(len(outputs(en)) for _, en, _ in pairs) > 100  # the pages show what they ran
    differ = {}
    for path, en, fr in pairs:
        english, french = outputs(en), outputs(fr)
        if english != french:  # the first that differs, or the two counts
            pairs_ = zip(english, french, strict=False)
            first = next(((e, f) for e, f in pairs_ if e != f), (len(english), len(french)))
            differ[path] = first
    assert differ == {}


def glued(page: Any) -> list[str]:
    """Every value glued into the prose (``{glue:text}``), sorted: French may reorder them."""
    return sorted(span.get_text() for span in page.select("article span.pasted-text"))


def test_every_glued_value_is_the_same_in_both_languages(pairs: list) -> None:
    assert sum(len(glued(en)) for _, en, _ in pairs) > 100  # the site glues its numbers
    differ = {path: (glued(en), glued(fr)) for path, en, fr in pairs if glued(en) != glued(fr)}
    assert differ == {}


def ids(page: Any) -> set[str]:
    return {tag["id"] for tag in page.select("article [id]")}


#: Pages whose ids are not anchors a reader links to: the general index's are its letters.
OWN_IDS = {"genindex.html"}


def test_anchor_ids_are_the_same_in_both_languages(pairs: list) -> None:
    """So the language switcher keeps the reader's place, and links to a section work in both."""
    differ = {
        path: sorted(ids(en) ^ ids(fr))[:6]
        for path, en, fr in pairs
        if ids(en) != ids(fr) and path not in OWN_IDS
    }
    assert differ == {}


def test_french_pages_say_they_are_french_and_name_each_other(pairs: list) -> None:
    for path, en, fr in pairs:
        assert en.html["lang"] == "en", path
        assert fr.html["lang"] == FRENCH, path
        for page in (en, fr):
            links = {a["hreflang"]: a["href"] for a in page.select('link[rel="alternate"]')}
            if page.find("link", rel="canonical") is None:  # a local build: no absolute URL
                assert links == {}, path  # (hreflang must be absolute, as canonical links)
                continue
            assert set(links) == {"en", FRENCH, "x-default"}, path
            assert links["x-default"] == links["en"], path


def test_the_switcher_leads_to_the_same_page(site_dir: Path, pairs: list) -> None:
    for path, en, fr in pairs:
        if path == "404.html":
            continue  # its links start at the site's root, like every link of the 404 page
        to_french = en.select_one('.sidebar-languages a[hreflang="fr"]')
        to_english = fr.select_one('.sidebar-languages a[hreflang="en"]')
        assert to_french is not None, path
        assert to_english is not None, path
        target = (site_dir / path).parent / to_french["href"]
        assert target.resolve() == (site_dir / FRENCH / path).resolve(), path
        back = (site_dir / FRENCH / path).parent / to_english["href"]
        assert back.resolve() == (site_dir / path).resolve(), path


#: Prose: what a reader reads, outside code and computed outputs.
PROSE = "article p, article li, article th, article td, article h1, article h2, article h3"
#: Text that reads the same in both languages: numbers, code, symbols, names, shapes such as
#: "(batch, 1, input_dim)", and the API's parameter types, written in NumPy's docstring
#: convention ("x (ndarray, shape (batch, units))"), whose words are the convention's.
NEUTRAL = re.compile(
    r"^[\W\d_]*$|^[A-Za-z0-9_.]+\(.*\)$|^[:\s]*\([\w\s,·*]+\)$"
    r"|^[\w, ]+ \( .+ \)$|^ndarray, shape \(.*\)$"
)
#: What is English on every site by nature: the changelog is the git history (commit
#: subjects) and the general index lists names. The glossary's table of English and French
#: terms is the same on both sites by nature: its English column on the French page, its French
#: column on the English page.
ENGLISH_BY_NATURE = {"changelog.html", "genindex.html"}
BILINGUAL_TABLE = "section#glossary-french td"


def prose(page: Any) -> set[str]:
    page = copy(page)  # the tags are taken out of it
    skipped = f"div.cell_output, pre, code, .highlight, math, article [lang], {BILINGUAL_TABLE}"
    for skip in page.select(skipped):
        skip.decompose()
    texts = set()
    for tag in page.select(PROSE):
        text = " ".join(tag.get_text(" ").split())
        if len(re.findall(r"[A-Za-z]{3,}", text)) >= 3 and not NEUTRAL.match(text):
            texts.add(text)
    return texts


def test_no_english_prose_is_left_on_the_french_pages(pairs: list) -> None:
    """A French paragraph, item, cell or heading never reads exactly as its English page's."""
    left = {}
    for path, en, fr in pairs:
        if path in ENGLISH_BY_NATURE:
            continue
        same = sorted(prose(en) & prose(fr))
        if same:
            left[path] = same[:5]
    assert left == {}


def test_the_sitemap_lists_every_page_in_both_languages(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert not (site_dir / FRENCH / "sitemap.xml").exists()
    french = [url for url in urls if f"{FRENCH}/" in url]
    assert len(french) * 2 == len(urls) > 20
    assert sitemap.count('hreflang="fr"') == len(urls)
