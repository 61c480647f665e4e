/* test_cluster: marker layout and clustering (render/overlay: overlay_layout)
 * on a scene built by hand as the window builds it (app_window_view at 1280x800, a --from/--to
 * window over the whole data), with no renderer. Every layout is checked against a model
 * written out here from the documented rule: the point events shown in view (±30 px), and past
 * CM_CLUSTER_AT of them, one mark per cell of a CM_CLUSTER_CELL-pixel grid anchored in map
 * coordinates, counting the cell's events, standing for its newest one and drawn at their mean.
 * Then: the same layout twice, clusters that stay put while panning, splitting while zooming,
 * the threshold itself, a handful of events, and a map CRS with negative coordinates.
 * The events are generated into CM_OUT by build/gen_acled (beside CM_BIN). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "data/catalog.h"
#include "data/date.h"
#include "data/events.h"
#include "options.h"
#include "render/overlay.h"
#include "render/scene.h"
#include "render/view.h"

#define MAP_CRS "EPSG:22770"
#define PAD 30.0f /* the layout keeps points this far outside the view */

static int32_t day(const char *iso)
{
    cm_date d;
    if (date_parse(iso, &d) != 0) fail_msg("bad date in the test: %s", iso);
    return d.day;
}

/* build/gen_acled N path GEODATA; generated once per name and run */
static const char *generated(long n)
{
    static char path[2048];
    char name[64], bin[2048], cmd[8192];
    snprintf(name, sizeof name, "cluster_%ld.csv", n);
    snprintf(path, sizeof path, "%s", outfile(name));
    snprintf(bin, sizeof bin, "%s", env("CM_BIN"));
    snprintf(cmd, sizeof cmd, "'%s/gen_acled' %ld '%s' '%s'", dirname(bin), n, path, env("CM_GEODATA"));
    int rc = system(cmd);
    if (rc != 0) print_error("%s: exit status %d\n", cmd, rc);
    return rc == 0 ? path : NULL;
}

static int load_catalog(cm_catalog *c, const char *crs, const char **files, int nfiles)
{
    char err[2048] = "";
    if (catalog_load(c, env("CM_GEODATA"), crs, err, sizeof err) != 0) {
        print_error("catalog_load: %s\n", err);
        return -1;
    }
    for (int i = 0; i < nfiles; i++)
        if (!files[i] || catalog_add_events(c, files[i], err, sizeof err) != 0) {
            print_error("catalog_add_events(%s): %s\n", files[i] ? files[i] : "(not generated)", err);
            catalog_free(c);
            return -1;
        }
    if (catalog_finish_events(c, err, sizeof err) != 0) {
        print_error("catalog_finish_events: %s\n", err);
        catalog_free(c);
        return -1;
    }
    return 0;
}

/* The scene of a 1280x800 window as it opens (fit Syria), showing [a, b] as a window. */
static void make_scene(cm_scene *sc, const cm_catalog *c, int32_t a, int32_t b)
{
    memset(sc, 0, sizeof *sc);
    sc->cat = c;
    sc->ui = 1;
    cm_options o;
    memset(&o, 0, sizeof o);
    o.w = 1280;
    o.h = 800;
    o.crs = c->map_crs;
    app_window_view(&o, c, &sc->view);
    assert_true(sc->view.w == 1280 && sc->view.h > 600 && sc->view.h < 800 && sc->view.scale > 0);
    sc->when = (cm_when){a, b, 30, 1};
}

static void layout(const cm_scene *sc, cm_marks *m)
{
    overlay_layout(NULL, sc, m);
    assert_true(m->n >= 0 && m->n <= m->cap);
}

/* ------------------------------------------------------------------ the model */

typedef struct {
    int idx;
    long long cx, cy;     /* grid cell */
    float w;              /* weight */
    float px, py;         /* on screen */
} pt;

typedef struct {
    pt *p;                /* point events shown in view, grouped by cell after model() */
    int n;
    int nbadge;           /* shown events off the map */
    double cell;
    int keep;             /* the curated events (strikes .. statements) stay single markers */
} model_t;

/* the project's own categories, kept out of clusters while they are few in view */
static int curated(const cm_event *e) { return catalog_event_layer(e->cat) < CM_LAYER_BATTLES; }

/* An event's grid cell; a kept curated event has a cell of its own. */
static void cell_of(const model_t *m, const cm_event *e, int idx, long long *cx, long long *cy)
{
    if (m->keep && curated(e)) { *cx = LLONG_MIN / 2 + idx; *cy = 0; return; }
    *cx = (long long)floor(e->x / m->cell);
    *cy = (long long)floor(e->y / m->cell);
}

