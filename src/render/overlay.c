/* overlay: event areas, markers and off-map badges; see overlay.h. */
#include "render/overlay.h"
#include "render/outside.h"

#include "render/hatch.h"
#include "render/sprites.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int layer_on(const cm_scene *s, const cm_event *e)
{
    return s->cat->layers[catalog_event_layer(e->cat)].visible;
}

static SDL_Color with_alpha(Uint32 hex, float a)
{
    SDL_Color c = CM_RGB(hex);
    c.a = (Uint8)(a < 0 ? 0 : a > 1 ? 255 : a * 255);
    return c;
}

int overlay_is_offmap(const cm_scene *s, const cm_event *e)
{
    (void)s;
    /* only the curated off-map events get a badge; other points far outside the map are
     * neither drawn nor badged but summed up in one notice (render/outside.c) */
    return e->has_point && !e->is_area && e->offmap;
}

/* ---- areas ---- */

typedef struct {
    SDL_Renderer *r;
    cm_vbuf *vb;
    const cm_scene *s;
    int edges;
} area_ctx;

static void area_rings(area_ctx *a, const cm_shapes *sh, int fi, float w, SDL_Color c, float dash)
{
    const cm_feature *f = &sh->features[fi];
    for (int k = f->ring0; k < f->ring0 + f->nrings; k++)
        draw_path(a->vb, &a->s->view, sh->pts + sh->ring_off[k], sh->ring_off[k + 1] - sh->ring_off[k], 1, w, c, dash);
}

static int each_area(const cm_event *e, int idx, void *u)
{
    area_ctx *a = u;
    (void)idx;
    if (!e->is_area || !layer_on(a->s, e)) return 0;
    const cm_layer_style *st = style_layer(catalog_event_layer(e->cat));
    const cm_layer *gov = &a->s->cat->layers[CM_LAYER_GOVERNORATES];
    float ui = a->s->ui;
    if (e->claim) { /* a demand or claim: hatched and outlined, never filled like presence */
        if (!a->edges) return 0;
        SDL_Color stripe = with_alpha(st->color, 0.55f);
        if (e->poly) hatch_feature(a->vb, &a->s->view, e->poly, 0, CM_CLAIM_HATCH * ui, 1.4f * ui, stripe);
        else
            for (int i = 0; i < e->nregions; i++)
                hatch_feature(a->vb, &a->s->view, &gov->shp, e->region_idx[i], CM_CLAIM_HATCH * ui, 1.4f * ui, stripe);
    }
    if (!a->edges) {
        SDL_Color fill = with_alpha(st->color, st->area_alpha / 255.0f);
        if (e->mesh) draw_mesh(a->vb, &a->s->view, e->mesh, fill);
        else
            for (int i = 0; i < e->nregions; i++) draw_mesh(a->vb, &a->s->view, &gov->mesh[e->region_idx[i]], fill);
        return 0;
    }
    SDL_Color edge = with_alpha(st->color, 0.95f);
    float w = 2.0f * ui, dash = st->dashed ? 7 * ui : 0;
    if (e->poly) area_rings(a, e->poly, 0, w, edge, dash);
    else
        for (int i = 0; i < e->nregions; i++) area_rings(a, &gov->shp, e->region_idx[i], w, edge, dash);
    return 0;
}

/* The store's area events are listed when it is indexed (events.areas): with none, as in an
 * ACLED file, the date index is not scanned for them, twice a frame. */
void overlay_draw_areas(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s)
{
    area_ctx a = {r, vb, s, 0};
    if (s->cat->events.nareas == 0) return;
    events_each_shown(&s->cat->events, &s->when, each_area, &a);
    vbuf_flush(r, vb);
}

void overlay_draw_area_edges(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s)
{
    area_ctx a = {r, vb, s, 1};
    if (s->cat->events.nareas == 0) return;
    events_each_shown(&s->cat->events, &s->when, each_area, &a);
    vbuf_flush(r, vb);
}

/* ---- markers ---- */

int overlay_imprecise(const cm_event *e) { return e->start.prec != CM_PREC_DAY; }

static void marker(cm_vbuf *vb, cm_marker shape, float x, float y, float size, SDL_Color c, float alpha, int hollow);

void overlay_marker(cm_vbuf *vb, cm_marker shape, float x, float y, float size, SDL_Color c, float alpha)
{
    marker(vb, shape, x, y, size, c, alpha, 0);
}

void overlay_marker_hollow(cm_vbuf *vb, cm_marker shape, float x, float y, float size, SDL_Color c, float alpha)
{
    marker(vb, shape, x, y, size, c, alpha, 1);
}

