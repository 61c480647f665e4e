/* geometry: see geometry.h. GEOS does the hard parts (triangulation, inscribed circle). */
#include "geo/geometry.h"

#include <geos_c.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ring_contains(const cm_xy *p, int n, double x, double y)
{
    int in = 0;
    for (int i = 0, j = n - 1; i < n; j = i++)
        if (((p[i].y > y) != (p[j].y > y)) &&
            (x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x))
            in = !in;
    return in;
}

/* The edge index (geom_index): one block. Ring r's edges are sorted into nb bands of equal
 * height over [y0, y0 + nb / inv); band k of ring r lists, from edge[start[base + k]] to
 * edge[start[base + k + 1]], the ring-local indexes i of the edges (i - 1, i) (wrapping) whose
 * heights meet it. An edge crossed by the horizontal through y has min y <= y < max y, so it is
 * in y's band: counting crossings over the band's edges gives the same parity as over all. */
typedef struct {
    double y0, inv;
    int nb, base;  /* bands, and the ring's first entry in start */
} ring_bands;
typedef struct {
    int nrings;
    ring_bands *rb;
    int *start;    /* per ring nb + 1 offsets into edge */
    int *edge;
} edge_index;

static int band_of(const ring_bands *b, double y)
{
    double k = floor((y - b->y0) * b->inv);
    return k < 0 ? -1 : k >= b->nb ? b->nb : (int)k;
}

/* the bands edge (i - 1, i) of a ring of n points meets, clamped to the ring's */
static void edge_bands(const ring_bands *b, const cm_xy *p, int n, int i, int *k0, int *k1)
{
    int j = i ? i - 1 : n - 1;
    int a = band_of(b, fmin(p[i].y, p[j].y)), c = band_of(b, fmax(p[i].y, p[j].y));
    *k0 = a < 0 ? 0 : a >= b->nb ? b->nb - 1 : a;
    *k1 = c < 0 ? 0 : c >= b->nb ? b->nb - 1 : c;
}

static int ring_contains_banded(const cm_xy *p, int n, const ring_bands *rb, const int *start, const int *edge, double x,
                                double y)
{
    int k = band_of(rb, y);
    if (k < 0) return 0;             /* below the ring: no edge is crossed */
    if (k >= rb->nb) k = rb->nb - 1; /* at or above its top (or rounded there): its top band decides */
    int in = 0;
    for (int e = start[rb->base + k]; e < start[rb->base + k + 1]; e++) {
        int i = edge[e], j = i ? i - 1 : n - 1;
        if (((p[i].y > y) != (p[j].y > y)) && (x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x))
            in = !in;
    }
    return in;
}

