/* basecache: see basecache.h. */
#include "render/basecache.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "render/style.h"

/* What the worker thread may touch (the sharing rules; make tsan checks them):
 * - Under mu only, on either thread: quit, pending, busy, done, failed, req, key, margin, got,
 *   got_key, got_margin. The main thread writes a request (request()) and reads a finished picture
 *   (collect()); the worker copies the request out and publishes its result.
 * - The worker's own, never touched by the main thread while busy: surf, ren and vb. The main
 *   thread reads surf's pixels in collect() only while done is set under mu, and the worker
 *   does not draw again until it takes a new request under mu (which clears done).
 * - What it draws from is the request's snapshot, a copy by value (view, UI scale, which base
 *   layers are shown), and the catalog's geometry (shapes, meshes, the outline), which is
 *   read-only once loaded. Never the catalog's layer visibility, the text cache, the UI state
 *   or the window's frame: the main thread changes those while the worker draws.
 * - wake is set before the thread starts; SDL_PushEvent is safe from any thread. */
typedef struct cm_baseworker {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int quit, pending, busy, done;
    int failed;            /* it could not make its surface: it draws nothing, the frame must */
    cm_basemap req;        /* the request, by value: its view is the texture-sized view to draw */
    unsigned key;
    int margin;
    SDL_Surface *surf;     /* the worker's picture */
    SDL_Renderer *ren;
    cm_vbuf vb;
    cm_view got;           /* what the finished picture shows */
    unsigned got_key;
    int got_margin;
    Uint32 wake;
} cm_baseworker;

