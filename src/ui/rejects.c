/* rejects: the list of skipped rows; see rejects.h. */
#include "ui/rejects.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "render/style.h"

#define ROW_H 40 /* logical pixels: a row's place and reason, then its text */

static const char HINT[] = " \xE2\x80\x94 click here or press E to list them";

void rejects_notice(cm_rejects *r, const cm_import *im, char *out, size_t n)
{
    r->im = im;
    r->notice[0] = 0;
    if (n) out[0] = 0;
    if (!im->summary || n < sizeof HINT + 16) return;
    char first[800];
    snprintf(first, sizeof first, "%s", im->summary);
    char *nl = strchr(first, '\n');
    if (nl) *nl = 0; /* the first file's line; the list has every file's rows */
    if (im->nrej_all <= 0) {
        utf8_excerpt(out, n, first);
    } else {
        utf8_excerpt(out, n - (sizeof HINT - 1), first);
        strcat(out, HINT);
    }
    snprintf(r->notice, sizeof r->notice, "%s", out);
}

static long listed_rows(const cm_import *im, long *cached_files, long *cached_rows)
{
    long n = 0;
    *cached_files = *cached_rows = 0;
    for (int i = 0; i < im->nrej; i++) {
        if (im->rej[i].cached) { ++*cached_files; *cached_rows += im->rej[i].line; }
        else n++;
    }
    return n;
}

static void set_open(cm_rejects *r, cm_ui *u, int open)
{
    r->open = open;
    r->scroll = 0;
    if (!open || !r->im) return;
    long cf, cr, listed = listed_rows(r->im, &cf, &cr);
    char f[160];
    snprintf(f, sizeof f, "\"listed\":%ld,\"skipped\":%ld,\"cached_files\":%ld,\"more\":%ld", listed, r->im->nrej_all, cf,
             r->im->nrej_all - listed - cr);
    ui_log(u, "rejects", f);
}

static void scroll_by(cm_rejects *r, float dy)
{
    r->scroll += dy;
    float maxs = r->content_h - r->view_h;
    if (r->scroll > maxs) r->scroll = maxs;
    if (r->scroll < 0) r->scroll = 0;
}

static int in_rect(const SDL_FRect *b, float x, float y)
{
    return b->w > 0 && x >= b->x && x < b->x + b->w && y >= b->y && y < b->y + b->h;
}

int rejects_handle(cm_rejects *r, cm_ui *u, const cm_input *in, SDL_FRect notice, const SDL_Event *e, uint32_t now)
{
    if (!r->open) {
        if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT && r->notice[0] && u->toast[0] &&
            now < u->toast_until && strcmp(u->toast, r->notice) == 0 &&
            in_rect(&notice, e->button.x * in->ratio, e->button.y * in->ratio)) {
            u->toast[0] = 0; /* the notice has done its work */
            set_open(r, u, 1);
            return CM_IN_DIRTY;
        }
        if (e->type == SDL_KEYDOWN && e->key.keysym.sym == SDLK_e && !(e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT)) &&
            !SDL_IsTextInputActive() && !u->help && r->im) {
            set_open(r, u, 1);
            return CM_IN_DIRTY;
        }
        return -1;
    }
    switch (e->type) {
    case SDL_KEYDOWN: {
        SDL_Keycode c = e->key.keysym.sym;
        if ((e->key.keysym.mod & KMOD_CTRL) && (c == SDLK_q || c == SDLK_w)) return -1;
        float row = ROW_H * in->ui;
        if (c == SDLK_ESCAPE || c == SDLK_e) set_open(r, u, 0);
        else if (c == SDLK_DOWN) scroll_by(r, row);
        else if (c == SDLK_UP) scroll_by(r, -row);
        else if (c == SDLK_PAGEDOWN || c == SDLK_SPACE) scroll_by(r, r->view_h - row);
        else if (c == SDLK_PAGEUP) scroll_by(r, -(r->view_h - row));
        else if (c == SDLK_HOME) scroll_by(r, -r->content_h);
        else if (c == SDLK_END) scroll_by(r, r->content_h);
        else return 0;
        return CM_IN_DIRTY;
    }
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT && !in_rect(&r->box, e->button.x * in->ratio, e->button.y * in->ratio)) {
            set_open(r, u, 0);
            return CM_IN_DIRTY;
        }
        return 0;
    case SDL_MOUSEBUTTONUP:
    case SDL_TEXTINPUT:
        return 0;
    case SDL_MOUSEWHEEL:
        scroll_by(r, -e->wheel.preciseY * 40 * in->ui);
        return CM_IN_DIRTY;
    default:
        return -1;
    }
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