int geom_index(cm_shapes *s)
{
    if (s->kind != CM_GEOM_POLYGON || s->bands || s->nrings <= 0) return 0;
    ring_bands *rb = malloc(sizeof *rb * (size_t)s->nrings);
    if (!rb) return -1;
    size_t nstart = 0, nedge = 0;
    for (int r = 0; r < s->nrings; r++) { /* each ring's bands, and how many (edge, band) entries */
        const cm_xy *p = s->pts + s->ring_off[r];
        int n = s->ring_off[r + 1] - s->ring_off[r];
        double lo = n ? p[0].y : 0, hi = lo;
        for (int i = 1; i < n; i++) lo = fmin(lo, p[i].y), hi = fmax(hi, p[i].y);
        ring_bands *b = &rb[r];
        b->nb = n / 2 < 1 ? 1 : n / 2 > 1024 ? 1024 : n / 2;
        b->y0 = lo;
        b->inv = hi > lo ? b->nb / (hi - lo) : 0;
        b->base = (int)nstart;
        nstart += (size_t)b->nb + 1;
        for (int i = 0; i < n; i++) {
            int k0, k1;
            edge_bands(b, p, n, i, &k0, &k1);
            nedge += (size_t)(k1 - k0 + 1);
        }
    }
    size_t bytes = sizeof(edge_index) + sizeof(ring_bands) * (size_t)s->nrings + sizeof(int) * (nstart + nedge);
    edge_index *x = malloc(bytes);
    int *fill = malloc(sizeof(int) * nstart);
    if (!x || !fill) { free(rb); free(x); free(fill); return -1; }
    x->nrings = s->nrings;
    x->rb = (ring_bands *)(x + 1);
    x->start = (int *)(x->rb + s->nrings);
    x->edge = x->start + nstart;
    memcpy(x->rb, rb, sizeof *rb * (size_t)s->nrings);
    free(rb);
    /* entries per band, then each band's first entry, then the entries */
    memset(x->start, 0, sizeof(int) * nstart);
    for (int r = 0; r < s->nrings; r++) {
        const cm_xy *p = s->pts + s->ring_off[r];
        int n = s->ring_off[r + 1] - s->ring_off[r];
        const ring_bands *b = &x->rb[r];
        for (int i = 0; i < n; i++) {
            int k0, k1;
            edge_bands(b, p, n, i, &k0, &k1);
            for (int k = k0; k <= k1; k++) x->start[b->base + k + 1]++;
        }
    }
    int at = 0;
    for (int r = 0; r < s->nrings; r++) {
        const ring_bands *b = &x->rb[r];
        x->start[b->base] = at;
        for (int k = 0; k < b->nb; k++) {
            at += x->start[b->base + k + 1];
            x->start[b->base + k + 1] = at;
        }
    }
    memcpy(fill, x->start, sizeof(int) * nstart);
    for (int r = 0; r < s->nrings; r++) {
        const cm_xy *p = s->pts + s->ring_off[r];
        int n = s->ring_off[r + 1] - s->ring_off[r];
        const ring_bands *b = &x->rb[r];
        for (int i = 0; i < n; i++) {
            int k0, k1;
            edge_bands(b, p, n, i, &k0, &k1);
            for (int k = k0; k <= k1; k++) x->edge[fill[b->base + k]++] = i;
        }
    }
    free(fill);
    s->bands = x;
    return 0;
}

int geom_feature_contains(const cm_shapes *s, int i, double x, double y)
{
    const cm_feature *f = &s->features[i];
    if (s->kind != CM_GEOM_POLYGON || f->nrings == 0) return 0;
    if (x < f->bbox[0] || x > f->bbox[2] || y < f->bbox[1] || y > f->bbox[3]) return 0;
    const edge_index *ix = s->bands;
    int in = 0;
    for (int r = f->ring0; r < f->ring0 + f->nrings; r++) {
        int a = s->ring_off[r], b = s->ring_off[r + 1];
        int hit = ix ? ring_contains_banded(s->pts + a, b - a, &ix->rb[r], ix->start, ix->edge, x, y)
                     : ring_contains(s->pts + a, b - a, x, y);
        if (hit) in = !in;
    }
    return in;
}

int geom_find_feature(const cm_shapes *s, double x, double y)
{
    for (int i = 0; i < s->nfeatures; i++)
        if (geom_feature_contains(s, i, x, y)) return i;
    return -1;
}

/* ---- GEOS helpers ---- */

static void geos_quiet(const char *fmt, ...) { (void)fmt; }

static GEOSContextHandle_t geos_open(void)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSContext_setNoticeHandler_r(h, geos_quiet);
    GEOSContext_setErrorHandler_r(h, geos_quiet);
    return h;
}

static GEOSGeometry *make_ring(GEOSContextHandle_t h, const cm_shapes *s, int r)
{
    int a = s->ring_off[r], n = s->ring_off[r + 1] - a;
    GEOSCoordSequence *cs = GEOSCoordSeq_create_r(h, n + 1, 2);
    for (int k = 0; k < n; k++) GEOSCoordSeq_setXY_r(h, cs, k, s->pts[a + k].x, s->pts[a + k].y);
    GEOSCoordSeq_setXY_r(h, cs, n, s->pts[a].x, s->pts[a].y); /* closed even if the file was not */
    return GEOSGeom_createLinearRing_r(h, cs);
}

