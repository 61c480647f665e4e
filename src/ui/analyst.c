/* analyst: filter bar, filter chip, export and "copy view as command line"; see analyst.h. */
#include "ui/analyst.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <geodesic.h>

#include "data/export.h"
#include "base/utf8.h"
#include "render/style.h"
#include "ui/details.h"

typedef cm_logkv kv;
#define log_line feed_log

/* a toast for 4 s, cut at a whole character (ui_toast would log it under its own kind) */
static void toast(cm_ui *u, uint32_t now, const char *msg)
{
    size_t m = strlen(msg);
    if (m >= sizeof u->toast) {
        m = sizeof u->toast - 1;
        m = utf8_cut(msg, m);
    }
    memcpy(u->toast, msg, m);
    u->toast[m] = 0;
    u->toast_until = now + 4000;
}

/* ---- counting ---- */

typedef struct {
    const cm_ui *u;
    int n;
} count_ctx;

static int count_one(const cm_event *e, int idx, void *p)
{
    count_ctx *c = p;
    (void)idx;
    if (c->u->cat->layers[catalog_event_layer(e->cat)].visible && events_weight(e, &c->u->when) > 0) c->n++;
    return 0;
}

int analyst_shown(const cm_ui *u)
{
    count_ctx c = {u, 0};
    events_each_shown(&u->cat->events, &u->when, count_one, &c);
    return c.n;
}

/* ---- the filter ---- */

void analyst_init(cm_analyst *a, const cm_options *o, const cm_filter *f)
{
    memset(a, 0, sizeof *a);
    a->o = o;
    a->filter = *f;
    filter_line(f, a->line, sizeof a->line);
}

/* reads the bar's line into the filter and applies it; what the panel lists follows */
static void apply_line(cm_analyst *a, cm_ui *u)
{
    cm_filter g;
    if (filter_parse(&g, a->line, a->err, sizeof a->err) != 0) return; /* the error is shown; the map keeps the last good filter */
    a->err[0] = 0;
    a->filter = g;
    int matched = filter_apply(&a->filter, &u->cat->events);
    if (u->picking) ui_clear_selection(u);
    else if (u->sel.kind == CM_REF_EVENT && u->cat->events.ev[u->sel.idx].hidden) ui_clear_selection(u);
    else if (u->sel.kind == CM_REF_REGION) ui_select_region(u, u->sel.idx); /* its list again */
    char desc[400];
    filter_describe(&a->filter, desc, sizeof desc);
    kv f[] = {{"line", a->line, 0}, {"filter", desc, 0}, {"matched", NULL, matched}, {"shown", NULL, analyst_shown(u)}};
    log_line(u, "filter", f, 4);
}

static void set_line(cm_analyst *a, cm_ui *u, const char *line)
{
    snprintf(a->line, sizeof a->line, "%s", line);
    apply_line(a, u);
}

void analyst_set_filter_line(cm_analyst *a, cm_ui *u, const char *line) { set_line(a, u, line); }

/* ---- export and the command line ---- */

