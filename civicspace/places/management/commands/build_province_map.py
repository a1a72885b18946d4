"""`manage.py build_province_map [GEOJSON] [--tolerance T] [--output PATH]`: the simplified province map.

Reads the geoBoundaries ADM1 polygons (ODbL, © OpenStreetMap contributors), projects them to a plate
carrée scaled by cos(latitude) at the country's centre, and simplifies the *shared borders* once each
(Douglas–Peucker on every arc between two junctions, then the faces are rebuilt from the arcs), so
neighbouring provinces still meet exactly with no gaps or overlaps. Writes a small JSON file: the
viewBox and, per NCDD province code (shapeISO KH-N = code N), the SVG path `d`. Needs shapely (a
dev dependency); the site only reads the JSON it produced, which is committed."""

import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

DEFAULT_SOURCE = Path("/work/shared/data/boundaries/geoBoundaries-KHM-ADM1.geojson")
DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "data" / "provinces.json"
WIDTH = 600.0  # viewBox width; the height follows from the projection
ATTRIBUTION = (
    "Administrative boundaries courtesy of geoBoundaries.org (Runfola et al. 2020, PLoS ONE 15(4): e0231866), "
    "© OpenStreetMap contributors, ODbL 1.0"
)


class Command(BaseCommand):
    help = "Build civicspace/places/data/provinces.json (simplified SVG paths of the 25 provinces)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source", nargs="?", default=str(DEFAULT_SOURCE), help="geoBoundaries ADM1 GeoJSON"
        )
        parser.add_argument(
            "--tolerance", type=float, default=0.8, help="Douglas–Peucker tolerance (viewBox units)"
        )
        parser.add_argument(
            "--min-area", type=float, default=6.0, help="drop islands smaller than this (units²)"
        )
        parser.add_argument("--output", default=str(DEFAULT_OUTPUT))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            import shapely
            from shapely.geometry import MultiPolygon, Polygon, shape
            from shapely.ops import linemerge, polygonize, unary_union
        except ImportError as exc:  # pragma: no cover - dev dependency
            raise CommandError("build_province_map needs shapely: pip install -e '.[dev]'") from exc
        source = Path(options["source"])
        if not source.exists():
            raise CommandError(f"{source} does not exist")
        features = json.loads(source.read_text(encoding="utf-8"))["features"]
        shapes: dict[str, Any] = {}
        for feature in features:
            iso = feature["properties"]["shapeISO"]  # KH-N, N = the NCDD province code
            shapes[f"{int(iso.split('-')[1]):02d}"] = shape(feature["geometry"]).buffer(0)
        if len(shapes) != 25:
            raise CommandError(f"expected 25 provinces, found {len(shapes)}")

        minx, miny, maxx, maxy = unary_union(list(shapes.values())).bounds
        k = math.cos(math.radians((miny + maxy) / 2))
        scale = WIDTH / ((maxx - minx) * k)
        height = (maxy - miny) * scale

        def project(geom: Any) -> Any:
            return shapely.transform(
                geom, lambda xy: [[(x - minx) * k * scale, (maxy - y) * scale] for x, y in xy]
            )

        projected = {code: project(geom) for code, geom in shapes.items()}
        # every border once, cut at the junctions where three provinces (or the coast) meet
        arcs = linemerge(unary_union([g.boundary for g in projected.values()]))
        arcs = getattr(arcs, "geoms", [arcs])
        simplified = [a.simplify(options["tolerance"], preserve_topology=False) for a in arcs]
        faces = list(polygonize(unary_union(simplified)))
        parts: dict[str, list[Any]] = {code: [] for code in projected}
        for face in faces:
            if face.area < options["min_area"]:
                continue
            point = face.representative_point()
            owner = max(
                projected,
                key=lambda c: projected[c].intersection(face).area if projected[c].distance(point) < 5 else 0,
            )
            if projected[owner].intersection(face).area > face.area / 2:
                parts[owner].append(face)
        paths: dict[str, str] = {}
        for code, polys in sorted(parts.items()):
            if not polys:
                raise CommandError(f"province {code} vanished: lower --tolerance or --min-area")
            merged = unary_union(polys)
            geoms = merged.geoms if isinstance(merged, MultiPolygon) else [merged]
            paths[code] = "".join(
                _ring(r) for p in geoms if isinstance(p, Polygon) for r in [p.exterior, *p.interiors]
            )
        data = {
            "viewBox": f"0 0 {WIDTH:.0f} {math.ceil(height)}",
            "source": "geoBoundaries gbOpen KHM ADM1 (OpenStreetMap / Wambacher, 2017; build 2021-04-07)",
            "licence": "ODbL-1.0",
            "attribution": ATTRIBUTION,
            "built_with": f"manage.py build_province_map --tolerance {options['tolerance']} --min-area {options['min_area']}",
            "provinces": paths,
        }
        output = Path(options["output"])
        output.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        points = sum(d.count(" ") + 1 for d in paths.values())
        self.stdout.write(
            f"Wrote {output} ({output.stat().st_size:,} bytes, 25 provinces, about {points:,} points)."
        )


def _ring(ring: Any) -> str:
    """One closed ring as SVG path data: an absolute move, then relative moves in whole units."""
    coords = [(round(x), round(y)) for x, y in ring.coords[:-1]]
    out, prev = [f"M{coords[0][0]} {coords[0][1]}l"], coords[0]
    steps = []
    for x, y in coords[1:]:
        dx, dy = x - prev[0], y - prev[1]
        if dx or dy:
            steps.append(f"{dx} {dy}".replace(" -", "-"))
            prev = (x, y)
    return out[0] + " ".join(steps).replace(" -", "-") + "z" if steps else ""
