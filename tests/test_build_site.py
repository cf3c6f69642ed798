"""The site build of ``nox -s docs`` (tools/build_site.py) and its stamp (tools/site_inputs.py).

The fingerprint must change with every input of the build and with nothing else; the stamp must
let a rebuild skip only when the inputs and the output are both what the last successful build
left. The end-to-end tests build a two-line Sphinx project in both languages with the strict
command, so they run in seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import build_site
import site_inputs

COMMANDS = [["build-the-site", "docs", "out"]]  # any command: only its words count


def make_sources(root: Path) -> Path:
    """A small tree of sources, with outputs and caches where a real checkout has them."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "conf.py").write_text('project = "tiny"\n')
    (root / "docs" / "index.rst").write_text("Tiny\n====\n\nA page.\n")
    (root / "pkg.py").write_text("X = 1\n")
    return root


def test_the_fingerprint_is_stable(tmp_path: Path) -> None:
    root = make_sources(tmp_path)
    assert site_inputs.fingerprint(root, COMMANDS, {}) == site_inputs.fingerprint(
        root, COMMANDS, {}
    )
    json.dumps(site_inputs.fingerprint(root, COMMANDS, {}))  # it can be stored


def test_the_fingerprint_follows_every_source_file(tmp_path: Path) -> None:
    root = make_sources(tmp_path)
    before = site_inputs.fingerprint(root, COMMANDS, {})
    (root / "pkg.py").write_text("X = 2\n")
    assert site_inputs.fingerprint(root, COMMANDS, {})["sources"] != before["sources"]
    (root / "pkg.py").write_text("X = 1\n")
    assert site_inputs.fingerprint(root, COMMANDS, {}) == before
    (root / "docs" / "new.md").write_text("# New\n")
    assert site_inputs.fingerprint(root, COMMANDS, {})["sources"] != before["sources"]


def test_outputs_caches_and_compiled_catalogues_are_not_sources(tmp_path: Path) -> None:
    root = make_sources(tmp_path)
    before = site_inputs.fingerprint(root, COMMANDS, {})
    for name in ("build/html/index.html", ".nox/x", "docs/__pycache__/conf.pyc",
                 "docs/locales/fr/LC_MESSAGES/index.mo"):  # fmt: skip
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("written by a build")
    assert site_inputs.fingerprint(root, COMMANDS, {}) == before
    assert "docs/index.rst" in site_inputs.source_files(root)


def test_in_a_git_checkout_the_sources_are_what_git_tracks_and_the_commit_counts(
    tmp_path: Path,
) -> None:
    root = make_sources(tmp_path)
    (root / ".gitignore").write_text("ignored.txt\n")
    (root / "ignored.txt").write_text("not a source")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], cwd=root, check=True)
    assert "ignored.txt" not in site_inputs.source_files(root)
    assert "docs/index.rst" in site_inputs.source_files(root)
    before = site_inputs.fingerprint(root, COMMANDS, {})
    assert before["commit"] != "no git history"
    (root / "ignored.txt").write_text("changed, still ignored")
    assert site_inputs.fingerprint(root, COMMANDS, {}) == before
    (root / "untracked.md").write_text("new, not yet added: git would track it")
    assert site_inputs.fingerprint(root, COMMANDS, {})["sources"] != before["sources"]
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "two"], cwd=root, check=True)
    assert site_inputs.fingerprint(root, COMMANDS, {})["commit"] != before["commit"]


def test_the_settings_the_build_reads_count_and_no_other(tmp_path: Path) -> None:
    root = make_sources(tmp_path)
    before = site_inputs.fingerprint(root, COMMANDS, {})
    for name in ("LSTM_EXPLAINED_BASE_URL", "SOURCE_DATE_EPOCH", "PYTHONPATH"):
        assert site_inputs.fingerprint(root, COMMANDS, {name: "x"}) != before, name
    for name in ("LSTM_EXPLAINED_NB_CACHE", "HOME"):
        assert site_inputs.fingerprint(root, COMMANDS, {name: "x"}) == before, name
    other_command = [[*COMMANDS[0], "-D", "language=fr"]]
    assert site_inputs.fingerprint(root, other_command, {}) != before