static void export_shown_now(cm_analyst *a, cm_ui *u, uint32_t now)
{
    char dir[1024], path[1300], msg[1500], err[1400];
    const char *d = getenv("CONFLICTMAP_EXPORT_DIR"), *home = getenv("HOME");
    if (d) snprintf(dir, sizeof dir, "%s", d);
    else {
        snprintf(dir, sizeof dir, "%s/Documents", home ? home : ".");
        if (access(dir, W_OK) != 0) snprintf(dir, sizeof dir, "%s", home ? home : ".");
    }
    char a_day[16], b_day[16], when[40];
    date_format_iso(u->when.a, a_day, sizeof a_day);
    date_format_iso(u->when.b, b_day, sizeof b_day);
    if (u->when.a == u->when.b) snprintf(when, sizeof when, "%s", a_day);
    else snprintf(when, sizeof when, "%s-to-%s", a_day, b_day);
    time_t t = time(NULL);
    struct tm tmv;
    localtime_r(&t, &tmv);
    for (int k = 1; k < 1000; k++) { /* never over an earlier export */
        char sfx[16] = "";
        if (k > 1) snprintf(sfx, sizeof sfx, "-%d", k);
        snprintf(path, sizeof path, "%s/conflictmap-events-%s-%04d%02d%02d-%02d%02d%02d%s.geojson", dir, when, tmv.tm_year + 1900,
                 tmv.tm_mon + 1, tmv.tm_mday, tmv.tm_hour, tmv.tm_min, tmv.tm_sec, sfx);
        if (access(path, F_OK) != 0) break;
    }
    int *idx = NULL, n = export_shown(u->cat, &u->when, &idx);
    if (n < 0) snprintf(msg, sizeof msg, "Export failed: out of memory");
    else if (export_write(u->cat, idx, n, path, 0, err, sizeof err) != 0) snprintf(msg, sizeof msg, "Export failed: %s", err);
    else snprintf(msg, sizeof msg, "Exported %d events to %s", n, path);
    free(idx);
    toast(u, now, msg);
    kv f[] = {{"message", msg, 0}, {"path", n >= 0 && strncmp(msg, "Exported", 8) == 0 ? path : "", 0}, {"events", NULL, n}};
    log_line(u, "export", f, 3);
    (void)a;
}

/* ' quoted for a POSIX shell when it holds anything but plain characters */
static void shell_arg(char *buf, size_t n, const char *opt, const char *val)
{
    size_t len = strlen(buf);
    int plain = *val != 0;
    for (const char *p = val; *p && plain; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-_.,/:=+", *p);
    if (len + 1 >= n) return;
    if (plain || !val[0]) {
        snprintf(buf + len, n - len, " %s%s%s", opt, val[0] ? " " : "", val);
        return;
    }
    snprintf(buf + len, n - len, " %s '", opt);
    len = strlen(buf);
    for (const char *p = val; *p && len + 6 < n; p++) {
        if (*p == '\'') { memcpy(buf + len, "'\\''", 4); len += 4; }
        else buf[len++] = *p;
    }
    if (len + 2 < n) buf[len++] = '\'';
    buf[len] = 0;
}

void analyst_command(const cm_analyst *a, const cm_ui *u, const cm_view *v, const cm_frame *f, float ratio, char *buf, size_t n)
{
    const cm_options *o = a->o;
    char tmp[PATH_MAX + 16];
    snprintf(buf, n, "conflictmap");
    if (o->geodata) shell_arg(buf, n, "--geodata", realpath(o->geodata, tmp) ? tmp : o->geodata);
    if (o->assets) shell_arg(buf, n, "--assets", realpath(o->assets, tmp) ? tmp : o->assets);
    if (o->crs) shell_arg(buf, n, "--crs", o->crs); /* without: the geodata profile's */
    if (o->no_default_events) shell_arg(buf, n, "--no-default-events", "");
    for (int i = 0; i < o->nevents; i++) shell_arg(buf, n, "--events", realpath(o->events[i], tmp) ? tmp : o->events[i]);
    if (o->date_order) shell_arg(buf, n, "--date-order", o->date_order == 1 ? "dmy" : "mdy"); /* which day numeric dates fall on */
    char da[16], db[16];
    date_format_iso(u->when.a, da, sizeof da);
    date_format_iso(u->when.b, db, sizeof db);
    if (u->when.window) {
        shell_arg(buf, n, "--from", da);
        shell_arg(buf, n, "--to", db);
    } else {
        shell_arg(buf, n, "--date", da);
    }
    if (u->when.fade != 30) {
        char k[16];
        snprintf(k, sizeof k, "%d", u->when.fade);
        shell_arg(buf, n, "--fade", k);
    }
    char layers[400] = "";
    for (int k = 0; k < CM_LAYER_COUNT; k++)
        if (u->cat->layers[k].visible) {
            size_t len = strlen(layers);
            snprintf(layers + len, sizeof layers - len, "%s%s", len ? "," : "", u->cat->layers[k].id);
        }
    shell_arg(buf, n, "--layers", layers[0] ? layers : ",");
    double lon = 0, lat = 0;
    catalog_unproject(u->cat, v->cx, v->cy, &lon, &lat);
    char c[64];
    snprintf(c, sizeof c, "%.6f,%.6f", lon, lat);
    shell_arg(buf, n, "--center", c);
    snprintf(c, sizeof c, "%.4f", view_zoom_level(v));
    shell_arg(buf, n, "--zoom", c);
    int w = (int)(f->map.w / ratio + 0.5f), h = (int)((f->map.h + f->timeline.h) / ratio + 0.5f);
    snprintf(c, sizeof c, "%dx%d", w, h);
    shell_arg(buf, n, "--size", c);
    /* the window's UI scale (its timeline strip is CM_TIMELINE_H points of it), when --render
     * would not pick the same for that size: text, markers and controls are drawn at that size */
    double scale = f->timeline.h / (CM_TIMELINE_H * ratio);
    cm_options sized = {.w = w, .h = h};
    if (fabs(scale - options_ui_scale(&sized)) > 1e-3) {
        snprintf(c, sizeof c, "%g", round(scale * 1000) / 1000);
        shell_arg(buf, n, "--scale", c);
    }
    if (u->heat) shell_arg(buf, n, "--heat", "");
    char fa[1400];
    filter_args(&a->filter, fa, sizeof fa);
    if (fa[0]) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, " %s", fa);
    }
}

