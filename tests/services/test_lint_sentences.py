"""Each lint finding reads as a sentence under its objective's title (the review screen):
capitalised, with a full stop, and without the objective's title again. The review used
to print the rule code and the message run together ("not-ambitiouskey result ...")."""

from __future__ import annotations

import datetime as dt

from okrtui.domain.rules.lint import lint
from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.clock import TODAY, FixedClock, on_day, reset


def test_findings_are_sentences_that_do_not_repeat_the_objective(
        services: Services, clock: FixedClock) -> None:
    on_day(clock, dt.date(2026, 10, 1))
    objective, _ = objective_with_krs(services, "Expand our customer base",
                                        ((0, 10),), owner="")
    services.add_key_result(objective.id, "Improve things", target=5)
    graded, _ = objective_with_krs(services, "Win big", committed=True)
    reset(clock)
    services.grade_period("2026-Q4", objective_ref=graded.id, grade=0.5)
    findings = lint(services.workspace(), TODAY, "2026-Q4")
    by_rule = {(f.rule, f.objective_id): f for f in findings}
    owner = by_rule[("owner", objective.id)]
    assert owner.message == "objective 'Expand our customer base' has no owner"
    assert owner.sentence == "This objective has no owner."
    assert by_rule[("kr-count", objective.id)].sentence == \
        "This objective has 2 key results; aim for 3 to 5."
    assert by_rule[("ambition", graded.id)].sentence == \
        "Graded 0.5: missed: committed objectives must reach 1.0."
    assert by_rule[("unit", objective.id)].sentence == "Key result 'Improve things' has no unit."
    for f in findings:
        assert f.sentence[0].isupper() and f.sentence.endswith(".")
        if f.table == "objectives":
            assert "Expand our customer base" not in f.sentence
            assert "Win big" not in f.sentence
