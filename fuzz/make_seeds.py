#!/usr/bin/env python3
"""Writes the fuzz seed corpora fuzz/corpus/<target>/ from the project's own small inputs:
pieces of assets/events.geojson and tests/fixtures/events, tiny ACLED and UCDP CSVs, tiny
shapefiles (the real cities layer and hand-made polygons) and date strings.
usage: fuzz/make_seeds.py   (run from anywhere; rewrites the corpus directories)"""
import json
import os
import shutil
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def out(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def geojson_seeds():
    ev = json.load(open(os.path.join(ROOT, "assets", "events.geojson"), encoding="utf-8"))
    seen = set()
    for i, feat in enumerate(ev["features"]):
        g = feat.get("geometry")
        key = ((g or {}).get("type"), feat["properties"].get("category"), bool(feat["properties"].get("figures")))
        if key in seen:
            continue
        seen.add(key)
        fc = {"type": "FeatureCollection", "features": [feat]}
        out("geojson", "assets-%02d.geojson" % i, json.dumps(fc, ensure_ascii=False, indent=1))
    fx = os.path.join(ROOT, "tests", "fixtures", "events")
    for n in sorted(os.listdir(fx)):
        p = os.path.join(fx, n)
        if os.path.getsize(p) <= 4096:
            shutil.copy(p, os.path.join(CORPUS, "geojson", "fixture-" + n))
    out("geojson", "minimal.geojson",
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        '{"id":"a","title":"A","category":"statement","start":"2025"},"geometry":null}]}')
    out("geojson", "multipolygon.geojson",
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        '{"id":"m","title":"M","category":"zone","start":"2025-01","end":"2025-03-31","kind":"area"},'
        '"geometry":{"type":"MultiPolygon","coordinates":[[[[36,33],[36.5,33],[36.5,33.5],[36,33],[36,33]]],'
        '[[[37,34],[38,34],[38,35],[37,35],[37,34]],[[37.2,34.2],[37.2,34.4],[37.4,34.4],[37.2,34.2]]]]}}]}')


ACLED_HEAD = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
              "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
              "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
              "tags,timestamp\n")
UCDP_HEAD = ("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
             "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,"
             "side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,"
             "where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,"
             "priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,"
             "deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob\n")


def csv_seeds():
    out("csv", "acled-3.csv", ACLED_HEAD +
        'SYR1,1 July 2024,2024,1,Political violence,Riots,Mob violence,Actor A,,1,Actor B,,3,13,,760,Middle East,'
        'Syria,"Homs",,,Place 1,35.3537,38.6188,1,"Source 1; Outlet 2",National,"On 1 July 2024, ""heavy"" '
        'fighting;\nreports continue.",6,,1700000000\n'
        'SYR2,2024-02-13,2024,3,Political violence,Battles,Armed clash,Actor A,,1,,,3,13,,760,Middle East,Syria,'
        'As-Suwayda,,,As-Suwayda,32.5655,37.0238,2,Source 2,Local,Notes.,0,,1700000000\n'
        'SYR3,20 Dec 2025,2025,2,Political violence,Explosions/Remote violence,Shelling,Actor A,,1,Actor B,,3,13,,'
        '760,Middle East,Syria,Al-Hasakah,,,,,,3,,,,,,1700000000\n')
    out("csv", "acled-bom.csv", b"\xef\xbb\xbf" + (ACLED_HEAD +
        'SYR9,2025-03-07,2025,1,Political violence,Violence against civilians,Attack,A,,1,B,,3,13,,760,ME,Syria,'
        'Tartus,,,Baniyas,35.182,35.949,1,SOHR,National,"\u0628\u0627\u0646\u064a\u0627\u0633",60,,1\n').encode())
    cols = UCDP_HEAD.strip().split(",")

    def ucdp_row(**kw):
        vals = []
        for c in cols:
            v = str(kw.get(c, ""))
            vals.append('"%s"' % v.replace('"', '""') if ("," in v or '"' in v or "\n" in v) else v)
        return ",".join(vals) + "\n"
    out("csv", "ucdp-2.csv", UCDP_HEAD +
        ucdp_row(id=1, relid="SYR-1", year=2024, type_of_violence=1, side_a="Government of Syria", side_b="HTS",
                 source_article="Reuters,2024-12-01,Rebels advance", where_prec=1, where_coordinates="Aleppo town",
                 adm_1="Aleppo governorate", latitude=36.2, longitude=37.15, country="Syria", date_prec=1,
                 date_start="2024-12-01 00:00:00.000", date_end="2024-12-03 00:00:00.000", best=10, high=12, low=8) +
        ucdp_row(id=2, relid="SYR-2", year=2025, type_of_violence=3, side_a="IS", side_b="Civilians", where_prec=4,
                 country="Syria", date_prec=4, date_start="2025-03-01", date_end="2025-03-31", best=0))
    out("csv", "minimal-acled.csv", "event_id_cnty,event_date,event_type,latitude,longitude\nX1,2025-01-01,Protests,33.5,36.3\n")
    out("csv", "minimal-ucdp.csv", "id,date_start,type_of_violence,latitude,longitude\n7,2025-01-01,2,,\n")
    out("csv", "quoted.csv", 'a,"b,c","d""e"\r\n1,"2\n3",4\r\n')


def shp_header(code, length_words, shptype, bbox):
    return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_words) +
            struct.pack("<2i", 1000, shptype) + struct.pack("<8d", bbox[0], bbox[1], bbox[2], bbox[3], 0, 0, 0, 0))