static void marker(cm_vbuf *vb, cm_marker shape, float x, float y, float size, SDL_Color c, float alpha, int hollow)
{
    float pts[20];
    int n = 0;
    float r = size / 2;
    switch (shape) {
    case CM_MARK_DIAMOND:
        r *= 1.2f;
        n = 4;
        pts[0] = x; pts[1] = y - r; pts[2] = x + r; pts[3] = y; pts[4] = x; pts[5] = y + r; pts[6] = x - r; pts[7] = y;
        break;
    case CM_MARK_SQUARE:
        r *= 0.88f;
        n = 4;
        pts[0] = x - r; pts[1] = y - r; pts[2] = x + r; pts[3] = y - r; pts[4] = x + r; pts[5] = y + r; pts[6] = x - r; pts[7] = y + r;
        break;
    case CM_MARK_TRIANGLE:
        r *= 1.15f;
        n = 3;
        pts[0] = x; pts[1] = y - r; pts[2] = x + r * 0.95f; pts[3] = y + r * 0.7f; pts[4] = x - r * 0.95f; pts[5] = y + r * 0.7f;
        break;
    case CM_MARK_STAR:
        r *= 1.3f;
        n = 10;
        for (int i = 0; i < 10; i++) {
            float a = (float)(-M_PI / 2 + i * M_PI / 5), rr = (i % 2) ? r * 0.45f : r;
            pts[2 * i] = x + cosf(a) * rr;
            pts[2 * i + 1] = y + sinf(a) * rr;
        }
        break;
    case CM_MARK_HEXAGON:
        r *= 1.1f;
        n = 6;
        for (int i = 0; i < 6; i++) {
            float a = (float)(M_PI / 6 + i * M_PI / 3);
            pts[2 * i] = x + cosf(a) * r;
            pts[2 * i + 1] = y + sinf(a) * r;
        }
        break;
    case CM_MARK_TRIDOWN:
        r *= 1.15f;
        n = 3;
        pts[0] = x - r * 0.95f; pts[1] = y - r * 0.7f; pts[2] = x + r * 0.95f; pts[3] = y - r * 0.7f; pts[4] = x; pts[5] = y + r;
        break;
    case CM_MARK_PLUS:
    case CM_MARK_CROSS: {
        /* two bars; the cross is the plus turned 45 degrees */
        float hw = r * 0.42f, len = r * 1.15f;
        float co = shape == CM_MARK_CROSS ? 0.7071f : 1, si = shape == CM_MARK_CROSS ? 0.7071f : 0;
        float bar[2][8];
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 4; i++) {
                float along = (i == 0 || i == 3) ? -len : len, across = i < 2 ? -hw : hw;
                float bx = b ? across : along, by = b ? along : across;
                bar[b][2 * i] = x + bx * co - by * si;
                bar[b][2 * i + 1] = y + bx * si + by * co;
            }
        SDL_Color white = with_alpha(0xFFFFFF, 0.9f * alpha);
        c.a = (Uint8)(255 * alpha);
        for (int b = 0; b < 2; b++) draw_loop(vb, bar[b], 4, 3.4f, white);
        if (hollow) { /* outlined bars, white inside */
            SDL_Color in = with_alpha(0xFFFFFF, alpha);
            for (int b = 0; b < 2; b++) draw_loop(vb, bar[b], 4, 2.0f, c);
            for (int b = 0; b < 2; b++) draw_fan(vb, bar[b], 4, in);
            return;
        }
        for (int b = 0; b < 2; b++) draw_fan(vb, bar[b], 4, c);
        return;
    }
    default:
        break;
    }
    SDL_Color halo = with_alpha(0xFFFFFF, 0.9f * alpha), ink = with_alpha(0x1E1E1E, 0.75f * alpha);
    c.a = (Uint8)(255 * alpha);
    SDL_Color inside = with_alpha(0xFFFFFF, 0.95f * alpha);
    if (shape == CM_MARK_CIRCLE || shape == CM_MARK_RING) {
        draw_disc(vb, x, y, r + 1.6f, halo);
        draw_disc(vb, x, y, r, ink);
        draw_disc(vb, x, y, r - 0.9f, c);
        if (hollow) draw_disc(vb, x, y, r - 3.2f, inside);
        else if (shape == CM_MARK_RING) draw_disc(vb, x, y, r * 0.45f, halo);
        return;
    }
    draw_loop(vb, pts, n, 3.4f, halo);
    if (hollow) { /* white inside, a thick outline of the colour */
        draw_fan(vb, pts, n, inside);
        draw_loop(vb, pts, n, 3.0f, c);
        return;
    }
    draw_fan(vb, pts, n, c);
    draw_loop(vb, pts, n, 1.0f, ink);
}