static int offmap(const cm_catalog *c, const cm_event *e)
{
    if (e->offmap) return 1;
    const double *h = c->home;
    double dx = (h[2] - h[0]) * 1.5, dy = (h[3] - h[1]) * 1.5;
    return e->x < h[0] - dx || e->x > h[2] + dx || e->y < h[1] - dy || e->y > h[3] + dy;
}

/* The weight of a point event as events.h states it. */
static float weight(const cm_event *e, const cm_when *w)
{
    if (e->first > w->b) return 0;
    if (e->last == CM_DAY_NEVER || e->last >= w->a) return 1;
    if (w->window || w->fade <= 0) return 0;
    int32_t age = w->a - e->last;
    return age > w->fade ? 0 : 1.0f - 0.75f * (float)age / (float)w->fade;
}

static int by_cell(const void *a, const void *b)
{
    const pt *x = a, *y = b;
    if (x->cx != y->cx) return x->cx < y->cx ? -1 : 1;
    if (x->cy != y->cy) return x->cy < y->cy ? -1 : 1;
    return x->idx - y->idx;
}

static void model(const cm_scene *sc, model_t *m)
{
    const cm_events *s = &sc->cat->events;
    const cm_view *v = &sc->view;
    memset(m, 0, sizeof *m);
    m->p = malloc(sizeof *m->p * (size_t)(s->n ? s->n : 1));
    assert_non_null(m->p);
    m->cell = CM_CLUSTER_CELL * sc->ui / v->scale;
    for (int i = 0; i < s->n; i++) {
        const cm_event *e = &s->ev[i];
        if (!e->has_point || e->is_area) continue;
        if (!sc->cat->layers[catalog_event_layer(e->cat)].visible) continue;
        float w = weight(e, &sc->when);
        if (w <= 0) continue;
        if (e->offmap) { m->nbadge++; continue; }
        if (offmap(sc->cat, e)) continue; /* far outside the map: not drawn (in the notice) */
        pt p = {i, (long long)floor(e->x / m->cell), (long long)floor(e->y / m->cell), w, 0, 0};
        view_to_screen(v, e->x, e->y, &p.px, &p.py);
        if (p.px < v->x0 - PAD || p.py < v->y0 - PAD || p.px > v->x0 + v->w + PAD || p.py > v->y0 + v->h + PAD) continue;
        m->p[m->n++] = p;
    }
    int ncur = 0;
    for (int i = 0; i < m->n; i++) ncur += curated(&s->ev[m->p[i].idx]);
    m->keep = m->n > CM_CLUSTER_AT && ncur <= CM_CLUSTER_AT;
    for (int i = 0; i < m->n; i++) cell_of(m, &s->ev[m->p[i].idx], m->p[i].idx, &m->p[i].cx, &m->p[i].cy);
    qsort(m->p, (size_t)m->n, sizeof *m->p, by_cell);
}

/* The run of points in cell (cx, cy): its first index, or -1; *len its length. */
static int cell_run(const model_t *m, long long cx, long long cy, int *len)
{
    int lo = 0, hi = m->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (m->p[mid].cx < cx || (m->p[mid].cx == cx && m->p[mid].cy < cy)) lo = mid + 1;
        else hi = mid;
    }
    int k = lo;
    while (k < m->n && m->p[k].cx == cx && m->p[k].cy == cy) k++;
    *len = k - lo;
    return *len ? lo : -1;
}

static int ncells(const model_t *m)
{
    int n = 0;
    for (int i = 0; i < m->n; i++) n += i == 0 || m->p[i].cx != m->p[i - 1].cx || m->p[i].cy != m->p[i - 1].cy;
    return n;
}

static int sum_counts(const cm_marks *mk, int *nmarks, int *nclusters, int *nbadges)
{
    int sum = 0, n = 0, c = 0, b = 0;
    for (int i = 0; i < mk->n; i++) {
        if (mk->m[i].badge) { b++; continue; }
        sum += mk->m[i].count;
        n++;
        c += mk->m[i].count > 1;
    }
    if (nmarks) *nmarks = n;
    if (nclusters) *nclusters = c;
    if (nbadges) *nbadges = b;
    return sum;
}

