/* compose: the map and its controls; see compose.h. */
#include "ui/compose.h"

#include "render/basemap.h"
#include "render/map.h"
#include "ui/datebox.h"
#include "ui/frame.h"
#include "ui/legend.h"
#include "ui/offmap.h"
#include "ui/scalebar.h"
#include "ui/state.h"
#include "ui/statusbar.h"

static cm_hl_ref hl_ref(cm_ref r)
{
    cm_hl_ref h = {CM_HL_NONE, r.idx};
    if (r.kind == CM_REF_REGION) h.kind = CM_HL_REGION;
    else if (r.kind == CM_REF_EVENT) h.kind = CM_HL_EVENT;
    return h;
}

/* what the map outlines and rings, from the window's hover, selection and pick list */
static cm_highlight highlight_of(const cm_ui *u)
{
    cm_highlight h = {{CM_HL_NONE, 0}, {CM_HL_NONE, 0}, NULL, 0};
    if (!u) return h;
    h.hover = hl_ref(u->hover);
    h.sel = hl_ref(u->sel);
    if (u->picking) {
        h.listed = u->list;
        h.nlisted = u->nlist;
    }
    return h;
}

void compose_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *c, cm_basecache *cache, int zooming, int settling)
{
    float ui = c->ui;
    double t0 = map_phases ? map_phase_clock() : 0;
    cm_basemap base = basemap_snapshot(c->cat, &c->view, ui);
    if (cache) basecache_draw(r, vb, cache, &base, zooming, settling);
    else basemap_draw(r, vb, &base);
    if (map_phases) map_phases->base += map_phase_clock() - t0;
    double t1 = map_phases ? map_phase_clock() : 0;
    /* the controls' places first, so that markers, badges and labels keep clear of them */
    SDL_FRect date_box = datebox_rect(r, c);
    SDL_FRect panels[4] = {date_box, scalebar_rect(c), statusbar_rect(c), {0, 0, 0, 0}};
    SDL_FRect legend_box = panels[3] = legend_place(r, c, date_box, panels, 3);
    if (map_phases) map_phases->legend += map_phase_clock() - t1;
    cm_scene map = {
        .cat = c->cat, .text = c->text, .view = c->view, .ui = ui, .when = c->when,
        .avoid = panels, .navoid = legend_box.h > 0 ? 4 : 3, .inset_r = c->inset_r, .heat = c->heat,
        .hl = highlight_of(c->state),
    };
    if (c->frame) { /* the window hit-tests markers as drawn; their list is reused, not reallocated */
        map_draw(r, vb, &map, &c->frame->marks, &c->frame->labels);
    } else {
        map_draw(r, vb, &map, NULL, NULL);
    }
    datebox_draw(r, vb, c, date_box);
    t1 = map_phases ? map_phase_clock() : 0;
    legend_draw(r, vb, c, legend_box);
    if (map_phases) map_phases->legend += map_phase_clock() - t1;
    offmap_draw(r, vb, c);
    scalebar_draw(r, vb, c);
    statusbar_draw(r, vb, c);
}
