"""The words the site's extensions write themselves, in every language (docs/_ext/languages.py).

The pages' prose is translated through the gettext catalogues (tests/test_catalogues.py); a few
texts are written by the extensions (a heading prefix, a button, a message), each of which keeps
``TRANSLATIONS = {language: {english: translation}}``. Every such dict must cover every language
of the site, keep each ``{placeholder}`` of its English text, and follow the language's
typography; an English text without a translation stops the build instead of showing English.
"""

from __future__ import annotations

import importlib
import re
import string
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "docs" / "_ext"
sys.path.insert(0, str(EXT))

import languages  # noqa: E402  (docs/_ext/languages.py)
from sphinx.errors import ExtensionError  # noqa: E402
from test_sphinx_command import conf_site_languages  # noqa: E402

#: Every extension that writes words of its own.
WRITERS = sorted(
    path.stem
    for path in EXT.glob("*.py")
    if re.search(r"^TRANSLATIONS\b", path.read_text(encoding="utf-8"), re.MULTILINE)
)
#: A plain space where French puts a no-break one: before : ; ? ! », after «.
PLAIN_SPACE = re.compile(r" [:;?!»]|« ")


def site_languages() -> list[str]:
    codes = conf_site_languages()
    return [code for code in codes if code != languages.SOURCE_LANGUAGE]


def fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_the_extensions_that_write_words_are_found() -> None:
    expected = {"answers", "calculator", "exercises", "languages", "notebook_downloads"}
    assert expected | {"figure_downloads", "site_plumbing"} <= set(WRITERS)


@pytest.mark.parametrize("module", WRITERS)
def test_every_language_has_every_text_with_its_placeholders(module: str) -> None:
    translations = importlib.import_module(module).TRANSLATIONS
    codes = site_languages()
    assert codes, "the site has no other language"
    assert set(translations) == set(codes), module
    keys = {language: set(texts) for language, texts in translations.items()}
    assert all(found == keys[codes[0]] for found in keys.values()), module
    for language, texts in translations.items():
        for english, translated in texts.items():
            assert isinstance(translated, str)
            assert translated.strip(), (module, english)
            assert fields(translated) == fields(english), (module, language, english)
            if language == "fr":
                assert not PLAIN_SPACE.search(translated), (module, translated)


def test_an_english_text_without_a_translation_stops_the_build() -> None:
    table = {"fr": {"Copy": "Copier"}}
    assert languages.translate("en", "Paste", table) == "Paste"  # English needs no table
    assert languages.translate("fr", "Copy", table) == "Copier"
    with pytest.raises(ExtensionError, match="no 'fr' translation of 'Paste'"):
        languages.translate("fr", "Paste", table)


def test_the_copyright_line_keeps_its_year_and_the_site_s_name() -> None:
    line = '2026, The "LSTM units, explained" authors. Text and figures CC BY 4.0, code MIT'
    french = languages.translate_copyright("fr", line)
    assert french == (
        "2026, Les auteurs de «\u00a0LSTM units, explained\u00a0». "
        "Textes et figures sous CC BY 4.0, code sous MIT"
    )
    with pytest.raises(ExtensionError, match="not of the form"):
        languages.translate_copyright("fr", "2026, someone")
