"""Short tracebacks on the pages: the page's own line and the exception, no file of the builder.

A cell tagged ``raises-exception`` shows its error. IPython's usual traceback lists every frame,
with the path of each library file (``.../site-packages/keras/...``, ``.nox/...``): that leaks
the build machine's file system into the site, and two builds in different folders differ. The
page kernels install :func:`short_traceback` instead: ``kernel_profile`` in ``docs/conf.py``
writes :func:`startup_file` into the kernels' IPython start-up folder. It keeps the frames of
the page's own cells (``Cell In[3], line 1`` and the line) and the exception, and says how many
frames inside installed code it left out.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType
from typing import Any


def short_traceback(
    shell: Any,
    etype: type[BaseException],
    evalue: BaseException,
    tb: TracebackType | None,
    tb_offset: int | None = None,
) -> list[str]:
    """Show, and return, the short traceback of an exception raised by a cell.

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell
        The kernel's shell; its compiler knows which code objects are cells.
    etype, evalue, tb
        The exception, as ``sys.exc_info()`` gives it.
    tb_offset : int, optional
        Ignored (IPython passes it to every custom handler).

    Returns
    -------
    list of str
        The lines shown: a header, each cell frame with its line, a count of the frames left
        out, and the exception.
    """
    cells = getattr(shell.compile, "_filename_map", {})
    frames = traceback.extract_tb(tb)
    first = next((k for k, frame in enumerate(frames) if frame.filename in cells), len(frames))
    frames = frames[first:]  # the frames before the cell's are IPython's own machinery
    lines = ["Traceback (most recent call last):"]
    for frame in frames:
        if frame.filename in cells:
            lines.append(f"  Cell In[{cells[frame.filename]}], line {frame.lineno}")
            lines.append(f"    {(frame.line or '').strip()}")
    hidden = sum(frame.filename not in cells for frame in frames)
    if hidden:
        lines.append(f"  ... {hidden} frame(s) inside installed libraries left out")
    lines += [line.rstrip("\n") for line in traceback.format_exception_only(etype, evalue)]
    shell._showtraceback(etype, evalue, lines)
    return lines


def install(shell: Any) -> None:
    """Make `shell` show :func:`short_traceback` for every exception a cell raises."""
    shell.set_custom_exc((Exception,), short_traceback)


def startup_file() -> str:
    """An IPython start-up file that installs :func:`short_traceback` in the kernel.

    It carries this module's source and runs it in a namespace of its own, so that the kernel
    needs no path to ``docs/_ext`` and the pages' namespace gains no name.
    """
    source = Path(__file__).read_text()
    return (
        "# Written by docs/conf.py from docs/_ext/short_tracebacks.py: short tracebacks.\n"
        "def _short_tracebacks(source):\n"
        '    namespace = {"__name__": "short_tracebacks"}\n'
        '    exec(compile(source, "short_tracebacks.py", "exec"), namespace)\n'
        '    namespace["install"](get_ipython())\n'
        f"_short_tracebacks({source!r})\n"
        "del _short_tracebacks\n"
    )
