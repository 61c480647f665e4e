/* labels: names on the map (city dots and names, region names, neighbouring countries, the
 * sea), placed without overlap, most important first, clear of panels and of what the markers
 * draw; see labels.h. */
#include "render/labels.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geometry.h"
#include "render/style.h"

#define MAX_BOXES 1024

typedef struct {
    SDL_FRect box[MAX_BOXES];
    char line[MAX_BOXES]; /* 1: a piece of a leader line */
    int n;
    cm_labels *rec;       /* what was placed, or NULL */
} placed;

static int hits(SDL_FRect b, const SDL_FRect *o)
{
    return b.x < o->x + o->w && o->x < b.x + b.w && b.y < o->y + o->h && o->y < b.y + b.h;
}

static int overlaps(const placed *p, SDL_FRect b)
{
    for (int i = 0; i < p->n; i++)
        if (hits(b, &p->box[i])) return 1;
    return 0;
}

/* overlaps, but boxes that hold the point (x, y) do not count; pieces of leader lines it
 * meets are counted in *lines, not reported */
static int overlaps_but(const placed *p, SDL_FRect b, float x, float y, int *lines)
{
    for (int i = 0; i < p->n; i++) {
        const SDL_FRect *o = &p->box[i];
        if (x >= o->x && x <= o->x + o->w && y >= o->y && y <= o->y + o->h) continue;
        if (!hits(b, o)) continue;
        if (!p->line[i]) return 1;
        ++*lines;
    }
    return 0;
}

static void reserve(placed *p, SDL_FRect b)
{
    if (p->n < MAX_BOXES) {
        p->line[p->n] = 0;
        p->box[p->n++] = b;
    }
}

/* A label's text: a first line and an optional second (Arabic), measured. A region's label
 * (tight) is placed by the box its letters fill, not by the fonts' line boxes: the Arabic
 * face's line box is twice the height of its letters (room for stacked marks), and a region's
 * name must fit between its borders. */
typedef struct {
    const char *l1, *l2;
    cm_textstyle st1, st2;
    int tight;
    int h1;
    float y2;             /* the second line's top, from the first's */
    float top;            /* the box's top, from the first line's top */
    float w, h;
    float w1, w2;         /* each line's width */
    float bot1, top2;     /* the first line's bottom and the second's top, from the box's top */
} text2;

/* where a face's letters lie in its line box, as shares of its height: the Latin face (DejaVu
 * Sans: capitals from 0.23, descenders to 0.92) and the Arabic (Noto Sans Arabic: 0.31 to
 * 0.77 at 12 pixels), with a little room for marks and the halo */
static void ink_rows(const char *line, float *a, float *b)
{
    if (text_is_arabic(line)) { *a = 0.26f; *b = 0.84f; }
    else { *a = 0.16f; *b = 0.96f; }
}

static int measure(SDL_Renderer *r, const cm_scene *s, text2 *t)
{
    int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    if (!t->l1 || !*t->l1 || text_measure(s->text, r, t->l1, &t->st1, &w1, &h1) != 0) return -1;
    if (t->l2 && *t->l2 && text_measure(s->text, r, t->l2, &t->st2, &w2, &h2) != 0) h2 = 0;
    t->h1 = h1;
    if (!h2) { t->l2 = NULL; w2 = 0; }
    t->w = (float)(w1 > w2 ? w1 : w2);
    t->w1 = (float)w1;
    t->w2 = (float)w2;
    t->y2 = t->tight ? (float)h1 - 2 * s->ui : (float)h1;
    t->top = 0;
    t->h = (float)(h1 + h2);
    t->bot1 = (float)h1;
    t->top2 = t->y2;
    if (t->tight) {
        float a1, b1, a2, b2;
        ink_rows(t->l1, &a1, &b1);
        t->top = a1 * (float)h1;
        float bottom = t->bot1 = b1 * (float)h1 - t->top;
        if (t->l2) {
            ink_rows(t->l2, &a2, &b2);
            t->top2 = t->y2 + a2 * (float)h2 - t->top;
            bottom = t->y2 + b2 * (float)h2 - t->top;
        }
        t->h = bottom;
    }
    return 0;
}

/* 1 when box b is inside the map (left of a panel's inset) and clear of everything placed */
static int room_for(const cm_scene *s, const placed *p, SDL_FRect b)
{
    const cm_view *v = &s->view;
    if (b.x < v->x0 || b.y < v->y0 || b.x + b.w > v->x0 + v->w - s->inset_r || b.y + b.h > v->y0 + v->h) return 0;
    return !overlaps(p, b);
}

