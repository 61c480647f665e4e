/* details: the side panel; see details.h. */
#include "ui/details.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/report.h"
#include "base/utf8.h"
#include "render/overlay.h"
#include "render/style.h"
#include "ui/summary.h"

int details_open(const cm_ui *u) { return u->sel.kind != CM_REF_NONE || u->picking; }

static const char *PREC_WORD[] = {"", " (month)", " (year)", ""};

void details_format_dates(const cm_event *e, char *buf, size_t n)
{
    char a[48], b[48];
    date_format(e->start, a, sizeof a);
    if (e->end.day == CM_DAY_NEVER) { snprintf(buf, n, "since %s%s (ongoing)", a, PREC_WORD[e->start.prec]); return; }
    if (e->end.day == e->start.day && e->end.prec == e->start.prec) { snprintf(buf, n, "%s%s", a, PREC_WORD[e->start.prec]); return; }
    date_format(e->end, b, sizeof b);
    snprintf(buf, n, "%s%s \xE2\x80\x93 %s%s", a, PREC_WORD[e->start.prec], b, PREC_WORD[e->end.prec]);
}

typedef struct {
    SDL_Renderer *r;
    cm_vbuf *vb;
    cm_text *t;
    float ui, x, w, y;        /* content x, width and the running y (scrolled) */
    SDL_FRect clip;
    cm_frame *f;
} pen;


static void item(pen *p, SDL_FRect r, cm_item_kind kind, int idx, int src)
{
    if (p->f->nitems >= CM_FRAME_MAX_ITEMS) return;
    if (r.y + r.h < p->clip.y || r.y > p->clip.y + p->clip.h) return; /* scrolled out of sight */
    p->f->items[p->f->nitems++] = (cm_item){r, kind, idx, src};
}

/* A block of text at the pen, wrapped to the panel; returns its height. */
static float para(pen *p, const char *s, int size, int bold, Uint32 color, float indent)
{
    if (!s || !*s) return 0;
    cm_textstyle st = {.size = (int)(size * p->ui), .bold = bold, .color = CM_RGB(color), .wrap = (int)(p->w - indent)};
    int w, h;
    if (text_measure(p->t, p->r, s, &st, &w, &h) != 0) return 0;
    if (p->y + h >= p->clip.y && p->y <= p->clip.y + p->clip.h) text_draw(p->t, p->r, s, &st, p->x + indent, p->y, 0, 0);
    p->y += h;
    return (float)h;
}

static void gap(pen *p, float g) { p->y += g * p->ui; }

static void rule(pen *p)
{
    draw_rect(p->vb, p->x, p->y, p->w, 1 * p->ui, CM_RGB(0xE3DED4));
    vbuf_flush(p->r, p->vb);
    gap(p, 8);
}

/* Copies s into buf, cut at a whole character with an ellipsis so that it fits in w pixels. */
static const char *fit(pen *p, const char *s, const cm_textstyle *st, float w, char *buf, size_t n)
{
    int tw, th;
    if (text_measure(p->t, p->r, s, st, &tw, &th) != 0 || tw <= w) return s;
    size_t len = strlen(s);
    if (len + 4 > n) len = n - 4;
    while (len > 0) {
        len = utf8_cut(s, len - 1);
        memcpy(buf, s, len);
        memcpy(buf + len, "\xE2\x80\xA6", 4);
        if (text_measure(p->t, p->r, buf, st, &tw, &th) != 0 || tw <= w) break;
    }
    return buf;
}

/* One row of a list: the dates and type, then the title on one line; every row the same
 * height, so that only the rows in sight are drawn however long the list is. */
