"""The site in several languages: where each lives, and the links between them.

English, the language of the sources, stays at the site's root; every other language is built
from the same sources (``-D language=<code>``) into a folder of its own, ``<code>/``, with the
same page paths and the same anchor ids. So switching languages keeps the reader's place.

- ``config-inited``: a translated build's base URL is the site's base URL followed by
  ``<code>/``, so canonical links, link previews and the sitemap point into its folder.
- ``html-page-context``: every page gets ``site_languages``, one entry per language (its code,
  its name in itself, the URL of the same page in it, whether it is this page's), which the
  sidebar's language switcher (``_templates/sidebar/languages.html``) uses; the page's head
  gets the ``hreflang`` alternates (each language, and English as ``x-default``) when the site
  has a base URL (they must be absolute, as canonical links). The switcher's URLs are
  absolute with a base URL, relative without. ``_static/languages.js`` keeps the switcher's
  links pointing at the reader's current ``#anchor``, which is the same id in every language.
- A translated build names the site in its language (``project``, ``html_title``), and the
  extensions translate the words they write themselves with :func:`translate`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError, ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform

#: The default language: the sources' own, at the root of the site.
SOURCE_LANGUAGE = "en"
#: The site's name and the words of its footer in the other languages (``project``,
#: ``html_title`` and ``copyright``, set in conf.py; ``{author}``, ``{year}`` are kept).
TRANSLATIONS = {
    "fr": {
        "LSTM units, explained": "Les unités d’une couche LSTM, expliquées",
        "{year}, {author}. Text and figures CC BY 4.0, code MIT": (
            "{year}, {author}. Textes et figures sous CC BY 4.0, code sous MIT"
        ),
        'The "{project}" authors': "Les auteurs de «\u00a0{project}\u00a0»",
        # MyST-NB's buttons on folded cells (nb_code_prompt_show/hide, "{type}" filled in).
        "Show code cell source": "Afficher le code de la cellule",
        "Hide code cell source": "Masquer le code de la cellule",
        "Show code cell content": "Afficher le contenu de la cellule",
        "Hide code cell content": "Masquer le contenu de la cellule",
        "Show code cell output": "Afficher la sortie de la cellule",
        "Hide code cell output": "Masquer la sortie de la cellule",
        "Show code cell outputs": "Afficher les sorties de la cellule",
        "Hide code cell outputs": "Masquer les sorties de la cellule",
    }
}
#: conf.py's ``copyright``, with its variable parts named (see :func:`translate_copyright`).
COPYRIGHT = re.compile(r'^(?P<year>\d{4}), The "(?P<project>[^"]+)" authors\. (?P<rest>.+)$')
#: The switcher's script: it carries the reader's ``#anchor`` to the other language.
SCRIPT = "languages.js"


def folder(language: str) -> str:
    """The site's folder of `language`: ``""`` for English, ``"fr/"`` for French."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


def site_language(app: Sphinx) -> str:
    """The language this build writes (``"en"`` unless ``-D language=...`` says otherwise)."""
    return app.config.language or SOURCE_LANGUAGE


def translate(language: str, english: str, translations: Mapping[str, Mapping[str, str]]) -> str:
    """The text an extension, a template or a script shows, in `language`.

    The pages' prose is translated through gettext catalogues (``docs/locales/``); the few texts
    the site's extensions write themselves (a button, a heading, a message) are translated
    where they are written, in a dict of that module: ``TRANSLATIONS = {"fr": {english:
    french}}``. ``tests/test_site_text.py`` checks that every such dict covers every language of
    ``site_languages`` with the same English texts.

    Raises
    ------
    ExtensionError
        If `language` is not English and `translations` has no text for `english` in it: the
        build stops rather than show English on a translated page.
    """
    if language == SOURCE_LANGUAGE:
        return english
    try:
        return translations[language][english]
    except KeyError:
        raise ExtensionError(
            f"no {language!r} translation of {english!r}: add it to the TRANSLATIONS of the "
            "extension that writes it"
        ) from None


