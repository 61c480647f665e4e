/* legend: see legend.h. */
#include "ui/legend.h"

#include <stdio.h>
#include <string.h>

#include "render/overlay.h"
#include "render/style.h"

static int count_one(const cm_event *e, int idx, void *u)
{
    (void)idx;
    ((int *)u)[catalog_event_layer(e->cat)]++;
    return 0;
}

void legend_count(const cm_scene *s, int counts[CM_LAYER_COUNT])
{
    memset(counts, 0, sizeof(int) * CM_LAYER_COUNT);
    events_each_shown(&s->cat->events, &s->when, count_one, counts);
}

#define ROW 19
#define PAD 9

SDL_FRect legend_rect(SDL_Renderer *r, const cm_scene *s, float x, float y)
{
    float ui = s->ui, w = 0;
    cm_textstyle st = {.size = (int)(12 * ui), .color = CM_RGB(0x2B2B2B)};
    int rows = 0;
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++) {
        if (!s->cat->layers[k].visible) continue;
        int tw, th;
        text_measure(s->text, r, s->cat->layers[k].name, &st, &tw, &th);
        if (tw > w) w = (float)tw;
        rows++;
    }
    if (!rows) return (SDL_FRect){x, y, 0, 0};
    return (SDL_FRect){x, y, w + 70 * ui, rows * ROW * ui + 2 * PAD * ui - 4 * ui};
}

void legend_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, SDL_FRect box)
{
    if (box.h <= 0) return;
    float ui = s->ui, x = box.x, y = box.y, bw = box.w, bh = box.h;
    int counts[CM_LAYER_COUNT];
    legend_count(s, counts);
    cm_textstyle st = {.size = (int)(12 * ui), .color = CM_RGB(0x2B2B2B)};
    cm_textstyle num = {.size = (int)(12 * ui), .color = CM_RGB(0x8A8A8A)};
    float row = ROW * ui, pad = PAD * ui;
    SDL_Color paper = CM_RGB(0xFFFFFF);
    paper.a = 225;
    draw_rect(vb, x, y, bw, bh, paper);
    float cy = y + pad + row / 2 - 2 * ui;
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++) {
        if (!s->cat->layers[k].visible) continue;
        const cm_layer_style *ls = style_layer(k);
        float alpha = counts[k] ? 1.0f : 0.35f;
        if (k == CM_LAYER_VIOLENCE || k == CM_LAYER_ZONES) { /* the area swatch behind the marker */
            SDL_Color sw = CM_RGB(ls->color);
            sw.a = (Uint8)(ls->area_alpha * 1.4f * alpha);
            draw_rect(vb, x + pad, cy - 7 * ui, 22 * ui, 14 * ui, sw);
        }
        overlay_marker(vb, ls->marker, x + pad + 11 * ui, cy, 11 * ui, CM_RGB(ls->color), alpha);
        cy += row;
    }
    vbuf_flush(r, vb);
    cy = y + pad + row / 2 - 2 * ui;
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++) {
        if (!s->cat->layers[k].visible) continue;
        char n[16];
        snprintf(n, sizeof n, "%d", counts[k]);
        cm_textstyle t = st;
        if (!counts[k]) t.color = CM_RGB(0x9A9A9A);
        text_draw(s->text, r, s->cat->layers[k].name, &t, x + pad + 30 * ui, cy, 0, 0.5f);
        text_draw(s->text, r, n, &num, x + bw - pad, cy, 1, 0.5f);
        cy += row;
    }
}
