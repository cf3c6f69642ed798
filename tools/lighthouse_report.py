"""Lighthouse scores of the built site: the home page and the biggest page.

Lighthouse (npm, pinned in ``tools/lighthouse/package.json``: 12.8.2, the last release that runs
on Node 20; 13.x needs Node 22.19) drives Debian's chromium (``CHROME_PATH``), headless, against
the built site served from 127.0.0.1 by ``tools/site_server.py`` (gzip on, as real hosts do).
It prints the performance, accessibility, best-practices and SEO scores, for the mobile preset
(Lighthouse's default: a mid-range phone on a throttled 4G connection, simulated) and for the
desktop preset. The full JSON reports go to ``build/lighthouse/``.

Run by ``nox -s bench``, which installs Lighthouse first (``npm ci --prefix tools/lighthouse``);
by hand: ``python tools/lighthouse_report.py build/html``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from site_server import CHROMIUM, CHROMIUM_ARGS, serve, site_pages

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "build" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def biggest_page(site: Path) -> str:
    """The page whose HTML file is the largest (the one with the most figures)."""
    page = max(site_pages(site), key=lambda path: path.stat().st_size)
    return page.relative_to(site).as_posix()


def lighthouse(url: str, report: Path, preset: str) -> dict[str, int]:
    """Run Lighthouse once on `url`; return the four category scores out of 100."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix tools/lighthouse`")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
    ]  # fmt: skip
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run(command, check=True, env=env)
    result = json.loads(report.read_text())
    if result.get("runtimeError"):
        raise SystemExit(f"Lighthouse failed on {url}: {result['runtimeError']}")
    return {name: round(100 * result["categories"][name]["score"]) for name in CATEGORIES}


def failed_audits(report: Path) -> list[str]:
    """The audits that cost points, with their weight, to say what to fix."""
    result = json.loads(report.read_text())
    lines = []
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            score = audit.get("score")
            if ref["weight"] > 0 and score is not None and score < 0.9:
                value = audit.get("displayValue", "")
                lines.append(f"    {name}: {audit['title']} ({score:.2f}) {value}".rstrip())
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built HTML site, e.g. build/html")
    parser.add_argument("--preset", choices=["mobile", "desktop", "both"], default="both")
    args = parser.parse_args(argv)
    REPORTS.mkdir(parents=True, exist_ok=True)
    pages = ["index.html", biggest_page(args.site)]
    presets = ["mobile", "desktop"] if args.preset == "both" else [args.preset]
    rows = []
    with serve(args.site) as base:
        for preset in presets:
            for page in pages:
                report = REPORTS / f"{page.replace('/', '_')}.{preset}.json"
                rows.append((page, preset, lighthouse(base + page, report, preset), report))
    width = max(len(page) for page in pages)
    package = LIGHTHOUSE.parent.parent / "lighthouse" / "package.json"
    version = json.loads(package.read_text())["version"]
    print(f"\nLighthouse {version} scores, out of 100 (target {TARGET} or more):")
    print(f"  {'page':{width}}  preset   " + "  ".join(f"{c:>14}" for c in CATEGORIES))
    for page, preset, scores, _ in rows:
        cells = "  ".join(f"{scores[c]:>14}" for c in CATEGORIES)
        print(f"  {page:{width}}  {preset:7}  {cells}")
    below = [(page, preset, report) for page, preset, s, report in rows
             if min(s.values()) < TARGET]  # fmt: skip
    for page, preset, report in below:
        print(f"  below {TARGET} on {page} ({preset}); audits that cost points:")
        print("\n".join(failed_audits(report)))
    print(f"  Full reports: {REPORTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
