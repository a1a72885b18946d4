from rest_framework import serializers

from ..models import Organisation, Sector


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["slug", "name_en", "name_km"]


class OrganisationSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Sector.objects.all(), required=False
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "slug", "kind", "name_en", "name_km", "acronym_en", "acronym_km",
            "description_en", "description_km", "website", "email", "sectors", "url",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["slug", "created_at", "updated_at"]

    def get_url(self, obj: Organisation) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url
