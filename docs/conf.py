"""Sphinx configuration for "LSTM units, explained".

The site is a set of MyST-NB text notebooks executed at build time. Three promises are kept here:

1. Nothing wrong is published: a cell error, any output on stderr and any Sphinx warning fail
   the build (run it with ``-W``, as ``nox -s docs`` does); a cell tagged ``raises-exception``
   that stops raising fails it too (``_ext/cell_checks.py``).
2. Nothing stale is published: jupyter-cache keys a page on its code cells only, so the cache
   lives in a folder named after a hash of the package's source, of every installed
   distribution's version and of this file. Change any of them and every page re-executes;
   change nothing and a rebuild executes nothing.
3. Nothing is fetched from another host: math is rendered to MathML at build time
   (``_ext/mathml.py``), no CDN script is added, intersphinx is not used.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import tomllib
from sphinx.errors import ConfigError

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

import short_tracebacks  # _ext/short_tracebacks.py: installed in the page kernels
import site_anchors  # _ext/site_anchors.py: the page redirects of docs/redirects.txt
import site_plumbing  # _ext/site_plumbing.py: the mark on the link-preview cards

# -- Silence TensorFlow at its source -------------------------------------------------------------
# Set before any kernel starts: the kernels inherit this process's environment. Level 2 hides
# TensorFlow's C++ INFO and WARNING logs; oneDNN's "custom operations are on" notice is printed
# regardless of that level unless the oneDNN options are off.
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # ipykernel's debugger notice on 3.11+
os.environ["PYTHONHASHSEED"] = "0"
os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01: no build timestamps in outputs
#: The languages the site is built in ({code: the language's name in itself}, English first):
#: ``site_languages`` below. The page kernels draw every figure in each of them
#: (lstm_explained.figures.show), since one execution serves every language's build;
#: _ext/figure_files.py keeps the build's own.
SITE_LANGUAGES = {"en": "English", "fr": "Français"}
os.environ["LSTM_EXPLAINED_FIGURE_LANGUAGES"] = ",".join(SITE_LANGUAGES)


def kernel_profile(ipython_dir: Path) -> Path:
    """An IPython profile of our own for the page kernels.

    It keeps a reader's own IPython start-up files out of the pages' outputs, turns the history
    database off, and keeps the kernel's own log quiet below errors (ipykernel warns on every start
    that its local TCP socket is not encrypted).

    It also makes printed output arrive in one piece. ipykernel sends what a cell prints in
    chunks, on a 0.2 s timer; on a loaded machine the timer can fire between ``print``'s text and
    its newline, and MyST-NB's stream merging then adds a blank line: two builds of the same page
    differed by that line. With the timer out of the way, the kernel sends a cell's output when
    the cell ends (or when it displays something), the same way every time.

    Its start-up folder holds ``short_tracebacks`` (``_ext/short_tracebacks.py``): an error a
    page shows on purpose keeps the page's own line and the exception, and leaves out the
    frames inside installed libraries, whose paths would tell where the site was built.
    """
    profile = ipython_dir / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    config = (
        'c.IPKernelApp.log_level = "ERROR"\n'
        "c.HistoryManager.enabled = False\n"
        "c.IPKernelApp.exec_lines = [\n"
        '    "import sys as _sys",\n'
        '    "_sys.stdout.flush_interval = _sys.stderr.flush_interval = 1e6",\n'
        '    "del _sys",\n'
        "]\n"
    )
    files = {
        profile / "ipython_kernel_config.py": config,
        profile / "startup" / "00-short-tracebacks.py": short_tracebacks.startup_file(),
    }
    for target, text in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
    return ipython_dir


os.environ["IPYTHONDIR"] = str(kernel_profile(ROOT / "build" / "ipython"))

# -- Project --------------------------------------------------------------------------------------
project = "LSTM units, explained"
author = 'The "LSTM units, explained" authors'
copyright = f"2026, {author}. Text and figures CC BY 4.0, code MIT"
release = importlib.metadata.version("lstm-explained")

# -- Languages (issue 18) -------------------------------------------------------------------------
# English is the source; the French site is built from the same pages with `-D language=fr` and
# the catalogues docs/locales/fr/LC_MESSAGES/<page>.po (one per page: gettext_compact = False),
# updated by `nox -s translations`. No file locations in the catalogues, so that moving a
# paragraph does not rewrite them.
language = "en"
#: The languages the site is built in (docs/_ext/languages.py): English at the root, the others in
#: a folder each (fr/), from the same sources and the same executed cells.
site_languages = SITE_LANGUAGES
locale_dirs = ["locales"]
gettext_compact = False
gettext_location = False
gettext_uuid = False


def site_base_url(value: str | None) -> str:
    """The site's public address, normalised once for every extension; "" for a local build.

    `value` is ``LSTM_EXPLAINED_BASE_URL``: empty (or unset) for a local build, else the absolute
    http(s) URL of the site's root. The result ends in exactly one ``/`` (GitHub's Pages action
    gives its address without one), so extensions join it with a page's path as it is. Anything
    else (no scheme or host, another scheme, a query, a fragment, spaces) stops the build here,
    at configuration time, naming the value, rather than publishing broken canonical links.
    """
    text = (value or "").strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        valid = valid and not parts.query and not parts.fragment
    except ValueError:  # an unclosed IPv6 bracket, a bad port
        valid = False
    if not valid or any(char.isspace() for char in text):
        raise ConfigError(
            f"LSTM_EXPLAINED_BASE_URL={value!r} is not the absolute http(s) URL of the site's "
            "root (for example 'https://user.github.io/lstm-explained/'); unset it, or set it "
            "empty, for a local build"
        )
    return text.rstrip("/") + "/"


# The site's public address: canonical links, og:url, absolute og:image and sitemap URLs, the
# 404 page's base. Extensions read ``html_baseurl`` and never the environment variable.
html_baseurl = site_base_url(os.environ.get("LSTM_EXPLAINED_BASE_URL"))

#: How each forge shows and edits a file: {host: (view, edit)}, each a path after the repository
#: address, with ``{branch}`` and ``{path}`` (the file's path in the repository).
FORGES = {
    "github.com": ("blob/{branch}/{path}", "edit/{branch}/{path}"),
    "gitlab.com": ("-/blob/{branch}/{path}", "-/edit/{branch}/{path}"),
    "codeberg.org": ("src/branch/{branch}/{path}", "_edit/{branch}/{path}"),
    "bitbucket.org": ("src/{branch}/{path}", "src/{branch}/{path}?mode=edit"),
}


def site_repository(value: str | None, branch: str | None = None) -> dict[str, str]:
    """The repository's address and the links to a page's source, or {} when not set.

    `value` is ``LSTM_EXPLAINED_REPOSITORY_URL``: the https address of the repository on a forge
    this site knows (:data:`FORGES`), such as ``https://github.com/user/lstm-explained``; `branch`
    is ``LSTM_EXPLAINED_REPOSITORY_BRANCH`` (``main`` when unset). The result holds ``url`` (no
    trailing ``/``, no ``.git``), ``branch``, and ``view`` and ``edit``: formats of the links
    to a page's source with ``{filename}`` (the page's file under ``docs/``), as Furo's
    ``source_view_link`` and ``source_edit_link`` take them. Anything else stops the build at
    configuration time, naming the value.
    """
    text = (value or "").strip()
    if not text:
        return {}
    name = (branch or "").strip() or "main"
    try:
        parts = urlsplit(text)
        path = parts.path.strip("/").removesuffix(".git")
        valid = parts.scheme == "https" and parts.hostname in FORGES and path.count("/") >= 1
        valid = valid and not parts.query and not parts.fragment and not parts.port
    except ValueError:
        valid = False
    if not valid or any(char.isspace() for char in text + name) or "{" in text + name:
        raise ConfigError(
            f"LSTM_EXPLAINED_REPOSITORY_URL={value!r} (branch {name!r}) is not the https address "
            f"of a repository on {', '.join(sorted(FORGES))} (for example "
            "'https://github.com/user/lstm-explained'); unset it, or set it empty, to build "
            "without links to the source"
        )
    url = f"https://{parts.hostname}/{path}"
    view, edit = (f"{url}/{form}" for form in FORGES[parts.hostname])
    page = "docs/{filename}"
    return {
        "url": url,
        "branch": name,
        "view": view.format(branch=name, path=page),
        "edit": edit.format(branch=name, path=page),
    }


# The repository's address, when set: every page links to its source and to its edit page
# (Furo's buttons by the title), and the figures page and the citation give the address.
site_repository_settings = site_repository(
    os.environ.get("LSTM_EXPLAINED_REPOSITORY_URL"),
    os.environ.get("LSTM_EXPLAINED_REPOSITORY_BRANCH"),
)
# Read by the citation and the figures page (_ext/figure_downloads.py).
figure_downloads_repository = site_repository_settings.get("url", "")

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "myst_nb",
    "cache_guard",  # parallel workers never trim each other's cached pages (_ext/cache_guard.py)
    "fail_fast",  # for tools/mutations.py only: stop at the first failing page (_ext/fail_fast.py)
    "sphinx_copybutton",
    "mathml",
    "cell_checks",
    "api_aliases",
    "calculator",  # issue 9: the shapes page's calculator and its test cases (_ext/calculator.py)
    "exercises",  # issue 17: exercises, folded and checked solutions, a list (_ext/exercises.py)
    "translated_glue",  # issue 18: glue roles in translated text (_ext/translated_glue.py)
    "translation_check",  # issue 18: no message left untranslated (_ext/translation_check.py)
    "languages",  # issue 18: language folders, switcher, hreflang links (_ext/languages.py)
]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints", "_ext"]
nitpicky = True
# No module index page: the API page is the index of the package (and the module index's
# collapse images carry alt="-").
html_domain_indices = False
suppress_warnings: list[str] = []

# -- API reference (autodoc + NumPy-style docstrings) -------------------------------------------
autodoc_typehints = "none"  # the docstrings state types and shapes; signatures stay readable
autodoc_member_order = "bysource"
autodoc_class_signature = "separated"
autodoc_default_options = {"exclude-members": "__init__, __new__, __post_init__"}
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_param = False  # types such as "ndarray, shape (batch, units)" stay plain text
napoleon_use_rtype = False
napoleon_use_ivar = True
# The page's contents (the sidebar on the right) list the API page's sections, not its ~90
# functions, classes and methods: Furo's scroll-spy measures the position of every entry there
# when the page loads, which lays out the whole page at once, and on a phone that one task was
# most of the page's Lighthouse Total Blocking Time (82 against 100 measured with and without it:
# python tools/lighthouse_report.py build/html --preset mobile). The section "Summary" lists
# every name, and the entries themselves are drawn only as the reader reaches them
# (_static/custom.css, content-visibility).
toc_object_entries = False
# Names of other projects that docstrings mention; intersphinx (which needs the network) is off.
# Docstring type fields ("ndarray, shape (batch, units)", "dict of str to str") are parsed into
# class references: lowercase words and phrases are descriptions, not classes of ours.
nitpick_ignore_regex = [
    ("py:.*", r"(numpy|np|matplotlib|collections|typing|keras|tf|tensorflow|pathlib|os)\..*"),
    ("py:.*", r"(ndarray|NDArray|ArrayLike|Figure|Axes|Artist|Text|Colormap|Callable|Path)"),
    ("py:class", r"[a-z].*|.*\s.*"),
]

# -- MyST -----------------------------------------------------------------------------------------
myst_enable_extensions = ["amsmath", "colon_fence", "deflist", "dollarmath", "substitution"]
myst_heading_anchors = 0  # sections are linked by explicit labels, which survive rewording


# -- Execution ------------------------------------------------------------------------------------
def package_dir() -> Path:
    """The folder of the ``lstm_explained`` package that the pages' kernels will import.

    Found the way the kernels find it (they inherit this process's environment, ``PYTHONPATH``
    included), so a copy of the package put first on ``PYTHONPATH`` is the one that is hashed.
    """
    spec = importlib.util.find_spec("lstm_explained")
    if spec is None or spec.origin is None:
        raise RuntimeError("lstm_explained is not importable: install the project (nox does)")
    return Path(spec.origin).parent


def execution_key() -> str:
    """Hash of everything that can change a page's outputs besides its own code cells."""
    digest = hashlib.sha256(sys.version.encode())
    package = package_dir()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    dists = {f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()}
    digest.update("\n".join(sorted(dists)).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(Path(short_tracebacks.__file__).read_bytes())  # the kernels run it
    return digest.hexdigest()[:16]


def execution_cache(root: Path, key: str) -> Path:
    """The cache folder for ``key``, created; caches made for other keys are stale and deleted.

    The cache's database is created here, in the main process, so that parallel readers
    (``sphinx-build -j``) never race to create it.
    """
    from jupyter_cache import get_cache

    if root.is_dir():
        for stale in root.iterdir():
            if stale.is_dir() and stale.name != key:
                shutil.rmtree(stale, ignore_errors=True)
    get_cache(root / key).list_cache_records()
    return root / key


_cache_root = Path(os.environ.get("LSTM_EXPLAINED_NB_CACHE", ROOT / "build" / "jupyter_cache"))
nb_execution_mode = "cache"
_execution_key = execution_key()
nb_execution_cache_path = str(execution_cache(_cache_root, _execution_key))
figure_downloads_key = _execution_key  # the figures page's drawings: same inputs, same key
nb_execution_timeout = 300
nb_execution_allow_errors = False
# A failing page becomes a warning (not an exception), so ``-W --keep-going`` lists every failing
# page instead of stopping at the first one.
nb_execution_raise_on_error = False
nb_execution_show_tb = True
nb_output_stderr = "error"
nb_merge_streams = True
nb_ipywidgets_js: dict[str, dict[str, str]] = {}  # the default loads require.js from a CDN
nb_render_image_options = {"class": "lstm-figure"}

# -- HTML -----------------------------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_math_renderer = "mathml"
html_copy_source = False
# -- Browser checks (issue 7, tests/web/): accessibility fixes to Furo's templates, documented in
# docs/_templates/*.html, keyboard-focus and reduced-motion styles (_static/a11y.css), and a
# favicon (without one every page logs a 404 for /favicon.ico).
templates_path = ["_templates"]
# Furo's sidebar, with the language switcher under the site's name (issue 18).
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/languages.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
html_css_files += ["a11y.css"]
html_favicon = "_static/favicon.svg"
# --
html_show_sourcelink = False
html_last_updated_fmt = None
pygments_style = "default"
pygments_dark_style = "monokai"

# MyST-NB's cell colours are tied to Furo's colours in BOTH maps, so they follow Furo's
# light/dark toggle (and not only the operating system's preference).
_cell_colours = {
    "mystnb-source-bg-color": "var(--color-code-background)",
    "mystnb-source-border-color": "var(--color-background-border)",
    "mystnb-stdout-bg-color": "var(--color-background-secondary)",
    "mystnb-stdout-border-color": "var(--color-background-border)",
    "mystnb-traceback-bg-color": "var(--color-background-secondary)",
    "mystnb-source-margin-color": "var(--color-brand-primary)",
}
html_theme_options = {
    "light_css_variables": {
        "color-brand-primary": "#0b5cad",
        "color-brand-content": "#0b5cad",
        **_cell_colours,
    },
    "dark_css_variables": {
        "color-brand-primary": "#7cb7f2",
        "color-brand-content": "#7cb7f2",
        **_cell_colours,
    },
    "navigation_with_keys": True,
}
if site_repository_settings:
    html_theme_options |= {
        "source_view_link": site_repository_settings["view"],
        "source_edit_link": site_repository_settings["edit"],
        "top_of_page_buttons": ["view", "edit"],
    }

copybutton_exclude = ".linenos, .gp, .go"

# -- Linking, previews, reuse and hosting (issues 8 and 13) -------------------------------------
# Maintained extensions where one does the job (issue 13): link previews and their cards
# (sphinxext-opengraph), the 404 page (sphinx-notfound-page), the pages left behind by a move
# (sphinx-reredirects). Local extensions for the rest, which no library does as this site needs
# (README.md, "Local plumbing, and why"): stable anchors, label redirects and the anchor check
# (site_anchors: docs/anchors.txt, docs/redirects.txt), copyable answers (answers), the figures
# page and the citation (figure_downloads), git dates and the changelog (site_history),
# sitemap.xml, robots.txt, the 404 page's body links and front-matter descriptions (site_plumbing).
extensions += [
    "sphinxext.opengraph",
    "notfound.extension",
    "sphinx_reredirects",
    "site_anchors",
    "answers",
    "figure_downloads",
    "site_history",
    "site_plumbing",
    # Scripts load with defer, so a phone paints the text before any script runs (Lighthouse).
    "deferred_scripts",
    # The package's figures become SVG files, loaded lazily, instead of data: URLs in the HTML.
    "figure_files",
    # Each executed page as a notebook and as its MyST source, linked under its title (issue 17).
    "notebook_downloads",
    # The package's wheel, built with the site and published beside it (issue 17).
    "package_wheel",
]
# The wheel the site publishes (_ext/package_wheel.py checks that the build gives this name), and
# the command printed at the top of every downloaded notebook: from the hosted site's address,
# or, for a local build, from the built site's folder (run in the repository after nox -s docs).
package_wheel_name = f"lstm_explained-{release}-py3-none-any.whl"
_wheel_url = (html_baseurl or "build/html/") + f"_downloads/wheel/{package_wheel_name}"
notebook_downloads_install = f'python -m pip install "lstm_explained[keras] @ {_wheel_url}"'
if not html_baseurl:
    _wheel_url = f"./{_wheel_url}"
    notebook_downloads_install = f'python -m pip install "{_wheel_url}[keras]"'


def extra_requirement(extra: str, name: str) -> str:
    """The requirement on `name` in pyproject.toml's optional dependencies `extra`, no marker."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for text in project["optional-dependencies"][extra]:
        requirement = text.split(";", 1)[0].strip()
        if requirement.replace(" ", "").startswith((f"{name}>", f"{name}<", f"{name}=")):
            return requirement
    raise ConfigError(f"pyproject.toml's {extra!r} extra has no requirement on {name!r}")


# Keras 2 without its dependencies, where the extra cannot install it (the install page).
notebook_downloads_install_tf_keras = (
    f'python -m pip install --no-deps "{extra_requirement("keras", "tf-keras")}"'
)

# Link previews: Open Graph tags, twitter:card, <meta name="description"> (``description:`` in a
# page's front matter, else its opening paragraph: site_plumbing) and one PNG card per page, drawn
# with matplotlib in Sphinx's process with a font matplotlib ships: nothing is fetched. Without a
# base URL the extension would write og:url and og:image relative to the site's root but without
# a leading "/", wrong from any page in a folder; "/" makes them paths from the root of the
# host, right wherever a local build is served at the root (python -m http.server).
# Cards are deterministic with 0.13 (requirements/constraints.txt pins 0.13.0; a new version may
# draw them differently): a card's file name is a hash of its texts and of this dict, which holds
# no absolute path, and the extension reuses one matplotlib figure per process, setting all of
# its texts before each save. nox -s reproducible compares two builds byte for byte, cards
# included, and tests/test_docs_pipeline.py a serial build with a parallel one.
ogp_site_url = html_baseurl or "/"
ogp_type = "article"  # the home page says "website" in its front matter (og:type)
ogp_social_cards = {
    "line_color": "#0b5cad",  # the site's blue, as html_theme_options below
    "font": "DejaVu Sans",  # matplotlib's own font, as in the site's figures (it has a bold)
    # The host and path of the site under the page title; nothing for a local build.
    "site_url": html_baseurl.split("://", 1)[-1],
    # The site's mark instead of the Sphinx logo in the corner (PNG only: drawn from the favicon).
    "image_mini": os.path.relpath(site_plumbing.card_mark(ROOT / "build" / "card-mark.png"), DOCS),
}
# The 404 page: notfound makes the theme's links start at the site's root, at any depth; the
# page's own links get the same prefix (site_plumbing). notfound also keeps it out of the search
# index. Its robots "noindex" comes from the page's front matter (html_meta).
notfound_urls_prefix = urlsplit(html_baseurl).path if html_baseurl else "/"
# A moved page: sphinx-reredirects writes a page at the old address that forwards the reader and
# keeps the link's #label; the new page receives renamed or moved labels (site_anchors).
redirects = site_anchors.page_redirects(DOCS)
redirect_html_template_file = "_templates/redirect.html"
# ``html_baseurl``, the site's public address, is set once under "Project" (site_base_url):
# empty in a local build; the hosting configurations set it.
html_css_files += ["site.css"]
# Printing or saving as PDF gives the content only (_static/print.css, tests/web/test_print.py).
html_css_files += [("print.css", {"media": "print"})]
# Copy buttons copy what to type: prompts (>>>, ..., $, In [n]:) are stripped, the output lines
# of doctests and console sessions are left out, and executed outputs get no button at all
# (their parent is MyST-NB's div.output).
copybutton_prompt_text = r">>> |\.\.\. |\$ |In \[\d*\]: | {2,5}\.\.\.: "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_remove_prompts = True
copybutton_selector = "div:not(.output) > div.highlight > pre"

# Issue 17: sphinx-togglebutton (loaded by _ext/exercises.py) folds each solution, a code cell
# tagged `solution`, into a <details> block the reader opens. A printed page shows the solutions
# the reader opened and no others (print.css hides the folded ones and their buttons): printed
# as it comes, a page is a handout of exercises without their answers.
togglebutton_selector = ".tag_solution"
togglebutton_open_on_print = False
togglebutton_hint = "Show the solution"
togglebutton_hint_hide = "Hide the solution"
# --
