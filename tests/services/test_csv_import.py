"""The CSV export read back: the same columns, the formula guard undone, all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.domain.reporting.csv_import import unguard
from okrtui.domain.reporting.exchange import CSV_COLUMNS, ImportRefused, csv_cell
from okrtui.services import Services
from tests.support.builders import objective_with_krs, sha
from tests.support.cli import Run


@pytest.fixture
def exported(services: Services) -> str:
    """The CSV export of a workspace with hostile titles, a milestone and an empty objective."""
    objective, krs = objective_with_krs(services, "=HYPERLINK(\"x\")", ((0, 40), (-5, 10)),
                                        owner="@dave", team="+Support", committed=True)
    services.check_in(krs[0].id, 12)
    services.check_in(krs[1].id, -3)
    services.edit_key_result(krs[1].id, unit="-pts", due="2026-12-01")
    milestone = services.add_key_result(objective.id, "Launch the portal", kind="milestone")
    services.check_in(milestone.id, 1)
    services.add_objective("Nothing measured yet", "2026-Q4", level="company")
    return services.export_csv()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_reads_back_into_an_empty_workspace_as_it_was(
        exported: str, make_services: Callable[..., Services], tmp_path: Path) -> None:
    fresh = make_services("bob", tmp_path / "other.json")
    result = fresh.import_csv("\ufeff" + exported)  # as written with --out (a BOM)
    assert result.added == {"objectives": 2, "key_results": 3, "checkins": 3}
    assert fresh.export_csv() == exported
    ws = fresh.workspace()
    objective = next(o for o in ws.objectives() if o.committed)
    assert (objective.title, objective.owner, objective.team) == (
        '=HYPERLINK("x")', "@dave", "+Support")  # the guard is undone
    kr = ws.key_results(objective.id)[1]
    assert (kr.unit, str(kr.due), kr.start) == ("-pts", "2026-12-01", -5)
    checkin = ws.latest_checkin(kr.id)
    assert (checkin.value, checkin.author) == (-3, "bob")
    assert "CSV" in checkin.note


def test_the_same_file_again_adds_nothing(services: Services, exported: str,
                                          db_path: Path) -> None:
    before = sha(db_path)
    result = services.import_csv(exported)
    assert (result.total, result.unchanged) == (0, 5)
    assert sha(db_path) == before


def test_a_sheet_without_ids_groups_rows_by_objective(services: Services) -> None:
    sheet = ("period,objective,objective_owner,key_result,target,unit,current\r\n"
             "2026-Q4,Grow the blog,ann,Publish 100 posts,100,posts,20\r\n"
             "2026-Q4,Grow the blog,ann,Reach 4150 subscribers,4150,subscribers,\r\n"
             "2026-Q4,Grow the blog,bob,Be cited 3 times,3,articles,1\r\n")
    result = services.import_csv(sheet)
    assert result.added == {"objectives": 2, "key_results": 3, "checkins": 2}
    ws = services.workspace()
    ann = ws.objectives(owner="ann")[0]
    assert [k.title for k in ws.key_results(ann.id)] == ["Publish 100 posts",
                                                         "Reach 4150 subscribers"]
    assert [k.position for k in ws.key_results(ann.id)] == [0, 1]


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t[1].update(target="lots"), "row 3: target: 'lots' is not a number"),
    (lambda t: t[1].update(due="2027-02-30"), "row 3: due: '2027-02-30' is not a date"),
    (lambda t: t[1].update(kind="vibes"), "row 3: kind: must be one of"),
    (lambda t: t[0].update(level="galaxy"), "row 2: level: must be one of"),
    (lambda t: t[1].update(committed="maybe"), "row 3: committed: 'maybe' is not yes or no"),
    (lambda t: t[1].update(key_result=" "), "row 3: key_result: is required"),
    (lambda t: t[1].update({c: "" for c in CSV_COLUMNS[10:]}), None),  # the objective alone
    (lambda t: t[1].update(objective_owner="zed"), "row 3: objective_owner: differs from row 2"),
    (lambda t: t[1].update(due="2027-03-01"), "row 3: due: the due date 2027-03-01 lies "
                                           "outside the objective's period"),
    (lambda t: t[1].update(current="1e999"), "row 3: current: '1e999' is not a finite number"),
    (lambda t: t[1].update(target="-5"), "row 3: target: the target must differ from the start"),
])
def test_one_bad_row_refuses_the_whole_file(services: Services, exported: str,
                                            make_services: Callable[..., Services],
                                            tmp_path: Path, change, message) -> None:
    fresh = make_services("bob", tmp_path / "other.json")
    fresh.add_objective("Already here", "2026-Q4")
    before = sha(tmp_path / "other.json")
    table = rows(exported)
    change(table)
    text = _write(table)
    if message is None:
        assert fresh.import_csv(text).added["key_results"] == 2
        return
    with pytest.raises(ImportRefused) as refused:
        fresh.import_csv(text)
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)
    assert sha(tmp_path / "other.json") == before


def test_a_sixth_key_result_names_its_row(services: Services) -> None:
    lines = ["period,objective,key_result,target"]
    lines += [f"2026-Q4,Ship it,Step {n},{n + 1}" for n in range(6)]
    with pytest.raises(ImportRefused, match=r"^row 7: objective: an objective has at most 5"):
        services.import_csv("\n".join(lines) + "\n")
    assert services.workspace().objectives() == []


@pytest.mark.parametrize(("text", "message"), [
    ("", "the file is empty"),
    ("period,objective,colour\n", "row 1: unknown column 'colour'"),
    ("period,key_result\n", "row 1: the column 'objective' is missing"),
    ("period,objective,period\n", "row 1: the column 'period' appears twice"),
    ("period,objective\n2026-Q4,A,extra\n", "row 2: 3 cells for 2 columns"),
    ("period,objective\n2026-Q9,A\n", "row 2: period:"),
])
def test_a_file_that_is_not_the_export_is_refused(services: Services, text: str,
                                                  message: str) -> None:
    with pytest.raises(ImportRefused, match="^" + message.replace("(", r"\(")):
        services.import_csv(text)


def test_an_existing_record_with_other_content_is_refused(services: Services,
                                                          exported: str) -> None:
    table = rows(exported)
    table[0]["target"] = "41"
    with pytest.raises(ImportRefused, match=r"row 2: target: key result .* never overwrites"):
        services.import_csv(_write(table))


@pytest.mark.parametrize("text", ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "-", "plain",
                                  "'quoted'"])
def test_unguard_undoes_the_formula_guard(text: str) -> None:
    assert unguard(csv_cell(text)) == text


def test_import_reads_a_csv_file_from_the_command_line(run: Run, services: Services,
                                                       exported: str, tmp_path: Path) -> None:
    sheet = tmp_path / "okrs.csv"
    code, _, _ = run("export", "--format", "csv", "--out", str(sheet))
    assert code == 0
    other = tmp_path / "other.json"
    code, out, err = run("import", str(sheet), db=other)
    assert (code, err) == (0, "")
    assert out == "imported 8 records (2 objectives, 3 key results, 3 check-ins)\n"
    bad = tmp_path / "bad.txt"
    bad.write_text(exported.replace("Launch the portal,", "Launch the portal,x", 1)
                   .replace(",milestone,", ",comet,"))
    third = tmp_path / "third.json"
    code, out, err = run("import", "--format", "csv", str(bad), db=third)
    assert code == 2 and out == ""
    assert err.startswith("okrtui: row 4: ") and len(err.splitlines()) == 1
    assert not third.exists()


def _write(table: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue()
