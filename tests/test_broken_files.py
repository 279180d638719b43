"""Every broken file in fixtures/broken/ fails validation with its file, line and a plain message.

Each fixture's first line says what is expected: `# expect: <line>: <words in the message>`.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from profiles.cli import main

BROKEN = sorted((Path(__file__).parent / "fixtures" / "broken").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    match = re.match(r"# expect: (\d+): (.+)", first)
    assert match, f"{path.name} needs a '# expect: LINE: words' first line"
    return int(match.group(1)), match.group(2).strip()


def with_broken_district(data_dir: Path, fixture: Path) -> Path:
    shutil.copy(fixture, data_dir / "districts" / "haizhu.yaml")
    return data_dir


def test_there_are_at_least_thirty_broken_files():
    assert len(BROKEN) >= 30


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_exits_nonzero_with_file_line_and_message(fixture, data_dir):
    line, words = expectation(fixture)
    with_broken_district(data_dir, fixture)
    result = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    located = [ln for ln in result.output.splitlines() if re.search(rf"districts/haizhu\.yaml:{line}:\d+:", ln)]
    assert located, result.output
    assert any(words in ln for ln in located), result.output


@pytest.mark.parametrize("name", ["alias-bomb", "python-object-tag", "not-utf8"])
def test_broken_file_in_a_real_process_prints_no_traceback(name, data_dir):
    with_broken_district(data_dir, Path(__file__).parent / "fixtures" / "broken" / f"{name}.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "profiles", "validate", "--data", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "districts/haizhu.yaml:" in proc.stderr
    assert re.search(r"共 \d+ 个错误", proc.stderr)