/* Checks a layout against the model; returns the number of point events shown in view. */
static int check_layout(const cm_scene *sc, const cm_marks *mk)
{
    const cm_events *s = &sc->cat->events;
    model_t m;
    model(sc, &m);
    int nmarks, nbadges, sum = sum_counts(mk, &nmarks, NULL, &nbadges);
    if (sum != m.n) print_error("the marks count %d events, %d point events are shown in view\n", sum, m.n);
    assert_int_equal(sum, m.n);
    assert_int_equal(nbadges, m.nbadge);
    for (int i = 0; i < mk->n; i++) {
        const cm_mark *k = &mk->m[i];
        assert_true(k->idx >= 0 && k->idx < s->n);
        if (k->badge) {
            assert_int_equal(k->count, 1);
            assert_true(s->ev[k->idx].offmap); /* only curated off-map events are badges */
        }
    }
    if (m.n <= CM_CLUSTER_AT) {
        /* no clusters: one mark per event, at its true place (px, py) */
        assert_int_equal(nmarks, m.n);
        char *seen = calloc((size_t)s->n + 1, 1);
        assert_non_null(seen);
        for (int i = 0; i < mk->n; i++) {
            const cm_mark *k = &mk->m[i];
            if (k->badge) continue;
            assert_int_equal(k->count, 1);
            assert_false(seen[k->idx]);
            seen[k->idx] = 1;
            float x, y;
            view_to_screen(&sc->view, s->ev[k->idx].x, s->ev[k->idx].y, &x, &y);
            assert_true(fabsf(k->px - x) < 0.01f && fabsf(k->py - y) < 0.01f);
            /* and drawn there: a marker is never moved away from its place (a stack's
             * members sit under its top marker, within CM_STACK_PX) */
            float tol = CM_STACK_PX * sc->ui + 0.01f;
            if (fabsf(k->x - x) > tol || fabsf(k->y - y) > tol)
                print_error("event %d drawn at (%.1f,%.1f), its place is (%.1f,%.1f)\n", k->idx, k->x, k->y, x, y);
            assert_true(fabsf(k->x - x) <= tol && fabsf(k->y - y) <= tol);
        }
        for (int i = 0; i < m.n; i++) assert_true(seen[m.p[i].idx]);
        free(seen);
        free(m.p);
        return m.n;
    }
    /* clusters: one mark per non-empty cell */
    int cells = ncells(&m);
    if (nmarks != cells) print_error("%d marks for %d non-empty grid cells\n", nmarks, cells);
    assert_int_equal(nmarks, cells);
    char *used = calloc((size_t)m.n + 1, 1);
    assert_non_null(used);
    for (int i = 0; i < mk->n; i++) {
        const cm_mark *k = &mk->m[i];
        if (k->badge) continue;
        const cm_event *lead = &s->ev[k->idx];
        long long cx, cy;
        cell_of(&m, lead, k->idx, &cx, &cy);
        int len, r = cell_run(&m, cx, cy, &len);
        if (r < 0) print_error("mark %d (event %s) is in a cell with no shown event\n", i, lead->id);
        assert_true(r >= 0);
        assert_false(used[r]); /* one mark a cell */
        used[r] = 1;
        if (k->count != len) print_error("mark %d (event %s): count %d, its cell holds %d\n", i, lead->id, k->count, len);
        assert_int_equal(k->count, len);
        /* it stands for its newest event: in a window (all weights 1) the latest in the store
         * (the store is in date order); on a day with fading, the latest to start or the
         * freshest (highest weight, then latest in the store) */
        int best = r, latest = r;
        int32_t first_max = INT32_MIN;
        double sx = 0, sy = 0, wb[4] = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
        int layers[CM_LAYER_COUNT] = {0};
        float wmax = 0;
        for (int j = r; j < r + len; j++) {
            const pt *p = &m.p[j];
            if (p->w > m.p[best].w || (p->w == m.p[best].w && p->idx > m.p[best].idx)) best = j;
            if (p->idx > m.p[latest].idx) latest = j;
            if (s->ev[p->idx].first > first_max) first_max = s->ev[p->idx].first;
            const cm_event *e = &s->ev[p->idx];
            sx += e->x;
            sy += e->y;
            wb[0] = fmin(wb[0], e->x);
            wb[1] = fmin(wb[1], e->y);
            wb[2] = fmax(wb[2], e->x);
            wb[3] = fmax(wb[3], e->y);
            layers[catalog_event_layer(e->cat)]++;
            if (p->w > wmax) wmax = p->w;
        }
        int member = 0;
        for (int j = r; j < r + len; j++) member |= m.p[j].idx == k->idx;
        if (!member) print_error("mark %d stands for event %s, which is not in its cell\n", i, lead->id);
        assert_true(member);
        if (sc->when.window) assert_int_equal(k->idx, m.p[latest].idx);
        else assert_true(k->idx == m.p[best].idx || lead->first == first_max);
        assert_true(fabsf(k->weight - wmax) < 1e-6f);
        if (len > 1) {
            /* at the mean of its events; its extent is theirs */
            float x, y;
            view_to_screen(&sc->view, sx / len, sy / len, &x, &y);
            if (fabsf(k->x - x) > 0.01f || fabsf(k->y - y) > 0.01f)
                print_error("cluster of %d at (%g, %g), the mean of its events is at (%g, %g)\n", len, k->x, k->y, x, y);
            assert_true(fabsf(k->x - x) < 0.01f && fabsf(k->y - y) < 0.01f);
            for (int q = 0; q < 4; q++) assert_true(fabs(k->wb[q] - wb[q]) < 1e-6);
        } else {
            assert_true(fabsf(k->x - m.p[r].px) < 0.01f && fabsf(k->y - m.p[r].py) < 0.01f);
        }
        /* its layer is the most common one among its events (ties: the lead's) */
        int bl = catalog_event_layer(lead->cat);
        for (int l = 0; l < CM_LAYER_COUNT; l++)
            if (layers[l] > layers[bl]) bl = l;
        assert_int_equal(k->layer, bl);
        /* a cluster's mix (its divided ring, its breakdown) is its events by layer */
        if (len > 1) {
            const int *mix = overlay_mix(mk, i);
            assert_non_null(mix);
            for (int l = 0; l < CM_LAYER_COUNT; l++) assert_int_equal(mix[l], layers[l]);
        } else if (m.keep && curated(lead)) {
            assert_int_equal(k->count, 1); /* a curated event, never in a cluster */
        }
    }
    free(used);
    free(m.p);
    return m.n;
}

