/* summary: a governorate at a glance, at the top of its panel; see summary.h. */
#include "ui/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/filter.h"
#include "base/utf8.h"
#include "render/style.h"
#include "ui/logline.h"

/* The weekly counts of the selected governorate, kept until the selection, the filter, the
 * layers or the timeline's axis change (one window per process: one cache). */
static struct {
    int gov;
    unsigned gen, mask;
    int32_t span_a, span_b;
    int *weeks, nweeks, max, total;
} C = {-1, 0, 0, 0, 0, NULL, 0, 0, 0};

static unsigned layer_mask(const cm_ui *u)
{
    unsigned m = 0;
    for (int k = 0; k < CM_LAYER_COUNT; k++) m |= (unsigned)u->cat->layers[k].visible << k;
    return m;
}

/* the same test as the panel's list: named by code, a point inside, or an area over its label point */
static int in_gov(const cm_ui *u, const cm_event *e, int gov)
{
    for (int i = 0; i < e->nregions; i++)
        if (e->region_idx && e->region_idx[i] == gov) return 1;
    const cm_layer *g = &u->cat->layers[CM_LAYER_GOVERNORATES];
    if (e->has_point && !e->is_area && geom_feature_contains(&g->shp, gov, e->x, e->y)) return 1;
    if (e->poly && geom_feature_contains(e->poly, 0, g->label[gov].x, g->label[gov].y)) return 1;
    return 0;
}

static void weekly(const cm_ui *u, int gov)
{
    const cm_events *ev = &u->cat->events;
    unsigned mask = layer_mask(u);
    if (C.weeks && C.gov == gov && C.gen == ev->filter_gen && C.mask == mask && C.span_a == u->span_a && C.span_b == u->span_b) return;
    int nweeks = (u->span_b - u->span_a) / 7 + 1;
    int *w = realloc(C.weeks, sizeof(int) * (size_t)nweeks);
    if (!w) return;
    memset(w, 0, sizeof(int) * (size_t)nweeks);
    C.weeks = w;
    C.nweeks = nweeks;
    C.max = 1;
    C.total = 0;
    for (int i = 0; i < ev->n; i++) {
        const cm_event *e = &ev->ev[i];
        if (e->hidden || !u->cat->layers[catalog_event_layer(e->cat)].visible) continue;
        int k = (e->first - u->span_a) / 7;
        if (k < 0 || k >= nweeks || !in_gov(u, e, gov)) continue;
        if (++w[k] > C.max) C.max = w[k];
        C.total++;
    }
    C.gov = gov;
    C.gen = ev->filter_gen;
    C.mask = mask;
    C.span_a = u->span_a;
    C.span_b = u->span_b;
    char iso[16];
    snprintf(iso, sizeof iso, "%s", shapes_attr(&u->cat->layers[CM_LAYER_GOVERNORATES].shp, gov, "ISO"));
    cm_logkv f[] = {{"region", iso, 0}, {"weeks", NULL, C.nweeks}, {"events", NULL, C.total}, {"most_in_a_week", NULL, C.max}};
    logline_write(u, "summary", f, 4);
}

void summary_totals(const cm_ui *u, cm_list_totals *t)
{
    memset(t, 0, sizeof *t);
    for (int j = 0; j < 3; j++) t->top[j] = -1;
    for (int i = 0; i < u->nlist; i++) {
        const cm_event *e = &u->cat->events.ev[u->list[i]];
        t->by[catalog_event_layer(e->cat)]++;
        long k = filter_fatalities(e, NULL); /* the one rule the filter, feed and details use */
        if (k < 0) continue;
        t->killed += k;
        t->with_figure++;
        int j = 3; /* keep the three largest, ties in list order */
        while (j > 0 && (t->top[j - 1] < 0 || k > t->top_k[j - 1])) j--;
        if (j == 3) continue;
        memmove(t->top + j + 1, t->top + j, sizeof t->top[0] * (size_t)(2 - j));
        memmove(t->top_k + j + 1, t->top_k + j, sizeof t->top_k[0] * (size_t)(2 - j));
        t->top[j] = u->list[i];
        t->top_k[j] = k;
    }
}

