/* popups: tooltip, toast, search box, help; see popups.h. */
#include "ui/popups.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "render/style.h"
#include "ui/details.h"

static void box(cm_vbuf *vb, SDL_FRect b, Uint32 fill, Uint8 a, float ui)
{
    draw_rect(vb, b.x + 2 * ui, b.y + 2 * ui, b.w, b.h, CM_RGBA(0x000000, 40)); /* shadow */
    draw_rect(vb, b.x, b.y, b.w, b.h, CM_RGBA(fill, a));
}

void popups_tooltip(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, float mx, float my, const cm_frame *f)
{
    if (u->hover.kind == CM_REF_NONE) return;
    char line1[256], line2[160] = "";
    if (u->hover.kind == CM_REF_REGION) {
        const cm_shapes *gov = &u->cat->layers[CM_LAYER_GOVERNORATES].shp;
        snprintf(line1, sizeof line1, "%s", shapes_attr(gov, u->hover.idx, "NAME_EN"));
        snprintf(line2, sizeof line2, "%s", shapes_attr(gov, u->hover.idx, "NAME_AR"));
    } else if (u->hover_count > 1) {
        snprintf(line1, sizeof line1, "%d events here", u->hover_count);
        snprintf(line2, sizeof line2, u->hover_stack ? "at this one place: click to list them" : "click to zoom in");
        if (u->hover_stack != 1) { /* a cluster: its events by layer, largest first */
            int done[CM_LAYER_COUNT] = {0};
            size_t n = (size_t)snprintf(line1, sizeof line1, "%d events here:", u->hover_count);
            for (int shown = 0; shown < 4; shown++) {
                int best = -1;
                for (int l = CM_LAYER_FIRST_EVENT; l < CM_LAYER_COUNT; l++)
                    if (!done[l] && u->hover_mix[l] > 0 && (best < 0 || u->hover_mix[l] > u->hover_mix[best])) best = l;
                if (best < 0 || n >= sizeof line1 - 40) break;
                done[best] = 1;
                n += (size_t)snprintf(line1 + n, sizeof line1 - n, "%s %d %s", shown ? "," : "", u->hover_mix[best], u->cat->layers[best].name);
            }
        }
    } else {
        const cm_event *e = &u->cat->events.ev[u->hover.idx];
        snprintf(line1, sizeof line1, "%s", e->title);
        details_format_dates(e, line2, sizeof line2);
    }
    cm_textstyle a = {.size = (int)(CM_TYPE_BODY * ui), .bold = 1, .color = CM_RGB(0xFFFFFF)};
    cm_textstyle b = {.size = (int)(CM_TYPE_SMALL * ui), .color = CM_RGB(0xDDDDDD)};
    int w1, h1, w2 = 0, h2 = 0;
    text_measure(t, r, line1, &a, &w1, &h1);
    if (*line2) text_measure(t, r, line2, &b, &w2, &h2);
    float pad = 7 * ui, w = (float)(w1 > w2 ? w1 : w2) + 2 * pad, h = (float)(h1 + h2) + 2 * pad;
    /* never over the details panel: a tooltip on the map keeps left of it; one for a row of the
     * panel stands beside the panel, level with the row */
    float left = f->map.x, right = f->map.x + f->map.w - f->panel.w;
    int on_panel = f->panel.w > 0 && mx >= f->panel.x && mx < f->panel.x + f->panel.w && my >= f->panel.y && my < f->panel.y + f->panel.h;
    float x = mx + 16 * ui, y = my + 14 * ui;
    if (on_panel) {
        x = f->panel.x - 8 * ui - w;
        y = my - h / 2;
    } else if (x + w > right) {
        x = mx - 10 * ui - w;
    }
    if (x + w > right) x = right - w;
    if (x < left) x = left;
    if (y + h > f->map.y + f->map.h) y = (on_panel ? f->map.y + f->map.h : my - 10 * ui) - h;
    if (y < f->map.y) y = f->map.y;
    box(vb, (SDL_FRect){x, y, w, h}, 0x262626, 235, ui);
    vbuf_flush(r, vb);
    text_draw(t, r, line1, &a, x + pad, y + pad, 0, 0);
    if (*line2) text_draw(t, r, line2, &b, x + pad, y + pad + h1, 0, 0);
}

