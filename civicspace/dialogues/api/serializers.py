from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicspace.organisations.models import Organisation, Sector

from ..asks import AskSummary, meeting_asks
from ..models import CoChair, DialogueCycle, Meeting, OutcomeVersion, Participant, SectorSession
from ..selectors import CarriedStep


class AskBriefSerializer(serializers.Serializer):
    """An ask of a session (read-only here; the tracker's API at /api/v1/asks/ has the whole record)."""

    id = serializers.IntegerField(source="pk", read_only=True)
    text_en = serializers.CharField(read_only=True)
    text_km = serializers.CharField(read_only=True)
    priority = serializers.ChoiceField(choices=[], read_only=True)
    status = serializers.ChoiceField(choices=[], read_only=True)
    addressees = serializers.SerializerMethodField(help_text="The organisations' codes (slugs).")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asks = meeting_asks()
        choices = {"priority": asks.priority_choices(), "status": asks.status_choices()}
        for name, values in choices.items():
            field = self.fields[name]
            assert isinstance(field, serializers.ChoiceField)
            field.choices = values

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_addressees(self, ask: AskSummary) -> list[str]:
        return [organisation.slug for organisation in ask.addressees]


class SessionSerializer(serializers.ModelSerializer):
    """A sector session of a meeting, with the asks raised in it."""

    # The view may put its sessions' asks in the context (`asks_by_session`, from `dialogues.asks`) to
    # read them in one query; otherwise each session reads its own.

    sector = serializers.SlugRelatedField(
        slug_field="slug", queryset=Sector.objects.all(), allow_null=True, required=False
    )
    asks = serializers.SerializerMethodField()

    class Meta:
        model = SectorSession
        fields = ["order", "sector", "title_en", "title_km", "moderator", "concerns_en", "concerns_km",
                  "notes_en", "notes_km", "is_review", "asks"]  # fmt: skip
        read_only_fields = ["order", "is_review", "asks"]

    @extend_schema_field(AskBriefSerializer(many=True))
    def get_asks(self, session: SectorSession) -> Any:
        by_session: dict[int, list[AskSummary]] | None = self.context.get("asks_by_session")
        if by_session is None:
            by_session = meeting_asks().by_session([session.pk])
        return AskBriefSerializer(by_session.get(session.pk, []), many=True).data


def may_see_private(serializer: serializers.BaseSerializer, meeting: Meeting) -> bool:
    """`dialogues.view_meeting_private`: the meeting's link and the names and gender of the people who take
    part are shown only to those who may see them on the pages (the pages that edit the meeting)."""
    request = serializer.context.get("request")
    return bool(request is not None and request.user.has_perm("dialogues.view_meeting_private", meeting))


class ParticipantSerializer(serializers.ModelSerializer):
    """A participant: an organisation, or a person. Only those who run the meeting see a person's name and
    gender; everyone else gets an empty name and the gender "undisclosed"."""

    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Participant
        fields = ["id", "organisation", "name", "gender", "status"]

    def to_representation(self, instance: Participant) -> dict[str, Any]:
        data = dict(super().to_representation(instance))
        if not may_see_private(self, instance.meeting):
            data.update(name="", gender=Participant.Gender.UNDISCLOSED.value)
        return data


class CoChairSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    organisation: "serializers.SlugRelatedField[Organisation]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = CoChair
        fields = ["name", "organisation", "side"]


class OutcomeVersionSerializer(serializers.ModelSerializer):
    links = serializers.SerializerMethodField()

    class Meta:
        model = OutcomeVersion
        fields = ["number", "status", "sha256", "created_at", "adopted_at", "links", "content"]

    def get_links(self, obj: OutcomeVersion) -> dict[str, str]:
        request = self.context.get("request")
        kwargs = {"slug": obj.meeting.slug, "number": obj.number}

        def url(name: str, **extra: str) -> str:
            path = reverse(name, kwargs={**kwargs, **extra})
            return request.build_absolute_uri(path) if request else path

        return {
            "html": url("dialogues:outcome-version"),
            "pdf": url("dialogues:outcome-download", fmt="pdf"),
            "docx": url("dialogues:outcome-download", fmt="docx"),
        }


