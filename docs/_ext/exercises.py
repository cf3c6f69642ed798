"""Exercises at the end of the pages, their checked solutions, and the list of them all.

A page's exercises are written as::

    :::{exercise} Title of the exercise
    :label: page-exercise-name
    :kind: shapes
    The question, in Markdown.
    :::

    ```{code-cell} ipython3
    :tags: [solution]
    # the solution: code that computes the answer and asserts it
    ```

- ``exercise`` numbers the page's exercises (Exercise 1, 2, ...), gives each its label as an id
  that ``{ref}`` reaches, and records it for the list.
- The cell tagged ``solution`` right after it is the solution. sphinx-togglebutton
  (``togglebutton_selector = ".tag_solution"`` in conf.py) folds it until the reader opens it.
  The solution runs when the site is built, like every cell, and it must assert what it finds:
  a solution whose numbers are wrong fails the build.
- ``exercise-list`` (the exercises page) lists every exercise of the site, page by page in the
  reading order, with links and kinds.

The build warns (and so fails under ``-W``) when an exercise has no solution cell after it, when
a solution asserts nothing, when an exercise is not in the page's last section, when a kind is
unknown, and when a page of the tutorials, how-to guides or explanations has fewer than
``MIN_PER_PAGE`` or more than ``MAX_PER_PAGE`` exercises.

sphinx-togglebutton adds its script and stylesheet to every page; pages without a solution drop
them (``html-page-context``), so they cost nothing there.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

import _envdata
import languages
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

STORE = "exercises"  # _envdata store: {docname: [ {label, number, title, kind}, ... ]}

#: The kinds of exercise a teacher assigns: {kind: how the site names it}.
KINDS = {
    "shapes": "Predict the shapes",
    "parameters": "Count the parameters",
    "bug": "Find the bug",
    "gate": "Which gate does this?",
    "option": "Change one option, predict the effect",
}
#: The extension's own words in the site's other languages (docs/_ext/languages.py).
TRANSLATIONS = {
    "fr": {
        "Exercise {number}: ": "Exercice {number}\u00a0: ",
        "Predict the shapes": "Prédire les formes",
        "Count the parameters": "Compter les paramètres",
        "Find the bug": "Trouver l'erreur",
        "Which gate does this?": "Quelle porte fait cela\u00a0?",
        "Change one option, predict the effect": "Changer une option, prédire l'effet",
        "{total} exercises on {pages} pages. By kind: ": (
            "{total}\u00a0exercices sur {pages}\u00a0pages. Par type\u00a0: "
        ),
        "{kind}, {count}": "{kind}, {count}",
        "; ": "\u00a0; ",
        "Show the solution": "Afficher la solution",
        "Hide the solution": "Masquer la solution",
    }
}
#: Folders whose every page ends with exercises, and how many.
EXERCISE_FOLDERS = ("tutorials/", "how-to/", "explanation/")
MIN_PER_PAGE, MAX_PER_PAGE = 2, 4
SOLUTION_CLASS = "tag_solution"  # what MyST-NB gives a cell tagged `solution`
#: What sphinx-togglebutton adds to every page (files, and the start of its inline scripts).
TOGGLE_FILES = ("togglebutton.js", "togglebutton.css")
TOGGLE_INLINE = ("let toggleHint", "let toggleOpenOnPrint", "var togglebuttonSelector")


class exercise_node(nodes.Admonition, nodes.Element):
    """One exercise: an admonition with the classes ``exercise`` and ``exercise-<kind>``."""


class exercise_list_node(nodes.General, nodes.Element):
    """Where the list of every exercise goes (filled in when the page is resolved)."""


def _kind(value: str | None) -> str:
    kind = (value or "").strip()
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    return kind


class ExerciseDirective(SphinxDirective):
    """``exercise``: one numbered exercise, with its label and kind."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"label": directives.unchanged_required, "kind": _kind}

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        if "label" not in self.options or "kind" not in self.options:
            raise self.error("an exercise needs a :label: and a :kind:")
        label = nodes.make_id(self.options["label"])
        if label != self.options["label"]:
            raise self.error(f"label {self.options['label']!r} is not an id (try {label!r})")
        number = self.env.temp_data.get("lstm_exercises", 0) + 1
        self.env.temp_data["lstm_exercises"] = number
        title, kind = self.arguments[0], self.options["kind"]

        language = self.env.config.language or languages.SOURCE_LANGUAGE
        node = exercise_node(classes=["admonition", "exercise", f"exercise-{kind}"], ids=[label])
        # The catalogues translate the title alone ("translatable" inline); the numbered prefix
        # and the kind are the extension's words, translated here.
        heading = nodes.title(translatable=False)
        heading += nodes.Text(exercise_prefix(language, number))
        name = nodes.inline(title, title, classes=["exercise-title"], translatable=True)
        self.set_source_info(name)
        heading += name
        node += heading
        kind_text = languages.translate(language, KINDS[kind], TRANSLATIONS)
        node += nodes.paragraph(kind_text, kind_text, classes=["exercise-kind"])
        self.state.nested_parse(self.content, self.content_offset, node)
        self.set_source_info(node)

        entry = {"label": label, "number": number, "title": title, "kind": kind}
        _envdata.store(self.env, STORE).setdefault(self.env.docname, []).append(entry)
        return [node]