/* A visible point as the date scan finds it: what a marker needs before layout (a fifth of a
 * cm_mark: at a million points in view, the scan writes 20 MB instead of 100, and clusters are
 * made from these, so only the clusters become marks). */
struct cm_markpt {
    int idx;
    float px, py, weight;
    int badge;
};

typedef struct {
    const cm_scene *s;
    cm_marks *out;
    int n;                /* points in out->pt */
    int markers;          /* of which not badges */
} lay_ctx;

/* Room for need marks in m; -1 when out of memory. */
static int mark_room(cm_marks *m, int need)
{
    if (need <= m->cap) return 0;
    int cap = m->cap ? m->cap : 64;
    while (cap < need) cap *= 2;
    cm_mark *nm = realloc(m->m, sizeof *nm * cap);
    if (!nm) return -1;
    m->m = nm;
    m->cap = cap;
    return 0;
}

/* A marker of one event at its place, as the layout starts it. */
static cm_mark mark_of(const cm_markpt *p)
{
    return (cm_mark){.idx = p->idx, .weight = p->weight, .count = 1, .px = p->px, .py = p->py, .x = p->px, .y = p->py, .badge = p->badge};
}

static int each_point(const cm_event *e, int idx, void *u)
{
    lay_ctx *l = u;
    if (e->is_area || !e->has_point || !layer_on(l->s, e) || outside_is(l->s->cat, e)) return 0;
    cm_markpt k = {.idx = idx, .weight = events_weight(e, &l->s->when)};
    if (k.weight <= 0) return 0;
    view_to_screen(&l->s->view, e->x, e->y, &k.px, &k.py);
    k.badge = overlay_is_offmap(l->s, e);
    const cm_view *v = &l->s->view;
    float pad = 30;
    if (!k.badge && (k.px < v->x0 - pad || k.py < v->y0 - pad || k.px > v->x0 + v->w + pad || k.py > v->y0 + v->h + pad))
        return 0;
    cm_marks *m = l->out;
    if (l->n == m->ptcap) {
        int cap = m->ptcap ? m->ptcap * 2 : 256;
        cm_markpt *np = realloc(m->pt, sizeof *np * cap);
        if (!np) return 1; /* out of memory: the points found so far are laid out */
        m->pt = np;
        m->ptcap = cap;
    }
    m->pt[l->n++] = k;
    l->markers += !k.badge;
    return 0;
}

/* Newest first, so that the freshest event gets the true position when markers collide. */
static int newest_first(const void *a, const void *b)
{
    const cm_mark *x = a, *y = b;
    if (x->weight != y->weight) return x->weight > y->weight ? -1 : 1;
    return y->idx - x->idx;
}

static void badge_text(const cm_scene *s, const cm_event *e, int more, char *buf, size_t n)
{
    char d[32];
    date_format(e->start, d, sizeof d);
    if (more) snprintf(buf, n, "%s \xC2\xB7 %s (+%d)", e->place ? e->place : "elsewhere", d, more);
    else snprintf(buf, n, "%s \xC2\xB7 %s", e->place ? e->place : "elsewhere", d);
    (void)s;
}

typedef struct {
    long long key;
    int mark;             /* index of its mark in the output, -1 when the slot is free */
} cslot;

typedef struct {
    double sx, sy;         /* sums of members' positions */
    int layers[CM_LAYER_COUNT];
} cacc;

const int *overlay_mix(const cm_marks *m, int j)
{
    return m->mix && j >= 0 && j < m->n && m->m[j].count > 1 ? m->mix + (size_t)j * CM_LAYER_COUNT : NULL;
}

/* the project's own categories, curated one by one (not a bulk import's) */
static int curated(const cm_event *e) { return !categories_acled_name((cm_category)e->cat) && !categories_category(e->cat)->ucdp; }

/* The markers of the points pt[0..npt) merged into clusters on a grid anchored in the map,
 * written to m: a cluster takes the place of its first point in the list, badges and (while
 * there are few) curated events pass through as markers. The table of cells grows with the
 * clusters, not with the points. */