static void copy_command(cm_analyst *a, cm_input *in, uint32_t now)
{
    char cmd[4096];
    analyst_command(a, in->u, in->view, in->f, in->ratio, cmd, sizeof cmd);
    int ok = SDL_SetClipboardText(cmd) == 0;
    toast(in->u, now, ok ? "Copied this view as a command line" : "Could not copy to the clipboard");
    kv f[] = {{"command", cmd, 0}, {"clipboard", ok ? "yes" : "no", 0}};
    log_line(in->u, "copy_view", f, 2);
}

static int in_map(const cm_input *in)
{
    const SDL_FRect *m = &in->f->map;
    return in->mx >= m->x && in->my >= m->y && in->mx < m->x + m->w && in->my < m->y + m->h;
}

/* ---- Ctrl+G: go to a date ---- */

/* "2025-03-08" shows that day; "2025-07" or "2025" that month or year as a window */
static void go_to(cm_analyst *a, cm_ui *u)
{
    cm_date d;
    if (date_parse(a->go_line, &d) != 0) {
        snprintf(a->go_err, sizeof a->go_err, "'%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", a->go_line);
        cm_logkv f[] = {{"text", a->go_line, 0}, {"error", a->go_err, 0}};
        feed_log(u, "goto", f, 2);
        return;
    }
    int32_t first = date_first(d), last = date_last(d);
    if (first < u->span_a || last > u->span_b) {
        char x[16], y[16];
        date_format_iso(u->span_a, x, sizeof x);
        date_format_iso(u->span_b, y, sizeof y);
        snprintf(a->go_err, sizeof a->go_err, "%s is outside the timeline (%s to %s)", a->go_line, x, y);
        cm_logkv f[] = {{"text", a->go_line, 0}, {"error", a->go_err, 0}};
        feed_log(u, "goto", f, 2);
        return;
    }
    if (d.prec == CM_PREC_DAY) {
        ui_set_range_mode(u, 0);
        ui_set_day(u, first, 0);
    } else {
        ui_set_range_mode(u, 1);
        if (first > u->when.b) { ui_set_day(u, last, 1); ui_set_day(u, first, 0); }
        else { ui_set_day(u, first, 0); ui_set_day(u, last, 1); }
    }
    a->go_open = 0;
    a->go_err[0] = 0;
    SDL_StopTextInput();
    cm_logkv f[] = {{"text", a->go_line, 0}};
    feed_log(u, "goto", f, 1);
}

