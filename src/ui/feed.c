/* feed: the list of what the map shows; see feed.h. */
#include "ui/feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "data/filter.h"
#include "base/utf8.h"
#include "render/style.h"
#include "ui/details.h"

void feed_log(const cm_ui *u, const char *kind, const cm_logkv *f, int n) { logline_write(u, kind, f, n); }

void feed_layout(const cm_frame *f, float ui, cm_feed_layout *l)
{
    float w = CM_PANEL_W * ui;
    if (w > f->map.w * 0.6f) w = f->map.w * 0.6f;
    l->panel = (SDL_FRect){f->map.x + f->map.w - w, f->map.y, w, f->map.h};
    l->by_date = (SDL_FRect){l->panel.x + 14 * ui, l->panel.y + 92 * ui, 110 * ui, 22 * ui};
    l->by_killed = (SDL_FRect){l->panel.x + 130 * ui, l->panel.y + 92 * ui, 110 * ui, 22 * ui};
    l->rows_y = l->panel.y + 124 * ui;
    l->row_h = 40 * ui;
}

int feed_visible(const cm_feed *d, const cm_ui *u) { return d->open && !details_open(u); }

/* ---- the list ---- */

typedef struct {
    cm_feed *d;
    const cm_ui *u;
    int oom;
} build_ctx;

static int add(const cm_event *e, int idx, void *p)
{
    build_ctx *c = p;
    cm_feed *d = c->d;
    int layer = catalog_event_layer(e->cat);
    if (!c->u->cat->layers[layer].visible || events_weight(e, &c->u->when) <= 0) return 0;
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 256;
        int *ni = realloc(d->idx, sizeof(int) * (size_t)cap);
        if (!ni) { c->oom = 1; return 1; }
        d->idx = ni;
        d->cap = cap;
    }
    d->idx[d->n++] = idx;
    d->by_layer[layer]++;
    long k = d->killed[idx];
    if (k > 0) d->total_killed += k;
    return 0;
}

/* a row and what it is sorted by, kept beside its index so that sorting needs no context
 * outside the array: the dead (0 unless sorted by them), then newest first, then the id */
typedef struct {
    int idx;
    long killed;
    int32_t first;
    const char *id;
} row_key;

