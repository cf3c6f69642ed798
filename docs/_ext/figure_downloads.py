"""The figures page: every figure of the package, in SVG and PNG, light and dark, with alt text.

The ``figure-downloads`` directive draws every figure with the package's own figure list
(:func:`lstm_explained.figures.cli.figure_set`, the one ``python -m lstm_explained figures`` uses),
saves each one in SVG and PNG with :func:`lstm_explained.figures.style.save_figure` (deterministic
bytes), and lists them with their alt text and download links. The files and a ``README.md``
(alt texts, licence) go to ``_figures/`` in the HTML output. Drawn files are cached under the
doctrees folder, under the key that ``conf.py`` gives in ``figure_downloads_key``: the hash it
already computes for the execution cache (the imported package's source, the installed
distributions, conf.py), and the build's language, so figures are redrawn exactly when pages
are re-executed. The folder is noted in the ``figure_downloads`` store of the environment
(``_envdata``) for the page that holds the directive, and copied into the output after the
build.

A translated build (``-D language=fr``) draws the figures in its language (the package's
``language=``; the files keep their names) with the README in that language, and writes the
page's own words (``TRANSLATIONS``, see ``languages.translate``) in it too.

The ``citation`` directive renders how to cite the site from ``CITATION.cff`` at the
repository's root, so the page and the file cannot disagree.
"""

from __future__ import annotations

import html
import json
import posixpath
import shutil
from pathlib import Path
from typing import Any

import languages
from _envdata import store
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

OUT_DIR = "_figures"
THEMES = ("light", "dark")
FORMATS = ("svg", "png")
STORE = "figure_downloads"  # _envdata store: {docname: export folder}
#: The words this extension writes, in the site's other languages (docs/_ext/languages.py).
TRANSLATIONS = {
    "fr": {
        "light": "clair",
        "dark": "sombre",
        "Alt text:": "Texte alternatif\u00a0:",
        "Download:": "Télécharger\u00a0:",
        "All files with their alt texts:": "Tous les fichiers avec leur texte alternatif\u00a0:",
        "svg and png": "svg et png",
        " Source: ": " Source\u00a0: ",
    }
}


def export(folder: Path, language: str = "en") -> list[dict[str, str]]:
    """Draw every figure in both themes and formats into `folder`; return name and alt text.

    The figures, their alt texts and the README are in `language`.
    """
    from lstm_explained.figures.cli import PNG_DPI, figure_set, readme
    from lstm_explained.figures.style import save_figure

    folder.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict[str, str]] = {}
    files = []
    for theme in THEMES:
        suffix = "" if theme == "light" else f"-{theme}"
        for name, draw in figure_set(4, 3, 5, theme, language):
            result = draw()
            for fmt in FORMATS:
                filename = f"{name}{suffix}.{fmt}"
                save_figure(result.figure, folder / filename, fmt, dpi=PNG_DPI)
                files.append((filename, result.alt))
            figures.setdefault(name, {"name": name, "alt": result.alt})
    formats = languages.translate(language, "svg and png", TRANSLATIONS)
    settings = f"units=4, input_dim=3, timesteps=5, format={formats}, theme=both"
    if language != languages.SOURCE_LANGUAGE:
        settings += f", language={language}"
    (folder / "README.md").write_text(readme(settings, files, language), encoding="utf-8")
    return list(figures.values())


