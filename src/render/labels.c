/* labels: names on the map (city dots and names, region names, neighbouring countries, the
 * sea), placed without overlap, most important first, clear of panels and of what the markers
 * draw; see labels.h. */
#include "render/labels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geometry.h"
#include "render/style.h"

#define MAX_BOXES 1024

typedef struct {
    SDL_FRect box[MAX_BOXES];
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

/* overlaps, but boxes that hold the point (x, y) do not count */
static int overlaps_but(const placed *p, SDL_FRect b, float x, float y)
{
    for (int i = 0; i < p->n; i++) {
        const SDL_FRect *o = &p->box[i];
        if (x >= o->x && x <= o->x + o->w && y >= o->y && y <= o->y + o->h) continue;
        if (hits(b, o)) return 1;
    }
    return 0;
}

static void reserve(placed *p, SDL_FRect b)
{
    if (p->n < MAX_BOXES) p->box[p->n++] = b;
}

/* A label's text: a first line and an optional second (Arabic), measured. */
typedef struct {
    const char *l1, *l2;
    cm_textstyle st1, st2;
    int h1;
    float w, h;
} text2;

static int measure(SDL_Renderer *r, const cm_scene *s, text2 *t)
{
    int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    if (!t->l1 || !*t->l1 || text_measure(s->text, r, t->l1, &t->st1, &w1, &h1) != 0) return -1;
    if (t->l2 && *t->l2 && text_measure(s->text, r, t->l2, &t->st2, &w2, &h2) != 0) h2 = 0;
    t->h1 = h1;
    t->w = (float)(w1 > w2 ? w1 : w2);
    t->h = (float)(h1 + h2);
    if (!h2) t->l2 = NULL;
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
    text_draw(s->text, r, t->l1, &t->st1, b.x + b.w / 2, b.y, 0.5f, 0);
    if (t->l2) text_draw(s->text, r, t->l2, &t->st2, b.x + b.w / 2, b.y + t->h1 - 2 * s->ui, 0.5f, 0);
    if (p->rec && p->rec->n < CM_LABELS_MAX) {
        cm_label *l = &p->rec->l[p->rec->n++];
        l->kind = kind;
        l->feature = feature;
        snprintf(l->text, sizeof l->text, "%s", t->l1);
        l->box = b;
        l->ax = ax;
        l->ay = ay;
        l->leader = leader;
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

/* Offsets around a point, nearest first: the point, then rings of eight. */
#define SPIRAL_RINGS 8
static void spiral(int k, float step, float *dx, float *dy)
{
    static const float d8[8][2] = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}, {0.7f, 0.7f}, {-0.7f, 0.7f}, {0.7f, -0.7f}, {-0.7f, -0.7f}};
    if (k == 0) { *dx = *dy = 0; return; }
    int ring = (k - 1) / 8 + 1;
    *dx = d8[(k - 1) % 8][0] * step * ring;
    *dy = d8[(k - 1) % 8][1] * step * ring;
}

/* The name inside its governorate: the box's centre and corners on its land, as near its
 * label point (x, y) as there is room. 1 if placed. */
static int place_inside(SDL_Renderer *r, const cm_scene *s, placed *p, const text2 *t, int gi, float x, float y)
{
    float ui = s->ui;
    for (int k = 0; k <= 8 * SPIRAL_RINGS; k++) {
        float dx, dy;
        spiral(k, 10 * ui, &dx, &dy);
        SDL_FRect b = {x + dx - t->w / 2, y + dy - t->h / 2, t->w, t->h};
        if (!in_region(s, gi, x + dx, y + dy) || !room_for(s, p, b)) continue;
        float ix = 0.15f * b.w, iy = 0.2f * b.h; /* its corners may round a bend of the border */
        if (!in_region(s, gi, b.x + ix, b.y + iy) || !in_region(s, gi, b.x + b.w - ix, b.y + iy) ||
            !in_region(s, gi, b.x + ix, b.y + b.h - iy) || !in_region(s, gi, b.x + b.w - ix, b.y + b.h - iy))
            continue;
        put(r, s, p, t, b, CM_LBL_REGION, gi, x, y, 0);
        return 1;
    }
    return 0;
}

/* A region too small to hold its name: the name beside it, as near as there is room, where it
 * covers least of other regions (the sea, a neighbour or its own land first) and its line
 * crosses no other label, joined by a thin line to a free point of its land near its label
 * point (x, y). 1 if placed. */
static int place_beside(SDL_Renderer *r, const cm_scene *s, placed *p, cm_vbuf *vb, const text2 *t, int gi, float x, float y)
{
    const cm_layer *gov = &s->cat->layers[CM_LAYER_GOVERNORATES];
    const cm_view *v = &s->view;
    float ui = s->ui;
    /* the line's end: the label point, or the nearest point of its land that nothing covers */
    float ax = x, ay = y;
    int found = 0;
    for (int k = 0; k <= 8 * SPIRAL_RINGS && !found; k++) {
        float dx, dy;
        spiral(k, 3 * ui, &dx, &dy);
        SDL_FRect pt = {x + dx - 3 * ui, y + dy - 3 * ui, 6 * ui, 6 * ui};
        if (in_region(s, gi, x + dx, y + dy) && !overlaps(p, pt)) {
            ax = x + dx;
            ay = y + dy;
            found = 1;
        }
    }
    /* (all of it covered, by a town's dot say: the line starts from the label point, over it) */
    static const float gaps[] = {6, 14, 24, 36, 50, 66};
    static const int dirs[][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
    float best = 1e30f;
    SDL_FRect bb = {0};
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        float gap = gaps[g] * ui;
        for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
            float cx = ax + dirs[d][0] * (t->w / 2 + gap), cy = ay + dirs[d][1] * (t->h / 2 + gap);
            SDL_FRect b = {cx - t->w / 2, cy - t->h / 2, t->w, t->h};
            if (!room_for(s, p, b)) continue;
            /* how much of other regions it covers: its corners, edge middles and centre */
            float cost = gaps[g];
            for (int q = 0; q < 9; q++) {
                double wx, wy;
                view_to_world(v, b.x + b.w * (float)(q % 3) / 2, b.y + b.h * (float)(q / 3) / 2, &wx, &wy);
                int f = geom_find_feature(&gov->shp, wx, wy);
                if (f >= 0 && f != gi) cost += 8;
            }
            /* its line must not cross anything placed */
            float nx, ny;
            nearest_on(b, ax, ay, &nx, &ny);
            float len = hypotf(nx - ax, ny - ay);
            for (float u = 3 * ui; u < len; u += 2 * ui) {
                SDL_FRect pt = {ax + (nx - ax) * u / len - 0.5f, ay + (ny - ay) * u / len - 0.5f, 1, 1};
                if (overlaps_but(p, pt, ax, ay)) { cost = 1e30f; break; }
            }
            if (cost < best) { best = cost; bb = b; }
        }
    }
    if (best >= 1e29f) return 0;
    float nx, ny;
    nearest_on(bb, ax, ay, &nx, &ny);
    SDL_Color c = CM_RGB(CM_LABEL_GOV);
    c.a = 220;
    SDL_Color white = CM_RGB(0xFFFFFF);
    white.a = 170;
    draw_segment(vb, ax, ay, nx, ny, 2.6f * ui, white);
    draw_segment(vb, ax, ay, nx, ny, 1.0f * ui, c);
    draw_disc(vb, ax, ay, 2.6f * ui, white);
    draw_disc(vb, ax, ay, 1.8f * ui, c);
    vbuf_flush(r, vb);
    put(r, s, p, t, bb, CM_LBL_REGION, gi, ax, ay, 1);
    reserve(p, (SDL_FRect){fminf(ax, nx) - 1, fminf(ay, ny) - 1, fabsf(nx - ax) + 2, fabsf(ny - ay) + 2}); /* the line */
    return 1;
}