/* Builds a (multi)polygon: each outer ring with the holes that lie inside it. */
static GEOSGeometry *feature_geom(GEOSContextHandle_t h, const cm_shapes *s, int i)
{
    const cm_feature *f = &s->features[i];
    int nouter = 0;
    for (int r = f->ring0; r < f->ring0 + f->nrings; r++) nouter += !s->ring_hole[r];
    if (nouter == 0) return NULL;
    GEOSGeometry **polys = calloc(nouter, sizeof *polys);
    GEOSGeometry **holes = calloc(f->nrings, sizeof *holes);
    int np = 0;
    for (int r = f->ring0; r < f->ring0 + f->nrings; r++) {
        if (s->ring_hole[r]) continue;
        int a = s->ring_off[r], n = s->ring_off[r + 1] - a, nh = 0;
        for (int q = f->ring0; q < f->ring0 + f->nrings; q++) {
            if (!s->ring_hole[q]) continue;
            cm_xy hp = s->pts[s->ring_off[q]];
            if (ring_contains(s->pts + a, n, hp.x, hp.y)) holes[nh++] = make_ring(h, s, q);
        }
        polys[np++] = GEOSGeom_createPolygon_r(h, make_ring(h, s, r), holes, nh);
    }
    free(holes);
    GEOSGeometry *g = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys, np);
    free(polys);
    return g;
}

int geom_triangulate(const cm_shapes *s, int i, cm_mesh *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    if (s->kind != CM_GEOM_POLYGON || s->features[i].nrings == 0) return 0;
    GEOSContextHandle_t h = geos_open();
    GEOSGeometry *g = feature_geom(h, s, i);
    int rc = -1;
    if (!g) { snprintf(err, errlen, "polygon %d has holes but no outer ring", i + 1); goto out; }
    if (!GEOSisValid_r(h, g)) {
        char *why = GEOSisValidReason_r(h, g);
        snprintf(err, errlen, "polygon %d is not valid (%s)", i + 1, why ? why : "?");
        if (why) GEOSFree_r(h, why);
        GEOSGeom_destroy_r(h, g);
        goto out;
    }
    GEOSGeometry *t = GEOSConstrainedDelaunayTriangulation_r(h, g);
    GEOSGeom_destroy_r(h, g);
    if (!t) { snprintf(err, errlen, "polygon %d could not be triangulated", i + 1); goto out; }
    int n = GEOSGetNumGeometries_r(h, t);
    m->ox = s->features[i].bbox[0];
    m->oy = s->features[i].bbox[1];
    m->xy = malloc(sizeof(float) * 6 * (n ? n : 1));
    for (int k = 0; k < n && m->xy; k++) {
        const GEOSGeometry *tri = GEOSGetGeometryN_r(h, t, k);
        const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, tri));
        for (int v = 0; v < 3; v++) {
            double x, y;
            GEOSCoordSeq_getXY_r(h, cs, v, &x, &y);
            m->xy[m->ntri * 6 + v * 2] = (float)(x - m->ox);
            m->xy[m->ntri * 6 + v * 2 + 1] = (float)(y - m->oy);
        }
        m->ntri++;
    }
    GEOSGeom_destroy_r(h, t);
    rc = m->xy ? 0 : -1;
    if (rc) snprintf(err, errlen, "out of memory");
out:
    GEOS_finish_r(h);
    return rc;
}

void geom_mesh_free(cm_mesh *m)
{
    free(m->xy);
    memset(m, 0, sizeof *m);
}

