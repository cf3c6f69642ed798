"""Every executed page that shows code can be downloaded as a notebook and as its MyST source.

MyST-NB writes each page it executes (or takes from the execution cache) as a notebook with its
outputs to ``jupyter_execute/`` beside the HTML output. When the build ends, this extension
copies, for each such page, into ``_downloads/pages/`` of the site:

- ``<page>.ipynb``: that notebook, with the outputs the page shows, without the page's hidden
  cells (tag ``remove-cell``: checks that the page's claims still hold, and values glued into
  the text), which need the build's own tools, and with a first cell that names the page and
  gives the one command that installs what the notebook needs. The visible code runs top to
  bottom on its own (tests/test_visible_code.py), so the notebook does too. The notebook is
  the English page's: of the figures, drawn in every language of the site
  (:func:`lstm_explained.figures.show`), it keeps the English images (``figure_files.py``).
- ``<page>.md``: the page's source, as written.

The ``install-command`` directive shows the same install line on a page (the install page), so
the page and the notebooks can never disagree.

Two links by each page's title offer them (``download`` links, reached with the keyboard like
any link). The files are written in a stable form (nbformat's sorted JSON), so two builds give
the same bytes.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import languages
import nbformat
from docutils import nodes
from figure_files import keep_language
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

#: The folder of the site that holds the downloads.
FOLDER = "_downloads/pages"
#: The links' words in the site's other languages (docs/_ext/languages.py). The notebooks and
#: sources are the English pages', which a translated page says.
TRANSLATIONS = {
    "fr": {
        "Run it yourself: ": "À exécuter vous-même (en anglais)\u00a0: ",
        "notebook (.ipynb)": "notebook (.ipynb)",
        "MyST source ({source})": "source MyST ({source})",
    }
}
#: Cell tags whose cells stay out of the download: hidden plumbing of the build.
LEFT_OUT = frozenset({"remove-cell"})


def executed_notebook(app: Sphinx, docname: str) -> Path:
    """Where MyST-NB wrote the executed notebook of `docname` (it may not exist)."""
    return (
        Path(app.env.mystnb_config.output_folder)
        .joinpath(*docname.split("/"))
        .with_suffix(".ipynb")
    )


def has_visible_code(app: Sphinx, docname: str) -> bool:
    """Whether MyST-NB executed `docname` and it shows code (the changelog, say, does not)."""
    path = executed_notebook(app, docname)
    if not path.is_file():
        return False
    cells = nbformat.read(path, as_version=4).cells
    return any(
        cell.cell_type == "code" and not LEFT_OUT & set(cell.metadata.get("tags", []))
        for cell in cells
    )


def downloadable(app: Sphinx) -> list[str]:
    """The pages that have a notebook to download, in a stable order."""
    return sorted(d for d in app.env.found_docs if has_visible_code(app, d))


def install_line(app: Sphinx) -> str:
    """The command that installs what a downloaded notebook imports."""
    return app.config.notebook_downloads_install


def english_figures(cell: nbformat.NotebookNode, title: str) -> None:
    """Keep only the English images of the figures in the HTML outputs of `cell` (in place).

    Raises
    ------
    ExtensionError
        If a figure of the cell has images with ``lang`` attributes and none in English.
    """
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        page = data.get("text/html")
        if page is None:
            continue
        text = "".join(page) if isinstance(page, list) else page
        try:
            data["text/html"] = keep_language(text, languages.SOURCE_LANGUAGE)
        except ValueError as error:
            raise ExtensionError(f"the notebook of {title!r}: {error}") from None


def reader_notebook(notebook: nbformat.NotebookNode, title: str, install: str, page_url: str):
    """A copy of `notebook` without its hidden cells, opened by a cell with the install line.

    The figures keep their English images only (:func:`english_figures`).
    """
    result = copy.deepcopy(notebook)
    kept = [
        cell
        for cell in result.cells
        if not LEFT_OUT & set(cell.get("metadata", {}).get("tags", []))
    ]
    header = nbformat.v4.new_markdown_cell(
        f"# {title}\n\n"
        f"This notebook is the page [{title}]({page_url}) of *LSTM units, explained*, with the "
        "outputs it had when the site was built. To run it, install the package and Keras "
        "first, in the environment of this notebook's kernel:\n\n"
        f"```\n{install}\n```\n"
    )
    result.cells = [header, *kept]
    for index, cell in enumerate(result.cells):
        cell["id"] = f"cell-{index}"  # stable ids: the same bytes at every build
        cell.get("metadata", {}).pop("execution", None)
        english_figures(cell, title)
    result.metadata.pop("widgets", None)
    return result


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Write the notebook and the source of every executed page into the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    base = app.config.html_baseurl
    for docname in downloadable(app):
        title = app.env.titles[docname].astext()
        # From the notebook's own folder, _downloads/pages/<docname's folder>, to the page.
        to_root = "../" * (FOLDER.count("/") + 1 + docname.count("/"))
        page_url = (base or to_root) + app.builder.get_target_uri(docname)
        notebook = nbformat.read(executed_notebook(app, docname), as_version=4)
        out = target.joinpath(*docname.split("/"))
        out.parent.mkdir(parents=True, exist_ok=True)
        reader = reader_notebook(notebook, title, install_line(app), page_url)
        out.with_suffix(".ipynb").write_text(nbformat.writes(reader) + "\n", encoding="utf-8")
        source = Path(app.env.doc2path(docname))
        shutil.copyfile(source, out.with_suffix(source.suffix))


def download_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the page's two download links after its title."""
    if doctree is None or not has_visible_code(app, pagename):
        return
    source = Path(app.env.doc2path(pagename)).suffix
    pathto = context["pathto"]
    notebook = pathto(f"{FOLDER}/{pagename}.ipynb", resource=True)
    myst = pathto(f"{FOLDER}/{pagename}{source}", resource=True)
    name = pagename.rsplit("/", 1)[-1]
    language = app.config.language or languages.SOURCE_LANGUAGE

    def say(english: str) -> str:
        return languages.translate(language, english, TRANSLATIONS).format(source=source)

    # The notebooks and sources are the English pages': a translated page says so.
    hreflang = "" if language == languages.SOURCE_LANGUAGE else ' hreflang="en"'
    links = (
        f'<p class="page-downloads">{say("Run it yourself: ")}'
        f'<a href="{notebook}" download="{name}.ipynb"{hreflang}>{say("notebook (.ipynb)")}</a>'
        f' · <a href="{myst}" download="{name}{source}"{hreflang}>'
        f"{say('MyST source ({source})')}</a></p>"
    )
    body = context.get("body", "")
    end = body.find("</h1>")
    if end != -1:
        context["body"] = body[: end + 5] + "\n" + links + body[end + 5 :]


class InstallCommand(SphinxDirective):
    """``install-command``: the notebooks' install line (or, with ``tf-keras``, Keras 2's)."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        which = self.arguments[0] if self.arguments else "package"
        settings = {
            "package": "notebook_downloads_install",
            "tf-keras": "notebook_downloads_install_tf_keras",
        }
        if which not in settings:
            raise self.error(f"install-command {which!r}: expected one of {', '.join(settings)}")
        line = self.config[settings[which]]
        if not line:
            raise self.error(f"{settings[which]} is not set in conf.py")
        block = nodes.literal_block(line, line, language="bash")
        self.set_source_info(block)
        return [block]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("install-command", InstallCommand)
    #: The install line printed at the top of the notebooks (conf.py sets it).
    app.add_config_value("notebook_downloads_install", "", "html", types=[str])
    #: The command that adds Keras 2 without its dependencies (the install page shows it).
    app.add_config_value("notebook_downloads_install_tf_keras", "", "html", types=[str])
    app.connect("html-page-context", download_links)
    app.connect("build-finished", write_downloads)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
