/* ucdp: UCDP GED CSV import; see ucdp.h. */
#include "data/ucdp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/csvread.h"

enum { U_ID, U_START, U_END, U_TYPE, U_SIDEA, U_SIDEB, U_WHERE, U_LAT, U_LON, U_BEST, U_LOW, U_HIGH, U_SRC, U_DPREC,
       U_PLACE, U_ADM1, U_N };
static const char *const COLS[U_N] = {"id", "date_start", "date_end", "type_of_violence", "side_a", "side_b", "where_prec",
                                "latitude", "longitude", "best", "low", "high", "source_article", "date_prec",
                                "where_coordinates", "adm_1"};
static const int REQUIRED[] = {U_ID, U_START, U_TYPE, U_LAT, U_LON};

int ucdp_is_header(char **names, int n)
{
    return csv_has_columns(names, n, COLS, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]));
}

typedef struct {
    cm_events *s;
    const char *path;
    int col[U_N];
    char *reporter;
} ctx;

static const char *field(const cm_csvrow *r, const ctx *c, int k) { return c->col[k] >= 0 ? r->f[c->col[k]] : ""; }

static int bad(const ctx *c, const cm_csvrow *r, char *err, size_t errlen, const char *what, const char *val)
{
    return csv_row_error(c->path, r->line, what, val, err, errlen);
}

static const char *TYPE_NAMES[4] = {"", "State-based violence", "Non-state violence", "One-sided violence"};

static int row(const cm_csvrow *r, void *p, char *err, size_t errlen)
{
    ctx *c = p;
    if (r->row == 1)
        return csv_map_columns(r, COLS, U_N, c->col, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]), c->path,
                               "not a UCDP GED file?", err, errlen);
    cm_events *s = c->s;
    if (s->n >= CM_MAX_EVENTS) {
        snprintf(err, errlen, "%s: line %ld: more than %d events, the most one map holds", c->path, r->line, CM_MAX_EVENTS);
        return -1;
    }
    cm_event e;
    memset(&e, 0, sizeof e);
    const char *id = field(r, c, U_ID);
    if (!*id) return bad(c, r, err, errlen, "empty id", id);
    int32_t a, b;
    if (date_parse_day(field(r, c, U_START), &a) != 0) return bad(c, r, err, errlen, "date_start is not a date:", field(r, c, U_START));
    b = a;
    if (*field(r, c, U_END) && date_parse_day(field(r, c, U_END), &b) != 0)
        return bad(c, r, err, errlen, "date_end is not a date:", field(r, c, U_END));
    if (b < a) return bad(c, r, err, errlen, "date_end is before date_start:", field(r, c, U_END));
    /* date_prec: 1 exact day, 2 within 2-6 days, 3 within a week, 4 within a month, 5 within a year */
    int dp = atoi(field(r, c, U_DPREC));
    e.start.day = a;
    e.start.prec = dp == 2 || dp == 3 ? CM_PREC_WEEK : CM_PREC_DAY;
    e.end.day = b;
    e.end.prec = e.start.prec;
    e.first = a;
    e.last = b;
    if (dp >= 4) { /* the whole span date_start..date_end is the uncertainty: keep it as the range */
        e.start.prec = e.end.prec = CM_PREC_DAY;
    }
    int t = atoi(field(r, c, U_TYPE));
    if (t < 1 || t > 3) return bad(c, r, err, errlen, "type_of_violence must be 1, 2 or 3, not", field(r, c, U_TYPE));
    e.cat = t == 3 ? CM_CAT_CIVILIANS : CM_CAT_BATTLE;
    char *end;
    const char *ls = field(r, c, U_LAT), *os = field(r, c, U_LON);
    if (*ls && *os) {
        e.lat = strtod(ls, &end);
        if (*end || !isfinite(e.lat) || fabs(e.lat) > 90) return bad(c, r, err, errlen, "latitude is not valid:", ls);
        e.lon = strtod(os, &end);
        if (*end || !isfinite(e.lon) || fabs(e.lon) > 180) return bad(c, r, err, errlen, "longitude is not valid:", os);
        e.has_point = 1;
    }
    /* where_prec: 1 exact place, 2 within 25 km, 3 second-order admin, 4 first-order, 5-7 larger */
    e.approx = atoi(field(r, c, U_WHERE)) > 1;
    char buf[600];
    const char *sa = field(r, c, U_SIDEA), *sb = field(r, c, U_SIDEB);
    snprintf(buf, sizeof buf, "%s: %s%s%s", TYPE_NAMES[t], sa, *sb ? " vs " : "", sb);
    e.id = events_strdup(s, id);
    e.title = events_strdup(s, buf);
    e.summary = events_strdup(s, "");
    const char *pl = field(r, c, U_PLACE), *adm = field(r, c, U_ADM1);
    if (*pl || *adm) e.place = events_strdup(s, *pl ? pl : adm);
    const char *best = field(r, c, U_BEST), *low = field(r, c, U_LOW), *high = field(r, c, U_HIGH);
    if (*best) {
        if (*low && *high) snprintf(buf, sizeof buf, "%s deaths (estimates %s\xE2\x80\x93%s)", best, low, high);
        else snprintf(buf, sizeof buf, "%s deaths", best);
        e.fig = events_alloc(s, sizeof *e.fig);
        if (e.fig) {
            e.fig[0] = (cm_figure){events_strdup(s, buf), c->reporter, CM_DAY_NONE};
            e.nfig = 1;
        }
    }
    const char *src = field(r, c, U_SRC);
    if (*src) {
        e.src = events_alloc(s, sizeof *e.src);
        if (e.src) {
            e.src[0] = (cm_source){events_strdup(s, src), NULL, NULL, events_strdup(s, "via UCDP GED"), CM_DAY_NONE};
            e.nsrc = 1;
        }
    }
    if (!e.id || !e.title || events_push(s, &e) != 0) {
        snprintf(err, errlen, "%s: out of memory at line %ld", c->path, r->line);
        return -1;
    }
    return 0;
}

int ucdp_load(const char *path, cm_events *s, char *err, size_t errlen)
{
    int n0 = s->n;
    cm_arena_mark mark = arena_mark(&s->arena);
    struct stat st;
    if (stat(path, &st) == 0 && st.st_size / 160 < 50000000) events_reserve(s, (int)(st.st_size / 160)); /* rows are ~300 bytes */
    ctx c = {s, path, {0}, events_strdup(s, "UCDP")};
    if (csv_read(path, row, &c, err, errlen) != 0) {
        events_truncate(s, n0, mark);
        return -1;
    }
    return 0;
}