void popups_toast(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, uint32_t now, cm_frame *f)
{
    f->toast = (SDL_FRect){0, 0, 0, 0};
    if (!u->toast[0] || now >= u->toast_until) return;
    cm_textstyle st = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0xFFFFFF), .wrap = (int)(f->map.w * 0.6f)};
    int w, h;
    text_measure(t, r, u->toast, &st, &w, &h);
    float pad = 9 * ui, bw = w + 2 * pad, bh = h + 2 * pad;
    float x = f->map.x + (f->map.w - f->panel.w - bw) / 2, y = f->map.y + f->map.h - bh - 40 * ui;
    box(vb, (SDL_FRect){x, y, bw, bh}, 0x262626, 235, ui);
    f->toast = (SDL_FRect){x, y, bw, bh};
    vbuf_flush(r, vb);
    text_draw(t, r, u->toast, &st, x + pad, y + pad, 0, 0);
}

void popups_search(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, cm_frame *f)
{
    f->nresults = 0;
    if (!u->search_open) return;
    float w = 460 * ui, x = f->map.x + (f->map.w - f->panel.w - w) / 2, y = f->map.y + 14 * ui, rowh = 26 * ui;
    if (x < 8) x = 8;
    box(vb, (SDL_FRect){x, y, w, 36 * ui}, 0xFFFFFF, 250, ui);
    draw_rect(vb, x, y + 34 * ui, w, 2 * ui, CM_RGBA(0x8A3A1E, 255));
    vbuf_flush(r, vb);
    cm_textstyle q = {.size = (int)(CM_TYPE_INPUT * ui), .color = CM_RGB(0x1F1F1F)};
    cm_textstyle ph = {.size = (int)(CM_TYPE_SUBHEAD * ui), .color = CM_RGB(0x9A9A9A)};
    char shown[128];
    snprintf(shown, sizeof shown, "%s|", u->query);
    if (u->query[0]) text_draw(t, r, shown, &q, x + 12 * ui, y + 18 * ui, 0, 0.5f);
    else { /* "Search a governorate, ...": the region kind of the map profile */
        char hint[160];
        snprintf(hint, sizeof hint, "Search a %s, place or event\xE2\x80\xA6", u->cat->profile.region_kind);
        text_draw(t, r, hint, &ph, x + 12 * ui, y + 18 * ui, 0, 0.5f);
    }
    if (!u->query[0]) return;
    float ry = y + 40 * ui;
    int n = u->nresults;
    box(vb, (SDL_FRect){x, ry, w, (n ? n : 1) * rowh + 8 * ui}, 0xFFFFFF, 250, ui);
    vbuf_flush(r, vb);
    cm_textstyle it = {.size = (int)(CM_TYPE_LEAD * ui), .color = CM_RGB(0x1F1F1F)};
    if (!n) {
        cm_textstyle none = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x8A8A8A)};
        text_draw(t, r, "No match", &none, x + 12 * ui, ry + 4 * ui + rowh / 2, 0, 0.5f);
    }
    for (int i = 0; i < n && i < 16; i++) {
        SDL_FRect row = {x, ry + 4 * ui + i * rowh, w, rowh};
        if (i == u->result_sel) {
            draw_rect(vb, row.x, row.y, row.w, row.h, CM_RGBA(0x8A3A1E, 36));
            vbuf_flush(r, vb);
        }
        text_draw(t, r, u->results[i].label, &it, x + 12 * ui, row.y + rowh / 2, 0, 0.5f);
        f->result_row[f->nresults++] = row;
    }
}

