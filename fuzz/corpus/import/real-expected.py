#!/usr/bin/env python3
"""Recompute EXPECTED.tsv from the raw excerpts in this folder.

Independent of conflictmap's importers on purpose: it reads each file with
Python's own csv/json modules so the importers can be checked against it.
Run from anywhere:  python3 tests/fixtures/real/expected.py > EXPECTED.tsv

Rules (also written in SOURCES.md):
- encoding: UTF-8 (a UTF-8 BOM is noted and skipped); if the bytes are not
  valid UTF-8 the file is read as Windows-1252.
- separator: whichever of , ; TAB occurs most in the header line.
- data rows: CSV records after the header, minus an HXL hashtag line (a
  second line whose non-empty cells all start with '#'), minus records whose
  cells are all empty. JSON: the number of records in the array (or in the
  "data" member of an ACLED API envelope).
- first/last date: the earliest and latest event date in ISO form. ACLED:
  event_date. UCDP: earliest date_start and latest date_end.
- xlsx workbooks are not parsed as data; their sheet row count is given.
"""
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MONTHS = {m.lower(): i + 1 for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"])}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})


def year4(y):
    y = int(y)
    return y + 2000 if y < 100 else y


def parse_dates(values):
    """Parse a whole date column; day-first vs month-first decided on the column."""
    out = []
    slash = [v for v in values if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", v)]
    dayfirst = any(int(v.split("/")[0]) > 12 for v in slash)
    monthfirst = any(int(v.split("/")[1]) > 12 for v in slash)
    if slash and dayfirst == monthfirst:
        raise ValueError("ambiguous or inconsistent d/m column")
    for v in values:
        v = v.strip()
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?", v)
        if m:
            out.append(dt.date(int(m[1]), int(m[2]), int(m[3])))
            continue
        m = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{2}|\d{4})", v)
        if m:
            out.append(dt.date(year4(m[3]), MONTHS[m[2].lower()], int(m[1])))
            continue
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", v)
        if m:
            a, b = int(m[1]), int(m[2])
            d, mo = (a, b) if dayfirst else (b, a)
            out.append(dt.date(year4(m[3]), mo, d))
            continue
        raise ValueError("unknown date %r" % v)
    return out


def read_text(raw):
    notes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        notes.append("UTF-8 BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
        enc = "UTF-8" if re.search(rb"[\x80-\xff]", raw) else "ASCII"
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
        enc = "Windows-1252"
    return text, enc, notes


def csv_row(path, raw):
    text, enc, notes = read_text(raw)
    first = text.split("\n", 1)[0]
    sep = max([",", ";", "\t"], key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    body = rows[1:]
    hxl = False
    if body and all(c.startswith("#") for c in body[0] if c) and any(body[0]):
        hxl = True
        body = body[1:]
    empty = [r for r in body if not any(c.strip() for c in r)]
    body = [r for r in body if any(c.strip() for c in r)]
    crlf = raw.count(b"\r\n")
    lf = raw.count(b"\n")
    ending = "CRLF" if crlf and crlf == lf else ("LF" if not crlf else "CRLF")
    embedded = lf - (len(rows))  # newlines beyond one per record
    notes = [enc] + notes + ["sep=%s" % {",": "comma", ";": "semicolon", "\t": "tab"}[sep],
                             ending + " line ends"]
    if embedded > 0:
        notes.append("%d newline(s) inside quoted fields" % embedded)
    if hxl:
        notes.append("HXL hashtag line 2")
    if empty:
        notes.append("%d all-empty row(s)" % len(empty))
    na = sum(1 for r in body for c in r if c in ("NA", "."))
    if na:
        notes.append("%d cell(s) 'NA' or '.'" % na)
    if header != [h for h in rows[0]]:
        notes.append("header cells with spaces")
    if any(h == h.upper() and h != h.lower() for h in header if h):
        notes.append("upper-case header")
    if "" in header:
        notes.append("%d unnamed column(s)" % header.count(""))
    if lower and lower[0] not in ("event_id_cnty", "data_id", "gwno", "id", "iso", "event_date"):
        notes.append("leading column %r" % header[0])
    if "date_start" in lower:
        fmt = "ucdp"
        ds = parse_dates([r[lower.index("date_start")] for r in body])
        de = parse_dates([r[lower.index("date_end")] for r in body])
        first, last = min(ds), max(de)
        sample = body[0][lower.index("date_start")]
        notes.append("date_start like %r; latest date_start %s" % (sample, max(ds).isoformat()))
        idcol = "id"
    else:
        fmt = "acled"
        vals = [r[lower.index("event_date")] for r in body]
        ds = parse_dates(vals)
        first, last = min(ds), max(ds)
        notes.append("event_date like %r" % vals[0])
        idcol = "event_id_cnty"
    for name in ("latitude", "longitude"):
        if name in lower:
            i = lower.index(name)
            miss = sum(1 for r in body if i >= len(r) or r[i].strip() == "")
            if miss:
                notes.append("%d row(s) without %s" % (miss, name))
        else:
            notes.append("no %s column" % name)
    if idcol in lower:
        i = lower.index(idcol)
        miss = sum(1 for r in body if r[i].strip() == "")
        if miss:
            notes.append("%d row(s) with empty %s" % (miss, idcol))
        ids = [r[i] for r in body if r[i].strip()]
        if len(ids) != len(set(ids)):
            notes.append("%d duplicate %s" % (len(ids) - len(set(ids)), idcol))
    else:
        notes.append("no %s column" % idcol)
    if "event_type" in lower:
        i = lower.index("event_type")
        types = sorted(set(r[i] for r in body))
        notes.append("event types: " + "|".join(types))
    widths = sorted(set(len(r) for r in body))
    notes.append("%d columns" % len(header) + ("" if widths == [len(header)] else " (rows: %s)" % widths))
    return fmt, len(body), first, last, notes


def json_row(path, raw):
    text, enc, notes = read_text(raw)
    doc = json.loads(text)
    notes = [enc] + notes
    if isinstance(doc, dict) and "data" in doc:
        fmt = "acled-json"
        recs = doc["data"]
        notes.append("API envelope status=%s success=%s count=%s" %
                     (doc.get("status"), doc.get("success"), doc.get("count")))
        if "\\/" in text:
            notes.append("slashes escaped as \\/")
    else:
        recs = doc
        fmt = "ucdp-json" if recs and "date_start" in recs[0] else "acled-json"
        notes.append("bare array")
    if fmt == "ucdp-json":
        ds = parse_dates([r["date_start"] for r in recs])
        de = parse_dates([r["date_end"] for r in recs])
        first, last = min(ds), max(de)
        flags = sorted(set(type(r.get("active_year")).__name__ for r in recs))
        notes.append("date_start like %r; active_year is %s" % (recs[0]["date_start"], "/".join(flags)))
    else:
        ds = parse_dates([r["event_date"] for r in recs])
        first, last = min(ds), max(ds)
        notes.append("event_date like %r; numbers as strings" % recs[0]["event_date"])
    notes.append("%d keys per record" % len(recs[0]))
    return fmt, len(recs), first, last, notes


def xlsx_row(path, raw):
    z = zipfile.ZipFile(io.BytesIO(raw))
    sheet = z.read("xl/worksheets/sheet1.xml")
    n = sheet.count(b"<row ")
    return "acled-xlsx", n - 1, None, None, [
        "Excel workbook (zip), not CSV: %d sheet rows incl. header; must be refused with one line" % n]


# Facts about single files that the generic checks above do not derive.
MANUAL = {
    "acled_africa_2016_cp1252_upper.csv":
        "EVENT_ID_NO_CNTY empty in every row; ids like 6409RTA; numeric GWNO and INTER1; "
        "ALLY_ACTOR_1/2 instead of ASSOC_ACTOR; no SUB_EVENT_TYPE; dates dd/mm/yyyy (day-first, some days > 12); "
        "places in Somalia and South Africa (all outside the Syria map)",
    "acled_algeria_2001_hdx_gwno_ddmmyyyy.csv":
        "YEAR of row 3 is '2001-2002' (not a number); EVENT_ID_NO_CNTY empty; all places in Algeria (outside the map)",
    "acled_algeria_2001_hdx_hxl_indexcol.csv":
        "same 4 events as the _gwno_ file plus a first column 'lala' (value 'lala' in every row) and an HXL line; "
        "a duplicate of the _gwno_ file's events by EVENT_ID_CNTY",
    "acled_api_ukraine_2024_envelope.json":
        "count=122 but data holds 8 records; strings contain runs of spaces left from line wrapping "
        "(e.g. 'Military Forces of Russia      (2000-)'); member 'filename'; places in Ukraine (outside the map)",
    "acled_burkinafaso_2022_excel_dmonyy.csv":
        "Excel re-save of an ACLED export: d-Mon-yy dates ('16-Feb-21', '5-Feb-21'), rows not in date order, quotes dropped",
    "acled_burkinafaso_2022_r_rownames_nocoords.csv":
        "R write.csv of an API download: first column has an empty name and holds R row names "
        "(\"1\", \"2\", ...); every string quoted; no event_id_cnty, latitude or longitude: "
        "events can only be placed by admin1/admin2/admin3/location; all in Burkina Faso",
    "acled_burkinafaso_2022_reduced_bom.csv":
        "only 8 columns (event_date, year, location, latitude, longitude, geo_precision, notes, fatalities): "
        "no id, event type or actors; dates mix d-Mon-yy and d-Month-yy ('15-Jul-22', '12-September-22', '5-June-22')",
    "acled_kenya_2021_semicolon.csv":
        "rows 1-50 and the last 50 of the original export (newest first: Nov 2021, then 1999-1997); "
        "text cells containing spaces quoted; data_id, iso, event_id_no_cnty, timestamp, iso3 columns",
    "acled_myanmar_2021_r_na_isotime.csv":
        "written by R's readr: missing values as NA (assoc_actor_1/2, actor2), dates '2021-01-02T00:00:00Z', "
        "logical TRUE/FALSE; only Explosions/Remote violence; 6 analyst columns after iso3 "
        "(admin3_pcode, inter_type, has_fatalities, month, civ_involved, non_military)",
    "acled_sudan_2021_excel_dmonyy.csv": "Excel re-save: d-Mon-yy dates, CRLF, quotes only where needed",
    "acled_sudan_2023_quoted.csv": "2023 export with data_id layout; text cells containing spaces quoted, dates 'dd Month yyyy'",
    "acled_ukraine_2024_extra_column.csv":
        "2024 layout (no data_id; civilian_targeting, tags) plus a trailing column population_best; "
        "dates 'dd Month yyyy' unquoted; rows newest first",
    "ucdp_api_israel_2002.json":
        "first 60 of 373 records of a saved GED API result (the 'Result' array alone); "
        "the comma after record 60 removed and ']' added; 59 Israel, 1 Lebanon",
    "ucdp_ged191_official_42col.csv":
        "GED 19.1 official CSV layout (42 columns: no relid, code_status, *_dset_id, where_description); "
        "source_* split fields; Myanmar (Burma) 155 and Bangladesh 45 rows, all outside the map",
    "ucdp_hdx_bangladesh_2020_hxl_startyear.csv": "HDX layout of 2020 with start_year/end_year columns; data rows 301-400",
    "ucdp_hdx_bangladesh_2022_hxl.csv": "HDX layout of 2022 (iso3, no start_year/end_year); data rows 1-150",
    "acled_algeria_2001_workbook.xlsx":
        "HDX test workbook named ACLED-All-Africa-File_20170101-to-20170708.xlsx; its one sheet holds "
        "the ACLED header and Algeria 2001 rows (ids 1416RTA, 2229RTA, ...)",
}


def main():
    print("file\tformat\trows\tfirst_date\tlast_date\tnotes")
    for name in sorted(os.listdir(HERE)):
        path = os.path.join(HERE, name)
        raw = open(path, "rb").read()
        if name.endswith(".csv"):
            r = csv_row(path, raw)
        elif name.endswith(".json"):
            r = json_row(path, raw)
        elif name.endswith(".xlsx"):
            r = xlsx_row(path, raw)
        else:
            continue
        fmt, n, first, last, notes = r
        if name in MANUAL:
            notes = notes + [MANUAL[name]]
        print("\t".join([name, fmt, str(n), first.isoformat() if first else "-",
                         last.isoformat() if last else "-", "; ".join(notes)]))


if __name__ == "__main__":
    sys.exit(main())
