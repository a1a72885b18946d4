"""Reference views for the submission benchmark (benchmarks/consultation_submit.py), routed only when
the setting BENCH_REFERENCE_VIEWS is true (never in production).

`reference_submit` is the "minimal Django view" of issue 5: served by the same server with the same
middleware (CSRF included), it stores the same rows as a real submission — one Submission and its
ItemInputs — with the ORM in one transaction, and nothing else: no validation, no rate limit, no
idempotency or duplicate check. What the real submit path costs on top of it is the price of those.

GET returns a CSRF token (and sets the CSRF cookie) so the load generator can post with it."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token

from ..models import BudgetItem, ItemInput, Submission


def reference_submit(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method == "GET":
        return JsonResponse({"csrf": get_token(request)})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    items = {code: (pk, consultation_id) for code, pk, consultation_id in
             BudgetItem.objects.filter(consultation__slug=slug).values_list("code", "pk", "consultation_id")}  # fmt: skip
    if not items:
        return JsonResponse({"error": "no such consultation"}, status=404)
    consultation_id = next(iter(items.values()))[1]
    inputs = []
    for code, (pk, _cid) in items.items():
        comment = request.POST.get(f"comment-{code}", "").strip()
        points = request.POST.get(f"points-{code}", "")
        if comment or points:
            inputs.append((pk, comment, int(points) if points.isdigit() else None))
    with transaction.atomic():
        submission = Submission.objects.create(
            consultation_id=consultation_id,
            idempotency_key=request.POST.get("idempotency_key", "")[:100],
            gender=request.POST.get("gender", "")[:10],
            age_band=request.POST.get("age_band", "")[:10],
            consent=bool(request.POST.get("consent")),
        )
        ItemInput.objects.bulk_create(
            ItemInput(submission=submission, item_id=pk, comment=comment, points=points,
                      comment_state=ItemInput.State.PENDING if comment else ItemInput.State.NONE)
            for pk, comment, points in inputs
        )  # fmt: skip
    return JsonResponse({"receipt": submission.receipt}, status=201)
