"""The OKR cycle from the command line: grade, carry, transitions, templates, report,
status, export and import; every refusal one line, exit 2, the file unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.support.builders import sha
from tests.support.cli import Run, ok


@pytest.fixture
def quarter(run: Run) -> dict[str, object]:
    """2026-Q4 with one objective of three key results, checked in (today is 2026-11-22)."""
    oid = ok(run, "objective", "add", "Expand our customer base", "--period", "2026-Q4",
             "--committed")
    krs = [ok(run, "kr", "add", oid, title, "--target", target, "--unit", unit)
           for title, target, unit in (("Acquire 500 new customers", "500", "customers"),
                                       ("Sign 10 partners", "10", "partners"),
                                       ("Reach 95% retention", "95", "%"))]
    ok(run, "checkin", krs[0], "500")
    ok(run, "checkin", krs[1], "6", "--confidence", "6")
    kpi = ok(run, "kpi", "add", "New inbound leads", "--unit", "leads/week", "--green", "60",
             "--red", "40")
    ok(run, "kpi", "record", kpi, "45", "--at", "2026-11-20")
    return {"objective": oid, "krs": krs, "kpi": kpi}


def test_grade_with_an_adjustment_and_a_retrospective(run: Run, quarter: dict) -> None:
    oid, krs = quarter["objective"], quarter["krs"]
    dry = json.loads(ok(run, "grade", "2026-Q4", "--dry-run", "--json"))
    assert dry[0]["grade"] == 0.53 and dry[0]["verdict"].startswith("missed")
    assert json.loads(ok(run, "show", oid, "--json"))["status"] == "active"
    graded = json.loads(ok(run, "grade", "2026-Q4", "--objective", oid[:6], "--kr", krs[2][:6],
                           "--score", "0.4", "--reason", "renewals moved to January",
                           "--retro", "Good pipeline; renewals late", "--json"))
    [result] = graded
    assert result["grade"] == 0.67 and result["rag"] == "yellow" and result["status"] == "closed"
    assert result["key_results"][2] == {**result["key_results"][2], "final_score": 0.4,
                                        "adjusted": True,
                                        "reason": "renewals moved to January"}
    shown = json.loads(ok(run, "show", krs[2], "--json"))
    assert shown["final_score"] == 0.4
    text = ok(run, "grade", "2026-Q4", "--objective", oid)
    assert "missed: committed objectives must reach 1.0" in text
    assert "adjusted from 0.00: renewals moved to January" in text


def test_carry_move_and_transitions(run: Run, quarter: dict) -> None:
    oid, krs, kpi = quarter["objective"], quarter["krs"], quarter["kpi"]
    [draft] = ok(run, "carry", "2026-Q4").splitlines()
    carried = json.loads(ok(run, "show", draft, "--json"))
    assert carried["period"] == "2027-Q1" and carried["status"] == "draft"
    assert [(k["title"], k["start"]) for k in carried["key_results"]] == [
        ("Sign 10 partners", 6.0), ("Reach 95% retention", 0.0)]
    promoted = ok(run, "kpi", "promote", kpi[:6], draft[:6], "--target", "60")
    data = json.loads(ok(run, "show", promoted, "--json"))
    assert (data["start"], data["target"], data["kpi_id"]) == (45.0, 60.0, kpi)
    other = ok(run, "objective", "add", "Partners", "--period", "2027-Q1")
    moved = ok(run, "kr", "move", promoted, other, "--json")
    assert json.loads(moved)["objective_id"] == other
    new_kpi = ok(run, "kr", "to-kpi", krs[0])
    kpi_data = json.loads(ok(run, "show", new_kpi, "--json"))
    assert (kpi_data["green"], kpi_data["red"], kpi_data["latest"]) == (500.0, 250.0, 500.0)
    assert json.loads(ok(run, "show", oid, "--json"))["key_results"][0]["kpi_id"] == new_kpi


def test_templates(run: Run) -> None:
    listing = ok(run, "template", "list")
    assert listing.splitlines()[0].startswith("sales ") and "customer-service" in listing
    shown = json.loads(ok(run, "template", "show", "Customer service", "--json"))
    assert shown["kpis"][0]["name"] == "Average response time"
    lines = ok(run, "template", "apply", "it", "--period", "2026-Q4", "--owner", "erin")
    # Each id says what it is: the objective, its key results, then the KPIs.
    kinds = [line.split("  ")[1].strip() for line in lines.splitlines()]
    assert kinds == ["objective", "key result", "key result", "key result", "KPI", "KPI"]
    objective = lines.split()[0]
    kpis = [line.split()[0] for line in lines.splitlines()[-2:]]
    data = json.loads(ok(run, "show", objective, "--json"))
    assert data["owner"] == "erin" and len(data["key_results"]) == 3
    assert data["key_results"][0]["kpi_id"] in kpis


def test_report_formats_and_status(run: Run, quarter: dict) -> None:
    md = ok(run, "report")
    assert md.startswith("# OKR review: 2026-Q4, week to 2026-11-22")
    assert "| Acquire 500 new customers | 1.00 |" in md
    assert "| New inbound leads | 45 leads/week | 2026-11-20 | 60 | 40 | yellow | alice |" in md
    data = json.loads(ok(run, "report", "--format", "json", "--owner", "alice"))
    assert data["summary"]["key_results"] == 3 and data["owner"] == "alice"
    rows = list(csv.DictReader(io.StringIO(ok(run, "report", "--format", "csv") + "\n")))
    assert [r["row"] for r in rows] == ["key_result"] * 3 + ["kpi"]
    # Retention was added today and has no check-in: not stale yet (that counts from its
    # creation), and on track: its pace counts from its creation too, not from the
    # quarter's start (58% gone), which made it "off track" the moment it was added. It
    # is due for a first check-in.
    assert ok(run, "status") == "2026-Q4: 1 on track, 1 at risk, 1 done; 1 due for alice"
    assert json.loads(ok(run, "status", "--json"))["counts"]["done"] == 1
    assert ok(run, "status", "--period", "2027-Q1") == "2027-Q1: no key results"


def test_export_and_import(run: Run, quarter: dict, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    assert ok(run, "export", "--out", str(out)) == str(out)
    other = tmp_path / "other.json"
    line = ok(run, "import", str(out), db=other)
    assert line == ("imported 8 records (1 objective, 3 key results, 2 check-ins, 1 KPI, "
                    "1 measurement)")
    assert ok(run, "export", db=other) + "\n" == out.read_text()
    assert ok(run, "import", str(out), db=other) == "imported 0 records; 8 were here already"
    sheet = tmp_path / "okrs.csv"
    ok(run, "export", "--format", "csv", "--out", str(sheet))
    assert sheet.read_bytes().startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert [r["key_result"] for r in rows] == ["Acquire 500 new customers", "Sign 10 partners",
                                                "Reach 95% retention"]


def test_import_refuses_a_bad_file_with_one_line(run: Run, quarter: dict, tmp_path: Path,
                                                 db_path: Path) -> None:
    data = json.loads(ok(run, "export"))
    data["key_results"][1]["target"] = data["key_results"][1]["start"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    other = tmp_path / "other.json"
    ok(run, "objective", "add", "Ours", "--period", "2026-Q4", db=other)
    before = sha(other)
    code, out, err = run("import", str(bad), db=other)
    assert (code, out) == (2, "")
    assert err.startswith("okrtui: key_results[1] (id ") and err.count("\n") == 1
    assert "the target must differ from the start" in err
    assert sha(other) == before


def _refusals() -> list[tuple[list[str], str]]:
    return [
        (["grade", "2026-Q4", "--kr", "{kr}", "--score", "0.5"], "needs a reason"),
        (["grade", "2026-Q4", "--kr", "{kr}", "--score", "1.5", "--reason", "x"], "outside"),
        (["grade", "2026-Q4", "--kr", "{kr}"], "one --score for each --kr"),
        (["grade", "2026-Q4", "--grade", "nan"], "grade"),
        (["grade", "2027-Q1"], "has not started yet"),
        (["grade", "2026-Q9"], "is not a period"),
        (["grade", "2026-Q3", "--objective", "{obj}"], "is in 2026-Q4, not 2026-Q3"),
        (["carry", "2026-Q4", "--to", "2026-Q2"], "carry over goes forward"),
        (["carry", "2026-Q3"], "no unfinished objective"),
        (["kr", "move", "{kr}", "{obj}"], "in that objective already"),
        (["kr", "move", "{kr}", "{kpi}"], "no objective"),
        (["kr", "to-kpi", "{kr2}"], "only a reached key result becomes a KPI (--anyway to"),
        (["kpi", "promote", "{kpi}", "{obj}", "--target", "30"], "must lie above"),
        (["kpi", "promote", "{kpi}", "{obj}"], "--target"),
        (["template", "apply", "legal", "--period", "2026-Q4"], "no template 'legal'"),
        (["template", "apply", "hr"], "--period"),
        (["report", "--format", "pdf"], "invalid choice"),
        (["export", "--out", "{db}"], "is the workspace itself"),
        (["import", "{missing}"], "No such file"),
        (["import", "{db}"], "not an okrtui export"),
    ]


@pytest.mark.parametrize(("argv", "message"), _refusals(),
                         ids=[" ".join(a)[:40] for a, _ in _refusals()])
def test_refusals_are_one_line_exit_2_and_change_nothing(
        run: Run, quarter: dict, db_path: Path, tmp_path: Path, argv: list[str],
        message: str) -> None:
    before = sha(db_path)
    args = [a.format(obj=quarter["objective"], kr=quarter["krs"][0], kr2=quarter["krs"][1],
                     kpi=quarter["kpi"], db=db_path, missing=tmp_path / "missing.json")
            for a in argv]
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err.startswith("okrtui: ") and err.count("\n") == 1, err
    assert message in err
    assert sha(db_path) == before
