"""What a person met walking the weekly loop on the demo at 80x24: help that says what my
check-ins are for in a whole sentence, an empty queue that tells graded key results from
none, and a graded objective's row that is not cut at the edge."""

from __future__ import annotations

from okrtui.app import OkrApp
from okrtui.screens.checkin_queue import CheckInQueueScreen
from okrtui.screens.grade import GradeScreen
from okrtui.screens.help import HelpScreen, about_text
from tests.support.tui import screen_text, settle

SIZE = (80, 24)


def flat(app: OkrApp) -> str:
    """The screen's text with its lines joined (and dialog borders dropped), so that a
    sentence that wraps still matches."""
    return " ".join(screen_text(app).replace("│", " ").split())


def test_the_help_text_is_the_docstring_s_first_paragraph_whole() -> None:
    about = about_text(CheckInQueueScreen.__doc__ or "")
    assert about.startswith("My check-ins: type the value and press enter")
    assert about.endswith("asking first when something typed is not saved.")
    assert "\n" not in about and "  " not in about


async def test_help_on_my_check_ins_says_what_it_is_for_whole(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(sample_app.screen, HelpScreen)
        about = " ".join(str(sample_app.screen.query(".context").first().render()).split())
        assert about == about_text(CheckInQueueScreen.__doc__ or ""), "the sentence, whole"


async def grade_the_period(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GradeScreen)
    await pilot.press("g", "y")
    await settle(pilot)


async def test_after_grading_the_queue_says_why_there_is_nothing(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await grade_the_period(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(sample_app.screen, CheckInQueueScreen)
        text = flat(sample_app)
        assert ("Nothing to check in: alice's 4 key results in 2026-Q4 are in graded or "
                "draft objectives.") in text
        assert "no key result of alice" not in text


async def test_a_graded_objective_s_row_is_not_cut_at_80_columns(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await grade_the_period(pilot)
        lines = screen_text(sample_app).splitlines()
        graded = [n for n, line in enumerate(lines) if "✔ graded already" in line]
        assert graded, "the grade screen marks the graded objectives"
        for n in graded:
            assert "…" not in lines[n] and "…" not in lines[n + 1], lines[n:n + 2]
        text = flat(sample_app)
        assert "✔ graded already (s or o re-grades) · in the sweet spot" in text
        assert "missed: committed objectives must reach 1.0" in text
