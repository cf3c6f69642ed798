"""tools/lighthouse_report.py fails when a score is below the floor (fake reports, no browser)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import lighthouse_report as lh  # noqa: E402  (tools/lighthouse_report.py)

GOOD = dict.fromkeys(lh.CATEGORIES, 100)


def fake_report(path: Path, scores: dict[str, int]) -> Path:
    """A Lighthouse JSON report with these category scores and one failing audit."""
    audits = {"big-image": {"title": "Properly size images", "score": 0.5, "displayValue": "1 s"}}
    categories = {
        name: {"score": score / 100, "auditRefs": [{"id": "big-image", "weight": 1}]}
        for name, score in scores.items()
    }
    path.write_text(json.dumps({"categories": categories, "audits": audits}))
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site in miniature: the home page, the calculator's page and a heavy page."""
    (tmp_path / "how-to").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / lh.CALCULATOR_PAGE).write_text("<p>shapes</p>")
    (tmp_path / "heavy.html").write_text("<p>" + "x" * 5000 + "</p>")
    return tmp_path


def test_the_median_of_three_runs_counts(tmp_path):
    low = {**GOOD, "performance": 60}
    reports = [fake_report(tmp_path / f"{i}.json", s) for i, s in enumerate([GOOD, low, GOOD])]
    assert lh.median_scores(reports) == GOOD


def test_the_measured_pages(site):
    assert lh.measured_pages(site) == ["index.html", "heavy.html", lh.CALCULATOR_PAGE]


@pytest.mark.parametrize(("score", "code"), [(lh.FLOOR, 0), (lh.FLOOR - 1, 1)])
def test_main_exits_non_zero_below_the_floor(site, tmp_path, monkeypatch, capsys, score, code):
    """The whole command, with Lighthouse replaced by fake reports: one score decides."""
    monkeypatch.setattr(lh, "REPORTS", tmp_path / "reports")
    (tmp_path / "node_modules" / "lighthouse").mkdir(parents=True)
    (tmp_path / "node_modules" / "lighthouse" / "package.json").write_text('{"version": "0"}')
    monkeypatch.setattr(lh, "LIGHTHOUSE", tmp_path / "node_modules" / ".bin" / "lighthouse")

    def fake_lighthouse(url: str, report: Path, preset: str) -> Path:
        worse = url.endswith(lh.CALCULATOR_PAGE) and preset == "mobile"
        return fake_report(report, {**GOOD, "accessibility": score} if worse else GOOD)

    monkeypatch.setattr(lh, "lighthouse", fake_lighthouse)
    monkeypatch.setattr(lh, "ROOT", tmp_path)
    assert lh.main([str(site)]) == code
    out = capsys.readouterr().out
    assert ("BELOW" in out) == bool(code)
    if code:
        assert f"BELOW {lh.FLOOR}: {lh.CALCULATOR_PAGE} (mobile): accessibility" in out
        assert "Properly size images" in out


def test_a_runtime_error_is_an_error(tmp_path):
    report = tmp_path / "r.json"
    report.write_text(json.dumps({"runtimeError": {"code": "NO_FCP"}, "requestedUrl": "u"}))
    with pytest.raises(SystemExit, match="Lighthouse failed on u"):
        lh.scores_of(report)
