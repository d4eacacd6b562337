"""Add an initiative under a key result, or change one's title or owner."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import Input, Static

from okrtui.domain.plans.initiatives import plan_add_initiative, plan_edit_initiative
from okrtui.domain.records.models import NAME_MAX, TITLE_MAX, Initiative
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.record_form import RecordFormScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field


class InitiativeFormScreen(RecordFormScreen):
    """Title and owner (the owner defaults to you); the same plans as `okrtui initiative
    add` and `okrtui initiative edit`."""

    RECORD = "kr"
    FIELD_ALIASES: ClassVar[dict[str, str]] = {"kr_id": ""}

    def __init__(self, kr_id: str, initiative_id: str | None = None) -> None:
        super().__init__(kr_id)
        self.initiative_id = initiative_id
        self.TITLE_TEXT = "Edit initiative" if initiative_id else "New initiative"
        self.TYPED_ON_RECORD = initiative_id is not None
        self.DISCARD_QUESTION = ("Discard your changes to this initiative?" if initiative_id
                                 else "Discard this initiative?")

    def fields(self) -> list[Field]:
        return [
            text_field("Initiative", "title", max_length=TITLE_MAX,
                       placeholder="the work that moves the key result"),
            text_field("Owner", "owner", max_length=NAME_MAX, placeholder="who does it"),
        ]

    def fill(self, ws: Workspace) -> None:
        """The key result it moves; the initiative's fields when editing one."""
        kr = ws.key_result(self.record_id)
        text = Text("Work under: ", style="dim")
        text.append(kr.title, style="bold")
        text.append("\n")
        text.append(f"{fmt.kr_range(kr)} · initiatives do not count towards the score",
                    style="dim")
        self.query_one("#context", Static).update(text)
        owner = self.services.user
        if self.initiative_id is not None:
            item = ws.get("initiatives", self.initiative_id, Initiative)
            self.query_one("#f-title", Input).value = item.title
            owner = item.owner
        self.query_one("#f-owner", Input).value = owner

    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """The fields the person changed (all of them for a new initiative)."""
        fields = {"title": values["title"].strip(), "owner": values["owner"].strip()}
        if self.initiative_id is None or self.initial is None:
            return fields
        return {k: v for k, v in fields.items() if v != self.initial.get(k, "").strip()}

    def preview(self, ws: Workspace, values: dict[str, Any]) -> Initiative:
        """The initiative as it would be saved, checked by the domain's own rules."""
        actor = self.services.actor()
        if self.initiative_id is None:
            return plan_add_initiative(ws, actor, self.record_id, values["title"].strip(),
                                       owner=values["owner"].strip())
        return plan_edit_initiative(ws, actor, self.initiative_id, self.changes(values))

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Add the initiative, or save what was changed."""
        if self.initiative_id is None:
            return ("Initiative added", self.services.add_initiative,
                    (self.record_id, values["title"].strip()), {"owner": values["owner"].strip()})
        return ("Initiative saved", self.services.edit_initiative, (self.initiative_id,),
                self.changes(values))