/* One governorate's name: English in capitals, Arabic beneath (or its SUBLABEL, an occupied
 * area's line), inside it where it fits (the English alone if need be), else beside it. */
static void place_region(SDL_Renderer *r, const cm_scene *s, placed *p, cm_vbuf *vb, int i)
{
    const cm_layer *gov = &s->cat->layers[CM_LAYER_GOVERNORATES];
    const cm_view *v = &s->view;
    float ui = s->ui;
    SDL_Color halo_land = CM_RGB(0xF7F3EA);
    halo_land.a = 190;
    const char *sub = shapes_attr(&gov->shp, i, "SUBLABEL");
    if (sub && !*sub) sub = NULL;
    if (!view_sees_bbox(v, gov->shp.features[i].bbox)) return;
    float x, y;
    view_to_screen(v, gov->label[i].x, gov->label[i].y, &x, &y);
    char en[64];
    upper(en, sizeof en, shapes_attr(&gov->shp, i, "NAME_EN"));
    text2 t = {.l1 = en, .l2 = shapes_attr(&gov->shp, i, "NAME_AR"),
               .st1 = {.size = (int)(CM_TYPE_SMALL * ui), .bold = 1, .color = CM_RGB(CM_LABEL_GOV), .halo = (int)(1.2f * ui + 0.5f), .halo_color = halo_land},
               .st2 = {.size = (int)(CM_TYPE_BODY * ui), .bold = 0, .color = CM_RGB(CM_LABEL_GOV), .halo = (int)(1.2f * ui + 0.5f), .halo_color = halo_land}};
    if (sub) { /* an area with a SUBLABEL (an occupied area, say) is always labelled, with that line under its name */
        t.l2 = sub;
        t.st1.color = t.st2.color = CM_RGB(CM_OCCUPIED_LABEL);
        t.st2.size = (int)(CM_TYPE_SMALL * ui);
        t.st2.halo = t.st1.halo = (int)(1.5f * ui + 0.5f);
        if (measure(r, s, &t) != 0) return;
        static const float nudge[][2] = {{0, 0}, {0, 22}, {0, -22}, {36, 0}, {-36, 0}, {0, 40}};
        for (size_t k = 0; k < sizeof nudge / sizeof nudge[0]; k++) {
            if (k && !in_region(s, i, x + nudge[k][0] * ui, y + nudge[k][1] * ui)) continue;
            if (place_at(r, s, p, &t, x + nudge[k][0] * ui, y + nudge[k][1] * ui, 0.5f, 0.5f, CM_LBL_REGION, i, x, y)) return;
        }
        /* too small to hold it: beside it, to the west */
        float wx0, wy0;
        view_to_screen(v, gov->shp.features[i].bbox[0], gov->label[i].y, &wx0, &wy0);
        static const float dys[] = {-24, 0, -48, 24, 48};
        for (size_t k = 0; k < sizeof dys / sizeof dys[0]; k++)
            if (place_at(r, s, p, &t, wx0 - 4 * ui, y + dys[k] * ui, 1, 0.5f, CM_LBL_REGION, i, x, y)) return;
        place_beside(r, s, p, vb, &t, i, x, y); /* elsewhere near it, with a line */
        return;
    }
    text2 en_only = t;
    en_only.l2 = NULL;
    if (measure(r, s, &t) != 0 || measure(r, s, &en_only) != 0) return;
    if (place_inside(r, s, p, &t, i, x, y) || place_inside(r, s, p, &en_only, i, x, y)) return;
    if (place_beside(r, s, p, vb, &t, i, x, y)) return;
    place_beside(r, s, p, vb, &en_only, i, x, y);
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
            int want = has_sub ? 1 : busy[i] ? 0 : 2;
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
