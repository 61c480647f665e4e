/* draw: vertex-buffer drawing with SDL_RenderGeometry; see draw.h. */
#include "render/draw.h"

#include <math.h>
#include <stdlib.h>

static SDL_Vertex *grow(cm_vbuf *b, int k)
{
    if (b->n + k > b->cap) {
        int cap = b->cap ? b->cap : 4096;
        while (cap < b->n + k) cap *= 2;
        SDL_Vertex *nv = realloc(b->v, sizeof *nv * cap);
        if (!nv) { b->oom = 1; return NULL; }
        b->v = nv;
        b->cap = cap;
    }
    SDL_Vertex *out = b->v + b->n;
    b->n += k;
    return out;
}

static void vert(SDL_Vertex *o, float x, float y, SDL_Color c)
{
    o->position.x = x;
    o->position.y = y;
    o->color = c;
    o->tex_coord.x = o->tex_coord.y = 0;
}

static void tri(cm_vbuf *b, float x0, float y0, SDL_Color c0, float x1, float y1, SDL_Color c1, float x2, float y2, SDL_Color c2)
{
    SDL_Vertex *o = grow(b, 3);
    if (!o) return;
    vert(o, x0, y0, c0);
    vert(o + 1, x1, y1, c1);
    vert(o + 2, x2, y2, c2);
}

/* quad a-b-c-d (in order around) with per-corner colours */
static void quad(cm_vbuf *b, float ax, float ay, SDL_Color ac, float bx, float by, SDL_Color bc,
                 float cx, float cy, SDL_Color cc, float dx, float dy, SDL_Color dc)
{
    tri(b, ax, ay, ac, bx, by, bc, cx, cy, cc);
    tri(b, ax, ay, ac, cx, cy, cc, dx, dy, dc);
}

void vbuf_flush(SDL_Renderer *r, cm_vbuf *b)
{
    if (b->n) SDL_RenderGeometry(r, NULL, b->v, b->n, NULL, 0);
    b->n = 0;
}

void vbuf_free(cm_vbuf *b)
{
    if (b->free_sprites) b->free_sprites(b);
    free(b->v);
    b->v = NULL;
    b->n = b->cap = 0;
}

void draw_mesh(cm_vbuf *b, const cm_view *v, const cm_mesh *m, SDL_Color c)
{
    if (!m->ntri) return;
    SDL_Vertex *o = grow(b, m->ntri * 3);
    if (!o) return;
    float bx = (float)(v->x0 + v->w * 0.5 + (m->ox - v->cx) * v->scale);
    float by = (float)(v->y0 + v->h * 0.5 - (m->oy - v->cy) * v->scale);
    float s = (float)v->scale;
    for (int i = 0; i < m->ntri * 3; i++) vert(o + i, bx + m->xy[i * 2] * s, by - m->xy[i * 2 + 1] * s, c);
}

void draw_segment(cm_vbuf *b, float x0, float y0, float x1, float y1, float width, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-4f) return;
    float ux = dx / len, uy = dy / len;          /* along */
    float nx = -uy, ny = ux;                      /* across */
    float hw = width * 0.5f - 0.5f, fr = 1.0f;    /* solid core half width, fringe */
    SDL_Color clear = c;
    clear.a = 0;
    if (hw < 0) { c.a = (Uint8)(c.a * width); hw = 0; }
    /* extend by the core half width so that joints overlap instead of leaving notches */
    float ex = ux * hw, ey = uy * hw;
    float ax = x0 - ex, ay = y0 - ey, bx = x1 + ex, by = y1 + ey;
    float ix = nx * hw, iy = ny * hw, ox = nx * (hw + fr), oy = ny * (hw + fr);
    if (hw > 0) quad(b, ax + ix, ay + iy, c, bx + ix, by + iy, c, bx - ix, by - iy, c, ax - ix, ay - iy, c);
    quad(b, ax + ix, ay + iy, c, bx + ix, by + iy, c, bx + ox, by + oy, clear, ax + ox, ay + oy, clear);
    quad(b, ax - ix, ay - iy, c, bx - ix, by - iy, c, bx - ox, by - oy, clear, ax - ox, ay - oy, clear);
}

