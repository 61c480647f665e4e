/* view: viewport arithmetic; see view.h. */
#include "render/view.h"

#include <math.h>

#define Z0_METRES_PER_PIXEL 156543.03392804097

void view_to_screen(const cm_view *v, double x, double y, float *sx, float *sy)
{
    *sx = (float)(v->x0 + v->w * 0.5 + (x - v->cx) * v->scale);
    *sy = (float)(v->y0 + v->h * 0.5 - (y - v->cy) * v->scale);
}

void view_to_world(const cm_view *v, double sx, double sy, double *x, double *y)
{
    *x = v->cx + (sx - v->x0 - v->w * 0.5) / v->scale;
    *y = v->cy - (sy - v->y0 - v->h * 0.5) / v->scale;
}

static double clamp_scale(double s)
{
    double lo = pow(2, CM_ZOOM_MIN) / Z0_METRES_PER_PIXEL, hi = pow(2, CM_ZOOM_MAX) / Z0_METRES_PER_PIXEL;
    return s < lo ? lo : s > hi ? hi : s;
}

void view_fit(cm_view *v, const double b[4], int margin)
{
    double w = b[2] - b[0], h = b[3] - b[1];
    int aw = v->w - 2 * margin, ah = v->h - 2 * margin;
    if (aw < 16) aw = 16;
    if (ah < 16) ah = 16;
    v->cx = (b[0] + b[2]) / 2;
    v->cy = (b[1] + b[3]) / 2;
    v->scale = clamp_scale(fmin(aw / (w > 0 ? w : 1), ah / (h > 0 ? h : 1)));
}

void view_zoom_at(cm_view *v, double factor, double sx, double sy)
{
    double wx, wy;
    view_to_world(v, sx, sy, &wx, &wy);
    v->scale = clamp_scale(v->scale * factor);
    /* keep (wx, wy) under (sx, sy) */
    v->cx = wx - (sx - v->x0 - v->w * 0.5) / v->scale;
    v->cy = wy + (sy - v->y0 - v->h * 0.5) / v->scale;
}

void view_pan(cm_view *v, double dx, double dy)
{
    v->cx -= dx / v->scale;
    v->cy += dy / v->scale;
}

double view_zoom_level(const cm_view *v) { return log2(v->scale * Z0_METRES_PER_PIXEL); }

void view_set_zoom_level(cm_view *v, double z) { v->scale = clamp_scale(pow(2, z) / Z0_METRES_PER_PIXEL); }

void view_world_bbox(const cm_view *v, double out[4])
{
    view_to_world(v, v->x0, v->y0 + v->h, &out[0], &out[1]);
    view_to_world(v, v->x0 + v->w, v->y0, &out[2], &out[3]);
}

int view_sees_bbox(const cm_view *v, const double b[4])
{
    double vb[4];
    view_world_bbox(v, vb);
    return !(b[2] < vb[0] || b[0] > vb[2] || b[3] < vb[1] || b[1] > vb[3]);
}
