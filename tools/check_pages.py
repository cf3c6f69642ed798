"""Check the pages' front matter and code-cell tags before anything is built.

Usage: ``python tools/check_pages.py docs``. Exits 1 and lists every problem found:

- a page is not a MyST-NB text notebook (front matter with ``file_format: mystnb`` and the
  ``python3`` kernel), or a ``.ipynb`` file sits in the docs;
- a cell carries a tag outside the allowed set. ``skip-execution`` is refused: it shows code that
  never ran. ``raises-exception`` is allowed; the build checks that such a cell really raises
  (``docs/_ext/cell_checks.py``). ``solution`` marks an exercise's solution, which the build
  folds and checks (``docs/_ext/exercises.py``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ALLOWED_TAGS = frozenset(
    {"remove-cell", "remove-input", "remove-output", "hide-input", "hide-output", "hide-cell",
     "raises-exception", "solution"}
)  # fmt: skip
SKIPPED_DIRS = {"_build", "_ext", "_static", "_templates", ".ipynb_checkpoints"}
FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\{code-cell\}")


def front_matter(text: str) -> dict[str, object] | None:
    """The YAML front matter of a page, or None if it has none."""
    match = re.match(r"---\n(.*?)\n---\n", text, flags=re.DOTALL)
    if match is None:
        return None
    data = yaml.safe_load(match.group(1))
    return data if isinstance(data, dict) else None


def cell_options(lines: list[str], start: int) -> dict[str, object]:
    """Options of the code cell whose fence is on line ``start`` (``:key: value`` or YAML)."""
    options: dict[str, object] = {}
    body = lines[start + 1 :]
    if body and body[0].strip() == "---":
        end = next((n for n, line in enumerate(body[1:], 1) if line.strip() == "---"), None)
        if end is not None:
            loaded = yaml.safe_load("\n".join(body[1:end])) or {}
            options.update(loaded if isinstance(loaded, dict) else {})
        return options
    for line in body:
        match = re.match(r"^:(\w[\w-]*):\s*(.*)$", line)
        if match is None:
            break
        options[match.group(1)] = yaml.safe_load(match.group(2))
    return options


def page_problems(path: Path) -> Iterator[str]:
    """Every problem of one page, as 'path:line: message'."""
    text = path.read_text(encoding="utf-8")
    meta = front_matter(text)
    if meta is None or meta.get("file_format") != "mystnb":
        yield f"{path}:1: front matter must declare 'file_format: mystnb'"
    elif (meta.get("kernelspec") or {}).get("name") != "python3":
        yield f"{path}:1: front matter must declare the kernelspec named 'python3'"
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not FENCE.match(line):
            continue
        tags = cell_options(lines, number).get("tags") or []
        if not isinstance(tags, list):
            yield f"{path}:{number + 1}: tags must be a list, got {tags!r}"
            continue
        for tag in tags:
            if tag not in ALLOWED_TAGS:
                allowed = ", ".join(sorted(ALLOWED_TAGS))
                yield f"{path}:{number + 1}: tag {tag!r} is not allowed (allowed: {allowed})"


def problems(docs: Path) -> list[str]:
    """Problems of every page under ``docs``."""
    found: list[str] = []
    for path in sorted(docs.rglob("*")):
        if SKIPPED_DIRS.intersection(path.relative_to(docs).parts) or not path.is_file():
            continue
        if path.suffix == ".ipynb":
            found.append(f"{path}: .ipynb files are not allowed; write a MyST text notebook")
        elif path.suffix == ".md":
            found.extend(page_problems(path))
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/check_pages.py DOCS_DIR", file=sys.stderr)
        return 2
    docs = Path(argv[0])
    if not docs.is_dir():
        print(f"error: {docs} is not a folder", file=sys.stderr)
        return 2
    found = problems(docs)
    for problem in found:
        print(problem)
    pages = sum(1 for p in docs.rglob("*.md") if not SKIPPED_DIRS.intersection(p.parts))
    print(f"checked {pages} pages: {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