void draw_path(cm_vbuf *b, const cm_view *v, const cm_xy *p, int n, int closed, float width, SDL_Color c, float dash)
{
    if (n < 2) return;
    float px = 0, py = 0;
    int have = 0;
    float phase = 0; /* distance along the dash pattern */
    int total = closed ? n + 1 : n;
    for (int i = 0; i < total; i++) {
        const cm_xy *q = &p[i % n];
        float sx, sy;
        view_to_screen(v, q->x, q->y, &sx, &sy);
        if (!have) { px = sx; py = sy; have = 1; continue; }
        float dx = sx - px, dy = sy - py;
        float d2 = dx * dx + dy * dy;
        if (d2 < 0.25f && i != total - 1) continue;
        /* skip segments wholly off screen on one side */
        float mnx = fminf(px, sx), mxx = fmaxf(px, sx), mny = fminf(py, sy), mxy = fmaxf(py, sy);
        int off = mxx < v->x0 - width || mnx > v->x0 + v->w + width || mxy < v->y0 - width || mny > v->y0 + v->h + width;
        if (!off) {
            if (dash <= 0) draw_segment(b, px, py, sx, sy, width, c);
            else {
                float len = sqrtf(d2), t = 0;
                while (t < len) {
                    float inpat = fmodf(phase + t, 2 * dash);
                    float run = (inpat < dash ? dash - inpat : 2 * dash - inpat);
                    float t2 = fminf(len, t + run);
                    if (inpat < dash)
                        draw_segment(b, px + dx * t / len, py + dy * t / len, px + dx * t2 / len, py + dy * t2 / len, width, c);
                    t = t2;
                }
                phase = fmodf(phase + len, 2 * dash);
            }
        } else if (dash > 0) {
            phase = fmodf(phase + sqrtf(d2), 2 * dash);
        }
        px = sx;
        py = sy;
    }
}

void draw_disc(cm_vbuf *b, float x, float y, float radius, SDL_Color c)
{
    int seg = radius < 4 ? 12 : radius < 10 ? 20 : 32;
    SDL_Color clear = c;
    clear.a = 0;
    float r0 = radius - 0.5f, r1 = radius + 0.5f;
    if (r0 < 0) r0 = 0;
    for (int i = 0; i < seg; i++) {
        float a0 = (float)(2 * M_PI * i / seg), a1 = (float)(2 * M_PI * (i + 1) / seg);
        float c0 = cosf(a0), s0 = sinf(a0), c1 = cosf(a1), s1 = sinf(a1);
        tri(b, x, y, c, x + c0 * r0, y + s0 * r0, c, x + c1 * r0, y + s1 * r0, c);
        quad(b, x + c0 * r0, y + s0 * r0, c, x + c1 * r0, y + s1 * r0, c, x + c1 * r1, y + s1 * r1, clear,
             x + c0 * r1, y + s0 * r1, clear);
    }
}

void draw_rect(cm_vbuf *b, float x, float y, float w, float h, SDL_Color c)
{
    quad(b, x, y, c, x + w, y, c, x + w, y + h, c, x, y + h, c);
}

void draw_fan(cm_vbuf *b, const float *xy, int n, SDL_Color c)
{
    if (n < 3) return;
    float cx = 0, cy = 0;
    for (int i = 0; i < n; i++) { cx += xy[2 * i]; cy += xy[2 * i + 1]; }
    cx /= n;
    cy /= n;
    SDL_Color clear = c;
    clear.a = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        float ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * j], by = xy[2 * j + 1];
        tri(b, cx, cy, c, ax, ay, c, bx, by, c);
        /* half-pixel fringe outward, away from the centre */
        float ux = ax - cx, uy = ay - cy, vx = bx - cx, vy = by - cy;
        float lu = sqrtf(ux * ux + uy * uy), lv = sqrtf(vx * vx + vy * vy);
        if (lu < 1e-3f || lv < 1e-3f) continue;
        quad(b, ax, ay, c, bx, by, c, bx + vx / lv * 0.9f, by + vy / lv * 0.9f, clear, ax + ux / lu * 0.9f, ay + uy / lu * 0.9f, clear);
    }
}

void draw_loop(cm_vbuf *b, const float *xy, int n, float width, SDL_Color c)
{
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        draw_segment(b, xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], width, c);
    }
}
