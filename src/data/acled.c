/* acled: ACLED CSV import; see acled.h. */
#include "data/acled.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { C_ID, C_DATE, C_TPREC, C_ETYPE, C_SUB, C_ACTOR1, C_ACTOR2, C_ADMIN1, C_LOC, C_LAT, C_LON, C_GEOP, C_SRC, C_SCALE,
       C_NOTES, C_FATAL, C_N };
static const char *const COLS[C_N] = {"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                                "actor2", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
                                "source_scale", "notes", "fatalities"};
static const int REQUIRED[] = {C_ID, C_DATE, C_ETYPE, C_LAT, C_LON};

int acled_is_header(char **names, int n)
{
    return csv_has_columns(names, n, COLS, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]));
}

typedef struct {
    cm_events *s;
    const char *path;
    int col[C_N];
    char *reporter;        /* "ACLED", once in the arena */
    char scale[64];        /* the last source_scale seen, and its note: rows repeat a few values */
    char *scale_note;
} ctx;

static const struct { const char *type; cm_category cat; } TYPES[] = {
    {"Battles", CM_CAT_BATTLE},
    {"Explosions/Remote violence", CM_CAT_EXPLOSION},
    {"Violence against civilians", CM_CAT_CIVILIANS},
    {"Protests", CM_CAT_PROTEST},
    {"Riots", CM_CAT_RIOT},
    {"Strategic developments", CM_CAT_STRATEGIC},
};

static const char *field(const cm_csvrow *r, const ctx *c, int k)
{
    return c->col[k] >= 0 ? r->f[c->col[k]] : "";
}

static int bad(const ctx *c, const cm_csvrow *r, char *err, size_t errlen, const char *what, const char *val)
{
    return csv_row_error(c->path, r->line, what, val, err, errlen);
}

static int parse_num(const char *s, double *out)
{
    char *end;
    if (!*s) return 1; /* empty */
    *out = strtod(s, &end);
    while (*end == ' ') end++;
    return (*end || !isfinite(*out)) ? -1 : 0;
}

static int row(const cm_csvrow *r, void *p, char *err, size_t errlen)
{
    ctx *c = p;
    if (r->row == 1)
        return csv_map_columns(r, COLS, C_N, c->col, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]), c->path,
                               "not an ACLED export?", err, errlen);
    cm_events *s = c->s;
    if (s->n >= CM_MAX_EVENTS) {
        snprintf(err, errlen, "%s: line %ld: more than %d events, the most one map holds", c->path, r->line, CM_MAX_EVENTS);
        return -1;
    }
    cm_event e;
    memset(&e, 0, sizeof e);
    const char *id = field(r, c, C_ID);
    if (!*id) return bad(c, r, err, errlen, "empty event_id_cnty", id);
    int32_t day;
    if (date_parse_day(field(r, c, C_DATE), &day) != 0)
        return bad(c, r, err, errlen, "event_date is not a date (expected 2025-07-16 or 16 July 2025):", field(r, c, C_DATE));
    int tp = atoi(field(r, c, C_TPREC));
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
    int t = -1;
    for (size_t k = 0; k < sizeof TYPES / sizeof TYPES[0]; k++)
        if (strcmp(type, TYPES[k].type) == 0) t = (int)k;
    if (t < 0) return bad(c, r, err, errlen, "unknown event_type", type);
    e.cat = TYPES[t].cat;
    double lat = 0, lon = 0;
    int rl = parse_num(field(r, c, C_LAT), &lat), ro = parse_num(field(r, c, C_LON), &lon);
    if (rl < 0 || ro < 0) return bad(c, r, err, errlen, "latitude/longitude is not a number:", rl < 0 ? field(r, c, C_LAT) : field(r, c, C_LON));
    if (rl != ro) return bad(c, r, err, errlen, "one coordinate without the other: latitude, longitude =", rl ? "(empty)" : field(r, c, C_LAT));
    if (rl == 0 && ro == 0) {
        if (fabs(lat) > 90 || fabs(lon) > 180) {
            char both[96];
            snprintf(both, sizeof both, "%s, %s", field(r, c, C_LAT), field(r, c, C_LON));
            return bad(c, r, err, errlen, "latitude, longitude outside the world (-90..90, -180..180):", both);
        }
        e.has_point = 1;
        e.lat = lat;
        e.lon = lon;
    } /* else: no coordinates, an event with no place on the map */
    e.approx = atoi(field(r, c, C_GEOP)) > 1;

    const char *sub = field(r, c, C_SUB), *loc = field(r, c, C_LOC), *adm = field(r, c, C_ADMIN1);
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s%s", *sub ? sub : type, *loc ? " in " : "", loc);
    e.id = events_strdup(s, id);
    e.title = events_strdup(s, buf);
    if (*loc || *adm) {
        snprintf(buf, sizeof buf, "%s%s%s", loc, *loc && *adm && strcmp(loc, adm) ? ", " : "", strcmp(loc, adm) ? adm : "");
        e.place = events_strdup(s, buf);
    }
    const char *a1 = field(r, c, C_ACTOR1), *a2 = field(r, c, C_ACTOR2), *notes = field(r, c, C_NOTES);
    size_t need = strlen(a1) + strlen(a2) + strlen(notes) + 16;
    char *sum = events_alloc(s, need);
    if (sum) {
        if (*a1 || *a2)
            snprintf(sum, need, "%s%s%s.%s%s", a1, *a1 && *a2 ? " vs " : "", a2, *notes ? " " : "", notes);
        else snprintf(sum, need, "%s", notes);
    }
    e.summary = sum;
    const char *fat = field(r, c, C_FATAL);
    if (*fat) {
        char *end;
        long n = strtol(fat, &end, 10);
        if (*end || n < 0) return bad(c, r, err, errlen, "fatalities is not a whole number:", fat);
        e.fig = events_alloc(s, sizeof *e.fig);
        if (e.fig) {
            snprintf(buf, sizeof buf, "%ld reported fatalities", n);
            e.fig[0] = (cm_figure){events_strdup(s, buf), c->reporter, CM_DAY_NONE};
            e.nfig = 1;
        }
    }
    const char *src = field(r, c, C_SRC);
    if (*src) {
        e.src = events_alloc(s, sizeof *e.src);
        if (e.src) {
            const char *scale = field(r, c, C_SCALE);
            if (*scale && strncmp(scale, c->scale, sizeof c->scale) != 0) {
                char note[160];
                snprintf(note, sizeof note, "source scale: %s; via ACLED", scale);
                snprintf(c->scale, sizeof c->scale, "%s", scale);
                c->scale_note = events_strdup(s, note);
            }
            e.src[0] = (cm_source){events_strdup(s, src), NULL, NULL, *scale ? c->scale_note : c->reporter, CM_DAY_NONE};
            e.nsrc = 1;
        }
    }
    if (!e.id || !e.title || !e.summary || events_push(s, &e) != 0) {
        snprintf(err, errlen, "%s: out of memory at line %ld", c->path, r->line);
        return -1;
    }
    return 0;
}

int acled_load(const char *path, cm_events *s, char *err, size_t errlen)
{
    int n0 = s->n;
    cm_arena_mark mark = arena_mark(&s->arena);
    struct stat st;
    if (stat(path, &st) == 0 && st.st_size / 160 < 50000000) events_reserve(s, (int)(st.st_size / 160)); /* rows are ~300 bytes */
    ctx c = {s, path, {0}, events_strdup(s, "ACLED"), "", NULL};
    if (csv_read(path, row, &c, err, errlen) != 0) {
        events_truncate(s, n0, mark);
        return -1;
    }
    return 0;
}