def exercise_prefix(language: str, number: int) -> str:
    """``"Exercise 3: "`` in `language` (French puts a no-break space before the colon)."""
    return languages.translate(language, "Exercise {number}: ", TRANSLATIONS).format(number=number)


class TranslatedTitles(SphinxTransform):
    """After the catalogues' translation, each exercise's title as the page shows it.

    Runs after Sphinx's ``Locale`` transform (priority 20): the list of exercises and ``{ref}``
    to an exercise then read the title in the build's language.
    """

    default_priority = 25

    def apply(self, **kwargs: Any) -> None:
        found = _envdata.store(self.env, STORE).get(self.env.docname, [])
        entries = {entry["label"]: entry for entry in found}
        language = self.env.config.language or languages.SOURCE_LANGUAGE
        std = self.env.domains.standard_domain
        for node in self.document.findall(exercise_node):
            entry = entries.get(node["ids"][0])
            if entry is None:
                continue
            prefix = exercise_prefix(language, entry["number"])
            entry["title"] = node[0].astext().removeprefix(prefix)
            full_title = prefix + entry["title"]
            std.note_hyperlink_target(entry["label"], self.env.docname, entry["label"], full_title)


class ExerciseListDirective(SphinxDirective):
    """``exercise-list``: every exercise of the site, page by page."""

    def run(self) -> list[nodes.Node]:
        return [exercise_list_node()]


def _next_element(node: nodes.Element) -> nodes.Element | None:
    """The element after `node` among its siblings, skipping targets and comments."""
    parent, index = node.parent, node.parent.index(node)
    for sibling in parent.children[index + 1 :]:
        if isinstance(sibling, (nodes.target, nodes.comment)):
            continue
        return sibling if isinstance(sibling, nodes.Element) else None
    return None


def _asserts(source: str) -> bool:
    """Whether `source` holds an ``assert`` or calls an ``assert*`` function (np.testing)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name.startswith("assert"):
                return True
    return False


def check_solutions(app: Sphinx, doctree: nodes.document) -> None:
    """Each exercise is followed by a solution cell that asserts, in the page's last section."""
    exercises = list(doctree.findall(exercise_node))
    if not exercises:
        return
    sections = [s for s in doctree.findall(nodes.section) if isinstance(s.parent, nodes.section)]
    last = sections[-1] if sections else None
    for exercise in exercises:
        label = exercise["ids"][0]
        if last is None or exercise.parent is not last:
            logger.warning(
                "exercise %r is not in the page's last section (a page ends with its exercises)",
                label, location=exercise, type="lstm_explained", subtype="exercises",
            )  # fmt: skip
        solution = _next_element(exercise)
        if solution is None or SOLUTION_CLASS not in solution.get("classes", []):
            logger.warning(
                "exercise %r is not followed by a code cell tagged 'solution'",
                label, location=exercise, type="lstm_explained", subtype="exercises",
            )  # fmt: skip
            continue
        source = next(solution.findall(nodes.literal_block), None)
        if source is None or not _asserts(source.astext()):
            logger.warning(
                "the solution of exercise %r asserts nothing: a solution checks its answer",
                label, location=solution, type="lstm_explained", subtype="exercises",
            )  # fmt: skip


