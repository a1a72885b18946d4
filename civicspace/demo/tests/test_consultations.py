"""The demo consultations: they load (with the gazetteer), one is open for input, the other shows
results, the synthetic input is spread over the provinces, and loading twice adds nothing."""

from typing import Any

import pytest
from django.db.models import Count
from django.urls import reverse

from civicspace.consultations.models import Consultation, ItemInput, Submission
from civicspace.core.models import AuditEntry
from civicspace.demo import consultations as demo

pytestmark = pytest.mark.django_db


def test_demo_loads_once(client: Any) -> None:
    first = demo.load(submissions=600, seed=7)
    assert sorted(first.consultations_created) == [demo.NATIONAL, demo.COMMUNE]
    assert first.submissions_created == Submission.objects.count() == 600
    national = Consultation.objects.get(slug=demo.NATIONAL)
    commune = Consultation.objects.get(slug=demo.COMMUNE)
    assert national.phase == "results" and national.fiscal_year == 2022 and national.level == "national"
    assert national.authority.slug == "mef" and 6 <= national.items.count() <= 8
    assert (
        commune.is_open
        and commune.unit is not None
        and commune.unit.code == demo.COMMUNE_CODE
        and 4 <= commune.items.count() <= 5
    )
    provinces = Submission.objects.exclude(province_code="").values("province_code").annotate(n=Count("id"))
    assert len(provinces) >= 20
    channels = set(Submission.objects.values_list("channel", flat=True))
    assert {"web", "import", "offline"} <= channels
    states = set(ItemInput.objects.exclude(comment="").values_list("comment_state", flat=True))
    assert {"pending", "published"} <= states
    women = Submission.objects.filter(consultation=national, gender="woman").count()
    assert 0.35 < women / national.submissions.count() < 0.6
    assert all(s.created_at <= national.closes_at for s in national.submissions.all())
    audits = AuditEntry.objects.count()

    again = demo.load(submissions=600, seed=7)
    assert again.consultations_created == [] and again.submissions_created == 0
    assert Submission.objects.count() == 600 and AuditEntry.objects.count() == audits

    page = client.get(reverse("consultations:consultation-list")).content.decode()
    assert "COVID-19 response budget 2022" in page and "Sla Kram" in page
    assert client.get(reverse("consultations:submit", kwargs={"slug": demo.COMMUNE})).status_code == 200
