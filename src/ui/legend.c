/* legend: see legend.h. */
#include "ui/legend.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "geo/geometry.h"
#include "render/heat.h"
#include "render/overlay.h"
#include "render/outside.h"
#include "render/style.h"
#include "ui/frame.h"
#include "ui/state.h"

/* demands and claims have a row of their own (CLAIMS_ROW) under their layer's */
#define CLAIMS_ROW CM_LAYER_COUNT

/* What the legend says of the events shown, from one scan of the date index: the events on the
 * map by row (an event with no place, a statement with no location, is not on it, nor one far
 * outside the map: it is in the notice of render/outside.c), those without a place in visible
 * layers, and whether a visible point event is dated less precisely than a day (drawn hollow). */
typedef struct {
    int n[CM_LAYER_COUNT + 1];
    int unplaced;
    int imprecise;
} tally;

typedef struct {
    const cm_ctl *s;
    tally t;
} tally_ctx;

static int tally_one(const cm_event *e, int idx, void *p)
{
    tally_ctx *k = p;
    const cm_catalog *c = k->s->cat;
    (void)idx;
    if (e->claim) k->t.n[CLAIMS_ROW]++;
    else if ((e->has_point || e->is_area) && !outside_is(c, e)) k->t.n[catalog_event_layer(e->cat)]++;
    int visible = c->layers[catalog_event_layer(e->cat)].visible;
    if (!e->has_point && !e->is_area && visible) k->t.unplaced++;
    if (!k->t.imprecise && e->has_point && !e->is_area && overlay_imprecise(e) && visible && events_weight(e, &k->s->when) > 0)
        k->t.imprecise = 1;
    return 0;
}

/* What the tally was taken of: the same store, date, filter and visible layers give the same
 * tally, which is remembered (the legend asks for it several times a frame, and every frame) */
typedef struct {
    const cm_catalog *cat;
    const cm_event *ev;
    int n, nlong;
    unsigned filter_gen;
    size_t text;
    cm_when when;
    unsigned char visible[CM_LAYER_COUNT];
} tally_key;

static const tally *tally_of(const cm_ctl *s)
{
    static tally_key key;
    static tally memo;
    static int have;
    tally_key k;
    memset(&k, 0, sizeof k); /* compared byte by byte */
    const cm_events *ev = &s->cat->events;
    k.cat = s->cat;
    k.ev = ev->ev;
    k.n = ev->n;
    k.nlong = ev->nlong;
    k.filter_gen = ev->filter_gen;
    k.text = ev->arena.bytes;
    k.when = s->when;
    for (int l = 0; l < CM_LAYER_COUNT; l++) k.visible[l] = (unsigned char)(s->cat->layers[l].visible != 0);
    if (have && memcmp(&k, &key, sizeof k) == 0) return &memo;
    tally_ctx c = {s, {{0}, 0, 0}};
    events_each_shown(ev, &s->when, tally_one, &c);
    memo = c.t;
    key = k;
    have = 1;
    return &memo;
}

static void count_rows(const cm_ctl *s, int counts[CM_LAYER_COUNT + 1])
{
    memcpy(counts, tally_of(s)->n, sizeof tally_of(s)->n);
}

int legend_count_unplaced(const cm_ctl *s) { return tally_of(s)->unplaced; }

void legend_count(const cm_ctl *s, int counts[CM_LAYER_COUNT])
{
    int all[CM_LAYER_COUNT + 1];
    count_rows(s, all);
    memcpy(counts, all, sizeof(int) * CM_LAYER_COUNT);
}

/* the layer holding the loaded claims (areas are few: a scan costs nothing), or -1 */
static int claims_layer(const cm_ctl *s)
{
    const cm_events *ev = &s->cat->events;
    for (int k = 0; k < ev->nareas; k++)
        if (ev->ev[ev->areas[k]].claim) return catalog_event_layer(ev->ev[ev->areas[k]].cat);
    return -1;
}

