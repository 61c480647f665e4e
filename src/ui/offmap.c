/* offmap: the off-map notice; see offmap.h. */
#include "ui/offmap.h"

#include "render/outside.h"
#include "render/style.h"

void offmap_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s)
{
    char msg[512];
    if (!outside_summary(s->cat, &s->when, msg, sizeof msg)) return;
    float ui = s->ui;
    cm_textstyle st = {.size = (int)(CM_TYPE_SMALL * ui), .color = CM_RGB(0x4A4A4A)};
    int w = 0, h = 0;
    text_measure(s->text, r, msg, &st, &w, &h);
    float pad = 6 * ui, bw = w + 2 * pad, bh = h + 2 * pad;
    float cx = s->view.x0 + (s->view.w - s->inset_r) / 2.0f, y = s->view.y0 + 8 * ui;
    SDL_Color paper = CM_RGB(0xFFFFFF);
    paper.a = 215;
    draw_rect(vb, cx - bw / 2, y, bw, bh, paper);
    vbuf_flush(r, vb);
    text_draw(s->text, r, msg, &st, cx - bw / 2 + pad, y + bh / 2, 0, 0.5f);
}
