/* app: modes and the window loop; see app.h. */
#include "app.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/draw.h"
#include "render/scene.h"
#include "render/text.h"

static const char *data_dir(const char *given, const char *sub, char *buf, size_t n)
{
    if (given) return given;
    snprintf(buf, n, "%s/%s", CM_DATADIR, sub);
    return buf;
}

int app_load(const cm_options *o, cm_catalog *cat, char *err, size_t errlen)
{
    char buf[1024];
    if (catalog_load(cat, data_dir(o->geodata, "geodata", buf, sizeof buf), o->crs, err, errlen) != 0) return -1;
    if (o->layers && catalog_set_visible(cat, o->layers, err, errlen) != 0) goto bad;
    if (!o->no_default_events) {
        char path[1100];
        snprintf(path, sizeof path, "%s/events.geojson", data_dir(o->assets, "assets", buf, sizeof buf));
        if (catalog_add_events(cat, path, err, errlen) != 0) goto bad;
    }
    for (int i = 0; i < o->nevents; i++)
        if (catalog_add_events(cat, o->events[i], err, errlen) != 0) goto bad;
    if (catalog_finish_events(cat, err, errlen) != 0) goto bad;
    return 0;
bad:
    catalog_free(cat);
    return -1;
}

void app_when(const cm_options *o, const cm_catalog *cat, cm_when *w)
{
    cm_date d;
    w->fade = o->fade_days;
    w->window = 0;
    w->a = w->b = cat->events.span_last;
    if (o->date && date_parse(o->date, &d) == 0) {
        w->a = date_first(d);
        w->b = date_last(d);
        w->window = d.prec != CM_PREC_DAY;
    }
    if (o->from || o->to) {
        w->window = 1;
        w->a = cat->events.span_first;
        w->b = cat->events.span_last;
        if (o->from && date_parse(o->from, &d) == 0) w->a = date_first(d);
        if (o->to && date_parse(o->to, &d) == 0) w->b = date_last(d);
    }
}

void app_initial_view(const cm_options *o, const cm_catalog *cat, int w, int h, cm_view *v)
{
    memset(v, 0, sizeof *v);
    v->w = w;
    v->h = h;
    int margin = (w < h ? w : h) / 14;
    view_fit(v, cat->home, margin);
    if (o->has_center) catalog_project(cat, o->center_lon, o->center_lat, &v->cx, &v->cy);
    if (o->has_zoom) view_set_zoom_level(v, o->zoom);
}

static cm_text *open_text(const cm_options *o, char *err, size_t errlen)
{
    char buf[1024], fonts[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", data_dir(o->assets, "assets", buf, sizeof buf));
    return text_open(fonts, err, errlen);
}

/* Writes a PNG next to its final place and renames it, so a half-written file never exists. */
static int save_png(SDL_Surface *s, const char *path, char *err, size_t errlen)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp) { snprintf(err, errlen, "%s: out of memory", path); return -1; }
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    int rc = IMG_SavePNG(s, tmp);
    if (rc != 0) snprintf(err, errlen, "%s: cannot write the image (%s)", path, IMG_GetError());
    else if (rename(tmp, path) != 0) { snprintf(err, errlen, "%s: cannot write the image (rename failed)", path); rc = -1; }
    if (rc != 0) remove(tmp);
    free(tmp);
    return rc;
}

int app_render_png(const cm_options *o, const cm_catalog *cat, char *err, size_t errlen)
{
    cm_text *text = open_text(o, err, errlen);
    if (!text) return -1;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, o->w, o->h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    int rc = -1;
    if (!r) snprintf(err, errlen, "%s: cannot create a %dx%d image (%s)", o->render_path, o->w, o->h, SDL_GetError());
    else {
        cm_scene sc = {.cat = cat, .text = text, .ui = 1.0f};
        app_when(o, cat, &sc.when);
        app_initial_view(o, cat, o->w, o->h, &sc.view);
        cm_vbuf vb = {0};
        scene_draw(r, &vb, &sc);
        SDL_RenderPresent(r);
        vbuf_free(&vb);
        rc = save_png(surf, o->render_path, err, errlen);
    }
    text_close(text); /* textures belong to the renderer: free them first */
    if (r) SDL_DestroyRenderer(r);
    if (surf) SDL_FreeSurface(surf);
    return rc;
}

/* ---- the window ---- */

typedef struct {
    SDL_Window *win;
    SDL_Renderer *ren;
    cm_scene scene;
    cm_vbuf vb;
    float ratio;          /* output pixels per window point */
    int dragging, drag_x, drag_y;
    int dirty;
    const cm_catalog *cat;
} win_state;

static void update_size(win_state *w)
{
    int ww, wh, pw, ph;
    SDL_GetWindowSize(w->win, &ww, &wh);
    SDL_GetRendererOutputSize(w->ren, &pw, &ph);
    w->ratio = ww > 0 ? (float)pw / ww : 1.0f;
    w->scene.ui = w->ratio;
    w->scene.view.w = pw;
    w->scene.view.h = ph;
    w->dirty = 1;
}

