"""Make the offline base map (content/assets/vendor/basemap.json) from world-atlas' TopoJSON.

    python tools/basemap.py node_modules/world-atlas > content/assets/vendor/basemap.json

world-atlas (ISC) packages Natural Earth's country borders (public domain). The map draws them
when OpenStreetMap's tiles are not loaded (offline, or before the reader asks for them): the
1:50m borders around the region the corpus is about, the 1:110m ones elsewhere; coordinates
rounded to 0.01° (about a kilometre), which is finer than a screen shows at those scales.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REGION = (25.0, 12.0, 63.0, 42.0)  # west, south, east, north: the Levant, Iraq, Turkey, Egypt, the Gulf, Iran


def decode(topo: dict) -> list[dict]:
    """TopoJSON countries to GeoJSON features (quantized arcs, delta-encoded)."""
    kx, ky = topo["transform"]["scale"]
    dx, dy = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for a, b in arc:
            x, y = x + a, y + b
            points.append((round(x * kx + dx, 2), round(y * ky + dy, 2)))
        arcs.append(points)

    def ring(indexes: list[int]) -> list:
        out: list = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        dedup = [p for k, p in enumerate(out) if k == 0 or p != out[k - 1]]
        return [list(p) for p in dedup]

    features = []
    for geo in topo["objects"]["countries"]["geometries"]:
        if geo["type"] == "Polygon":
            polys = [[ring(r) for r in geo["arcs"]]]
        elif geo["type"] == "MultiPolygon":
            polys = [[ring(r) for r in p] for p in geo["arcs"]]
        else:
            continue
        polys = [[r for r in p if len(r) >= 4] for p in polys]
        polys = [p for p in polys if p]
        if polys:
            features.append({"type": "Feature", "properties": {},
                             "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    return features


def inside(feature: dict) -> bool:
    """Whether the middle of the largest polygon lies in REGION (Russia's Caucasus does not make Russia fine)."""
    w, s, e, n = REGION
    outer = max((p[0] for p in feature["geometry"]["coordinates"]), key=len)
    xs, ys = [x for x, _ in outer], [y for _, y in outer]
    x, y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return w <= x <= e and s <= y <= n


def main() -> None:
    atlas = Path(sys.argv[1])
    fine = [f for f in decode(json.loads((atlas / "countries-50m.json").read_text())) if inside(f)]
    coarse = [f for f in decode(json.loads((atlas / "countries-110m.json").read_text())) if not inside(f)]
    json.dump({"type": "FeatureCollection", "features": fine + coarse}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
