/* labels: names on the map (city dots and names, region names, neighbouring countries, the
 * sea), placed without overlap, most important first, clear of panels and markers; see labels.h. */
#include "render/labels.h"

#include <stdlib.h>
#include <string.h>

#include "geo/geometry.h"
#include "render/style.h"

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

void labels_draw(SDL_Renderer *r, const cm_scene *s, const cm_marks *marks)
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
            /* an area with a SUBLABEL (an occupied area, say) is always labelled, with that line under its name */
            const char *sub = shapes_attr(&gov->shp, i, "SUBLABEL");
            if (sub && !*sub) sub = NULL;
            const char *status = shapes_attr(&gov->shp, i, "STATUS"); /* a buffer strip: only close in */
            if (status && strcmp(status, "buffer") == 0 && z < 9) continue;
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
            if (!view_sees_bbox(v, nbr->shp.features[i].bbox)) continue;
            float x, y;
            view_to_screen(v, nbr->label[i].x, nbr->label[i].y, &x, &y);
            float room = (float)(nbr->label_r[i] * v->scale) * 2.2f;
            char nm[64];
            upper(nm, sizeof nm, shapes_attr(&nbr->shp, i, "NAME") ? shapes_attr(&nbr->shp, i, "NAME") : "");
            cm_textstyle st = {.size = (int)(15 * ui), .bold = 1, .color = CM_RGB(CM_LABEL_COUNTRY), .halo = 0};
            place_label(r, s, &p, nm, &st, NULL, NULL, x, y, 0.5f, 0.5f, room);
        }

    /* the seas, from the map profile */
    for (int i = 0; i < c->profile.nseas; i++) {
        const cm_profile_label *sea = &c->profile.seas[i];
        double sx, sy;
        if (catalog_project(c, sea->lon, sea->lat, &sx, &sy) != 0) continue;
        float x, y;
        view_to_screen(v, sx, sy, &x, &y);
        cm_textstyle st = {.size = (int)(12 * ui), .color = CM_RGB(0x5F86A0), .halo = 0};
        place_label(r, s, &p, sea->line1, &st, sea->line2, sea->line2 ? &st : NULL, x, y, 0.5f, 0.5f, -1);
    }
}