static const char *row_name(const cm_ctl *s, int k) { return k == CLAIMS_ROW ? "Demands and claims" : s->cat->layers[k].name; }

#define ROW 19
#define PAD 9
#define HOLLOW_TEXT "hollow: dated to the week, month or year"
#define NO_PLACE_TEXT "Without a place"
#define HEAT_TEXT "heat: each event spread over %g km (\xCF\x83)"

/* 1 when a point event shown now has a date less precise than a day (drawn hollow): the
 * legend then says what hollow means */
static int any_imprecise(const cm_ctl *s) { return tally_of(s)->imprecise; }

/* Which layers get a row: in the window every layer that has data (with a checkbox, event
 * layers first); in a rendered image only the visible event layers that have events. */
static int rows_of(const cm_ctl *s, int *out)
{
    int n = 0, cl = claims_layer(s);
    /* event layers with nothing loaded in them are left out */
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++)
        if (s->cat->layer_total[k] && (s->state || s->cat->layers[k].visible)) {
            out[n++] = k;
            if (k == cl) out[n++] = CLAIMS_ROW;
        }
    if (s->state)
        for (int k = 0; k < CM_LAYER_FIRST_EVENT; k++) out[n++] = k;
    return n;
}

/* Pixels per logical point for the legend: the UI scale, and a little less on a small map
 * (a window of 800x560 or a 640x480 image), where a full-size legend covers too much of it. */
static float legend_ui(const cm_ctl *s)
{
    int compact = s->view.h < 560 * s->ui || s->view.w < 720 * s->ui;
    return s->ui * (compact ? 0.82f : 1.0f);
}

#define HEAD 18
#define HEAD_TEXT "LAYERS"

/* 1 when the window's legend is folded to its header: as the user chose, or when not chosen,
 * as legend_place found (the frame's legend_folded: an open legend would cover the country) */
static int folded(const cm_ctl *s)
{
    if (!s->state) return 0;
    if (s->state->legend_folded >= 0) return s->state->legend_folded;
    return s->frame && s->frame->legend_folded;
}

static SDL_FRect rect_of(SDL_Renderer *r, const cm_ctl *s, float x, float y, int fold);

SDL_FRect legend_rect(SDL_Renderer *r, const cm_ctl *s, float x, float y) { return rect_of(r, s, x, y, folded(s)); }

