/* heat: density view; see heat.h. */
#include "render/heat.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    const cm_scene *s;
    float *grid;
    int gw, gh;
    float cell;        /* pixels a cell */
    float sig;         /* the kernel's sigma, pixels */
} heat_ctx;

/* each event adds a Gaussian of sigma CM_HEAT_SIGMA_KM on the ground, sampled at the cells'
 * centres out to three sigmas (or, when the kernel is smaller than a cell, to its own cell) */
static int add(const cm_event *e, int idx, void *p)
{
    heat_ctx *h = p;
    (void)idx;
    if (e->is_area || !e->has_point || !h->s->cat->layers[catalog_event_layer(e->cat)].visible) return 0;
    float w = events_weight(e, &h->s->when);
    if (w <= 0) return 0;
    float x, y;
    view_to_screen(&h->s->view, e->x, e->y, &x, &y);
    float fx = (x - h->s->view.x0) / h->cell, fy = (y - h->s->view.y0) / h->cell;
    int reach = (int)ceilf(3 * h->sig / h->cell);
    if (fx < -reach || fy < -reach || fx > h->gw + reach || fy > h->gh + reach) return 0;
    if (h->sig < h->cell / 2) { /* zoomed far out: the kernel fits in a cell */
        int gx = (int)floorf(fx), gy = (int)floorf(fy);
        if (gx >= 0 && gy >= 0 && gx < h->gw && gy < h->gh) h->grid[gy * h->gw + gx] += w;
        return 0;
    }
    float k = -0.5f * h->cell * h->cell / (h->sig * h->sig); /* exp(k * d^2), d in cells */
    int cx = (int)floorf(fx), cy = (int)floorf(fy);
    for (int gy = cy - reach; gy <= cy + reach; gy++) {
        if (gy < 0 || gy >= h->gh) continue;
        for (int gx = cx - reach; gx <= cx + reach; gx++) {
            if (gx < 0 || gx >= h->gw) continue;
            float dx = gx + 0.5f - fx, dy = gy + 0.5f - fy, d2 = dx * dx + dy * dy;
            if (d2 > (float)(reach * reach)) continue;
            h->grid[gy * h->gw + gx] += w * expf(k * d2);
        }
    }
    return 0;
}

float heat_sigma_px(const cm_scene *s) { return (float)(CM_HEAT_SIGMA_KM * 1000.0 * s->view.scale); }

void heat_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s)
{
    heat_ctx h = {s, NULL, 0, 0, CM_HEAT_CELL * s->ui, heat_sigma_px(s)};
    if (h.cell < h.sig / 3) h.cell = h.sig / 3; /* zoomed in: three cells a sigma are enough */
    h.gw = (int)(s->view.w / h.cell) + 1;
    h.gh = (int)(s->view.h / h.cell) + 1;
    h.grid = calloc((size_t)h.gw * h.gh, sizeof(float));
    if (!h.grid) return;
    events_each_shown(&s->cat->events, &s->when, add, &h);
    float mx = 0;
    for (int i = 0; i < h.gw * h.gh; i++)
        if (h.grid[i] > mx) mx = h.grid[i];
    float lm = logf(1 + mx);
    for (int y = 0; y < h.gh && lm > 0; y++)
        for (int x = 0; x < h.gw; x++) {
            float v = h.grid[y * h.gw + x];
            if (v <= 0.011f) continue; /* three sigmas from a lone event */
            float t = logf(1 + v) / lm; /* 0..1 */
            /* yellow -> orange -> dark red, more opaque as it gets denser */
            SDL_Color c = {(Uint8)(255 - 90 * t), (Uint8)(220 * (1 - t) + 20), (Uint8)(60 * (1 - t) + 30), (Uint8)(70 + 170 * t)};
            draw_rect(vb, s->view.x0 + x * h.cell, s->view.y0 + y * h.cell, h.cell, h.cell, c);
        }
    vbuf_flush(r, vb);
    free(h.grid);
}
