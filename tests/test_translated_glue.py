"""The French build of throwaway sites: glue in translated text, and refused translations.

- Glue roles inside a translation take the page's own values (docs/_ext/translated_glue.py);
  without the extension, the same catalogue gives MyST-NB's warning.
- A missing, fuzzy or stale translation fails the build and names the page and the message
  (docs/_ext/translation_check.py); the English build of the same site is not concerned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("myst_nb")
pytestmark = pytest.mark.docs_build

from test_docs_pipeline import Site, code_cell, page  # noqa: E402

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
HOME = {"Home": "Accueil"}
COUNT = {
    "Count": "Compte",
    "The layer has {glue:text}`n` units and the shape {glue:text}`shape`.": (
        "La couche a {glue:text}`n` unités et la forme {glue:text}`shape`."
    ),
    "A ratio of {glue:text}`ratio:.2f`.": "Un rapport de {glue:text}`ratio:.2f`.",
}


def catalogue(entries: dict[str, str], fuzzy: str = "") -> str:
    lines = [HEADER]
    for english, french in entries.items():
        flag = "#, fuzzy\n" if english == fuzzy else ""
        lines.append(f'{flag}msgid "{english}"\nmsgstr "{french}"\n\n')
    return "".join(lines)


def french_site(
    site: Site, count: dict[str, str] = COUNT, *, fuzzy: str = "", extension: bool = True
) -> None:
    glue = "from myst_nb import glue\nglue('n', 4, display=False)\n"
    glue += "glue('shape', (2, 5, 4), display=False)\nglue('ratio', 2 / 3, display=False)"
    body = code_cell(glue, tags="remove-cell")
    body += "\nThe layer has {glue:text}`n` units and the shape {glue:text}`shape`.\n"
    body += "\nA ratio of {glue:text}`ratio:.2f`.\n"
    site.index("count")
    site.write("count.md", page("Count", body))
    folder = site.src / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "index.po").write_text(catalogue(HOME), encoding="utf-8")
    (folder / "count.po").write_text(catalogue(count, fuzzy), encoding="utf-8")
    if not extension:
        with (site.src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('\nextensions.remove("translated_glue")\n')


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


def test_glue_roles_in_a_translation_take_the_page_s_values(site: Site) -> None:
    french_site(site)
    build = site.build("-D", "language=fr")
    assert build.returncode == 0, build.log
    html = (site.root / "build" / "html" / "count.html").read_text(encoding="utf-8")
    assert ' lang="fr" ' in html.split("<head>", 1)[0]
    assert "<h1>Compte" in html
    assert 'La couche a <span class="pasted-text">4</span> unités' in html
    assert 'la forme <span class="pasted-text">(2, 5, 4)</span>.' in html
    assert 'Un rapport de <span class="pasted-text">0.67</span>.' in html


def test_without_the_extension_the_translation_loses_its_numbers(site: Site) -> None:
    french_site(site, extension=False)
    build = site.build("-D", "language=fr")
    assert build.returncode != 0
    assert build.failed_because("count.md", "No key 'n' found in glue data for this document")


def test_a_missing_translation_fails_the_build_and_names_the_message(site: Site) -> None:
    french_site(site, {k: v for k, v in COUNT.items() if not k.startswith("A ratio")})
    build = site.build("-D", "language=fr")
    assert build.returncode != 0
    assert build.failed_because("count.md", "untranslated message: 'A ratio of {glue:text}")
    assert site.build().returncode == 0  # the English build does not need catalogues


def test_a_fuzzy_translation_fails_the_build(site: Site) -> None:
    french_site(site, fuzzy="A ratio of {glue:text}`ratio:.2f`.")
    build = site.build("-D", "language=fr")
    assert build.returncode != 0
    assert build.failed_because("count.md", "fuzzy translation in count.po, not used")


def test_a_stale_translation_fails_the_build(site: Site) -> None:
    french_site(site, {**COUNT, "A sentence the page no longer has.": "Une phrase disparue."})
    build = site.build("-D", "language=fr")
    assert build.returncode != 0
    assert build.failed_because("count.md", "stale translation in")
    assert "'A sentence the page no longer has.'" in build.warnings