static SDL_FRect rect_of(SDL_Renderer *r, const cm_ctl *s, float x, float y, int fold)
{
    float ui = legend_ui(s), w = 0;
    cm_textstyle st = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x2B2B2B)};
    int order[CM_LAYER_COUNT + 2], n = rows_of(s, order), rows = 0;
    for (int i = 0; i < n; i++) {
        int k = order[i];
        int tw, th;
        text_measure(s->text, r, row_name(s, k), &st, &tw, &th);
        if (tw > w) w = (float)tw;
        rows++;
    }
    if (!rows) return (SDL_FRect){x, y, 0, 0};
    float head = s->state ? HEAD * ui : 0;     /* the window's header: a click folds the legend */
    if (fold) {
        int tw, th;
        cm_textstyle hs = {.size = (int)(CM_TYPE_CAPTION * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
        text_measure(s->text, r, HEAD_TEXT, &hs, &tw, &th);
        return (SDL_FRect){x, y, tw + 2 * PAD * ui + 18 * ui, head + 4 * ui};
    }
    if (legend_count_unplaced(s)) {            /* the row of events without a place */
        int tw, th;
        text_measure(s->text, r, NO_PLACE_TEXT, &st, &tw, &th);
        if (tw > w) w = (float)tw;
        rows++;
    }
    float extra = s->state ? 18 * ui : 0;      /* the checkbox column */
    float sep = s->state ? 8 * ui : 0;         /* gap between event and base layers */
    float key = 0;                             /* the line saying what a hollow marker means */
    if (any_imprecise(s)) {
        int tw, th;
        cm_textstyle small = {.size = (int)(CM_TYPE_CAPTION * ui), .color = CM_RGB(0x5A5A5A)};
        text_measure(s->text, r, HOLLOW_TEXT, &small, &tw, &th);
        if (tw + 36 * ui > w + 96 * ui + extra) w = tw + 36 * ui - 96 * ui - extra;
        key = ROW * ui + 4 * ui;
    }
    if (s->heat) { /* the heat view's kernel, on the ground */
        int tw, th;
        char txt[80];
        cm_textstyle small = {.size = (int)(CM_TYPE_CAPTION * ui), .color = CM_RGB(0x5A5A5A)};
        snprintf(txt, sizeof txt, HEAT_TEXT, CM_HEAT_SIGMA_KM);
        text_measure(s->text, r, txt, &small, &tw, &th);
        if (tw + 36 * ui > w + 96 * ui + extra) w = tw + 36 * ui - 96 * ui - extra;
        key += ROW * ui + 4 * ui;
    }
    return (SDL_FRect){x, y, w + 96 * ui + extra, head + rows * ROW * ui + 2 * PAD * ui - 4 * ui + sep + key}; /* room for 6-digit counts */
}

/* The share of the box (sampled on a grid) that lies on the home country's land in view v. */
static float land_under(const cm_ctl *s, const cm_view *v, SDL_FRect b)
{
    const cm_shapes *gov = &s->cat->layers[CM_LAYER_GOVERNORATES].shp;
    int on = 0, all = 0;
    for (int j = 0; j < 6; j++)
        for (int i = 0; i < 8; i++) {
            double wx, wy;
            view_to_world(v, b.x + b.w * (i + 0.5) / 8, b.y + b.h * (j + 0.5) / 6, &wx, &wy);
            on += geom_find_feature(gov, wx, wy) >= 0;
            all++;
        }
    return (float)on / (float)all;
}

/* How many points of a grid of about 4 UI pixels over box b (its edges included, and 2 pixels
 * around it: a dot on the coast next to it is covered too) lie on the home country in view v. */
static int country_points(const cm_ctl *s, const cm_view *v, SDL_FRect b)
{
    const cm_shapes *gov = &s->cat->layers[CM_LAYER_GOVERNORATES].shp;
    float m = 2 * s->ui;
    b = (SDL_FRect){b.x - m, b.y - m, b.w + 2 * m, b.h + 2 * m};
    int nx = (int)ceilf(b.w / (4 * s->ui)), ny = (int)ceilf(b.h / (4 * s->ui)), on = 0;
    for (int j = 0; j <= ny; j++)
        for (int i = 0; i <= nx; i++) {
            float x = b.x + b.w * (float)i / (float)nx, y = b.y + b.h * (float)j / (float)ny;
            double wx, wy;
            view_to_world(v, x, y, &wx, &wy);
            on += geom_find_feature(gov, wx, wy) >= 0;
        }
    return on;
}

static int overlaps(SDL_FRect a, const SDL_FRect *keep, int nkeep)
{
    for (int i = 0; i < nkeep; i++)
        if (keep[i].w > 0 && keep[i].h > 0 && SDL_HasIntersectionF(&a, &keep[i])) return 1;
    return 0;
}

/* Where the legend goes, folded (fold) or not: *at. */
static void place_fold(SDL_Renderer *r, const cm_ctl *s, SDL_FRect below, const SDL_FRect *keep, int nkeep, int fold, SDL_FRect *at);

SDL_FRect legend_place(SDL_Renderer *r, const cm_ctl *s, SDL_FRect below, const SDL_FRect *keep, int nkeep)
{
    int fold = folded(s);
    SDL_FRect b;
    if (s->state && s->state->legend_folded < 0) { /* not chosen: folded if open it would cover the country */
        place_fold(r, s, below, keep, nkeep, 0, &b);
        cm_view home = s->view;
        view_fit(&home, s->cat->home, (home.w < home.h ? home.w : home.h) / 14);
        fold = country_points(s, &home, b) > 0;
    }
    if (s->frame) s->frame->legend_folded = fold;
    place_fold(r, s, below, keep, nkeep, fold, &b);
    return b;
}

static void place_fold(SDL_Renderer *r, const cm_ctl *s, SDL_FRect below, const SDL_FRect *keep, int nkeep, int fold, SDL_FRect *out)
{
    float ui = s->ui, gap = 8 * ui, m = 12 * ui;
    SDL_FRect b = rect_of(r, s, below.x, below.y + below.h + gap, fold);
    *out = b;
    if (b.h <= 0) return;
    const cm_view *v = &s->view;
    float left = v->x0 + m, right = v->x0 + v->w - s->inset_r - m - b.w, top = v->y0 + m, bottom = v->y0 + v->h - m - b.h;
    /* under the date box (where it is looked for first), then the other corners; a corner's
     * box keeps above the bottom strips (the scale bar, the status strip) */
    SDL_FRect at[4] = {b, {right, top, b.w, b.h}, {right, bottom, b.w, b.h}, {left, bottom, b.w, b.h}};
    for (int k = 2; k < 4; k++)
        for (int i = 0; i < nkeep; i++)
            if (keep[i].w > 0 && SDL_HasIntersectionF(&at[k], &keep[i])) at[k].y = fminf(at[k].y, keep[i].y - gap - b.h);
    /* the corner is chosen on the view that fits the whole country in this map, so it depends
     * on the map's size only: it does not jump while the map is dragged or zoomed, and the
     * window and --render of the same view put it in the same place */
    cm_view home = *v;
    view_fit(&home, s->cat->home, (v->w < v->h ? v->w : v->h) / 14);
    int best = 0;
    float land0 = land_under(s, &home, at[0]), best_land = land0;
    if (land0 > 0.05f) /* it covers the country: the corner that covers the least of it */
        for (int k = 1; k < 4; k++) {
            if (at[k].y < v->y0 || at[k].x < v->x0 || at[k].y + at[k].h > v->y0 + v->h) continue;
            if (overlaps(at[k], keep, nkeep)) continue;
            float land = land_under(s, &home, at[k]);
            if (land < best_land - 0.05f) { best = k; best_land = land; }
        }
    *out = at[best];
}

void legend_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s, SDL_FRect box)
{
    struct cm_frame *f = s->frame;
    if (f) {
        f->nlegend = 0;
        f->legend_head = (SDL_FRect){0, 0, 0, 0};
    }
    if (box.h <= 0) return;
    float ui = legend_ui(s), x = box.x, y = box.y, bw = box.w, bh = box.h;
    int counts[CM_LAYER_COUNT + 1];
    count_rows(s, counts);
    int cl = claims_layer(s);
    cm_textstyle st = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x2B2B2B)};
    cm_textstyle num = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x8A8A8A)};
    float row = ROW * ui, pad = PAD * ui;
    SDL_Color paper = CM_RGB(0xFFFFFF);
    paper.a = 225;
    draw_rect(vb, x, y, bw, bh, paper);
    if (s->state) { /* the header: LAYERS and a triangle, pointing down when open; a click folds it */
        float hh = HEAD * ui, tx = x + bw - PAD * ui - 5 * ui, ty = y + PAD * ui / 2 + hh / 2;
        float down[6] = {tx - 5 * ui, ty - 3 * ui, tx + 5 * ui, ty - 3 * ui, tx, ty + 3 * ui};
        float side[6] = {tx - 3 * ui, ty - 5 * ui, tx + 3 * ui, ty, tx - 3 * ui, ty + 5 * ui};
        draw_fan(vb, folded(s) ? side : down, 3, CM_RGB(0x6A6A6A));
        vbuf_flush(r, vb);
        cm_textstyle hs = {.size = (int)(CM_TYPE_CAPTION * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
        text_draw(s->text, r, HEAD_TEXT, &hs, x + PAD * ui, ty, 0, 0.5f);
        if (f) f->legend_head = (SDL_FRect){x, y, bw, hh + PAD * ui / 2};
        y += hh;
        bh -= hh;
    }
    int order[CM_LAYER_COUNT + 2], n = rows_of(s, order);
    int unplaced = legend_count_unplaced(s);
    if (unplaced) { /* its row goes after the event layers */
        int at = 0;
        while (at < n && order[at] >= CM_LAYER_FIRST_EVENT) at++;
        memmove(order + at + 1, order + at, sizeof(int) * (size_t)(n - at));
        order[at] = CM_LEGEND_NO_PLACE;
        n++;
    }
    if (folded(s)) { /* no rows drawn, but their order kept (empty boxes): the number keys follow it */
        for (int i = 0; f && i < n && f->nlegend < CM_LAYER_COUNT; i++) {
            int k = order[i];
            f->legend_row[f->nlegend] = (SDL_FRect){x, y, 0, 0};
            f->legend_layer[f->nlegend++] = k == CLAIMS_ROW ? claims_layer(s) : k;
        }
        return;
    }
    float extra = s->state ? 18 * ui : 0;
    float cy = y + pad + row / 2 - 2 * ui;
    for (int i = 0; i < n; i++) {
        int k = order[i];
        if (k == CM_LEGEND_NO_PLACE) { /* a grey ring; a click lists them */
            overlay_marker_hollow(vb, CM_MARK_CIRCLE, x + pad + extra + 11 * ui, cy, 11 * ui, CM_RGB(0x777777), 1);
            if (f && f->nlegend < CM_LAYER_COUNT) {
                f->legend_row[f->nlegend] = (SDL_FRect){x, cy - row / 2, bw, row};
                f->legend_layer[f->nlegend++] = CM_LEGEND_NO_PLACE;
            }
            cy += row;
            continue;
        }
        int lk = k == CLAIMS_ROW ? cl : k; /* the layer the row shows and toggles */
        const cm_layer *l = &s->cat->layers[lk];
        if (i && k < CM_LAYER_FIRST_EVENT && (order[i - 1] >= CM_LAYER_FIRST_EVENT || order[i - 1] == CM_LEGEND_NO_PLACE)) {
            draw_rect(vb, x + pad, cy - row / 2 + 2 * ui, bw - 2 * pad, 1 * ui, CM_RGB(0xE3DED4));
            cy += 8 * ui;
        }
        if (k == CLAIMS_ROW) { /* a hatched, outlined swatch: the look of a claim on the map */
            const cm_layer_style *cs = style_layer(lk);
            if (s->state) { /* its checkbox shows and toggles the layer that holds the claims */
                float bx = x + pad, by = cy - 6 * ui;
                float cb[8] = {bx, by, bx + 12 * ui, by, bx + 12 * ui, by + 12 * ui, bx, by + 12 * ui};
                draw_loop(vb, cb, 4, 1.2f * ui, CM_RGB(0x6A6A6A));
                if (l->visible) draw_rect(vb, bx + 3 * ui, by + 3 * ui, 6 * ui, 6 * ui, CM_RGB(0x2B2B2B));
            }
            float mx = x + pad + extra, a = counts[k] && l->visible ? 1.0f : 0.35f;
            SDL_Color c = CM_RGB(cs->color);
            c.a = (Uint8)(255 * 0.55f * a);
            for (int j = 0; j < 4; j++) { /* stripes at 45 degrees, inside the swatch */
                float x0 = mx + 2 * ui + j * 5 * ui;
                draw_segment(vb, x0, cy + 5 * ui, fminf(x0 + 10 * ui, mx + 20 * ui), cy + 5 * ui - (fminf(x0 + 10 * ui, mx + 20 * ui) - x0), 1.4f * ui, c);
            }
            c.a = (Uint8)(255 * 0.95f * a);
            float fr[8] = {mx, cy - 7 * ui, mx + 22 * ui, cy - 7 * ui, mx + 22 * ui, cy + 7 * ui, mx, cy + 7 * ui};
            draw_loop(vb, fr, 4, 1.6f * ui, c);
            if (s->state && f && f->nlegend < CM_LAYER_COUNT) {
                f->legend_row[f->nlegend] = (SDL_FRect){x, cy - row / 2, bw, row};
                f->legend_layer[f->nlegend++] = lk;
            }
            cy += row;
            continue;
        }
        if (s->state) { /* checkbox */
            SDL_Color edge = CM_RGB(0x6A6A6A);
            float bx = x + pad, by = cy - 6 * ui;
            float fr[8] = {bx, by, bx + 12 * ui, by, bx + 12 * ui, by + 12 * ui, bx, by + 12 * ui};
            draw_loop(vb, fr, 4, 1.2f * ui, edge);
            if (l->visible) draw_rect(vb, bx + 3 * ui, by + 3 * ui, 6 * ui, 6 * ui, CM_RGB(0x2B2B2B));
            if (f && f->nlegend < CM_LAYER_COUNT) {
                f->legend_row[f->nlegend] = (SDL_FRect){x, cy - row / 2, bw, row};
                f->legend_layer[f->nlegend++] = k;
            }
        }
        const cm_layer_style *ls = style_layer(k);
        float mx = x + pad + extra;
        if (ls) {
            float alpha = counts[k] && l->visible ? 1.0f : 0.35f;
            if (categories_layer(k)->swatch) { /* the area swatch behind the marker */
                SDL_Color sw = CM_RGB(ls->color);
                sw.a = (Uint8)(ls->area_alpha * 1.4f * alpha);
                draw_rect(vb, mx, cy - 7 * ui, 22 * ui, 14 * ui, sw);
            }
            overlay_marker(vb, ls->marker, mx + 11 * ui, cy, 11 * ui, CM_RGB(ls->color), alpha);
        }
        cy += row;
    }
    vbuf_flush(r, vb);
    cy = y + pad + row / 2 - 2 * ui;
    for (int i = 0; i < n; i++) {
        int k = order[i];
        char num_s[16];
        if (k == CM_LEGEND_NO_PLACE) {
            text_draw(s->text, r, NO_PLACE_TEXT, &st, x + pad + extra + 30 * ui, cy, 0, 0.5f);
            snprintf(num_s, sizeof num_s, "%d", unplaced);
            text_draw(s->text, r, num_s, &num, x + bw - pad, cy, 1, 0.5f);
            cy += row;
            continue;
        }
        const cm_layer *l = &s->cat->layers[k == CLAIMS_ROW ? cl : k];
        if (i && k < CM_LAYER_FIRST_EVENT && (order[i - 1] >= CM_LAYER_FIRST_EVENT || order[i - 1] == CM_LEGEND_NO_PLACE)) cy += 8 * ui;
        cm_textstyle t = st;
        if (!l->visible || (k >= CM_LAYER_FIRST_EVENT && !counts[k])) t.color = CM_RGB(0x9A9A9A);
        float tx = x + pad + extra + (k >= CM_LAYER_FIRST_EVENT ? 30 * ui : 0);
        text_draw(s->text, r, row_name(s, k), &t, tx, cy, 0, 0.5f);
        if (k >= CM_LAYER_FIRST_EVENT) { /* what the layer has here now, shown or hidden (the box says which) */
            snprintf(num_s, sizeof num_s, "%d", counts[k]);
            text_draw(s->text, r, num_s, &num, x + bw - pad, cy, 1, 0.5f);
        }
        cy += row;
    }
    float heat_key = s->heat ? row + 4 * ui : 0;
    if (s->heat) { /* the heat view's ramp and its kernel's size on the ground */
        float ky = y + bh - pad - row / 2 + 4 * ui;
        draw_rect(vb, x + pad, ky - row / 2 - 1 * ui, bw - 2 * pad, 1 * ui, CM_RGB(0xE3DED4));
        for (int i = 0; i < 4; i++) { /* heat_draw's ramp, light to dense */
            float t = i / 3.0f;
            SDL_Color c = {(Uint8)(255 - 90 * t), (Uint8)(220 * (1 - t) + 20), (Uint8)(60 * (1 - t) + 30), (Uint8)(70 + 170 * t)};
            draw_rect(vb, x + pad + i * 5.5f * ui, ky - 6 * ui, 5.5f * ui, 12 * ui, c);
        }
        vbuf_flush(r, vb);
        char txt[80];
        snprintf(txt, sizeof txt, HEAT_TEXT, CM_HEAT_SIGMA_KM);
        cm_textstyle small = {.size = (int)(CM_TYPE_CAPTION * ui), .color = CM_RGB(0x5A5A5A)};
        text_draw(s->text, r, txt, &small, x + pad + 26 * ui, ky, 0, 0.5f);
    }
    if (any_imprecise(s)) { /* what a hollow marker means */
        float ky = y + bh - pad - row / 2 + 4 * ui - heat_key;
        draw_rect(vb, x + pad, ky - row / 2 - 1 * ui, bw - 2 * pad, 1 * ui, CM_RGB(0xE3DED4));
        overlay_marker_hollow(vb, CM_MARK_DIAMOND, x + pad + 11 * ui, ky, 11 * ui, CM_RGB(0x555555), 1);
        vbuf_flush(r, vb);
        cm_textstyle small = {.size = (int)(CM_TYPE_CAPTION * ui), .color = CM_RGB(0x5A5A5A)};
        text_draw(s->text, r, HOLLOW_TEXT, &small, x + pad + 26 * ui, ky, 0, 0.5f);
    }
}

void legend_describe(const cm_ctl *s, const struct cm_frame *f, char *buf, size_t n)
{
    int counts[CM_LAYER_COUNT];
    legend_count(s, counts);
    int unplaced = legend_count_unplaced(s);
    size_t k = (size_t)snprintf(buf, n, "\"folded\":%s,\"head\":[%d,%d,%d,%d],\"rows\":[", f && f->legend_folded ? "true" : "false",
                                f ? (int)f->legend_head.x : 0, f ? (int)f->legend_head.y : 0, f ? (int)f->legend_head.w : 0,
                                f ? (int)f->legend_head.h : 0);
    for (int i = 0, shown = 0; f && i < f->nlegend && k < n; i++) {
        int l = f->legend_layer[i];
        const SDL_FRect *b = &f->legend_row[i];
        if (b->w <= 0) continue; /* folded: not shown */
        const char *comma = shown++ ? "," : "";
        if (l == CM_LEGEND_NO_PLACE)
            k += (size_t)snprintf(buf + k, n - k, "%s{\"id\":\"no_place\",\"count\":%d,\"box\":[%d,%d,%d,%d]}", comma, unplaced,
                                  (int)b->x, (int)b->y, (int)b->w, (int)b->h);
        else
            k += (size_t)snprintf(buf + k, n - k, "%s{\"id\":\"%s\",\"count\":%d,\"visible\":%s,\"box\":[%d,%d,%d,%d]}", comma,
                                  s->cat->layers[l].id, l >= CM_LAYER_FIRST_EVENT ? counts[l] : 0, s->cat->layers[l].visible ? "true" : "false",
                                  (int)b->x, (int)b->y, (int)b->w, (int)b->h);
    }
    if (k < n) snprintf(buf + k, n - k, "]");
}
