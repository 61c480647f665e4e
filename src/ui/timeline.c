/* timeline: see timeline.h. */
#include "ui/timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/outside.h"
#include "render/style.h"

static unsigned vis_mask(const cm_ui *u)
{
    unsigned m = 0;
    for (int k = 0; k < CM_LAYER_COUNT; k++) m |= (unsigned)u->cat->layers[k].visible << k;
    return m;
}

int32_t timeline_monday(int32_t day)
{
    int wd = ((day + 3) % 7 + 7) % 7; /* day 0, 1 January 1970, was a Thursday: Monday is 0 */
    return day - wd;
}

void timeline_histogram(cm_histogram *h, const cm_ui *u)
{
    unsigned mask = vis_mask(u);
    int32_t week0 = timeline_monday(u->span_a);
    int nweeks = (u->span_b - week0) / 7 + 1;
    if (h->weeks && h->mask == mask && h->gen == u->cat->events.filter_gen && h->nweeks == nweeks && h->span_a == u->span_a) return;
    int *w = realloc(h->weeks, sizeof(int) * nweeks);
    if (!w) return;
    h->weeks = w;
    memset(w, 0, sizeof(int) * nweeks);
    h->nweeks = nweeks;
    h->mask = mask;
    h->gen = u->cat->events.filter_gen;
    h->span_a = u->span_a;
    h->week0 = week0;
    h->max = 1;
    const cm_events *ev = &u->cat->events;
    for (int i = 0; i < ev->n; i++) {
        const cm_event *e = &ev->ev[i];
        if (e->hidden || !u->cat->layers[catalog_event_layer(e->cat)].visible || outside_is(u->cat, e)) continue; /* as the legend */
        if (e->first < week0) continue;
        int k = (e->first - week0) / 7;
        if (k >= nweeks) continue;
        if (++w[k] > h->max) h->max = w[k];
    }
}

void timeline_histogram_free(cm_histogram *h)
{
    free(h->weeks);
    memset(h, 0, sizeof *h);
}

int32_t timeline_day_at(const cm_frame *f, const cm_ui *u, float x)
{
    float t = (x - f->axis_x0) / (f->axis_x1 - f->axis_x0);
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    return u->span_a + (int32_t)lroundf(t * (float)(u->span_b - u->span_a));
}

float timeline_x_of(const cm_frame *f, const cm_ui *u, int32_t day)
{
    float t = (float)(day - u->span_a) / (float)(u->span_b - u->span_a > 0 ? u->span_b - u->span_a : 1);
    return f->axis_x0 + t * (f->axis_x1 - f->axis_x0);
}

static void button(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, SDL_FRect b, const char *label, int on)
{
    draw_rect(vb, b.x, b.y, b.w, b.h, CM_RGBA(on ? 0x2B2B2B : 0xF1EFEA, 255));
    float fr[8] = {b.x, b.y, b.x + b.w, b.y, b.x + b.w, b.y + b.h, b.x, b.y + b.h};
    draw_loop(vb, fr, 4, 1, CM_RGBA(0xC9C4BA, 255));
    vbuf_flush(r, vb);
    cm_textstyle st = {.size = (int)(CM_TYPE_SMALL * ui), .color = on ? CM_RGB(0xFFFFFF) : CM_RGB(0x333333)};
    text_draw(t, r, label, &st, b.x + b.w / 2, b.y + b.h / 2, 0.5f, 0.5f);
}

/* The date over the handle, or in range mode both ends: the start's date left of its handle
 * and the end's right of its own, each turned inward when the strip's edge is in the way, or
 * one "start – end" label beside the band when they do not both fit. No label crosses a handle. */
