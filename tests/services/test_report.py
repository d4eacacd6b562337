"""The weekly review, the period summary, Markdown that reads literally, the status line."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from okrtui.domain.records.periods import current_period
from okrtui.domain.records.text import safe_text
from okrtui.domain.reporting.report import (
    build_report,
    md_escape,
    md_quote,
    render_csv,
    render_markdown,
    report_json,
    status_line,
)
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import TODAY, FixedClock

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
HOSTILE = [
    "a | b", "*bold* _it_ `code`", "[click](javascript:alert(1))", "<script>x</script>",
    "# heading", "- item", "+ item", "1. first", "> quote", "~~gone~~", "$x$ math",
    "&amp; entity", "@everyone ping", ":tada: emoji", "back\\slash\\", "|", "\\|", "==",
    "![img](x.png)", "a\nb", "http://example.com/a_b_c", "3) third", "---",
]


def _inline_texts(source: str) -> list[list[str]]:
    """Each table row of `source` as the literal texts of its cells (or, outside tables,
    each inline block as a one-item row); a non-text token shows as its type in <>."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    for token in MD.parse(source):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            rows.append(row)
            row = None
        elif token.type == "inline":
            text = "".join(c.content if c.type == "text" else f"<{c.type}>"
                           for c in token.children or [])
            if row is not None:
                row.append(text)
            else:
                rows.append([text])
    return rows


def _plain(text: str) -> str:
    return " ".join(text.split())


# Any text, and text made mostly of what Markdown, GitHub and wikis give meaning to.
texts = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
            max_size=40),
    st.text(" \\`*_{}[]<>()#+-.!|~&$@:;=/0123456789aAz\t\n", max_size=30),
).map(safe_text)


@settings(max_examples=300, deadline=None)
@given(texts)
@example("x | y \\| z")
@example("1986. A great year")
@example("* * *")
@example("<http://a.b>")
def test_escaped_text_reads_literally_in_a_cell_a_heading_and_a_list(text: str) -> None:
    escaped = md_escape(text)
    table = f"| a | b |\n|---|---|\n| {escaped} | end |\n"
    assert _inline_texts(table) == [["a", "b"], [_plain(text), "end"]]
    if _plain(text):
        assert _inline_texts(f"### {escaped}\n") == [[_plain(text)]]
        assert _inline_texts(f"- {escaped}\n") == [[_plain(text)]]
        assert _inline_texts(f"{escaped}\n") == [[_plain(text)]]


def test_a_retrospective_quote_keeps_its_lines_literal() -> None:
    quoted = md_quote("# not a heading\n\n- not a list\n> nor a quote")
    tokens = [t.type for t in MD.parse(quoted)]
    assert "heading_open" not in tokens and "bullet_list_open" not in tokens
    assert tokens.count("blockquote_open") == 1
    assert _inline_texts(quoted) == [["# not a heading"],
                                     ["- not a list<hardbreak>> nor a quote"]]


def _week(services: Services, clock: FixedClock) -> dict[str, object]:
    objective, krs = objective_with_krs(services, "Grow", ((0, 10), (0, 10), (0, 10)),
                                        committed=True)
    check_in_on(services, clock, krs[0].id, 2, dt.date(2026, 11, 1))
    check_in_on(services, clock, krs[0].id, 6, dt.date(2026, 11, 20), confidence=8,
                note="two deals")
    check_in_on(services, clock, krs[1].id, 5, dt.date(2026, 11, 19))
    check_in_on(services, clock, krs[2].id, 1, dt.date(2026, 10, 20))   # stale since
    red = services.add_kpi("Churn", unit="%", direction="lower", green=2, red=4)
    services.record_kpi(red.id, 5, dt.date(2026, 11, 20))
    yellow = services.add_kpi("Leads", direction="higher", green=60, red=40)
    services.record_kpi(yellow.id, 50, dt.date(2026, 11, 20))
    green = services.add_kpi("Uptime", direction="higher", green=99.9, red=99)
    services.record_kpi(green.id, 99.95, dt.date(2026, 11, 20))
    services.record_kpi(services.add_kpi("No band").id, 1, dt.date(2026, 11, 20))
    return {"objective": objective, "krs": krs}