def check_counts(app: Sphinx, env: BuildEnvironment) -> None:
    """Every tutorial, how-to guide and explanation ends with 2 to 4 exercises."""
    found = _envdata.store(env, STORE)
    for docname in sorted(env.found_docs):
        if not docname.startswith(EXERCISE_FOLDERS):
            continue
        count = len(found.get(docname, []))
        if not MIN_PER_PAGE <= count <= MAX_PER_PAGE:
            logger.warning(
                "page %r has %d exercises; pages of %s have %d to %d",
                docname, count, ", ".join(EXERCISE_FOLDERS), MIN_PER_PAGE, MAX_PER_PAGE,
                location=docname, type="lstm_explained", subtype="exercises",
            )  # fmt: skip


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every document in the order of the site's previous/next links, from the root."""
    relations = env.collect_relations()
    order, docname = [], env.config.root_doc
    while docname and docname not in order:
        order.append(docname)
        docname = relations.get(docname, [None, None, None])[2]
    return order


def _link(app: Sphinx, fromdoc: str, todoc: str, anchor: str, text: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(fromdoc, todoc) + (f"#{anchor}" if anchor else "")
    return nodes.reference(text, text, internal=True, refuri=uri)


def fill_lists(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each ``exercise-list`` with the counts and a list of links, page by page."""
    env = app.env
    found = _envdata.store(env, STORE)
    language = app.config.language or languages.SOURCE_LANGUAGE

    def say(english: str, **values: Any) -> str:
        return languages.translate(language, english, TRANSLATIONS).format(**values)

    for placeholder in list(doctree.findall(exercise_list_node)):
        pages = [d for d in reading_order(env) if found.get(d)]
        total = sum(len(found[d]) for d in pages)
        by_kind = {k: sum(e["kind"] == k for d in pages for e in found[d]) for k in KINDS}
        summary = nodes.paragraph()
        summary += nodes.Text(say("{total} exercises on {pages} pages. By kind: ",
                                  total=total, pages=len(pages)))  # fmt: skip
        summary += nodes.Text(say("; ").join(
            say("{kind}, {count}", kind=say(KINDS[k]), count=n) for k, n in by_kind.items() if n
        ))  # fmt: skip
        summary += nodes.Text(".")
        listing = nodes.bullet_list(classes=["exercise-list"])
        for docname in pages:
            item = nodes.list_item()
            page = nodes.paragraph()
            page += _link(app, fromdocname, docname, "", env.titles[docname].astext())
            item += page
            inner = nodes.bullet_list()
            for entry in found[docname]:
                line = nodes.paragraph()
                text = exercise_prefix(language, entry["number"]) + entry["title"]
                line += _link(app, fromdocname, docname, entry["label"], text)
                line += nodes.Text(f" ({say(KINDS[entry['kind']])})")
                inner += nodes.list_item("", line)
            item += inner
            listing += item
        placeholder.replace_self([summary, listing])


def note_list_pages(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(exercise_list_node)):
        _envdata.store(app.env, "exercise_lists")[app.env.docname] = True


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages that list the exercises are read again whenever any page changes."""
    if not (added or changed or removed):
        return []
    return sorted(_envdata.store(env, "exercise_lists"))


def drop_toggle_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Pages without a solution do without sphinx-togglebutton's script and stylesheet."""
    if doctree is not None and any(
        SOLUTION_CLASS in n.get("classes", []) for n in doctree.findall(nodes.container)
    ):
        return

    def is_toggle(asset: Any) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = str(dict(getattr(asset, "attributes", {})).get("body", ""))
        return name.endswith(TOGGLE_FILES) or body.startswith(TOGGLE_INLINE)

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_toggle(asset)]


def translate_hints(app: Sphinx, config: Config) -> None:
    """sphinx-togglebutton's "Show/Hide the solution" in the build's language."""
    language = config.language or languages.SOURCE_LANGUAGE
    for name in ("togglebutton_hint", "togglebutton_hint_hide"):
        setattr(config, name, languages.translate(language, getattr(config, name), TRANSLATIONS))


def _visit_exercise(self: Any, node: exercise_node) -> None:
    self.visit_admonition(node)


def _depart_exercise(self: Any, node: exercise_node) -> None:
    self.depart_admonition(node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("_envdata")
    app.setup_extension("sphinx_togglebutton")
    app.add_node(exercise_node, html=(_visit_exercise, _depart_exercise))
    app.add_node(exercise_list_node)
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("exercise-list", ExerciseListDirective)
    app.add_transform(TranslatedTitles)
    app.connect("config-inited", translate_hints, priority=400)  # before togglebutton reads them
    app.connect("doctree-read", check_solutions)
    app.connect("doctree-read", note_list_pages)
    app.connect("env-check-consistency", check_counts)
    app.connect("env-get-outdated", outdated)
    app.connect("doctree-resolved", fill_lists)
    app.connect("html-page-context", drop_toggle_assets, priority=800)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