/* Draws t in box b, reserves b and records it. */
static void put(SDL_Renderer *r, const cm_scene *s, placed *p, const text2 *t, SDL_FRect b, cm_label_kind kind, int feature,
                float ax, float ay, int leader)
{
    reserve(p, b);
    text_draw(s->text, r, t->l1, &t->st1, b.x + b.w / 2, b.y - t->top, 0.5f, 0);
    if (t->l2) text_draw(s->text, r, t->l2, &t->st2, b.x + b.w / 2, b.y - t->top + t->y2, 0.5f, 0);
    if (p->rec && p->rec->n < CM_LABELS_MAX) {
        cm_label *l = &p->rec->l[p->rec->n++];
        l->kind = kind;
        l->feature = feature;
        snprintf(l->text, sizeof l->text, "%s", t->l1);
        l->box = b;
        l->ax = ax;
        l->ay = ay;
        l->leader = leader;
        l->lx = ax;
        l->ly = ay;
    }
}

/* Places t with its anchor point (ax, ay of its box) at (x, y) if there is room; 1 if placed. */
static int place_at(SDL_Renderer *r, const cm_scene *s, placed *p, const text2 *t, float x, float y, float ax, float ay,
                    cm_label_kind kind, int feature, float px, float py)
{
    SDL_FRect b = {x - ax * t->w, y - ay * t->h, t->w, t->h};
    if (!room_for(s, p, b)) return 0;
    put(r, s, p, t, b, kind, feature, px, py, 0);
    return 1;
}

static void upper(char *dst, size_t n, const char *src)
{
    size_t i = 0;
    for (; src && src[i] && i + 1 < n; i++) dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 32) : src[i];
    dst[i] = 0;
}

static int town_rank(const cm_layer *cities, int i)
{
    const char *pr = shapes_attr(&cities->shp, i, "POP_RANK");
    return pr ? atoi(pr) : 3;
}

/* A town's name beside its dot: right, left, above, below, then the corners; the same further
 * out, clear of a marker on the town. 1 if placed. */
static int place_town(SDL_Renderer *r, const cm_scene *s, placed *p, int i, float x, float y)
{
    const cm_layer *cities = &s->cat->layers[CM_LAYER_CITIES];
    float ui = s->ui;
    int rk = town_rank(cities, i);
    SDL_Color halo = CM_RGB(0xFFFFFF);
    halo.a = 200;
    text2 t = {.l1 = shapes_attr(&cities->shp, i, "NAME"),
               .st1 = {.size = (int)((rk == 1 ? CM_TYPE_SUBHEAD : rk == 2 ? CM_TYPE_LEAD : CM_TYPE_BODY) * ui), .bold = rk == 1, .color = CM_RGB(CM_LABEL_CITY),
                       .halo = (int)(1.5f * ui + 0.5f), .halo_color = halo}};
    if (measure(r, s, &t) != 0) return 0;
    static const float spot[][4] = { /* direction x, y; anchor x, y */
        {1, 0, 0, 0.5f}, {-1, 0, 1, 0.5f}, {0, -1, 0.5f, 1}, {0, 1, 0.5f, 0},
        {0.7f, -0.7f, 0, 1}, {0.7f, 0.7f, 0, 0}, {-0.7f, -0.7f, 1, 1}, {-0.7f, 0.7f, 1, 0}};
    for (int ring = 0; ring < 3; ring++) {
        float off = (ring == 0 ? 5 : ring == 1 ? 12 : 22) * ui;
        for (size_t k = 0; k < sizeof spot / sizeof spot[0]; k++)
            if (place_at(r, s, p, &t, x + spot[k][0] * off, y + spot[k][1] * off, spot[k][2], spot[k][3], CM_LBL_TOWN, i, x, y))
                return 1;
    }
    return 0;
}

/* the nearest point of box b to (x, y) */
static void nearest_on(SDL_FRect b, float x, float y, float *nx, float *ny)
{
    *nx = x < b.x ? b.x : x > b.x + b.w ? b.x + b.w : x;
    *ny = y < b.y ? b.y : y > b.y + b.h ? b.y + b.h : y;
}

/* 1 when screen point (x, y) is inside governorate gi */
static int in_region(const cm_scene *s, int gi, float x, float y)
{
    double wx, wy;
    view_to_world(&s->view, x, y, &wx, &wy);
    return geom_feature_contains(&s->cat->layers[CM_LAYER_GOVERNORATES].shp, gi, wx, wy);
}