#define LIST_ROW 42
static void list_row(pen *p, const cm_ui *u, int idx, float y0)
{
    const cm_event *e = &u->cat->events.ev[idx];
    const cm_layer_style *ls = style_layer(catalog_event_layer(e->cat));
    float ui = p->ui, w = p->w - 22 * ui;
    SDL_FRect r = {p->x - 6 * ui, y0, p->w + 12 * ui, LIST_ROW * ui};
    if (u->hover.kind == CM_REF_EVENT && u->hover.idx == idx) {
        SDL_Color hl = CM_RGB(0x8A3A1E);
        hl.a = 24;
        draw_rect(p->vb, r.x, r.y, r.w, r.h, hl);
    }
    if (overlay_imprecise(e))
        overlay_marker_hollow(p->vb, ls->marker, p->x + 8 * ui, y0 + 13 * ui, 11 * ui, CM_RGB(ls->color), events_weight(e, &u->when) > 0 ? 1 : 0.4f);
    else overlay_marker(p->vb, ls->marker, p->x + 8 * ui, y0 + 13 * ui, 11 * ui, CM_RGB(ls->color), events_weight(e, &u->when) > 0 ? 1 : 0.4f);
    vbuf_flush(p->r, p->vb);
    char dates[128], line[200], cut[256];
    details_format_dates(e, dates, sizeof dates);
    snprintf(line, sizeof line, "%s \xC2\xB7 %s%s", dates, e->claim ? "Demand or claim" : events_category_name(e->cat), e->has_point || e->is_area ? "" : " \xC2\xB7 no place");
    cm_textstyle a = {.size = (int)(CM_TYPE_SMALL * ui), .color = CM_RGB(0x77705F)};
    cm_textstyle b = {.size = (int)(CM_TYPE_LEAD * ui), .bold = 1, .color = CM_RGB(0x1F1F1F)};
    text_draw(p->t, p->r, fit(p, line, &a, w, cut, sizeof cut), &a, p->x + 22 * ui, y0 + 4 * ui, 0, 0);
    text_draw(p->t, p->r, fit(p, e->title ? e->title : "", &b, w, cut, sizeof cut), &b, p->x + 22 * ui, y0 + 19 * ui, 0, 0);
    item(p, r, CM_ITEM_ENTRY, idx, -1);
}

/* All n entries of u->list, drawing only the rows in sight. */
static void list_rows(pen *p, const cm_ui *u)
{
    float row = LIST_ROW * p->ui, y0 = p->y;
    int first = (int)((p->clip.y - y0) / row), last = (int)((p->clip.y + p->clip.h - y0) / row) + 1;
    if (first < 0) first = 0;
    if (last > u->nlist) last = u->nlist;
    for (int i = first; i < last; i++) list_row(p, u, u->list[i], y0 + i * row);
    p->y = y0 + u->nlist * row;
}

/* Totals of a list of picks: events by type, and the fatalities their figures report. */
static void totals(pen *p, const cm_ui *u)
{
    cm_list_totals t;
    summary_totals(u, &t);
    char buf[600] = "";
    size_t n = 0;
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT && n < sizeof buf - 80; k++)
        if (t.by[k]) n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s %d", n ? " \xC2\xB7 " : "", u->cat->layers[k].name, t.by[k]);
    para(p, buf, CM_TYPE_SMALL, 0, 0x3A3A3A, 0);
    if (t.with_figure) {
        snprintf(buf, sizeof buf, "Fatalities reported: %ld (in %d of the %d events)", t.killed, t.with_figure, u->nlist);
        para(p, buf, CM_TYPE_SMALL, 0, 0x3A3A3A, 0);
    }
    gap(p, 4);
}

static void region_view(pen *p, const cm_ui *u)
{
    const cm_shapes *gov = &u->cat->layers[CM_LAYER_GOVERNORATES].shp;
    int g = u->sel.idx;
    /* what the area is comes from the data (TYPE_EN): a buffer zone is no governorate */
    const char *type = shapes_attr(gov, g, "TYPE_EN");
    char head[96];
    snprintf(head, sizeof head, "%s", type && *type ? type : u->cat->profile.region_kind); /* capitals below */
    for (char *c = head; *c; c++) if (*c >= 'a' && *c <= 'z') *c -= 32;
    para(p, head, CM_TYPE_CAPTION, 1, 0x8A3A1E, 0);
    para(p, shapes_attr(gov, g, "NAME_EN"), CM_TYPE_NAME, 1, 0x1F1F1F, 0);
    para(p, shapes_attr(gov, g, "NAME_AR"), CM_TYPE_NAME_ALT, 0, 0x3A3A3A, 0);
    para(p, shapes_attr(gov, g, "ISO"), CM_TYPE_CAPTION, 0, 0x8A8378, 0);
    const char *note = shapes_attr(gov, g, "NOTE");
    if (note && *note) {
        gap(p, 6);
        para(p, note, CM_TYPE_BODY, 0, 0x2B2B2B, 0);
    }
    gap(p, 8);
    rule(p);
    p->y += summary_draw(p->r, p->vb, p->t, p->ui, p->x, p->y, p->w, u); /* by type, killed, weekly chart */
    char list_head[160], when[96];
    cm_date a = {u->when.a, CM_PREC_DAY}, b = {u->when.b, CM_PREC_DAY};
    date_format(a, when, sizeof when);
    if (u->when.a != u->when.b) {
        char tail[48];
        date_format(b, tail, sizeof tail);
        snprintf(when + strlen(when), sizeof when - strlen(when), " \xE2\x80\x93 %s", tail);
    }
    snprintf(list_head, sizeof list_head, "%d %s on the map here, %s", u->nlist, u->nlist == 1 ? "event" : "events", when);
    para(p, list_head, CM_TYPE_SMALL, 1, 0x5A5A5A, 0);
    gap(p, 2); /* the totals are the summary's, above */
    if (!u->nlist) para(p, "Nothing recorded here at this date. Move the timeline or widen the window (R).", CM_TYPE_BODY, 0, 0x6A6A6A, 0);
    list_rows(p, u);
}

