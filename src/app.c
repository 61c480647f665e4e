/* app: modes and the window loop; see app.h. */
#include "app.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "geo/meshcache.h"
#include "render/basecache.h"
#include "render/draw.h"
#include "render/pngmeta.h"
#include "render/pngout.h"
#include "render/overlay.h"
#include "render/text.h"
#include "ui/analyst.h"
#include "ui/compose.h"
#include "ui/details.h"
#include "ui/frame.h"
#include "ui/input.h"
#include "ui/legend.h"
#include "ui/popups.h"
#include "ui/rejects.h"
#include "ui/reopen.h"
#include "ui/state.h"
#include "ui/timeline.h"

static const char *data_dir(const char *given, const char *sub, char *buf, size_t n)
{
    if (given) return given;
    snprintf(buf, n, "%s", strcmp(sub, "geodata") == 0 ? datadir_geodata() : datadir_assets());
    return buf;
}

/* one events file: a failure fails the load, or (window) is noted in skipped and passed over */
static int add_file(cm_catalog *cat, const char *path, char *err, size_t errlen, char *skipped, size_t skippedlen)
{
    if (catalog_add_events(cat, path, err, errlen) == 0) {
        const char *said = import_last_summary(&cat->import); /* rows skipped, duplicates merged */
        if (*said) fprintf(stderr, "conflictmap: %s\n", said);
        return 0;
    }
    if (!skipped) return -1;
    size_t n = strlen(skipped);
    snprintf(skipped + n, skippedlen - n, "%s%s", n ? "\n" : "", err);
    fprintf(stderr, "conflictmap: skipped: %s\n", err);
    return 0;
}