/* 1 when the segment (ax, ay)-(bx, by) meets the rectangle [x0, x1] x [y0, y1] (Liang-Barsky) */
static int segment_meets(double ax, double ay, double bx, double by, double x0, double y0, double x1, double y1)
{
    double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
    const double p[4] = {-dx, dx, -dy, dy}, q[4] = {ax - x0, x1 - ax, ay - y0, y1 - ay};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] < 0) return 0;
        } else {
            double t = q[k] / p[k];
            if (p[k] < 0) { if (t > t1) return 0; if (t > t0) t0 = t; }
            else { if (t < t0) return 0; if (t < t1) t1 = t; }
        }
    }
    return 1;
}

/* How the map rectangle [x0, x1] x [y0, y1] meets polygon feature i of sh, exactly: 0 apart,
 * 1 across its border (an edge of a ring passes through it), 2 wholly inside it. */
static int rect_meets(const cm_shapes *sh, int i, double x0, double y0, double x1, double y1)
{
    const cm_feature *f = &sh->features[i];
    if (sh->kind != CM_GEOM_POLYGON || f->nrings == 0) return 0;
    if (x1 < f->bbox[0] || x0 > f->bbox[2] || y1 < f->bbox[1] || y0 > f->bbox[3]) return 0;
    for (int r = f->ring0; r < f->ring0 + f->nrings; r++) {
        const cm_xy *pt = sh->pts + sh->ring_off[r];
        int n = sh->ring_off[r + 1] - sh->ring_off[r];
        for (int k = 0; k < n; k++) {
            const cm_xy *a = &pt[k], *b = &pt[(k + 1) % n];
            if ((a->x < x0 && b->x < x0) || (a->x > x1 && b->x > x1) || (a->y < y0 && b->y < y0) || (a->y > y1 && b->y > y1)) continue;
            if (segment_meets(a->x, a->y, b->x, b->y, x0, y0, x1, y1)) return 1;
        }
    }
    return geom_feature_contains(sh, i, (x0 + x1) / 2, (y0 + y1) / 2) ? 2 : 0;
}

/* What a label's box b (with a margin m around it, for the text's halo) lies on: the governorates it meets
 * (own: 2 wholly inside governorate gi, 1 across its border; other: 1 when it touches any other
 * governorate or area of the map) and whether it touches a neighbouring country's land. */
typedef struct { int own, other, foreign; } ground;

static ground ground_of(const cm_scene *s, int gi, SDL_FRect b, float m)
{
    const cm_view *v = &s->view;
    const cm_shapes *gov = &s->cat->layers[CM_LAYER_GOVERNORATES].shp, *nbr = &s->cat->layers[CM_LAYER_COUNTRIES].shp;
    double x0, y0, x1, y1;
    view_to_world(v, b.x - m, b.y + b.h + m, &x0, &y0);
    view_to_world(v, b.x + b.w + m, b.y - m, &x1, &y1);
    ground g = {0, 0, 0};
    for (int i = 0; i < gov->nfeatures; i++) {
        int k = rect_meets(gov, i, x0, y0, x1, y1);
        if (i == gi) g.own = k;
        else if (k) g.other = 1;
    }
    for (int i = 0; i < nbr->nfeatures && !g.foreign; i++) g.foreign = rect_meets(nbr, i, x0, y0, x1, y1) != 0;
    return g;
}

/* Offsets of a grid of step 1 within radius INSIDE_R, nearest first: a constant table, made
 * once (pthread_once: labels are placed on the base-map worker as well as the main thread). */
#define INSIDE_R 27
static pthread_once_t grid_once = PTHREAD_ONCE_INIT;
static int grid_n;
static signed char grid_d[(2 * INSIDE_R + 1) * (2 * INSIDE_R + 1)][2];

static int by_distance(const void *a, const void *b)
{
    const signed char *p = a, *q = b;
    int d = (p[0] * p[0] + p[1] * p[1]) - (q[0] * q[0] + q[1] * q[1]);
    return d ? d : (p[1] - q[1]) * 100 + (p[0] - q[0]);
}

static void grid_make(void)
{
    int n = 0;
    for (int y = -INSIDE_R; y <= INSIDE_R; y++)
        for (int x = -INSIDE_R; x <= INSIDE_R; x++)
            if (x * x + y * y <= INSIDE_R * INSIDE_R) { grid_d[n][0] = (signed char)x; grid_d[n][1] = (signed char)y; n++; }
    qsort(grid_d, (size_t)n, sizeof grid_d[0], by_distance);
    grid_n = n;
}
static void grid_init(void) { pthread_once(&grid_once, grid_make); }

/* The name inside its governorate: the whole box its letters fill (both lines, with their
 * halo) on its land and on no other area's, crossing no border; as near its label point (x, y)
 * as there is room (a grid of 3 pixels, 80 around it). 1 if placed. */
