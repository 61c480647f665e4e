/* scene: the map frame; see scene.h. */
#include "render/scene.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "render/basecache.h"
#include "render/heat.h"
#include "render/style.h"
#include "render/overlay.h"
#include "ui/datebox.h"
#include "ui/frame.h"
#include "ui/state.h"
#include "ui/legend.h"
#include "render/outside.h"
#include "ui/scalebar.h"
#include "ui/statusbar.h"

#define MAX_LABELS 256

typedef struct {
    SDL_FRect box[MAX_LABELS];
    int n;
} placed;

static int overlaps(const placed *p, SDL_FRect b)
{
    for (int i = 0; i < p->n; i++) {
        const SDL_FRect *o = &p->box[i];
        if (b.x < o->x + o->w && o->x < b.x + b.w && b.y < o->y + o->h && o->y < b.y + b.h) return 1;
    }
    return 0;
}

static void reserve(placed *p, SDL_FRect b)
{
    if (p->n < MAX_LABELS) p->box[p->n++] = b;
}

static int feature_on_screen(const cm_view *v, const double b[4])
{
    double vb[4];
    view_world_bbox(v, vb);
    return !(b[2] < vb[0] || b[0] > vb[2] || b[3] < vb[1] || b[1] > vb[3]);
}

static void draw_polygons(cm_vbuf *vb, const cm_view *v, const cm_layer *l, int gov)
{
    for (int i = 0; i < l->shp.nfeatures; i++) {
        if (!feature_on_screen(v, l->shp.features[i].bbox)) continue;
        const char *status = gov ? shapes_attr(&l->shp, i, "STATUS") : NULL;
        SDL_Color c = !gov ? CM_RGB(CM_NEIGHBOR_FILL)
                    : status && strcmp(status, "occupied") == 0 ? CM_RGB(CM_OCCUPIED_FILL) /* drawn apart (geodata/README.md) */
                    : style_gov_fill(shapes_attr(&l->shp, i, "ISO"));
        draw_mesh(vb, v, &l->mesh[i], c);
    }
}

static void draw_edges(cm_vbuf *vb, const cm_view *v, const cm_layer *l, float w, SDL_Color c, const char *only_iso, float dash)
{
    for (int i = 0; i < l->shp.nfeatures; i++) {
        const cm_feature *f = &l->shp.features[i];
        if (!feature_on_screen(v, f->bbox)) continue;
        const char *iso = shapes_attr(&l->shp, i, "ISO");
        int is_only = only_iso && iso && strcmp(iso, only_iso) == 0;
        if (only_iso ? !is_only : (iso && strcmp(iso, "SY-X01~") == 0)) continue;
        for (int r = f->ring0; r < f->ring0 + f->nrings; r++)
            draw_path(vb, v, l->shp.pts + l->shp.ring_off[r], l->shp.ring_off[r + 1] - l->shp.ring_off[r], 1, w, c, dash);
    }
}

/* A label with an optional second line (Arabic), centred on (x, y); returns 1 if placed. */
static int place_label(SDL_Renderer *r, const cm_scene *s, placed *p, const char *l1, const cm_textstyle *st1,
                       const char *l2, const cm_textstyle *st2, float x, float y, float ax, float ay, float maxw)
{
    int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    if (!l1 || !*l1 || text_measure(s->text, r, l1, st1, &w1, &h1) != 0) return 0;
    if (l2 && *l2) text_measure(s->text, r, l2, st2, &w2, &h2);
    float w = (float)(w1 > w2 ? w1 : w2), h = (float)(h1 + h2);
    if (maxw >= 0 && w > maxw) return 0; /* maxw < 0: no limit */
    SDL_FRect b = {x - ax * w, y - ay * h, w, h};
    if (b.x < s->view.x0 || b.y < s->view.y0 || b.x + b.w > s->view.x0 + s->view.w - s->inset_r || b.y + b.h > s->view.y0 + s->view.h)
        return 0;
    if (overlaps(p, b)) return 0;
    reserve(p, b);
    text_draw(s->text, r, l1, st1, b.x + w / 2, b.y, 0.5f, 0);
    if (h2) text_draw(s->text, r, l2, st2, b.x + w / 2, b.y + h1 - 2 * s->ui, 0.5f, 0);
    return 1;
}