static void date_labels(SDL_Renderer *r, cm_text *t, float ui, const cm_ui *u, const cm_frame *f, const cm_textstyle *st, float xa,
                        float xb, float y)
{
    char a[64], b[64], both[140];
    cm_date da = {u->when.a, CM_PREC_DAY}, db = {u->when.b, CM_PREC_DAY};
    date_format(da, a, sizeof a);
    float gap = 6 * ui, lo = f->axis_x0 - 40 * ui, hi = f->timeline.x + f->timeline.w - 4 * ui;
    int wa = 0, wb = 0, h = 0;
    text_measure(t, r, a, st, &wa, &h);
    if (!u->range_mode) {
        float lx = xa + gap;
        if (lx + wa > hi) lx = xa - gap - wa;
        text_draw(t, r, a, st, lx, y, 0, 0);
        return;
    }
    date_format(db, b, sizeof b);
    text_measure(t, r, b, st, &wb, &h);
    /* the start's label: left of its handle, or just right of it when the controls are there */
    float ax = xa - gap - wa, bx = xb + gap;
    if (ax < lo) ax = xa + gap;
    if (bx + wb > hi) bx = xb - gap - wb;
    int a_in = ax > xa, b_in = bx < xb;
    int clash = (a_in && ax + wa > xb - gap) || (b_in && bx < xa + gap) || (a_in && b_in && ax + wa + gap > bx) ||
                ax < lo || bx + wb > hi;
    if (!clash) {
        text_draw(t, r, a, st, ax, y, 0, 0);
        text_draw(t, r, b, st, bx, y, 0, 0);
        return;
    }
    snprintf(both, sizeof both, "%s \xE2\x80\x93 %s", a, b);
    int w2 = 0;
    text_measure(t, r, both, st, &w2, &h);
    float x = xb + gap; /* right of the end handle, else left of the start handle, else at the left */
    if (x + w2 > hi) x = xa - gap - w2;
    if (x < lo) x = lo;
    text_draw(t, r, both, st, x, y, 0, 0);
}

