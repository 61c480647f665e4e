/* hatch: see hatch.h. */
#include "render/hatch.h"

#include <math.h>
#include <stdlib.h>

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

void hatch_feature(cm_vbuf *b, const cm_view *v, const cm_shapes *s, int fi, float spacing, float width, SDL_Color c)
{
    if (fi < 0 || fi >= s->nfeatures || spacing < 1) return;
    const cm_feature *f = &s->features[fi];
    int p0 = s->ring_off[f->ring0], p1 = s->ring_off[f->ring0 + f->nrings], np = p1 - p0;
    if (np < 3) return;
    /* the rings on screen, as u = x + y (constant along a stripe) and t = x - y (along it) */
    float *u = malloc(sizeof(float) * 2 * (size_t)np), *cut = malloc(sizeof(float) * (size_t)np);
    if (!u || !cut) { free(u); free(cut); return; }
    float *t = u + np, umin = INFINITY, umax = -INFINITY;
    for (int i = 0; i < np; i++) {
        float x, y;
        view_to_screen(v, s->pts[p0 + i].x, s->pts[p0 + i].y, &x, &y);
        u[i] = x + y;
        t[i] = x - y;
        umin = fminf(umin, u[i]);
        umax = fmaxf(umax, u[i]);
    }
    /* stripes anchored to the map: the screen offset of the map origin */
    float ox, oy;
    view_to_screen(v, 0, 0, &ox, &oy);
    float anchor = fmodf(ox + oy, spacing);
    float vmin = (float)(v->x0 + v->y0), vmax = (float)(v->x0 + v->w + v->y0 + v->h);
    float lo = fmaxf(umin, vmin), hi = fminf(umax, vmax);
    for (float k = floorf((lo - anchor) / spacing) * spacing + anchor; k <= hi; k += spacing) {
        int n = 0;
        for (int r = f->ring0; r < f->ring0 + f->nrings; r++) {
            int a0 = s->ring_off[r] - p0, a1 = s->ring_off[r + 1] - p0;
            for (int i = a0; i < a1; i++) {
                int j = i + 1 < a1 ? i + 1 : a0; /* rings are closed; the wrap is a zero-length edge */
                if ((u[i] <= k) == (u[j] <= k)) continue;
                cut[n++] = t[i] + (k - u[i]) / (u[j] - u[i]) * (t[j] - t[i]);
            }
        }
        qsort(cut, (size_t)n, sizeof *cut, cmp_float);
        for (int i = 0; i + 1 < n; i += 2) /* inside between each pair of crossings */
            draw_segment(b, (k + cut[i]) / 2, (k - cut[i]) / 2, (k + cut[i + 1]) / 2, (k - cut[i + 1]) / 2, width, c);
    }
    free(u);
    free(cut);
}