static void upper(char *dst, size_t n, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < n; i++) dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 32) : src[i];
    dst[i] = 0;
}

static void draw_labels(SDL_Renderer *r, const cm_scene *s, const cm_marks *marks)
{
    const cm_catalog *c = s->cat;
    const cm_view *v = &s->view;
    float ui = s->ui;
    placed p = {.n = 0};
    for (int i = 0; i < s->navoid; i++) reserve(&p, s->avoid[i]); /* panels */
    SDL_Color halo = CM_RGB(0xFFFFFF);
    halo.a = 200;
    SDL_Color halo_land = CM_RGB(0xF7F3EA);
    halo_land.a = 190;

    /* cities first: the dots must not be covered; reserve their dots */
    const cm_layer *cities = &c->layers[CM_LAYER_CITIES];
    const cm_layer *gov = &c->layers[CM_LAYER_GOVERNORATES];
    const cm_layer *nbr = &c->layers[CM_LAYER_COUNTRIES];
    int show_labels = c->layers[CM_LAYER_LABELS].visible;
    double z = view_zoom_level(v);

    cm_vbuf dots = {0};
    if (cities->visible) {
        for (int rank = 1; rank <= 3; rank++)
            for (int i = 0; i < cities->shp.nfeatures; i++) {
                const char *pr = shapes_attr(&cities->shp, i, "POP_RANK");
                const char *kind = shapes_attr(&cities->shp, i, "KIND");
                int rk = pr ? atoi(pr) : 3;
                if (rk != rank) continue;
                if (rk == 3 && z < 7.2) continue; /* small towns appear as you zoom in */
                float x, y;
                view_to_screen(v, cities->label[i].x, cities->label[i].y, &x, &y);
                if (x < v->x0 || y < v->y0 || x > v->x0 + v->w || y > v->y0 + v->h) continue;
                int capital = kind && strncmp(kind, "capital", 7) == 0;
                float rad = (capital ? 3.6f : rk == 3 ? 2.4f : 3.0f) * ui;
                SDL_FRect dot = {x - rad - 1, y - rad - 1, 2 * rad + 2, 2 * rad + 2};
                if (overlaps(&p, dot)) continue; /* a bigger city is right there */
                reserve(&p, dot);
                draw_disc(&dots, x, y, rad + 1.2f * ui, CM_RGB(0xFFFFFF));
                draw_disc(&dots, x, y, rad, CM_RGB(CM_CITY_DOT));
                if (capital && kind[7] == '_') draw_disc(&dots, x, y, rad * 0.45f, CM_RGB(0xFFFFFF));
            }
        vbuf_flush(r, &dots);
    }
    vbuf_free(&dots);
    /* event markers and badges come before labels: labels make way for them */
    for (int i = 0; i < marks->n; i++) {
        const cm_mark *k = &marks->m[i];
        float h = 9 * s->ui;
        reserve(&p, k->badge ? k->box : (SDL_FRect){k->x - h, k->y - h, 2 * h, 2 * h});
    }
    if (!show_labels) return;

    /* governorates: English in capitals, Arabic beneath, only where the name fits */
    if (gov->visible)
        for (int i = 0; i < gov->shp.nfeatures; i++) {
            const char *iso = shapes_attr(&gov->shp, i, "ISO");
            /* an area with a SUBLABEL (an occupied area, say) is always labelled, with that line under its name */
            const char *sub = shapes_attr(&gov->shp, i, "SUBLABEL");
            if (sub && !*sub) sub = NULL;
            if (iso && strcmp(iso, "SY-X01~") == 0 && z < 9) continue;
            float x, y;
            view_to_screen(v, gov->label[i].x, gov->label[i].y, &x, &y);
            float room = (float)(gov->label_r[i] * v->scale) * 2.4f;
            char en[64];
            upper(en, sizeof en, shapes_attr(&gov->shp, i, "NAME_EN") ? shapes_attr(&gov->shp, i, "NAME_EN") : "");
            cm_textstyle st1 = {.size = (int)(11 * ui), .bold = 1, .color = CM_RGB(CM_LABEL_GOV), .halo = (int)(1.2f * ui + 0.5f), .halo_color = halo_land};
            cm_textstyle st2 = {.size = (int)(12 * ui), .bold = 0, .color = CM_RGB(CM_LABEL_GOV), .halo = (int)(1.2f * ui + 0.5f), .halo_color = halo_land};
            /* the label point, then nudged around it: city dots often sit on it */
            static const float nudge[][2] = {{0, 0}, {0, 22}, {0, -22}, {36, 0}, {-36, 0}, {0, 40}};
            const char *ar = shapes_attr(&gov->shp, i, "NAME_AR");
            if (sub) {
                ar = sub;
                room = -1;
                st1.color = st2.color = CM_RGB(CM_OCCUPIED_LABEL);
                st2.size = (int)(11 * ui);
                st2.halo = st1.halo = (int)(1.5f * ui + 0.5f);
            }
            int done = 0;
            for (size_t k = 0; k < sizeof nudge / sizeof nudge[0] && !done; k++) {
                double wx, wy; /* a nudged label must still stand inside its governorate */
                view_to_world(v, x + nudge[k][0] * ui, y + nudge[k][1] * ui, &wx, &wy);
                if (k && !geom_feature_contains(&gov->shp, i, wx, wy)) continue;
                done = place_label(r, s, &p, en, &st1, ar, &st2, x + nudge[k][0] * ui, y + nudge[k][1] * ui, 0.5f, 0.5f, room);
            }
            if (sub && !done) { /* too small to hold it: beside it, to the west */
                float wx0, wy0;
                view_to_screen(v, gov->shp.features[i].bbox[0], gov->label[i].y, &wx0, &wy0);
                static const float dys[] = {-24, 0, -48, 24, 48};
                for (size_t k = 0; k < sizeof dys / sizeof dys[0] && !done; k++)
                    done = place_label(r, s, &p, en, &st1, ar, &st2, wx0 - 4 * ui, y + dys[k] * ui, 1, 0.5f, -1);
            }
        }

    if (cities->visible) {
            for (int rank = 1; rank <= 3; rank++)
                for (int i = 0; i < cities->shp.nfeatures; i++) {
                    const char *pr = shapes_attr(&cities->shp, i, "POP_RANK");
                    int rk = pr ? atoi(pr) : 3;
                    if (rk != rank || (rk == 3 && z < 7.2)) continue;
                    float x, y;
                    view_to_screen(v, cities->label[i].x, cities->label[i].y, &x, &y);
                    cm_textstyle st = {.size = (int)((rk == 1 ? 14 : rk == 2 ? 13 : 12) * ui), .bold = rk == 1,
                                       .color = CM_RGB(CM_LABEL_CITY), .halo = (int)(1.5f * ui + 0.5f), .halo_color = halo};
                    const char *name = shapes_attr(&cities->shp, i, "NAME");
                    /* right, left, above, below; then the same further out, clear of a marker on the town */
                    for (int ring = 0; ring < 3; ring++) {
                        float off = (ring == 0 ? 5 : ring == 1 ? 12 : 22) * ui;
                        if (place_label(r, s, &p, name, &st, NULL, NULL, x + off, y, 0, 0.5f, -1) ||
                            place_label(r, s, &p, name, &st, NULL, NULL, x - off, y, 1, 0.5f, -1) ||
                            place_label(r, s, &p, name, &st, NULL, NULL, x, y - off, 0.5f, 1, -1) ||
                            place_label(r, s, &p, name, &st, NULL, NULL, x, y + off, 0.5f, 0, -1))
                            break;
                    }
                }
    }
    /* neighbouring countries: spaced capitals in grey, where there is room */
    if (nbr->visible)
        for (int i = 0; i < nbr->shp.nfeatures; i++) {
            if (!feature_on_screen(v, nbr->shp.features[i].bbox)) continue;
            float x, y;
            view_to_screen(v, nbr->label[i].x, nbr->label[i].y, &x, &y);
            float room = (float)(nbr->label_r[i] * v->scale) * 2.2f;
            char nm[64];
            upper(nm, sizeof nm, shapes_attr(&nbr->shp, i, "NAME") ? shapes_attr(&nbr->shp, i, "NAME") : "");
            cm_textstyle st = {.size = (int)(15 * ui), .bold = 1, .color = CM_RGB(CM_LABEL_COUNTRY), .halo = 0};
            place_label(r, s, &p, nm, &st, NULL, NULL, x, y, 0.5f, 0.5f, room);
        }

    /* the sea */
    double sx, sy;
    if (catalog_project(c, 34.35, 34.75, &sx, &sy) == 0) {
        float x, y;
        view_to_screen(v, sx, sy, &x, &y);
        cm_textstyle st = {.size = (int)(12 * ui), .color = CM_RGB(0x5F86A0), .halo = 0};
        place_label(r, s, &p, "Mediterranean", &st, "Sea", &st, x, y, 0.5f, 0.5f, -1);
    }
}

