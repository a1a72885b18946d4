"""Consultations API representations. What a client sends as a submission is read by the API channel
(channels/api.py)."""

from typing import Any

from rest_framework import serializers

from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit

from ..models import BudgetItem, Consultation, ItemResponse, Submission


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
        slug_field="code", read_only=True, allow_null=True, help_text="NCDD code, or null."
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


class ReceiptSerializer(serializers.ModelSerializer):
    consultation: "serializers.SlugRelatedField[Consultation]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Submission
        fields = ["receipt", "consultation", "channel", "created_at"]
        read_only_fields = fields
