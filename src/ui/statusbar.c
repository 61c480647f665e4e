/* statusbar: see statusbar.h. */
#include "ui/statusbar.h"

#include <math.h>
#include <stdio.h>

#include "render/style.h"

void statusbar_format_lonlat(double lon, double lat, char *buf, size_t n)
{
    snprintf(buf, n, "%.4f\xC2\xB0 %c   %.4f\xC2\xB0 %c", fabs(lat), lat >= 0 ? 'N' : 'S', fabs(lon), lon >= 0 ? 'E' : 'W');
}

SDL_FRect statusbar_rect(const cm_ctl *s)
{
    float ui = s->ui;
    return (SDL_FRect){s->view.x0 + s->view.w - s->inset_r - 560 * ui, s->view.y0 + s->view.h - 24 * ui, 560 * ui, 24 * ui};
}

void statusbar_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s)
{
    float ui = s->ui;
    char line[256], pos[96] = "";
    if (s->has_cursor) statusbar_format_lonlat(s->cursor_lon, s->cursor_lat, pos, sizeof pos);
    snprintf(line, sizeof line, "%s%sz %.1f   %s   Natural Earth, public domain", pos, *pos ? "      " : "",
             view_zoom_level(&s->view), crs_target_name(s->cat->ll2map));
    SDL_Color ink = CM_RGB(0x3A3A3A), paper = CM_RGB(0xFFFFFF);
    paper.a = 215;
    cm_textstyle st = {.size = (int)(CM_TYPE_SMALL * ui), .color = ink};
    int w = 0, h = 0;
    if (text_measure(s->text, r, line, &st, &w, &h) != 0) return;
    float pad = 6 * ui;
    float x = s->view.x0 + s->view.w - s->inset_r - w - 2 * pad, y = s->view.y0 + s->view.h - h - 2 * pad / 1.5f;
    draw_rect(vb, x, y, w + 2 * pad, h + 2 * pad / 1.5f, paper);
    vbuf_flush(r, vb);
    text_draw(s->text, r, line, &st, x + pad, y + pad / 1.5f, 0, 0);
}