static void outline_feature(cm_vbuf *vb, const cm_view *v, const cm_shapes *sh, int fi, float w, SDL_Color c)
{
    const cm_feature *f = &sh->features[fi];
    for (int k = f->ring0; k < f->ring0 + f->nrings; k++)
        draw_path(vb, v, sh->pts + sh->ring_off[k], sh->ring_off[k + 1] - sh->ring_off[k], 1, w, c, 0);
}

static void outline_ref(cm_vbuf *vb, const cm_scene *s, int kind, int idx, float w, SDL_Color c)
{
    const cm_layer *gov = &s->cat->layers[CM_LAYER_GOVERNORATES];
    if (kind == CM_REF_REGION) outline_feature(vb, &s->view, &gov->shp, idx, w, c);
    else if (kind == CM_REF_EVENT) {
        const cm_event *e = &s->cat->events.ev[idx];
        if (!e->is_area) return;
        if (e->poly) outline_feature(vb, &s->view, e->poly, 0, w, c);
        else
            for (int i = 0; i < e->nregions; i++) outline_feature(vb, &s->view, &gov->shp, e->region_idx[i], w, c);
    }
}

/* hover and selection: a dark outline on regions and areas */
static void draw_highlights(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_marks *m)
{
    (void)m;
    const cm_ui *u = s->state;
    if (!u) return;
    SDL_Color hov = CM_RGB(0x3A3A3A), sel = CM_RGB(0x111111);
    hov.a = 150;
    if (u->hover.kind != CM_REF_NONE && !(u->hover.kind == u->sel.kind && u->hover.idx == u->sel.idx))
        outline_ref(vb, s, u->hover.kind, u->hover.idx, 2.0f * s->ui, hov);
    if (u->sel.kind != CM_REF_NONE) outline_ref(vb, s, u->sel.kind, u->sel.idx, 3.0f * s->ui, sel);
    vbuf_flush(r, vb);
}

