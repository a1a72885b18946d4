"""Tracker API representations. Writes are validated here for shape only; the services decide."""

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicspace.dialogues.models import Meeting
from civicspace.organisations.models import Organisation, Sector

from .. import selectors
from ..models import Ask, Assessment, Commitment, Evidence, ProgressUpdate, Response, Theme


def _absolute(context: Mapping[str, Any], path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class ResponseSerializer(serializers.ModelSerializer):
    """An addressee's answer. `addressee` is the organisation's slug; it must be an addressee of the ask."""

    addressee = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())

    class Meta:
        model = Response
        fields = ["id", "addressee", "position", "explanation_en", "explanation_km", "responded_on",
                  "created_at"]  # fmt: skip
        read_only_fields = ["id", "created_at"]


class CommitmentSerializer(serializers.ModelSerializer):
    organisation: "serializers.SlugRelatedField[Organisation]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Commitment
        fields = ["id", "description_en", "description_km", "organisation", "person", "due_on", "indicator",
                  "status", "committed_on", "created_at"]  # fmt: skip
        read_only_fields = fields


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200, "nullable": True})
class LinkField(serializers.URLField):
    """A link, or null for none (never "", which is not a `uri`). A null link is stored as none."""

    def to_internal_value(self, data: Any) -> str:
        return "" if data is None else super().to_internal_value(data)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]  # null for no link
        return value or None


class EvidenceSerializer(serializers.ModelSerializer):
    """Evidence given as a link (`url`). Files are uploaded on the web page; here `file` is the address of
    a download that checks who may see the evidence (null for a link), never a `/media/` address."""

    url = LinkField(max_length=200, required=False, allow_null=True)
    file = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "title", "url", "file", "content_type", "size", "is_public", "created_at"]
        read_only_fields = ["id", "file", "content_type", "size", "created_at"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file(self, obj: Evidence) -> str | None:
        if not obj.file:
            return None
        return _absolute(self.context, reverse("api:evidence-file", kwargs={"pk": obj.pk}))


class ProgressSerializer(serializers.ModelSerializer):
    """A progress report: status, progress % (the status's default when left out), a note and evidence
    links. `organisation` is the addressee reporting (a slug); it defaults to the caller's own."""

    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    commitment = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(), required=False, allow_null=True
    )
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True)
    evidence = EvidenceSerializer(many=True, required=False)

    class Meta:
        model = ProgressUpdate
        fields = ["id", "status", "progress", "note_en", "note_km", "organisation", "commitment", "evidence",
                  "reported_on", "created_at"]  # fmt: skip
        read_only_fields = ["id", "created_at"]


class AssessmentSerializer(serializers.ModelSerializer):
    organisation: "serializers.SlugRelatedField[Organisation]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Assessment
        fields = ["id", "organisation", "status", "note_en", "note_km", "assessed_on", "created_at"]
        read_only_fields = fields


class AskSerializer(serializers.ModelSerializer):
    """An ask as listed. Organisations, sectors, meetings and themes are given by their slugs."""

    sector = serializers.SlugRelatedField(
        slug_field="slug", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    meeting = serializers.SlugRelatedField(
        slug_field="slug", queryset=Meeting.objects.all(), required=False, allow_null=True
    )
    raised_by = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Organisation.objects.all(), required=False
    )
    addressees = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Organisation.objects.all(), required=False
    )
    themes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Theme.objects.all(), required=False
    )
    response_count = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Ask
        fields = ["id", "text_en", "text_km", "sector", "source_kind", "meeting", "source_title", "source_date",
                  "raised_by", "addressees", "themes", "level", "place", "priority", "status", "progress",
                  "response_count", "url", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["id", "progress", "created_at", "updated_at"]

    def get_response_count(self, obj: Ask) -> int:
        """How many addressees have answered."""
        return obj.response_count

    def get_url(self, obj: Ask) -> str:
        return _absolute(self.context, obj.get_absolute_url())


class AskDetailSerializer(AskSerializer):
    """One ask with its history: each addressee's current response, every response, commitments,
    progress reports (restricted evidence only for those allowed to see it) and CSO assessments."""

    latest_responses = serializers.SerializerMethodField()
    responses = ResponseSerializer(many=True, read_only=True)
    commitments = CommitmentSerializer(many=True, read_only=True)
    progress_updates = ProgressSerializer(many=True, read_only=True)
    assessments = AssessmentSerializer(many=True, read_only=True)

    class Meta(AskSerializer.Meta):
        fields = [*AskSerializer.Meta.fields, "merged_into", "merged_at", "latest_responses", "responses",
                  "commitments", "progress_updates", "assessments"]  # fmt: skip
        read_only_fields = [*AskSerializer.Meta.read_only_fields, "merged_into", "merged_at"]

    @extend_schema_field(ResponseSerializer(many=True))
    def get_latest_responses(self, obj: Ask) -> list[dict[str, Any]]:
        return list(ResponseSerializer(selectors.latest_responses(obj), many=True, context=self.context).data)