def catalogue_path(app: Sphinx, language: str, docname: str) -> Path | None:
    """The ``.po`` file that translates `docname` into `language`, if there is one."""
    for directory in app.config.locale_dirs:
        path = Path(app.confdir, directory, language, "LC_MESSAGES", f"{docname}.po")
        if path.is_file():
            return path
    return None


def page_sources(app: Sphinx, docname: str, language: str | None = None) -> list[Path]:
    """What a page in `language` (the build's, by default) is made from: its source, and in a
    translated site its catalogue too. A page's date is the latest of theirs."""
    language = language or app.config.language or SOURCE_LANGUAGE
    sources = [Path(app.env.doc2path(docname))]
    catalogue = catalogue_path(app, language, docname) if language != SOURCE_LANGUAGE else None
    return sources + ([catalogue] if catalogue else [])


def check_languages(app: Sphinx, config: Config) -> None:
    """Refuse an unknown language, and point a translated build's base URL into its folder."""
    names = config.site_languages
    if SOURCE_LANGUAGE not in names:
        raise ConfigError(f"site_languages must include {SOURCE_LANGUAGE!r}, got {names!r}")
    language = config.language or SOURCE_LANGUAGE
    if language not in names:
        raise ConfigError(
            f"language={language!r} is not one of the site's languages ({', '.join(names)}); "
            "add it to site_languages in conf.py with its catalogues in docs/locales/"
        )
    if config.html_baseurl and language != SOURCE_LANGUAGE:
        config.html_baseurl = config.html_baseurl + folder(language)
    if language != SOURCE_LANGUAGE:
        # The translated site's link previews (og:url, og:image) and its 404 page's links point
        # into its own folder, where its cards and its static files are.
        for name in ("ogp_site_url", "notfound_urls_prefix"):
            value = getattr(config, name, None)
            if value:
                setattr(config, name, value + folder(language))
    if language != SOURCE_LANGUAGE:
        config.copyright = translate_copyright(language, config.copyright)
        for name in ("project", "html_title"):
            setattr(config, name, translate(language, getattr(config, name), TRANSLATIONS))


def translate_copyright(language: str, text: str) -> str:
    """conf.py's ``copyright`` line in `language`: the year and the site's name stay as they are
    (the authors' collective name is the English site's name, as CITATION.cff gives it).

    Raises
    ------
    ExtensionError
        If the line is not of the form conf.py writes (then its translation would be unknown).
    """
    match = COPYRIGHT.match(text)
    if match is None:
        raise ExtensionError(
            f"copyright {text!r}: not of the form 'YEAR, The \"NAME\" authors. ...'"
        )
    author = translate(language, 'The "{project}" authors', TRANSLATIONS)
    line = translate(language, "{year}, {author}. " + match["rest"], TRANSLATIONS)
    return line.format(year=match["year"], author=author.format(project=match["project"]))


#: The page a host serves for any missing path, at any depth (sphinx-notfound-page's).
NOT_FOUND = "404"


def page_url(app: Sphinx, pagename: str, language: str, from_page: str) -> str:
    """The URL of `pagename` in `language`: absolute with a base URL, else relative.

    The 404 page is served at any depth, so its links start at the site's root
    (``notfound_urls_prefix``) and lead to each language's home page.
    """
    this = app.config.language or SOURCE_LANGUAGE
    if pagename == NOT_FOUND:
        prefix = getattr(app.config, "notfound_urls_prefix", None) or "/"
        root = prefix.removesuffix(folder(this)) if folder(this) else prefix
        return root + folder(language) + app.builder.get_target_uri(app.config.root_doc)
    target = folder(language) + app.builder.get_target_uri(pagename)
    base = app.config.html_baseurl
    if base:
        root = base[: len(base) - len(folder(this))] if folder(this) else base
        return root + target
    depth = from_page.count("/") + folder(this).count("/")
    return "../" * depth + target


