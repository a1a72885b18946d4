import pytest
from django.core.exceptions import ValidationError

from civicspace.core.models import AuditEntry
from civicspace.recommendations import services
from civicspace.recommendations.models import Ask, Theme
from conftest import World

pytestmark = pytest.mark.django_db


def test_an_ask_from_another_source(world: World) -> None:
    upr = Theme.objects.get(slug="upr")
    ask = services.ask_create(
        actor=world.users["secretariat"], source_kind="upr", source_title="UPR third cycle",
        text_en="Repeal the restrictions on associations.", addressees=[world.un_agency], themes=[upr],
        raised_by=[world.coalition],
    )  # fmt: skip
    assert ask.meeting is None and list(ask.themes.all()) == [upr]
    assert (
        AuditEntry.objects.get(object_id=str(ask.pk), content_type__model="ask").actor
        == world.users["secretariat"]
    )


def test_update_audits_only_changes_and_keeps_invariants(world: World) -> None:
    ask = services.ask_create(actor=None, text_en="Publish budgets.")
    services.ask_update(ask=ask, actor=None, status="in_progress")
    [entry] = AuditEntry.objects.filter(object_id=str(ask.pk), action="update")
    assert entry.changes == {"status": ["not_started", "in_progress"]}
    with pytest.raises(ValidationError):
        services.ask_update(ask=ask, actor=None, text_en="")
    ask.refresh_from_db()
    assert ask.text_en == "Publish budgets."
    with pytest.raises(TypeError):
        services.ask_update(ask=ask, actor=None, colour="red")


def test_lineage_across_years(world: World) -> None:
    first = services.ask_create(actor=None, text_en="Fund civil society.", addressees=[world.un_agency])
    second = services.ask_raise_again(previous=first, actor=None)
    third = services.ask_raise_again(previous=second, actor=None, priority="high")
    assert third.previous == second and second.previous == first
    assert list(first.raised_again.all()) == [second] and third.priority == "high"
    services.ask_delete(ask=second, actor=None)
    third.refresh_from_db()
    assert third.previous is None and Ask.objects.filter(pk=first.pk).exists()


def test_update_sets_raisers_and_themes_in_one_audited_change(world: World) -> None:
    ask = services.ask_create(actor=None, text_en="Fund civil society.")
    upr = Theme.objects.get(slug="upr")
    services.ask_update(ask=ask, actor=None, raised_by=[world.coalition], themes=[upr], priority="high")
    assert list(ask.raised_by.all()) == [world.coalition] and list(ask.themes.all()) == [upr]
    [entry] = AuditEntry.objects.filter(object_id=str(ask.pk), action="update")
    assert entry.changes == {
        "priority": ["medium", "high"], "raised_by": [[], [world.coalition.pk]], "themes": [[], [upr.pk]],
    }  # fmt: skip