static void expect_same_layout(const cm_marks *a, const cm_marks *b)
{
    assert_int_equal(a->n, b->n);
    for (int i = 0; i < a->n; i++) {
        const cm_mark *x = &a->m[i], *y = &b->m[i];
        if (x->idx != y->idx || x->count != y->count || x->x != y->x || x->y != y->y || x->badge != y->badge)
            print_error("mark %d differs: idx %d/%d count %d/%d at (%g, %g)/(%g, %g)\n", i, x->idx, y->idx, x->count, y->count,
                        x->x, x->y, y->x, y->y);
        assert_int_equal(x->idx, y->idx);
        assert_int_equal(x->count, y->count);
        assert_int_equal(x->badge, y->badge);
        assert_true(x->x == y->x && x->y == y->y);
    }
}

/* ------------------------------------------------------------------ 20,000 generated events */

static cm_catalog big;
static int big_ok;

static int setup_big(void **state)
{
    (void)state;
    const char *files[2] = {default_events(), generated(20000)};
    if (load_catalog(&big, MAP_CRS, files, 2) != 0) return -1;
    big_ok = 1;
    return 0;
}

static int teardown_big(void **state)
{
    (void)state;
    if (big_ok) catalog_free(&big);
    big_ok = 0;
    return 0;
}

static void whole_window(cm_scene *sc)
{
    make_scene(sc, &big, big.events.span_first, big.events.span_last);
    /* the generator's two years, and the default data's (2024-01-01 .. 2025-08-19); an event
     * dated to a week around one of the first days starts up to 3 days earlier */
    assert_true(sc->when.a >= day("2023-12-29") && sc->when.a <= day("2024-01-01"));
    assert_true(sc->when.b >= day("2025-12-01") && sc->when.b <= day("2026-01-03"));
}

static void test_clusters_appear(void **state)
{
    (void)state;
    assert_int_equal(big.events.n, 20000 + 24);
    cm_scene sc;
    whole_window(&sc);
    cm_marks mk = {0};
    layout(&sc, &mk);
    int nmarks, nclusters, nbadges, sum = sum_counts(&mk, &nmarks, &nclusters, &nbadges);
    print_message("%d point events in view -> %d marks, %d of them clusters; %d badges\n", sum, nmarks, nclusters, nbadges);
    assert_true(sum > CM_CLUSTER_AT);
    assert_true(sum > 19000); /* the window shows nearly all of Syria's events */
    assert_true(nclusters > 0);
    assert_true(nmarks < sum);
    assert_true(nbadges > 0); /* the default data's off-map events stay badges */
    int shown = check_layout(&sc, &mk);
    assert_int_equal(shown, sum);
    overlay_marks_free(&mk);
}