def test_the_stamp_holds_only_while_inputs_and_output_are_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "build" / "html"
    (out / "fr").mkdir(parents=True)
    (out / "index.html").write_text("<p>site</p>")
    (out / "fr" / "index.html").write_text("<p>site</p>")
    inputs = {"sources": "a", "commands": [["x"]]}
    assert not site_inputs.is_up_to_date(out, inputs)  # no stamp yet
    site_inputs.write_stamp(out, inputs)
    assert site_inputs.stamp_path(out).parent == out.parent  # beside the site, not published
    assert site_inputs.is_up_to_date(out, inputs)
    assert not site_inputs.is_up_to_date(out, {**inputs, "sources": "b"})
    (out / "fr" / "index.html").write_text("<p>edited by hand</p>")
    assert not site_inputs.is_up_to_date(out, inputs)
    site_inputs.write_stamp(out, inputs)
    (out / "fr" / "index.html").unlink()
    assert not site_inputs.is_up_to_date(out, inputs)
    site_inputs.write_stamp(out, inputs)
    site_inputs.stamp_path(out).write_text("{damaged")
    assert not site_inputs.is_up_to_date(out, inputs)
    site_inputs.write_stamp(out, inputs)
    site_inputs.remove_stamp(out)
    assert not site_inputs.is_up_to_date(out, inputs)


def build(root: Path, **options: object) -> list[build_site.LanguageBuild] | None:
    return build_site.build_site(
        root / "build" / "html", doctrees=root / "build" / "doctrees", root=root,
        capture=True, environ={}, jobs=1, **options,
    )  # fmt: skip


def test_a_rebuild_with_nothing_changed_builds_nothing(tmp_path: Path) -> None:
    root = make_sources(tmp_path)
    first = build(root)
    assert first is not None
    assert [b.language for b in first] == ["en", "fr"]
    html = root / "build" / "html"
    assert (html / "index.html").is_file()
    assert (html / "fr" / "index.html").is_file()
    assert build(root) is None
    assert build(root, force=True) is not None


def test_any_change_means_a_full_strict_build_again(tmp_path: Path) -> None:
    root = make_sources(tmp_path)
    build(root)
    html = root / "build" / "html"
    (html / "stale.html").write_text("left over")
    (root / "docs" / "index.rst").write_text("Tiny\n====\n\nAn edited page.\n")
    assert build(root) is not None
    assert "An edited page." in (html / "index.html").read_text()
    assert "An edited page." in (html / "fr" / "index.html").read_text()
    assert not (html / "stale.html").exists()  # the output folder was emptied first
    (html / "fr" / "index.html").write_text("damaged")
    assert build(root) is not None
    assert "An edited page." in (html / "fr" / "index.html").read_text()


def test_a_failed_build_leaves_no_stamp_so_the_next_run_builds_again(tmp_path: Path) -> None:
    root = make_sources(tmp_path)
    build(root)
    (root / "docs" / "index.rst").write_text("Tiny\n====\n\nSee :ref:`no-such-label`.\n")
    with pytest.raises(build_site.BuildFailed, match=r"\(en\)") as failed:
        build(root)
    assert "no-such-label" in failed.value.output
    assert not site_inputs.stamp_path(root / "build" / "html").exists()
    with pytest.raises(build_site.BuildFailed):  # not skipped as "up to date"
        build(root)


def test_the_command_lists_the_failing_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_sources(tmp_path)
    (root / "docs" / "index.rst").write_text("Tiny\n====\n\nSee :ref:`no-such-label`.\n")
    monkeypatch.setattr(build_site, "ROOT", root)
    log = root / "build" / "warnings.log"
    arguments = ["--out", str(root / "build" / "html"), "--doctrees", str(root / "build" / "d")]
    assert build_site.main([*arguments, "--warnings-log", str(log), "--jobs", "1", "-q"]) == 1
    assert "Failing pages:\n  - docs/index.rst" in capsys.readouterr().err
    (root / "docs" / "index.rst").write_text("Tiny\n====\n\nFixed.\n")
    assert build_site.main([*arguments, "--jobs", "1", "-q"]) == 0
    assert "Site built in" in capsys.readouterr().out
    assert build_site.main([*arguments, "--jobs", "1", "-q"]) == 0
    assert "is up to date" in capsys.readouterr().out
