#!/usr/bin/env python3
"""Writes the hand-made shapefile parts of the bad-input corpus: tests/bad/shapes/<case>/
governorates.shp/.shx/.dbf, each a one-feature polygon layer (fields ISO and NAME_EN, as the
real governorates have) broken in one way. tests/cli/bad_input.sh puts each next to copies
of the real neighbors and cities layers. The files are checked in; rerun this only to change
them.  usage: tests/bad/make_shapes.py"""
import math
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def header(length_words, shptype, bbox):
    return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_words) + struct.pack("<2i", 1000, shptype) +
            struct.pack("<8d", bbox[0], bbox[1], bbox[2], bbox[3], 0, 0, 0, 0))


def bbox_of(pts):
    fin = [p for p in pts if all(math.isfinite(c) for c in p)] or [(0, 0)]
    return (min(p[0] for p in fin), min(p[1] for p in fin), max(p[0] for p in fin), max(p[1] for p in fin))


def polygon_layer(features, shptype=5):
    """features: list of rings lists; returns (shp, shx) bytes."""
    recs = []
    for rings in features:
        pts = [p for r in rings for p in r]
        parts, k = [], 0
        for r in rings:
            parts.append(k)
            k += len(r)
        b = bbox_of(pts)
        body = struct.pack("<i4d2i", shptype, b[0], b[1], b[2], b[3], len(rings), len(pts))
        body += struct.pack("<%di" % len(parts), *parts) + b"".join(struct.pack("<2d", x, y) for x, y in pts)
        recs.append(body)
    allb = bbox_of([p for f in features for r in f for p in r])
    shp, shx, off = b"", b"", 50
    for i, body in enumerate(recs):
        shp += struct.pack(">2i", i + 1, len(body) // 2) + body
        shx += struct.pack(">2i", off, len(body) // 2)
        off += 4 + len(body) // 2
    return header(50 + len(shp) // 2, shptype, allb) + shp, header(50 + len(shx) // 2, shptype, allb) + shx


def dbf(rows, fields=(("ISO", 8), ("NAME_EN", 24), ("NAME_AR", 24))):
    reclen = 1 + sum(w for _, w in fields)
    h = struct.pack("<B3BIHH20x", 3, 125, 1, 1, len(rows), 32 + 32 * len(fields) + 1, reclen)
    for name, w in fields:
        h += struct.pack("<11sc4xBB14x", name.encode(), b"C", w, 0)
    body = b"".join(b" " + b"".join(v.encode()[:w].ljust(w) for v, (_, w) in zip(r, fields)) for r in rows)
    return h + b"\r" + body + b"\x1a"


def write(case, features, note, tweak=None, layer="governorates", fields=None):
    """tweak(shp, shx, dbf) -> (shp, shx, dbf) breaks the files after they are made."""
    d = os.path.join(HERE, "shapes", case)
    os.makedirs(d, exist_ok=True)
    shp, shx = polygon_layer(features)
    rows = [["SY-%02d" % i, "Broken %d" % (i + 1), ""] for i in range(len(features))]
    db = dbf(rows, fields) if fields else dbf(rows)
    if tweak:
        shp, shx, db = tweak(shp, shx, db)
    for ext, data in (("shp", shp), ("shx", shx), ("dbf", db)):
        with open(os.path.join(d, layer + "." + ext), "wb") as f:
            f.write(data)
    with open(os.path.join(d, "README"), "a" if layer != "governorates" else "w") as f:
        f.write(note + "\n")


def random_records(shp, shx, db):
    """every record's body after the 8-byte record header becomes fixed pseudo-random bytes"""
    out, off, seed = bytearray(shp), 100, 12345
    while off < len(out):
        n = struct.unpack(">i", out[off + 4:off + 8])[0] * 2
        for k in range(off + 8, off + 8 + n):
            seed = (seed * 1103515245 + 12345) & 0x7fffffff
            out[k] = (seed >> 16) & 0xff
        out[off + 8:off + 12] = struct.pack("<i", 0x3b9aca07)  # a type that is neither NULL nor polygon
        off += 8 + n
    return bytes(out), shx, db


def shx_all_first(shp, shx, db):
    """every .shx entry points at record 1"""
    out = bytearray(shx)
    first = out[100:108]
    for k in range(100, len(out), 8):
        out[k:k + 8] = first
    return shp, bytes(out), db


def dbf_short(shp, shx, db):
    """the .dbf loses its last record: shorter than its header says"""
    reclen = struct.unpack("<H", db[10:12])[0]
    return shp, shx, db[:len(db) - 1 - reclen]


def null_shapes(features):
    """a polygon layer whose records are all NULL shapes"""
    shp, shx = b"", b""
    off = 50
    for i in range(features):
        body = struct.pack("<i", 0)
        shp += struct.pack(">2i", i + 1, 2) + body
        shx += struct.pack(">2i", off, 2)
        off += 4 + 2
    b = (37.0, 34.0, 38.0, 35.0)
    return header(50 + len(shp) // 2, 5, b) + shp, header(50 + len(shx) // 2, 5, b) + shx


def empty_points_layer(d):
    """a valid point layer with no records at all (cities)"""
    b = (0.0, 0.0, 0.0, 0.0)
    for ext, data in (("shp", header(50, 1, b)), ("shx", header(50, 1, b)),
                      ("dbf", dbf([], (("NAME", 24), ("NAME_AR", 24), ("SCALERANK", 4), ("POP_MAX", 12))))):
        with open(os.path.join(d, "cities." + ext), "wb") as f:
            f.write(data)


# A square in Syria, clockwise (an outer ring in a shapefile), closed.
SQ = [(37.0, 34.0), (37.0, 35.0), (38.0, 35.0), (38.0, 34.0), (37.0, 34.0)]
OK = [(38.5, 34.0), (38.5, 35.0), (39.5, 35.0), (39.5, 34.0), (38.5, 34.0)]

if __name__ == "__main__":
    nan = list(SQ); nan[2] = (float("nan"), 35.0)
    write("nan", [[OK], [nan]], "feature 2 has a NaN longitude")
    inf = list(SQ); inf[1] = (37.0, float("inf"))
    write("inf", [[OK], [inf]], "feature 2 has an infinite latitude")
    far = list(SQ); far[2] = (1e30, 35.0)
    write("far", [[OK], [far]], "feature 2 has a longitude of 1e30, far outside the world")
    write("ring2", [[OK], [[(37.0, 34.0), (38.0, 35.0), (37.0, 34.0)]]],
          "feature 2 has a ring of two distinct points and the closing one (3 in all)")
    write("bowtie", [[OK], [[(37.0, 34.0), (38.0, 35.0), (38.0, 34.0), (37.0, 35.0), (37.0, 34.0)]]],
          "feature 2 is a self-intersecting bow-tie ring")
    write("good", [[OK], [SQ]], "two valid squares: the control case, must load")
    write("random-records", [[OK], [SQ]], "the records' bodies are random bytes, of no shape type", random_records)
    write("shx-all-first", [[OK], [SQ], [OK]], "every .shx entry points at record 1", shx_all_first)
    write("dbf-short", [[OK], [SQ]], "the .dbf is one record shorter than its header says", dbf_short)
    write("dbf-zero-width", [[OK], [SQ]], "the NAME_AR field has a width of 0",
          fields=(("ISO", 8), ("NAME_EN", 24), ("NAME_AR", 0)))
    write("all-null", [[OK], [SQ]], "every governorate is a NULL shape",
          lambda shp, shx, db: null_shapes(2) + (db,))
    write("no-cities", [[OK], [SQ]], "valid governorates; a cities layer with no points at all")
    empty_points_layer(os.path.join(HERE, "shapes", "no-cities"))