static void test_layout_deterministic(void **state)
{
    (void)state;
    cm_scene sc;
    whole_window(&sc);
    cm_marks a = {0}, b = {0};
    layout(&sc, &a);
    layout(&sc, &b);
    expect_same_layout(&a, &b);
    /* and into a used list: the same again */
    layout(&sc, &a);
    expect_same_layout(&a, &b);
    overlay_marks_free(&a);
    overlay_marks_free(&b);
}

/* The screen rectangle of a grid cell lies inside the laid-out area (the view ±30 px) with a
 * pixel to spare: all of its events are in or out of the layout together. */
static int cell_inside(const cm_scene *sc, double cell, long long cx, long long cy)
{
    const cm_view *v = &sc->view;
    float x0, y0, x1, y1;
    view_to_screen(v, (double)cx * cell, (double)cy * cell, &x0, &y1);
    view_to_screen(v, (double)(cx + 1) * cell, (double)(cy + 1) * cell, &x1, &y0);
    return x0 > v->x0 - PAD + 1 && x1 < v->x0 + v->w + PAD - 1 && y0 > v->y0 - PAD + 1 && y1 < v->y0 + v->h + PAD - 1;
}

static void test_pan_stable(void **state)
{
    (void)state;
    cm_scene sc;
    whole_window(&sc);
    cm_scene moved = sc;
    view_pan(&moved.view, 37, 23);
    cm_marks a = {0}, b = {0};
    layout(&sc, &a);
    layout(&moved, &b);
    check_layout(&moved, &b);
    double cell = CM_CLUSTER_CELL * sc.ui / sc.view.scale;
    assert_true(fabs(cell - CM_CLUSTER_CELL * moved.ui / moved.view.scale) < 1e-12);
    int compared = 0, clusters = 0;
    for (int i = 0; i < a.n; i++) {
        const cm_mark *k = &a.m[i];
        if (k->badge) continue;
        const cm_event *e = &big.events.ev[k->idx];
        long long cx = (long long)floor(e->x / cell), cy = (long long)floor(e->y / cell);
        if (!cell_inside(&sc, cell, cx, cy) || !cell_inside(&moved, cell, cx, cy)) continue;
        const cm_mark *o = NULL;
        for (int j = 0; j < b.n && !o; j++)
            if (!b.m[j].badge && b.m[j].idx == k->idx) o = &b.m[j];
        if (!o) print_error("the mark of event %s (count %d) is gone after panning\n", e->id, k->count);
        assert_non_null(o);
        if (o->count != k->count || fabsf(o->x - k->x - 37) > 0.01f || fabsf(o->y - k->y - 23) > 0.01f)
            print_error("mark of %s: count %d at (%.3f, %.3f) became count %d at (%.3f, %.3f) after panning by (37, 23)\n",
                        e->id, k->count, k->x, k->y, o->count, o->x, o->y);
        assert_int_equal(o->count, k->count);
        assert_true(fabsf(o->x - k->x - 37) <= 0.01f);
        assert_true(fabsf(o->y - k->y - 23) <= 0.01f);
        compared++;
        clusters += k->count > 1;
    }
    print_message("%d marks (%d clusters) compared across the pan\n", compared, clusters);
    assert_true(clusters > 50);
    overlay_marks_free(&a);
    overlay_marks_free(&b);
}

/* More clusters than the layout's table of cells starts with (512 before it grows): small
 * cells (ui 0.5) on a zoomed view; every point still lands in the one mark of its cell. */
static void test_many_clusters(void **state)
{
    (void)state;
    cm_scene sc;
    whole_window(&sc);
    sc.ui = 0.5f;
    view_zoom_at(&sc.view, 2, sc.view.x0 + sc.view.w / 2.0, sc.view.y0 + sc.view.h / 2.0);
    cm_marks mk = {0};
    layout(&sc, &mk);
    int nmarks, nclusters, nbadges, sum = sum_counts(&mk, &nmarks, &nclusters, &nbadges);
    print_message("ui 0.5, zoom x2: %d point events in view -> %d marks, %d of them clusters\n", sum, nmarks, nclusters);
    assert_true(nmarks > 1100); /* the table grew twice: 1024 -> 2048 -> 4096 slots */
    assert_int_equal(check_layout(&sc, &mk), sum);
    overlay_marks_free(&mk);
}