static void cluster(const cm_scene *s, const cm_markpt *pt, int npt, cm_marks *m)
{
    const cm_events *ev = &s->cat->events;
    int ncur = 0;
    for (int i = 0; i < npt; i++) ncur += !pt[i].badge && curated(&ev->ev[pt[i].idx]);
    int keep_curated = ncur <= CM_CLUSTER_AT;
    double cell = CM_CLUSTER_CELL * s->ui / s->view.scale; /* map units: the grid is anchored in the map */
    int cap = 1024, used = 0;
    cslot *tab = malloc(sizeof *tab * cap);
    int acap = 256;
    cacc *acc = malloc(sizeof *acc * acap); /* one a cluster: there are far fewer than markers */
    m->n = 0;
    if (!tab || !acc) { free(tab); free(acc); return; }
    for (int i = 0; i < cap; i++) tab[i].mark = -1;
    int n = 0;
    for (int i = 0; i < npt; i++) {
        const cm_event *e = &ev->ev[pt[i].idx];
        if (n >= acap) {
            cacc *na = realloc(acc, sizeof *acc * acap * 2);
            if (!na) break;
            acc = na;
            acap *= 2;
        }
        if (mark_room(m, n + 1) != 0) break;
        cm_mark k = mark_of(&pt[i]);
        if (k.badge || (keep_curated && curated(e))) { /* passed through as they are */
            memset(&acc[n], 0, sizeof acc[n]);
            m->m[n++] = k;
            continue;
        }
        long long cx = (long long)floor(e->x / cell), cy = (long long)floor(e->y / cell);
        long long key = (long long)(((unsigned long long)cx << 32) ^ ((unsigned long long)cy & 0xffffffffULL)); /* negative cells too */
        unsigned h = (unsigned)((unsigned long long)(key * 0x9E3779B97F4A7C15ULL) >> 40) & (unsigned)(cap - 1);
        while (tab[h].mark >= 0 && tab[h].key != key) h = (h + 1) & (unsigned)(cap - 1);
        if (tab[h].mark < 0) {
            if (2 * (used + 1) > cap) { /* half full: twice the slots, the cells placed again */
                cslot *nt = malloc(sizeof *nt * cap * 2);
                if (!nt) break;
                for (int q = 0; q < cap * 2; q++) nt[q].mark = -1;
                for (int q = 0; q < cap; q++) {
                    if (tab[q].mark < 0) continue;
                    unsigned g = (unsigned)((unsigned long long)(tab[q].key * 0x9E3779B97F4A7C15ULL) >> 40) & (unsigned)(cap * 2 - 1);
                    while (nt[g].mark >= 0) g = (g + 1) & (unsigned)(cap * 2 - 1);
                    nt[g] = tab[q];
                }
                free(tab);
                tab = nt;
                cap *= 2;
                h = (unsigned)((unsigned long long)(key * 0x9E3779B97F4A7C15ULL) >> 40) & (unsigned)(cap - 1);
                while (tab[h].mark >= 0) h = (h + 1) & (unsigned)(cap - 1);
            }
            tab[h].key = key;
            tab[h].mark = n;
            used++;
            k.count = 0;
            k.wb[0] = k.wb[2] = e->x;
            k.wb[1] = k.wb[3] = e->y;
            m->m[n] = k;
            memset(&acc[n], 0, sizeof acc[n]);
            n++;
        }
        int j = tab[h].mark;
        cm_mark *c = &m->m[j];
        c->count++;
        if (k.idx > c->idx) c->idx = k.idx; /* it stands for its newest event (the store is in date order) */
        acc[j].sx += e->x;
        acc[j].sy += e->y;
        acc[j].layers[catalog_event_layer(e->cat)]++;
        if (k.weight > c->weight) c->weight = k.weight;
        if (e->x < c->wb[0]) c->wb[0] = e->x;
        if (e->y < c->wb[1]) c->wb[1] = e->y;
        if (e->x > c->wb[2]) c->wb[2] = e->x;
        if (e->y > c->wb[3]) c->wb[3] = e->y;
    }
    for (int j = 0; j < n; j++) {
        cm_mark *c = &m->m[j];
        if (c->badge) continue;
        if (c->count > 1) {
            view_to_screen(&s->view, acc[j].sx / c->count, acc[j].sy / c->count, &c->x, &c->y);
            c->px = c->x;
            c->py = c->y;
        }
        int best = catalog_event_layer(ev->ev[c->idx].cat);
        for (int l = 0; l < CM_LAYER_COUNT; l++)
            if (acc[j].layers[l] > acc[j].layers[best]) best = l;
        c->layer = best;
    }
    m->n = n;
    /* each cluster's mix by layer, for the divided ring and the breakdown on hover */
    if (m->mixcap < n) {
        int *nm = realloc(m->mix, sizeof(int) * CM_LAYER_COUNT * (size_t)n);
        if (nm) { m->mix = nm; m->mixcap = n; }
    }
    if (m->mix && m->mixcap >= n)
        for (int j = 0; j < n; j++) memcpy(m->mix + (size_t)j * CM_LAYER_COUNT, acc[j].layers, sizeof acc[j].layers);
    free(tab);
    free(acc);
}