static int go_key(cm_analyst *a, cm_ui *u, SDL_Keycode c)
{
    size_t n = strlen(a->go_line);
    if (c == SDLK_ESCAPE) { a->go_open = 0; SDL_StopTextInput(); }
    else if (c == SDLK_RETURN || c == SDLK_KP_ENTER) go_to(a, u);
    else if (c == SDLK_BACKSPACE && n) { a->go_line[n - 1] = 0; a->go_err[0] = 0; }
    return CM_IN_DIRTY;
}

/* ---- Ctrl+Shift+P: the cursor's place ---- */

static void copy_point(cm_input *in, uint32_t now)
{
    double x, y, lon, lat;
    view_to_world(in->view, in->mx, in->my, &x, &y);
    if (!in_map(in) || catalog_unproject(in->u->cat, x, y, &lon, &lat) != 0) {
        toast(in->u, now, "Put the cursor on the map to copy its place");
        return;
    }
    char text[64], msg[128];
    snprintf(text, sizeof text, "%.6f, %.6f", lat, lon);
    int ok = SDL_SetClipboardText(text) == 0;
    snprintf(msg, sizeof msg, ok ? "Copied %s (latitude, longitude)" : "Could not copy %s to the clipboard", text);
    toast(in->u, now, msg);
    char slon[32], slat[32];
    snprintf(slon, sizeof slon, "%.6f", lon);
    snprintf(slat, sizeof slat, "%.6f", lat);
    cm_logkv f[] = {{"text", text, 0}, {"lon", slon, 0}, {"lat", slat, 0}, {"clipboard", ok ? "yes" : "no", 0}};
    feed_log(in->u, "copy_point", f, 4);
}

/* ---- M: a distance on the ground ---- */

static int measure_click(cm_analyst *a, cm_input *in, float x, float y, uint32_t now)
{
    double wx, wy, lon, lat;
    view_to_world(in->view, x, y, &wx, &wy);
    if (catalog_unproject(in->u->cat, wx, wy, &lon, &lat) != 0) return CM_IN_DIRTY;
    if (a->npts == 2) a->npts = 0; /* a third click starts again */
    a->mlon[a->npts] = lon;
    a->mlat[a->npts] = lat;
    a->npts++;
    if (a->npts < 2) return CM_IN_DIRTY;
    struct geod_geodesic g;
    geod_init(&g, 6378137, 1 / 298.257223563); /* WGS 84 */
    double s12 = 0;
    geod_inverse(&g, a->mlat[0], a->mlon[0], a->mlat[1], a->mlon[1], &s12, NULL, NULL);
    a->metres = s12;
    char msg[96], km[32];
    snprintf(km, sizeof km, "%.3f", s12 / 1000);
    snprintf(msg, sizeof msg, "%.1f km on the ground", s12 / 1000);
    toast(in->u, now, msg);
    cm_logkv f[] = {{"km", km, 0}};
    feed_log(in->u, "measure", f, 1);
    return CM_IN_DIRTY;
}

/* ---- input ---- */

