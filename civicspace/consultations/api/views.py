"""The consultations API: `/api/v1/consultations/` (read) and, per consultation, `submissions/`, where
anyone sends input without an account, like on the web form, with an optional `Idempotency-Key` (the
body is read by the API channel, channels/api.py; the intake checks and stores it)."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from civicspace.accounts.api import SECOND_FACTOR

from .. import intake, selectors
from ..channels import api as api_channel
from ..models import BudgetItem, Consultation, Submission
from .serializers import ConsultationDetailSerializer, ConsultationSerializer, ReceiptSerializer


class ConsultationViewSet(viewsets.ReadOnlyModelViewSet):
    """Budget consultations: published ones for everyone, drafts for those who run them. One
    consultation comes with its budget items (and, in the response phase, the authority's response)."""

    lookup_field = "slug"
    # The fixed routes beside it (`consultations/sms/`) come first in api/urls.py, and
    # services.RESERVED_SLUGS keeps their names from being used as slugs.
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Consultation]:
        if getattr(self, "swagger_fake_view", False):
            return Consultation.objects.none()
        qs = selectors.consultation_list(viewer=self.request.user)
        if self.action == "retrieve":
            items = BudgetItem.objects.order_by("order", "code").select_related("response")
            qs = qs.prefetch_related(Prefetch("items", queryset=items), "organisers")
        return qs

    def get_serializer_class(self) -> Any:
        return ConsultationDetailSerializer if self.action == "retrieve" else ConsultationSerializer


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflict."
    default_code = "conflict"


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optional, recommended: a unique value chosen by the client for this submission (a UUID; at most "
        "100 printable ASCII characters). A retry with the same key and the same content returns the "
        "first submission with HTTP 200 and the header `Idempotent-Replayed: true`; the same key with "
        "other content is refused with 409."
    ),
)


class SubmissionCreateView(APIView):
    """Send one person's input on a consultation that is open. No account is needed."""

    permission_classes = SECOND_FACTOR  # and nothing else: no account is needed
    # The per-client limit is the intake's (intake/limits.py: per consultation, keyed by the client
    # fingerprint), the same as the web form's; the API-wide per-address throttle would stop a whole
    # shared network.
    throttle_classes: list[Any] = []

    @extend_schema(
        operation_id="consultation_submissions_create",
        request=api_channel.SubmissionInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: ReceiptSerializer,
            200: OpenApiResponse(ReceiptSerializer, description="A replay: the key was seen before."),
            400: OpenApiResponse(description="Invalid input (error format with `fields`)."),
            404: OpenApiResponse(description="No such consultation."),
            409: OpenApiResponse(description="Key reused for other content, or the same input just sent."),
            429: OpenApiResponse(description="Too many submissions from this client; see Retry-After."),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        try:
            consultation = selectors.consultation_for_submission(viewer=request.user, slug=slug)
        except Consultation.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        data = api_channel.read(request)
        client = intake.client_fingerprint(request)
        try:
            intake.admit(consultation, client, key=data.idempotency_key)
        except intake.RateLimited as exc:
            raise exceptions.Throttled(wait=exc.retry_after) from exc
        try:
            submission, created = intake.submission_create(
                consultation=consultation,
                data=data,
                channel=Submission.Channel.API,
                client_hash=client,
                items={item.code: item for item in consultation.items.all()},
            )
        except intake.IdempotencyConflict as exc:
            raise Conflict(exc.messages[0], code="idempotency_conflict") from exc
        except intake.DuplicateSubmission as exc:
            raise Conflict(exc.messages[0], code="duplicate") from exc
        body = ReceiptSerializer(submission).data
        if created:
            return Response(body, status=status.HTTP_201_CREATED)
        return Response(body, status=status.HTTP_200_OK, headers={"Idempotent-Replayed": "true"})