void timeline_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, const cm_histogram *h, cm_frame *f,
                   int interactive)
{
    SDL_FRect R = f->timeline;
    draw_rect(vb, R.x, R.y, R.w, R.h, CM_RGBA(0xFBFAF7, 255));
    draw_rect(vb, R.x, R.y, R.w, 1 * ui, CM_RGBA(0xCFC9BD, 255));

    /* controls */
    vbuf_flush(r, vb);
    if (!interactive) {
        cm_textstyle cap = {.size = (int)(CM_TYPE_CAPTION * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
        cm_textstyle sub = {.size = (int)(CM_TYPE_CAPTION * ui), .color = CM_RGB(0x6A6A6A)};
        text_draw(t, r, "EVENTS PER WEEK", &cap, R.x + 14 * ui, R.y + 18 * ui, 0, 0);
        text_draw(t, r, "weeks Monday to Sunday", &sub, R.x + 14 * ui, R.y + 34 * ui, 0, 0);
        text_draw(t, r, u->range_mode ? "shaded: the window shown" : "shaded: the fade period", &sub, R.x + 14 * ui, R.y + 48 * ui, 0, 0);
    }
    float cx = R.x + 14 * ui, cy = R.y + 26 * ui, rad = 15 * ui;
    f->play_btn = (SDL_FRect){cx, cy - rad, 2 * rad, 2 * rad};
    if (interactive) draw_disc(vb, cx + rad, cy, rad, CM_RGBA(0x8A3A1E, 255));
    if (!interactive) {
    } else if (u->playing) {
        draw_rect(vb, cx + rad - 6 * ui, cy - 6 * ui, 4 * ui, 12 * ui, CM_RGBA(0xFFFFFF, 255));
        draw_rect(vb, cx + rad + 2 * ui, cy - 6 * ui, 4 * ui, 12 * ui, CM_RGBA(0xFFFFFF, 255));
    } else {
        float tri[6] = {cx + rad - 4 * ui, cy - 7 * ui, cx + rad + 7 * ui, cy, cx + rad - 4 * ui, cy + 7 * ui};
        draw_fan(vb, tri, 3, CM_RGBA(0xFFFFFF, 255));
    }
    vbuf_flush(r, vb);
    f->speed_btn = (SDL_FRect){cx + 2 * rad + 8 * ui, cy - 11 * ui, 74 * ui, 22 * ui};
    if (interactive) button(r, vb, t, ui, f->speed_btn, ui_speed_name(u->speed), 0);
    f->range_btn = (SDL_FRect){R.x + 14 * ui, R.y + 52 * ui, 30 * ui + 74 * ui + 8 * ui, 22 * ui};
    if (interactive) button(r, vb, t, ui, f->range_btn, u->range_mode ? "Range: on" : "Range: off", u->range_mode);

    /* axis */
    f->axis_x0 = R.x + 150 * ui;
    f->axis_x1 = R.x + R.w - 24 * ui;
    if (f->axis_x1 < f->axis_x0 + 50) f->axis_x1 = f->axis_x0 + 50;
    float base = R.y + 58 * ui, top = R.y + 14 * ui;

    /* window band or fade tail under the bars, kept to the axis (a fade reaching before the
     * span's start was shaded under the buttons) */
    float xa = timeline_x_of(f, u, u->when.a), xb = timeline_x_of(f, u, u->when.b);
    if (u->range_mode) {
        float x0 = fmaxf(xa, f->axis_x0), x1 = fminf(fmaxf(xb, xa + 2), f->axis_x1);
        if (x1 > x0) draw_rect(vb, x0, top - 4 * ui, x1 - x0, base - top + 4 * ui, CM_RGBA(0x8A3A1E, 40));
    } else if (u->when.fade > 0) {
        float xf = fmaxf(timeline_x_of(f, u, u->when.a - u->when.fade), f->axis_x0), x1 = fminf(xa, f->axis_x1);
        if (x1 > xf) draw_rect(vb, xf, top - 4 * ui, x1 - xf, base - top + 4 * ui, CM_RGBA(0x8A3A1E, 18));
    }
    /* histogram: one bar per ISO week, from its Monday to the next on the same axis as the
     * handle and the month ticks (so a week's bar sits over its days), heights to scale */
    if (h && h->weeks)
        for (int k = 0; k < h->nweeks; k++) {
            if (!h->weeks[k]) continue;
            float bh = (base - top - 2 * ui) * (float)h->weeks[k] / (float)h->max;
            if (bh < 2 * ui) bh = 2 * ui;
            int32_t day = h->week0 + k * 7;
            int in = day + 6 >= u->when.a - (u->range_mode ? 0 : u->when.fade) && day <= u->when.b;
            float x0 = fmaxf(timeline_x_of(f, u, day), f->axis_x0), x1 = fminf(timeline_x_of(f, u, day + 7), f->axis_x1);
            float gap = x1 - x0 > 4 ? 1 : 0; /* a hairline between neighbouring weeks */
            draw_rect(vb, x0, base - bh, fmaxf(x1 - x0 - gap, 1), bh, CM_RGBA(in ? 0x8A3A1E : 0xB9B1A3, 255));
        }
    draw_rect(vb, f->axis_x0, base, f->axis_x1 - f->axis_x0, 1.2f * ui, CM_RGBA(0x6B6357, 255));
    /* the scale: the tallest week's count at the top, 0 at the axis */
    draw_rect(vb, f->axis_x0 - 4 * ui, top + 2 * ui, 4 * ui, 1 * ui, CM_RGBA(0x6B6357, 255));
    vbuf_flush(r, vb);
    if (h && h->weeks) {
        char mx[24];
        snprintf(mx, sizeof mx, "%d", h->max);
        cm_textstyle sc = {.size = (int)(CM_TYPE_TICK * ui), .color = CM_RGB(0x6B6357)};
        text_draw(t, r, mx, &sc, f->axis_x0 - 6 * ui, top + 2 * ui, 1, 0.5f);
        text_draw(t, r, "0", &sc, f->axis_x0 - 6 * ui, base, 1, 0.5f);
    }

    /* month ticks; the year on January and at the start, first, so that on long spans every
     * year is labelled (bold) and month names fill in only where they fit between them */
    cm_textstyle lab = {.size = (int)(CM_TYPE_CAPTION * ui), .color = CM_RGB(0x5E574C)};
    cm_textstyle yl = lab;
    yl.bold = 1;
    static const char *MON[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    date_to_civil(u->span_a, &y, &m, &d);
    int32_t first = date_from_civil(y, m, 1);
    float month_px = timeline_x_of(f, u, date_add_months(first, 1)) - timeline_x_of(f, u, first);
    SDL_FRect taken[64];
    int ntaken = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int32_t day = first; day <= u->span_b; day = date_add_months(day, 1)) {
            int yy, mm, dd;
            date_to_civil(day, &yy, &mm, &dd);
            int is_year = mm == 1 || day == first;
            if (is_year != (pass == 0)) continue;
            float x = timeline_x_of(f, u, day);
            draw_rect(vb, x, base, 1 * ui, (is_year ? 7 : 5) * ui, CM_RGBA(0x6B6357, 255));
            vbuf_flush(r, vb);
            char txt[16];
            /* a month is too narrow for "Jan 2025": years alone */
            if (is_year && month_px < 40 * ui) snprintf(txt, sizeof txt, "%d", yy);
            else if (is_year) snprintf(txt, sizeof txt, "%s %d", MON[mm - 1], yy);
            else snprintf(txt, sizeof txt, "%s", MON[mm - 1]);
            int tw = 0, th = 0;
            text_measure(t, r, txt, is_year ? &yl : &lab, &tw, &th);
            SDL_FRect box = {x + 2 * ui - 3 * ui, base, tw + 6 * ui, 20 * ui};
            if (box.x + box.w > f->axis_x1 + 20 * ui) continue;
            int clear = 1;
            for (int k = 0; k < ntaken && clear; k++) clear = !SDL_HasIntersectionF(&box, &taken[k]);
            if (!clear || ntaken == 64) continue;
            taken[ntaken++] = box;
            text_draw(t, r, txt, is_year ? &yl : &lab, x + 2 * ui, base + 6 * ui, 0, 0);
        }

    /* handles */
    for (int k = 0; k < (u->range_mode ? 2 : 1); k++) {
        float x = k ? xb : xa;
        draw_rect(vb, x - 1 * ui, top - 6 * ui, 2 * ui, base - top + 6 * ui, CM_RGBA(0x1F1F1F, 255));
        draw_disc(vb, x, base, 7 * ui, CM_RGBA(0xFFFFFF, 255));
        draw_disc(vb, x, base, 5.5f * ui, CM_RGBA(0x1F1F1F, 255));
    }
    vbuf_flush(r, vb);
    cm_textstyle big = {.size = (int)(CM_TYPE_BODY * ui), .bold = 1, .color = CM_RGB(0x1F1F1F), .halo = (int)(2 * ui),
                        .halo_color = CM_RGB(0xFBFAF7)};
    date_labels(r, t, ui, u, f, &big, xa, xb, top - 8 * ui);
    cm_textstyle hint = {.size = (int)(CM_TYPE_CAPTION * ui), .color = CM_RGB(0x8A8378)};
    if (interactive) text_draw(t, r, "space play \xC2\xB7 , . day \xC2\xB7 [ ] week \xC2\xB7 PgUp PgDn month \xC2\xB7 F1 help", &hint,
              f->axis_x1, R.y + R.h - 6 * ui, 1, 1);
}

int timeline_week_at(const cm_frame *f, const cm_ui *u, const cm_histogram *h, float x, float y)
{
    const SDL_FRect *R = &f->timeline;
    float ui = R->h / CM_TIMELINE_H;
    if (!h || !h->weeks || x < f->axis_x0 || x >= f->axis_x1 || y < R->y + 10 * ui || y > R->y + 58 * ui) return -1;
    int32_t day = timeline_day_at(f, u, x);
    /* the day whose column holds x: timeline_day_at rounds to the nearest tick */
    if (timeline_x_of(f, u, day) > x) day--;
    if (day < h->week0) return -1;
    int k = (day - h->week0) / 7;
    return k < h->nweeks ? k : -1;
}

void timeline_tooltip(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, const cm_histogram *h,
                      const cm_frame *f, float mx, float my)
{
    int k = timeline_week_at(f, u, h, mx, my);
    if (k < 0) return;
    char a[48], b[48], line[160];
    cm_date da = {h->week0 + 7 * k, CM_PREC_DAY}, db = {h->week0 + 7 * k + 6, CM_PREC_DAY};
    date_format(da, a, sizeof a);
    date_format(db, b, sizeof b);
    snprintf(line, sizeof line, "Mon %s \xE2\x80\x93 Sun %s: %d event%s", a, b, h->weeks[k], h->weeks[k] == 1 ? "" : "s");
    cm_textstyle st = {.size = (int)(CM_TYPE_SMALL * ui), .bold = 1, .color = CM_RGB(0xFFFFFF)};
    int w = 0, hh = 0;
    text_measure(t, r, line, &st, &w, &hh);
    float pad = 6 * ui, bw = w + 2 * pad, bh = hh + 2 * pad;
    float x = mx - bw / 2, y = f->timeline.y - bh - 4 * ui;
    if (x < 2) x = 2;
    if (x + bw > f->timeline.x + f->timeline.w - 2) x = f->timeline.x + f->timeline.w - 2 - bw;
    draw_rect(vb, x, y, bw, bh, CM_RGBA(0x2B2B2B, 235));
    vbuf_flush(r, vb);
    text_draw(t, r, line, &st, x + pad, y + bh / 2, 0, 0.5f);
}