int app_load(const cm_options *o, cm_catalog *cat, char *err, size_t errlen, char *skipped, size_t skippedlen)
{
    char buf[1024];
    meshcache_use(!o->no_cache); /* the base layers' triangles, as the events, from the cache */
    if (catalog_load(cat, data_dir(o->geodata, "geodata", buf, sizeof buf), o->crs, err, errlen) != 0) return -1;
    if (o->layers && catalog_set_visible(cat, o->layers, err, errlen) != 0) goto bad;
    cat->import.o = (cm_import_opts){o->strict, (cm_date_order)o->date_order, o->rejects != NULL};
    cat->use_cache = !o->no_cache;
    if (!o->no_default_events) { /* the path made whole, however long --assets is */
        const char *dir = data_dir(o->assets, "assets", buf, sizeof buf);
        size_t n = strlen(dir) + 16;
        char *path = malloc(n);
        if (!path) { snprintf(err, errlen, "out of memory"); goto bad; }
        snprintf(path, n, "%s/events.geojson", dir);
        int rc = add_file(cat, path, err, errlen, skipped, skippedlen);
        free(path);
        if (rc != 0) goto bad;
    }
    for (int i = 0; i < o->nevents; i++)
        if (add_file(cat, o->events[i], err, errlen, skipped, skippedlen) != 0) goto bad;
    if (o->rejects && import_write_rejects(&cat->import, o->rejects, err, errlen) != 0) goto bad;
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

void app_window_view(const cm_options *o, const cm_catalog *cat, cm_view *v)
{
    cm_frame f;
    frame_layout(&f, o->w, o->h, (float)options_ui_scale(o), 0);
    app_initial_view(o, cat, (int)f.map.w, (int)f.map.h, v);
    v->x0 = (int)f.map.x;
    v->y0 = (int)f.map.y;
}

static cm_text *open_text(const cm_options *o, char *err, size_t errlen)
{
    char buf[1024];
    const char *dir = data_dir(o->assets, "assets", buf, sizeof buf);
    size_t n = strlen(dir) + 8;
    char *fonts = malloc(n);
    if (!fonts) { snprintf(err, errlen, "out of memory"); return NULL; }
    snprintf(fonts, n, "%s/fonts", dir);
    cm_text *t = text_open(fonts, err, errlen);
    free(fonts);
    return t;
}

/* Writes a PNG next to its final place and renames it, so a half-written file never exists
 * (render/pngout: encoded in memory, every write checked, fsync'd). noreplace: never over an
 * existing file. */
static int save_png_ex(SDL_Surface *s, const char *path, int noreplace, const cm_pngmeta *meta, char *err, size_t errlen)
{
    /* an opaque RGB image: blending into the ARGB surface leaves alpha just under 255 */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    if (!rgb) { snprintf(err, errlen, "%s: cannot write the image (%s)", path, SDL_GetError()); return -1; }
    unsigned char *png = NULL;
    size_t len = 0;
    char why[256];
    int rc = pngout_encode(rgb->pixels, rgb->w, rgb->h, rgb->pitch, meta ? meta->t : NULL, meta ? CM_PNGMETA_N : 0, &png,
                           &len, why, sizeof why);
    SDL_FreeSurface(rgb);
    if (rc != 0) { snprintf(err, errlen, "%s: cannot write the image (%s)", path, why); return -1; }
    rc = pngout_write_file(path, png, len, noreplace, err, errlen);
    free(png);
    return rc;
}

/* The data a picture is drawn from: the geodata directory, the built-in events, the user's. */
static int data_files(const cm_options *o, const char **files, char *buf, size_t n)
{
    int k = 0;
    files[k++] = o->geodata ? o->geodata : datadir_geodata();
    if (!o->no_default_events) {
        snprintf(buf, n, "%s/events.geojson", o->assets ? o->assets : datadir_assets());
        files[k++] = buf;
    }
    for (int i = 0; i < o->nevents; i++) files[k++] = o->events[i];
    return k;
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
        /* the window as it opens: the map above the timeline strip (so --locate holds here too) */
        float ui = (float)options_ui_scale(o); /* --scale, or bigger for a big image */
        cm_ctl sc = {.cat = cat, .text = text, .ui = ui, .heat = o->heat};
        app_when(o, cat, &sc.when);
        app_window_view(o, cat, &sc.view);
        cm_frame *f = calloc(1, sizeof *f);
        cm_ui *u = calloc(1, sizeof *u);
        cm_histogram h = {0};
        cm_vbuf vb = {0};
        if (f && u) {
            frame_layout(f, o->w, o->h, ui, 0);
            ui_init(u, (cm_catalog *)cat, &sc.when, NULL);
            compose_draw(r, &vb, &sc, NULL, 0, 0);
            timeline_histogram(&h, u);
            timeline_draw(r, &vb, text, ui, u, &h, f, 0);
            SDL_RenderPresent(r);
            cm_pngmeta *meta = malloc(sizeof *meta);
            char cmd[4096], assets[1100];
            const char *files[20];
            if (meta) { /* the command line that drew it, what it shows and from what */
                pngmeta_quote_argv(o->argc, o->argv, cmd, sizeof cmd);
                pngmeta_fill(meta, cmd, files, data_files(o, files, assets, sizeof assets), cat, &sc.when);
            }
            rc = save_png_ex(surf, o->render_path, 0, meta, err, errlen);
            free(meta);
        } else {
            snprintf(err, errlen, "out of memory");
        }
        timeline_histogram_free(&h);
        vbuf_free(&vb);
        free(f);
        if (u) ui_free(u);
        free(u);
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
    cm_ctl ctl;               /* the map and its controls as drawn (ui/compose) */
    cm_vbuf vb;
    cm_ui ui;
    cm_frame frame;
    cm_histogram hist;
    cm_input in;
    float ratio;              /* output pixels per window point */
    float scale;              /* the UI scale: --scale, or from the display's DPI */
    float uipx;               /* output pixels per logical point: ratio * scale */
    int flying;
    cm_basecache base;        /* the base map, drawn once per scale */
    double last_scale;
    uint32_t last_zoom;       /* when the scale last changed: the base is drawn exactly once it settles */
    uint32_t fly_t0;
    double fly_from[3];       /* cx, cy, log scale */
    cm_analyst an;            /* filter bar, export, copy view as command line */
    cm_rejects rj;            /* the list of rows skipped while loading */
    long text_budget;         /* bytes of new text shaped per frame (render/text) */
    char legend_logged[4096]; /* the last "legend" line written (--log-ui) */
} win_state;

/* The window's UI scale: --scale, else the display's DPI over 96 in quarter steps when it is
 * 120 or more and the system does not already scale the drawable (a HiDPI drawable bigger
 * than the window: its ratio does that job), else 1. */
static float window_scale(const cm_options *o, SDL_Window *win, SDL_Renderer *ren)
{
    if (o->scale > 0) return (float)o->scale;
    int ww, wh, pw, ph;
    SDL_GetWindowSize(win, &ww, &wh);
    SDL_GetRendererOutputSize(ren, &pw, &ph);
    if (ww > 0 && pw > ww) return 1;
    float ddpi = 0;
    int di = SDL_GetWindowDisplayIndex(win);
    if (di < 0 || SDL_GetDisplayDPI(di, &ddpi, NULL, NULL) != 0 || !(ddpi >= 120)) return 1;
    float k = floorf(ddpi / 96 * 4) / 4;
    return k > 4 ? 4 : k;
}

/* Sizes the frame and the map view to the output, keeping the view's centre. */
static void relayout(win_state *w)
{
    int ww, wh, pw, ph;
    SDL_GetWindowSize(w->win, &ww, &wh);
    SDL_GetRendererOutputSize(w->ren, &pw, &ph);
    w->ratio = ww > 0 ? (float)pw / ww : 1.0f;
    w->uipx = w->ratio * w->scale;
    w->ctl.ui = w->uipx;
    w->in.ratio = w->ratio;
    w->in.ui = w->uipx;
    frame_layout(&w->frame, pw, ph, w->uipx, details_open(&w->ui));
    w->ctl.view.x0 = (int)w->frame.map.x;
    w->ctl.view.y0 = (int)w->frame.map.y;
    w->ctl.view.w = (int)w->frame.map.w;
    w->ctl.view.h = (int)w->frame.map.h;
}

/* clean: no tooltip, toast, search box or help (what a screenshot keeps) */
static void draw(win_state *w, uint32_t now, int clean)
{
    relayout(w);
    cm_ctl *sc = &w->ctl;
    sc->when = w->ui.when;
    sc->heat = w->ui.heat;
    /* the panel open at the map's right: the details or the list of what is shown; the legend,
     * labels, status strip and tooltips keep off it (the legend's corner was under the list) */
    SDL_FRect side = w->frame.panel;
    if (feed_visible(&w->an.feed, &w->ui)) {
        cm_feed_layout fl;
        feed_layout(&w->frame, w->uipx, &fl);
        side = fl.panel;
    }
    sc->inset_r = side.w;
    double lon, lat, x, y;
    view_to_world(&sc->view, w->in.mx, w->in.my, &x, &y);
    sc->has_cursor = input_on_map(&w->in, w->in.mx, w->in.my) && catalog_unproject(sc->cat, x, y, &lon, &lat) == 0;
    sc->cursor_lon = lon;
    sc->cursor_lat = lat;
    /* a wheel zoom or a fly in progress shows a stretched base; once it stops for 150 ms the
     * worker draws it exactly; other changes of scale (keys, Home) are drawn exactly at once */
    int wheel = w->in.wheel_at && now - w->in.wheel_at < 150;
    int zooming = now && ((sc->view.scale != w->last_scale && wheel) || w->flying);
    int settling = now && !zooming && w->base.stale;
    if (zooming) w->last_zoom = now;
    w->last_scale = sc->view.scale;
    compose_draw(w->ren, &w->vb, sc, &w->base, zooming, settling);
    details_draw(w->ren, &w->vb, sc->text, w->uipx, &w->ui, &w->frame);
    timeline_histogram(&w->hist, &w->ui);
    timeline_draw(w->ren, &w->vb, sc->text, w->uipx, &w->ui, &w->hist, &w->frame, 1);
    analyst_draw(w->ren, &w->vb, sc->text, w->uipx, &w->an, &w->ui, &w->frame); /* an active filter shows in screenshots too */
    if (clean) return;
    cm_frame tip = w->frame;
    tip.panel = side;
    if (!w->in.press && !w->rj.open) popups_tooltip(w->ren, &w->vb, sc->text, w->uipx, &w->ui, w->in.mx, w->in.my, &tip);
    if (!w->in.press) timeline_tooltip(w->ren, &w->vb, sc->text, w->uipx, &w->ui, &w->hist, &w->frame, w->in.mx, w->in.my);
    popups_search(w->ren, &w->vb, sc->text, w->uipx, &w->ui, &w->frame);
    popups_toast(w->ren, &w->vb, sc->text, w->uipx, &w->ui, now, &w->frame);
    rejects_draw(w->ren, &w->vb, sc->text, w->uipx, &w->rj, &w->frame);
    if (w->ui.help) popups_help(w->ren, &w->vb, sc->text, w->uipx, &w->frame);
}

static void screenshot(win_state *w, uint32_t now)
{
    int pw, ph;
    SDL_GetRendererOutputSize(w->ren, &pw, &ph);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, pw, ph, 32, SDL_PIXELFORMAT_ARGB8888);
    char err[600];
    const char *dir = getenv("CONFLICTMAP_SCREENSHOT_DIR");
    char *home_pics = NULL;
    if (!dir) {
        const char *home = getenv("HOME");
        size_t hn = strlen(home ? home : ".") + 16;
        home_pics = malloc(hn);
        if (home_pics) snprintf(home_pics, hn, "%s/Pictures", home ? home : ".");
        dir = home_pics && access(home_pics, W_OK) == 0 ? home_pics : (home ? home : ".");
    }
    char day[16];
    date_format_iso(w->ui.when.a, day, sizeof day);
    time_t t = time(NULL);
    struct tm tmv;
    localtime_r(&t, &tmv);
    /* the name is made whole whatever the directory's length (a fixed buffer cut it, and the
     * cut names of two screenshots were the same file) */
    size_t pn = strlen(dir) + 80;
    char *path = malloc(pn), *msg = malloc(pn + sizeof err + 32);
    text_set_frame_budget(w->ctl.text, 0); /* a screenshot holds every label, however long */
    text_frame(w->ctl.text);
    draw(w, now, 1); /* the map and panels, without toast, tooltip or help */
    text_set_frame_budget(w->ctl.text, w->text_budget);
    cm_pngmeta *meta = malloc(sizeof *meta);
    if (meta) { /* the command line that draws this view, what it shows and from what */
        char assets[1100];
        const char *files[20];
        int nf = data_files(w->an.o, files, assets, sizeof assets);
        analyst_command(&w->an, &w->ui, &w->ctl.view, &w->frame, w->ratio, meta->command, sizeof meta->command);
        pngmeta_fill(meta, meta->command, files, nf, w->ctl.cat, &w->ctl.when);
    }
    if (!path || !msg) {
        ui_toast(&w->ui, now, "screenshot", "Screenshot failed: out of memory");
    } else if (!s || SDL_RenderReadPixels(w->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
        snprintf(msg, pn + sizeof err + 32, "Screenshot failed: %s", SDL_GetError());
    } else {
        /* never over an earlier screenshot: two in one second get -2, -3, ...; the final link
         * refuses a name that exists, so a race with another writer cannot overwrite either */
        int rc = -1;
        for (int k = 1; k < 1000 && rc != 0; k++) {
            char sfx[16] = "";
            if (k > 1) snprintf(sfx, sizeof sfx, "-%d", k);
            snprintf(path, pn, "%s/conflictmap-%s-%04d%02d%02d-%02d%02d%02d%s.png", dir, day, tmv.tm_year + 1900,
                     tmv.tm_mon + 1, tmv.tm_mday, tmv.tm_hour, tmv.tm_min, tmv.tm_sec, sfx);
            if (access(path, F_OK) == 0) continue;
            rc = save_png_ex(s, path, 1, meta, err, sizeof err);
            if (rc != 0 && !strstr(err, "already exists")) break;
        }
        if (rc != 0) snprintf(msg, pn + sizeof err + 32, "Screenshot failed: %s", err);
        else snprintf(msg, pn + sizeof err + 32, "Saved %s", path);
    }
    if (path && msg) ui_toast(&w->ui, now, "screenshot", msg);
    if (s) SDL_FreeSurface(s);
    free(meta);
    free(path);
    free(msg);
    free(home_pics);
}

static void start_fly(win_state *w, uint32_t now)
{
    w->flying = 1;
    w->fly_t0 = now;
    w->fly_from[0] = w->ctl.view.cx;
    w->fly_from[1] = w->ctl.view.cy;
    w->fly_from[2] = log(w->ctl.view.scale);
}

static void step_fly(win_state *w, uint32_t now)
{
    double t = (now - w->fly_t0) / 450.0;
    if (t >= 1) { t = 1; w->flying = 0; }
    double e = t < 0.5 ? 2 * t * t : 1 - pow(-2 * t + 2, 2) / 2; /* ease in and out */
    cm_view *v = &w->ctl.view;
    v->cx = w->fly_from[0] + (w->in.fly_cx - w->fly_from[0]) * e;
    v->cy = w->fly_from[1] + (w->in.fly_cy - w->fly_from[1]) * e;
    v->scale = exp(w->fly_from[2] + (log(w->in.fly_scale) - w->fly_from[2]) * e);
}

/* Milliseconds since this process started (its start time in /proc/self/stat, in clock
 * ticks since boot, against CLOCK_BOOTTIME): what a person waits from the command to the
 * first frame, loading and library start-up included. -1 when it cannot be told. */
static long ms_since_start(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    char buf[1024];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* the command name may hold spaces: fields counted after it */
    unsigned long long start = 0;
    for (int field = 2; p && *p; p++)
        if (*p == ' ' && ++field == 22) { start = strtoull(p + 1, NULL, 10); break; }
    struct timespec t;
    long hz = sysconf(_SC_CLK_TCK);
    if (!start || hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &t) != 0) return -1;
    return (long)(t.tv_sec * 1000 + t.tv_nsec / 1000000 - (long long)(start * 1000 / (unsigned long long)hz));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Whether to ask SDL for an accelerated renderer: when a renderer is named (SDL_RENDER_DRIVER)
 * or the machine has a GPU (a DRM device, or NVIDIA's own). Without one, "accelerated" means
 * OpenGL in software (llvmpipe): under Xvfb it cost about 0.3 s of shader compiling before the
 * first frame and drew no faster than SDL's own software renderer, which is what --render uses. */
static int want_accelerated(void)
{
    const char *rd = getenv("SDL_RENDER_DRIVER");
    if (rd && *rd) return 1;
    if (access("/dev/nvidia0", F_OK) == 0) return 1;
    DIR *d = opendir("/dev/dri");
    int any = 0;
    for (struct dirent *e; d && !any && (e = readdir(d));) any = e->d_name[0] != '.';
    if (d) closedir(d);
    return any;
}

int app_run_window(const cm_options *o, cm_catalog *cat, const char *skipped)
{
    /* With no display SDL falls back to its offscreen driver, and a window nobody can see
     * would wait for input for ever: refuse, unless a driver was asked for by name. */
    const char *drv = getenv("SDL_VIDEODRIVER");
    const char *dpy = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    if ((!drv || !*drv) && (!dpy || !*dpy) && (!wl || !*wl)) {
        fprintf(stderr, "conflictmap: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                        "use --render FILE.png to draw the map without one\n");
        return 1;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "conflictmap: cannot open a window: %s (use --render FILE.png without a display)\n", SDL_GetError());
        return 1;
    }
    const char *cur = SDL_GetCurrentVideoDriver();
    if ((!drv || !*drv) && cur && (!strcmp(cur, "offscreen") || !strcmp(cur, "dummy"))) {
        fprintf(stderr, "conflictmap: no display to open a window on (SDL found only its '%s' driver); "
                        "use --render FILE.png to draw the map without one\n", cur);
        SDL_Quit();
        return 1;
    }
    char err[512];
    win_state *w = calloc(1, sizeof *w);
    if (!w) { SDL_Quit(); return 1; }
    w->ratio = 1;
    w->scale = 1;
    char wtitle[256]; /* "conflictmap — " and the map profile's title */
    snprintf(wtitle, sizeof wtitle, "conflictmap%s%s", *cat->profile.title ? " \xE2\x80\x94 " : "", cat->profile.title);
    int accel = want_accelerated();
    /* no GPU: the window's surface is SDL's plain framebuffer (XShm), not an OpenGL texture */
    if (!accel) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    w->win = SDL_CreateWindow(wtitle, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->w, o->h,
                              SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (w->win && accel) w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (w->win && !w->ren) w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
    cm_text *text = w->ren ? open_text(o, err, sizeof err) : NULL;
    if (!w->win || !w->ren || !text) {
        fprintf(stderr, "conflictmap: %s\n", text || !w->ren ? SDL_GetError() : err);
        if (w->ren) SDL_DestroyRenderer(w->ren);
        if (w->win) SDL_DestroyWindow(w->win);
        free(w);
        SDL_Quit();
        return 1;
    }
    SDL_StopTextInput(); /* text events only while the search box is open */
    w->scale = window_scale(o, w->win, w->ren);
    SDL_SetWindowMinimumSize(w->win, 640, 420);
    cm_when when;
    app_when(o, cat, &when);
    ui_init(&w->ui, cat, &when, o->log_ui ? stdout : NULL);
    w->ui.heat = o->heat;
    cm_filter filt; /* main() applied it to the store already; the bar starts from it */
    char ferr[256];
    if (options_filter(o, &filt, ferr, sizeof ferr) != 0) filter_init(&filt);
    analyst_init(&w->an, o, &filt);
    if (skipped && *skipped) { /* files that could not be read: say so over the map */
        char msg[sizeof w->ui.toast];
        snprintf(msg, sizeof msg, "Skipped (not loaded): %s", skipped);
        for (char *p = msg; *p; p++) if (*p == '\n') *p = ' ';
        ui_toast(&w->ui, SDL_GetTicks() + 4000, "warning", msg); /* 8 s */
    }
    char notice[sizeof w->ui.toast]; /* rows skipped or merged while loading: the first file's line */
    rejects_notice(&w->rj, &cat->import, notice, sizeof notice);
    if (!(skipped && *skipped) && *notice) ui_toast(&w->ui, SDL_GetTicks() + 4000, "warning", notice);
    w->ctl.cat = cat;
    w->ctl.text = text;
    /* new text shaped per frame: a view with much new text (a 100 KB summary, a long list)
     * fills in over a few frames and input is read between them, instead of one frame taking
     * seconds; CONFLICTMAP_TEXT_FRAME_BYTES sets another budget (tests make it tiny) */
    w->text_budget = CM_TEXT_FRAME_BYTES;
    const char *tb = getenv("CONFLICTMAP_TEXT_FRAME_BYTES");
    if (tb && *tb) w->text_budget = strtol(tb, NULL, 10);
    text_set_frame_budget(text, w->text_budget);
    w->ctl.state = &w->ui;
    Uint32 wake = SDL_RegisterEvents(1); /* the base worker's "picture ready" */
    if (wake != (Uint32)-1) basecache_start_worker(&w->base, wake);
    w->ctl.frame = &w->frame;
    w->in = (cm_input){.u = &w->ui, .f = &w->frame, .view = &w->ctl.view, .home = cat->home, .ratio = 1, .mx = -1, .my = -1};
    relayout(w);
    int vx0 = w->ctl.view.x0, vy0 = w->ctl.view.y0;
    app_initial_view(o, cat, w->ctl.view.w, w->ctl.view.h, &w->ctl.view);
    w->ctl.view.x0 = vx0;
    w->ctl.view.y0 = vy0;
    reopen_restore(&w->an, &w->ui, &w->ctl.view); /* where it was closed, unless --fresh or the options say */

    int quit = 0, first = 1, dirty = 1;
    long npartial = 0; /* frames in a row that left labels for the next (the text budget) */
    uint32_t last = SDL_GetTicks();
    double *frame_ms = NULL; /* how long each frame took to draw and present, for the quit line */
    size_t nframes = 0, capframes = 0;
    int play_first = 0; /* the next tick is the first since Play */
    while (!quit) {
        SDL_Event e;
        uint32_t now = SDL_GetTicks();
        int animating = w->ui.playing || w->flying;
        /* how long to wait for input: a frame while animating, until the toast goes or the
         * zoom has settled (then the base is drawn exactly), or for ever when idle (no CPU) */
        long wait = animating ? 16 : -1;
        if (w->ui.toast[0] && now < w->ui.toast_until) wait = (long)(w->ui.toast_until - now) + 1;
        if (w->base.stale && !animating && !basecache_busy(&w->base)) {
            long settle = (long)w->last_zoom + 150 - (long)now;
            if (settle < 1) settle = 1;
            if (wait < 0 || settle < wait) wait = settle;
        }
        int got;
        if (dirty) got = SDL_PollEvent(&e);
        else if (wait >= 0) got = SDL_WaitEventTimeout(&e, (int)wait);
        else got = SDL_WaitEvent(&e);
        int flags = 0, was_playing = w->ui.playing;
        while (got) {
            now = SDL_GetTicks();
            if (wake != (Uint32)-1 && e.type == wake) flags |= CM_IN_DIRTY; /* a fresh base picture */
            else {
                int rf = rejects_handle(&w->rj, &w->ui, &w->in, w->frame.toast, &e, now);
                int af = rf >= 0 ? rf : analyst_handle(&w->an, &w->in, &e, now);
                flags |= af >= 0 ? af : input_handle(&w->in, &e, now);
            }
            if (flags & CM_IN_QUIT) break;
            if (flags & CM_IN_FLY) { start_fly(w, now); flags &= ~CM_IN_FLY; }
            got = SDL_PollEvent(&e);
        }
        now = SDL_GetTicks();
        if (flags & CM_IN_QUIT) quit = 1;
        if (flags & CM_IN_DIRTY) dirty = 1;
        /* playing counts time from when it started, not from the last frame before the key; the
         * first step is one frame's worth, however long the frame that started it took to draw
         * (a slow frame there skipped the days just after the one shown) */
        if (w->ui.playing && !was_playing) play_first = 1;
        else if (w->ui.playing && was_playing) {
            uint32_t dt = now - last;
            if (play_first && dt > 17) dt = 17;
            play_first = 0;
            if (ui_tick(&w->ui, dt)) dirty = 1;
        }
        if (w->flying) { step_fly(w, now); input_update_hover(&w->in); dirty = 1; }
        if (w->ui.toast[0] && now >= w->ui.toast_until) { w->ui.toast[0] = 0; dirty = 1; }
        if (w->base.stale && !animating && now >= w->last_zoom + 150 && !basecache_busy(&w->base)) dirty = 1;
        last = now;
        if (flags & CM_IN_SCREENSHOT) { screenshot(w, now); dirty = 1; }
        if (dirty && !quit) {
            uint64_t f0 = SDL_GetPerformanceCounter();
            text_frame(text);
            draw(w, now, 0);
            SDL_RenderPresent(w->ren);
            /* labels left for want of the frame's text budget: another frame at once. Such a
             * frame is not the view yet (a label not shaped has no size, so the legend's rows,
             * the panel's entries and the labels are not where they will be): the hover, the
             * legend line and the ready line wait for the frame that holds everything */
            int partial = text_deferred(text) > 0;
            dirty = partial;
            if (partial) npartial++;
            else if (npartial) { /* the view is whole again after frames that left labels out */
                char f[64];
                snprintf(f, sizeof f, "\"partial_frames\":%ld", npartial);
                ui_log(&w->ui, "drawn", f);
                npartial = 0;
            }
            /* what is under a still cursor may have moved with this frame (the panel scrolled):
             * the hover and its tooltip follow, in one more frame */
            if (!partial && input_update_hover(&w->in)) dirty = 1;
            if (nframes == capframes) {
                size_t cap = capframes ? capframes * 2 : 1024;
                double *t = realloc(frame_ms, sizeof *t * cap);
                if (t) frame_ms = t, capframes = cap;
            }
            if (nframes < capframes)
                frame_ms[nframes++] = (double)(SDL_GetPerformanceCounter() - f0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
            if (w->ui.log && !partial) { /* the legend as shown, when it changes (counts, rows, where they are) */
                char lg[4096];
                legend_describe(&w->ctl, &w->frame, lg, sizeof lg);
                if (strcmp(lg, w->legend_logged) != 0) {
                    ui_log(&w->ui, "legend", lg);
                    snprintf(w->legend_logged, sizeof w->legend_logged, "%s", lg);
                }
            }
            if (first && !partial) {
                char f[256];
                SDL_RendererInfo ri = {0};
                const char *rname = SDL_GetRendererInfo(w->ren, &ri) == 0 && ri.name ? ri.name : "unknown";
                /* frame_ms: what this frame took to draw and present, of the ms from the start */
                snprintf(f, sizeof f,
                         "\"ms\":%ld,\"width\":%d,\"height\":%d,\"scale\":%g,\"renderer\":\"%s\",\"accelerated\":%s,"
                         "\"frame_ms\":%.1f",
                         ms_since_start(), (int)w->frame.map.w, (int)(w->frame.map.h + w->frame.timeline.h), w->uipx, rname,
                         ri.flags & SDL_RENDERER_ACCELERATED ? "true" : "false", nframes ? frame_ms[nframes - 1] : -1.0);
                ui_log(&w->ui, "ready", f);
                first = 0;
                /* the import notice stays its 8 s from when it is first seen, however long
                 * the first frame took; where it is, for tests that click it */
                if (w->rj.notice[0] && !strcmp(w->ui.toast, w->rj.notice) && w->frame.toast.w > 0) {
                    w->ui.toast_until = SDL_GetTicks() + 8000;
                    float k = w->ratio > 0 ? w->ratio : 1;
                    snprintf(f, sizeof f, "\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d", (int)(w->frame.toast.x / k),
                             (int)(w->frame.toast.y / k), (int)(w->frame.toast.w / k), (int)(w->frame.toast.h / k));
                    ui_log(&w->ui, "notice", f);
                }
            }
        }
    }
    {
        char f[128];
        double med = 0, p99 = 0;
        if (nframes) {
            qsort(frame_ms, nframes, sizeof *frame_ms, cmp_double);
            med = frame_ms[nframes / 2];
            p99 = frame_ms[(size_t)((double)nframes * 0.99) < nframes ? (size_t)((double)nframes * 0.99) : nframes - 1];
        }
        snprintf(f, sizeof f, "\"frames\":%zu,\"frame_ms_median\":%.2f,\"frame_ms_p99\":%.2f", nframes, med, p99);
        ui_log(&w->ui, "quit", f);
        free(frame_ms);
    }
    reopen_save(&w->an, &w->ui, &w->ctl.view);
    analyst_free(&w->an);
    ui_free(&w->ui);
    overlay_marks_free(&w->frame.marks);
    timeline_histogram_free(&w->hist);
    vbuf_free(&w->vb);
    basecache_free(&w->base);
    text_close(text);
    SDL_DestroyRenderer(w->ren);
    SDL_DestroyWindow(w->win);
    free(w);
    SDL_Quit();
    return 0;
}
