"""What the palette can find: objectives, key results and KPIs of every period."""

from __future__ import annotations

from okrtui.services import Services
from tests.support.builders import objective_with_krs


def test_every_live_record_of_every_period_is_findable(services: Services) -> None:
    old, old_krs = objective_with_krs(services, "Grow the blog", ((0, 10),), period="2026-Q3",
                                      owner="ann", team="Marketing")
    new, _ = objective_with_krs(services, "Close \x1b[31mtickets", ((0, 10), (0, 5)),
                                owner="bob", team="Support")
    gone, _ = objective_with_krs(services, "Dropped", ((0, 10),))
    services.delete_objective(gone.id)
    services.delete_key_result(old_krs[0].id)
    kpi = services.add_kpi("Response time", owner="bob", team="Support")
    found = services.findables()
    kinds = [(f.kind, f.title) for f in found]
    assert kinds == [("objective", "Close [31mtickets"),
                     ("key result", "Close [31mtickets KR 1"),
                     ("key result", "Close [31mtickets KR 2"),
                     ("objective", "Grow the blog"),
                     ("KPI", "Response time")]
    kr = found[1]
    assert (kr.objective_id, kr.period, kr.owner, kr.team) == (new.id, "2026-Q4", "bob",
                                                                "Support")
    assert kr.text == "Close [31mtickets KR 1 · bob · Support"
    assert kr.where == "key result of “Close [31mtickets” · 2026-Q4"
    assert found[3].objective_id == old.id and found[3].where == "objective · 2026-Q3"
    assert found[4].record_id == kpi.id and found[4].where == "KPI"
    assert all("\x1b" not in f.text for f in found)