def add_languages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Each language's URL of this page, for the switcher and the ``hreflang`` links."""
    this = app.config.language or SOURCE_LANGUAGE
    languages = [
        {
            "code": code,
            "name": name,
            "url": page_url(app, pagename, code, pagename),
            "current": code == this,
        }
        for code, name in app.config.site_languages.items()
    ]
    context["site_languages"] = languages
    if len(languages) > 1:
        app.add_js_file(SCRIPT, loading_method="defer")
    # hreflang alternates must be absolute URLs (as canonical links): only with a base URL.
    if len(languages) > 1 and app.config.html_baseurl:
        links = [
            f'<link rel="alternate" hreflang="{lang["code"]}" href="{lang["url"]}" />'
            for lang in languages
        ]
        default = languages[0]["url"]  # English, at the root, for any other reader
        links.append(f'<link rel="alternate" hreflang="x-default" href="{default}" />')
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


class FoldedCellButtons(SphinxPostTransform):
    """MyST-NB's "Show code cell source" and such, on folded cells, in the build's language.

    MyST-NB writes them from ``nb_code_prompt_show`` / ``nb_code_prompt_hide`` with the English
    word of what is folded ("source", "outputs", ...) put in, just before this runs.
    """

    default_priority = 200  # after MyST-NB's HideInputCells (199), which makes the buttons

    def run(self, **kwargs: Any) -> None:
        language = self.config.language or SOURCE_LANGUAGE
        if language == SOURCE_LANGUAGE:
            return
        from myst_nb.sphinx_ import HideCodeCellNode

        for node in self.document.findall(HideCodeCellNode):
            for key in ("prompt_show", "prompt_hide"):
                node[key] = translate(language, node[key], TRANSLATIONS)


def executed_notebooks_folder(app: Sphinx) -> None:
    """A translated build keeps its executed notebooks beside English's, not in the site.

    MyST-NB writes them to ``jupyter_execute/`` in the parent of the output folder: for
    ``build/html/fr`` that is ``build/html``, the published site. They go to
    ``build/jupyter_execute-<code>`` instead (the glue data and the downloads read them there).
    """
    language = app.config.language or SOURCE_LANGUAGE
    config = getattr(app.env, "mystnb_config", None)
    if language == SOURCE_LANGUAGE or config is None:
        return
    folder = Path(app.outdir).parent.parent / f"jupyter_execute-{language}"
    app.env.mystnb_config = config.copy(output_folder=str(folder.resolve()))


def theme_messages(app: Sphinx) -> None:
    """Let the gettext build extract the theme's own words too (``sphinx.pot``).

    Sphinx extracts the messages of the templates in ``templates_path`` only; Furo's templates
    ("Skip to content", "Made with", ...) are added for the gettext builder, so their
    translations live in ``docs/locales/<lang>/LC_MESSAGES/sphinx.po`` beside the site's own
    templates'. (Sphinx's catalogues translate some of them already; the others would stay
    English on a translated page.) Other builders' templates are left as they are.
    """
    if app.builder.name != "gettext":
        return
    import furo

    theme = Path(furo.__file__).parent / "theme" / "furo"
    app.config.templates_path = [*app.config.templates_path, str(theme)]


def setup(app: Sphinx) -> dict[str, Any]:
    #: {code: the language's name in itself}, English first: the languages the site is built in.
    app.add_config_value("site_languages", {SOURCE_LANGUAGE: "English"}, "env", types=[dict])
    app.connect("config-inited", check_languages, priority=900)
    app.connect("html-page-context", add_languages)
    app.connect("builder-inited", theme_messages)
    app.connect("builder-inited", executed_notebooks_folder, priority=900)  # after MyST-NB's
    app.add_post_transform(FoldedCellButtons)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
