"""Read a Sphinx warnings log (``sphinx-build -w FILE``): which pages failed."""

from __future__ import annotations

import re
from pathlib import Path

_LOCATION = re.compile(
    r"^(?P<path>\S+?\.(?:md|rst|ipynb|py))(?::[^:\s]*)*: (?:WARNING|ERROR|CRITICAL)"
)


def failing_pages(log: Path, root: Path) -> list[str]:
    """Files named in the warnings of `log`, relative to `root` when inside it, in log order.

    Examples
    --------
    >>> import tempfile
    >>> log = Path(tempfile.mkdtemp()) / "w.log"
    >>> lines = ["/r/docs/a.md:1: WARNING: x", "/r/docs/b.md: ERROR: y", "/r/docs/a.md: WARNING"]
    >>> _ = log.write_text("\\n".join(lines))
    >>> failing_pages(log, Path("/r"))
    ['docs/a.md', 'docs/b.md']
    """
    pages: dict[str, None] = {}
    if log.exists():
        for line in log.read_text(errors="replace").splitlines():
            if match := _LOCATION.match(line):
                path = Path(match["path"])
                pages[str(path.relative_to(root) if path.is_relative_to(root) else path)] = None
    return list(pages)
