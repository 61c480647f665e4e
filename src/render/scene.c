/* scene: the map frame; see scene.h. */
#include "render/scene.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "render/basecache.h"
#include "render/heat.h"
#include "render/style.h"
#include "render/labels.h"
#include "render/overlay.h"
#include "ui/datebox.h"
#include "ui/frame.h"
#include "ui/state.h"
#include "ui/legend.h"
#include "render/outside.h"
#include "ui/scalebar.h"
#include "ui/statusbar.h"

static void draw_polygons(cm_vbuf *vb, const cm_view *v, const cm_layer *l, const cm_profile *gov)
{
    for (int i = 0; i < l->shp.nfeatures; i++) {
        if (!view_sees_bbox(v, l->shp.features[i].bbox)) continue;
        const char *status = gov ? shapes_attr(&l->shp, i, "STATUS") : NULL;
        SDL_Color c = !gov ? CM_RGB(CM_NEIGHBOR_FILL)
                    : status && strcmp(status, "occupied") == 0 ? CM_RGB(CM_OCCUPIED_FILL) /* drawn apart (geodata/README.md) */
                    : status && strcmp(status, "buffer") == 0 ? CM_RGB(CM_BUFFER_FILL)
                    : style_gov_fill(gov, shapes_attr(&l->shp, i, "ISO"));
        draw_mesh(vb, v, &l->mesh[i], c);
    }
}

/* The edges of l's features; with only_status, those of the features of that STATUS alone, and
 * without, all but buffer zones (drawn dashed on their own). */
static void draw_edges(cm_vbuf *vb, const cm_view *v, const cm_layer *l, float w, SDL_Color c, const char *only_status, float dash)
{
    for (int i = 0; i < l->shp.nfeatures; i++) {
        const cm_feature *f = &l->shp.features[i];
        if (!view_sees_bbox(v, f->bbox)) continue;
        const char *status = shapes_attr(&l->shp, i, "STATUS");
        int is_only = only_status && status && strcmp(status, only_status) == 0;
        if (only_status ? !is_only : (status && strcmp(status, "buffer") == 0)) continue;
        for (int r = f->ring0; r < f->ring0 + f->nrings; r++)
            draw_path(vb, v, l->shp.pts + l->shp.ring_off[r], l->shp.ring_off[r + 1] - l->shp.ring_off[r], 1, w, c, dash);
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

/* The static base: sea, countries, governorates, their edges and the country's border. */
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
        draw_polygons(vb, v, nbr, NULL);
        vbuf_flush(r, vb);
        draw_edges(vb, v, nbr, 1.0f * ui, CM_RGB(CM_NEIGHBOR_EDGE), NULL, 0);
        vbuf_flush(r, vb);
    }
    if (gov->visible) {
        draw_polygons(vb, v, gov, &c->profile);
        vbuf_flush(r, vb);
        draw_edges(vb, v, gov, 1.4f * ui, CM_RGB(CM_GOV_EDGE), NULL, 0);
        draw_edges(vb, v, gov, 1.2f * ui, CM_RGB(CM_BUFFER_EDGE), "buffer", 4 * ui);
        for (int i = 0; i < gov->shp.nfeatures; i++) { /* occupied areas: a dashed edge of their own */
            const char *status = shapes_attr(&gov->shp, i, "STATUS");
            const cm_feature *f = &gov->shp.features[i];
            if (!status || strcmp(status, "occupied") != 0 || !view_sees_bbox(v, f->bbox)) continue;
            for (int k = f->ring0; k < f->ring0 + f->nrings; k++)
                draw_path(vb, v, gov->shp.pts + gov->shp.ring_off[k], gov->shp.ring_off[k + 1] - gov->shp.ring_off[k], 1,
                          1.3f * ui, CM_RGB(CM_OCCUPIED_EDGE), 5 * ui);
        }
        vbuf_flush(r, vb);
    } else if (nbr->visible) {
        /* the country stays land when its governorates are hidden */
        for (int i = 0; i < gov->shp.nfeatures; i++) draw_mesh(vb, v, &gov->mesh[i], CM_RGB(CM_NEIGHBOR_FILL));
        vbuf_flush(r, vb);
    }
    if (gov->visible || nbr->visible) {
        for (int k = 0; k < c->outline.nrings; k++)
            draw_path(vb, v, c->outline.pts + c->outline.off[k], c->outline.off[k + 1] - c->outline.off[k], 1, 1.8f * ui,
                      CM_RGB(CM_COUNTRY_EDGE), 0);
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
    labels_draw(r, &with_panels, &marks);
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
