"""Who may open the dialogue cycle pages (merged by tests/test_url_matrix.py; the meeting pages are declared
there). `prepare` makes the sample cycle "sample-cycle", open, with the sample meeting in it. POST-only
actions answer GET with 405 (the API's close asks an anonymous caller to authenticate first)."""

from typing import Any

from tests.matrix import ADMIN, ANON, SECRETARIAT, every, login_then

CYCLE = "sample-cycle"

EXPECTED: dict[str, dict[str, int]] = {
    "dialogues:cycle-list": every(200),
    "dialogues:cycle-create": login_then(403, **{SECRETARIAT: 200, ADMIN: 200}),
    "dialogues:cycle-detail": every(200),
    "dialogues:cycle-update": login_then(403, **{SECRETARIAT: 200, ADMIN: 200}),  # while the cycle is open
    "dialogues:cycle-close": every(405),
    "api:cycle-list": every(200),
    "api:cycle-detail": every(200),
    "api:cycle-close": {**every(405), ANON: 401},  # who may close is checked before the method
}
# The matrix gives every dialogues URL the sample meeting's slug; the cycle pages take `cycle` instead.
SAMPLE_OVERRIDES: dict[str, dict[str, str]] = {
    name: {"cycle": CYCLE}
    for name in ("dialogues:cycle-detail", "dialogues:cycle-update", "dialogues:cycle-close")
} | {"api:cycle-detail": {"slug": CYCLE}, "api:cycle-close": {"slug": CYCLE}}


def prepare(world: Any) -> dict[str, str]:
    from civicspace.dialogues import services
    from civicspace.dialogues.models import Meeting

    cycle = services.cycle_create(actor=None, slug=CYCLE, title_en="Sample cycle")
    services.meeting_update(meeting=Meeting.objects.get(slug="dialogue-2025"), actor=None, cycle=cycle)
    return {}