float summary_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, float x, float y, float w, const cm_ui *u)
{
    if (u->sel.kind != CM_REF_REGION) return 0;
    weekly(u, u->sel.idx);
    float y0 = y;
    cm_textstyle cap = {.size = (int)(CM_TYPE_CAPTION * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
    cm_textstyle txt = {.size = (int)(CM_TYPE_SMALL * ui), .color = CM_RGB(0x2B2B2B), .wrap = (int)w};
    char buf[600];
    int tw, th;
    cm_list_totals tot;
    summary_totals(u, &tot);
    /* what is on the map here now, by layer */
    buf[0] = 0;
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++)
        if (tot.by[k]) {
            size_t n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, "%s%s %d", n ? " \xC2\xB7 " : "", u->cat->layers[k].name, tot.by[k]);
        }
    text_draw(t, r, "BY TYPE", &cap, x, y, 0, 0);
    y += 15 * ui;
    if (!buf[0]) snprintf(buf, sizeof buf, "nothing at this date");
    text_measure(t, r, buf, &txt, &tw, &th);
    text_draw(t, r, buf, &txt, x, y, 0, 0);
    y += th + 8 * ui;
    /* the largest figures of people killed, with who reported them */
    snprintf(buf, sizeof buf, "REPORTED KILLED%s", tot.with_figure ? "" : ": NO FIGURE HERE");
    text_draw(t, r, buf, &cap, x, y, 0, 0);
    y += 15 * ui;
    for (int i = 0; i < 3 && tot.top[i] >= 0; i++) {
        const char *rep;
        const cm_event *e = &u->cat->events.ev[tot.top[i]];
        filter_fatalities(e, &rep);
        snprintf(buf, sizeof buf, "%ld \xE2\x80\x94 %s (%s)", tot.top_k[i], rep ? rep : "?", e->title);
        cm_textstyle one = txt;
        one.wrap = 0;
        /* one line each: cut at a whole character to the width */
        size_t len = strlen(buf);
        while (len > 8 && text_measure(t, r, buf, &one, &tw, &th) == 0 && tw > w) {
            len -= 2;
            len = utf8_cut(buf, len);
            memcpy(buf + len, "\xE2\x80\xA6", 4);
        }
        text_measure(t, r, buf, &one, &tw, &th);
        text_draw(t, r, buf, &one, x, y, 0, 0);
        y += th + 1 * ui;
    }
    if (tot.with_figure > 1) {
        snprintf(buf, sizeof buf, "%ld in all, from %d of the %d events (each event's largest figure)", tot.killed,
                 tot.with_figure, u->nlist);
        cm_textstyle g = txt;
        g.color = CM_RGB(0x6A6A6A);
        text_measure(t, r, buf, &g, &tw, &th);
        text_draw(t, r, buf, &g, x, y, 0, 0);
        y += th;
    }
    y += 8 * ui;
    /* its events week by week over the timeline's span, the date shown shaded */
    snprintf(buf, sizeof buf, "EVENTS PER WEEK HERE (%d)", C.total);
    text_draw(t, r, buf, &cap, x, y, 0, 0);
    y += 15 * ui;
    float ch = 36 * ui, bw = C.nweeks ? w / C.nweeks : w;
    float span = (float)(u->span_b - u->span_a + 1);
    float sx = x + (u->when.a - u->span_a) / span * w, ex = x + (u->when.b + 1 - u->span_a) / span * w;
    if (ex - sx < 2 * ui) ex = sx + 2 * ui;
    draw_rect(vb, x, y, w, ch, CM_RGBA(0xF1EEE8, 255));
    draw_rect(vb, sx, y, ex - sx, ch, CM_RGBA(0x8A3A1E, 60));
    for (int k = 0; k < C.nweeks; k++)
        if (C.weeks[k]) {
            float h = ch * C.weeks[k] / (float)C.max;
            draw_rect(vb, x + k * bw, y + ch - h, bw > 2 ? bw - 1 : bw, h, CM_RGBA(0x8A3A1E, 255));
        }
    draw_rect(vb, x, y + ch, w, 1, CM_RGBA(0x8A8378, 255));
    vbuf_flush(r, vb);
    y += ch + 10 * ui;
    return y - y0;
}
