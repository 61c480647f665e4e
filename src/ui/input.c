/* input: SDL events to actions; see input.h. */
#include "ui/input.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/query.h"
#include "base/utf8.h"
#include "render/outside.h"
#include "ui/details.h"
#include "ui/legend.h"
#include "ui/logline.h"
#include "ui/opener.h"
#include "ui/timeline.h"

#define CLICK_SLOP 4 /* pixels a press may move and still be a click */
#define MARK_RADIUS 10

static int in_rect(const SDL_FRect *r, float x, float y)
{
    return r->w > 0 && x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

static int on_map(const cm_input *in, float x, float y)
{
    return in_rect(&in->f->map, x, y) && !(details_open(in->u) && in_rect(&in->f->panel, x, y));
}

static int mark_hit(const cm_input *in, const cm_mark *k, float x, float y)
{
    float r = (k->count > 1 ? 10.0f + 5.0f * log10f((float)k->count) : MARK_RADIUS) * in->ui; /* overlay_draw_marks */
    return k->badge ? in_rect(&k->box, x, y) : (fabsf(k->x - x) <= r && fabsf(k->y - y) <= r);
}

/* the cluster bubble under (x, y), or NULL */
static const cm_mark *cluster_at(const cm_input *in, float x, float y)
{
    for (int i = 0; i < in->f->marks.n; i++)
        if (in->f->marks.m[i].count > 1 && mark_hit(in, &in->f->marks.m[i], x, y)) return &in->f->marks.m[i];
    return NULL;
}

/* 1 when a cluster's events lie within one cluster cell even at the closest zoom (ACLED puts
 * many events on a town's centre): zooming in never splits it, so a click lists them. */
static int cannot_split(const cm_input *in, const cm_mark *cl)
{
    cm_view closest = *in->view;
    view_set_zoom_level(&closest, CM_ZOOM_MAX);
    double extent = fmax(cl->wb[2] - cl->wb[0], cl->wb[3] - cl->wb[1]);
    return extent * closest.scale < CM_CLUSTER_CELL * in->ui;
}

/* point events whose markers (or badges) are under (x, y) as drawn, newest first */
static int marks_at(const cm_input *in, float x, float y, int *out, int max)
{
    int n = 0;
    for (int i = 0; i < in->f->marks.n && n < max; i++) {
        const cm_mark *k = &in->f->marks.m[i];
        if (k->count <= 1 && mark_hit(in, k, x, y)) out[n++] = k->idx;
    }
    return n;
}

static const cm_item *item_at(const cm_input *in, float x, float y)
{
    if (!details_open(in->u)) return NULL;
    for (int i = 0; i < in->f->nitems; i++)
        if (in_rect(&in->f->items[i].r, x, y)) return &in->f->items[i];
    return NULL;
}

int input_on_map(const cm_input *in, float x, float y) { return !in->away && on_map(in, x, y); }

/* --log-ui: what the cursor is over now (what the tooltip names), when that changes */
static void log_hover(const cm_input *in, int row)
{
    const cm_ui *u = in->u;
    const char *kind = u->hover.kind == CM_REF_REGION ? "region" : u->hover.kind == CM_REF_EVENT ? "event" : "none";
    const char *name = "";
    if (u->hover.kind == CM_REF_REGION) name = shapes_attr(&u->cat->layers[CM_LAYER_GOVERNORATES].shp, u->hover.idx, "NAME_EN");
    else if (u->hover.kind == CM_REF_EVENT) name = u->cat->events.ev[u->hover.idx].title;
    cm_logkv kv[] = {{"kind", kind, 0}, {"idx", NULL, u->hover.kind == CM_REF_NONE ? -1 : u->hover.idx},
                     {"title", name ? name : "", 0}, {"count", NULL, u->hover_count}, {"row", NULL, row},
                     {"x", NULL, (long)in->mx}, {"y", NULL, (long)in->my}};
    logline_write(u, "hover", kv, (int)(sizeof kv / sizeof kv[0]));
}

int input_update_hover(cm_input *in)
{
    cm_ui *u = in->u;
    float x = in->mx, y = in->my;
    cm_ref h = {CM_REF_NONE, -1}, was = u->hover;
    int was_count = u->hover_count;
    const cm_item *it = in->away ? NULL : item_at(in, x, y);
    if (in->away) u->hover_count = 0; /* the cursor left the window */
    else if (it && it->kind == CM_ITEM_ENTRY) h = (cm_ref){CM_REF_EVENT, it->idx}, u->hover_count = 0;
    else if (on_map(in, x, y) && !u->help) {
        int ev[4];
        int legend = 0;
        for (int i = 0; i < in->f->nlegend; i++) legend |= in_rect(&in->f->legend_row[i], x, y);
        legend |= in->f->legend_head.w > 0 && in_rect(&in->f->legend_head, x, y);
        const cm_mark *cl = legend ? NULL : cluster_at(in, x, y);
        u->hover_count = cl ? cl->count : 0;
        u->hover_stack = 0;
        memset(u->hover_mix, 0, sizeof u->hover_mix);
        if (cl && overlay_mix(&in->f->marks, (int)(cl - in->f->marks.m)))
            memcpy(u->hover_mix, overlay_mix(&in->f->marks, (int)(cl - in->f->marks.m)), sizeof u->hover_mix);
        if (cl && cannot_split(in, cl)) u->hover_stack = 2; /* a click lists them */
        if (cl) h = (cm_ref){CM_REF_EVENT, cl->idx};
        else if (!legend) {
            for (int i = 0; i < in->f->marks.n; i++) /* a stack: "N events here" */
                if (in->f->marks.m[i].nstack > 1 && !in->f->marks.m[i].stack && mark_hit(in, &in->f->marks.m[i], x, y))
                    u->hover_count = in->f->marks.m[i].nstack, u->hover_stack = 1;
            if (marks_at(in, x, y, ev, 4)) h = (cm_ref){CM_REF_EVENT, ev[0]};
            else {
                double wx, wy;
                view_to_world(in->view, x, y, &wx, &wy);
                int areas[4], region;
                int na = ui_areas_at(u, wx, wy, areas, 4, &region);
                if (region >= 0) h = (cm_ref){CM_REF_REGION, region};
                else if (na) h = (cm_ref){CM_REF_EVENT, areas[0]};
            }
        }
    }
    ui_set_hover(u, h);
    int changed = h.kind != was.kind || h.idx != was.idx || u->hover_count != was_count;
    if (changed) log_hover(in, it && it->kind == CM_ITEM_ENTRY);
    return changed;
}

int input_fly_to(cm_input *in, cm_ref r)
{
    double x, y, b[4];
    /* an event off the map (talks in a far capital) is selected where its badge is: the view stays on
     * the map (flying there in a national projection shows an empty screen) */
    if (r.kind == CM_REF_EVENT && (in->u->cat->events.ev[r.idx].offmap || outside_is(in->u->cat, &in->u->cat->events.ev[r.idx])))
        return 0;
    if (ui_ref_place(in->u, r, &x, &y, b) != 0) return 0;
    cm_view t = *in->view;
    /* the panel's width as the next frame lays it out: it may be opening with this very pick */
    float panel = 0;
    if (details_open(in->u)) {
        cm_frame next;
        frame_layout(&next, (int)in->f->map.w, (int)(in->f->map.h + in->f->timeline.h), in->ui, 1);
        panel = next.panel.w;
    }
    t.w = (int)(in->f->map.w - panel);
    if (t.w < 100) t.w = 100;
    if (b[2] > b[0]) view_fit(&t, b, (int)(60 * in->ui));
    else {
        t.cx = x;
        t.cy = y;
        if (view_zoom_level(&t) < 9) view_set_zoom_level(&t, 9);
    }
    /* the visible part is left of the panel: shift the centre right by half the panel */
    in->fly_cx = t.cx + panel / 2 / t.scale;
    in->fly_cy = t.cy;
    in->fly_scale = t.scale;
    return CM_IN_FLY;
}

static int click_item(cm_input *in, const cm_item *it, uint32_t now)
{
    cm_ui *u = in->u;
    switch (it->kind) {
    case CM_ITEM_CLOSE:
        ui_clear_selection(u);
        return CM_IN_DIRTY;
    case CM_ITEM_ENTRY:
        ui_select_event(u, it->idx);
        return CM_IN_DIRTY | input_fly_to(in, (cm_ref){CM_REF_EVENT, it->idx});
    case CM_ITEM_REGION:
        ui_select_region(u, it->idx);
        return CM_IN_DIRTY | input_fly_to(in, (cm_ref){CM_REF_REGION, it->idx});
    case CM_ITEM_URL:
    case CM_ITEM_COPY: {
        const char *url = u->cat->events.ev[it->idx].src[it->src].url;
        char msg[300];
        if (it->kind == CM_ITEM_COPY) {
            int ok = SDL_SetClipboardText(url) == 0;
            snprintf(msg, sizeof msg, ok ? "Copied: %s" : "Could not copy %s", url);
            ui_toast(u, now, "copy", msg);
        } else {
            int ok = opener_open(url) == 0; /* a failure found later comes as an opener_event */
            snprintf(msg, sizeof msg, ok ? "Opening %s" : "No browser could open %s", url);
            ui_toast(u, now, "open_url", msg);
        }
        return CM_IN_DIRTY;
    }
    }
    return 0;
}

static int press(cm_input *in, float x, float y, uint32_t now)
{
    cm_ui *u = in->u;
    cm_frame *f = in->f;
    in->px = x;
    in->py = y;
    in->moved = 0;
    if (u->help) { ui_help(u, 0); return CM_IN_DIRTY; }
    if (u->search_open) {
        for (int i = 0; i < f->nresults; i++)
            if (in_rect(&f->result_row[i], x, y)) {
                cm_ref r = u->results[i].ref;
                ui_search_pick(u, i);
                SDL_StopTextInput();
                return CM_IN_DIRTY | input_fly_to(in, r);
            }
        ui_search_open(u, 0);
        SDL_StopTextInput();
    }
    const cm_item *it = item_at(in, x, y);
    if (it) return click_item(in, it, now);
    if (details_open(u) && in_rect(&f->panel, x, y)) { in->press = 3; return 0; }
    if (in_rect(&f->timeline, x, y)) {
        if (in_rect(&f->play_btn, x, y)) { ui_play(u, !u->playing); return CM_IN_DIRTY; }
        if (in_rect(&f->speed_btn, x, y)) { ui_cycle_speed(u); return CM_IN_DIRTY; }
        if (in_rect(&f->range_btn, x, y)) { ui_set_range_mode(u, !u->range_mode); return CM_IN_DIRTY; }
        if (x >= f->axis_x0 - 10 * in->ui) {
            int32_t day = timeline_day_at(f, u, x);
            in->handle = 0;
            if (u->range_mode) in->handle = abs(day - u->when.b) < abs(day - u->when.a) ? 1 : 0;
            in->press = 2;
            ui_set_day(u, day, in->handle);
            return CM_IN_DIRTY;
        }
        return 0;
    }
    if (f->legend_head.w > 0 && in_rect(&f->legend_head, x, y)) {
        ui_legend_fold(u, !f->legend_folded); /* the opposite of what is seen */
        return CM_IN_DIRTY;
    }
    for (int i = 0; i < f->nlegend; i++)
        if (in_rect(&f->legend_row[i], x, y)) {
            if (f->legend_layer[i] == CM_LEGEND_NO_PLACE) ui_list_unplaced(u);
            else ui_toggle_layer(u, f->legend_layer[i]);
            return CM_IN_DIRTY;
        }
    in->press = 1;
    return 0;
}

/* Lists the point events at a cluster's place (as a click on a stack does), newest first. */
static void list_cluster(cm_input *in, const cm_mark *cl)
{
    double cx = (cl->wb[0] + cl->wb[2]) / 2, cy = (cl->wb[1] + cl->wb[3]) / 2;
    double r = hypot(cl->wb[2] - cl->wb[0], cl->wb[3] - cl->wb[1]) / 2 + 1; /* map metres */
    int *idx = NULL;
    int n = query_at(in->u->cat, cx, cy, &in->u->when, r, &idx), k = 0;
    for (int i = 0; i < n; i++)
        if (!in->u->cat->events.ev[idx[i]].is_area) idx[k++] = idx[i];
    ui_click_map(in->u, cx, cy, idx, k);
    free(idx);
}

static int release(cm_input *in, float x, float y)
{
    int was = in->press;
    in->press = 0;
    if (was != 1 || in->moved) return was == 1 ? CM_IN_DIRTY : 0;
    const cm_mark *cl = cluster_at(in, x, y);
    if (cl && cannot_split(in, cl)) { /* its events are at one place: zooming in would not part them */
        list_cluster(in, cl);
        return CM_IN_DIRTY;
    }
    if (cl) { /* a cluster: zoom in until it splits */
        cm_view t = *in->view;
        view_fit(&t, cl->wb, (int)(80 * in->ui)); /* fit its members, and at least twice as close */
        in->fly_cx = (cl->wb[0] + cl->wb[2]) / 2;
        in->fly_cy = (cl->wb[1] + cl->wb[3]) / 2;
        in->fly_scale = fmax(t.scale, in->view->scale * 2);
        return CM_IN_DIRTY | CM_IN_FLY;
    }
    int pts[CM_UI_MAX_LIST]; /* a stack at one place lists all its events */
    int n = marks_at(in, x, y, pts, CM_UI_MAX_LIST);
    double wx, wy;
    view_to_world(in->view, x, y, &wx, &wy);
    ui_click_map(in->u, wx, wy, pts, n);
    return CM_IN_DIRTY;
}

static int key(cm_input *in, const SDL_KeyboardEvent *k, uint32_t now)
{
    cm_ui *u = in->u;
    cm_view *v = in->view;
    SDL_Keycode c = k->keysym.sym;
    int ctrl = (k->keysym.mod & KMOD_CTRL) != 0, shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    if (ctrl && (c == SDLK_q || c == SDLK_w)) return CM_IN_QUIT;
    if (ctrl && c == SDLK_s) return CM_IN_SCREENSHOT;
    if (u->search_open) {
        size_t n = strlen(u->query);
        if (c == SDLK_ESCAPE) { ui_search_open(u, 0); SDL_StopTextInput(); }
        else if (c == SDLK_BACKSPACE && n) {
            char q[sizeof u->query];
            memcpy(q, u->query, n + 1);
            q[utf8_cut(q, n - 1)] = 0; /* a whole UTF-8 character */
            ui_search_set(u, q);
        } else if (c == SDLK_DOWN && u->result_sel + 1 < u->nresults) u->result_sel++;
        else if (c == SDLK_UP && u->result_sel > 0) u->result_sel--;
        else if ((c == SDLK_RETURN || c == SDLK_KP_ENTER) && u->nresults) {
            cm_ref r = u->results[u->result_sel].ref;
            ui_search_pick(u, u->result_sel);
            SDL_StopTextInput();
            return CM_IN_DIRTY | input_fly_to(in, r);
        } else return 0;
        return CM_IN_DIRTY;
    }
    double step = (v->w < v->h ? v->w : v->h) / 6.0;
    if (c == SDLK_ESCAPE) {
        if (u->help) ui_help(u, 0);
        else ui_clear_selection(u);
    } else if (c == SDLK_F1 || (c == SDLK_SLASH && shift) || c == SDLK_QUESTION) ui_help(u, !u->help);
    else if ((ctrl && c == SDLK_f) || c == SDLK_SLASH) { ui_search_open(u, 1); SDL_StartTextInput(); }
    else if (c == SDLK_LEFT) view_pan(v, step, 0);
    else if (c == SDLK_RIGHT) view_pan(v, -step, 0);
    else if (c == SDLK_UP) view_pan(v, 0, step);
    else if (c == SDLK_DOWN) view_pan(v, 0, -step);
    else if (c == SDLK_PLUS || c == SDLK_EQUALS || c == SDLK_KP_PLUS) view_zoom_at(v, 2, v->x0 + v->w / 2.0, v->y0 + v->h / 2.0);
    else if (c == SDLK_MINUS || c == SDLK_KP_MINUS) view_zoom_at(v, 0.5, v->x0 + v->w / 2.0, v->y0 + v->h / 2.0);
    else if (c == SDLK_HOME || c == SDLK_0) view_fit(v, in->home, (v->w < v->h ? v->w : v->h) / 14);
    else if (c == SDLK_SPACE) ui_play(u, !u->playing);
    else if (c == SDLK_COMMA) ui_step(u, CM_STEP_DAY, -1);
    else if (c == SDLK_PERIOD) ui_step(u, CM_STEP_DAY, 1);
    else if (c == SDLK_LEFTBRACKET) ui_step(u, CM_STEP_WEEK, -1);
    else if (c == SDLK_RIGHTBRACKET) ui_step(u, CM_STEP_WEEK, 1);
    else if (c == SDLK_PAGEUP) ui_step(u, CM_STEP_MONTH, -1);
    else if (c == SDLK_PAGEDOWN) ui_step(u, CM_STEP_MONTH, 1);
    else if (c == SDLK_s) ui_cycle_speed(u);
    else if (c == SDLK_r) ui_set_range_mode(u, !u->range_mode);
    else if (c >= SDLK_1 && c <= SDLK_9) { /* the legend's event rows, in order, whichever layers they are */
        int want = (int)(c - SDLK_1), seen = 0, prev = -1;
        for (int i = 0; i < in->f->nlegend; i++) {
            int l = in->f->legend_layer[i];
            if (l < CM_LAYER_FIRST_EVENT || l == prev) continue; /* a row of claims shows its layer's box again */
            prev = l;
            if (seen++ == want) {
                ui_toggle_layer(u, l);
                break;
            }
        }
    }
    else if (c >= 'a' && c <= 'z' && categories_layer_by_key((int)c) >= 0) /* a base layer's key (data/categories.h) */
        ui_toggle_layer(u, categories_layer_by_key((int)c));
    else if (c == SDLK_h) ui_heat(u, !u->heat);
    else if (c == SDLK_k) ui_legend_fold(u, !in->f->legend_folded);
    else return 0;
    (void)now;
    input_update_hover(in); /* the map may have moved under a still cursor */
    return CM_IN_DIRTY;
}

int input_handle(cm_input *in, const SDL_Event *e, uint32_t now)
{
    cm_ui *u = in->u;
    switch (e->type) {
    case SDL_QUIT:
        return CM_IN_QUIT;
    case SDL_MOUSEBUTTONDOWN:
        in->mx = e->button.x * in->ratio;
        in->my = e->button.y * in->ratio;
        if (e->button.button != SDL_BUTTON_LEFT) return 0;
        return press(in, in->mx, in->my, now);
    case SDL_MOUSEBUTTONUP:
        if (e->button.button != SDL_BUTTON_LEFT) return 0;
        return release(in, e->button.x * in->ratio, e->button.y * in->ratio);
    case SDL_MOUSEMOTION: {
        float x = e->motion.x * in->ratio, y = e->motion.y * in->ratio;
        in->away = 0;
        float dx = x - in->mx, dy = y - in->my;
        in->mx = x;
        in->my = y;
        if (in->press && (fabsf(x - in->px) > CLICK_SLOP || fabsf(y - in->py) > CLICK_SLOP)) in->moved = 1;
        if (in->press == 1 && in->moved) view_pan(in->view, dx, dy);
        if (in->press == 2) ui_set_day(u, timeline_day_at(in->f, u, x), in->handle);
        input_update_hover(in);
        return CM_IN_DIRTY;
    }
    case SDL_MOUSEWHEEL: {
        float dy = e->wheel.preciseY;
        if (details_open(u) && in_rect(&in->f->panel, in->mx, in->my)) {
            float maxs = in->f->panel_content_h - in->f->panel.h;
            u->scroll -= dy * 40 * in->ui;
            if (u->scroll > maxs) u->scroll = maxs;
            if (u->scroll < 0) u->scroll = 0;
            return CM_IN_DIRTY;
        }
        if (in_rect(&in->f->timeline, in->mx, in->my)) {
            ui_step(u, CM_STEP_DAY, dy > 0 ? 1 : -1);
            return CM_IN_DIRTY;
        }
        view_zoom_at(in->view, pow(2.0, dy * 0.5), in->mx, in->my);
        in->wheel_at = now ? now : 1;
        input_update_hover(in);
        return CM_IN_DIRTY;
    }
    case SDL_TEXTINPUT:
        if (u->search_open) {
            char q[sizeof u->query + sizeof e->text.text];
            snprintf(q, sizeof q, "%s%s", u->query, e->text.text);
            if (strcmp(q, "/") != 0) ui_search_set(u, q); /* the key that opened the box is not text */
            return CM_IN_DIRTY;
        }
        return 0;
    case SDL_KEYDOWN:
        return key(in, &e->key, now);
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_LEAVE) {
            in->away = 1;
            input_update_hover(in);
        }
        return CM_IN_DIRTY;
    default:
        if (e->type && e->type == opener_event()) { /* the browser could not be started after all */
            char msg[300];
            snprintf(msg, sizeof msg, "No browser could open %s (the opener exited with %d)", e->user.data1 ? (char *)e->user.data1 : "the link",
                     e->user.code);
            free(e->user.data1);
            ui_toast(u, now, "open_url", msg);
            return CM_IN_DIRTY;
        }
        return 0;
    }
}