void overlay_layout(SDL_Renderer *r, const cm_scene *s, cm_marks *out)
{
    out->n = 0;
    lay_ctx l = {s, out, 0, 0};
    events_each_shown(&s->cat->events, &s->when, each_point, &l);
    float ui = s->ui, same = CM_STACK_PX * ui;
    const cm_view *v = &s->view;
    int markers = l.markers;
    /* many markers: cluster them as they come (no sort: a cluster keeps its newest event, and
     * the store is in date order); few: newest first, so the freshest keeps its true place */
    if (markers > CM_CLUSTER_AT) cluster(s, out->pt, l.n, out);
    else {
        if (out->mix) { free(out->mix); out->mix = NULL; out->mixcap = 0; } /* a used list's clusters */
        if (mark_room(out, l.n) == 0) {
            for (int i = 0; i < l.n; i++) out->m[i] = mark_of(&out->pt[i]);
            out->n = l.n;
        }
        if (out->n > 1) qsort(out->m, out->n, sizeof *out->m, newest_first);
    }
    /* events at one place stay there: the newest is drawn with the count of the place's events
     * and the others go under it (found by a click there, listed); markers merely near each
     * other are drawn where they are, overlapping, never moved away from their places */
    for (int i = 0; i < out->n && markers <= CM_CLUSTER_AT; i++) {
        cm_mark *k = &out->m[i];
        k->nstack = 1;
        if (k->badge) continue;
        for (int j = 0; j < i; j++) {
            cm_mark *o = &out->m[j];
            if (o->badge || o->stack || fabsf(o->px - k->px) > same || fabsf(o->py - k->py) > same) continue;
            k->stack = j + 1;
            k->x = o->x;
            k->y = o->y;
            o->nstack++;
            break;
        }
    }
    /* badges: on the map's edge, along the line from the centre towards their place */
    /* badges keep to the edge of the whole map, so they do not move when the panel opens (it
     * may cover one on the right while it is open; reserving its width put them over the map
     * in small windows) */
    float vw = v->w;
    /* towns and the room of their labels, which badges keep clear of */
    SDL_FRect towns[64];
    int ntowns = 0;
    const cm_layer *cities = &s->cat->layers[CM_LAYER_CITIES];
    if (cities->visible)
        for (int i = 0; i < cities->shp.nfeatures && ntowns < 64; i++) {
            float x, y;
            view_to_screen(v, cities->label[i].x, cities->label[i].y, &x, &y);
            if (x < v->x0 || y < v->y0 || x > v->x0 + v->w || y > v->y0 + v->h) continue;
            towns[ntowns++] = (SDL_FRect){x - 70 * ui, y - 10 * ui, 140 * ui, 20 * ui};
        }
    float cx = v->x0 + vw / 2.0f, cy = v->y0 + v->h / 2.0f;
    cm_textstyle st = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x222222)};
    /* one badge a place: later events there fold into the newest one's badge */
    for (int i = 0; i < out->n; i++) {
        cm_mark *k = &out->m[i];
        if (!k->badge) continue;
        const char *pl = s->cat->events.ev[k->idx].place;
        for (int j = 0; j < i && pl; j++) {
            cm_mark *o = &out->m[j];
            const char *op = s->cat->events.ev[o->idx].place;
            if (o->badge && !o->hidden && op && strcmp(op, pl) == 0) {
                k->hidden = j + 1; /* its lead, plus one */
                o->more++;
                break;
            }
        }
    }
    for (int i = 0; i < out->n; i++) {
        cm_mark *k = &out->m[i];
        if (!k->badge || k->hidden) continue;
        char txt[160];
        badge_text(s, &s->cat->events.ev[k->idx], k->more, txt, sizeof txt);
        int tw = 0, th = 0;
        if (r) text_measure(s->text, r, txt, &st, &tw, &th);
        float bw = tw + 34 * ui, bh = (th ? th : 14 * ui) + 8 * ui;
        float dx = k->px - cx, dy = k->py - cy;
        float hx = vw / 2.0f - bw / 2 - 12 * ui, hy = v->h / 2.0f - bh / 2 - 40 * ui;
        float t = fminf(fabsf(dx) > 1e-3f ? hx / fabsf(dx) : 1e9f, fabsf(dy) > 1e-3f ? hy / fabsf(dy) : 1e9f);
        if (t > 1) t = 1;
        float ex = cx + dx * t, ey = cy + dy * t;
        /* slide along the edge it is on (down and up a vertical edge, along a horizontal one)
         * to the first place clear of panels, other badges and towns with their labels */
        int vertical = fabsf(dx) * hy >= fabsf(dy) * hx;
        float step = vertical ? bh + 4 * ui : bw / 2;
        for (int tries = 0; tries < 41; tries++) {
            float off = (float)((tries + 1) / 2) * step * (tries % 2 ? 1 : -1);
            k->x = vertical ? ex : ex + off;
            k->y = vertical ? ey + off : ey;
            k->box = (SDL_FRect){k->x - bw / 2, k->y - bh / 2, bw, bh};
            if (k->box.x < v->x0 + 2 || k->box.y < v->y0 + 2 || k->box.x + bw > v->x0 + vw - 2 || k->box.y + bh > v->y0 + v->h - 2)
                continue;
            int clear = 1;
            for (int j = -s->navoid; j < i && clear; j++) {
                if (j >= 0 && (!out->m[j].badge || out->m[j].hidden)) continue;
                clear = !SDL_HasIntersectionF(&k->box, j < 0 ? &s->avoid[j + s->navoid] : &out->m[j].box);
            }
            for (int q = 0; q < ntowns && clear; q++) clear = !SDL_HasIntersectionF(&k->box, &towns[q]);
            if (clear) break;
            if (tries == 40) { k->x = ex; k->y = ey; k->box = (SDL_FRect){ex - bw / 2, ey - bh / 2, bw, bh}; }
        }
    }
    /* a folded badge sits under its lead, so a click there lists every event of the place */
    for (int i = 0; i < out->n; i++)
        if (out->m[i].hidden) {
            const cm_mark *lead = &out->m[out->m[i].hidden - 1];
            out->m[i].box = lead->box;
            out->m[i].x = lead->x;
            out->m[i].y = lead->y;
        }
}

