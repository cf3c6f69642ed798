"""A translated build refuses a missing, fuzzy or stale translation, naming the page and message.

Sphinx translates a page message by message (``sphinx.transforms.i18n.Locale``) and silently
keeps the English text of any message its catalogue does not translate: a message never
translated, one whose translation is marked fuzzy (Sphinx compiles catalogues without fuzzy
entries), and one whose English changed since it was translated (its new text is not in the
catalogue). Left alone, the French site would mix languages without a word. In a build whose
``language`` is not English, this extension warns (so fails the ``-W`` build):

- for each message of the page that its catalogue does not translate, quoting its start; a
  fuzzy entry is named as such, with its catalogue (messages Sphinx translates itself, such as
  napoleon's section names, are not the catalogue's business);
- for each entry of the page's catalogue that no message of the page uses any more (a stale
  translation, left behind by a change to the English).

Messages are those Sphinx itself extracts (``extract_messages``), read just before ``Locale``
runs, so the check sees exactly what the gettext builder writes to the ``.pot`` files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages import pofile
from docutils import nodes
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

logger = logging.getLogger(__name__)

#: Where the page's English messages are kept between the two transforms.
MESSAGES = "lstm_explained_messages"
#: How long a quoted message may be in a warning.
QUOTE = 70


def translating(config: Any) -> bool:
    return bool(config.language) and config.language != "en"


def catalogue_path(app_or_env: Any, docname: str) -> Path | None:
    """The page's ``.po`` file in the first locale folder that has one, or None."""
    config = app_or_env.config
    domain = docname_to_domain(docname, config.gettext_compact)
    for folder in config.locale_dirs:
        path = Path(app_or_env.srcdir, folder, config.language, "LC_MESSAGES", f"{domain}.po")
        if path.is_file():
            return path
    return None


def in_front_matter(node: nodes.Node) -> bool:
    """Whether `node` is part of the page's front matter (metadata, never shown or translated)."""
    ancestor = node
    while ancestor is not None:
        if isinstance(ancestor, nodes.docinfo):
            return True
        if isinstance(ancestor, nodes.field_list) and isinstance(ancestor.parent, nodes.document):
            return True
        ancestor = ancestor.parent
    return False


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= QUOTE else text[: QUOTE - 1] + "…")


class CollectMessages(SphinxTransform):
    """Read the page's English messages just before Sphinx translates them."""

    default_priority = 19  # sphinx.transforms.i18n.Locale is 20

    def apply(self, **kwargs: Any) -> None:
        if translating(self.config):
            self.env.temp_data[MESSAGES] = [
                msg for node, msg in extract_messages(self.document) if not in_front_matter(node)
            ]


def builtin_messages() -> set[str]:
    """Sphinx's own messages and their translations (napoleon's "Parameters", say).

    Sphinx writes these in the build's language itself, so a translated page shows them already
    translated: they are neither missing from the page's catalogue nor stale in it.
    """
    found: set[str] = set()
    translator = sphinx_locale.get_translator("sphinx", "general")  # the one Sphinx uses
    while translator is not None:
        for key, value in getattr(translator, "_catalog", {}).items():
            if isinstance(key, str) and key:
                found.add(key)
                found.add(str(value))
        translator = getattr(translator, "_fallback", None)
    return found


class CheckTranslations(SphinxTransform):
    """Warn for every message the catalogue does not translate, and every entry no message uses.

    The catalogue decides, not Sphinx's ``translated`` flags: Sphinx leaves those unset on
    messages it did translate in toctree captions and image alt texts.
    """

    default_priority = 21  # right after Locale

    def apply(self, **kwargs: Any) -> None:
        if not translating(self.config) or MESSAGES not in self.env.temp_data:
            return
        docname = self.env.docname
        messages = self.env.temp_data.pop(MESSAGES)
        path = catalogue_path(self.env, docname)
        entries = {}
        if path is not None:
            with path.open("rb") as file:
                entries = {m.id: m for m in pofile.read_po(file) if m.id}
        builtin = builtin_messages()
        for message in dict.fromkeys(messages):  # once each, in page order
            entry = entries.get(message)
            if message in builtin or (entry is not None and entry.string and not entry.fuzzy):
                continue
            if path is None:
                problem = f"no catalogue for this page in {self.config.language!r}"
            elif entry is not None and entry.fuzzy:
                problem = f"fuzzy translation in {path.name}, not used"
            else:
                problem = "untranslated message"
            logger.warning(
                "%s: %s", problem, _quote(message), location=docname,
                type="lstm_explained", subtype="translation",
            )  # fmt: skip
        for message_id in sorted(set(entries) - set(messages) - builtin):
            logger.warning(
                "stale translation in %s (no message of the page says this any more): %s",
                path, _quote(message_id), location=docname,
                type="lstm_explained", subtype="translation",
            )  # fmt: skip


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(CollectMessages)
    app.add_transform(CheckTranslations)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