static int in_rect(const SDL_FRect *r, float x, float y)
{
    return r->w > 0 && x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

static void open_bar(cm_analyst *a, cm_ui *u, int on)
{
    if (on == a->open) return;
    a->open = on;
    if (on) {
        memcpy(a->before, a->line, sizeof a->before);
        if (u->search_open) ui_search_open(u, 0);
        SDL_StartTextInput();
    } else {
        SDL_StopTextInput();
    }
    kv f[] = {{"open", on ? "yes" : "no", 0}};
    log_line(u, "filter_bar", f, 1);
}

int analyst_handle(cm_analyst *a, cm_input *in, const SDL_Event *e, uint32_t now)
{
    cm_ui *u = in->u;
    a->view = in->view;
    if (e->type == SDL_KEYDOWN) {
        SDL_Keycode c = e->key.keysym.sym;
        int ctrl = (e->key.keysym.mod & KMOD_CTRL) != 0, shift = (e->key.keysym.mod & KMOD_SHIFT) != 0;
        if (ctrl && c == SDLK_k) {
            if (a->go_open) { a->go_open = 0; SDL_StopTextInput(); }
            open_bar(a, u, !a->open);
            return CM_IN_DIRTY;
        }
        if (ctrl && c == SDLK_e) { export_shown_now(a, u, now); return CM_IN_DIRTY; }
        if (ctrl && shift && c == SDLK_c) { copy_command(a, in, now); return CM_IN_DIRTY; }
        if (ctrl && shift && c == SDLK_p) { copy_point(in, now); return CM_IN_DIRTY; }
        if (ctrl && (c == SDLK_LEFTBRACKET || c == SDLK_RIGHTBRACKET)) { /* the fade, a week shorter or longer */
            int fade = u->when.fade + (c == SDLK_RIGHTBRACKET ? 7 : -7);
            u->when.fade = fade < 0 ? 0 : fade > 365 ? 365 : fade;
            if (u->sel.kind == CM_REF_REGION) ui_select_region(u, u->sel.idx); /* what is on the map there changed */
            cm_logkv f[] = {{"days", NULL, u->when.fade}, {"shown", NULL, analyst_shown(u)}};
            feed_log(u, "fade", f, 2);
            return CM_IN_DIRTY;
        }
        if (ctrl && c == SDLK_g) {
            a->go_open = !a->go_open;
            a->go_line[0] = a->go_err[0] = 0;
            if (a->go_open) { open_bar(a, u, 0); SDL_StartTextInput(); }
            else SDL_StopTextInput();
            return CM_IN_DIRTY;
        }
        if (a->go_open && !(ctrl && (c == SDLK_q || c == SDLK_w))) return go_key(a, u, c);
        if (!a->open && !u->search_open && !ctrl && (c == SDLK_m || (c == SDLK_ESCAPE && a->measuring))) {
            a->measuring = c == SDLK_m ? !a->measuring : 0;
            a->npts = 0;
            cm_logkv f[] = {{"on", a->measuring ? "yes" : "no", 0}};
            feed_log(u, "measure_mode", f, 1);
            if (a->measuring) toast(u, now, "Measure: click two places on the map (M or Esc to stop)");
            return CM_IN_DIRTY;
        }
        if (ctrl && c == SDLK_l) {
            a->feed.open = !a->feed.open;
            if (a->feed.open && details_open(u)) ui_clear_selection(u); /* the list takes the panel's place */
            feed_update(&a->feed, u);
            cm_logkv f[] = {{"open", a->feed.open ? "yes" : "no", 0}, {"events", NULL, a->feed.n},
                            {"killed", NULL, a->feed.total_killed}, {"sort", a->feed.sort == CM_FEED_KILLED ? "killed" : "newest", 0}};
            feed_log(u, "feed", f, 4);
            return CM_IN_DIRTY;
        }
        if (!a->open) return -1;
        if (ctrl && (c == SDLK_q || c == SDLK_w || c == SDLK_s)) return -1;
        size_t n = strlen(a->line);
        if (c == SDLK_ESCAPE) { set_line(a, u, a->before); open_bar(a, u, 0); }
        else if (c == SDLK_RETURN || c == SDLK_KP_ENTER) open_bar(a, u, 0);
        else if (ctrl && c == SDLK_u) set_line(a, u, "");
        else if (c == SDLK_BACKSPACE && n) {
            char l[sizeof a->line];
            memcpy(l, a->line, n + 1);
            l[utf8_cut(l, n - 1)] = 0; /* a whole UTF-8 character */
            set_line(a, u, l);
        } else return 0; /* the bar has the keyboard: no map shortcuts while typing */
        return CM_IN_DIRTY;
    }
    if (e->type == SDL_TEXTINPUT && a->go_open) { /* digits and '-' only: a date */
        for (const char *p = e->text.text; *p; p++) {
            size_t n = strlen(a->go_line);
            if (((*p >= '0' && *p <= '9') || *p == '-') && n + 1 < sizeof a->go_line) { a->go_line[n] = *p; a->go_line[n + 1] = 0; }
        }
        a->go_err[0] = 0;
        return CM_IN_DIRTY;
    }
    if (e->type == SDL_TEXTINPUT && a->open) {
        char l[sizeof a->line + sizeof e->text.text];
        snprintf(l, sizeof l, "%s%s", a->line, e->text.text);
        if (strlen(l) < sizeof a->line) set_line(a, u, l);
        return CM_IN_DIRTY;
    }
    int ff = feed_handle(&a->feed, in, e);
    if (ff >= 0) return ff;
    if (a->measuring && e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        float x = e->button.x * in->ratio, y = e->button.y * in->ratio;
        const SDL_FRect *m = &in->f->map;
        if (x >= m->x && y >= m->y && x < m->x + m->w && y < m->y + m->h && !in_rect(&a->clear, x, y) && !in_rect(&a->chip, x, y))
            return measure_click(a, in, x, y, now);
    }
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        float x = e->button.x * in->ratio, y = e->button.y * in->ratio;
        if (in_rect(&a->clear, x, y)) { /* one click clears every part of the filter */
            set_line(a, u, "");
            open_bar(a, u, 0);
            return CM_IN_DIRTY;
        }
        if (in_rect(&a->chip, x, y)) { open_bar(a, u, 1); return CM_IN_DIRTY; }
    }
    return -1;
}