void overlay_marks_free(cm_marks *m)
{
    free(m->pt);
    free(m->mix);
    free(m->m);
    memset(m, 0, sizeof *m);
}

static void draw_badge(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_mark *k)
{
    const cm_event *e = &s->cat->events.ev[k->idx];
    const cm_layer_style *ls = style_layer(catalog_event_layer(e->cat));
    float ui = s->ui;
    SDL_FRect b = k->box;
    SDL_Color paper = with_alpha(0xFFFFFF, 0.94f), line = with_alpha(0x8A8A8A, 0.9f);
    draw_rect(vb, b.x, b.y, b.w, b.h, paper);
    float frame[8] = {b.x, b.y, b.x + b.w, b.y, b.x + b.w, b.y + b.h, b.x, b.y + b.h};
    draw_loop(vb, frame, 4, 1.0f, line);
    draw_rect(vb, b.x, b.y, 3 * ui, b.h, with_alpha(ls->color, 1));
    marker(vb, ls->marker, b.x + 13 * ui, b.y + b.h / 2, 9 * ui, CM_RGB(ls->color), k->weight, overlay_imprecise(e));
    /* arrow: a small triangle on the side facing the place */
    float dx = k->px - k->x, dy = k->py - k->y, len = sqrtf(dx * dx + dy * dy);
    if (len > 1) {
        dx /= len;
        dy /= len;
        /* the arrow leaves the side the place lies beyond: left/right unless it is mostly above or below */
        float ox, oy;
        if (fabsf(dx) >= fabsf(dy) * 0.5f) { ox = k->x + copysignf(b.w / 2, dx); oy = k->y; }
        else { ox = k->x; oy = k->y + copysignf(b.h / 2, dy); }
        float tip = 12 * ui, half = 4.5f * ui;
        float tri[6] = {ox + dx * tip, oy + dy * tip, ox - dy * half, oy + dx * half, ox + dy * half, oy - dx * half};
        draw_fan(vb, tri, 3, with_alpha(0x555555, 0.95f));
    }
    vbuf_flush(r, vb);
    char txt[160];
    badge_text(s, e, k->more, txt, sizeof txt);
    cm_textstyle st = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x222222)};
    text_draw(s->text, r, txt, &st, b.x + 24 * ui, b.y + b.h / 2, 0, 0.5f);
}