static int place_inside(SDL_Renderer *r, const cm_scene *s, placed *p, const text2 *t, int gi, float x, float y)
{
    float ui = s->ui, step = 3 * ui;
    grid_init();
    /* the boxes placed that reach the area the search covers (with 2 pixels to spare for
     * rounding): the only ones a place can meet, scanned for each of its thousands of places */
    float rx = INSIDE_R * step + t->w / 2 + 2, ry = INSIDE_R * step + t->h / 2 + 2;
    SDL_FRect area = {x - rx, y - ry, 2 * rx, 2 * ry};
    placed near; /* 17 KB on the stack: no allocation a label and a frame */
    near.n = 0;
    near.rec = NULL;
    for (int i = 0; i < p->n; i++)
        if (hits(area, &p->box[i])) near.box[near.n++] = p->box[i];
    int found = 0;
    for (int k = 0; k < grid_n && !found; k++) {
        float cx = x + grid_d[k][0] * step, cy = y + grid_d[k][1] * step;
        SDL_FRect b = {cx - t->w / 2, cy - t->h / 2, t->w, t->h};
        /* the cheap tests first: room there (on a busy map that rules out most places), its
         * centre and corners on its land */
        if (!room_for(s, &near, b) || !in_region(s, gi, cx, cy) || !in_region(s, gi, b.x, b.y) || !in_region(s, gi, b.x + b.w, b.y) ||
            !in_region(s, gi, b.x, b.y + b.h) || !in_region(s, gi, b.x + b.w, b.y + b.h))
            continue;
        ground g = ground_of(s, gi, b, 1 * ui);
        if (g.own != 2 || g.other) continue;
        put(r, s, p, t, b, CM_LBL_REGION, gi, x, y, 0);
        found = 1;
    }
    return found;
}

/* Reserves the boxes along a line from (ax, ay) to (bx, by), so that nothing is placed over it. */
static void reserve_line(placed *p, float ax, float ay, float bx, float by, float ui)
{
    float len = hypotf(bx - ax, by - ay), step = 6 * ui;
    for (float u = 0; u < len + step && p->n < MAX_BOXES; u += step) {
        float f = len > 0 ? fminf(u, len) / len : 0;
        reserve(p, (SDL_FRect){ax + (bx - ax) * f - 2 * ui, ay + (by - ay) * f - 2 * ui, 4 * ui, 4 * ui});
        p->line[p->n - 1] = 1;
    }
}

/* The nearest point of a label in box b to (x, y): of the box its lines fill (the English and
 * the Arabic lines are of different widths), or of its frame when framed. */
static void nearest_text(const text2 *t, SDL_FRect b, int framed, float x, float y, float *nx, float *ny)
{
    nearest_on(b, x, y, nx, ny);
    if (framed || !t->l2) return;
    SDL_FRect r1 = {b.x + (b.w - t->w1) / 2, b.y, t->w1, t->bot1}, r2 = {b.x + (b.w - t->w2) / 2, b.y + t->top2, t->w2, b.h - t->top2};
    float x1, y1, x2, y2;
    nearest_on(r1, x, y, &x1, &y1);
    nearest_on(r2, x, y, &x2, &y2);
    int first = hypotf(x1 - x, y1 - y) <= hypotf(x2 - x, y2 - y);
    *nx = first ? x1 : x2;
    *ny = first ? y1 : y2;
}

/* Free points of governorate gi on screen (nothing placed over them), on a grid over its part
 * of the map: those whose leader's dot lies wholly on its land, or if there are none, any; or
 * if there are none, its label point (x, y), even if covered. Returns how many (1..max). */
static int anchors_of(const cm_scene *s, const placed *p, int gi, float x, float y, float (*pt)[2], int max)
{
    const cm_view *v = &s->view;
    const cm_feature *f = &s->cat->layers[CM_LAYER_GOVERNORATES].shp.features[gi];
    float ui = s->ui, x0, y0, x1, y1;
    view_to_screen(v, f->bbox[0], f->bbox[3], &x0, &y0);
    view_to_screen(v, f->bbox[2], f->bbox[1], &x1, &y1);
    x0 = fmaxf(x0, v->x0);
    y0 = fmaxf(y0, v->y0);
    x1 = fminf(x1, v->x0 + v->w - s->inset_r);
    y1 = fminf(y1, v->y0 + v->h);
    float step = 3 * ui;
    if (x1 > x0 && y1 > y0) step = fmaxf(step, sqrtf((x1 - x0) * (y1 - y0) / (float)max) + 0.5f);
    float rad = 3.5f * ui;
    int n = 0;
    for (int strict = 1; strict >= 0 && !n; strict--)
        for (float py = y0 + step / 2; py < y1 && n < max; py += step)
            for (float px = x0 + step / 2; px < x1 && n < max; px += step) {
                SDL_FRect d = {px - rad, py - rad, 2 * rad, 2 * rad};
                if (!in_region(s, gi, px, py) || overlaps(p, d)) continue;
                if (strict && (!in_region(s, gi, px - rad, py) || !in_region(s, gi, px + rad, py) || !in_region(s, gi, px, py - rad) ||
                               !in_region(s, gi, px, py + rad)))
                    continue;
                pt[n][0] = px;
                pt[n][1] = py;
                n++;
            }
    if (!n) { /* all of it covered, by a town's dot say: the line ends at the label point, over it */
        pt[0][0] = x;
        pt[0][1] = y;
        n = 1;
    }
    return n;
}

