/* crs: PROJ transforms in visualisation axis order; see crs.h. */
#include "geo/crs.h"

#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cm_crs {
    PJ *pj;
    char name[128];
};

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

int crs_check(const char *def, char *err, size_t errlen)
{
    PJ_CONTEXT *ctx = shared_ctx();
    PJ *p = proj_create(ctx, def);
    int ok = p && (proj_get_type(p) != PJ_TYPE_UNKNOWN);
    if (!ok) {
        int e = proj_context_errno(ctx);
        const char *why = e ? proj_context_errno_string(ctx, e) : NULL;
        if (why && strncmp(why, "Unknown error", 13) == 0) why = NULL;
        snprintf(err, errlen, "not a coordinate reference system PROJ knows%s%s%s (expected an EPSG code such as EPSG:22770, "
                 "a PROJ string or WKT)", why ? " (" : "", why ? why : "", why ? ")" : "");
    }
    if (p) proj_destroy(p);
    return ok ? 0 : -1;
}

cm_crs *crs_create(const char *src, const char *dst, char *err, size_t errlen)
{
    PJ_CONTEXT *ctx = shared_ctx();
    cm_crs *c = calloc(1, sizeof *c);
    if (!c) { snprintf(err, errlen, "out of memory"); return NULL; }
    PJ *raw = proj_create_crs_to_crs(ctx, src, dst, NULL);
    if (!raw) { /* say which side PROJ could not read */
        if (crs_check(src, err, errlen) == 0 && crs_check(dst, err, errlen) == 0)
            snprintf(err, errlen, "no transformation from '%.60s' to '%.60s'", src, dst);
        crs_destroy(c);
        return NULL;
    }
    c->pj = proj_normalize_for_visualization(ctx, raw);
    proj_destroy(raw);
    if (!c->pj) {
        snprintf(err, errlen, "cannot normalise axis order for '%.60s'", dst);
        crs_destroy(c);
        return NULL;
    }
    PJ *t = proj_create(ctx, dst);
    const char *nm = t ? proj_get_name(t) : NULL;
    snprintf(c->name, sizeof c->name, "%s", nm ? nm : dst);
    if (t) proj_destroy(t);
    return c;
}

static size_t run(const cm_crs *c, PJ_DIRECTION dir, double *x, double *y, size_t stride, size_t n)
{
    if (n == 0) return 0;
    size_t sb = stride * sizeof(double);
    proj_errno_reset(c->pj);
    proj_trans_generic(c->pj, dir, x, sb, n, y, sb, n, NULL, 0, 0, NULL, 0, 0);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        double *px = x + i * stride, *py = y + i * stride;
        if (!isfinite(*px) || !isfinite(*py)) { *px = *py = HUGE_VAL; bad++; }
    }
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

double crs_ground_distance(double lon1, double lat1, double lon2, double lat2)
{
    const double r = 6371008.8, d = M_PI / 180.0;
    double p1 = lat1 * d, p2 = lat2 * d, dp = (lat2 - lat1) * d, dl = (lon2 - lon1) * d;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * r * atan2(sqrt(a), sqrt(1 - a));
}

const char *crs_target_name(const cm_crs *c) { return c->name; }

void crs_destroy(cm_crs *c)
{
    if (!c) return;
    if (c->pj) proj_destroy(c->pj);
    free(c);
}
