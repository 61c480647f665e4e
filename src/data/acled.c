/* acled: ACLED import (CSV of every layout, API JSON); see acled.h. */
#include "data/acled.h"

#include "data/acledjson.h"
#include "base/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { C_ID, C_DATAID, C_DATE, C_TPREC, C_ETYPE, C_SUB, C_ACTOR1, C_ASSOC1, C_ALLY1, C_ACTOR2, C_ASSOC2, C_ALLY2,
       C_INTER, C_CIVT, C_COUNTRY, C_ADMIN1, C_ADMIN2, C_ADMIN3, C_LOC, C_LAT, C_LON, C_GEOP, C_SRC, C_SCALE,
       C_NOTES, C_FATAL, C_TAGS, C_N };
static const char *const COLS[C_N] = {
    "event_id_cnty", "data_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "ally_actor_1", "actor2", "assoc_actor_2", "ally_actor_2", "interaction", "civilian_targeting",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags"};
static const int REQUIRED[] = {C_DATE, C_ETYPE}; /* files without coordinates exist (placed by admin1) */

/* The record kept as attributes: key, column (the older ally_actor_* stand in for assoc_actor_*). */
static const struct { const char *key; int col, alt; } ATTRS[] = {
    {"country", C_COUNTRY, -1}, {"admin1", C_ADMIN1, -1}, {"admin2", C_ADMIN2, -1}, {"admin3", C_ADMIN3, -1},
    {"actor1", C_ACTOR1, -1}, {"assoc_actor_1", C_ASSOC1, C_ALLY1}, {"actor2", C_ACTOR2, -1},
    {"assoc_actor_2", C_ASSOC2, C_ALLY2}, {"interaction", C_INTER, -1}, {"event_type", C_ETYPE, -1},
    {"sub_event_type", C_SUB, -1}, {"civilian_targeting", C_CIVT, -1}, {"tags", C_TAGS, -1},
    {"source_scale", C_SCALE, -1},
};
#define NATTRS (int)(sizeof ATTRS / sizeof ATTRS[0])

int acled_is_header(char **names, int n)
{
    return csv_has_columns(names, n, COLS, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]));
}

/* Today's six types and those ACLED used before 2019 (docs/import-formats.md): the table of
 * categories (data/categories.h) holds both. */
int acled_event_type(const char *type, cm_category *out) { return categories_from_acled(type, out); }

typedef struct {
    cm_events *s;
    cm_import *im;
    const char *path;
    int col[C_N];
    cm_date_order order;
    int need_order;        /* a numeric date was met before the order was known: read again */
    char *reporter;        /* "ACLED", once in the arena */
    struct { char type[48]; cm_category cat; } types[16]; /* event types met, and their category */
    int ntypes;
} ctx;

/* acled_event_type, remembered for the few types a file holds (it compares with every name). */
static int event_type(ctx *c, const char *type, cm_category *out)
{
    for (int i = 0; i < c->ntypes; i++)
        if (strcmp(c->types[i].type, type) == 0) { *out = c->types[i].cat; return 0; }
    if (acled_event_type(type, out) != 0) return -1;
    if (c->ntypes < 16 && strlen(type) < sizeof c->types[0].type) {
        strcpy(c->types[c->ntypes].type, type);
        c->types[c->ntypes++].cat = *out;
    }
    return 0;
}

static const char *field(const cm_csvrow *r, const ctx *c, int k)
{
    return c->col[k] >= 0 && c->col[k] < r->n ? import_value(r->f[c->col[k]]) : "";
}

/* Skips the row (or, strict, fails the file) with "what 'value'". */
static int skip(ctx *c, const cm_csvrow *r, char *err, size_t errlen, const char *what, const char *val)
{
    char reason[200], q[64];
    utf8_excerpt(q, sizeof q, val);
    snprintf(reason, sizeof reason, "%s '%s'", what, q);
    return import_skip(c->im, r, reason, err, errlen);
}

