/* heat: density view; see heat.h. */
#include "render/heat.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    const cm_scene *s;
    float *grid;
    int gw, gh;
    float cell;
} heat_ctx;

static int add(const cm_event *e, int idx, void *p)
{
    heat_ctx *h = p;
    (void)idx;
    if (e->is_area || !e->has_point || !h->s->cat->layers[catalog_event_layer(e->cat)].visible) return 0;
    float w = events_weight(e, &h->s->when);
    if (w <= 0) return 0;
    float x, y;
    view_to_screen(&h->s->view, e->x, e->y, &x, &y);
    int gx = (int)((x - h->s->view.x0) / h->cell), gy = (int)((y - h->s->view.y0) / h->cell);
    if (gx < 0 || gy < 0 || gx >= h->gw || gy >= h->gh) return 0;
    h->grid[gy * h->gw + gx] += w;
    return 0;
}

void heat_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s)
{
    heat_ctx h = {s, NULL, 0, 0, CM_HEAT_CELL * s->ui};
    h.gw = (int)(s->view.w / h.cell) + 1;
    h.gh = (int)(s->view.h / h.cell) + 1;
    h.grid = calloc((size_t)h.gw * h.gh, sizeof(float));
    float *sm = calloc((size_t)h.gw * h.gh, sizeof(float));
    if (!h.grid || !sm) { free(h.grid); free(sm); return; }
    events_each_shown(&s->cat->events, &s->when, add, &h);
    /* smooth with a 3x3 kernel so single events read as soft spots, not specks */
    float mx = 0;
    for (int y = 0; y < h.gh; y++)
        for (int x = 0; x < h.gw; x++) {
            float v = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= h.gw || yy >= h.gh) continue;
                    v += h.grid[yy * h.gw + xx] * (dx == 0 && dy == 0 ? 0.36f : (dx == 0 || dy == 0) ? 0.12f : 0.04f);
                }
            sm[y * h.gw + x] = v;
            if (v > mx) mx = v;
        }
    float lm = logf(1 + mx);
    for (int y = 0; y < h.gh && lm > 0; y++)
        for (int x = 0; x < h.gw; x++) {
            float v = sm[y * h.gw + x];
            if (v <= 0.01f) continue;
            float t = logf(1 + v) / lm; /* 0..1 */
            /* yellow -> orange -> dark red, more opaque as it gets denser */
            SDL_Color c = {(Uint8)(255 - 90 * t), (Uint8)(220 * (1 - t) + 20), (Uint8)(60 * (1 - t) + 30), (Uint8)(70 + 170 * t)};
            draw_rect(vb, s->view.x0 + x * h.cell, s->view.y0 + y * h.cell, h.cell, h.cell, c);
        }
    vbuf_flush(r, vb);
    free(h.grid);
    free(sm);
}
