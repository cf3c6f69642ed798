"""The built site as files: every page there, nothing loaded from another host."""

from __future__ import annotations

import re
from pathlib import Path

PAGES = {"index", "question", "shapes", "inside-the-cell", "coupled-units", "state", "api"}
EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|link|iframe|source)\b[^>]*?(?:src|href)=["']https?://"""
)


def test_every_page_is_built(site_pages: list[Path]) -> None:
    names = {path.stem for path in site_pages}
    assert names >= PAGES, PAGES - names


def test_no_page_loads_anything_from_another_host(site_dir: Path, site_pages: list[Path]) -> None:
    offenders = {
        str(path.relative_to(site_dir)): EXTERNAL_LOAD.findall(path.read_text())
        for path in site_pages
    }
    assert not {page: found for page, found in offenders.items() if found}


def test_math_is_rendered_to_mathml_at_build_time(site_dir: Path) -> None:
    page = (site_dir / "explanation" / "inside-the-cell.html").read_text()
    assert "<math " in page
    assert "mathjax" not in page.lower().replace("mathjax_ignore", "")