def test_weekly_review_says_what_changed(services: Services, clock: FixedClock) -> None:
    made = _week(services, clock)
    krs = made["krs"]
    report = build_report(services.workspace(), TODAY)
    assert report.period.name == "2026-Q4" and report.since == dt.date(2026, 11, 15)
    [review] = report.objectives
    assert [(c.kr_id, c.previous, c.checkin.value) for c in review.changes] == [
        (krs[1].id, None, 5.0), (krs[0].id, 2.0, 6.0)]  # type: ignore[index]
    assert round(review.week_ago, 9) == 0.1  # (0.2 + 0 + 0.1) / 3
    assert round(review.delta, 4) == round((0.6 + 0.5 + 0.1) / 3 - 0.1, 4)
    assert [k.kr.id for k in review.stale] == [krs[2].id]  # type: ignore[index]
    assert [(a.kpi.name, a.rag) for a in report.kpis] == [("Churn", "red"), ("Leads", "yellow")]
    s = report.summary
    assert (s.key_results, s.green, s.yellow, s.red, s.ended) == (3, 0, 2, 1, False)
    data = report_json(report)
    assert data["objectives"][0]["changes"][1]["note"] == "two deals"
    assert data["summary"]["red"] == 1


def test_markdown_report_has_whole_tables(services: Services, clock: FixedClock) -> None:
    _week(services, clock)
    _, krs = objective_with_krs(services, "| pipes | and *stars*", ((0, 4),) * 3,
                                owner="<b>eve</b>")
    for title, kr in zip(HOSTILE, krs, strict=False):
        services.edit_key_result(kr.id, title=title, unit="|x|")
    check_in_on(services, clock, krs[0].id, 2, dt.date(2026, 11, 21),
                note="see [this](http://x) | and `that`\nsecond line")
    text = render_markdown(build_report(services.workspace(), TODAY))
    rows = _inline_texts(text)
    assert ["| pipes | and *stars*"] in rows
    titles = {safe_text(t) for t in HOSTILE[:3]}
    kr_rows = [r for r in rows if len(r) == 6 and r[0] in titles]
    assert len(kr_rows) == 3 and all(r[3].endswith(" |x|") for r in kr_rows)
    changes = [r[0] for r in rows if r and "see [this]" in r[0]]
    assert changes and "“see [this](http://x) | and `that` second line”" in changes[0]
    assert "<b>eve</b>" in text.replace("\\", "")  # escaped, so shown as typed
    assert "Churn" in text and "## KPIs out of the green" in text


def test_end_of_period_summary_counts_final_colours(services: Services,
                                                    clock: FixedClock) -> None:
    _, krs = objective_with_krs(services, "Old", ((0, 10),) * 3, period="2026-Q3")
    check_in_on(services, clock, krs[0].id, 8, dt.date(2026, 9, 20))
    check_in_on(services, clock, krs[1].id, 5, dt.date(2026, 9, 20))
    services.grade_period("2026-Q3", adjustments={krs[2].id: (0.7, "shipped in October")})
    report = build_report(services.workspace(), TODAY, "2026-Q3")
    s = report.summary
    assert (s.ended, s.graded, s.green, s.yellow, s.red) == (True, 1, 2, 1, 0)
    text = render_markdown(report)
    assert "## End-of-period summary" in text and "**Grade 0.67**" in text
    assert "final 0.70 (green)" in text


def test_csv_report_opens_safely(services: Services, clock: FixedClock) -> None:
    made = _week(services, clock)
    services.edit_objective(made["objective"].id, title="=HYPERLINK(\"http://x\")")  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(render_csv(build_report(services.workspace(),
                                                                   TODAY)))))
    kr_rows = [r for r in rows if r["row"] == "key_result"]
    assert len(kr_rows) == 3 and kr_rows[0]["objective"] == "'=HYPERLINK(\"http://x\")"
    assert kr_rows[0]["checkins_this_week"] == "1" and kr_rows[0]["progress"] == "0.6"
    assert [r["name"] for r in rows if r["row"] == "kpi"] == ["Churn", "Leads"]


def test_status_line_and_current_period(services: Services, clock: FixedClock) -> None:
    assert status_line(services.workspace(), TODAY) == "2026-Q4: no key results"
    _week(services, clock)
    line = status_line(services.workspace(), TODAY)
    assert line.startswith("2026-Q4: ") and "1 stale" in line
    counted = sum(int(part.split()[0]) for part in line.split(": ")[1].split(", "))
    assert counted == 3
    objective_with_krs(services, "Yearly", period="2026")
    periods = services.workspace().periods()
    assert current_period(periods, TODAY).name == "2026-Q4"  # the shortest running
    assert current_period(periods, dt.date(2027, 5, 1)).name == "2027-Q2"
    objective_with_krs(services, "Next", period="2027-Q1", status="draft")
    assert status_line(services.workspace(), TODAY, "2027-Q1") == "2027-Q1: no key results"
