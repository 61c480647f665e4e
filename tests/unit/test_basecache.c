/* test_basecache: the base-map worker thread draws the snapshot it was asked for, whatever the
 * window changes meanwhile. The main thread hides layers in the catalog (as a key press does)
 * just after asking the worker for an exact picture; the picture it hands back must still show
 * what was asked (the governorates). Under ThreadSanitizer (make tsan) any access the two
 * threads share without the worker's lock fails this test too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <SDL2/SDL.h>
#include <time.h>

#include "data/catalog.h"
#include "render/basecache.h"
#include "render/basemap.h"
#include "render/style.h"
#include "render/view.h"

static cm_catalog cat;

static int setup(void **state)
{
    (void)state;
    char err[512];
    if (catalog_load(&cat, env("CM_GEODATA"), "EPSG:22770", err, sizeof err) != 0) {
        print_error("catalog_load: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    catalog_free(&cat);
    return 0;
}

static Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch))[x] & 0xFFFFFFu;
}

static int is_gov_fill(Uint32 c)
{
    for (int i = 0; i < CM_GOV_FILL_COUNT; i++)
        if (c == CM_GOV_FILLS[i]) return 1;
    return 0;
}

static void test_worker_draws_its_snapshot(void **state)
{
    (void)state;
    enum { W = 640, H = 400, ROUNDS = 12 };
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(surf);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    assert_non_null(r);
    cm_basecache b = {0};
    cm_vbuf vb = {0};
    assert_int_equal(basecache_start_worker(&b, 0), 0);
    cm_view v = {0};
    v.w = W;
    v.h = H;
    view_fit(&v, cat.home, 20);
    cm_basemap m = basemap_snapshot(&cat, &v, 1);
    basecache_draw(r, &vb, &b, &m, 0, 0); /* the first frame: drawn directly while the worker draws the picture */
    for (int t = 0; basecache_busy(&b); t++) {
        assert_true(t < 20000);
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    basecache_draw(r, &vb, &b, &m, 0, 0); /* and the picture taken */
    assert_non_null(b.tex);
    /* a place well inside a governorate (the Homs desert), at the view's centre after each zoom */
    double px, py;
    catalog_project(&cat, 38.0, 34.6, &px, &py);
    cm_layer *gov = &cat.layers[CM_LAYER_GOVERNORATES], *nbr = &cat.layers[CM_LAYER_COUNTRIES];
    int from_worker = 0;
    for (int i = 0; i < ROUNDS; i++) {
        v.cx = px;
        v.cy = py;
        view_zoom_at(&v, i % 2 ? 0.8 : 1.25, W / 2.0, H / 2.0);
        cm_basemap z = basemap_snapshot(&cat, &v, 1);
        long redraws = b.redraws;
        basecache_draw(r, &vb, &b, &z, 0, 1); /* the zoom settled: stretched now, the worker draws it exactly */
        assert_true(b.stale);
        gov->visible = nbr->visible = 0;       /* meanwhile the user hides the base layers, */
        for (int t = 0; basecache_busy(&b); t++) {
            assert_true(t < 20000);            /* 20 s */
            nanosleep(&(struct timespec){0, 1000000}, NULL);
            gov->visible = nbr->visible = t % 2; /* and shows and hides them while the worker draws */
        }
        gov->visible = nbr->visible = 1;       /* and shows them again: the picture asked for is wanted */
        cm_basemap again = basemap_snapshot(&cat, &v, 1);
        basecache_draw(r, &vb, &b, &again, 0, 0);
        assert_false(b.stale);
        from_worker += b.redraws == redraws + 1; /* taken from the worker, not drawn again here */
        Uint32 c = pixel_at(surf, W / 2, H / 2);
        if (!is_gov_fill(c)) print_error("round %d: the base shows #%06X inside a governorate, not its fill\n", i, (unsigned)c);
        assert_true(is_gov_fill(c));
    }
    print_message("%d of %d exact pictures came from the worker\n", from_worker, ROUNDS);
    assert_int_equal(from_worker, ROUNDS);
    basecache_free(&b);
    vbuf_free(&vb);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

/* The first frame does not wait for the worker: the view is drawn straight to the target, the
 * worker is asked for the picture with its margins, and the frame after it hands that over shows
 * the same picture in the view from the texture: the same pixels but on anti-aliased edges, which
 * the texture holds with an alpha just under 255 (blended into ARGB) and so blends a little with
 * what is under it. (Outside the view the direct frame has the sea colour: SDL_RenderClear ignores
 * the clip; in the window the controls are drawn over it.) */
static void test_first_frame_direct(void **state)
{
    (void)state;
    enum { W = 640, H = 400, X0 = 30, Y0 = 20, VW = 500, VH = 300 };
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *first = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(surf);
    assert_non_null(first);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    assert_non_null(r);
    cm_basecache b = {0};
    cm_vbuf vb = {0};
    assert_int_equal(basecache_start_worker(&b, 0), 0);
    cm_view v = {0};
    v.x0 = X0;
    v.y0 = Y0;
    v.w = VW;
    v.h = VH;
    view_fit(&v, cat.home, 20);
    cm_basemap m = basemap_snapshot(&cat, &v, 1);
    SDL_SetRenderDrawColor(r, 1, 2, 3, 255);
    SDL_RenderClear(r);
    basecache_draw(r, &vb, &b, &m, 0, 0);
    SDL_RenderFlush(r);
    assert_int_equal(b.direct, 1);           /* drawn at once, without waiting for the worker */
    assert_int_equal(b.redraws, 0);
    SDL_BlitSurface(surf, NULL, first, NULL);
    for (int t = 0; basecache_busy(&b); t++) {
        assert_true(t < 20000);
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    basecache_draw(r, &vb, &b, &m, 0, 0); /* over the first frame, as in the window */
    SDL_RenderFlush(r);
    assert_int_equal(b.direct, 1);
    assert_int_equal(b.redraws, 1);          /* the worker's picture, */
    assert_int_equal(b.hits, 1);             /* copied from */
    long differ = 0;
    int most = 0;
    for (int y = Y0; y < Y0 + VH; y++)
        for (int x = X0; x < X0 + VW; x++) {
            Uint32 p = pixel_at(surf, x, y), q = pixel_at(first, x, y);
            differ += p != q;
            for (int k = 0; k < 24; k += 8) {
                int d = abs((int)((p >> k) & 255) - (int)((q >> k) & 255));
                most = d > most ? d : most;
            }
        }
    print_message("first frame drawn directly vs from the worker's picture: %ld of %d pixels differ, by at most %d of 255\n",
                  differ, VW * VH, most);
    assert_true(most <= 12);            /* 5% */
    assert_true(differ < VW * VH / 10); /* edges only */
    basecache_free(&b);
    vbuf_free(&vb);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(first);
    SDL_FreeSurface(surf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_frame_direct),
        cmocka_unit_test(test_worker_draws_its_snapshot),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