static void test_zoom_splits(void **state)
{
    (void)state;
    cm_scene sc;
    whole_window(&sc);
    cm_marks a = {0}, b = {0};
    layout(&sc, &a);
    int n1, c1, n2, c2;
    sum_counts(&a, &n1, &c1, NULL);
    cm_scene zoomed = sc;
    view_zoom_at(&zoomed.view, 2, sc.view.x0 + sc.view.w / 2.0, sc.view.y0 + sc.view.h / 2.0);
    assert_true(fabs(zoomed.view.scale - 2 * sc.view.scale) < 1e-12 * sc.view.scale);
    layout(&zoomed, &b);
    check_layout(&zoomed, &b);
    sum_counts(&b, &n2, &c2, NULL);
    print_message("zoom x2: %d marks (%d clusters) -> %d marks (%d clusters)\n", n1, c1, n2, c2);
    assert_true(n2 >= n1);

    /* zooming in on the biggest cluster splits it: its events end up in several marks */
    int big_i = -1;
    for (int i = 0; i < a.n; i++)
        if (!a.m[i].badge && (big_i < 0 || a.m[i].count > a.m[big_i].count)) big_i = i;
    assert_true(big_i >= 0 && a.m[big_i].count > 1);
    const cm_mark top = a.m[big_i];
    /* its members, by the model */
    model_t m;
    model(&sc, &m);
    const cm_event *lead = &big.events.ev[top.idx];
    int len, r = cell_run(&m, (long long)floor(lead->x / m.cell), (long long)floor(lead->y / m.cell), &len);
    assert_true(r >= 0);
    assert_int_equal(len, top.count);
    int *members = malloc(sizeof(int) * (size_t)len);
    assert_non_null(members);
    for (int j = 0; j < len; j++) members[j] = m.p[r + j].idx;
    free(m.p);
    cm_scene z = sc;
    int holders = 1, prev_holders = 1;
    for (int step = 0; step < 10 && holders < 2; step++) {
        float cx, cy;
        view_to_screen(&z.view, (top.wb[0] + top.wb[2]) / 2, (top.wb[1] + top.wb[3]) / 2, &cx, &cy);
        view_zoom_at(&z.view, 2, cx, cy);
        layout(&z, &b);
        check_layout(&z, &b);
        /* every member is still in view, in exactly one mark */
        double cell = CM_CLUSTER_CELL * z.ui / z.view.scale;
        int total = 0;
        holders = 0;
        for (int i = 0; i < b.n; i++) {
            if (b.m[i].badge) continue;
            const cm_event *e = &big.events.ev[b.m[i].idx];
            int mine = 0;
            for (int j = 0; j < len; j++) {
                const cm_event *f = &big.events.ev[members[j]];
                if (b.m[i].count == 1 ? members[j] == b.m[i].idx
                                      : (floor(f->x / cell) == floor(e->x / cell) && floor(f->y / cell) == floor(e->y / cell)))
                    mine++;
            }
            total += mine;
            holders += mine > 0;
        }
        assert_int_equal(total, len);
        assert_true(holders >= prev_holders);
        prev_holders = holders;
    }
    print_message("the biggest cluster (%d events) split into %d marks\n", len, holders);
    assert_true(holders >= 2);
    free(members);
    overlay_marks_free(&a);
    overlay_marks_free(&b);
}

/* A single day with points fading over 30 days: weights differ, clusters stand for the freshest. */
static void test_day_with_fade(void **state)
{
    (void)state;
    cm_scene sc;
    make_scene(&sc, &big, day("2025-03-15"), day("2025-03-15"));
    sc.when.window = 0;
    cm_marks mk = {0};
    layout(&sc, &mk);
    int shown = check_layout(&sc, &mk);
    int nclusters;
    sum_counts(&mk, NULL, &nclusters, NULL);
    print_message("on 2025-03-15 with fade 30: %d point events in view, %d clusters\n", shown, nclusters);
    assert_true(shown > CM_CLUSTER_AT && nclusters > 0);
    int faded = 0;
    for (int i = 0; i < mk.n; i++) faded += !mk.m[i].badge && mk.m[i].weight < 1;
    assert_true(faded > 0);
    /* a hidden layer is not laid out */
    big.layers[CM_LAYER_BATTLES].visible = 0;
    layout(&sc, &mk);
    int shown2 = check_layout(&sc, &mk);
    big.layers[CM_LAYER_BATTLES].visible = 1;
    assert_true(shown2 < shown);
    for (int i = 0; i < mk.n; i++) assert_true(mk.m[i].count > 1 || big.events.ev[mk.m[i].idx].cat != CM_CAT_BATTLE);
    overlay_marks_free(&mk);
}

/* ------------------------------------------------------------------ few events, the threshold */

static cm_catalog small;
static int small_ok;

