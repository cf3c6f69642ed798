"""The one strict ``sphinx-build`` command of the project.

Every build that vouches for the site uses it: ``nox -s docs`` (and so both hosting
configurations, which run that session), the tests that build the real site or throwaway ones,
the reproducibility and mutation checks, and the build benchmark. ``tests/test_sphinx_command.py``
keeps it strict and checks that no other file spells its own.

Strict means:

- ``-n``: nit-picky, every cross-reference must resolve;
- ``-W``: a warning is an error (MyST-NB reports a failed cell as a warning);
- ``--keep-going``: report every failing page, not only the first;
- ``-E``: a fresh environment, so every page is read again (an incremental build after a failure
  can pass because Sphinx does not re-read the page);
- ``-b html``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

#: The flags that make a build strict; tests/test_sphinx_command.py checks each is here.
STRICT = ("-b", "html", "-n", "-W", "--keep-going", "-E")


def sphinx_build(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    doctrees: str | os.PathLike[str],
    jobs: str | int = "auto",
    warnings_log: str | os.PathLike[str] | None = None,
    quiet: bool = False,
    python: str | os.PathLike[str] = sys.executable,
    extra: Sequence[str] = (),
) -> list[str]:
    """The strict command that builds `source` into `out`, as a list for ``subprocess``.

    Parameters
    ----------
    source, out : path
        The Sphinx source folder (``docs``) and the HTML output folder.
    doctrees : path
        Where Sphinx keeps its pickled environment (``-d``).
    jobs : int or "auto"
        Parallel workers (``-j``).
    warnings_log : path, optional
        Also write warnings and errors to this file (``-w``), for ``tools/sphinx_log.py``.
    quiet : bool
        Print only warnings and errors (``-q``).
    python : path
        The interpreter that runs Sphinx.
    extra : sequence of str
        More options (``-D name=value`` and such); they cannot remove a strict flag.

    Examples
    --------
    >>> command = sphinx_build("docs", "out", doctrees="dt", jobs=2, python="python")
    >>> command[:3], command[3:9]
    (['python', '-m', 'sphinx'], ['-b', 'html', '-n', '-W', '--keep-going', '-E'])
    """
    command = [str(python), "-m", "sphinx", *STRICT, "-j", str(jobs), "-d", str(doctrees)]
    if warnings_log is not None:
        command += ["-w", str(warnings_log)]
    if quiet:
        command.append("-q")
    return [*command, *extra, str(Path(source)), str(Path(out))]


#: The site's other languages, each built into ``<out>/<code>/`` after English (docs/conf.py's
#: ``site_languages`` lists the same; tests/test_sphinx_command.py checks they agree).
TRANSLATIONS = ("fr",)


def site_builds(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    doctrees: str | os.PathLike[str],
    **options: object,
) -> list[tuple[str, list[str]]]:
    """``(language, command)`` of every build that makes the whole site, English first.

    English is built into `out` and each language of :data:`TRANSLATIONS` into ``out/<code>``,
    with ``-D language=<code>`` and a Sphinx environment of its own (``<doctrees>-<code>``). Run
    in this order, the translations take every cell's output from the execution cache the English
    build filled: no page is executed twice. `options` are :func:`sphinx_build`'s.

    Examples
    --------
    >>> [(code, cmd[-1]) for code, cmd in site_builds("docs", "out", doctrees="dt", python="py")]
    [('en', 'out'), ('fr', 'out/fr')]
    """
    extra = tuple(options.pop("extra", ()))  # type: ignore[arg-type]
    builds = [("en", sphinx_build(source, out, doctrees=doctrees, extra=extra, **options))]  # type: ignore[arg-type]
    for code in TRANSLATIONS:
        command = sphinx_build(
            source, Path(out) / code, doctrees=f"{os.fspath(doctrees)}-{code}",
            extra=("-D", f"language={code}", *extra), **options,  # type: ignore[arg-type]
        )  # fmt: skip
        builds.append((code, command))
    return builds
