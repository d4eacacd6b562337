"""`Services` takes each use case from its module on first use: every name resolves to
what the class made of all use cases together would have, and no two modules define the
same name (which would make the order of the search matter)."""

from __future__ import annotations

import inspect

from okrtui import services as package
from okrtui.services import ServiceBase, Services


def _own_names(cls: type) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass in (ServiceBase, object):
            break
        names.update(n for n in vars(klass) if not n.startswith("__"))
    return names


def test_no_two_use_case_modules_define_the_same_name_differently() -> None:
    seen: dict[str, object] = {}
    for cls in package.use_case_classes():
        for name in _own_names(cls):
            member = inspect.getattr_static(cls, name)
            assert seen.setdefault(name, member) is member, name


def test_every_use_case_resolves_to_the_member_of_the_whole_composition() -> None:
    # The composition the facade replaces, in its order (subclasses before their bases).
    classes = {cls.__name__: cls for cls in package.use_case_classes()}
    order = ("CycleUseCases", "PullUseCases", "HistoryUseCases", "KpiUseCases",
             "ObjectiveUseCases", "KeyResultUseCases", "CheckInUseCases", "InitiativeUseCases",
             "DueUseCases", "ReadingUseCases", "SharingUseCases", "SafetyUseCases")
    assert sorted(order) == sorted(classes)
    whole = type("Whole", tuple(classes[name] for name in order), {})
    for name in sorted(_own_names(whole)):
        assert getattr(Services, name) == getattr(whole, name), name


def test_a_name_no_use_case_has_is_an_attribute_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(tmp_path / "okrs.json", "alice")
    assert not hasattr(services, "no_such_use_case")
    assert services.backup_folder == tmp_path / ".okrtui-backups"  # a property, too
