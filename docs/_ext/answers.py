"""Ready-to-paste answers: a short answer box with a button that copies it as Markdown.

In a page::

    :::{answer} What does `units` mean?
    `units` is the size of the state: {glue:text}`units` numbers here. ...

    ```python
    layer = keras.layers.LSTM(units)
    ```
    :::

The body is written once, in MyST, and rendered in the box. The Markdown that the button copies
is made from the same rendered nodes when the page is written (so glued numbers and resolved
links are in it), followed by a link to the section the box sits in. It is stored in a
``<template>`` next to the button and never shown twice.

Links in the copied text must work on a forum, so they are absolute: with a base URL
(``html_baseurl``) they are written absolute at build time; without one they are written
``lstm-root:path`` and ``_static/answers.js`` turns them into absolute URLs from the page's own
address when the reader presses the button.

The box's own words ("Short answer: ", the button, the "Source" line, the script's status
messages) are in the build's language (:data:`TRANSLATIONS`, ``_ext/languages.py``); the script
reads its messages from the button's ``data-copied`` and ``data-failed``, on every page. The
answer itself is page text, translated by the catalogues.
"""

from __future__ import annotations

import html
import posixpath
from typing import Any

import languages
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

ROOT_PLACEHOLDER = "lstm-root:"
MIN_SENTENCES, MAX_SENTENCES = 2, 5
SOURCE_LINE = "Source: [{project}: {section}]({permalink})"  # the copied Markdown's last line
#: The extension's own words in the site's other languages (docs/_ext/languages.py).
TRANSLATIONS = {
    "fr": {
        "Short answer: ": "Réponse courte\u00a0: ",
        "Copy this answer as Markdown": "Copier cette réponse en Markdown",
        "Copied: paste it where you answer.": "Copiée\u00a0: collez-la là où vous répondez.",
        "Copy failed.": "La copie a échoué.",
        SOURCE_LINE: "Source\u00a0: [{project}\u00a0: {section}]({permalink})",
    }
}


def say(language: str, english: str) -> str:
    """`english`, one of the extension's own texts, in `language`."""
    return languages.translate(language, english, TRANSLATIONS)


class answer_box(nodes.General, nodes.Element):
    """The box: a title paragraph, then the body."""