static int setup_small(void **state)
{
    (void)state;
    const char *files[1] = {default_events()};
    if (load_catalog(&small, MAP_CRS, files, 1) != 0) return -1;
    small_ok = 1;
    return 0;
}

static int teardown_small(void **state)
{
    (void)state;
    if (small_ok) catalog_free(&small);
    small_ok = 0;
    return 0;
}

static void test_few_events_no_clusters(void **state)
{
    (void)state;
    assert_int_equal(small.events.n, 24);
    cm_scene sc;
    make_scene(&sc, &small, small.events.span_first, small.events.span_last);
    cm_marks mk = {0};
    layout(&sc, &mk);
    int nmarks, nclusters, nbadges, sum = sum_counts(&mk, &nmarks, &nclusters, &nbadges);
    print_message("default data: %d markers, %d badges\n", nmarks, nbadges);
    assert_true(nmarks > 0);
    assert_int_equal(nclusters, 0);
    for (int i = 0; i < mk.n; i++) assert_int_equal(mk.m[i].count, 1);
    assert_int_equal(sum, nmarks);
    check_layout(&sc, &mk);
    overlay_marks_free(&mk);
}

/* The window lays out each frame into the list of the last one (ui/compose keeps it): a list
 * that held clusters (and their mix) gives, for a scene without clusters, the layout a fresh
 * list gives, sorted newest first. */
static void test_used_list_after_clusters(void **state)
{
    (void)state;
    cm_scene big_sc, small_sc;
    whole_window(&big_sc);
    make_scene(&small_sc, &big, day("2025-03-15"), day("2025-03-15")); /* one day's events: no clusters */
    cm_marks used = {0}, fresh = {0};
    layout(&big_sc, &used);
    assert_non_null(used.mix);
    layout(&small_sc, &used);
    layout(&small_sc, &fresh);
    assert_true(fresh.n > 1 && !fresh.mix);
    expect_same_layout(&used, &fresh);
    assert_null(used.mix);
    overlay_marks_free(&used);
    overlay_marks_free(&fresh);
}