/* ---- drawing ---- */

void analyst_free(cm_analyst *a) { feed_free(&a->feed); }

void analyst_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, cm_analyst *a, const cm_ui *u, const cm_frame *f)
{
    feed_draw(r, vb, t, ui, &a->feed, u, f);
    if (a->measuring && a->npts && a->view) { /* the points and the segment between them, with its length */
        float px[2], py[2];
        for (int i = 0; i < a->npts; i++) {
            double x, y;
            catalog_project(u->cat, a->mlon[i], a->mlat[i], &x, &y);
            view_to_screen(a->view, x, y, &px[i], &py[i]);
        }
        if (a->npts == 2) draw_segment(vb, px[0], py[0], px[1], py[1], 2.5f * ui, CM_RGBA(0x1F1F1F, 230));
        for (int i = 0; i < a->npts; i++) draw_disc(vb, px[i], py[i], 5 * ui, CM_RGBA(0x1F1F1F, 255));
        vbuf_flush(r, vb);
        if (a->npts == 2) {
            char km[48];
            snprintf(km, sizeof km, "%.1f km", a->metres / 1000);
            cm_textstyle st = {.size = (int)(CM_TYPE_LEAD * ui), .bold = 1, .color = CM_RGB(0x1F1F1F), .halo = (int)(2 * ui),
                               .halo_color = CM_RGB(0xFFFFFF)};
            text_draw(t, r, km, &st, (px[0] + px[1]) / 2, (py[0] + py[1]) / 2 - 6 * ui, 0.5f, 1);
        }
    }
    a->chip = a->clear = (SDL_FRect){0, 0, 0, 0};
    if (a->go_open) { /* the date box, over the timeline's left end */
        float w = 380 * ui, h = 56 * ui, x = f->timeline.x + 14 * ui, y = f->timeline.y - h - 8 * ui;
        draw_rect(vb, x + 2 * ui, y + 2 * ui, w, h, CM_RGBA(0x000000, 40));
        draw_rect(vb, x, y, w, h, CM_RGBA(0xFFFFFF, 250));
        draw_rect(vb, x, y + 32 * ui, w, 2 * ui, CM_RGBA(0x8A3A1E, 255));
        vbuf_flush(r, vb);
        cm_textstyle q = {.size = (int)(CM_TYPE_INPUT * ui), .color = CM_RGB(0x1F1F1F)};
        cm_textstyle ph = {.size = (int)(CM_TYPE_LEAD * ui), .color = CM_RGB(0x9A9A9A)};
        cm_textstyle st = {.size = (int)(CM_TYPE_SMALL * ui), .color = a->go_err[0] ? CM_RGB(0xB0301E) : CM_RGB(0x5A5A5A)};
        char l[48];
        snprintf(l, sizeof l, "%s|", a->go_line);
        if (a->go_line[0]) text_draw(t, r, l, &q, x + 12 * ui, y + 17 * ui, 0, 0.5f);
        else text_draw(t, r, "Go to YYYY-MM-DD, YYYY-MM or YYYY", &ph, x + 12 * ui, y + 17 * ui, 0, 0.5f);
        text_draw(t, r, a->go_err[0] ? a->go_err : "Enter: go Â· a month or a year opens a window", &st, x + 12 * ui, y + 45 * ui, 0, 0.5f);
    }
    int active = filter_active(&a->filter);
    if ((!a->open && !active) || (u->search_open && !a->open)) return;
    char desc[400], status[600];
    filter_describe(&a->filter, desc, sizeof desc);
    int shown = analyst_shown(u);
    cm_feed_layout fl;
    feed_layout(f, ui, &fl);
    float cx = f->map.x + (f->map.w - (feed_visible(&a->feed, u) ? fl.panel.w : f->panel.w)) / 2;
    cm_textstyle small = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x3A3A3A)};
    if (a->open) {
        float w = 520 * ui, x = cx - w / 2, y = f->map.y + 14 * ui;
        if (x < 8) x = 8;
        draw_rect(vb, x + 2 * ui, y + 2 * ui, w, 58 * ui, CM_RGBA(0x000000, 40));
        draw_rect(vb, x, y, w, 58 * ui, CM_RGBA(0xFFFFFF, 250));
        draw_rect(vb, x, y + 34 * ui, w, 2 * ui, CM_RGBA(0x1E5A8A, 255));
        vbuf_flush(r, vb);
        cm_textstyle q = {.size = (int)(CM_TYPE_INPUT * ui), .color = CM_RGB(0x1F1F1F)};
        cm_textstyle ph = {.size = (int)(CM_TYPE_SUBHEAD * ui), .color = CM_RGB(0x9A9A9A)};
        char shown_line[CM_FILTER_TEXT + 8];
        snprintf(shown_line, sizeof shown_line, "%s|", a->line);
        if (a->line[0]) text_draw(t, r, shown_line, &q, x + 12 * ui, y + 18 * ui, 0, 0.5f);
        else text_draw(t, r, "Filter: words, type:battle actor:NAME killed:10 source:NAME\xE2\x80\xA6", &ph, x + 12 * ui, y + 18 * ui, 0, 0.5f);
        if (a->err[0]) {
            snprintf(status, sizeof status, "%s", a->err);
            small.color = CM_RGB(0xB0301E);
        } else {
            snprintf(status, sizeof status, "%d event%s on the map%s%s", shown, shown == 1 ? "" : "s", desc[0] ? " \xC2\xB7 " : "", desc);
        }
        text_draw(t, r, status, &small, x + 12 * ui, y + 47 * ui, 0, 0.5f);
        return;
    }
    /* the chip: what the filter keeps, how many events are on the map, and a clear button */
    snprintf(status, sizeof status, "Filter: %s \xC2\xB7 %d shown", desc, shown);
    int tw, th;
    text_measure(t, r, status, &small, &tw, &th);
    float pad = 10 * ui, bw = tw + 2 * pad + 24 * ui, bh = 26 * ui, x = cx - bw / 2, y = f->map.y + 12 * ui;
    if (x < 8) x = 8;
    draw_rect(vb, x + 2 * ui, y + 2 * ui, bw, bh, CM_RGBA(0x000000, 40));
    draw_rect(vb, x, y, bw, bh, CM_RGBA(0xE8F0F7, 255));
    draw_rect(vb, x, y, 3 * ui, bh, CM_RGBA(0x1E5A8A, 255));
    vbuf_flush(r, vb);
    text_draw(t, r, status, &small, x + pad, y + bh / 2, 0, 0.5f);
    a->chip = (SDL_FRect){x, y, bw - 24 * ui, bh};
    a->clear = (SDL_FRect){x + bw - 24 * ui, y, 24 * ui, bh};
    cm_textstyle xs = {.size = (int)(CM_TYPE_INPUT * ui), .bold = 1, .color = CM_RGB(0x1E5A8A)};
    text_draw(t, r, "\xC3\x97", &xs, a->clear.x + a->clear.w / 2, y + bh / 2, 0.5f, 0.5f);
}
