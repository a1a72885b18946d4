"""GET /api/v1/consultations/{slug}/results/: the same suppressed results as the results page."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from civicspace.consultations.models import Consultation
from civicspace.consultations.results.open_data import results_data
from civicspace.consultations.results.presentation import area_unit, results_for
from civicspace.consultations.selectors import consultation_visible
from civicspace.places.models import AdminUnit


class GroupsCount(serializers.Serializer):
    all = serializers.IntegerField(allow_null=True)
    women = serializers.IntegerField(allow_null=True)
    disability = serializers.IntegerField(allow_null=True)
    youth = serializers.IntegerField(allow_null=True)


class Shares(serializers.Serializer):
    women = serializers.FloatField(allow_null=True)
    disability = serializers.FloatField(allow_null=True)
    youth = serializers.FloatField(allow_null=True)


class ItemFiguresSerializer(serializers.Serializer):
    people = serializers.IntegerField(allow_null=True)
    comments = serializers.IntegerField(
        allow_null=True, help_text="Comments received (any moderation state)."
    )
    average_points = serializers.FloatField(allow_null=True)
    average_rank = serializers.FloatField(allow_null=True, help_text="1 is the most important.")
    first_choice = serializers.IntegerField(allow_null=True, help_text="People who ranked it first.")


class ItemGroups(serializers.Serializer):
    women = ItemFiguresSerializer()
    disability = ItemFiguresSerializer()
    youth = ItemFiguresSerializer()


class ItemResultSerializer(ItemFiguresSerializer):
    code = serializers.CharField()
    title_en = serializers.CharField()
    title_km = serializers.CharField()
    position = serializers.IntegerField(allow_null=True, help_text="Priority by average rank.")
    groups = ItemGroups()
    response_en = serializers.CharField(allow_null=True, help_text="In the response phase.")
    response_km = serializers.CharField(allow_null=True)


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    participants = GroupsCount()


class ResultsSerializer(serializers.Serializer):
    consultation = serializers.CharField()
    area = serializers.CharField(help_text="NCDD code of the area; empty for everyone.")
    area_name = serializers.CharField()
    suppression = serializers.CharField()
    licence = serializers.CharField()
    participants = GroupsCount()
    shares_percent = Shares()
    items = ItemResultSerializer(many=True)
    areas = AreaSerializer(many=True, help_text="The areas within this one (provinces for everyone).")
    untallied = serializers.IntegerField(help_text="Submissions counted live, not yet in the tallies.")


class ConsultationResultsView(APIView):
    """The results of a consultation for everyone or one area (`?area=` a province, district or
    commune code). Figures resting on fewer than 5 people are null. Public once the results are
    published; before, only for those who manage the consultation."""

    @extend_schema(
        operation_id="consultation_results",
        parameters=[
            OpenApiParameter("area", str, description="NCDD code of a province, district or commune")
        ],
        responses=ResultsSerializer,
    )
    def get(self, request: Request, slug: str) -> Response:
        try:
            consultation = consultation_visible(viewer=request.user).get(slug=slug)
        except Consultation.DoesNotExist as exc:
            raise Http404 from exc
        if not request.user.has_perm("consultations.view_results", consultation):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied
        area = str(request.query_params.get("area", "")).strip()
        try:
            area_unit(area)
        except AdminUnit.DoesNotExist as exc:
            raise Http404 from exc
        data: dict[str, Any] = results_data(results_for(consultation, area=area))
        return Response(data)