static cm_textstyle stack_tag_style(float ui)
{
    return (cm_textstyle){.size = (int)(CM_TYPE_CAPTION * ui), .bold = 1, .color = CM_RGB(0xFFFFFF)};
}

/* The dark tag with a stack's count, at the top right of its marker; its text in t. */
static SDL_FRect stack_tag_box(SDL_Renderer *r, const cm_scene *s, const cm_mark *k, char *t, size_t n)
{
    float ui = s->ui;
    cm_textstyle tag = stack_tag_style(ui);
    snprintf(t, n, "%d", k->nstack);
    int tw = 0, th = 0;
    if (r) text_measure(s->text, r, t, &tag, &tw, &th);
    float w = (tw ? tw : 7 * ui * (float)strlen(t)) + 6 * ui, h = (th ? th : 11 * ui) + 1 * ui;
    return (SDL_FRect){k->x + 10 * ui, k->y - 9 * ui - h, w, h};
}

/* the radius of a cluster's divided ring */
static float cluster_radius(const cm_mark *k, float ui) { return (10.0f + 5.0f * log10f((float)k->count)) * ui; }

int overlay_mark_boxes(SDL_Renderer *r, const cm_scene *s, const cm_marks *m, int i, SDL_FRect *out)
{
    const cm_mark *k = &m->m[i];
    float ui = s->ui;
    if (k->badge) {
        if (k->hidden) return 0; /* folded under its lead, which covers it */
        out[0] = k->box;
        return 1;
    }
    if (k->hidden < 0 || k->stack || s->heat) return 0; /* not drawn, under its stack's top, or the heat shows it */
    if (k->count > 1) {
        float rad = cluster_radius(k, ui) + 2.0f * ui; /* with its white rim */
        out[0] = (SDL_FRect){k->x - rad, k->y - rad, 2 * rad, 2 * rad};
        return 1;
    }
    float h = 9 * ui;
    out[0] = (SDL_FRect){k->x - h, k->y - h, 2 * h, 2 * h};
    if (k->nstack <= 1) return 1;
    out[0].w += 6 * ui; /* the next event's marker behind, up and to the right */
    out[0].y -= 6 * ui;
    out[0].h += 6 * ui;
    char t[16];
    SDL_FRect tb = stack_tag_box(r, s, k, t, sizeof t);
    out[1] = (SDL_FRect){tb.x - 1, tb.y - 1, tb.w + 2, tb.h + 2};
    return 2;
}

/* a cluster bubble: what it looks like, all of it (it is also its sprite's key) */
typedef struct {
    float rad, ui;
    int count;
    int mix[CM_LAYER_COUNT];  /* its events by layer */
    SDL_Color inner;          /* the dark disc under the count */
} bubble;
_Static_assert(sizeof(bubble) <= CM_SPRITE_KEY, "a bubble is its sprite's key");

/* a ring divided by layer, in proportion, on a white rim; a dark disc inside for the count */
static void draw_bubble(cm_vbuf *vb, float x, float y, const void *arg)
{
    const bubble *b = arg;
    float rad = b->rad;
    draw_disc(vb, x, y, rad + 2.0f * b->ui, with_alpha(0xFFFFFF, 0.95f));
    float a0 = (float)(-M_PI / 2);
    for (int l = CM_LAYER_FIRST_EVENT; l < CM_LAYER_COUNT; l++) {
        int c = b->mix[l];
        if (c <= 0) continue;
        float span = (float)(2 * M_PI) * c / (float)b->count, a1 = a0 + span;
        SDL_Color col = with_alpha(style_layer(l)->color, 1);
        for (float b0 = a0; b0 < a1 - 1e-4f; b0 += (float)(M_PI / 2)) { /* convex pieces */
            float b1 = fminf(b0 + (float)(M_PI / 2), a1), pts[2 * 12];
            int np = 0;
            pts[np++] = x;
            pts[np++] = y;
            for (int q = 0; q <= 10; q++) {
                float t = b0 + (b1 - b0) * q / 10;
                pts[np++] = x + cosf(t) * rad;
                pts[np++] = y + sinf(t) * rad;
            }
            draw_fan(vb, pts, np / 2, col);
        }
        a0 = a1;
    }
    draw_disc(vb, x, y, rad * 0.62f, b->inner);
}

