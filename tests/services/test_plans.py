"""Each use case is one pure plan in the domain (okrtui/domain/plans) and a short
transaction in the services: what a form previews is what the save writes.

The services used to have a `preview_*` twin for twelve use cases, with the rules of the
use case inside the service; a form's preview called the twin. Now the form and the save
both run the domain's plan, handed the same Actor (who, when, which ids).
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from okrtui.domain.plans import cycle, key_results, kpis, objectives
from okrtui.domain.plans.actor import Actor
from okrtui.domain.plans.checkins import plan_check_in
from okrtui.services import Services
from okrtui.store import Store
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import NOW, FixedClock

DOMAIN = Path(__file__).resolve().parents[2] / "okrtui" / "domain"


def test_the_services_have_no_preview_twins() -> None:
    assert [name for name in dir(Services) if name.startswith("preview_")] == []


def test_the_domain_reads_no_clock_and_draws_no_ids() -> None:
    """Plans are handed now and their ids (Actor): nothing in the domain asks the clock
    or the random source itself."""
    found = []
    clock_calls = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"),
                   ("date", "today"), ("time", "time"), ("time", "monotonic"),
                   ("uuid", "uuid4")}
    for path in DOMAIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = node.func if isinstance(node, ast.Call) else None
            if not isinstance(func, ast.Attribute):
                continue
            owner = func.value.attr if isinstance(func.value, ast.Attribute) else \
                func.value.id if isinstance(func.value, ast.Name) else ""
            if (owner, func.attr) in clock_calls:
                found.append(f"{path.name}:{node.lineno} {owner}.{func.attr}()")
    assert found == []


def _ids(prefix: str) -> Callable[[], str]:
    """The same ids every time it is made: a plan run twice makes the same records."""
    counter: Iterator[int] = itertools.count(1)
    return lambda: f"{prefix}-{next(counter):08d}"


@pytest.fixture
def twin(db_path: Path, clock: FixedClock) -> Callable[[], Services]:
    """Services on the test workspace whose ids start again at 1 each time it is made."""
    return lambda: Services(Store(db_path), "alice", clock=clock, new_id=_ids("0000aaaa"))


def _actor(services: Services) -> Actor:
    return Actor(services.user, services.local_now(), _ids("0000aaaa"))


def test_a_preview_is_what_the_save_writes(twin: Callable[[], Services],
                                           clock: FixedClock) -> None:
    setup = twin()
    objective, krs = objective_with_krs(setup, "Grow", ((0, 10), (0, 10)))
    kpi = setup.add_kpi("Leads", green=60, red=40)
    setup.record_kpi(kpi.id, 45, dt.date(2026, 11, 20))
    check_in_on(setup, clock, krs[0].id, 10, dt.date(2026, 11, 21))
    cases: list[tuple[Callable[..., object], Callable[[Services], object], str]] = [
        (lambda ws, a: objectives.plan_add_objective(ws, a, "Ship it", "2026-Q4"),
         lambda s: s.add_objective("Ship it", "2026-Q4"), "objectives"),
        (lambda ws, a: key_results.plan_add_key_result(ws, a, objective.id, "Sign 3",
                                                       target=3, unit="deals"),
         lambda s: s.add_key_result(objective.id, "Sign 3", target=3, unit="deals"),
         "key_results"),
        (lambda ws, a: kpis.plan_add_kpi(ws, a, "Churn", unit="%"),
         lambda s: s.add_kpi("Churn", unit="%"), "kpis"),
        (lambda ws, a: kpis.plan_record_kpi(ws, a, kpi.id, 50),
         lambda s: s.record_kpi(kpi.id, 50), "measurements"),
        (lambda ws, a: kpis.plan_promote_kpi(ws, a, kpi.id, objective.id, 60),
         lambda s: s.promote_kpi(kpi.id, objective.id, 60), "key_results"),
        (lambda ws, a: plan_check_in(ws, a, krs[1].id, 4, note="half").checkin,
         lambda s: s.check_in(krs[1].id, 4, note="half"), "checkins"),
    ]
    for plan, save, table in cases:
        services = twin()
        planned = plan(services.workspace(), _actor(services))
        saved = save(services)
        assert planned == saved, table
        assert services.workspace().get(table, saved.id, type(saved)) == saved  # type: ignore[attr-defined]
        # The plan wrote nothing itself: the save's transaction did.
    carried = cycle.plan_carry_over(twin().workspace(), _actor(twin()), "2026-Q4")
    made = twin().carry_over("2026-Q4")
    assert [(c.objective, c.key_results) for c in carried] == \
        [(c.objective, c.key_results) for c in made]
    assert clock() == NOW  # nothing moved the clock: the plans were handed it


def test_grading_and_kr_to_kpi_previews_are_the_saves(twin: Callable[[], Services],
                                                      clock: FixedClock) -> None:
    setup = twin()
    objective, krs = objective_with_krs(setup, "Grow", ((0, 10), (0, 10)))
    check_in_on(setup, clock, krs[0].id, 10, dt.date(2026, 11, 21))
    plan = cycle.GradePlan({krs[1].id: (0.4, "late renewals")}, None, "good pipeline")
    previewed = cycle.plan_grade_objectives(twin().workspace(), _actor(twin()), "2026-Q4",
                                            {objective.id: plan})
    graded = twin().grade_plans("2026-Q4", {objective.id: plan})
    assert previewed == graded
    made = cycle.plan_key_result_to_kpi(twin().workspace(), _actor(twin()), krs[0].id)
    kpi = twin().key_result_to_kpi(krs[0].id)
    assert made.kpi == kpi and made.measurement is not None
    ws = twin().workspace()
    assert ws.measurements(kpi.id) == [made.measurement]
    assert ws.key_result(krs[0].id).kpi_id == kpi.id