int geom_label_point(const cm_shapes *s, int i, const double *clip, cm_xy *out, double *r)
{
    const cm_feature *f = &s->features[i];
    out->x = (f->bbox[0] + f->bbox[2]) / 2;
    out->y = (f->bbox[1] + f->bbox[3]) / 2;
    *r = 0;
    if (s->kind != CM_GEOM_POLYGON || f->nrings == 0) return -1;
    GEOSContextHandle_t h = geos_open();
    GEOSGeometry *g = feature_geom(h, s, i);
    int rc = -1;
    if (g && clip) {
        GEOSGeometry *box = GEOSGeom_createRectangle_r(h, clip[0], clip[1], clip[2], clip[3]);
        GEOSGeometry *cut = box ? GEOSIntersection_r(h, g, box) : NULL;
        if (box) GEOSGeom_destroy_r(h, box);
        GEOSGeom_destroy_r(h, g);
        g = cut;
        if (g && GEOSisEmpty_r(h, g)) { GEOSGeom_destroy_r(h, g); g = NULL; }
    }
    if (g) {
        double tol = fmax(f->bbox[2] - f->bbox[0], f->bbox[3] - f->bbox[1]) / 500.0;
        GEOSGeometry *c = GEOSMaximumInscribedCircle_r(h, g, tol);
        if (c) {
            const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, c);
            double x1, y1, x2, y2;
            if (cs && GEOSCoordSeq_getXY_r(h, cs, 0, &x1, &y1) && GEOSCoordSeq_getXY_r(h, cs, 1, &x2, &y2)) {
                out->x = x1; out->y = y1;
                *r = hypot(x2 - x1, y2 - y1);
                rc = 0;
            }
            GEOSGeom_destroy_r(h, c);
        }
        GEOSGeom_destroy_r(h, g);
    }
    GEOS_finish_r(h);
    return rc;
}

static void add_ring(GEOSContextHandle_t h, const GEOSGeometry *ring, cm_rings *out, int *cap_r, int *cap_p)
{
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n) || n < 4) return;
    if (out->nrings + 2 > *cap_r) {
        *cap_r = *cap_r * 2 + 8;
        int *no = realloc(out->off, sizeof(int) * (*cap_r + 1));
        if (!no) return;
        out->off = no;
    }
    int np = out->off[out->nrings];
    if (np + (int)n > *cap_p) {
        *cap_p = (*cap_p + (int)n) * 2;
        cm_xy *pp = realloc(out->pts, sizeof(cm_xy) * *cap_p);
        if (!pp) return;
        out->pts = pp;
    }
    for (unsigned k = 0; k < n; k++) GEOSCoordSeq_getXY_r(h, cs, k, &out->pts[np + k].x, &out->pts[np + k].y);
    out->off[++out->nrings] = np + (int)n;
}

int geom_union_outline(const cm_shapes *s, double min_area, cm_rings *out)
{
    memset(out, 0, sizeof *out);
    out->off = calloc(1, sizeof(int));
    if (!out->off) return -1;
    if (s->kind != CM_GEOM_POLYGON || s->nfeatures == 0) return 0;
    GEOSContextHandle_t h = geos_open();
    GEOSGeometry **parts = calloc(s->nfeatures, sizeof *parts);
    int n = 0;
    for (int i = 0; parts && i < s->nfeatures; i++) {
        GEOSGeometry *g = feature_geom(h, s, i);
        if (g) parts[n++] = g;
    }
    GEOSGeometry *coll = parts ? GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, n) : NULL;
    free(parts);
    GEOSGeometry *u = coll ? GEOSUnaryUnion_r(h, coll) : NULL;
    int cap_r = 0, cap_p = 0;
    for (int k = 0; u && k < GEOSGetNumGeometries_r(h, u); k++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(h, u, k);
        double a = 0;
        GEOSArea_r(h, poly, &a);
        if (a < min_area) continue;
        add_ring(h, GEOSGetExteriorRing_r(h, poly), out, &cap_r, &cap_p);
    }
    if (u) GEOSGeom_destroy_r(h, u);
    if (coll) GEOSGeom_destroy_r(h, coll);
    GEOS_finish_r(h);
    return u ? 0 : -1;
}

void geom_rings_free(cm_rings *r)
{
    free(r->off);
    free(r->pts);
    memset(r, 0, sizeof *r);
}