/* the selected or hovered marker gets a ring */
static void draw_selected_marks(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_marks *m)
{
    const cm_ui *u = s->state;
    if (!u) return;
    for (int i = 0; i < m->n; i++) {
        const cm_mark *k = &m->m[i];
        int sel = u->sel.kind == CM_REF_EVENT && u->sel.idx == k->idx;
        int hov = u->hover.kind == CM_REF_EVENT && u->hover.idx == k->idx;
        int listed = 0;
        for (int j = 0; j < u->nlist && !listed && u->picking; j++) listed = u->list[j] == k->idx;
        if (!sel && !hov && !listed) continue;
        SDL_Color c = CM_RGB(0x111111);
        c.a = sel ? 255 : 150;
        if (k->badge) {
            SDL_FRect b = k->box;
            float fr[8] = {b.x - 2, b.y - 2, b.x + b.w + 2, b.y - 2, b.x + b.w + 2, b.y + b.h + 2, b.x - 2, b.y + b.h + 2};
            draw_loop(vb, fr, 4, 2.0f * s->ui, c);
            continue;
        }
        float rr = 12 * s->ui, pts[48];
        for (int q = 0; q < 24; q++) {
            pts[2 * q] = k->x + cosf((float)(q * M_PI / 12)) * rr;
            pts[2 * q + 1] = k->y + sinf((float)(q * M_PI / 12)) * rr;
        }
        draw_loop(vb, pts, 24, (sel ? 2.5f : 1.8f) * s->ui, c);
    }
    vbuf_flush(r, vb);
}