void overlay_draw_marks(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_marks *m)
{
    sprites_frame(vb);
    float ui = s->ui;
    /* clusters first, then single markers above them (the curated events stay in sight);
     * each oldest first so the newest sits on top */
    cm_textstyle num = {.size = (int)(CM_TYPE_SMALL * ui), .bold = 1, .color = CM_RGB(0xFFFFFF)};
    for (int pass = 0; pass < 2; pass++) {
    if (pass == 1) { /* the clusters' counts, before the single markers go on top */
        vbuf_flush(r, vb);
        for (int i = 0; i < m->n; i++) {
            const cm_mark *k = &m->m[i];
            if (k->badge || k->count <= 1 || k->hidden < 0) continue;
            char t[16];
            if (k->count >= 10000) snprintf(t, sizeof t, "%dk", k->count / 1000);
            else if (k->count >= 1000) snprintf(t, sizeof t, "%.1fk", k->count / 1000.0);
            else snprintf(t, sizeof t, "%d", k->count);
            text_draw(s->text, r, t, &num, k->x, k->y, 0.5f, 0.5f);
        }
    }
    for (int i = m->n - 1; i >= 0; i--) {
        const cm_mark *k = &m->m[i];
        if (k->badge || k->hidden < 0 || k->stack) continue; /* hidden < 0: the heat view draws points */
        if ((k->count > 1) != (pass == 0)) continue;
        const cm_event *e = &s->cat->events.ev[k->idx];
        const cm_layer_style *ls = style_layer(catalog_event_layer(e->cat));
        if (k->count > 1) { /* a ring divided by layer, in proportion; the count on a dark disc inside */
            bubble b;
            memset(&b, 0, sizeof b); /* the key is compared byte by byte */
            b.rad = cluster_radius(k, ui);
            b.ui = ui;
            b.count = k->count;
            const int *mix = overlay_mix(m, i);
            for (int l = CM_LAYER_FIRST_EVENT; l < CM_LAYER_COUNT; l++) b.mix[l] = mix ? mix[l] : l == k->layer ? k->count : 0;
            b.inner = with_alpha(0x2E2E2E, 0.6f + 0.35f * k->weight);
            sprites_draw(r, vb, &b, sizeof b, b.rad + 2.0f * ui + 1.0f, k->x, k->y, draw_bubble, &b);
            continue;
        }
        float size = 15 * ui;
        if (k->nstack > 1) { /* a stack: the next event's marker behind, offset, says "more than one here" */
            const cm_layer_style *ns = ls;
            for (int j = i + 1; j < m->n; j++)
                if (m->m[j].stack == i + 1) {
                    ns = style_layer(catalog_event_layer(s->cat->events.ev[m->m[j].idx].cat));
                    break;
                }
            overlay_marker(vb, ns->marker, k->x + 6 * ui, k->y - 6 * ui, size, CM_RGB(ns->color), k->weight * 0.85f);
        }
        marker(vb, ls->marker, k->x, k->y, size, CM_RGB(ls->color), k->weight, overlay_imprecise(e));
        if (e->approx) /* a dotted ring says "the place is approximate" */
            for (int d = 0; d < 12; d += 2) {
                float a0 = (float)(d * M_PI / 6), a1 = (float)((d + 1) * M_PI / 6), rr = size * 0.95f;
                draw_segment(vb, k->x + cosf(a0) * rr, k->y + sinf(a0) * rr, k->x + cosf(a1) * rr, k->y + sinf(a1) * rr, 1.2f * ui,
                             with_alpha(ls->color, 0.9f * k->weight));
            }
    }
    }
    vbuf_flush(r, vb);
    /* a stack's count, in a dark tag at the top right of its marker */
    cm_textstyle tag = stack_tag_style(ui);
    for (int i = 0; i < m->n; i++) {
        const cm_mark *k = &m->m[i];
        if (k->badge || k->stack || k->nstack <= 1 || k->hidden < 0) continue;
        char t[16];
        SDL_FRect tb = stack_tag_box(r, s, k, t, sizeof t);
        float w = tb.w, h = tb.h, x = tb.x, y = tb.y;
        draw_rect(vb, x - 1, y - 1, w + 2, h + 2, with_alpha(0xFFFFFF, 0.95f));
        draw_rect(vb, x, y, w, h, with_alpha(0x222222, 0.92f));
        vbuf_flush(r, vb);
        text_draw(s->text, r, t, &tag, x + w / 2, y + h / 2, 0.5f, 0.5f);
    }
    for (int i = 0; i < m->n; i++)
        if (m->m[i].badge && !m->m[i].hidden) draw_badge(r, vb, s, &m->m[i]);
}
