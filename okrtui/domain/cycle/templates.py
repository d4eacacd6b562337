"""Starting points by department: example objectives, key results and KPIs.

The examples come from the OKR and KPI literature (okr-domain.md). A template is data: the
services turn it into records through the same rules as anything a person types, so a
template never slips a sixth key result or a thirteenth KPI past the limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrtui.domain.records.errors import NotFound
from okrtui.domain.records.models import (
    KPI,
    Cadence,
    Direction,
    KeyResult,
    KPIType,
    KRKind,
    Level,
    Objective,
)


@dataclass(frozen=True)
class TemplateKR:
    """An example key result; `kpi` names a KPI of the same template it moves."""

    title: str
    start: float = 0.0
    target: float = 1.0
    unit: str = ""
    kind: KRKind = "metric"
    kpi: str | None = None


@dataclass(frozen=True)
class TemplateObjective:
    """An example objective with its key results."""

    title: str
    key_results: tuple[TemplateKR, ...]
    committed: bool = False
    description: str = ""


@dataclass(frozen=True)
class TemplateKPI:
    """An example KPI with a red-yellow-green band."""

    name: str
    unit: str
    direction: Direction
    green: float
    red: float
    cadence: Cadence = "weekly"
    type: KPIType = "lagging"
    description: str = ""

    def fields(self) -> dict[str, Any]:
        """The KPI's fields as the services take them."""
        return {"unit": self.unit, "direction": self.direction, "green": self.green,
                "red": self.red, "cadence": self.cadence, "type": self.type,
                "description": self.description}


@dataclass(frozen=True)
class Template:
    """A department's starting point."""

    name: str
    team: str
    summary: str
    objectives: tuple[TemplateObjective, ...]
    kpis: tuple[TemplateKPI, ...] = field(default=())
    level: Level = "team"