class MeetingSerializer(serializers.ModelSerializer):
    cycle: "serializers.SlugRelatedField[DialogueCycle]" = serializers.SlugRelatedField(
        slug_field="slug", queryset=DialogueCycle.objects.all(), allow_null=True, required=False,
        help_text="The short name (slug) of the dialogue cycle the meeting belongs to; it must be open.",
        error_messages={"does_not_exist": _("No dialogue cycle has the short name “{value}”.")},
    )  # fmt: skip
    conveners = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Organisation.objects.all(), required=False
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["slug", "cycle", "title_en", "title_km", "starts_at", "ends_at", "mode", "venue_en", "venue_km",
                  "link", "status", "conveners", "response_days", "summary_en", "summary_km", "url",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["slug", "status", "created_at", "updated_at"]

    def to_representation(self, instance: Meeting) -> dict[str, Any]:
        data = dict(super().to_representation(instance))
        if not may_see_private(self, instance):
            data["link"] = ""  # it may carry the meeting's password
        return data

    def get_url(self, obj: Meeting) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(obj.get_absolute_url()) if request else obj.get_absolute_url()


class MeetingDetailSerializer(MeetingSerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    co_chairs = CoChairSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "co_chairs", "sessions", "participants"]


class CarriedAskSerializer(serializers.Serializer):
    """An ask raised again in a meeting of the cycle, and the earlier ask it carries forward."""

    ask = AskBriefSerializer(read_only=True)
    meeting = serializers.SlugField(read_only=True, help_text="The meeting where it was raised again.")
    earlier = AskBriefSerializer(read_only=True)
    earlier_meeting = serializers.SlugField(
        read_only=True, allow_null=True, help_text="The meeting of the earlier ask (null: not at a meeting)."
    )


class CycleSerializer(serializers.ModelSerializer):
    """A dialogue cycle: a recurring dialogue (e.g. the annual CSO–UN dialogue) and its meetings."""

    slug = serializers.SlugField(
        max_length=80, required=False, allow_blank=True,
        help_text="Chosen when the cycle is created (by default made from the English title); it never changes.",
    )  # fmt: skip
    is_open = serializers.BooleanField(read_only=True, help_text="A closed cycle accepts no new meetings.")
    meetings: "serializers.SlugRelatedField[Meeting]" = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = DialogueCycle
        fields = ["slug", "title_en", "title_km", "description_en", "description_km", "is_open", "closed_at",
                  "meetings", "url", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["closed_at", "created_at", "updated_at"]

    def validate_slug(self, value: str) -> str:
        if self.instance is not None and value != self.instance.slug:
            raise serializers.ValidationError(
                _("The short name of a cycle cannot change: links to it would break.")
            )
        return value

    def get_url(self, obj: DialogueCycle) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(obj.get_absolute_url()) if request else obj.get_absolute_url()


class CycleDetailSerializer(CycleSerializer):
    carried_asks = serializers.SerializerMethodField(
        help_text="The asks raised again in a later meeting of the cycle, oldest meeting first."
    )

    class Meta(CycleSerializer.Meta):
        fields = [*CycleSerializer.Meta.fields, "carried_asks"]

    @extend_schema_field(CarriedAskSerializer(many=True))
    def get_carried_asks(self, cycle: DialogueCycle) -> Any:
        steps: list[CarriedStep] = self.context.get("carried") or []
        rows = [
            {"ask": c.ask, "meeting": step.meeting.slug, "earlier": c.earlier,
             "earlier_meeting": step.earlier.slug if step.earlier else None}
            for step in steps for c in step.asks
        ]  # fmt: skip
        return CarriedAskSerializer(rows, many=True).data
