"""Keep ``docs/anchors.txt``, the committed list of the site's public anchors, up to date.

Usage::

    python tools/anchors.py           # check: exit 1 if a label is missing from the list
    python tools/anchors.py --update  # add every new label to the list

A public anchor is ``page#label``: an explicit ``(label)=`` target in a page, whose HTML id is
the label. ``--update`` only ever adds: an anchor that disappeared stays listed, and the build
fails until it comes back or ``docs/redirects.txt`` sends it somewhere (see README.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LIST = DOCS / "anchors.txt"
LABEL = re.compile(r"^\(([A-Za-z0-9_][A-Za-z0-9_.:-]*)\)=\s*$")
#: An exercise's label (docs/_ext/exercises.py): course material links to single exercises.
EXERCISE_LABEL = re.compile(r"^:label:\s+([A-Za-z0-9_][A-Za-z0-9_.:-]*)\s*$")
SKIPPED = {"_build", "_ext", "_static", "_templates", ".ipynb_checkpoints"}
HEADER = """\
# Public anchors of the site: PAGE#LABEL, one per line (PAGE is the page's path in docs/ without
# .md; the HTML id of the section is LABEL). Links to these are promised to keep working: the
# build fails when one disappears without a redirect in docs/redirects.txt.
# Add new ones with: python tools/anchors.py --update
"""


def current(docs: Path = DOCS) -> list[str]:
    """Every ``page#label`` of the pages, in page order then source order."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if SKIPPED.intersection(relative.parts) or relative.stem == "404":
            continue
        page = relative.with_suffix("").as_posix()
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := LABEL.match(line) or EXERCISE_LABEL.match(line):
                found.append(f"{page}#{match.group(1)}")
    return found


def listed(path: Path = LIST) -> list[str]:
    """The anchors in the committed list."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def merged(old: list[str], new: list[str]) -> list[str]:
    """The listed anchors plus the new ones, grouped by page (pages sorted)."""
    order = {anchor: n for n, anchor in enumerate(new)}
    union = list(dict.fromkeys([*old, *new]))
    return sorted(union, key=lambda a: (a.split("#")[0], order.get(a, len(order)), a))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="add new labels to the list")
    args = parser.parse_args(argv)
    old, new = listed(), current()
    missing = [anchor for anchor in new if anchor not in set(old)]
    if args.update:
        LIST.write_text(HEADER + "\n".join(merged(old, new)) + "\n", encoding="utf-8")
        print(f"{LIST.relative_to(ROOT)}: {len(missing)} anchor(s) added")
        return 0
    for anchor in missing:
        print(f"not listed: {anchor}")
    if missing:
        print("run: python tools/anchors.py --update")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
