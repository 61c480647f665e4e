/* basemap: the static base; see basemap.h. */
#include "render/basemap.h"

#include <string.h>

#include "render/style.h"

cm_basemap basemap_snapshot(const cm_catalog *cat, const cm_view *v, float ui)
{
    cm_basemap b = {.cat = cat, .view = *v, .ui = ui};
    for (int i = 0; i < CM_LAYER_FIRST_EVENT; i++)
        if (cat->layers[i].visible) b.shown |= 1u << i;
    return b;
}

unsigned basemap_key(const cm_basemap *b)
{
    return b->shown | (unsigned)(b->ui * 16) << 8;
}

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

void basemap_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_basemap *b)
{
    const cm_catalog *c = b->cat;
    const cm_view *v = &b->view;
    float ui = b->ui;
    SDL_Color sea = CM_RGB(CM_SEA);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, sea.r, sea.g, sea.b, 255);
    SDL_RenderClear(r);
    const cm_layer *nbr = &c->layers[CM_LAYER_COUNTRIES];
    const cm_layer *gov = &c->layers[CM_LAYER_GOVERNORATES];
    int nbr_on = (b->shown >> CM_LAYER_COUNTRIES) & 1, gov_on = (b->shown >> CM_LAYER_GOVERNORATES) & 1;
    if (nbr_on) {
        draw_polygons(vb, v, nbr, NULL);
        vbuf_flush(r, vb);
        draw_edges(vb, v, nbr, 1.0f * ui, CM_RGB(CM_NEIGHBOR_EDGE), NULL, 0);
        vbuf_flush(r, vb);
    }
    if (gov_on) {
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
    } else if (nbr_on) {
        /* the country stays land when its governorates are hidden */
        for (int i = 0; i < gov->shp.nfeatures; i++) draw_mesh(vb, v, &gov->mesh[i], CM_RGB(CM_NEIGHBOR_FILL));
        vbuf_flush(r, vb);
    }
    if (gov_on || nbr_on) {
        for (int k = 0; k < c->outline.nrings; k++)
            draw_path(vb, v, c->outline.pts + c->outline.off[k], c->outline.off[k + 1] - c->outline.off[k], 1, 1.8f * ui,
                      CM_RGB(CM_COUNTRY_EDGE), 0);
        vbuf_flush(r, vb);
    }
}