typedef struct {
    SDL_FRect b;
    float len, ax, ay;
    int v;                /* which of the texts */
} spot;

static int by_len(const void *a, const void *b)
{
    float d = ((const spot *)a)->len - ((const spot *)b)->len;
    return d < 0 ? -1 : d > 0;
}

/* A region too small to hold its name: the name outside it, on no governorate's land (so it
 * is not read as the name of the land under it, nor crosses a border) and, where it can, on
 * no neighbouring country's land either (the sea, the map's empty edge); joined by a visible
 * line to a free point of its land, the line crossing no other label. The shortest line wins;
 * one that crosses another label's line counts as much longer, and one to a box on a
 * neighbour's land too: that box is drawn as a framed callout, so that it does not read as
 * that country's name. Boxes are tried around its label point (x, y), for each of the nt
 * texts tv (the name with its second line, then shorter), a later text counting as a line
 * 30 pixels longer; no line longer than max_len. 1 if placed. */
#define MAX_ANCHORS 400
static int place_beside(SDL_Renderer *r, const cm_scene *s, placed *p, cm_vbuf *vb, const text2 *tv, int nt, int gi, float x, float y,
                        float max_len)
{
    float ui = s->ui;
    float (*anc)[2] = malloc(sizeof(float[2]) * MAX_ANCHORS);
    static const float gaps[] = {8, 14, 20, 28, 36, 46, 58, 72, 88, 106, 126, 148, 172, 200, 230};
    enum { NDIR = 16, NGAP = sizeof gaps / sizeof gaps[0] };
    spot *sp = malloc(sizeof(spot) * NDIR * NGAP * (size_t)nt);
    if (!anc || !sp) { free(anc); free(sp); return 0; }
    int na = anchors_of(s, p, gi, x, y, anc, MAX_ANCHORS), ns = 0;
    const float min_len = 14 * ui;      /* a line shorter than this is hardly seen */
    for (int v = 0; v < nt; v++)
        for (int g = 0; g < NGAP; g++)
            for (int d = 0; d < NDIR; d++) {
                const text2 *t = &tv[v];
                float a = (float)d * 6.2831853f / NDIR, gap = gaps[g] * ui;
                float cx = x + cosf(a) * (t->w / 2 + gap), cy = y + sinf(a) * (t->h / 2 + gap);
                spot c = {{cx - t->w / 2, cy - t->h / 2, t->w, t->h}, 1e30f, x, y, v};
                for (int k = 0; k < na; k++) {
                    float nx, ny;
                    nearest_text(t, c.b, 0, anc[k][0], anc[k][1], &nx, &ny);
                    float len = hypotf(nx - anc[k][0], ny - anc[k][1]);
                    if (len >= min_len && len < c.len) { c.len = len; c.ax = anc[k][0]; c.ay = anc[k][1]; }
                }
                if (c.len > max_len) continue;
                c.len += (float)v * 30 * ui;
                sp[ns++] = c;
            }
    free(anc);
    qsort(sp, (size_t)ns, sizeof *sp, by_len);
    const float foreign_cost = 90 * ui; /* how much longer a line is worth than a callout on a neighbour's land */
    const float cross_cost = 150 * ui;  /* and than crossing another label's line */
    const float pad = 3 * ui;           /* a callout's frame around the text */
    float best = 1e30f;
    spot bs = {{0, 0, 0, 0}, 0, 0, 0, 0};
    int best_callout = 0;
    for (int i = 0; i < ns && sp[i].len < best; i++) {
        SDL_FRect b = sp[i].b;
        const text2 *t = &tv[sp[i].v];
        float ax = sp[i].ax, ay = sp[i].ay;
        if (!room_for(s, p, b)) continue;
        ground gr = ground_of(s, gi, b, 3 * ui); /* clear of the border line */
        if (gr.own || gr.other) continue;
        float cost = sp[i].len;
        SDL_FRect drawn = b;
        if (gr.foreign) {
            drawn = (SDL_FRect){b.x - pad, b.y - pad, b.w + 2 * pad, b.h + 2 * pad};
            cost += foreign_cost;
            if (cost >= best || !room_for(s, p, drawn)) continue;
            ground g2 = ground_of(s, gi, drawn, 2 * ui);
            if (g2.own || g2.other) continue;
        }
        float nx, ny;
        nearest_text(t, drawn, gr.foreign, ax, ay, &nx, &ny);
        float len = hypotf(nx - ax, ny - ay);
        /* its line must not cross anything placed; crossing another line is only worse */
        int crosses = 0, lines = 0;
        for (float u = 3 * ui; u < len && !crosses; u += 2 * ui) {
            SDL_FRect pt = {ax + (nx - ax) * u / len - 0.5f, ay + (ny - ay) * u / len - 0.5f, 1, 1};
            crosses = overlaps_but(p, pt, ax, ay, &lines);
        }
        if (crosses) continue;
        if (lines) cost += cross_cost;
        if (cost >= best) continue;
        best = cost;
        bs = (spot){drawn, len, ax, ay, sp[i].v};
        best_callout = gr.foreign;
    }
    free(sp);
    if (best >= 1e29f) return 0;
    const text2 *t = &tv[bs.v];
    SDL_FRect bb = bs.b;
    float ax = bs.ax, ay = bs.ay, nx, ny;
    nearest_text(t, bb, best_callout, ax, ay, &nx, &ny);
    SDL_Color c = CM_RGB(CM_LABEL_GOV), white = CM_RGB(0xFFFFFF);
    white.a = 200;
    ax = floorf(ax) + 0.5f; /* on pixel centres: a line of 2 pixels is then solid, not two grey rows */
    ay = floorf(ay) + 0.5f;
    nx = floorf(nx) + 0.5f;
    ny = floorf(ny) + 0.5f;
    draw_segment(vb, ax, ay, nx, ny, 4.0f * ui, white);
    draw_segment(vb, ax, ay, nx, ny, 2.0f * ui, c);
    draw_disc(vb, ax, ay, 2.8f * ui, white); /* its end: a dot smaller than a town's */
    draw_disc(vb, ax, ay, 1.8f * ui, c);
    if (best_callout) { /* a framed box: a note on the map, not the name of the land under it */
        SDL_Color paper = CM_RGB(0xFFFFFF);
        paper.a = 235;
        draw_rect(vb, bb.x, bb.y, bb.w, bb.h, c);
        draw_rect(vb, bb.x + 1 * ui, bb.y + 1 * ui, bb.w - 2 * ui, bb.h - 2 * ui, paper);
    }
    vbuf_flush(r, vb);
    SDL_FRect tb = best_callout ? (SDL_FRect){bb.x + pad, bb.y + pad, bb.w - 2 * pad, bb.h - 2 * pad} : bb;
    put(r, s, p, t, tb, CM_LBL_REGION, gi, ax, ay, best_callout ? 2 : 1);
    if (p->rec && p->rec->n > 0 && p->rec->l[p->rec->n - 1].feature == gi) {
        cm_label *l = &p->rec->l[p->rec->n - 1];
        l->box = bb;
        l->lx = nx;
        l->ly = ny;
    }
    if (best_callout) reserve(p, bb);
    reserve_line(p, ax, ay, nx, ny, ui);
    return 1;
}

