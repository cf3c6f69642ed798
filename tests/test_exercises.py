"""The exercises (docs/_ext/exercises.py): numbered, listed, folded, and their solutions checked.

Throwaway sites with the real conf.py and extensions (tests/test_docs_pipeline.py's ``Site``):
one with correct exercises, whose list, links and assets are inspected, and one where each page
breaks one rule, so that one build shows every refusal.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("myst_nb")
pytestmark = pytest.mark.docs_build

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
from exercises import _asserts  # noqa: E402  (docs/_ext/exercises.py)
from test_docs_pipeline import Site, code_cell, page  # noqa: E402


def exercise(title: str, label: str, kind: str = "shapes", question: str = "Why?") -> str:
    return f":::{{exercise}} {title}\n:label: {label}\n:kind: {kind}\n{question}\n:::\n\n"


def solution(source: str) -> str:
    return code_cell(source, tags="solution") + "\n"


def exercises_page(title: str, *blocks: str, before: str = "") -> str:
    body = f"Opening.\n\n{before}## Summary\n\nShort.\n\n## Exercises\n\n" + "".join(blocks)
    return page(title, code_cell("x = 3") + "\n" + body)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


def test_exercises_are_numbered_linked_listed_and_their_solutions_folded(site: Site) -> None:
    (site.src / "explanation").mkdir()
    site.index("explanation/first", "explanation/second", "list", "plain")
    site.write("explanation/first.md", exercises_page(
        "First",
        exercise("Shape of x", "first-exercise-shape"),
        solution("assert x * 2 == 6"),
        exercise("A count", "first-exercise-count", kind="parameters"),
        solution("import numpy as np\nnp.testing.assert_equal(x + 1, 4)"),
    ))  # fmt: skip
    site.write("explanation/second.md", exercises_page(
        "Second",
        exercise("A bug", "second-exercise-bug", kind="bug"),
        solution("assert x == 3"),
        exercise("A gate", "second-exercise-gate", kind="gate"),
        solution("assert x > 0"),
        exercise("An option", "second-exercise-option", kind="option",
                 question="See {ref}`first-exercise-count`."),
        solution("assert x < 4"),
    ))  # fmt: skip
    site.write("list.md", page("All of them", "```{exercise-list}\n```\n"))
    site.write("plain.md", page("Plain", "No exercises here.\n"))
    build = site.build()
    assert build.returncode == 0, build.log

    out = site.root / "build" / "html"
    first = (out / "explanation" / "first.html").read_text()
    assert '<div class="admonition exercise exercise-shapes" id="first-exercise-shape">' in first
    assert "Exercise 2: " in first
    assert "Count the parameters" in first
    assert first.count('class="cell tag_solution') == 2
    assert "_static/togglebutton.js" in first
    assert "togglebutton.css" in first
    assert "var togglebuttonSelector = '.tag_solution';" in first
    second = (out / "explanation" / "second.html").read_text()
    assert 'href="first.html#first-exercise-count"' in second  # {ref} reaches an exercise

    listing = (out / "list.html").read_text()
    assert "5 exercises on 2 pages. By kind: Predict the shapes, 1; Count the parameters, 1;" in (
        listing
    )
    links = [
        "explanation/first.html#first-exercise-shape",
        "explanation/first.html#first-exercise-count",
        "explanation/second.html#second-exercise-bug",
        "explanation/second.html#second-exercise-gate",
        "explanation/second.html#second-exercise-option",
    ]
    positions = [listing.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)  # in the reading order
    assert "Exercise 3: A bug" not in listing  # numbered on its own page
    assert "Exercise 1: A bug" in listing

    plain = (out / "plain.html").read_text()
    assert "togglebutton" not in plain  # no solution, no script or stylesheet


def test_every_broken_rule_fails_the_build_and_names_its_page(site: Site) -> None:
    (site.src / "explanation").mkdir()
    good = exercise("Fine", "fine") + solution("assert True")
    pages = {
        "wrong": exercises_page(
            "Wrong", good, exercise("Wrong answer", "wrong-answer"), solution("assert x == 4")
        ),
        "unchecked": exercises_page(
            "Unchecked", good, exercise("Says", "unchecked-says"), solution("print(x)")
        ),
        "unsolved": exercises_page(
            "Unsolved",
            good,
            exercise("Open", "unsolved-open"),
            "Some text.\n\n",
            solution("assert True"),
        ),
        "lonely": exercises_page("Lonely", good),
        "early": exercises_page(
            "Early",
            good,
            before=exercise("Too soon", "early-too-soon") + solution("assert 1"),
        ),
        "unknown": exercises_page("Unknown", good, exercise("Odd", "odd", kind="essay")),
    }
    pages = {f"explanation/{name}": text for name, text in pages.items()}
    for name, text in pages.items():
        site.write(f"{name}.md", text.replace("(fine)", f"({name})").replace(
            ":label: fine", f":label: {name.split('/')[1]}-fine"
        ))  # fmt: skip
    site.index(*pages)
    build = site.build()
    assert build.returncode != 0
    assert build.failed_because("wrong.md", "CellExecutionError")
    assert build.failed_because("unchecked.md", "asserts nothing")
    assert build.failed_because("unsolved.md", "is not followed by a code cell tagged 'solution'")
    assert build.failed_because("lonely.md", "has 1 exercises")
    assert build.failed_because("early.md", "is not in the page's last section")
    assert build.failed_because("unknown.md", "'essay' is not one of shapes")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("assert x == 1", True),
        ("np.testing.assert_allclose(a, b)", True),
        ("for y in z:\n    assert y", True),
        ("print(x)  # assert", False),
        ("x = 'assert'", False),
        ("this is not python", False),
    ],
)
def test_a_solution_asserts_only_with_an_assert_statement_or_call(
    source: str, expected: bool
) -> None:
    assert _asserts(source) is expected


def test_the_french_build_translates_titles_and_writes_its_own_words(site: Site) -> None:
    """The catalogue translates an exercise's title alone; the numbered prefix, the kind, the
    list and sphinx-togglebutton's hint are the extension's words, in French on a French build."""
    (site.src / "explanation").mkdir()
    site.index("explanation/first", "list")
    site.write("explanation/first.md", exercises_page(
        "First",
        exercise("Shape of x", "first-exercise-shape"),
        solution("assert x * 2 == 6"),
        exercise("A count", "first-exercise-count", kind="parameters", question="Count."),
        solution("assert x + 1 == 4"),
    ))  # fmt: skip
    site.write("list.md", page("All", "```{exercise-list}\n```\n"))
    french = {
        "index": {"Home": "Accueil"},
        "list": {"All": "Tout"},
        "explanation/first": {
            "First": "Premier", "Opening.": "Ouverture.", "Summary": "Résumé", "Short.": "Bref.",
            "Exercises": "Exercices", "Why?": "Pourquoi\u00a0?", "Count.": "Comptez.",
            "Shape of x": "Forme de x", "A count": "Un compte",
        },
    }  # fmt: skip
    for name, entries in french.items():
        po = site.src / "locales" / "fr" / "LC_MESSAGES" / f"{name}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        lines = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
        lines += [f'msgid "{en}"\nmsgstr "{fr}"\n' for en, fr in entries.items()]
        po.write_text("\n".join(lines), encoding="utf-8")
    build = site.build("-D", "language=fr")
    assert build.returncode == 0, build.log

    out = site.root / "build" / "html"
    first = (out / "explanation" / "first.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Exercice 1\u00a0: Forme de x</p>' in first
    assert "Compter les paramètres" in first
    assert "Afficher la solution" in first  # sphinx-togglebutton's hint
    assert "Exercise" not in first.split('<div class="admonition exercise', 1)[1]
    listing = (out / "list.html").read_text(encoding="utf-8")
    assert "2\u00a0exercices sur 1\u00a0pages." in listing
    assert "Exercice 2\u00a0: Un compte" in listing
    assert "Prédire les formes" in listing
