"""One view of a KPI (okrtui/domain/scoring/kpi.py: kpi_view): the dashboard's strip, the
KPI screen, `show --json`, the report and promotion read the same latest value and colour.

There were three builders (the dashboard from the newest few measurements, the KPI screen
and the JSON from all of them, the report its own way): they agreed, by care rather than
by construction. This test holds them to it where it is easiest to get wrong: values
recorded out of order, two on one day.
"""

from __future__ import annotations

import datetime as dt

from okrtui.domain.records.models import Measurement
from okrtui.domain.reporting.report import build_report
from okrtui.domain.scoring.kpi import kpi_rag, kpi_view, latest_measurement
from okrtui.domain.scoring.views import kpi_json
from okrtui.services import Services
from okrtui.widgets.kpi_strip import SPARK_WIDTH
from tests.support.clock import TODAY, FixedClock


def test_every_reader_of_a_kpi_sees_the_same_latest_value_and_colour(
        services: Services, clock: FixedClock) -> None:
    kpi = services.add_kpi("Churn", unit="%", direction="lower", green=2, red=4)
    for day, value in [(5, 3.0), (1, 1.0), (20, 2.5), (12, 5.0)]:
        services.record_kpi(kpi.id, value, dt.date(2026, 11, day))
    clock.advance(minutes=5)
    services.record_kpi(kpi.id, 3.5, dt.date(2026, 11, 20))  # later the same day: latest
    ws = services.workspace()
    strip, screen = kpi_view(ws, kpi, TODAY, SPARK_WIDTH), kpi_view(ws, kpi, TODAY)
    assert strip.latest == screen.latest == 3.5
    assert strip.rag == screen.rag == kpi_rag(kpi, 3.5) == "yellow"
    assert strip.last == screen.last == latest_measurement(ws.measurements(kpi.id), TODAY)
    assert screen.values == (1.0, 3.0, 5.0, 2.5, 3.5)  # oldest first, by date
    assert strip.values == screen.values[-SPARK_WIDTH:]
    assert kpi_view(ws, kpi, TODAY, 2).values == (2.5, 3.5)
    data = kpi_json(ws, kpi, TODAY)
    assert (data["latest"], data["rag"]) == (3.5, "yellow")
    [alert] = build_report(ws, TODAY).kpis
    assert (alert.latest.value, alert.rag, alert.latest.date) == (3.5, "yellow",
                                                                  dt.date(2026, 11, 20))


def test_a_kpi_without_values_has_no_latest_and_no_colour(services: Services) -> None:
    kpi = services.add_kpi("Uptime", green=99.9, red=99)
    view = kpi_view(services.workspace(), kpi, TODAY, SPARK_WIDTH)
    assert (view.values, view.latest, view.rag, view.last) == ((), None, "none", None)
    assert build_report(services.workspace(), TODAY).kpis == ()


def test_a_value_a_skewed_clock_dated_next_year_is_latest_nowhere(
        services: Services, clock: FixedClock) -> None:
    """A teammate's clock a year ahead (their file merged in): the dashboard's strip, the
    KPI screen and show --json took its value for the latest, the report did not."""
    kpi = services.add_kpi("Churn", unit="%", direction="lower", green=2, red=4)
    services.record_kpi(kpi.id, 3.0, dt.date(2026, 11, 20))
    with services.store.transaction() as ws:
        skewed = Measurement.model_validate({
            "id": "0000skew-0000-4000-8000-000000000001", "kpi_id": kpi.id, "value": 1.0,
            "date": dt.date(2027, 11, 20), "at": dt.datetime(2027, 11, 20, 9, tzinfo=dt.UTC),
            "updated_at": dt.datetime(2027, 11, 20, 9, tzinfo=dt.UTC)})
        ws.insert("measurements", skewed)
    ws = services.workspace()
    strip, screen = kpi_view(ws, kpi, TODAY, SPARK_WIDTH), kpi_view(ws, kpi, TODAY)
    assert strip.latest == screen.latest == kpi_json(ws, kpi, TODAY)["latest"] == 3.0
    [alert] = build_report(ws, TODAY).kpis
    assert alert.latest.value == 3.0 and strip.rag == "yellow"
