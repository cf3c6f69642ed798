"""The answer boxes (docs/_ext/answers.py): their own words in the build's language.

A throwaway site (tests/test_docs_pipeline.py's ``Site``) with one answer box is built in English
and in French. The answer is page text, translated by the page's catalogue; the box's own words
("Short answer: ", the button, the copied Markdown's "Source" line, the script's messages) are
the extension's. What the button does is tested in a browser (tests/web/test_reuse_in_browser.py).
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import answers  # noqa: E402  (docs/_ext/answers.py)

pytest.importorskip("myst_nb")
from test_docs_pipeline import Site, page  # noqa: E402

NBSP = "\u00a0"
ANSWER = """\
(sizes)=
## Sizes

:::{answer} What is `units`?
It is the size of the state. It is also the width of the output.
:::
"""
#: The page's catalogue: what the catalogues translate (the extension's words are not in it),
#: the question included.
CATALOGUE = {
    "Home": "Accueil",
    "Answers": "Réponses",
    "Sizes": "Tailles",
    "What is `units`?": "Qu'est-ce que `units`\u00a0?",
    "It is the size of the state. It is also the width of the output.": (
        "C'est la taille de l'état. C'est aussi la largeur de la sortie."
    ),
}
#: What each language's page must show, the extension's words only.
EXPECTED = {
    "en": {
        "title": "<strong>Short answer: </strong>",
        "button": ">Copy this answer as Markdown</button>",
        "copied": 'data-copied="Copied: paste it where you answer."',
        "failed": 'data-failed="Copy failed."',
        "source": "Source: [LSTM units, explained",
        "section": ": Sizes](lstm-root:answers.html#sizes)\n</template>",
    },
    "fr": {
        "title": f"<strong>Réponse courte{NBSP}: </strong>",
        "button": ">Copier cette réponse en Markdown</button>",
        "copied": f'data-copied="Copiée{NBSP}: collez-la là où vous répondez."',
        "failed": 'data-failed="La copie a échoué."',
        "source": f"Source{NBSP}: [",  # then the site's name in French (languages.py)
        "section": f"{NBSP}: Tailles](lstm-root:answers.html#sizes)\n</template>",
    },
}


def po(messages: dict[str, str]) -> str:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    entries = [f'msgid "{english}"\nmsgstr "{french}"\n' for english, french in messages.items()]
    return "\n".join([header, *entries])


@pytest.mark.docs_build
def test_the_box_s_own_words_are_in_the_build_s_language(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.index("answers")
    site.write("answers.md", page("Answers", ANSWER))
    catalogues = site.src / "locales" / "fr" / "LC_MESSAGES"
    catalogues.mkdir(parents=True)
    (catalogues / "index.po").write_text(po({"Home": CATALOGUE["Home"]}))
    (catalogues / "answers.po").write_text(po({k: v for k, v in CATALOGUE.items() if k != "Home"}))
    for language, expected in EXPECTED.items():
        build = site.build("-D", f"language={language}", html=f"html-{language}")
        assert build.returncode == 0, build.log
        text = (site.root / "build" / f"html-{language}" / "answers.html").read_text()
        box = re.search(r'<aside [^>]*class="answer-box".*?</aside>', text, re.DOTALL)
        assert box, "no answer box"
        shown = html.unescape(box[0])
        for name, part in expected.items():
            assert part in shown, (language, name)
        other = EXPECTED["fr" if language == "en" else "en"]
        for name, part in other.items():
            assert part not in shown, (language, name)
        if language == "fr":
            assert "C\u2019est la taille de l\u2019état." in shown  # the catalogue's (smartquotes)
            assert "Qu\u2019est-ce que <code" in shown  # the question, translated
        else:
            assert "What is <code" in shown


def test_every_word_has_a_french_translation_with_french_typography() -> None:
    english = {
        "Short answer: ",
        "Copy this answer as Markdown",
        "Copied: paste it where you answer.",
        "Copy failed.",
        answers.SOURCE_LINE,
    }
    assert set(answers.TRANSLATIONS["fr"]) == english
    for french in answers.TRANSLATIONS["fr"].values():
        assert not re.search(r" [:;?!»]|« ", french), french  # a no-break space, not a space
    fields = answers.say("fr", answers.SOURCE_LINE)
    assert (
        fields.format(project="P", section="S", permalink="U") == f"Source{NBSP}: [P{NBSP}: S](U)"
    )