/* One governorate's name: English in capitals, Arabic beneath (or its SUBLABEL, an occupied
 * area's line), inside it where it fits (the English alone if need be), else beside it with a
 * line to it; an area with a SUBLABEL always keeps that line. */
static void place_region(SDL_Renderer *r, const cm_scene *s, placed *p, cm_vbuf *vb, int i)
{
    const cm_layer *gov = &s->cat->layers[CM_LAYER_GOVERNORATES];
    const cm_view *v = &s->view;
    /* a small map (a window of 800x560) gets smaller names, as its legend does: full-size ones
     * do not fit in its regions */
    int compact = v->h < 560 * s->ui || v->w < 720 * s->ui;
    float ui = s->ui * (compact ? 0.85f : 1.0f);
    SDL_Color halo_land = CM_RGB(0xF7F3EA);
    halo_land.a = 190;
    const char *sub = shapes_attr(&gov->shp, i, "SUBLABEL");
    if (sub && !*sub) sub = NULL;
    if (!view_sees_bbox(v, gov->shp.features[i].bbox)) return;
    float x, y;
    view_to_screen(v, gov->label[i].x, gov->label[i].y, &x, &y);
    char en[64];
    upper(en, sizeof en, shapes_attr(&gov->shp, i, "NAME_EN"));
    text2 t = {.l1 = en, .l2 = shapes_attr(&gov->shp, i, "NAME_AR"), .tight = 1,
               .st1 = {.size = (int)(CM_TYPE_SMALL * ui), .bold = 1, .color = CM_RGB(CM_LABEL_GOV), .halo = (int)(1.2f * ui + 0.5f), .halo_color = halo_land},
               .st2 = {.size = (int)(CM_TYPE_BODY * ui), .bold = 0, .color = CM_RGB(CM_LABEL_GOV), .halo = (int)(1.2f * ui + 0.5f), .halo_color = halo_land}};
    if (sub) { /* an area with a SUBLABEL (an occupied area, say) is always labelled, with that line under its name */
        t.l2 = sub;
        t.st1.color = t.st2.color = CM_RGB(CM_OCCUPIED_LABEL);
        t.st2.size = (int)(CM_TYPE_SMALL * ui);
        t.st2.halo = t.st1.halo = (int)(1.5f * ui + 0.5f);
        if (measure(r, s, &t) != 0) return;
        if (!place_inside(r, s, p, &t, i, x, y) && !place_beside(r, s, p, vb, &t, 1, i, x, y, 150 * s->ui))
            place_beside(r, s, p, vb, &t, 1, i, x, y, 1e30f); /* always: far, then */
        return;
    }
    text2 tv[2] = {t, t}; /* with its Arabic line, and the English alone */
    tv[1].l2 = NULL;
    if (measure(r, s, &tv[0]) != 0 || measure(r, s, &tv[1]) != 0) return;
    if (place_inside(r, s, p, &tv[0], i, x, y) || place_inside(r, s, p, &tv[1], i, x, y)) return;
    place_beside(r, s, p, vb, tv, 2, i, x, y, 150 * s->ui); /* further than this, it would name nothing */
}

