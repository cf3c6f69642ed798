"""Glue roles inside translated text (docs/_ext/translated_glue.py), in a throwaway French site.

MyST-NB parses a translated paragraph as a document of its own, without the page's glue data;
the extension resolves the roles from the page's data. The control build, without the
extension, shows what it fixes: the same catalogue then gives MyST-NB's warning.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

pytest.importorskip("myst_nb")
pytestmark = pytest.mark.docs_build

from test_docs_pipeline import Site, code_cell, page  # noqa: E402

CATALOGUE = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Count"
msgstr "Compte"

msgid "The layer has {glue:text}`n` units and the shape {glue:text}`shape`."
msgstr "La couche a {glue:text}`n` unités et la forme {glue:text}`shape`."

msgid "A ratio of {glue:text}`ratio:.2f`."
msgstr "Un rapport de {glue:text}`ratio:.2f`."
"""


def french_site(site: Site, *, extension: bool = True) -> None:
    glue = "from myst_nb import glue\nglue('n', 4, display=False)\n"
    glue += "glue('shape', (2, 5, 4), display=False)\nglue('ratio', 2 / 3, display=False)"
    body = code_cell(glue, tags="remove-cell")
    body += "\nThe layer has {glue:text}`n` units and the shape {glue:text}`shape`.\n"
    body += "\nA ratio of {glue:text}`ratio:.2f`.\n"
    site.index("count")
    site.write("count.md", page("Count", body))
    folder = site.src / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "count.po").write_text(textwrap.dedent(CATALOGUE).lstrip(), encoding="utf-8")
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
