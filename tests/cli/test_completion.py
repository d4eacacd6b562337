"""okrtui completion: scripts for bash, zsh and fish, tried in the real shells.

bash is driven as its completion machinery drives a function (COMP_WORDS, COMP_CWORD);
zsh through a real terminal (a pty), with compinit and the TAB key; fish through its own
`complete -C`. Each script comes from the console script, as a user would make it.
"""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from okrtui.cli import build_parser

OKRTUI = Path(sys.executable).with_name("okrtui")
ROOT = Path(__file__).resolve().parents[2]


def generated(shell: str, tmp_path: Path) -> Path:
    """The script `okrtui completion SHELL` prints, saved to a file."""
    done = subprocess.run([str(OKRTUI), "completion", shell], capture_output=True, text=True,
                          timeout=60, check=True, stdin=subprocess.DEVNULL)
    assert done.stderr == ""
    path = tmp_path / f"okrtui.{shell}"
    path.write_text(done.stdout)
    return path


def top_level_commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return list(sub.choices)


# ---- bash ------------------------------------------------------------------------------

BASH_DRIVER = r"""
source "$1"
complete -p okrtui
comp() {
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    _okrtui okrtui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\n' "$(printf '%s|' "${COMPREPLY[@]}")"
}
"""


def bash_complete(script: Path, *lines: str, cwd: Path) -> list[list[str]]:
    """What bash completes for each line (words; the last one is being completed)."""
    calls = "\n".join(f"comp {line}" for line in lines)
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH_DRIVER + calls,
                           "bash", str(script)], capture_output=True, text=True, cwd=cwd,
                          timeout=60, check=False)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    out = done.stdout.splitlines()
    assert out[0] == "complete -F _okrtui okrtui"
    return [[w for w in row.split("|") if w] for row in out[1:]]


def test_bash_completes_commands_options_choices_and_files(tmp_path: Path) -> None:
    script = generated("bash", tmp_path)
    (tmp_path / "okrs export.csv").write_text("")
    (tmp_path / "okrs.json").write_text("")
    results = bash_complete(
        script, "okrtui ''", "okrtui kr ''", "okrtui kr add --k", "okrtui kr add --kind ''",
        "okrtui --db okrs.j", "okrtui --db x.json kr ed", "okrtui template apply ''",
        "okrtui import 'okrs '", "okrtui completion ''", "okrtui pull --dry-run --t",
        "okrtui checkin add --note 'kr ' ''", "okrtui report --format c", cwd=tmp_path)
    assert results[0] == top_level_commands()
    assert {"pull", "completion", "checkin", "import"} <= set(results[0])
    assert results[1] == ["add", "edit", "rm", "move", "to-kpi"]
    assert results[2] == ["--kind", "--kpi"]
    assert results[3] == ["metric", "milestone", "above", "below"]
    assert results[4] == ["okrs.json"]
    assert results[5] == ["edit"]  # --db's value is not taken for a command
    assert {"sales", "customer-service"} <= set(results[6])
    assert results[7] == ["okrs export.csv"]  # a file name with a space stays one word
    assert results[8] == ["bash", "zsh", "fish"]
    assert results[9] == ["--timeout"]
    assert results[10] == []  # a check-in's value: nothing to offer
    assert results[11] == ["csv"]


def test_the_script_needs_no_workspace_and_no_config(tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("[sources\n")
    env = {**os.environ, "OKRTUI_CONFIG": str(config), "OKRTUI_DB": "/nonexistent/x.json"}
    done = subprocess.run([str(OKRTUI), "completion", "bash"], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0 and "complete -F _okrtui okrtui" in done.stdout
    bad = subprocess.run([str(OKRTUI), "completion", "tcsh"], capture_output=True, text=True,
                         env=env, timeout=60, check=False)
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1


def test_a_command_never_loads_the_script_generator(tmp_path: Path) -> None:
    probe = ("import json, sys\nfrom okrtui.__main__ import main\ncode = main(sys.argv[1:])\n"
             "print(json.dumps([code, sorted(m for m in sys.modules if 'complet' in m)]))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OKRTUI_DB": str(tmp_path / "okrs.json")}
    done = subprocess.run([sys.executable, "-c", probe, "status"], capture_output=True,
                          text=True, env=env, timeout=60, check=True)
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    # Not the script generator (a command builds only its own parser: not even the
    # completion command's 30 lines).
    assert code == 0 and "okrtui.cli.completion_scripts" not in loaded


# ---- zsh, through a terminal -------------------------------------------------------------


class Terminal:
    """An interactive shell on a pty: type, and wait for what it shows."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the shell
            os.execvpe(argv[0], argv, env)
        self.seen = b""

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """Read until `text` shows; return what was shown up to it."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never showed; the screen had "
                                     f"{self.seen[-800:]!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:  # the shell ended
                    break
        head, _, self.seen = self.seen.partition(text.encode())
        return head.decode(errors="replace")

    def close(self) -> None:
        os.close(self.fd)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)


@pytest.mark.skipif(shutil.which("zsh") is None,
                    reason="zsh is not installed (.ci/run installs it with apt-get)")
@pytest.mark.parametrize("how", ["fpath", "source"])
def test_zsh_completes_with_the_tab_key(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "functions"
    folder.mkdir()
    script = generated("zsh", tmp_path)
    script.rename(folder / "_okrtui")
    # The prompt is spelled in two pieces so that the echo of this line never matches it.
    setup = "PS1='READ''Y> '; autoload -U compinit; "
    setup += (f"fpath=({folder} $fpath); compinit -u -D" if how == "fpath"
              else f"compinit -u -D; source {folder / '_okrtui'}")
    cases = [("okrtui kr \t", "to-kpi", "edit    -- change fields of a key result"),
             ("okrtui chec\t", "okrtui checkin", ""),
             ("okrtui kr add --kind \t", "milestone", "metric"),
             ("okrtui --db x.json kr add --ta\t", "okrtui --db x.json kr add --target", "")]
    for typed, shown, before in cases:
        # A fresh shell for each: what one completion left on the screen never confuses
        # the next.
        shell = Terminal(["zsh", "-f", "-i"], {"HOME": str(tmp_path), "TERM": "xterm",
                                               "PATH": os.environ["PATH"]})
        try:
            shell.type(setup + "\r")
            shell.wait_for("READY> ")
            shell.type(typed)
            assert before in shell.wait_for(shown)
        finally:
            shell.close()


# ---- fish ------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("fish") is None,
                    reason="fish is not installed (.ci/run installs it with apt-get)")
def test_fish_completes_commands_options_and_files(tmp_path: Path) -> None:
    script = generated("fish", tmp_path)
    (tmp_path / "okrs.csv").write_text("")
    asks = ["okrtui kr ", "okrtui kr add --kind ", "okrtui --db x.json kr add --ta",
            "okrtui import okrs.", "okrtui chec", "okrtui checkin add --note x "]
    program = f"source {script}\n" + "\n".join(
        f"complete -C {json.dumps(line)}; echo ---" for line in asks)
    done = subprocess.run(["fish", "--no-config", "-c", program], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60, check=False,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0 and done.stderr == "", done.stderr
    blocks = [[line.split("\t")[0] for line in block.strip().splitlines()]
              for block in done.stdout.split("---")[:-1]]
    assert blocks[0] == ["add", "edit", "move", "rm", "to-kpi"]
    assert blocks[1] == ["above", "below", "metric", "milestone"]
    assert blocks[2] == ["--target"]
    assert blocks[3] == ["okrs.csv"]
    assert blocks[4] == ["checkin"]
    assert blocks[5] == []