static void *work(void *p)
{
    cm_baseworker *w = p;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->pending && !w->quit) pthread_cond_wait(&w->cv, &w->mu);
        if (w->quit) break;
        cm_basemap s = w->req;
        unsigned key = w->key;
        int margin = w->margin;
        w->pending = 0;
        w->busy = 1;
        pthread_mutex_unlock(&w->mu);
        if (!w->surf || w->surf->w != s.view.w || w->surf->h != s.view.h) {
            if (w->ren) SDL_DestroyRenderer(w->ren);
            if (w->surf) SDL_FreeSurface(w->surf);
            w->surf = SDL_CreateRGBSurfaceWithFormat(0, s.view.w, s.view.h, 32, SDL_PIXELFORMAT_ARGB8888);
            w->ren = w->surf ? SDL_CreateSoftwareRenderer(w->surf) : NULL;
        }
        if (w->ren) basemap_draw(w->ren, &w->vb, &s);
        pthread_mutex_lock(&w->mu);
        w->busy = 0;
        w->failed = !w->ren;
        if (!w->ren && w->wake) { /* say so: the frame waiting for it draws the base itself */
            SDL_Event e = {.type = w->wake};
            SDL_PushEvent(&e);
        }
        if (w->ren && !w->pending) { /* a newer request would make this one stale */
            w->done = 1;
            w->got = s.view;
            w->got_key = key;
            w->got_margin = margin;
            if (w->wake) {
                SDL_Event e = {.type = w->wake};
                SDL_PushEvent(&e);
            }
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

int basecache_start_worker(cm_basecache *b, Uint32 wake)
{
    cm_baseworker *w = calloc(1, sizeof *w);
    if (!w) return -1;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    w->wake = wake;
    if (pthread_create(&w->th, NULL, work, w) != 0) {
        free(w);
        return -1;
    }
    b->worker = w;
    return 0;
}

int basecache_busy(cm_basecache *b)
{
    if (!b->worker) return 0;
    pthread_mutex_lock(&b->worker->mu);
    int busy = b->worker->busy || b->worker->pending;
    pthread_mutex_unlock(&b->worker->mu);
    return busy;
}

/* the texture-sized view around v, margin on every side */
static cm_view cache_view(const cm_view *v, int *margin)
{
    *margin = (v->w > v->h ? v->w : v->h) / 8;
    cm_view cv = *v;
    cv.x0 = cv.y0 = 0;
    cv.w = v->w + 2 * *margin;
    cv.h = v->h + 2 * *margin;
    return cv;
}

static int ensure_texture(SDL_Renderer *r, cm_basecache *b, int w, int h)
{
    if (b->tex) {
        int tw, th;
        SDL_QueryTexture(b->tex, NULL, NULL, &tw, &th);
        if (tw == w && th == h) return 0;
        SDL_DestroyTexture(b->tex);
    }
    b->tex = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    return b->tex ? 0 : -1;
}

/* takes a finished picture from the worker */
static void collect(SDL_Renderer *r, cm_basecache *b)
{
    cm_baseworker *w = b->worker;
    pthread_mutex_lock(&w->mu);
    if (w->done && ensure_texture(r, b, w->got.w, w->got.h) == 0) {
        SDL_UpdateTexture(b->tex, NULL, w->surf->pixels, w->surf->pitch);
        b->view = w->got;
        b->key = w->got_key;
        b->margin = w->got_margin;
        b->stale = 0;
        b->redraws++;
    }
    w->done = 0;
    pthread_mutex_unlock(&w->mu);
}

static void request(cm_basecache *b, const cm_basemap *m, const cm_view *cv, int margin)
{
    cm_baseworker *w = b->worker;
    pthread_mutex_lock(&w->mu);
    if ((w->pending || w->busy) && w->req.view.scale == cv->scale && w->key == basemap_key(m)) {
        pthread_mutex_unlock(&w->mu); /* already on its way; the margin covers a small pan */
        return;
    }
    w->req = *m;
    w->req.view = *cv;
    w->key = basemap_key(m);
    w->margin = margin;
    w->pending = 1;
    w->done = 0;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

static int copy_exact(SDL_Renderer *r, cm_basecache *b, const cm_view *v)
{
    /* the texture's pixel under the view's top-left corner: measured from the centres, so a view
     * of another size than the one the texture was drawn for (a resized window) lines up too */
    double sx = (b->view.w - v->w) / 2.0 + (v->cx - b->view.cx) * v->scale;
    double sy = (b->view.h - v->h) / 2.0 - (v->cy - b->view.cy) * v->scale;
    SDL_Rect src = {(int)lround(sx), (int)lround(sy), v->w, v->h};
    if (src.x < 0 || src.y < 0 || src.x + src.w > b->view.w || src.y + src.h > b->view.h) return -1;
    SDL_Rect dst = {v->x0, v->y0, v->w, v->h};
    SDL_RenderCopy(r, b->tex, &src, &dst);
    b->hits++;
    return 0;
}

/* the part of the cached picture that is in view, stretched to where it is now (only that part:
 * the software renderer makes a temporary copy the size of what it stretches) */
static void copy_stretched(SDL_Renderer *r, cm_basecache *b, const cm_view *v)
{
    double wx0, wy0, wx1, wy1;
    view_to_world(v, v->x0, v->y0, &wx0, &wy0);
    view_to_world(v, v->x0 + v->w, v->y0 + v->h, &wx1, &wy1);
    double tx0 = (wx0 - b->view.cx) * b->view.scale + b->view.w / 2.0, ty0 = (b->view.cy - wy0) * b->view.scale + b->view.h / 2.0;
    double tx1 = (wx1 - b->view.cx) * b->view.scale + b->view.w / 2.0, ty1 = (b->view.cy - wy1) * b->view.scale + b->view.h / 2.0;
    double cx0 = fmax(tx0, 0), cy0 = fmax(ty0, 0), cx1 = fmin(tx1, b->view.w), cy1 = fmin(ty1, b->view.h);
    SDL_Color sea = CM_RGB(CM_SEA);
    SDL_SetRenderDrawColor(r, sea.r, sea.g, sea.b, 255);
    SDL_Rect all = {v->x0, v->y0, v->w, v->h};
    SDL_RenderFillRect(r, &all);
    if (cx1 > cx0 && cy1 > cy0) {
        double k = v->scale / b->view.scale;
        SDL_Rect src = {(int)cx0, (int)cy0, (int)ceil(cx1 - (int)cx0), (int)ceil(cy1 - (int)cy0)};
        SDL_FRect dst = {(float)(v->x0 + (src.x - tx0) * k), (float)(v->y0 + (src.y - ty0) * k), (float)(src.w * k), (float)(src.h * k)};
        SDL_RenderCopyF(r, b->tex, &src, &dst);
    }
    b->stretched++;
}

static void draw_sync(SDL_Renderer *r, cm_vbuf *vb, cm_basecache *b, const cm_basemap *m, const cm_view *cv, int margin)
{
    SDL_Texture *prev = SDL_GetRenderTarget(r);
    if (ensure_texture(r, b, cv->w, cv->h) != 0 || SDL_SetRenderTarget(r, b->tex) != 0) { /* no render targets */
        SDL_SetRenderTarget(r, prev);
        basemap_draw(r, vb, m);
        return;
    }
    cm_basemap whole = *m;
    whole.view = *cv;
    basemap_draw(r, vb, &whole);
    SDL_SetRenderTarget(r, prev);
    b->view = *cv;
    b->margin = margin;
    b->key = basemap_key(m);
    b->stale = 0;
    b->redraws++;
    copy_exact(r, b, &m->view);
}

/* No picture yet (the first frames): the view alone is drawn straight to the target, clipped
 * to it, while the worker draws the picture with its margins (1.75 times the pixels at 1280x800),
 * and so on each frame until it hands that over. 0 when the worker cannot (it failed to make
 * its surface, or it stopped): then the picture is drawn in the frame, as without a worker. */
static int draw_direct(SDL_Renderer *r, cm_vbuf *vb, cm_basecache *b, const cm_basemap *m, const cm_view *cv, int margin)
{
    cm_baseworker *w = b->worker;
    pthread_mutex_lock(&w->mu);
    int failed = w->failed || w->quit;
    pthread_mutex_unlock(&w->mu);
    if (failed) return 0;
    request(b, m, cv, margin);
    const cm_view *v = &m->view;
    SDL_Rect old, view = {v->x0, v->y0, v->w, v->h};
    int clipped = SDL_RenderIsClipEnabled(r);
    SDL_RenderGetClipRect(r, &old);
    SDL_RenderSetClipRect(r, &view);
    basemap_draw(r, vb, m);
    SDL_RenderSetClipRect(r, clipped ? &old : NULL);
    b->direct++;
    return 1;
}

void basecache_draw(SDL_Renderer *r, cm_vbuf *vb, cm_basecache *b, const cm_basemap *m, int zooming, int settling)
{
    const cm_view *v = &m->view;
    if (b->worker) collect(r, b);
    unsigned key = basemap_key(m);
    int have = b->tex && b->key == key;
    if (have && fabs(b->view.scale / v->scale - 1) < 1e-9 && copy_exact(r, b, v) == 0) return;
    int margin;
    cm_view cv = cache_view(v, &margin);
    if (!b->tex && b->worker && draw_direct(r, vb, b, m, &cv, margin)) return;
    int near = have && v->scale / b->view.scale < 4 && b->view.scale / v->scale < 4;
    int other_scale = have && fabs(b->view.scale / v->scale - 1) >= 1e-9;
    if (near && other_scale && (zooming || (settling && b->worker))) {
        copy_stretched(r, b, v);
        b->stale = 1;
        if (settling) request(b, m, &cv, margin); /* the zoom stopped: the worker draws it exactly */
        return;
    }
    draw_sync(r, vb, b, m, &cv, margin);
}

void basecache_free(cm_basecache *b)
{
    cm_baseworker *w = b->worker;
    if (w) {
        pthread_mutex_lock(&w->mu);
        w->quit = 1;
        pthread_cond_signal(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->th, NULL);
        if (w->ren) SDL_DestroyRenderer(w->ren);
        if (w->surf) SDL_FreeSurface(w->surf);
        vbuf_free(&w->vb);
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        free(w);
    }
    if (b->tex) SDL_DestroyTexture(b->tex);
    memset(b, 0, sizeof *b);
}
