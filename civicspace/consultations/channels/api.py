"""The API channel: `POST /api/v1/consultations/{slug}/submissions/` (the endpoint is api/views.py). The
JSON body is checked here for shape only (types, lengths) and, with the optional `Idempotency-Key`
header, turned into the intake's `SubmissionData` (`read`); intake.validate decides the rest, with the
same messages as every other channel."""

from rest_framework import serializers
from rest_framework.request import Request

from ..intake import MAX_COMMENT, WG_DOMAINS, Answer, SubmissionData

MAX_ANSWERS = 500


class AnswerSerializer(serializers.Serializer):
    item_code = serializers.CharField(max_length=40)
    comment = serializers.CharField(max_length=MAX_COMMENT, required=False, allow_blank=True, default="",
                                    trim_whitespace=False)  # fmt: skip
    rank = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=-(2**31),
                                    max_value=2**31)  # fmt: skip
    points = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=-(2**31),
                                      max_value=2**31)  # fmt: skip


class SubmissionInputSerializer(serializers.Serializer):
    """One person's input. Everything but the answers is optional; `disability` maps Washington Group
    domains (seeing, hearing, walking, cognition, selfcare, communication) to none, some, a_lot or
    cannot; `place_code` is the NCDD code of a province, district or commune; `consent` must be true
    when the consultation has a consent text."""

    # DRF 3.14+ hands max_length on to the ListSerializer; the stubs do not know it.
    answers = AnswerSerializer(many=True, max_length=MAX_ANSWERS)  # type: ignore[call-arg]
    gender = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    age_band = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    disability = serializers.DictField(
        child=serializers.CharField(max_length=10, allow_blank=True), required=False, default=dict
    )
    place_code = serializers.CharField(max_length=8, required=False, allow_blank=True, default="")
    consent = serializers.BooleanField(required=False, default=False)

    def validate_disability(self, value: dict[str, str]) -> dict[str, str]:
        if len(value) > len(WG_DOMAINS):
            raise serializers.ValidationError("At most one answer per Washington Group domain.")
        return value


def read(request: Request) -> SubmissionData:
    """The submission a request carries: its body (DRF's ValidationError if its shape is wrong) and its
    `Idempotency-Key` header."""
    key = request.headers.get("Idempotency-Key", "").strip()
    serializer = SubmissionInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    payload = serializer.validated_data
    return SubmissionData(
        answers=[Answer(**answer) for answer in payload["answers"]],
        gender=payload["gender"], age_band=payload["age_band"], disability=dict(payload["disability"]),
        place_code=payload["place_code"], consent=payload["consent"], idempotency_key=key,
    )  # fmt: skip