static void set_cursor(win_state *w, int mx, int my)
{
    double x, y;
    view_to_world(&w->scene.view, mx * w->ratio, my * w->ratio, &x, &y);
    w->scene.has_cursor = catalog_unproject(w->cat, x, y, &w->scene.cursor_lon, &w->scene.cursor_lat) == 0;
    w->dirty = 1;
}

static int handle(win_state *w, const SDL_Event *e, const cm_options *o)
{
    cm_view *v = &w->scene.view;
    switch (e->type) {
    case SDL_QUIT:
        return 1;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) update_size(w);
        else if (e->window.event == SDL_WINDOWEVENT_LEAVE) { w->scene.has_cursor = 0; w->dirty = 1; }
        else w->dirty = 1;
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT) {
            w->dragging = 1;
            w->drag_x = e->button.x;
            w->drag_y = e->button.y;
        }
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button == SDL_BUTTON_LEFT) w->dragging = 0;
        break;
    case SDL_MOUSEMOTION:
        if (w->dragging) {
            view_pan(v, (e->motion.x - w->drag_x) * w->ratio, (e->motion.y - w->drag_y) * w->ratio);
            w->drag_x = e->motion.x;
            w->drag_y = e->motion.y;
        }
        set_cursor(w, e->motion.x, e->motion.y);
        break;
    case SDL_MOUSEWHEEL: {
        int mx, my;
        SDL_GetMouseState(&mx, &my);
        float dy = e->wheel.preciseY;
        view_zoom_at(v, pow(2.0, dy * 0.5), mx * w->ratio, my * w->ratio);
        set_cursor(w, mx, my);
        break;
    }
    case SDL_KEYDOWN: {
        SDL_Keycode k = e->key.keysym.sym;
        int ctrl = (e->key.keysym.mod & KMOD_CTRL) != 0;
        double step = (v->w < v->h ? v->w : v->h) / 6.0;
        if ((k == SDLK_q || k == SDLK_w) && ctrl) return 1;
        else if (k == SDLK_LEFT) view_pan(v, step, 0);
        else if (k == SDLK_RIGHT) view_pan(v, -step, 0);
        else if (k == SDLK_UP) view_pan(v, 0, step);
        else if (k == SDLK_DOWN) view_pan(v, 0, -step);
        else if (k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS) view_zoom_at(v, 2, v->x0 + v->w / 2.0, v->y0 + v->h / 2.0);
        else if (k == SDLK_MINUS || k == SDLK_KP_MINUS) view_zoom_at(v, 0.5, v->x0 + v->w / 2.0, v->y0 + v->h / 2.0);
        else if (k == SDLK_HOME || k == SDLK_0) app_initial_view(&(cm_options){.crs = o->crs}, w->cat, v->w, v->h, v);
        else break;
        w->dirty = 1;
        break;
    }
    default:
        break;
    }
    return 0;
}

int app_run_window(const cm_options *o, cm_catalog *cat)
{
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "conflictmap: cannot open a window: %s (use --render FILE.png without a display)\n", SDL_GetError());
        return 1;
    }
    char err[512];
    win_state w = {.cat = cat, .ratio = 1};
    w.win = SDL_CreateWindow("conflictmap \xE2\x80\x94 Syria 2024-2025", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->w, o->h,
                             SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (w.win) w.ren = SDL_CreateRenderer(w.win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (w.win && !w.ren) w.ren = SDL_CreateRenderer(w.win, -1, SDL_RENDERER_SOFTWARE);
    cm_text *text = w.ren ? open_text(o, err, sizeof err) : NULL;
    if (!w.win || !w.ren || !text) {
        fprintf(stderr, "conflictmap: %s\n", text || !w.ren ? SDL_GetError() : err);
        if (w.ren) SDL_DestroyRenderer(w.ren);
        if (w.win) SDL_DestroyWindow(w.win);
        SDL_Quit();
        return 1;
    }
    SDL_SetWindowMinimumSize(w.win, 480, 320);
    w.scene.cat = cat;
    w.scene.text = text;
    app_when(o, cat, &w.scene.when);
    update_size(&w);
    cm_options first = *o;
    app_initial_view(&first, cat, w.scene.view.w, w.scene.view.h, &w.scene.view);

    int quit = 0;
    while (!quit) {
        SDL_Event e;
        if (!SDL_WaitEvent(&e)) break; /* idle: blocks, no CPU */
        do quit |= handle(&w, &e, o);
        while (!quit && SDL_PollEvent(&e));
        if (w.dirty && !quit) {
            scene_draw(w.ren, &w.vb, &w.scene);
            SDL_RenderPresent(w.ren);
            w.dirty = 0;
        }
    }
    vbuf_free(&w.vb);
    text_close(text);
    SDL_DestroyRenderer(w.ren);
    SDL_DestroyWindow(w.win);
    SDL_Quit();
    return 0;
}