static void picks_view(pen *p, const cm_ui *u)
{
    char head[64];
    snprintf(head, sizeof head, "%d THINGS HERE \xE2\x80\x94 CHOOSE ONE", u->nlist);
    para(p, head, CM_TYPE_CAPTION, 1, 0x8A3A1E, 0);
    gap(p, 2);
    if (u->nlist > 3) totals(p, u);
    gap(p, 4);
    list_rows(p, u);
}

static void event_view(pen *p, const cm_ui *u)
{
    const cm_event *e = &u->cat->events.ev[u->sel.idx];
    const cm_layer_style *ls = style_layer(catalog_event_layer(e->cat));
    char buf[512];
    float y0 = p->y;
    overlay_marker(p->vb, ls->marker, p->x + 6 * p->ui, y0 + 7 * p->ui, 11 * p->ui, CM_RGB(ls->color), 1);
    vbuf_flush(p->r, p->vb);
    snprintf(buf, sizeof buf, "%s", e->claim ? "Demand or claim" : events_category_name(e->cat));
    for (char *c = buf; *c; c++) if (*c >= 'a' && *c <= 'z') *c -= 32;
    para(p, buf, CM_TYPE_CAPTION, 1, ls->color, 18 * p->ui);
    gap(p, 2);
    para(p, e->title, CM_TYPE_TITLE, 1, 0x1F1F1F, 0);
    gap(p, 4);
    details_format_dates(e, buf, sizeof buf);
    para(p, buf, CM_TYPE_BODY, 1, 0x3A3A3A, 0);
    if (e->place || e->has_point) {
        char where[256];
        if (e->has_point)
            snprintf(where, sizeof where, "%s \xC2\xB7 %.3f\xC2\xB0 N %.3f\xC2\xB0 E%s", e->place ? e->place : "", e->lat, e->lon,
                     e->approx == CM_LOC_APPROX ? " \xC2\xB7 approximate location" : "");
        else snprintf(where, sizeof where, "%s", e->place);
        para(p, where, CM_TYPE_SMALL, 0, 0x6A6A6A, 0);
    }
    if (e->approx == CM_LOC_REGION || events_attr(e, "location_note")) { /* what the drawn area stands for */
        char note[1024];
        report_location_note(e, note, sizeof note);
        para(p, note, CM_TYPE_SMALL, 0, 0x6A6A6A, 0);
    }
    if (e->claim) para(p, REPORT_CLAIM_NOTE, CM_TYPE_SMALL, 1, 0x6A6A6A, 0);
    gap(p, 8);
    para(p, e->summary, CM_TYPE_BODY, 0, 0x2B2B2B, 0);
    gap(p, 10);
    if (e->nfig) {
        rule(p);
        para(p, "REPORTED FIGURES", CM_TYPE_CAPTION, 1, 0x8A3A1E, 0);
        gap(p, 3);
        for (int i = 0; i < e->nfig; i++) {
            char d[32] = "";
            if (e->fig[i].day != CM_DAY_NONE) {
                cm_date fd = {e->fig[i].day, CM_PREC_DAY};
                date_format(fd, d, sizeof d);
            }
            snprintf(buf, sizeof buf, "%s", e->fig[i].value);
            para(p, buf, CM_TYPE_BODY, 1, 0x1F1F1F, 0);
            snprintf(buf, sizeof buf, "reported by %s%s%s", e->fig[i].reporter, *d ? ", " : "", d);
            para(p, buf, CM_TYPE_SMALL, 0, 0x6A6A6A, 0);
            gap(p, 4);
        }
        gap(p, 6);
    }
    rule(p);
    snprintf(buf, sizeof buf, "SOURCES (%d)", e->nsrc);
    para(p, buf, CM_TYPE_CAPTION, 1, 0x8A3A1E, 0);
    gap(p, 3);
    if (!e->nsrc) para(p, "No source given in the data file.", CM_TYPE_BODY, 0, 0xAA3333, 0);
    for (int i = 0; i < e->nsrc; i++) {
        const cm_source *s = &e->src[i];
        char d[32] = "";
        if (s->day != CM_DAY_NONE) {
            cm_date sd = {s->day, CM_PREC_DAY};
            date_format(sd, d, sizeof d);
        }
        snprintf(buf, sizeof buf, "%s%s%s", s->outlet, *d ? ", " : "", d);
        para(p, buf, CM_TYPE_BODY, 1, 0x1F1F1F, 0);
        if (s->title) {
            snprintf(buf, sizeof buf, "\xE2\x80\x9C%s\xE2\x80\x9D", s->title);
            para(p, buf, CM_TYPE_SMALL, 0, 0x3A3A3A, 0);
        }
        if (s->note) para(p, s->note, CM_TYPE_SMALL, 0, 0x6A6A6A, 0);
        if (s->url) {
            float y1 = p->y;
            cm_textstyle cp = {.size = (int)(CM_TYPE_CAPTION * p->ui), .bold = 1, .color = CM_RGB(0x3A3A3A)};
            int cw, ch;
            text_measure(p->t, p->r, "COPY", &cp, &cw, &ch);
            float bw = cw + 12 * p->ui;
            float save = p->w;
            p->w -= bw + 8 * p->ui;
            para(p, s->url, CM_TYPE_SMALL, 0, 0x1F5FA8, 0);
            p->w = save;
            item(p, (SDL_FRect){p->x, y1, p->w - bw - 8 * p->ui, p->y - y1}, CM_ITEM_URL, u->sel.idx, i);
            SDL_FRect b = {p->x + p->w - bw, y1, bw, ch + 4 * p->ui};
            draw_rect(p->vb, b.x, b.y, b.w, b.h, CM_RGB(0xF1EFEA));
            vbuf_flush(p->r, p->vb);
            text_draw(p->t, p->r, "COPY", &cp, b.x + b.w / 2, b.y + b.h / 2, 0.5f, 0.5f);
            item(p, b, CM_ITEM_COPY, u->sel.idx, i);
        }
        gap(p, 7);
    }
    if (e->nregions) {
        rule(p);
        para(p, "GOVERNORATES", CM_TYPE_CAPTION, 1, 0x8A3A1E, 0);
        for (int i = 0; i < e->nregions; i++) {
            float y1 = p->y;
            const char *nm = shapes_attr(&u->cat->layers[CM_LAYER_GOVERNORATES].shp, e->region_idx[i], "NAME_EN");
            para(p, nm ? nm : e->regions[i], CM_TYPE_BODY, 0, 0x1F5FA8, 0);
            item(p, (SDL_FRect){p->x, y1, p->w, p->y - y1}, CM_ITEM_REGION, e->region_idx[i], -1);
        }
    }
}