/* n events at one place (Damascus) on one day, as an ACLED file in CM_OUT. */
static const char *same_place(int n)
{
    char name[64];
    snprintf(name, sizeof name, "cluster_same_%d.csv", n);
    const char *path = outfile(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
          "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
          "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "SAME%d,2025-07-16,2025,1,Political violence,Battles,Armed clash,A,,1,,,0,10,,760,Middle East,Syria,"
                   "Damascus,Damascus,,Damascus,33.5138,36.2765,1,Source,National,Same place,0,,1\n", i);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void load_only(cm_catalog *c, const char *path)
{
    char err[2048] = "";
    events_free(&c->events);
    import_reset(&c->import); /* the ids of the events just freed are no longer loaded */
    int rc = catalog_add_events(c, path, err, sizeof err);
    if (rc != 0) print_error("%s\n", err);
    assert_int_equal(rc, 0);
    assert_int_equal(catalog_finish_events(c, err, sizeof err), 0);
}

/* CM_CLUSTER_AT markers at one place are one stack there; one more and they make a cluster. */
static void test_threshold(void **state)
{
    (void)state;
    load_only(&small, same_place(CM_CLUSTER_AT));
    cm_scene sc;
    make_scene(&sc, &small, day("2025-07-16"), day("2025-07-16"));
    cm_marks mk = {0};
    layout(&sc, &mk);
    assert_int_equal(mk.n, CM_CLUSTER_AT);
    check_layout(&sc, &mk);
    /* a stack: every marker drawn at the one place, the first on top with the count, the others
     * under it (nothing fanned out away from the place) */
    assert_int_equal(mk.m[0].stack, 0);
    assert_int_equal(mk.m[0].nstack, CM_CLUSTER_AT);
    for (int i = 0; i < mk.n; i++) {
        assert_int_equal(mk.m[i].count, 1);
        assert_true(mk.m[i].px == mk.m[0].px && mk.m[i].py == mk.m[0].py);
        assert_true(mk.m[i].x == mk.m[0].px && mk.m[i].y == mk.m[0].py);
        if (i) assert_int_equal(mk.m[i].stack, 1);
    }

    load_only(&small, same_place(CM_CLUSTER_AT + 1));
    make_scene(&sc, &small, day("2025-07-16"), day("2025-07-16"));
    layout(&sc, &mk);
    check_layout(&sc, &mk);
    assert_int_equal(mk.n, 1);
    assert_int_equal(mk.m[0].count, CM_CLUSTER_AT + 1);
    assert_int_equal(mk.m[0].layer, CM_LAYER_BATTLES);
    float x, y;
    double px, py;
    assert_int_equal(catalog_project(&small, 36.2765, 33.5138, &px, &py), 0);
    view_to_screen(&sc.view, px, py, &x, &y);
    assert_true(fabsf(mk.m[0].x - x) < 0.05f && fabsf(mk.m[0].y - y) < 0.05f);
    overlay_marks_free(&mk);
    events_free(&small.events);
}

/* ------------------------------------------------------------------ negative map coordinates */

/* With the default CRS (Syria Lambert, false easting 300 km at 37.35 E), places west of about
 * 34 E have negative x: an event in Nicosia, laid out among thousands of Syrian ones when the
 * map is dragged west, is clustered like any other. */
static void test_default_crs_west_of_origin(void **state)
{
    (void)state;
    const char *path = outfile("cluster_nicosia.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
          "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
          "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n"
          "CYP1,2025-07-16,2025,1,Demonstrations,Protests,Peaceful protest,Protesters (Cyprus),,6,,,0,60,,196,Europe,Cyprus,"
          "Nicosia,,,Nicosia,35.1856,33.3823,1,Source,National,A protest in Nicosia,0,,1\n",
          f);
    assert_int_equal(fclose(f), 0);
    char err[2048] = "";
    events_free(&small.events);
    const char *gen = generated(5000);
    assert_non_null(gen);
    assert_int_equal(catalog_add_events(&small, gen, err, sizeof err), 0);
    assert_int_equal(catalog_add_events(&small, path, err, sizeof err), 0);
    assert_int_equal(catalog_finish_events(&small, err, sizeof err), 0);
    int cyp = events_find(&small.events, "CYP1");
    assert_true(cyp >= 0);
    assert_true(small.events.ev[cyp].x < 0);
    cm_scene sc;
    make_scene(&sc, &small, small.events.span_first, small.events.span_last);
    view_pan(&sc.view, 300, 0);
    float x, y;
    view_to_screen(&sc.view, small.events.ev[cyp].x, small.events.ev[cyp].y, &x, &y);
    assert_true(x > sc.view.x0 && x < sc.view.x0 + sc.view.w && y > sc.view.y0 && y < sc.view.y0 + sc.view.h);
    cm_marks mk = {0};
    layout(&sc, &mk);
    int shown = check_layout(&sc, &mk), found = 0;
    assert_true(shown > CM_CLUSTER_AT);
    for (int i = 0; i < mk.n; i++) found += mk.m[i].idx == cyp && !mk.m[i].badge;
    assert_int_equal(found, 1);
    overlay_marks_free(&mk);
    events_free(&small.events);
}

/* A map CRS centred on Syria puts half the events at negative x and y: the grid must treat
 * them like any others. */
static void test_centred_crs(void **state)
{
    (void)state;
    cm_catalog c;
    const char *files[1] = {generated(5000)};
    assert_int_equal(load_catalog(&c, "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs", files, 1), 0);
    int neg = 0;
    for (int i = 0; i < c.events.n; i++) neg += c.events.ev[i].x < 0 && c.events.ev[i].y < 0;
    assert_true(neg > 100);
    cm_scene sc;
    make_scene(&sc, &c, c.events.span_first, c.events.span_last);
    cm_marks mk = {0};
    layout(&sc, &mk);
    int nclusters;
    int shown = check_layout(&sc, &mk);
    sum_counts(&mk, NULL, &nclusters, NULL);
    assert_true(shown > CM_CLUSTER_AT && nclusters > 0);
    overlay_marks_free(&mk);
    catalog_free(&c);
}

int main(void)
{
    const struct CMUnitTest many[] = {
        cmocka_unit_test(test_clusters_appear),
        cmocka_unit_test(test_layout_deterministic),
        cmocka_unit_test(test_used_list_after_clusters),
        cmocka_unit_test(test_pan_stable),
        cmocka_unit_test(test_zoom_splits),
        cmocka_unit_test(test_many_clusters),
        cmocka_unit_test(test_day_with_fade),
    };
    const struct CMUnitTest few[] = {
        cmocka_unit_test(test_few_events_no_clusters),
        cmocka_unit_test(test_threshold),
        cmocka_unit_test(test_default_crs_west_of_origin),
        cmocka_unit_test(test_centred_crs),
    };
    int failed = cmocka_run_group_tests_name("cluster_20000", many, setup_big, teardown_big);
    failed += cmocka_run_group_tests_name("cluster_few", few, setup_small, teardown_small);
    return failed;
}
