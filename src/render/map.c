/* map: the layers of a scene; see map.h. */
#include "render/map.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "render/heat.h"
#include "render/style.h"
#include "render/labels.h"
#include "render/overlay.h"

cm_map_phases *map_phases;

double map_phase_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* adds the time since *t to the phase at *acc and restarts *t (when timing) */
static void phase(double *acc, double *t)
{
    if (!map_phases) return;
    double now = map_phase_clock();
    *acc += now - *t;
    *t = now;
}

static void outline_feature(cm_vbuf *vb, const cm_view *v, const cm_shapes *sh, int fi, float w, SDL_Color c)
{
    const cm_feature *f = &sh->features[fi];
    for (int k = f->ring0; k < f->ring0 + f->nrings; k++)
        draw_path(vb, v, sh->pts + sh->ring_off[k], sh->ring_off[k + 1] - sh->ring_off[k], 1, w, c, 0);
}

static void outline_ref(cm_vbuf *vb, const cm_scene *s, cm_hl_kind kind, int idx, float w, SDL_Color c)
{
    const cm_layer *gov = &s->cat->layers[CM_LAYER_GOVERNORATES];
    if (kind == CM_HL_REGION) outline_feature(vb, &s->view, &gov->shp, idx, w, c);
    else if (kind == CM_HL_EVENT) {
        const cm_event *e = &s->cat->events.ev[idx];
        if (!e->is_area) return;
        if (e->poly) outline_feature(vb, &s->view, e->poly, 0, w, c);
        else
            for (int i = 0; i < e->nregions; i++) outline_feature(vb, &s->view, &gov->shp, e->region_idx[i], w, c);
    }
}

/* hover and selection: a dark outline on regions and areas */
static void draw_highlights(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s)
{
    const cm_highlight *u = &s->hl;
    SDL_Color hov = CM_RGB(0x3A3A3A), sel = CM_RGB(0x111111);
    hov.a = 150;
    if (u->hover.kind != CM_HL_NONE && !(u->hover.kind == u->sel.kind && u->hover.idx == u->sel.idx))
        outline_ref(vb, s, u->hover.kind, u->hover.idx, 2.0f * s->ui, hov);
    if (u->sel.kind != CM_HL_NONE) outline_ref(vb, s, u->sel.kind, u->sel.idx, 3.0f * s->ui, sel);
    vbuf_flush(r, vb);
}

/* the selected or hovered marker gets a ring */
static void draw_selected_marks(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_marks *m)
{
    const cm_highlight *u = &s->hl;
    for (int i = 0; i < m->n; i++) {
        const cm_mark *k = &m->m[i];
        int sel = u->sel.kind == CM_HL_EVENT && u->sel.idx == k->idx;
        int hov = u->hover.kind == CM_HL_EVENT && u->hover.idx == k->idx;
        int listed = 0;
        for (int j = 0; j < u->nlisted && !listed; j++) listed = u->listed[j] == k->idx;
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

void map_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, cm_marks *out, cm_labels *labels)
{
    cm_map_phases dummy;
    cm_map_phases *ph = map_phases ? map_phases : &dummy;
    double t = map_phases ? map_phase_clock() : 0;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    overlay_draw_areas(r, vb, s);
    overlay_draw_area_edges(r, vb, s);
    phase(&ph->areas, &t);
    cm_marks local = {0};
    cm_marks *marks = out ? out : &local; /* the window's list of the last frame, laid out anew */
    overlay_layout(r, s, marks);
    phase(&ph->layout, &t);
    if (s->heat) { /* under the labels, which the markers it replaces no longer push away */
        heat_draw(r, vb, s);
        for (int i = 0; i < marks->n; i++) /* badges still show; markers give way to the heat */
            if (!marks->m[i].badge) marks->m[i].hidden = -1;
    }
    labels_draw(r, s, marks, labels);
    phase(&ph->labels, &t);
    draw_highlights(r, vb, s);
    overlay_draw_marks(r, vb, s, marks);
    draw_selected_marks(r, vb, s, marks);
    phase(&ph->marks, &t);
    overlay_marks_free(&local);
}