void details_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, cm_frame *f)
{
    f->nitems = 0;
    f->panel_content_h = 0;
    if (!details_open(u) || f->panel.w <= 0) return;
    SDL_FRect P = f->panel;
    draw_rect(vb, P.x, P.y, P.w, P.h, CM_RGB(0xFFFFFF));
    draw_rect(vb, P.x, P.y, 1 * ui, P.h, CM_RGB(0xCFC9BD));
    vbuf_flush(r, vb);

    /* close button, outside the scrolled area */
    SDL_FRect close = {P.x + P.w - 34 * ui, P.y + 8 * ui, 26 * ui, 26 * ui};
    f->items[f->nitems++] = (cm_item){close, CM_ITEM_CLOSE, -1, -1};

    pen p = {r, vb, t, ui, P.x + 18 * ui, P.w - 36 * ui - 20 * ui, P.y + 16 * ui - u->scroll, {P.x, P.y, P.w, P.h}, f};
    SDL_Rect clip = {(int)P.x, (int)P.y, (int)P.w, (int)P.h};
    SDL_RenderSetClipRect(r, &clip);
    float top = p.y;
    if (u->picking) picks_view(&p, u);
    else if (u->sel.kind == CM_REF_REGION) region_view(&p, u);
    else event_view(&p, u);
    f->panel_content_h = p.y - top + 24 * ui;
    SDL_RenderSetClipRect(r, NULL);

    cm_textstyle x = {.size = (int)(CM_TYPE_HEADING * ui), .bold = 1, .color = CM_RGB(0x6A6A6A)};
    draw_rect(vb, close.x, close.y, close.w, close.h, CM_RGB(0xF1EFEA));
    vbuf_flush(r, vb);
    text_draw(t, r, "\xC3\x97", &x, close.x + close.w / 2, close.y + close.h / 2, 0.5f, 0.5f);
    /* a scroll hint when there is more below */
    if (f->panel_content_h > P.h) {
        float vis = P.h / f->panel_content_h, pos = u->scroll / f->panel_content_h;
        SDL_Color bar = CM_RGB(0x9A9286);
        bar.a = 160;
        draw_rect(vb, P.x + P.w - 5 * ui, P.y + pos * P.h, 3 * ui, vis * P.h, bar);
        vbuf_flush(r, vb);
    }
}