/* The static base: sea, countries, governorates, their edges and Syria's border. */
void scene_draw_base(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_view *v)
{
    const cm_catalog *c = s->cat;
    float ui = s->ui;
    SDL_Color sea = CM_RGB(CM_SEA);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, sea.r, sea.g, sea.b, 255);
    SDL_RenderClear(r);
    const cm_layer *nbr = &c->layers[CM_LAYER_COUNTRIES];
    const cm_layer *gov = &c->layers[CM_LAYER_GOVERNORATES];
    if (nbr->visible) {
        draw_polygons(vb, v, nbr, 0);
        vbuf_flush(r, vb);
        draw_edges(vb, v, nbr, 1.0f * ui, CM_RGB(CM_NEIGHBOR_EDGE), NULL, 0);
        vbuf_flush(r, vb);
    }
    if (gov->visible) {
        draw_polygons(vb, v, gov, 1);
        vbuf_flush(r, vb);
        draw_edges(vb, v, gov, 1.4f * ui, CM_RGB(CM_GOV_EDGE), NULL, 0);
        draw_edges(vb, v, gov, 1.2f * ui, CM_RGB(CM_UNDOF_EDGE), "SY-X01~", 4 * ui);
        for (int i = 0; i < gov->shp.nfeatures; i++) { /* occupied areas: a dashed edge of their own */
            const char *status = shapes_attr(&gov->shp, i, "STATUS");
            const cm_feature *f = &gov->shp.features[i];
            if (!status || strcmp(status, "occupied") != 0 || !feature_on_screen(v, f->bbox)) continue;
            for (int k = f->ring0; k < f->ring0 + f->nrings; k++)
                draw_path(vb, v, gov->shp.pts + gov->shp.ring_off[k], gov->shp.ring_off[k + 1] - gov->shp.ring_off[k], 1,
                          1.3f * ui, CM_RGB(CM_OCCUPIED_EDGE), 5 * ui);
        }
        vbuf_flush(r, vb);
    } else if (nbr->visible) {
        /* Syria stays land when its governorates are hidden */
        for (int i = 0; i < gov->shp.nfeatures; i++) draw_mesh(vb, v, &gov->mesh[i], CM_RGB(CM_NEIGHBOR_FILL));
        vbuf_flush(r, vb);
    }
    if (gov->visible || nbr->visible) {
        for (int k = 0; k < c->outline.nrings; k++)
            draw_path(vb, v, c->outline.pts + c->outline.off[k], c->outline.off[k + 1] - c->outline.off[k], 1, 1.8f * ui,
                      CM_RGB(CM_SYRIA_EDGE), 0);
        vbuf_flush(r, vb);
    }
}

void scene_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s)
{
    float ui = s->ui;
    if (s->cache) basecache_draw(r, vb, s->cache, s, s->zooming, s->settling);
    else scene_draw_base(r, vb, s, &s->view);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    overlay_draw_areas(r, vb, s);
    overlay_draw_area_edges(r, vb, s);
    /* the panels' places are known first, so that badges and labels keep clear of them */
    cm_scene with_panels = *s;
    SDL_FRect date_box = datebox_rect(r, s);
    SDL_FRect legend_box = legend_rect(r, s, date_box.x, date_box.y + date_box.h + 8 * ui);
    /* the scale bar (bottom left) and the status strip (bottom right) are kept clear too */
    SDL_FRect scale_box = {s->view.x0, s->view.y0 + s->view.h - 36 * ui, 190 * ui, 36 * ui};
    SDL_FRect status_box = {s->view.x0 + s->view.w - s->inset_r - 560 * ui, s->view.y0 + s->view.h - 24 * ui, 560 * ui, 24 * ui};
    SDL_FRect panels[4] = {date_box, scale_box, status_box, legend_box};
    with_panels.avoid = panels;
    with_panels.navoid = legend_box.h > 0 ? 4 : 3;
    cm_marks marks = {0};
    overlay_layout(r, &with_panels, &marks);
    draw_labels(r, &with_panels, &marks);
    draw_highlights(r, vb, s, &marks);
    if (s->heat) {
        heat_draw(r, vb, s);
        for (int i = 0; i < marks.n; i++) /* badges still show; markers give way to the heat */
            if (!marks.m[i].badge) marks.m[i].hidden = -1;
    }
    overlay_draw_marks(r, vb, s, &marks);
    draw_selected_marks(r, vb, s, &marks);
    if (s->frame) { /* the window hit-tests markers as drawn */
        overlay_marks_free(&s->frame->marks);
        s->frame->marks = marks;
    } else {
        overlay_marks_free(&marks);
    }
    datebox_draw(r, vb, s, date_box);
    legend_draw(r, vb, s, legend_box);
    outside_draw(r, vb, s);
    scalebar_draw(r, vb, s);
    statusbar_draw(r, vb, s);
}