class Answer(SphinxDirective):
    """``answer``: the argument is the question, the body the answer (MyST)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        box = answer_box(classes=["answer-box"])
        self.set_source_info(box)
        title = nodes.paragraph(classes=["answer-box-title"])
        language = self.env.config.language or languages.SOURCE_LANGUAGE
        title += nodes.strong(text=say(language, "Short answer: "))
        inline, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        # The question is the catalogues' to translate (a "translatable" inline, as the
        # exercises' titles); "Short answer:" is the extension's own word, translated above.
        question = nodes.inline(self.arguments[0], "", *inline, translatable=True)
        self.set_source_info(question)
        title += question
        box += title
        box.extend(messages)
        box.extend(self.parse_content_to_nodes())
        return [box]


def _inline_markdown(node: nodes.Node, link: Any) -> str:
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.literal):
        text = node.astext()
        fence = "``" if "`" in text else "`"
        return f"{fence}{text}{fence}"
    inner = "".join(_inline_markdown(child, link) for child in node.children)
    if isinstance(node, nodes.strong):
        return f"**{inner}**"
    if isinstance(node, nodes.emphasis):
        return f"*{inner}*"
    if isinstance(node, nodes.reference):
        target = link(node)
        return f"[{inner}]({target})" if target else inner
    return inner


def to_markdown(body: list[nodes.Node], link: Any) -> str:
    """Markdown for a list of rendered block nodes (paragraphs, code, lists)."""
    blocks = []
    for node in body:
        if isinstance(node, nodes.literal_block):
            language = node.get("language", "")
            language = "python" if language in ("ipython3", "default") else language
            blocks.append(f"```{language}\n{node.astext().rstrip()}\n```")
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            marker = "-" if isinstance(node, nodes.bullet_list) else "1."
            items = [
                f"{marker} " + to_markdown(list(item.children), link).replace("\n", "\n   ")
                for item in node.children
            ]
            blocks.append("\n".join(items))
        elif isinstance(node, nodes.paragraph):
            blocks.append(" ".join(_inline_markdown(node, link).split()))
        elif isinstance(node, nodes.Element):
            blocks.append(to_markdown(list(node.children), link))
    return "\n\n".join(block for block in blocks if block)


def enclosing_label(node: nodes.Node, labels: set[str]) -> tuple[str, str]:
    """The explicit label and title of the section around `node`."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            found = [i for i in parent["ids"] if i in labels]
            if found:
                return found[0], parent.next_node(nodes.title).astext()
        parent = parent.parent
    return "", ""


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Compute each box's Markdown and permalink, once references are resolved."""
    boxes = list(doctree.findall(answer_box))
    if not boxes or app.builder.format != "html":
        return
    prefix = app.config.html_baseurl or ROOT_PLACEHOLDER  # the base URL ends in "/" (conf.py)
    source_line = say(languages.site_language(app), SOURCE_LINE)
    page_uri = app.builder.get_target_uri(docname)
    labels = set(app.env.domains.standard_domain.labels)

    def link(node: nodes.reference) -> str:
        if "refuri" in node:
            uri = node["refuri"]
            if "://" in uri or uri.startswith("mailto:"):
                return uri
            path, _, fragment = uri.partition("#")
            here = posixpath.dirname(page_uri)
            full = posixpath.normpath(posixpath.join(here, path)) if path else page_uri
            return prefix + full + (f"#{fragment}" if fragment else "")
        if "refid" in node:
            return f"{prefix}{page_uri}#{node['refid']}"
        return ""

    for box in boxes:
        label, section = enclosing_label(box, labels)
        if not label:
            logger.warning("answer box outside a labelled section", location=box)
            continue
        body = to_markdown(list(box.children[1:]), link)
        sentences = sum(
            paragraph.astext().count(". ") + 1
            for paragraph in box.children[1:]
            if isinstance(paragraph, nodes.paragraph)
        )
        if not MIN_SENTENCES <= sentences <= MAX_SENTENCES:
            logger.warning(
                "answer box has %d sentences (%d to %d expected)",
                sentences, MIN_SENTENCES, MAX_SENTENCES, location=box,
            )  # fmt: skip
        permalink = f"{prefix}{page_uri}#{label}"
        box["ids"].append(f"answer-{label}")
        project = app.config.project
        source = source_line.format(project=project, section=section, permalink=permalink)
        box["markdown"] = f"{body}\n\n{source}\n"
        box["label"] = label


def visit_answer_box(self: Any, node: answer_box) -> None:
    ident = f"answer-{node['label']}" if node.get("label") else ""
    attrs = {"aria-labelledby": f"{ident}-title"} if ident else {}
    self.body.append(self.starttag(node, "aside", "", **attrs))
    if ident:
        node.children[0]["ids"].append(f"{ident}-title")


def depart_answer_box(self: Any, node: answer_box) -> None:
    if node.get("markdown"):
        markdown = html.escape(node["markdown"], quote=False)
        language = self.builder.config.language or languages.SOURCE_LANGUAGE
        button, copied, failed = (
            html.escape(say(language, english))
            for english in (
                "Copy this answer as Markdown",
                "Copied: paste it where you answer.",
                "Copy failed.",
            )
        )
        self.body.append(
            f'<div class="answer-actions">'
            f'<button type="button" class="answer-copy" data-copied="{copied}" '
            f'data-failed="{failed}">{button}</button>'
            f'<span class="answer-status" role="status" aria-live="polite"></span></div>'
            f'<template class="answer-markdown">{markdown}</template>'
        )
    self.body.append("</aside>\n")


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        answer_box,
        html=(visit_answer_box, depart_answer_box),
        latex=(skip, None),
        text=(skip, None),
    )
    app.add_directive("answer", Answer)
    app.connect("doctree-resolved", fill)
    app.add_js_file("answers.js")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