static int row(const cm_csvrow *r, void *p, char *err, size_t errlen)
{
    ctx *c = p;
    if (r->row == 1)
        return csv_map_columns(r, COLS, C_N, c->col, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]), c->path,
                               "not an ACLED export?", err, errlen);
    cm_events *s = c->s;
    if (s->n >= CM_MAX_EVENTS) {
        snprintf(err, errlen, "%s: %s %ld: more than %d events, the most one map holds", c->path, r->unit, r->line,
                 CM_MAX_EVENTS);
        return -1;
    }
    if (r->problem) return import_skip(c->im, r, r->problem, err, errlen);
    cm_event e;
    memset(&e, 0, sizeof e);
    const char *date = field(r, c, C_DATE);
    int32_t day;
    if (!*date) return import_skip(c->im, r, "no date (event_date is empty)", err, errlen);
    int dr = date_parse_styled(date, c->order, &day);
    if (dr == -2) {
        c->need_order = 1;
        snprintf(err, errlen, "(the date order is needed)");
        return -1;
    }
    if (dr != 0) return skip(c, r, err, errlen, "event_date is not a date:", date);
    long tp = 1;
    if (import_int(field(r, c, C_TPREC), 1, 3, &tp) < 0)
        return skip(c, r, err, errlen, "time_precision must be 1, 2 or 3, not", field(r, c, C_TPREC));
    e.start.day = day;
    e.start.prec = tp == 3 ? CM_PREC_MONTH : tp == 2 ? CM_PREC_WEEK : CM_PREC_DAY;
    if (e.start.prec == CM_PREC_MONTH) { /* the month of the date, not the day */
        int y, m, d;
        date_to_civil(day, &y, &m, &d);
        e.start.day = date_from_civil(y, m, 1);
    }
    e.end = e.start;
    e.first = date_first(e.start);
    e.last = date_last(e.start);
    const char *type = field(r, c, C_ETYPE);
    cm_category cat;
    if (event_type(c, type, &cat) != 0) return skip(c, r, err, errlen, "unknown event_type", type);
    e.cat = (uint8_t)cat;
    double lat = 0, lon = 0;
    int rl = import_double(field(r, c, C_LAT), &lat), ro = import_double(field(r, c, C_LON), &lon);
    if (rl < 0 || ro < 0)
        return skip(c, r, err, errlen, "latitude/longitude is not a number:", rl < 0 ? field(r, c, C_LAT) : field(r, c, C_LON));
    if (rl != ro)
        return skip(c, r, err, errlen, "one coordinate without the other: latitude, longitude =", rl ? "(empty)" : field(r, c, C_LAT));
    if (rl == 0 && ro == 0) {
        if (fabs(lat) > 90 || fabs(lon) > 180) {
            char both[96];
            snprintf(both, sizeof both, "%s, %s", field(r, c, C_LAT), field(r, c, C_LON));
            return skip(c, r, err, errlen, "latitude, longitude outside the world (-90..90, -180..180):", both);
        }
        e.has_point = 1;
        e.lat = lat;
        e.lon = lon;
    } /* else: no coordinates, an event with no place on the map (or on its admin1, see catalog) */
    long gp = 1;
    if (import_int(field(r, c, C_GEOP), 1, 3, &gp) < 0)
        return skip(c, r, err, errlen, "geo_precision must be 1, 2 or 3, not", field(r, c, C_GEOP));
    e.approx = gp > 1;
    const char *fat = field(r, c, C_FATAL);
    long nfat = -1;
    if (*fat && import_int(fat, 0, 10000000, &nfat) != 0)
        return skip(c, r, err, errlen, "fatalities is not a whole number (0 to 10000000):", fat);

    /* the id: event_id_cnty, else data_id, else the row's place in the file (not merged) */
    const char *id = field(r, c, C_ID);
    char made[600];
    char kind = 'A';
    if (!*id) {
        const char *did = field(r, c, C_DATAID);
        const char *base = strrchr(c->path, '/');
        base = base ? base + 1 : c->path;
        if (*did) {
            snprintf(made, sizeof made, "data_id:%s", did);
            kind = 'D';
        } else {
            snprintf(made, sizeof made, "%s:%s%ld", base, r->unit[0] == 'r' ? "record " : "", r->line);
            kind = 0;
        }
        id = made;
        import_note_made_id(c->im);
    }
    e.id = events_strdup(s, id);
    if (!e.id) goto oom;
    if (kind) {
        int seen = import_seen(c->im, kind, e.id);
        if (seen < 0) goto oom;
        if (seen) return 0; /* the same event, already loaded: merged (counted) */
    }
    const char *sub = field(r, c, C_SUB), *loc = field(r, c, C_LOC), *adm = field(r, c, C_ADMIN1);
    char buf[512];
    import_join(buf, sizeof buf, (const char *const[]){*sub ? sub : type, *loc ? " in " : "", loc}, 3);
    e.title = events_strdup(s, buf);
    if (*loc || *adm) {
        int same = strcmp(loc, adm) == 0;
        import_join(buf, sizeof buf, (const char *const[]){loc, *loc && *adm && !same ? ", " : "", same ? "" : adm}, 3);
        e.place = events_strdup(s, buf);
    }
    const char *a1 = field(r, c, C_ACTOR1), *a2 = field(r, c, C_ACTOR2), *notes = field(r, c, C_NOTES);
    size_t need = strlen(a1) + strlen(a2) + strlen(notes) + 16;
    char *sum = events_alloc(s, need);
    if (sum) {
        if (*a1 || *a2)
            import_join(sum, need, (const char *const[]){a1, *a1 && *a2 ? " vs " : "", a2, ".", *notes ? " " : "", notes}, 6);
        else import_join(sum, need, (const char *const[]){notes}, 1);
    }
    e.summary = sum;
    if (nfat >= 0) {
        e.fig = events_alloc(s, sizeof *e.fig);
        if (!e.fig) goto oom;
        size_t k = import_utoa(buf, (unsigned long)nfat);
        memcpy(buf + k, " reported fatalities", sizeof " reported fatalities");
        e.fig[0] = (cm_figure){(char *)import_intern(c->im, s, buf), c->reporter, CM_DAY_NONE};
        e.nfig = 1;
    }
    const char *src = field(r, c, C_SRC), *scale = field(r, c, C_SCALE);
    if (*src) {
        e.src = events_alloc(s, sizeof *e.src);
        if (!e.src) goto oom;
        char note[160];
        import_join(note, sizeof note, (const char *const[]){"source scale: ", scale, "; via ACLED"}, 3);
        e.src[0] = (cm_source){(char *)import_intern(c->im, s, src), NULL, NULL,
                               *scale ? (char *)import_intern(c->im, s, note) : c->reporter, CM_DAY_NONE};
        e.nsrc = 1;
    }
    cm_attr at[NATTRS + 1];
    int na = 0;
    at[na++] = (cm_attr){"event_id", e.id};
    for (int k = 0; k < NATTRS; k++) {
        const char *v = field(r, c, ATTRS[k].col);
        if (!*v && ATTRS[k].alt >= 0) v = field(r, c, ATTRS[k].alt);
        if (*v) {
            at[na].key = ATTRS[k].key;
            if (!(at[na].value = import_intern(c->im, s, v))) goto oom;
            na++;
        }
    }
    e.attr = events_alloc(s, sizeof *e.attr * (size_t)na);
    if (!e.attr) goto oom;
    memcpy(e.attr, at, sizeof *e.attr * (size_t)na);
    e.nattr = (uint16_t)na;
    if (!e.title || !e.summary || events_push(s, &e) != 0) goto oom;
    return 0;
oom:
    snprintf(err, errlen, "%s: out of memory at %s %ld", c->path, r->unit, r->line);
    return -1;
}

static int load(const char *path, cm_events *s, cm_import *im, cm_row_reader read, char *err, size_t errlen)
{
    ctx c = {s, im, path, {0}, CM_ORDER_UNKNOWN, 0, NULL, {{"", 0}}, 0};
    static const char *const dcols[] = {"event_date"};
    return import_load(path, s, im, read, row, &c, (cm_load_ctx){&c.im, &c.reporter, &c.need_order, &c.order}, "ACLED", dcols, 1,
                       err, errlen);
}

int acled_load_with(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen)
{
    return load(path, s, im, csv_read_opts, err, errlen);
}

int acled_load(const char *path, cm_events *s, char *err, size_t errlen)
{
    return load(path, s, NULL, csv_read_opts, err, errlen);
}

int acled_load_json(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen)
{
    return load(path, s, im, acledjson_read, err, errlen);
}
