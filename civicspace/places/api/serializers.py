from rest_framework import serializers

from ..models import AdminUnit


class AdminUnitSerializer(serializers.ModelSerializer):
    parent: "serializers.SlugRelatedField[AdminUnit]" = serializers.SlugRelatedField(  # type: ignore[assignment]  # DRF declares fields on the class
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = AdminUnit
        fields = ["code", "level", "unit_type", "name_en", "name_km", "parent", "is_active", "release"]
        read_only_fields = fields


class AdminUnitDetailSerializer(AdminUnitSerializer):
    children = serializers.SerializerMethodField()

    class Meta(AdminUnitSerializer.Meta):
        fields = [*AdminUnitSerializer.Meta.fields, "reference_km", "children"]
        read_only_fields = fields

    def get_children(self, obj: AdminUnit) -> list[str]:
        """The codes of the units directly under this one (retired ones included)."""
        return [child.code for child in obj.children.all()]