static const char *HELP[][2] = {
    {"Drag, arrow keys", "pan the map"},
    {"Wheel, + / -", "zoom (the wheel zooms around the cursor)"},
    {"Home or 0", "fit the whole country"},
    {"Click a governorate", "its events and areas at this date, newest first"},
    {"Click a marker, area or badge", "the full record: dates, place, figures, sources"},
    {"Esc, click the sea", "clear the selection (and close this help or the search)"},
    {"Space", "play / pause the timeline"},
    {", and .", "one day back / forward"},
    {"[ and ]", "one week back / forward"},
    {"Page Up / Page Down", "one month back / forward"},
    {"S", "cycle the play speed (day, week, month per second)"},
    {"R", "range mode: show a window of dates between two handles"},
    {"Drag the timeline", "move the date (or the nearest handle)"},
    {"1 \xE2\x80\xA6 9", "show or hide the legend's first nine event layers, in its order"},
    {NULL, NULL}, /* the base layers' keys: popups_help_layer_keys */
    {"Click a legend row", "show or hide that layer"},
    {"H", "heat view: point events as a density map (and back)"},
    {"K, click LAYERS", "fold the legend to its header (and open it again)"},
    {"Ctrl+F or /", "search a place or event; Enter picks, arrows move"},
    {"Ctrl+K", "filter: words, type:battle actor:NAME killed:10 ..."},
    {"Ctrl+L", "the list of what is shown, with totals; sort; click a row"},
    {"Ctrl+G;  Ctrl+[ and ]", "type a date; fade a week shorter / longer"},
    {"M, then two clicks", "measure a distance on the ground"},
    {"Ctrl+E", "export the events shown (GeoJSON; the path is shown)"},
    {"Ctrl+Shift+C, Ctrl+Shift+P", "copy the view as a command line; the cursor's place"},
    {"Ctrl+S", "save a screenshot of the window (the path is shown)"},
    {"E, click the load notice", "the rows skipped while loading: file, line, reason, text"},
    {"F1 or ?", "this help"},
    {"Ctrl+Q", "quit"},
};

void popups_help_layer_keys(char *keys, size_t nkeys, char *what, size_t nwhat)
{
    size_t k = 0, w = (size_t)snprintf(what, nwhat, "show or hide");
    keys[0] = 0;
    for (int l = 0; l < CM_LAYER_COUNT; l++) {
        const cm_layer_def *d = categories_layer(l);
        if (!d->key) continue;
        if (k < nkeys) k += (size_t)snprintf(keys + k, nkeys - k, "%s%c", k ? ", " : "", toupper((unsigned char)d->key));
        if (w < nwhat) w += (size_t)snprintf(what + w, nwhat - w, "%s", k > 1 ? ", " : " ");
        for (const char *c = d->title; *c && w + 1 < nwhat; c++) what[w++] = (char)tolower((unsigned char)*c);
        if (w < nwhat) what[w] = 0;
    }
}

void popups_help(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_frame *f)
{
    int n = (int)(sizeof HELP / sizeof HELP[0]);
    float rowh = 22 * ui, w = 620 * ui, h = n * rowh + 70 * ui;
    float x = f->map.x + (f->map.w - w) / 2, y = f->map.y + (f->map.h - h) / 2;
    if (y < 4) y = 4;
    draw_rect(vb, f->map.x, f->map.y, f->map.w, f->map.h, CM_RGBA(0x000000, 70));
    box(vb, (SDL_FRect){x, y, w, h}, 0xFFFFFF, 250, ui);
    vbuf_flush(r, vb);
    cm_textstyle head = {.size = (int)(CM_TYPE_HEADING * ui), .bold = 1, .color = CM_RGB(0x1F1F1F)};
    cm_textstyle k = {.size = (int)(CM_TYPE_BODY * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
    cm_textstyle d = {.size = (int)(CM_TYPE_BODY * ui), .color = CM_RGB(0x2B2B2B)};
    text_draw(t, r, "Controls", &head, x + 20 * ui, y + 16 * ui, 0, 0);
    for (int i = 0; i < n; i++) {
        float ry = y + 52 * ui + i * rowh;
        const char *key = HELP[i][0], *what = HELP[i][1];
        char kb[64], wb[160];
        if (!key) {
            popups_help_layer_keys(kb, sizeof kb, wb, sizeof wb);
            key = kb;
            what = wb;
        }
        text_draw(t, r, key, &k, x + 20 * ui, ry, 0, 0);
        text_draw(t, r, what, &d, x + 250 * ui, ry, 0, 0);
    }
}
