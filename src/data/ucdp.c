/* ucdp: UCDP GED CSV import; see ucdp.h. */
#include "data/ucdp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/acledjson.h"
#include "data/csvread.h"
#include "base/utf8.h"

enum { U_ID, U_START, U_END, U_TYPE, U_SIDEA, U_SIDEB, U_WHERE, U_LAT, U_LON, U_BEST, U_LOW, U_HIGH, U_SRC, U_OFFICE,
       U_SDATE, U_HEAD, U_DPREC, U_PLACE, U_ADM1, U_ADM2, U_COUNTRY, U_N };
static const char *const COLS[U_N] = {"id", "date_start", "date_end", "type_of_violence", "side_a", "side_b",
                                      "where_prec", "latitude", "longitude", "best", "low", "high", "source_article",
                                      "source_office", "source_date", "source_headline", "date_prec",
                                      "where_coordinates", "adm_1", "adm_2", "country"};
static const int REQUIRED[] = {U_ID, U_START, U_TYPE, U_LAT, U_LON};

int ucdp_is_header(char **names, int n)
{
    return csv_has_columns(names, n, COLS, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]));
}

/* GED's standard layout, in order (the codebook of releases 20.1 to 25.1 and the Candidate files). */
#define GED_NCOLS 49
static const char *const GED_COLUMNS[GED_NCOLS] = {
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob"};

static int ged_col(const char *name)
{
    for (int i = 0; i < GED_NCOLS; i++)
        if (strcmp(GED_COLUMNS[i], name) == 0) return i;
    return -1;
}

int ucdp_is_headerless(char **first, int n)
{
    if (n != GED_NCOLS) return 0;
    const char *id = first[ged_col("id")];
    if (!*id) return 0;
    for (const char *p = id; *p; p++)
        if (*p < '0' || *p > '9') return 0;
    double v;
    if (import_double(first[ged_col("latitude")], &v) != 0 || import_double(first[ged_col("longitude")], &v) != 0) return 0;
    for (int k = 0; k < 2; k++) { /* yyyy-mm-dd, with or without a time after it */
        const char *d = first[ged_col(k ? "date_end" : "date_start")];
        for (int i = 0; i < 10; i++)
            if (!d[i] || (i == 4 || i == 7 ? d[i] != '-' : d[i] < '0' || d[i] > '9')) return 0;
    }
    return 1;
}

static int read_headerless(const char *path, const cm_csvopts *o, cm_csv_fn fn, void *ctx, char *err, size_t errlen)
{
    cm_csvopts with = o ? *o : (cm_csvopts){0};
    with.names = GED_COLUMNS;
    with.nnames = GED_NCOLS;
    return csv_read_opts(path, &with, fn, ctx, err, errlen);
}

typedef struct {
    cm_events *s;
    cm_import *im;
    const char *path;
    int col[U_N];
    cm_date_order order;
    int need_order;
    char *reporter, *via;
} ctx;

static const char *field(const cm_csvrow *r, const ctx *c, int k)
{
    return c->col[k] >= 0 && c->col[k] < r->n ? import_value(r->f[c->col[k]]) : "";
}

static int skip(ctx *c, const cm_csvrow *r, char *err, size_t errlen, const char *what, const char *val)
{
    char reason[200], q[64];
    utf8_excerpt(q, sizeof q, val);
    snprintf(reason, sizeof reason, "%s '%s'", what, q);
    return import_skip(c->im, r, reason, err, errlen);
}

/* The i-th item of a ';'-separated list, into buf (trimmed); "" past its end. */
static const char *item(const char *list, int i, char *buf, size_t n)
{
    const char *p = list;
    for (int k = 0; k < i && p; k++) {
        p = strchr(p, ';');
        if (p) p++;
    }
    if (!p) { buf[0] = 0; return buf; }
    size_t len = strcspn(p, ";");
    while (len && *p == ' ') { p++; len--; }
    while (len && p[len - 1] == ' ') len--;
    if (len > n - 1) len = n - 1;
    memcpy(buf, p, len);
    buf[len] = 0;
    return buf;
}

static int count_items(const char *list)
{
    if (!*list) return 0;
    int n = 1;
    for (const char *p = list; (p = strchr(p, ';')); p++) n++;
    return n;
}

static int row(const cm_csvrow *r, void *p, char *err, size_t errlen)
{
    ctx *c = p;
    if (r->row == 1)
        return csv_map_columns(r, COLS, U_N, c->col, REQUIRED, (int)(sizeof REQUIRED / sizeof REQUIRED[0]), c->path,
                               "not a UCDP GED file?", err, errlen);
    cm_events *s = c->s;
    if (s->n >= CM_MAX_EVENTS) {
        snprintf(err, errlen, "%s: %s %ld: more than %d events, the most one map holds", c->path, r->unit, r->line, CM_MAX_EVENTS);
        return -1;
    }
    if (r->problem) return import_skip(c->im, r, r->problem, err, errlen);
    cm_event e;
    memset(&e, 0, sizeof e);
    const char *id = field(r, c, U_ID);
    if (!*id) return import_skip(c->im, r, "empty id", err, errlen);
    int32_t a, b;
    const char *ds = field(r, c, U_START), *de = field(r, c, U_END);
    if (!*ds) return import_skip(c->im, r, "no date (date_start is empty)", err, errlen);
    int ra = date_parse_styled(ds, c->order, &a), rb = *de ? date_parse_styled(de, c->order, &b) : 0;
    if (ra == -2 || rb == -2) {
        c->need_order = 1;
        snprintf(err, errlen, "(the date order is needed)");
        return -1;
    }
    if (ra != 0) return skip(c, r, err, errlen, "date_start is not a date:", ds);
    if (!*de) b = a;
    else if (rb != 0) return skip(c, r, err, errlen, "date_end is not a date:", de);
    if (b < a) return skip(c, r, err, errlen, "date_end is before date_start:", de);
    /* date_prec: 1 exact day, 2 within 2-6 days, 3 within a week, 4 within a month, 5 within a year */
    long dp = 1;
    if (import_int(field(r, c, U_DPREC), 1, 5, &dp) < 0)
        return skip(c, r, err, errlen, "date_prec must be 1 to 5, not", field(r, c, U_DPREC));
    e.start.day = a;
    e.end.day = b;
    e.start.prec = e.end.prec = CM_PREC_DAY;
    if (a == b && dp >= 2) { /* one day given, known less well: widen what the event covers */
        int y, m, d;
        date_to_civil(a, &y, &m, &d);
        if (dp <= 3) e.start.prec = CM_PREC_WEEK;
        else if (dp == 4) { e.start.prec = CM_PREC_MONTH; e.start.day = date_from_civil(y, m, 1); }
        else { e.start.prec = CM_PREC_YEAR; e.start.day = date_from_civil(y, 1, 1); }
        e.end = e.start;
    } /* else the span date_start..date_end is the uncertainty: kept as the range */
    e.first = date_first(e.start);
    e.last = date_last(e.end);
    long t;
    if (import_int(field(r, c, U_TYPE), 1, 3, &t) != 0)
        return skip(c, r, err, errlen, "type_of_violence must be 1, 2 or 3, not", field(r, c, U_TYPE));
    cm_category cat; /* the table of categories says which category each code is */
    if (categories_from_ucdp((int)t, &cat) != 0) return skip(c, r, err, errlen, "type_of_violence has no category:", field(r, c, U_TYPE));
    e.cat = (uint8_t)cat;
    const char *ls = field(r, c, U_LAT), *os = field(r, c, U_LON);
    double lat = 0, lon = 0;
    int rl = import_double(ls, &lat), ro = import_double(os, &lon);
    if (rl < 0 || fabs(lat) > 90) return skip(c, r, err, errlen, "latitude is not valid:", ls);
    if (ro < 0 || fabs(lon) > 180) return skip(c, r, err, errlen, "longitude is not valid:", os);
    if (rl != ro) return skip(c, r, err, errlen, "one coordinate without the other: latitude, longitude =", rl ? "(empty)" : ls);
    if (rl == 0) {
        e.lat = lat;
        e.lon = lon;
        e.has_point = 1;
    }
    /* where_prec: 1 exact place, 2 within 25 km, 3 second-order admin, 4 first-order, 5-7 larger */
    long wp = 1;
    if (import_int(field(r, c, U_WHERE), 1, 7, &wp) < 0)
        return skip(c, r, err, errlen, "where_prec must be 1 to 7, not", field(r, c, U_WHERE));
    e.approx = wp > 1;
    const char *best = field(r, c, U_BEST), *low = field(r, c, U_LOW), *high = field(r, c, U_HIGH);
    long nb = -1, nl = -1, nh = -1;
    if (import_int(best, 0, 100000000, &nb) < 0) return skip(c, r, err, errlen, "best is not a whole number:", best);
    if (import_int(low, 0, 100000000, &nl) < 0) return skip(c, r, err, errlen, "low is not a whole number:", low);
    if (import_int(high, 0, 100000000, &nh) < 0) return skip(c, r, err, errlen, "high is not a whole number:", high);

    e.id = events_strdup(s, id);
    if (!e.id) goto oom;
    int seen = import_seen(c->im, 'U', e.id);
    if (seen < 0) goto oom;
    if (seen) return 0; /* merged */
    char buf[600];
    const char *sa = field(r, c, U_SIDEA), *sb = field(r, c, U_SIDEB);
    import_join(buf, sizeof buf, (const char *const[]){categories_ucdp_name((int)t), ": ", sa, *sb ? " vs " : "", sb}, 5);
    e.title = events_strdup(s, buf);
    const char *pl = field(r, c, U_PLACE), *adm = field(r, c, U_ADM1);
    if (*pl || *adm) e.place = events_strdup(s, *pl ? pl : adm);
    if (nb >= 0) {
        size_t k = import_utoa(buf, (unsigned long)nb);
        memcpy(buf + k, " deaths", sizeof " deaths");
        if (nl >= 0 && nh >= 0) { /* "12 deaths (estimates 10–15)" */
            k += sizeof " deaths" - 1;
            memcpy(buf + k, " (estimates ", sizeof " (estimates ");
            k += sizeof " (estimates " - 1;
            k += import_utoa(buf + k, (unsigned long)nl);
            memcpy(buf + k, "\xE2\x80\x93", 3);
            k += 3;
            k += import_utoa(buf + k, (unsigned long)nh);
            memcpy(buf + k, ")", 2);
        }
        e.fig = events_alloc(s, sizeof *e.fig);
        if (!e.fig) goto oom;
        e.fig[0] = (cm_figure){(char *)import_intern(c->im, s, buf), c->reporter, CM_DAY_NONE};
        e.nfig = 1;
    }
    /* one source per article: the four source_ columns are lists in step, split at ';' */
    const char *art = field(r, c, U_SRC), *off = field(r, c, U_OFFICE), *sd = field(r, c, U_SDATE), *hd = field(r, c, U_HEAD);
    int ns = count_items(art);
    if (count_items(off) > ns) ns = count_items(off);
    if (count_items(hd) > ns) ns = count_items(hd);
    if (ns > 64) ns = 64;
    size_t sumcap = 2 * strlen(hd) + 1; /* room for "; " between items written "a;b" */
    char *summary = events_alloc(s, sumcap);
    if (!summary) goto oom;
    summary[0] = 0;
    if (ns) {
        e.src = events_alloc(s, sizeof *e.src * (size_t)ns);
        if (!e.src) goto oom;
    }
    for (int i = 0; i < ns; i++) {
        char o[256], h[512], ar[1024], dt[64];
        item(off, i, o, sizeof o);
        item(hd, i, h, sizeof h);
        item(art, i, ar, sizeof ar);
        item(sd, i, dt, sizeof dt);
        if (!*o && *ar) snprintf(o, sizeof o, "%.*s", (int)strcspn(ar, ","), ar); /* "Reuters,2025-07-17,..." */
        if (!*o && !*h && !*ar) continue;
        int32_t sday = CM_DAY_NONE, x;
        if (*dt && date_parse_styled(dt, CM_ORDER_UNKNOWN, &x) == 0) sday = x;
        char note[1100];
        import_join(note, sizeof note, (const char *const[]){ar, *ar ? "; " : "", "via UCDP GED"}, 3);
        cm_source *so = &e.src[e.nsrc];
        so->outlet = (char *)import_intern(c->im, s, *o ? o : "UCDP GED source");
        so->title = *h ? events_strdup(s, h) : NULL;
        so->url = NULL;
        so->note = events_strdup(s, note);
        so->day = sday;
        if (!so->outlet || !so->note) goto oom;
        e.nsrc++;
        if (*h && !strstr(summary, h)) { /* the headlines are the summary */
            size_t used = strlen(summary);
            import_join(summary + used, sumcap - used, (const char *const[]){used ? "; " : "", h}, 2);
        }
    }
    e.summary = summary;
    cm_attr at[8];
    int na = 0;
    at[na++] = (cm_attr){"event_id", e.id};
    static const struct { const char *key; int col; } AT[] = {
        {"country", U_COUNTRY}, {"admin1", U_ADM1}, {"admin2", U_ADM2}, {"actor1", U_SIDEA}, {"actor2", U_SIDEB}};
    for (size_t k = 0; k < sizeof AT / sizeof AT[0]; k++) {
        const char *v = field(r, c, AT[k].col);
        if (*v) {
            at[na].key = AT[k].key;
            if (!(at[na].value = import_intern(c->im, s, v))) goto oom;
            na++;
        }
    }
    at[na++] = (cm_attr){"event_type", import_intern(c->im, s, categories_ucdp_name((int)t))};
    e.attr = events_alloc(s, sizeof *e.attr * (size_t)na);
    if (!e.attr) goto oom;
    memcpy(e.attr, at, sizeof *e.attr * (size_t)na);
    e.nattr = (uint16_t)na;
    if (!e.title || events_push(s, &e) != 0) goto oom;
    return 0;
oom:
    snprintf(err, errlen, "%s: out of memory at %s %ld", c->path, r->unit, r->line);
    return -1;
}

static int load(const char *path, cm_events *s, cm_import *im, cm_row_reader read, char *err, size_t errlen)
{
    ctx c = {s, im, path, {0}, CM_ORDER_UNKNOWN, 0, NULL, NULL};
    static const char *const dcols[] = {"date_start", "date_end"};
    return import_load(path, s, im, read, row, &c, (cm_load_ctx){&c.im, &c.reporter, &c.need_order, &c.order}, "UCDP", dcols, 2,
                       err, errlen);
}

int ucdp_load_with(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen)
{
    return load(path, s, im, csv_read_opts, err, errlen);
}

int ucdp_load_headerless(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen)
{
    return load(path, s, im, read_headerless, err, errlen);
}

int ucdp_load_json(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen)
{
    return load(path, s, im, acledjson_read, err, errlen);
}

int ucdp_load(const char *path, cm_events *s, char *err, size_t errlen)
{
    return load(path, s, NULL, csv_read_opts, err, errlen);
}
