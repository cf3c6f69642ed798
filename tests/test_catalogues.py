"""The French catalogues (docs/locales/fr/LC_MESSAGES/*.po), read as files (issue 18).

The translated build refuses a missing, fuzzy or stale translation (docs/_ext/translation_check.py,
tested on throwaway sites in tests/test_translated_glue.py). What it cannot see is a translation
that drops or changes the markup of its message: a role (``{glue:text}`n```, ``{ref}`label```),
inline code, a link's target, math. Those must come through unchanged, or the French page loses
a number, a link or a piece of code without a warning. And French typography puts a no-break
space, never a plain one, before ``:``, ``;``, ``?`` and ``!``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pofile = pytest.importorskip("babel.messages.pofile")

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "docs" / "locales"
CATALOGUES = sorted(LOCALES.glob("*/LC_MESSAGES/**/*.po"))

#: A role, in MyST (``{name}`body```) or reStructuredText (``:name:`body```) form: API docstrings
#: are written in reST and translated as MyST, the language the translated text is parsed in.
ROLE = re.compile(
    r"\{(?P<myst>[a-z:-]+)\}`(?P<a>[^`]*)`|(?<![\w`]):(?P<rst>[a-z:-]+):`(?P<b>[^`]*)`"
)
CODE = re.compile(r"``?[^`]+``?")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
MATH = re.compile(r"\$[^$]+\$")
#: A plain space before French high punctuation (a no-break space belongs there).
PLAIN_SPACE = re.compile(r"[^\S\u00a0\u202f][:;?!](?=\s|$)")


def roles(text: str) -> list[str]:
    """Each role as ``name body``; a cross-reference with a title of its own keeps its target."""
    found = []
    for match in ROLE.finditer(text):
        name = match["myst"] or match["rst"]
        body = match["a"] if match["myst"] else match["b"]
        if "<" in body and body.endswith(">"):
            body = body[body.rindex("<") :]  # {ref}`translated title <label>`
        elif name in ("ref", "doc", "numref", "term"):
            body = "(own title)" if "<" not in body else body
        found.append(f"{name} {body.lstrip('~')}")
    return sorted(found)


def markup(text: str) -> dict[str, list[str]]:
    rest = ROLE.sub("", text)
    return {
        "roles": roles(text),
        "code": sorted(m.strip("`") for m in CODE.findall(MATH.sub("", rest))),
        "link targets": sorted(LINK_TARGET.findall(text)),
        "math": sorted(MATH.findall(CODE.sub("", rest))),
    }


def entries() -> list[tuple[str, str, str, list[str]]]:
    """``(catalogue, msgid, msgstr, flags)`` of every message of every catalogue."""
    found = []
    for path in CATALOGUES:
        with path.open("rb") as handle:
            catalog = pofile.read_po(handle)
        name = path.relative_to(LOCALES).as_posix()
        found += [(name, m.id, m.string, sorted(m.flags)) for m in catalog if m.id]
    return found


def test_there_are_catalogues_for_every_page() -> None:
    pages = {
        p.relative_to(ROOT / "docs").with_suffix("").as_posix()
        for p in (ROOT / "docs").rglob("*.md")
        if "_" not in p.relative_to(ROOT / "docs").parts[0][:1]
    }
    french = {
        p.relative_to(LOCALES / "fr" / "LC_MESSAGES").with_suffix("").as_posix()
        for p in CATALOGUES
        if p.is_relative_to(LOCALES / "fr")
    }
    assert pages <= french | {"changelog"}, sorted(pages - french)


def sphinx_translates(language: str, msgid: str) -> bool:
    """Whether Sphinx's own catalogue translates `msgid` (napoleon's section names, say)."""
    import sphinx
    from babel.messages import mofile

    path = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.mo"
    with path.open("rb") as handle:
        return mofile.read_mo(handle).get(msgid) is not None


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    """Left empty: only what Sphinx translates itself (the build uses Sphinx's words there)."""
    left = [
        (name, msgid[:60])
        for name, msgid, msgstr, flags in entries()
        if "fuzzy" in flags or not (msgstr or sphinx_translates(name.split("/")[0], msgid))
    ]
    assert left == []


def test_translations_keep_every_role_code_link_and_formula() -> None:
    changed = []
    for name, msgid, msgstr, _ in entries():
        if not msgstr:
            continue
        english, french = markup(msgid), markup(msgstr)
        for kind in english:
            if english[kind] != french[kind]:
                changed.append(
                    f"{name}: {kind} of {msgid[:60]!r}: {english[kind]} -> {french[kind]}"
                )
    assert changed == []


def test_the_markup_check_sees_a_lost_role_and_a_changed_code() -> None:
    msgid = "The layer has {glue:text}`units` units, see `LSTM` and $h_t$."
    assert markup(msgid) == markup("La couche a {glue:text}`units` unités, voir `LSTM` et $h_t$.")
    assert markup(msgid) != markup("La couche a 4 unités, voir `LSTM` et $h_t$.")
    assert markup(msgid) != markup("La couche a {glue:text}`units` unités, voir `lstm` et $h_t$.")
    assert markup(":class:`~lstm_explained.LSTM`") == markup("{class}`~lstm_explained.LSTM`")


def test_french_high_punctuation_has_a_no_break_space_before_it() -> None:
    plain = []
    for name, _, msgstr, _ in entries():
        if not name.startswith("fr/") or not msgstr:
            continue
        prose = MATH.sub("", CODE.sub("", ROLE.sub("", msgstr)))
        if PLAIN_SPACE.search(prose):
            plain.append(f"{name}: {msgstr[:80]!r}")
    assert plain == []


def test_the_theme_s_words_are_in_the_catalogue_of_the_templates() -> None:
    """Furo's own words (docs/_ext/languages.py adds its templates to the gettext build) and the
    labels docs/_templates/page.html gives its buttons are translated with the site's templates."""
    for language in sorted({p.relative_to(LOCALES).parts[0] for p in CATALOGUES}):
        with (LOCALES / language / "LC_MESSAGES" / "sphinx.po").open("rb") as handle:
            catalog = pofile.read_po(handle)
        for msgid in ("Skip to content", "Made with ", "Toggle site navigation sidebar"):
            message = catalog.get(msgid)
            assert message is not None, (language, msgid)
            assert message.string, (language, msgid)
