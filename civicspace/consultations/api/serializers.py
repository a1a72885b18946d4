"""Consultations API representations. Submissions are checked here for shape only (types, lengths);
intake.validate decides the rest, with the same messages as every other channel."""

from typing import Any

from rest_framework import serializers

from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit

from ..intake import MAX_COMMENT, WG_DOMAINS
from ..models import BudgetItem, Consultation, ItemResponse, Submission

MAX_ANSWERS = 500


class ItemResponseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemResponse
        fields = ["text_en", "text_km", "updated_at"]
        read_only_fields = fields


class BudgetItemSerializer(serializers.ModelSerializer):
    amount_khr = serializers.IntegerField(read_only=True, help_text="The amount in whole riel (KHR).")
    response = serializers.SerializerMethodField(help_text="The authority's response, once published.")

    class Meta:
        model = BudgetItem
        fields = ["code", "title_en", "title_km", "amount_khr", "explanation_en", "explanation_km", "order",
                  "response"]  # fmt: skip
        read_only_fields = fields

    def get_response(self, item: BudgetItem) -> dict[str, Any] | None:
        if item.consultation.phase != Consultation.Phase.RESPONSE:
            return None
        response = getattr(item, "response", None)
        return ItemResponseSerializer(response).data if response is not None else None


class ConsultationSerializer(serializers.ModelSerializer):
    unit: "serializers.SlugRelatedField[AdminUnit]" = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="NCDD code, or null."
    )
    authority: "serializers.SlugRelatedField[Organisation]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    phase = serializers.CharField(
        read_only=True, help_text="draft, information, open, closed, results or response"
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "slug", "url", "title_en", "title_km", "summary_en", "summary_km", "fiscal_year", "level", "unit",
            "authority", "asks_comments", "asks_ranking", "asks_points", "points_total", "state", "phase",
            "opens_at", "closes_at", "published_at", "results_published_at", "response_published_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_url(self, consultation: Consultation) -> str:
        request = self.context.get("request")
        path = consultation.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ConsultationDetailSerializer(ConsultationSerializer):
    organisers: "serializers.SlugRelatedField[Organisation]" = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    items = BudgetItemSerializer(many=True, read_only=True)

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "consent_en", "consent_km", "organisers", "items"]
        read_only_fields = fields


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


class ReceiptSerializer(serializers.ModelSerializer):
    consultation: "serializers.SlugRelatedField[Consultation]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Submission
        fields = ["receipt", "consultation", "channel", "created_at"]
        read_only_fields = fields