def polygon_set(rings_per_feature, fields=(("ISO", "C", 8), ("NAME_EN", "C", 20)), values=None, shptype=5, enc="utf-8"):
    """Builds .shp .shx .dbf bytes for polygon features given as lists of rings [(x, y), ...]."""
    recs = []
    for rings in rings_per_feature:
        pts = [p for r in rings for p in r]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        parts, k = [], 0
        for r in rings:
            parts.append(k)
            k += len(r)
        body = struct.pack("<i4d2i", shptype, min(xs), min(ys), max(xs), max(ys), len(rings), len(pts))
        body += struct.pack("<%di" % len(parts), *parts)
        body += b"".join(struct.pack("<2d", x, y) for x, y in pts)
        recs.append(body)
    allp = [p for rs in rings_per_feature for r in rs for p in r]
    bbox = (min(p[0] for p in allp), min(p[1] for p in allp), max(p[0] for p in allp), max(p[1] for p in allp))
    shp, shx, off = b"", b"", 50
    for i, body in enumerate(recs):
        shp += struct.pack(">2i", i + 1, len(body) // 2) + body
        shx += struct.pack(">2i", off, len(body) // 2)
        off += 4 + len(body) // 2
    shp = shp_header(9994, 50 + len(shp) // 2, shptype, bbox) + shp
    shx = shp_header(9994, 50 + len(shx) // 2, shptype, bbox) + shx
    return shp, shx, dbf(fields, values or [["SY-%02d" % i, "Area %d" % i] for i in range(len(recs))], enc)


def dbf(fields, rows, enc="utf-8"):
    reclen = 1 + sum(f[2] for f in fields)
    hdr = struct.pack("<B3BIHH20x", 3, 125, 1, 1, len(rows), 32 + 32 * len(fields) + 1, reclen)
    for name, t, w in fields:
        hdr += struct.pack("<11sc4xBB14x", name.encode(), t.encode(), w, 0)
    hdr += b"\r"
    body = b""
    for r in rows:
        body += b" " + b"".join(str(v).encode(enc)[:w].ljust(w) for v, (_, _, w) in zip(r, fields))
    return hdr + body + b"\x1a"


def pack(shp, shx, dbf_bytes, cpg=b""):
    return struct.pack("<3I", len(shp), len(shx), len(dbf_bytes)) + shp + shx + dbf_bytes + cpg


def shape_seeds():
    g = os.path.join(ROOT, "geodata")
    rd = lambda n: open(os.path.join(g, n), "rb").read()
    out("shapes", "cities.bin", pack(rd("cities.shp"), rd("cities.shx"), rd("cities.dbf")))
    sq = [(36, 33), (36, 34), (37, 34), (37, 33), (36, 33)]          # clockwise: an outer ring
    hole = [(36.2, 33.2), (36.4, 33.2), (36.4, 33.4), (36.2, 33.4), (36.2, 33.2)]
    tri = [(38, 35), (38.5, 36), (39, 35), (38, 35)]
    out("shapes", "square.bin", pack(*polygon_set([[sq]])))
    out("shapes", "square-hole-triangle.bin", pack(*polygon_set([[sq, hole], [tri]])))
    out("shapes", "latin1.bin", pack(*polygon_set([[tri]], values=[["SY-XX", "Caf\xe9"]], enc="latin-1"), b"ISO-8859-1"))
    shp, shx, d = polygon_set([[sq]])
    out("shapes", "truncated.bin", pack(shp[:140], shx, d))


def date_seeds():
    for i, s in enumerate(["2025-07-16", "2025-07", "2025", "2024-02-29", "2025-02-30", "16 July 2025",
                           "1 Jan 2024", "2025-07-16 00:00:00.000", "2025-07-16T12:00:00Z", "31 September 2025",
                           "9999-12-31", "1000-01-01", "0999", "29 Feb 2100", "  3 mar 2023", "2025-13-01"]):
        out("date", "d%02d" % i, s)


def import_seeds():
    """The hand-made layouts (tests/fixtures/*/layout-*) and the small real files: encodings,
    separators, JSON envelopes, numeric dates; plus a few rows with non-ASCII text apart, so the
    Windows-1252 oracle has something to compare."""
    root = os.path.join(os.path.dirname(CORPUS), "..", "tests", "fixtures")
    for sub in ("acled", "ucdp", "real"):
        d = os.path.join(root, sub)
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            if (name.startswith("layout-") or sub == "real") and os.path.getsize(path) <= 20000 and not name.endswith(".xlsx"):
                out("import", sub + "-" + name, open(path, "rb").read())
    out("import", "cp-apart.csv", "event_id_cnty,event_date,event_type,latitude,longitude,notes\n"
        "A1,05/07/2025,Battles,35.9,36.6,caf\u00e9 x \u00e9t\u00e9?\nA2,16/07/2025,Riots,,,\u20ac 5\n")
    out("import", "api.json", '{"status":200,"success":true,"data":[{"event_id_cnty":"J1","event_date":"2025-07-16",'
        '"event_type":"Battles","latitude":"35.9","longitude":36.6}]}')


if __name__ == "__main__":
    for t in ("geojson", "csv", "shapes", "date", "import"):
        shutil.rmtree(os.path.join(CORPUS, t), ignore_errors=True)
    geojson_seeds()
    csv_seeds()
    shape_seeds()
    date_seeds()
    import_seeds()
    for t in ("geojson", "csv", "shapes", "date", "import"):
        print(t, len(os.listdir(os.path.join(CORPUS, t))), "seeds")