void rejects_draw(SDL_Renderer *ren, cm_vbuf *vb, cm_text *t, float ui, cm_rejects *r, const cm_frame *f)
{
    r->box = (SDL_FRect){0, 0, 0, 0};
    if (!r->open || !r->im) return;
    const cm_import *im = r->im;
    float w = 860 * ui, pad = 18 * ui, head = 64 * ui, rowh = ROW_H * ui;
    if (w > f->map.w - 40 * ui) w = f->map.w - 40 * ui;
    long cf, cr, listed = listed_rows(im, &cf, &cr), more = im->nrej_all - listed - cr;
    int nrows = im->nrej + (more > 0) + (im->nrej_all <= 0);
    float h = head + nrows * rowh + pad;
    if (h > f->map.h - 40 * ui) h = f->map.h - 40 * ui;
    float x = f->map.x + (f->map.w - w) / 2, y = f->map.y + (f->map.h - h) / 2;
    r->box = (SDL_FRect){x, y, w, h};
    r->content_h = nrows * rowh;
    r->view_h = h - head - pad;
    scroll_by(r, 0); /* within the list as it is now */
    draw_rect(vb, f->map.x, f->map.y, f->map.w, f->map.h, CM_RGBA(0x000000, 70));
    draw_rect(vb, x + 2 * ui, y + 2 * ui, w, h, CM_RGBA(0x000000, 40));
    draw_rect(vb, x, y, w, h, CM_RGBA(0xFFFFFF, 250));
    vbuf_flush(ren, vb);
    cm_textstyle title = {.size = (int)(16 * ui), .bold = 1, .color = CM_RGB(0x1F1F1F)};
    cm_textstyle sub = {.size = (int)(12 * ui), .color = CM_RGB(0x5A5A5A)};
    cm_textstyle place = {.size = (int)(12 * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
    cm_textstyle row = {.size = (int)(11 * ui), .color = CM_RGB(0x2B2B2B)};
    char a[1200], b[600], num[32], num2[32];
    import_thousands(num, sizeof num, im->nrej_all);
    snprintf(a, sizeof a, "Rows skipped while loading: %s", num);
    text_draw(t, ren, a, &title, x + pad, y + 14 * ui, 0, 0);
    import_thousands(num2, sizeof num2, listed);
    if (listed > 0)
        snprintf(b, sizeof b, "%s listed (file, line, reason, the row's text). Esc or a click outside closes; the wheel and arrows scroll.", num2);
    else snprintf(b, sizeof b, "Esc or a click outside closes.");
    text_draw(t, ren, b, &sub, x + pad, y + 38 * ui, 0, 0);
    SDL_Rect clip = {(int)x, (int)(y + head), (int)w, (int)r->view_h};
    SDL_RenderSetClipRect(ren, &clip);
    size_t chars = (size_t)((w - 2 * pad) / (6.2f * ui)); /* what fits on a line, roughly */
    if (chars < 20) chars = 20;
    if (chars > sizeof b - 1) chars = sizeof b - 1;
    for (int i = 0; i < nrows; i++) {
        float ry = y + head + i * rowh - r->scroll;
        if (ry + rowh < y + head || ry > y + head + r->view_h) continue; /* only the rows shown are shaped */
        if (i < im->nrej && im->rej[i].cached) {
            const char *from = strstr(im->rej[i].raw, " from "), *end = from ? strchr(from, ';') : NULL;
            int len = from && end ? (int)(end - from - 6) : 0;
            import_thousands(num, sizeof num, im->rej[i].line);
            snprintf(a, sizeof a, "%.*s: %s row%s skipped; opened from the cache", len, from ? from + 6 : "", num,
                     im->rej[i].line == 1 ? "" : "s");
            snprintf(b, sizeof b, "run with --no-cache or --rejects FILE.csv to list them");
        } else if (i < im->nrej) {
            const cm_reject *j = &im->rej[i];
            snprintf(a, sizeof a, "%s, %s %ld: %s", base_name(j->file), j->unit ? j->unit : "line", j->line, j->reason);
            utf8_clean(a);
            utf8_excerpt(b, chars + 1, j->raw); /* whole characters, one line */
        } else if (im->nrej_all <= 0) {
            snprintf(a, sizeof a, "No rows were skipped while loading.");
            b[0] = 0;
        } else {
            import_thousands(num, sizeof num, more);
            snprintf(a, sizeof a, "and %s more: use --rejects FILE.csv to get them all", num);
            b[0] = 0;
        }
        text_draw(t, ren, a, &place, x + pad, ry + 4 * ui, 0, 0);
        if (b[0]) text_draw(t, ren, b, &row, x + pad, ry + 21 * ui, 0, 0);
    }
    SDL_RenderSetClipRect(ren, NULL);
}
