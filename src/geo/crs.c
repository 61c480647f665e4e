/* crs: PROJ transforms in visualisation axis order; see crs.h. */
#include "geo/crs.h"

#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cm_crs {
    PJ *pj;
    int src_geographic, dst_geographic; /* longitude and latitude in degrees */
    char name[128];
};

/* 1 when def is longitude/latitude; its name (def itself when PROJ gives none) into name. */
static int is_geographic(PJ_CONTEXT *ctx, const char *def, char *name, size_t namelen)
{
    PJ *p = proj_create(ctx, def);
    if (name) {
        const char *nm = p ? proj_get_name(p) : NULL;
        snprintf(name, namelen, "%s", nm ? nm : def);
    }
    if (!p) return 0;
    PJ_TYPE t = proj_get_type(p);
    if (t == PJ_TYPE_BOUND_CRS) {
        PJ *b = proj_get_source_crs(ctx, p);
        t = b ? proj_get_type(b) : t;
        if (b) proj_destroy(b);
    }
    proj_destroy(p);
    return t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

/* One PROJ context for the program: opening PROJ's database is the slow part of a transform,
 * and a context per transform opened it again each time (a third of the start-up). PROJ is
 * only used from the main thread. */
static PJ_CONTEXT *shared_ctx(void)
{
    static PJ_CONTEXT *ctx;
    if (!ctx) {
        ctx = proj_context_create();
        if (ctx) proj_log_level(ctx, PJ_LOG_NONE); /* errors are reported by us, in one line */
    }
    return ctx;
}

/* What kind of CRS p is, for a map: NULL when it can be one, else why not. A bound CRS (a
 * CRS with a datum shift attached) and a compound CRS (horizontal + height) are judged by
 * their horizontal part. */
static const char *unfit_for_map(PJ_CONTEXT *ctx, PJ *p)
{
    PJ_TYPE t = proj_get_type(p);
    const char *why = NULL;
    if (t == PJ_TYPE_BOUND_CRS || t == PJ_TYPE_COMPOUND_CRS) {
        PJ *base = t == PJ_TYPE_BOUND_CRS ? proj_get_source_crs(ctx, p) : proj_crs_get_sub_crs(ctx, p, 0);
        if (!base) return "a CRS whose horizontal part PROJ cannot tell";
        why = unfit_for_map(ctx, base);
        proj_destroy(base);
        return why;
    }
    switch (t) {
    case PJ_TYPE_GEOGRAPHIC_2D_CRS:
    case PJ_TYPE_GEOGRAPHIC_3D_CRS:
    case PJ_TYPE_PROJECTED_CRS:
        break;
    case PJ_TYPE_VERTICAL_CRS: return "a vertical CRS (heights only), which has no map";
    case PJ_TYPE_GEOCENTRIC_CRS: return "a geocentric CRS (x, y, z from the Earth's centre), which has no map";
    case PJ_TYPE_TEMPORAL_CRS: return "a temporal CRS, which has no map";
    case PJ_TYPE_ENGINEERING_CRS: return "an engineering (local) CRS, which PROJ cannot relate to longitude and latitude";
    default: return "not a coordinate reference system (a coordinate operation or pipeline)";
    }
    /* a rotated pole (ob_tran) is read as a geographic CRS, but its "longitudes" are not ours */
    const char *ps = proj_as_proj_string(ctx, p, PJ_PROJ_5, NULL);
    if (ps && strstr(ps, "ob_tran")) return "a rotated-pole (ob_tran) CRS, which is not supported";
    return NULL;
}

/* Definitions found fit for a map, by their text: the base layers' .prj files are the same
 * WKT, and PROJ took several milliseconds to read it again for each. Main thread only. */
enum { CHECKED = 8 };
static char *checked[CHECKED];

static int check_uncached(const char *def, char *err, size_t errlen);

int crs_check(const char *def, char *err, size_t errlen)
{
    for (int i = 0; i < CHECKED && checked[i]; i++)
        if (strcmp(checked[i], def) == 0) return 0;
    if (check_uncached(def, err, errlen) != 0) return -1;
    for (int i = 0; i < CHECKED; i++)
        if (!checked[i]) {
            checked[i] = strdup(def); /* NULL when out of memory: not remembered, still fine */
            break;
        }
    return 0;
}

static int check_uncached(const char *def, char *err, size_t errlen)
{
    PJ_CONTEXT *ctx = shared_ctx();
    PJ *p = proj_create(ctx, def);
    int ok = p && (proj_get_type(p) != PJ_TYPE_UNKNOWN);
    if (!ok) {
        int e = proj_context_errno(ctx);
        const char *why = e ? proj_context_errno_string(ctx, e) : NULL;
        if (why && strncmp(why, "Unknown error", 13) == 0) why = NULL;
        snprintf(err, errlen, "not a coordinate reference system PROJ knows%s%s%s (expected an EPSG code such as EPSG:3857, "
                 "a PROJ string or WKT)", why ? " (" : "", why ? why : "", why ? ")" : "");
        if (p) proj_destroy(p);
        return -1;
    }
    /* a PROJ string without +type=crs is read as an operation: read it again as a CRS, which
     * a pipeline (or anything else that is not one) cannot be */
    if (!proj_is_crs(p) && strchr(def, '+') && !strstr(def, "type=crs")) {
        size_t n = strlen(def) + 16;
        char *d2 = malloc(n);
        PJ *q = NULL;
        if (d2) {
            snprintf(d2, n, "%s +type=crs", def);
            q = strstr(def, "pipeline") ? NULL : proj_create(ctx, d2);
            free(d2);
        }
        if (q) {
            proj_destroy(p);
            p = q;
        }
    }
    const char *why = unfit_for_map(ctx, p);
    proj_destroy(p);
    if (why) {
        snprintf(err, errlen, "%s (expected a geographic or projected CRS: an EPSG code such as EPSG:3857, a PROJ string "
                 "or WKT)", why);
        return -1;
    }
    return 0;
}

/* Transforms made, kept while in use: the base layers' .prj files and the events all say
 * WGS 84 in their own words, and PROJ took 30-110 ms to build each of the four identical
 * transforms at start-up. A request whose source is the same CRS (PROJ's equivalence, axis
 * order aside: every transform here works in lon/lat order) and whose target is the same
 * definition gets the one already made. Main thread only, as PROJ is. */
enum { MEMO = 8, ALIASES = 4 };
static struct memo {
    char *dst;
    PJ *src;               /* the source CRS, to compare */
    char *said[ALIASES];   /* source definitions found to be it, by their text: no PROJ at all */
    cm_crs *c;
    int refs;
} memo[MEMO];

static void remember(struct memo *m, const char *src)
{
    for (int k = 0; k < ALIASES; k++)
        if (!m->said[k]) {
            m->said[k] = strdup(src);
            return;
        }
}

static cm_crs *crs_build(const char *src, const char *dst, char *err, size_t errlen);

cm_crs *crs_create(const char *src, const char *dst, char *err, size_t errlen)
{
    PJ_CONTEXT *ctx = shared_ctx();
    for (int i = 0; i < MEMO; i++)
        for (int k = 0; memo[i].c && k < ALIASES && memo[i].said[k]; k++)
            if (strcmp(memo[i].said[k], src) == 0 && strcmp(memo[i].dst, dst) == 0) {
                memo[i].refs++;
                return memo[i].c;
            }
    PJ *s = proj_create(ctx, src);
    for (int i = 0; s && i < MEMO; i++)
        if (memo[i].c && strcmp(memo[i].dst, dst) == 0 &&
            proj_is_equivalent_to(s, memo[i].src, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS)) {
            proj_destroy(s);
            remember(&memo[i], src);
            memo[i].refs++;
            return memo[i].c;
        }
    cm_crs *c = crs_build(src, dst, err, errlen);
    for (int i = 0; c && s && i < MEMO; i++)
        if (!memo[i].c) {
            memo[i].dst = strdup(dst);
            if (!memo[i].dst) break;
            memo[i].src = s;
            memo[i].c = c;
            memo[i].refs = 1;
            remember(&memo[i], src);
            return c;
        }
    if (s) proj_destroy(s);
    return c;
}

static void crs_free(cm_crs *c);

void crs_destroy(cm_crs *c)
{
    if (!c) return;
    for (int i = 0; i < MEMO; i++)
        if (memo[i].c == c) {
            if (--memo[i].refs > 0) return;
            proj_destroy(memo[i].src);
            free(memo[i].dst);
            for (int k = 0; k < ALIASES; k++) free(memo[i].said[k]);
            memset(&memo[i], 0, sizeof memo[i]);
            break;
        }
    crs_free(c);
}

static cm_crs *crs_build(const char *src, const char *dst, char *err, size_t errlen)
{
    PJ_CONTEXT *ctx = shared_ctx();
    cm_crs *c = calloc(1, sizeof *c);
    if (!c) { snprintf(err, errlen, "out of memory"); return NULL; }
    PJ *raw = proj_create_crs_to_crs(ctx, src, dst, NULL);
    if (!raw) { /* say which side PROJ could not read */
        if (crs_check(src, err, errlen) == 0 && crs_check(dst, err, errlen) == 0)
            snprintf(err, errlen, "no transformation from '%.60s' to '%.60s'", src, dst);
        crs_free(c);
        return NULL;
    }
    c->pj = proj_normalize_for_visualization(ctx, raw);
    proj_destroy(raw);
    if (!c->pj) {
        snprintf(err, errlen, "cannot normalise axis order for '%.60s'", dst);
        crs_free(c);
        return NULL;
    }
    c->src_geographic = is_geographic(ctx, src, NULL, 0);
    c->dst_geographic = is_geographic(ctx, dst, c->name, sizeof c->name); /* and its name, from one reading */
    return c;
}

/* Transforms n points. PROJ sets an error code for a point it cannot transform but may
 * still write finite numbers there (a point outside a conic projection's domain): when the
 * batch reports an error, the points are done again one by one and each that fails becomes
 * HUGE_VAL. A pole (|lat| of 90) from longitude and latitude is also refused when the map
 * stretches it without bound (Mercator sends it to a finite but meaningless 2.4e8 m): its
 * neighbour 1e-5 degrees away must land within 1000 times the ground distance. */
static size_t run(const cm_crs *c, PJ_DIRECTION dir, double *x, double *y, size_t stride, size_t n)
{
    if (n == 0) return 0;
    size_t sb = stride * sizeof(double);
    double *keep = malloc(sizeof(double) * 2 * n);
    if (keep)
        for (size_t i = 0; i < n; i++) {
            keep[2 * i] = x[i * stride];
            keep[2 * i + 1] = y[i * stride];
        }
    proj_errno_reset(c->pj);
    proj_trans_generic(c->pj, dir, x, sb, n, y, sb, n, NULL, 0, 0, NULL, 0, 0);
    int batch_err = proj_errno(c->pj);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        double *px = x + i * stride, *py = y + i * stride;
        int fail = !isfinite(*px) || !isfinite(*py);
        if (!fail && keep && batch_err) {
            proj_errno_reset(c->pj);
            PJ_COORD r = proj_trans(c->pj, dir, proj_coord(keep[2 * i], keep[2 * i + 1], 0, 0));
            fail = proj_errno(c->pj) != 0 || !isfinite(r.xy.x) || !isfinite(r.xy.y);
        }
        if (!fail && keep && dir == PJ_FWD && c->src_geographic && fabs(keep[2 * i + 1]) >= 90 - 1e-9) {
            double lat = keep[2 * i + 1], step = lat > 0 ? -1e-5 : 1e-5;
            proj_errno_reset(c->pj);
            PJ_COORD q = proj_trans(c->pj, PJ_FWD, proj_coord(keep[2 * i], lat + step, 0, 0));
            double d = hypot(q.xy.x - *px, q.xy.y - *py), ground = 1e-5 * 111195.0;
            if (c->dst_geographic) ground = 1e-5;
            fail = proj_errno(c->pj) != 0 || !isfinite(d) || d > 1000 * ground;
        }
        if (fail) { *px = *py = HUGE_VAL; bad++; }
    }
    proj_errno_reset(c->pj);
    free(keep);
    return bad;
}

size_t crs_forward(const cm_crs *c, double *x, double *y, size_t stride, size_t n)
{
    return run(c, PJ_FWD, x, y, stride, n);
}

size_t crs_inverse(const cm_crs *c, double *x, double *y, size_t stride, size_t n)
{
    return run(c, PJ_INV, x, y, stride, n);
}

const char *crs_target_name(const cm_crs *c) { return c->name; }

static void crs_free(cm_crs *c)
{
    if (!c) return;
    if (c->pj) proj_destroy(c->pj);
    free(c);
}
