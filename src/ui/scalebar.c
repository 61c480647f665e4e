/* scalebar: see scalebar.h. */
#include "ui/scalebar.h"

#include <geodesic.h>
#include <math.h>
#include <stdio.h>

#include "render/style.h"

double scalebar_pick(double mpp, double min_px, double max_px, double *width_px)
{
    static const double steps[] = {1, 2, 5};
    double best = 0;
    for (double p = 1; p <= 1e7; p *= 10)
        for (int i = 0; i < 3; i++) {
            double len = steps[i] * p, w = len / mpp;
            if (w >= min_px && w <= max_px) best = len; /* keep the largest that fits */
        }
    if (best == 0) best = pow(10, floor(log10(mpp * max_px)));
    *width_px = best / mpp;
    return best;
}

double scalebar_metres_per_px(const cm_crs *ll2map, const cm_view *v)
{
    double half = 50;
    double x[2], y[2];
    view_to_world(v, v->x0 + v->w / 2.0 - half, v->y0 + v->h / 2.0, &x[0], &y[0]);
    view_to_world(v, v->x0 + v->w / 2.0 + half, v->y0 + v->h / 2.0, &x[1], &y[1]);
    if (crs_inverse(ll2map, x, y, 1, 2) != 0) return 0; /* x, y become lon, lat */
    struct geod_geodesic g;
    geod_init(&g, 6378137, 1 / 298.257223563); /* WGS 84, as the measuring tool (ui/analyst) */
    double s12 = 0;
    geod_inverse(&g, y[0], x[0], y[1], x[1], &s12, NULL, NULL);
    return s12 / (2 * half);
}

SDL_FRect scalebar_rect(const cm_ctl *s)
{
    return (SDL_FRect){s->view.x0, s->view.y0 + s->view.h - 36 * s->ui, 190 * s->ui, 36 * s->ui};
}

void scalebar_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s)
{
    double mpp = scalebar_metres_per_px(s->cat->ll2map, &s->view);
    if (mpp <= 0) return;
    float ui = s->ui;
    double w;
    double len = scalebar_pick(mpp, 70 * ui, 160 * ui, &w);
    char label[32];
    if (len >= 1000) snprintf(label, sizeof label, "%g km", len / 1000);
    else snprintf(label, sizeof label, "%g m", len);
    float x = s->view.x0 + 14 * ui, y = s->view.y0 + s->view.h - 16 * ui;
    SDL_Color ink = CM_RGB(0x333333), paper = CM_RGB(0xFFFFFF);
    paper.a = 200;
    cm_textstyle st = {.size = (int)(CM_TYPE_SMALL * ui), .color = ink, .halo = (int)(1.5f * ui + 0.5f), .halo_color = paper};
    int tw = 0, th = 0;
    text_measure(s->text, r, label, &st, &tw, &th);
    /* halo under the bar, then bar and end ticks */
    draw_rect(vb, x - 3 * ui, y - 6 * ui, (float)w + 6 * ui, 9 * ui, paper);
    draw_rect(vb, x, y, (float)w, 2 * ui, ink);
    draw_rect(vb, x, y - 5 * ui, 1.5f * ui, 7 * ui, ink);
    draw_rect(vb, x + (float)w - 1.5f * ui, y - 5 * ui, 1.5f * ui, 7 * ui, ink);
    draw_rect(vb, x + (float)w / 2 - 0.5f * ui, y - 3 * ui, 1 * ui, 5 * ui, ink);
    vbuf_flush(r, vb);
    text_draw(s->text, r, label, &st, x + (float)w / 2, y - 6 * ui, 0.5f, 1);
}
