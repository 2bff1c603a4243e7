"""The docs are tested: every `kg` command shown in README.md and examples/ runs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import BuildReport
from kg.cli import main
from kg.queries import COMPETENCY
from tests.conftest import ROOT

_SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def _commands(markdown: Path) -> list[str]:
    lines: list[str] = []
    for block in _SH_BLOCK.findall(markdown.read_text(encoding="utf-8")):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if command.startswith("kg "):
                lines.append(command)
    return lines


EXAMPLE_COMMANDS = _commands(ROOT / "examples" / "README.md")


def test_examples_show_every_competency_question() -> None:
    shown = " ".join(EXAMPLE_COMMANDS)
    for name in COMPETENCY:
        assert re.search(rf"\b{name}\b", shown), name


@pytest.mark.parametrize("command", [c for c in EXAMPLE_COMMANDS if not c.startswith("kg build")])
def test_example_command_runs(
    command: str,
    seeds_build: tuple[Path, BuildReport],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_dir, _ = seeds_build
    # the examples speak of ./out and of files relative to the project root
    shutil.copytree(out_dir, tmp_path / "out")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "tests" / "data", tmp_path / "tests" / "data")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.strip()


def test_readme_commands_are_real_commands() -> None:
    for command in _commands(ROOT / "README.md"):
        name = shlex.split(command)[1]
        assert name in main.commands, command  # type: ignore[attr-defined]


def test_api_example_runs(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "api.py"), str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "built 5 articles" in run.stdout
    assert "Nguyễn Việt Hùng: Phó Chính ủy Tổng cục Công nghiệp quốc phòng" in run.stdout
    assert (tmp_path / "out" / "nguyen-viet-hung.html").is_file()