def exported(app: Sphinx) -> tuple[Path, list[dict[str, str]]]:
    """The cached export folder for the current package and language, drawn when missing."""
    key = app.config.figure_downloads_key
    if not key:
        raise ExtensionError("figure_downloads_key is not set in conf.py")
    language = languages.site_language(app)
    folder = Path(app.doctreedir) / "figure-downloads" / f"{key}-{language}"
    manifest = folder / "figures.json"
    if not manifest.is_file():
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        figures = export(tmp, language)
        (tmp / "figures.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    return folder, json.loads(manifest.read_text(encoding="utf-8"))


class FigureDownloads(SphinxDirective):
    """``figure-downloads``: one block per figure, with its alt text and four downloads.

    No thumbnails: the figures are shown on the pages that explain them, and two dozen SVGs
    would take this page far over the site's page-weight budget (``tools/page_weight.py``).
    """

    def run(self) -> list[nodes.Node]:
        folder, figures = exported(self.env.app)
        for path in sorted((Path(self.env.srcdir).parent / "lstm_explained").rglob("*.py")):
            self.env.note_dependency(str(path))  # redraw when the package changes
        store(self.env, STORE)[self.env.docname] = str(folder)
        here = posixpath.dirname(self.env.docname)
        prefix = posixpath.relpath(OUT_DIR, here or ".")
        language = languages.site_language(self.env.app)
        return [
            nodes.raw("", block, format="html")
            for block in download_blocks(figures, prefix, language)
        ]


def download_blocks(figures: list[dict[str, str]], prefix: str, language: str) -> list[str]:
    """The HTML of each figure's block (name, alt text, four links) and of the README link.

    `prefix` is the URL of ``_figures/`` from the page; the words are in `language`.
    """

    def say(english: str) -> str:
        return languages.translate(language, english, TRANSLATIONS)

    blocks = []
    for figure in figures:
        name, alt = figure["name"], html.escape(figure["alt"], quote=True)
        links = " ".join(
            f'<a href="{prefix}/{name}{suffix}.{fmt}" download>{fmt.upper()}, {say(theme)}</a>'
            for theme, suffix in (("light", ""), ("dark", "-dark"))
            for fmt in FORMATS
        )
        blocks.append(
            f'<div class="figure-download" id="figure-{name}">\n'
            f"<p><strong><code>{name}</code></strong></p>\n"
            f'<p class="figure-alt"><strong>{say("Alt text:")}</strong> {alt}</p>\n'
            f'<p class="figure-links">{say("Download:")} {links}</p>\n</div>'
        )
    readme = say("All files with their alt texts:")
    blocks.append(f'<p>{readme} <a href="{prefix}/README.md">README.md</a>.</p>')
    return blocks


def copy_figures(app: Sphinx, exception: Exception | None) -> None:
    """Copy the drawn files into the HTML output."""
    folders = sorted(set(store(app.env, STORE).values()))  # one: every page draws the same
    if exception is not None or app.builder.format != "html" or not folders:
        return
    target = Path(app.outdir) / OUT_DIR
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for folder in folders:
        for path in sorted(Path(folder).iterdir()):
            if path.suffix in (".svg", ".png") or path.name == "README.md":
                shutil.copyfile(path, target / path.name)


class Citation(SphinxDirective):
    """``citation``: how to cite the site, from CITATION.cff (plain text and BibTeX)."""

    def run(self) -> list[nodes.Node]:
        import yaml

        path = Path(self.env.srcdir).parent / "CITATION.cff"
        self.env.note_dependency(str(path))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        authors = ", ".join(a.get("name") or a.get("family-names", "") for a in data["authors"])
        year = str(data.get("date-released", ""))[:4]
        version = data.get("version", "")
        url = self.config.html_baseurl or data.get("url", "")
        repository = self.config.figure_downloads_repository
        text = f"{authors} ({year}). {data['title']} (version {version})."
        para = nodes.paragraph()
        para += nodes.Text(text + " ")
        if url:
            para += nodes.reference(url, url, refuri=url)
        if repository:
            language = self.config.language or languages.SOURCE_LANGUAGE
            para += nodes.Text(languages.translate(language, " Source: ", TRANSLATIONS))
            para += nodes.reference(repository, repository, refuri=repository)
        key = "lstm_explained"
        bibtex = "\n".join(
            [
                f"@misc{{{key},",
                f"  author = {{{{{authors}}}}},",
                f"  title = {{{data['title']}}},",
                f"  year = {{{year}}},",
                f"  version = {{{version}}},",
                *([f"  url = {{{url}}},"] if url else []),
                f"  note = {{Text and figures {data.get('license', '')}"
                + (f"; source: \\url{{{repository}}}" if repository else "")
                + "}",
                "}",
            ]
        )
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        return [para, block]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("_envdata")
    app.add_config_value("figure_downloads_key", "", "env", types=[str])
    #: The repository's address (conf.py, site_repository), "" when not set.
    app.add_config_value("figure_downloads_repository", "", "env", types=[str])
    app.add_directive("figure-downloads", FigureDownloads)
    app.add_directive("citation", Citation)
    app.connect("build-finished", copy_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
