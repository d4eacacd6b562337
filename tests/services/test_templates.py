"""Department templates: valid data, applied through the services and their rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.domain.cycle.templates import TEMPLATES, get_template, template_names
from okrtui.domain.records.errors import NotFound, RuleViolation
from okrtui.domain.rules.lint import lint
from okrtui.services import Services
from tests.support.builders import sha
from tests.support.clock import TODAY

DEPARTMENTS = ["sales", "marketing", "customer-service", "hr", "finance", "it", "product",
               "personal"]


def test_every_department_has_a_template_with_objectives_and_kpis() -> None:
    assert template_names() == DEPARTMENTS
    for template in TEMPLATES:
        assert template.objectives and template.kpis, template.name
        names = {k.name for k in template.kpis}
        for objective in template.objectives:
            assert 3 <= len(objective.key_results) <= 5, objective.title
            for kr in objective.key_results:
                assert kr.kpi is None or kr.kpi in names, kr.title


@pytest.mark.parametrize("name", DEPARTMENTS)
def test_each_template_applies_cleanly(name: str,
                                       make_services: Callable[..., Services],
                                       tmp_path: Path) -> None:
    services = make_services("alice", tmp_path / f"{name}.json")
    applied = services.apply_template(name, "2026-Q4", owner="erin")
    ws = services.workspace()
    template = get_template(name)
    assert [o.title for o in applied.objectives] == [o.title for o in template.objectives]
    assert sorted(k.name for k in ws.kpis()) == sorted(k.name for k in template.kpis)
    for objective in applied.objectives:
        stored = ws.objective(objective.id)
        assert stored.owner == "erin" and stored.status == "active"
        assert stored.level == template.level
        krs = ws.key_results(objective.id)
        wanted = next(o for o in template.objectives if o.title == objective.title)
        assert [k.title for k in krs] == [k.title for k in wanted.key_results]
        for kr, item in zip(krs, wanted.key_results, strict=True):
            assert kr.owner == "erin"
            if item.kpi is not None:
                assert ws.kpi(kr.kpi_id or "").name == item.kpi
    # A freshly applied template passes its own SMART lint (no vague KRs, units, owners).
    assert [f.message for f in lint(ws, TODAY) if f.rule not in ("stale",)] == []


def test_names_are_forgiving_and_unknown_ones_list_the_choices() -> None:
    assert get_template("Customer Service").name == "customer-service"
    assert get_template(" customer_service ").name == "customer-service"
    with pytest.raises(NotFound, match="there are: sales, marketing"):
        get_template("legal")


def test_applying_twice_reuses_the_kpis(services: Services) -> None:
    services.apply_template("hr", "2026-Q4")
    again = services.apply_template("hr", "2027-Q1", draft=True)
    ws = services.workspace()
    assert again.kpis == () and len(ws.kpis()) == 3
    assert ws.objective(again.objectives[0].id).status == "draft"
    first_kr = ws.key_results(again.objectives[0].id)[0]
    assert first_kr.kpi_id == next(k.id for k in ws.kpis() if k.name == "Turnover rate")


def test_rules_still_apply_and_a_refusal_creates_nothing(services: Services,
                                                         db_path: Path) -> None:
    for n in range(5):
        services.add_objective(f"Objective {n}", "2026-Q4")
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="already has 5 objectives"):
        services.apply_template("sales", "2026-Q4")
    assert sha(db_path) == before  # not even the template's KPIs
    for n in range(10):
        services.add_kpi(f"KPI {n}")
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="at most 12"):
        services.apply_template("finance", "2027-Q1")
    assert sha(db_path) == before
