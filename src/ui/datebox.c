/* datebox: see datebox.h. */
#include "ui/datebox.h"

#include <stdio.h>

#include "render/style.h"

void datebox_format(const cm_when *w, char *buf, size_t n)
{
    char a[40], b[40];
    cm_date da = {w->a, CM_PREC_DAY}, db = {w->b, CM_PREC_DAY};
    date_format(da, a, sizeof a);
    if (w->a == w->b) { snprintf(buf, n, "%s", a); return; }
    date_format(db, b, sizeof b);
    snprintf(buf, n, "%s \xE2\x80\x93 %s", a, b);
}

typedef struct {
    char title[64], date[96], sub[128];
    cm_textstyle kicker, big, small;
    int w1, h1, w2, h2, w3, h3;
} box_text;

/* "COUNTRY 2024–2025": the base map's country (its profile's name, in capitals) and the years
 * of the events loaded */
static void title(const cm_ctl *s, char *buf, size_t n)
{
    char name[64];
    size_t k = 0;
    for (const char *p = s->cat->profile.name; p && *p && k + 1 < sizeof name; p++)
        name[k++] = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
    name[k] = 0;
    const char *sp = k ? " " : "";
    int y0, y1, m, d;
    if (!s->cat->events.n) { snprintf(buf, n, "%s", name); return; }
    date_to_civil(s->cat->events.span_first, &y0, &m, &d);
    date_to_civil(s->cat->events.span_last, &y1, &m, &d);
    if (y0 == y1) snprintf(buf, n, "%s%s%d", name, sp, y0);
    else snprintf(buf, n, "%s%s%d\xE2\x80\x93%d", name, sp, y0, y1);
}

static void measure(SDL_Renderer *r, const cm_ctl *s, box_text *t)
{
    float ui = s->ui;
    title(s, t->title, sizeof t->title);
    datebox_format(&s->when, t->date, sizeof t->date);
    if (s->when.window) snprintf(t->sub, sizeof t->sub, "everything in this window");
    else if (s->when.fade > 0) snprintf(t->sub, sizeof t->sub, "point events fade over %d days", (int)s->when.fade);
    else snprintf(t->sub, sizeof t->sub, "events of this day");
    t->kicker = (cm_textstyle){.size = (int)(CM_TYPE_SMALL * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
    t->big = (cm_textstyle){.size = (int)(CM_TYPE_DATE * ui), .bold = 1, .color = CM_RGB(0x1F1F1F)};
    t->small = (cm_textstyle){.size = (int)(CM_TYPE_SMALL * ui), .color = CM_RGB(0x5A5A5A)};
    text_measure(s->text, r, t->title, &t->kicker, &t->w1, &t->h1);
    text_measure(s->text, r, t->date, &t->big, &t->w2, &t->h2);
    text_measure(s->text, r, t->sub, &t->small, &t->w3, &t->h3);
}

SDL_FRect datebox_rect(SDL_Renderer *r, const cm_ctl *s)
{
    box_text t;
    measure(r, s, &t);
    float pad = 10 * s->ui;
    int w = t.w1 > t.w2 ? t.w1 : t.w2;
    if (t.w3 > w) w = t.w3;
    return (SDL_FRect){s->view.x0 + 12 * s->ui, s->view.y0 + 12 * s->ui, w + 2 * pad, (float)(t.h1 + t.h2 + t.h3) + 2 * pad};
}

void datebox_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s, SDL_FRect b)
{
    box_text t;
    measure(r, s, &t);
    float ui = s->ui, pad = 10 * ui;
    SDL_Color paper = CM_RGB(0xFFFFFF);
    paper.a = 235;
    draw_rect(vb, b.x, b.y, b.w, b.h, paper);
    draw_rect(vb, b.x, b.y, 3 * ui, b.h, CM_RGB(0x8A3A1E));
    vbuf_flush(r, vb);
    text_draw(s->text, r, t.title, &t.kicker, b.x + pad, b.y + pad, 0, 0);
    text_draw(s->text, r, t.date, &t.big, b.x + pad, b.y + pad + t.h1, 0, 0);
    text_draw(s->text, r, t.sub, &t.small, b.x + pad, b.y + pad + t.h1 + t.h2, 0, 0);
}