void labels_draw(SDL_Renderer *r, const cm_scene *s, const cm_marks *marks, cm_labels *out)
{
    const cm_catalog *c = s->cat;
    const cm_view *v = &s->view;
    float ui = s->ui;
    placed *p = malloc(sizeof *p);
    if (!p) return;
    p->n = 0;
    p->rec = out;
    if (p->rec) p->rec->n = 0;
    for (int i = 0; i < s->navoid; i++) reserve(p, s->avoid[i]); /* panels */

    const cm_layer *cities = &c->layers[CM_LAYER_CITIES];
    const cm_layer *gov = &c->layers[CM_LAYER_GOVERNORATES];
    const cm_layer *nbr = &c->layers[CM_LAYER_COUNTRIES];
    int show_labels = c->layers[CM_LAYER_LABELS].visible;
    double z = view_zoom_level(v);
    int ncity = cities->visible ? cities->shp.nfeatures : 0;
    float *dot = calloc((size_t)ncity * 2 + 1, sizeof *dot); /* where each town's dot is drawn */
    char *dotted = calloc((size_t)ncity + 1, 1);              /* 1: dot drawn; 2: with events, 3: labelled */
    int ngov = gov->visible ? gov->shp.nfeatures : 0;
    char *busy = calloc((size_t)ngov + 1, 1);                 /* 1: a governorate with events on the map */
    cm_vbuf vb = {0};
    if (!dot || !dotted || !busy) goto done;

    /* town dots first, the biggest first: a town whose dot would cover a bigger one's is left out
     * (with its name: a suburb is not named where its city is not) */
    for (int rank = 1; rank <= 3; rank++)
        for (int i = 0; i < ncity; i++) {
            const char *kind = shapes_attr(&cities->shp, i, "KIND");
            int rk = town_rank(cities, i);
            if (rk != rank) continue;
            if (rk == 3 && z < 7.2) continue; /* small towns appear as you zoom in */
            float x, y;
            view_to_screen(v, cities->label[i].x, cities->label[i].y, &x, &y);
            if (x < v->x0 || y < v->y0 || x > v->x0 + v->w || y > v->y0 + v->h) continue;
            int capital = kind && strncmp(kind, "capital", 7) == 0;
            float rad = (capital ? 3.6f : rk == 3 ? 2.4f : 3.0f) * ui;
            SDL_FRect d = {x - rad - 1, y - rad - 1, 2 * rad + 2, 2 * rad + 2};
            if (overlaps(p, d)) continue; /* a bigger town is right there */
            reserve(p, d);
            dot[2 * i] = x;
            dot[2 * i + 1] = y;
            dotted[i] = 1;
            draw_disc(&vb, x, y, rad + 1.2f * ui, CM_RGB(0xFFFFFF));
            draw_disc(&vb, x, y, rad, CM_RGB(CM_CITY_DOT));
            if (capital && kind[7] == '_') draw_disc(&vb, x, y, rad * 0.45f, CM_RGB(0xFFFFFF));
        }
    vbuf_flush(r, &vb);
    /* what the markers draw comes before labels: labels make way for it (markers not drawn,
     * as in the heat view, are no obstacle); towns and regions with events are noted */
    for (int i = 0; i < marks->n; i++) {
        SDL_FRect b[2];
        int nb = overlay_mark_boxes(r, s, marks, i, b);
        for (int k = 0; k < nb; k++) reserve(p, b[k]);
        const cm_mark *k = &marks->m[i];
        if (!nb || k->badge) continue;
        float near = 16 * ui;
        for (int t = 0; t < ncity; t++)
            if (dotted[t] && fabsf(dot[2 * t] - k->px) <= near && fabsf(dot[2 * t + 1] - k->py) <= near) dotted[t] = 2;
        if (ngov) {
            double wx, wy;
            view_to_world(v, k->px, k->py, &wx, &wy);
            int g = geom_find_feature(&gov->shp, wx, wy);
            if (g >= 0) busy[g] = 1;
        }
    }
    if (!show_labels) goto done;

    /* capitals and towns with events first: their names are what the reader looks for */
    for (int rank = 1; rank <= 3; rank++)
        for (int i = 0; i < ncity; i++) {
            const char *kind = shapes_attr(&cities->shp, i, "KIND");
            int capital = rank <= 2 || (kind && strncmp(kind, "capital", 7) == 0); /* rank 1-2: governorate seats */
            if (!dotted[i] || town_rank(cities, i) != rank || !(capital || dotted[i] == 2)) continue;
            if (place_town(r, s, p, i, dot[2 * i], dot[2 * i + 1])) dotted[i] = 3;
        }
    /* the governorates with events first, then occupied areas (always named, with their own
     * line), then the other governorates */
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < ngov; i++) {
            const char *sub = shapes_attr(&gov->shp, i, "SUBLABEL");
            int has_sub = sub && *sub;
            const char *status = shapes_attr(&gov->shp, i, "STATUS"); /* a buffer strip: only close in */
            if (status && strcmp(status, "buffer") == 0 && z < 9) continue;
            int want = busy[i] && !has_sub ? 0 : has_sub ? 1 : 2;
            if (want == pass) place_region(r, s, p, &vb, i);
        }
    /* the other towns */
    for (int rank = 1; rank <= 3; rank++)
        for (int i = 0; i < ncity; i++)
            if (dotted[i] && dotted[i] != 3 && town_rank(cities, i) == rank && place_town(r, s, p, i, dot[2 * i], dot[2 * i + 1]))
                dotted[i] = 3;

    /* neighbouring countries: spaced capitals in grey, where there is room */
    if (nbr->visible)
        for (int i = 0; i < nbr->shp.nfeatures; i++) {
            if (!view_sees_bbox(v, nbr->shp.features[i].bbox)) continue;
            float x, y;
            view_to_screen(v, nbr->label[i].x, nbr->label[i].y, &x, &y);
            float room = (float)(nbr->label_r[i] * v->scale) * 2.2f;
            char nm[64];
            upper(nm, sizeof nm, shapes_attr(&nbr->shp, i, "NAME"));
            text2 t = {.l1 = nm, .st1 = {.size = (int)(CM_TYPE_INPUT * ui), .bold = 1, .color = CM_RGB(CM_LABEL_COUNTRY), .halo = 0}};
            if (measure(r, s, &t) == 0 && t.w <= room) place_at(r, s, p, &t, x, y, 0.5f, 0.5f, CM_LBL_COUNTRY, i, x, y);
        }

    /* the seas, from the map profile */
    for (int i = 0; i < c->profile.nseas; i++) {
        const cm_profile_label *sea = &c->profile.seas[i];
        double sx, sy;
        if (catalog_project(c, sea->lon, sea->lat, &sx, &sy) != 0) continue;
        float x, y;
        view_to_screen(v, sx, sy, &x, &y);
        cm_textstyle st = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x5F86A0), .halo = 0};
        text2 t = {.l1 = sea->line1, .l2 = sea->line2, .st1 = st, .st2 = st};
        if (measure(r, s, &t) == 0) place_at(r, s, p, &t, x, y, 0.5f, 0.5f, CM_LBL_SEA, -1, x, y);
    }
done:
    vbuf_free(&vb);
    free(dot);
    free(dotted);
    free(busy);
    free(p);
}