static int cmp_rows(const void *pa, const void *pb)
{
    const row_key *x = pa, *y = pb;
    if (x->killed != y->killed) return x->killed > y->killed ? -1 : 1;
    if (x->first != y->first) return x->first > y->first ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* sorts d's rows; -1 when out of memory (left unsorted) */
static int sort_rows(cm_feed *d, const cm_events *ev)
{
    if (d->n < 2) return 0;
    row_key *k = malloc(sizeof *k * (size_t)d->n);
    if (!k) return -1;
    for (int i = 0; i < d->n; i++) {
        int e = d->idx[i];
        k[i] = (row_key){e, d->sort == CM_FEED_KILLED ? d->killed[e] : 0, ev->ev[e].first, ev->ev[e].id};
    }
    qsort(k, (size_t)d->n, sizeof *k, cmp_rows);
    for (int i = 0; i < d->n; i++) d->idx[i] = k[i].idx;
    free(k);
    return 0;
}

static unsigned layer_mask(const cm_ui *u)
{
    unsigned m = 0;
    for (int k = 0; k < CM_LAYER_COUNT; k++) m |= (unsigned)u->cat->layers[k].visible << k;
    return m;
}

void feed_update(cm_feed *d, const cm_ui *u)
{
    const cm_events *ev = &u->cat->events;
    if (d->built && d->a == u->when.a && d->b == u->when.b && d->fade == u->when.fade && d->window == u->when.window && d->gen == ev->filter_gen &&
        d->mask == layer_mask(u) && d->built_sort == d->sort)
        return;
    if (d->nkilled != ev->n) { /* the figures' numbers, read once per event */
        long *k = realloc(d->killed, sizeof(long) * (size_t)(ev->n ? ev->n : 1));
        if (!k) return;
        d->killed = k;
        d->nkilled = ev->n;
        for (int i = 0; i < ev->n; i++) k[i] = filter_fatalities(&ev->ev[i], NULL);
    }
    d->n = 0;
    d->total_killed = 0;
    memset(d->by_layer, 0, sizeof d->by_layer);
    build_ctx c = {d, u, 0};
    events_each_shown(ev, &u->when, add, &c);
    if (sort_rows(d, ev) != 0) return; /* out of memory: built again next frame */
    d->built = 1;
    d->a = u->when.a;
    d->b = u->when.b;
    d->window = u->when.window;
    d->fade = u->when.fade;
    d->gen = ev->filter_gen;
    d->mask = layer_mask(u);
    d->built_sort = d->sort;
}

void feed_free(cm_feed *d)
{
    free(d->idx);
    free(d->killed);
    memset(d, 0, sizeof *d);
}

/* ---- input ---- */

static int in_rect(const SDL_FRect *r, float x, float y)
{
    return r->w > 0 && x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

static void clamp_scroll(cm_feed *d, const cm_feed_layout *l)
{
    float maxs = d->n * l->row_h - (l->panel.y + l->panel.h - l->rows_y);
    if (d->scroll > maxs) d->scroll = maxs;
    if (d->scroll < 0) d->scroll = 0;
}

int feed_handle(cm_feed *d, cm_input *in, const SDL_Event *e)
{
    cm_ui *u = in->u;
    if (!feed_visible(d, u)) return -1;
    cm_feed_layout l;
    feed_layout(in->f, in->ui, &l);
    if (e->type == SDL_MOUSEWHEEL && in_rect(&l.panel, in->mx, in->my)) {
        d->scroll -= e->wheel.preciseY * 3 * l.row_h;
        clamp_scroll(d, &l);
        return CM_IN_DIRTY;
    }
    if (e->type != SDL_MOUSEBUTTONDOWN || e->button.button != SDL_BUTTON_LEFT) return -1;
    float x = e->button.x * in->ratio, y = e->button.y * in->ratio;
    if (!in_rect(&l.panel, x, y)) return -1;
    if (in_rect(&l.by_date, x, y) || in_rect(&l.by_killed, x, y)) {
        d->sort = in_rect(&l.by_killed, x, y) ? CM_FEED_KILLED : CM_FEED_NEWEST;
        d->scroll = 0;
        feed_update(d, u);
        cm_logkv f[] = {{"sort", d->sort == CM_FEED_KILLED ? "killed" : "newest", 0}, {"events", NULL, d->n},
                        {"first", d->n ? u->cat->events.ev[d->idx[0]].id : "", 0},
                        {"first_killed", NULL, d->n ? d->killed[d->idx[0]] : -1}};
        feed_log(u, "feed", f, 4);
        return CM_IN_DIRTY;
    }
    if (y >= l.rows_y) {
        int row = (int)((y - l.rows_y + d->scroll) / l.row_h);
        if (row >= 0 && row < d->n) {
            int idx = d->idx[row];
            ui_select_event(u, idx);
            return CM_IN_DIRTY | input_fly_to(in, (cm_ref){CM_REF_EVENT, idx});
        }
    }
    return CM_IN_DIRTY; /* the panel takes the click even where there is nothing */
}

/* ---- drawing ---- */

static void button(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, SDL_FRect b, const char *label, int on)
{
    draw_rect(vb, b.x, b.y, b.w, b.h, on ? CM_RGBA(0x1E5A8A, 255) : CM_RGBA(0xE6E6E6, 255));
    vbuf_flush(r, vb);
    cm_textstyle st = {.size = (int)(CM_TYPE_SMALL * ui), .bold = on, .color = on ? CM_RGB(0xFFFFFF) : CM_RGB(0x2B2B2B)};
    text_draw(t, r, label, &st, b.x + b.w / 2, b.y + b.h / 2, 0.5f, 0.5f);
}

/* s cut to fit w pixels, with an ellipsis */
static void fit(cm_text *t, SDL_Renderer *r, const cm_textstyle *st, const char *s, float w, char *out, size_t n)
{
    snprintf(out, n, "%s", s);
    int tw, th;
    size_t len = strlen(out);
    while (len > 4 && text_measure(t, r, out, st, &tw, &th) == 0 && tw > w) {
        len -= 2;
        len = utf8_cut(out, len);
        memcpy(out + len, "\xE2\x80\xA6", 4);
    }
}

void feed_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, cm_feed *d, const cm_ui *u, const cm_frame *f)
{
    if (!feed_visible(d, u)) return;
    feed_update(d, u);
    cm_feed_layout l;
    feed_layout(f, ui, &l);
    clamp_scroll(d, &l);
    SDL_FRect p = l.panel;
    draw_rect(vb, p.x - 2 * ui, p.y, 2 * ui, p.h, CM_RGBA(0x000000, 40));
    draw_rect(vb, p.x, p.y, p.w, p.h, CM_RGBA(0xFBFAF7, 255));
    vbuf_flush(r, vb);
    char buf[512];
    float x = p.x + 14 * ui;
    cm_textstyle head = {.size = (int)(CM_TYPE_INPUT * ui), .bold = 1, .color = CM_RGB(0x1F1F1F)};
    cm_textstyle sub = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x3A3A3A), .wrap = (int)(p.w - 28 * ui)};
    snprintf(buf, sizeof buf, "On the map: %d event%s", d->n, d->n == 1 ? "" : "s");
    text_draw(t, r, buf, &head, x, p.y + 12 * ui, 0, 0);
    snprintf(buf, sizeof buf, "%ld reported killed (each event's largest figure)", d->total_killed);
    text_draw(t, r, buf, &sub, x, p.y + 36 * ui, 0, 0);
    cm_textstyle small = {.size = (int)(CM_TYPE_SMALL * ui), .color = CM_RGB(0x6A6A6A)};
    cm_textstyle types = small;
    types.wrap = (int)(p.w - 28 * ui);
    /* the counts by layer, in at most two lines above the buttons: the layers that do not fit
     * are summed up as "+N more" (ACLED's long names took three lines, under the buttons) */
    int one_w, one_h, lines_h;
    text_measure(t, r, "Ag", &small, &one_w, &one_h);
    int nlayers = 0;
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++) nlayers += d->by_layer[k] > 0;
    for (int keep = nlayers; keep >= 0; keep--) {
        buf[0] = 0;
        int put = 0;
        for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT && put < keep; k++)
            if (d->by_layer[k]) {
                size_t len = strlen(buf);
                snprintf(buf + len, sizeof buf - len, "%s%s %d", len ? " \xC2\xB7 " : "", u->cat->layers[k].name, d->by_layer[k]);
                put++;
            }
        if (keep < nlayers) {
            size_t len = strlen(buf);
            snprintf(buf + len, sizeof buf - len, "%s+%d more", len ? " \xC2\xB7 " : "", nlayers - keep);
        }
        if (!buf[0] || text_measure(t, r, buf, &types, &one_w, &lines_h) != 0 || lines_h <= 2 * one_h + one_h / 2) break;
    }
    char line[300];
    text_draw(t, r, buf[0] ? buf : "nothing at this date", &types, x, p.y + 58 * ui, 0, 0);
    button(r, vb, t, ui, l.by_date, "Newest first", d->sort == CM_FEED_NEWEST);
    button(r, vb, t, ui, l.by_killed, "Most killed", d->sort == CM_FEED_KILLED);
    /* the rows in sight only */
    SDL_Rect clip = {(int)p.x, (int)l.rows_y, (int)p.w, (int)(p.y + p.h - l.rows_y)};
    SDL_RenderSetClipRect(r, &clip);
    int first = (int)(d->scroll / l.row_h), last = (int)((d->scroll + clip.h) / l.row_h) + 1;
    cm_textstyle tt = {.size = (int)(CM_TYPE_BODY * ui), .bold = 1, .color = CM_RGB(0x1F1F1F)};
    for (int i = first; i <= last && i < d->n; i++) {
        const cm_event *e = &u->cat->events.ev[d->idx[i]];
        float y = l.rows_y + i * l.row_h - d->scroll;
        const cm_layer_style *ls = style_layer(catalog_event_layer(e->cat));
        draw_rect(vb, p.x + 8 * ui, y + 6 * ui, 4 * ui, l.row_h - 12 * ui, CM_RGB(ls->color));
        draw_rect(vb, p.x + 8 * ui, y + l.row_h - 1, p.w - 16 * ui, 1, CM_RGBA(0xE2DED6, 255));
        vbuf_flush(r, vb);
        fit(t, r, &tt, e->title, p.w - 34 * ui, line, sizeof line);
        text_draw(t, r, line, &tt, p.x + 20 * ui, y + 6 * ui, 0, 0);
        char when[48];
        date_format(e->start, when, sizeof when);
        long k = d->killed[d->idx[i]];
        /* where: the place's name; an event with coordinates but no name gives them (it is on
         * the map: "no place" is what the events without any place are called) */
        char coords[64];
        const char *where = e->place && *e->place ? e->place : coords;
        if (where == coords) {
            if (e->has_point) snprintf(coords, sizeof coords, "%.3f\xC2\xB0 %c %.3f\xC2\xB0 %c", fabs(e->lat), e->lat < 0 ? 'S' : 'N', fabs(e->lon), e->lon < 0 ? 'W' : 'E');
            else snprintf(coords, sizeof coords, "%s", e->is_area || e->nregions ? "an area" : "no place");
        }
        if (k >= 0) snprintf(buf, sizeof buf, "%s \xC2\xB7 %s \xC2\xB7 %ld killed", when, where, k);
        else snprintf(buf, sizeof buf, "%s \xC2\xB7 %s", when, where);
        fit(t, r, &small, buf, p.w - 34 * ui, line, sizeof line);
        text_draw(t, r, line, &small, p.x + 20 * ui, y + 23 * ui, 0, 0);
    }
    SDL_RenderSetClipRect(r, NULL);
}
