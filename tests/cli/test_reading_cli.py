"""What people read on the command line: `show` as a small report, `list` with its
columns aligned and drafts marked, `template apply` saying what each id is."""

from __future__ import annotations

import pytest

from tests.support.cli import Run


def _ok(run: Run, *argv: str) -> str:
    code, out, err = run(*argv)
    assert code == 0, err
    assert err == ""
    return out.rstrip("\n")


@pytest.fixture
def ids(run: Run) -> dict[str, str]:
    """An objective with a key result checked in three times (one a long note), an
    initiative, and a draft with a long owner name and a milestone."""
    oid = _ok(run, "objective", "add", "Increase our turnover", "--period", "2026-Q4")
    kr = _ok(run, "kr", "add", oid, "Acquire 10 new clients", "--target", "10",
             "--unit", "clients")
    _ok(run, "checkin", kr, "3", "--at", "2026-10-20", "--confidence", "6")
    _ok(run, "--user", "bob", "checkin", kr, "4", "--note", "x" * 90)
    big = _ok(run, "kr", "add", oid, "Secure $500,000 in pre-orders", "--target", "500000",
              "--unit", "$")
    _ok(run, "checkin", big, "123456")
    _ok(run, "initiative", "add", kr, "Call 20 prospects", "--owner", "bob")
    draft = _ok(run, "objective", "add", "Launch a new product", "--period", "2026-Q4",
                "--owner", "a-very-long-owner-name")
    _ok(run, "kr", "add", draft, "Ship the prototype", "--kind", "milestone")
    _ok(run, "objective", "edit", draft, "--status", "draft")
    return {"objective": oid, "kr": kr, "big": big, "draft": draft}


def test_show_reads_as_a_small_report(run: Run, ids: dict[str, str]) -> None:
    out = _ok(run, "show", ids["kr"]).splitlines()
    assert out[0] == f"Key result {ids['kr'][:8]}  Acquire 10 new clients"
    fields = dict(line.strip().split(": ", 1) for line in out[1:out.index("")])
    assert fields["kind"].strip() == "metric: 0 → 10 clients"
    assert fields["current"].strip() == "4 clients (progress 0.40)"
    assert fields["last check-in"].strip() == "2026-11-22"
    # Every label's value starts in one column.
    assert len({len(line) - len(line.split(": ", 1)[1].lstrip())
                for line in out[1:out.index("")]}) == 1
    table = out[out.index("Check-ins (2, newest first)") + 1:]
    header, newest, oldest = table[:3]
    assert header.split() == ["id", "date", "by", "value", "conf", "note"]
    for column in ("date", "by", "value", "conf", "note"):
        at = header.index(column)
        assert newest[at - 1] == " " and newest[at] != " "
        assert column == "note" or (oldest[at - 1] == " " and oldest[at] != " ")
    assert newest.split()[:5] == [newest.split()[0], "2026-11-22", "bob", "4", "clients"]
    assert oldest.split()[1:6] == ["2026-10-20", "alice", "3", "clients", "6"]
    assert "Initiatives (0 of 1 done)" in out


def test_show_an_objective_and_a_check_in(run: Run, ids: dict[str, str]) -> None:
    out = _ok(run, "show", ids["objective"])
    assert out.startswith(f"Objective {ids['objective'][:8]}  Increase our turnover\n")
    assert "  period:         2026-Q4 (active, aspirational)" in out
    assert "123,456 / 500,000 $" in out
    checkin = _ok(run, "checkin", ids["kr"], "5")
    shown = _ok(run, "show", checkin)
    assert shown.startswith(f"Check-in {checkin[:8]}")
    assert "  value:          5" in shown


def test_list_aligns_its_columns_and_marks_drafts(run: Run, ids: dict[str, str]) -> None:
    lines = _ok(run, "list").splitlines()
    assert lines[0] == "2026-Q4"
    draft = next(line for line in lines if ids["draft"][:8] in line)
    assert "✎ draft" in draft
    objectives = [line for line in lines if line.startswith("  ") and line[2] != " "]
    krs = [line for line in lines if line.startswith("    ")]
    assert len(objectives) == 2 and len(krs) == 3
    # The titles start in one column for the objectives and one for the key results,
    # however long an owner or a value is.
    def starts(rows: list[str], titles: tuple[str, ...]) -> set[int]:
        return {row.index(t) for t in titles for row in rows if t in row}

    objective_starts = starts(objectives, ("Increase our turnover", "Launch a new product"))
    kr_starts = starts(krs, ("Acquire 10 new clients", "Secure $500,000 in pre-orders",
                             "Ship the prototype"))
    assert len(objective_starts) == 1 and kr_starts == {objective_starts.pop() + 2}
    assert any("123456/500000 $" in row for row in krs)
    assert any("-/done" in row and "Ship the prototype" in row for row in krs)


def test_template_apply_says_what_each_id_is(run: Run) -> None:
    lines = _ok(run, "template", "apply", "sales", "--period", "2026-Q4").splitlines()
    assert lines[0].split()[1] == "objective" and lines[1].split()[1:3] == ["key", "result"]
    assert {line.split()[1] for line in lines} == {"objective", "key", "KPI"}
    assert all(len(line.split()[0]) == 36 for line in lines)
