"""API endpoints of the channels beyond the web form: the SMS/chat gateway webhook (signed, no session;
gateway.py) and the offline page's sync endpoint (the facilitator's session and CSRF token; capture.py)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from civicspace.accounts.api import SECOND_FACTOR

from .. import capture, gateway, intake
from ..channels import sms
from ..models import Consultation
from ..rules import CAPTURE

ERROR = OpenApiResponse(description="`{error: {status, code, detail, fields}}`")
REPLY = inline_serializer(
    "SmsReply",
    {
        "status": serializers.ChoiceField(choices=["accepted", "rejected"]),
        "receipt": serializers.CharField(),
        "duplicate": serializers.BooleanField(),
        "reply": serializers.DictField(child=serializers.CharField()),
        "reply_text": serializers.CharField(),
    },
)


class SmsWebhookView(APIView):
    """An inbound SMS or chat message from the gateway (docs/sms-gateway.md). Authenticated by its
    HMAC-SHA256 signature, not by a session or token; throttled per sender inside."""

    authentication_classes: list[Any] = []
    permission_classes = SECOND_FACTOR  # no user: the signature authenticates the gateway
    throttle_classes: list[Any] = []

    @extend_schema(
        operation_id="consultation_sms_inbound",
        request=inline_serializer(
            "SmsInbound",
            {
                "message_id": serializers.CharField(max_length=200),
                "from": serializers.CharField(max_length=40),
                "text": serializers.CharField(),
                "received_at": serializers.DateTimeField(required=False),
            },
        ),
        parameters=[
            OpenApiParameter(
                "X-Civicspace-Timestamp",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description="Unix time in seconds; within 5 minutes of the server's clock.",
            ),
            OpenApiParameter(
                "X-Civicspace-Signature",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description='"sha256=" + hex HMAC-SHA256(SMS_WEBHOOK_SECRET, timestamp + "." + raw body).',
            ),
        ],
        responses={200: REPLY, 400: ERROR, 401: ERROR, 413: ERROR, 503: ERROR},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = request.body  # the raw bytes, before any parsing: the signature covers exactly these
        now = timezone.now()
        try:
            gateway.verify(
                body=body,
                timestamp=request.META.get(gateway.TIMESTAMP_HEADER, ""),
                signature=request.META.get(gateway.SIGNATURE_HEADER, ""),
                now=now,
            )
            inbound = sms.read_body(body, now)
        except sms.Refused as exc:
            return Response(
                {"error": {"status": exc.status, "code": exc.code, "detail": exc.detail, "fields": {}}},
                status=exc.status,
            )
        return Response(gateway.handle(inbound, now=now))


class CanCapture(permissions.BasePermission):
    """The facilitator may capture input for others (rules.CAPTURE)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user.has_perm(CAPTURE))


class OfflineSyncView(APIView):
    """Submissions captured offline by a facilitator, one per request, with the key made at capture.
    GET: a fresh CSRF token (and whether the session is still valid). POST: 201 stored, 200 stored
    before (a retry), 400 invalid (errors by field), 409 the key was used for other content."""

    permission_classes = [*SECOND_FACTOR, permissions.IsAuthenticated, CanCapture]

    def _consultation(self, slug: str) -> Consultation:
        return get_object_or_404(Consultation.objects.exclude(state=Consultation.State.DRAFT), slug=slug)

    @extend_schema(
        operation_id="consultation_offline_session",
        responses={200: inline_serializer("OfflineSession", {"csrf_token": serializers.CharField(),
                                                             "consultation": serializers.CharField()}),
                   401: ERROR, 403: ERROR, 404: ERROR},
    )  # fmt: skip
    def get(self, request: Request, slug: str) -> Response:
        consultation = self._consultation(slug)
        return Response({"csrf_token": get_token(request._request), "consultation": consultation.slug})

    @extend_schema(
        operation_id="consultation_offline_sync",
        request=inline_serializer(
            "OfflineCapture",
            {
                "idempotency_key": serializers.CharField(max_length=64),
                "captured_at": serializers.CharField(),
                "fields": serializers.DictField(child=serializers.CharField(allow_blank=True)),
            },
        ),
        responses={
            200: inline_serializer(
                "OfflineStored",
                {
                    "receipt": serializers.CharField(),
                    "idempotency_key": serializers.CharField(),
                    "created": serializers.BooleanField(),
                },
            ),
            201: OpenApiResponse(description="Stored now (same body as 200)."),
            400: ERROR,
            401: ERROR,
            403: ERROR,
            404: ERROR,
            409: ERROR,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        consultation = self._consultation(slug)
        payload = request.data if isinstance(request.data, dict) else {}
        fields = payload.get("fields")
        if not isinstance(fields, dict):
            raise exceptions.ValidationError({"fields": ["An object of field names and values is required."]})
        try:
            submission, created = capture.offline_submit(
                consultation=consultation, key=payload.get("idempotency_key"),
                captured_at=payload.get("captured_at", ""), fields=fields, actor=request.user,
            )  # fmt: skip
        except intake.IdempotencyConflict as exc:
            return Response(
                {
                    "error": {
                        "status": 409,
                        "code": "idempotency_conflict",
                        "detail": exc.messages[0],
                        "fields": {},
                    }
                },
                status=409,
            )
        except ValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict) from exc
        body = {
            "receipt": submission.receipt,
            "idempotency_key": submission.idempotency_key,
            "created": created,
        }
        return Response(body, status=201 if created else 200)