TEMPLATES: tuple[Template, ...] = (
    Template(
        "sales", "Sales", "grow revenue: prospects, new customers, leads, retention",
        (TemplateObjective("Increase revenue by 10%", (
            TemplateKR("Attract 50 new potential customers", 0, 50, "prospects"),
            TemplateKR("Acquire 20 new customers", 0, 20, "customers"),
            TemplateKR("Increase marketing-qualified leads by 15%, from 400 to 460", 400, 460,
                       "leads"),
            TemplateKR("Raise customer retention from 62% to 70%", 62, 70, "%"),
        )),),
        (TemplateKPI("New inbound leads", "leads/week", "higher", 60, 40, "weekly", "leading"),
         TemplateKPI("Qualified opportunities", "opportunities/month", "higher", 30, 15,
                     "monthly", "leading"),
         TemplateKPI("Average order value", "$", "higher", 1200, 900, "monthly"),
         TemplateKPI("Customer acquisition cost", "$", "lower", 300, 500, "monthly")),
    ),
    Template(
        "marketing", "Marketing", "blog traffic: followers, press, subscribers, posts",
        (TemplateObjective("Increase blog traffic by 25%", (
            TemplateKR("Grow followers from 2,500 to 3,000", 2500, 3000, "followers"),
            TemplateKR("Be referenced in 3 articles of top industry publications", 0, 3,
                       "articles"),
            TemplateKR("Grow blog subscribers from 3,000 to 4,150", 3000, 4150,
                       "subscribers"),
            TemplateKR("Publish 100 blog posts", 0, 100, "posts"),
        )),),
        (TemplateKPI("Web traffic", "visits/day", "higher", 5000, 3500, "daily", "leading"),
         TemplateKPI("Bounce rate", "%", "lower", 40, 60, "weekly", "leading"),
         TemplateKPI("Conversion rate", "%", "higher", 3, 1.5, "weekly")),
    ),
    Template(
        "customer-service", "Customer service",
        "satisfaction through faster service: response time, satisfaction score",
        (TemplateObjective("Enhance customer satisfaction by improving service efficiency", (
            TemplateKR("Reduce average response time by 30%, from 40 to 28 min", 40, 28,
                       "min", kpi="Average response time"),
            TemplateKR("Reach a 95% satisfaction score", 89, 95, "%",
                       kpi="Customer satisfaction score"),
            TemplateKR("Resolve 90% of tickets within 24 hours", 75, 90, "%"),
        )),),
        (TemplateKPI("Average response time", "min", "lower", 30, 45, "daily"),
         TemplateKPI("Customer satisfaction score", "%", "higher", 92, 85, "monthly"),
         TemplateKPI("Cost per conversation", "$", "lower", 5, 8, "monthly"),
         TemplateKPI("Open tickets", "tickets", "lower", 30, 60, "daily", "leading")),
    ),
    Template(
        "hr", "HR", "a team people stay in: turnover, recruitment time, absenteeism",
        (TemplateObjective("Build a team people want to join and stay in", (
            TemplateKR("Reduce staff turnover from 18% to 12%", 18, 12, "%",
                       kpi="Turnover rate"),
            TemplateKR("Cut average recruitment time from 45 to 30 days", 45, 30, "days",
                       kpi="Average recruitment time"),
            TemplateKR("Reduce absenteeism from 4% to 3%", 4, 3, "%", kpi="Absenteeism"),
        )),),
        (TemplateKPI("Turnover rate", "%", "lower", 12, 20, "monthly"),
         TemplateKPI("Average recruitment time", "days", "lower", 30, 50, "monthly"),
         TemplateKPI("Absenteeism", "%", "lower", 3, 5, "monthly")),
    ),
    Template(
        "finance", "Finance", "profitability: gross and net margin, operating expenses",
        (TemplateObjective("Make the business more profitable", (
            TemplateKR("Raise gross profit margin from 33% to 40%", 33, 40, "%",
                       kpi="Gross profit margin"),
            TemplateKR("Raise net profit margin from 8% to 12%", 8, 12, "%",
                       kpi="Net profit margin"),
            TemplateKR("Lower the operating expense ratio from 65% to 58%", 65, 58, "%",
                       kpi="Operating expense ratio"),
        )),),
        (TemplateKPI("Gross profit margin", "%", "higher", 40, 30, "monthly"),
         TemplateKPI("Net profit margin", "%", "higher", 12, 5, "monthly"),
         TemplateKPI("Operating expense ratio", "%", "lower", 58, 70, "monthly"),
         TemplateKPI("Working capital ratio", "ratio", "higher", 1.5, 1.0, "monthly")),
    ),
    Template(
        "it", "IT", "reliable services: uptime, support response time, legacy migration",
        (TemplateObjective("Run services our customers can rely on", (
            TemplateKR("Raise uptime from 99.5% to 99.9%", 99.5, 99.9, "%", kpi="Uptime"),
            TemplateKR("Cut support response time from 8 to 4 hours", 8, 4, "h",
                       kpi="Support response time"),
            TemplateKR("Migrate the last 3 legacy services to the new platform", 0, 3,
                       "services"),
        )),),
        (TemplateKPI("Uptime", "%", "higher", 99.9, 99.5, "weekly"),
         TemplateKPI("Support response time", "h", "lower", 4, 8, "weekly")),
    ),
    Template(
        "product", "Product", "launch a product: prototype, partnerships, pre-orders",
        (TemplateObjective("Launch a new AI-powered product", (
            TemplateKR("Develop and test the prototype by the end of the quarter",
                       kind="milestone"),
            TemplateKR("Sign 10 partnerships", 0, 10, "partners"),
            TemplateKR("Secure $500,000 in pre-orders", 0, 500000, "$"),
        )),),
        (TemplateKPI("Rejection rate", "%", "lower", 1, 3, "weekly"),
         TemplateKPI("Actual vs theoretical cycle time", "%", "lower", 110, 130, "weekly")),
    ),
    Template(
        "personal", "", "online presence: posting, followers on two platforms",
        (TemplateObjective("Increase online presence and following by 30%", (
            TemplateKR("Post 5 times a day on two platforms", 0, 5, "posts/day",
                       kind="above", kpi="Posts per day"),
            TemplateKR("Gain 30 followers on the first platform", 0, 30, "followers"),
            TemplateKR("Gain 20 followers on the second platform", 0, 20, "followers"),
        )),),
        (TemplateKPI("Posts per day", "posts/day", "higher", 5, 2, "daily", "leading"),),
        level="personal",
    ),
)
"""Every template, in the order `okrtui template list` shows them."""


def template_names() -> list[str]:
    """The names templates are applied by."""
    return [t.name for t in TEMPLATES]


def get_template(name: str) -> Template:
    """The template called `name` ("Customer service", "customer_service" work too)."""
    key = "-".join(name.strip().lower().replace("_", " ").split())
    for template in TEMPLATES:
        if template.name == key:
            return template
    raise NotFound(f"no template '{name.strip()[:40]}' (there are: "
                   f"{', '.join(template_names())})", field="template")


@dataclass(frozen=True)
class AppliedTemplate:
    """What applying a template created (KPIs the owner had already are not listed)."""

    template: Template
    objectives: tuple[Objective, ...]
    key_results: tuple[KeyResult, ...]
    kpis: tuple[KPI, ...]
