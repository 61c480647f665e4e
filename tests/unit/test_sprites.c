/* test_sprites: a shape asked for in three frames becomes a sprite (render/sprites) and is then
 * copied; until then, and always within one frame, it is drawn directly, pixel for pixel. A
 * sprite's pixels match a direct draw within a few levels on its anti-aliased rim. The cache
 * keeps at most CM_SPRITES_MAX keys, dropping those not asked for lately, and is freed with
 * its vertex buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <SDL2/SDL.h>
#include <math.h>

#include "render/draw.h"
#include "render/sprites.h"

#define W 160
#define H 120

/* a cluster bubble's layers: a translucent white rim, a coloured fan, a dark translucent disc */
typedef struct {
    float rad;
    int id;
} shape;

static void draw_shape(cm_vbuf *vb, float x, float y, const void *arg)
{
    const shape *s = arg;
    draw_disc(vb, x, y, s->rad + 2, (SDL_Color){255, 255, 255, 242});
    float pts[2 * 12];
    int np = 0;
    pts[np++] = x;
    pts[np++] = y;
    for (int q = 0; q <= 10; q++) {
        float t = (float)(-M_PI / 2 + M_PI * q / 10);
        pts[np++] = x + cosf(t) * s->rad;
        pts[np++] = y + sinf(t) * s->rad;
    }
    draw_fan(vb, pts, np / 2, (SDL_Color){(Uint8)(200 + s->id % 50), 60, 40, 255});
    draw_disc(vb, x, y, s->rad * 0.62f, (SDL_Color){46, 46, 46, 200});
}

typedef struct {
    SDL_Surface *surf;
    SDL_Renderer *r;
    cm_vbuf vb;
} canvas;

static void open_canvas(canvas *c)
{
    c->surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c->surf);
    c->r = SDL_CreateSoftwareRenderer(c->surf);
    assert_non_null(c->r);
    memset(&c->vb, 0, sizeof c->vb);
}

static void close_canvas(canvas *c)
{
    vbuf_free(&c->vb); /* the sprites with it, before their renderer */
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->surf);
}

/* one frame: the map's paper, then the shape at (x, y) `times` times */
static void frame(canvas *c, const shape *s, float x, float y, int times)
{
    SDL_SetRenderDrawBlendMode(c->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(c->r, 0xF2, 0xEF, 0xE9, 255);
    SDL_RenderClear(c->r);
    SDL_SetRenderDrawBlendMode(c->r, SDL_BLENDMODE_BLEND);
    sprites_frame(&c->vb);
    for (int i = 0; i < times; i++) sprites_draw(c->r, &c->vb, s, sizeof *s, s->rad + 3, x, y, draw_shape, s);
    vbuf_flush(c->r, &c->vb);
    SDL_RenderPresent(c->r);
}

/* pixels differing by more than tol in a channel; the largest difference in *max */
static int differ(SDL_Surface *a, SDL_Surface *b, int tol, int *max)
{
    int n = 0;
    *max = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            Uint32 p = ((Uint32 *)((Uint8 *)a->pixels + y * a->pitch))[x], q = ((Uint32 *)((Uint8 *)b->pixels + y * b->pitch))[x];
            int worst = 0;
            for (int k = 0; k < 32; k += 8) {
                int d = abs((int)((p >> k) & 255) - (int)((q >> k) & 255));
                if (d > worst) worst = d;
            }
            if (worst > *max) *max = worst;
            n += worst > tol;
        }
    return n;
}

static void test_third_frame_makes_a_sprite(void **state)
{
    (void)state;
    canvas c, d;
    open_canvas(&c);
    open_canvas(&d);
    d.vb.no_sprites = 1;
    shape s = {14, 1};
    int max;
    for (int f = 1; f <= 2; f++) { /* the first two frames: drawn directly, exactly as without sprites */
        frame(&c, &s, 60.25f, 50.75f, 1);
        frame(&d, &s, 60.25f, 50.75f, 1);
        assert_int_equal(differ(c.surf, d.surf, 0, &max), 0);
        assert_int_equal(sprites_stats(&c.vb).textures, 0);
    }
    assert_null(d.vb.sprites); /* no_sprites: not even a cache */
    frame(&c, &s, 60.25f, 50.75f, 1);
    cm_sprite_stats st = sprites_stats(&c.vb);
    assert_int_equal(st.textures, 1);
    assert_int_equal(st.copies, 1);
    assert_int_equal(st.direct, 2);
    /* panned by whole pixels: the same sprite, copied */
    frame(&c, &s, 90.25f, 40.75f, 1);
    frame(&d, &s, 90.25f, 40.75f, 1);
    st = sprites_stats(&c.vb);
    assert_int_equal(st.textures, 1);
    assert_int_equal(st.copies, 2);
    int n = differ(c.surf, d.surf, 4, &max);
    if (getenv("CM_SPRITES_DUMP")) {
        SDL_SaveBMP(c.surf, "/tmp/frames/sprite.bmp");
        SDL_SaveBMP(d.surf, "/tmp/frames/direct.bmp");
    }
    print_message("sprite against direct: %d pixels differ by more than 4 levels, largest difference %d\n", n, max);
    assert_int_equal(n, 0);
    close_canvas(&c);
    close_canvas(&d);
}

static void test_one_frame_is_drawn_directly(void **state)
{
    (void)state;
    canvas c, d;
    open_canvas(&c);
    open_canvas(&d);
    d.vb.no_sprites = 1;
    shape s = {12, 2};
    frame(&c, &s, 40.5f, 40.5f, 5); /* asked five times in one picture (--render): still direct */
    frame(&d, &s, 40.5f, 40.5f, 5);
    int max;
    assert_int_equal(differ(c.surf, d.surf, 0, &max), 0);
    cm_sprite_stats st = sprites_stats(&c.vb);
    assert_int_equal(st.textures, 0);
    assert_int_equal(st.direct, 5);
    assert_int_equal(st.keys, 1);
    close_canvas(&c);
    close_canvas(&d);
}

static void test_sub_pixel_places_are_keys(void **state)
{
    (void)state;
    canvas c;
    open_canvas(&c);
    shape s = {10, 3};
    for (int f = 0; f < 3; f++) frame(&c, &s, 30.25f, 30.25f, 1);
    for (int f = 0; f < 3; f++) frame(&c, &s, 30.75f, 30.25f, 1); /* half a pixel over: another sprite */
    assert_int_equal(sprites_stats(&c.vb).textures, 2);
    long copies = sprites_stats(&c.vb).copies;
    frame(&c, &s, 70.25f, 80.25f, 1); /* the same fraction of a pixel elsewhere: the first one, copied */
    assert_int_equal(sprites_stats(&c.vb).textures, 2);
    assert_int_equal(sprites_stats(&c.vb).copies, copies + 1);
    close_canvas(&c);
}

static void test_cache_is_bounded(void **state)
{
    (void)state;
    canvas c;
    open_canvas(&c);
    sprites_frame(&c.vb);
    for (int i = 0; i < CM_SPRITES_MAX + 100; i++) { /* more keys in one frame than it keeps */
        shape s = {4, i};
        sprites_draw(c.r, &c.vb, &s, sizeof s, 8, 20, 20, draw_shape, &s);
    }
    cm_sprite_stats st = sprites_stats(&c.vb);
    assert_int_equal(st.keys, CM_SPRITES_MAX);
    assert_int_equal(st.direct, CM_SPRITES_MAX + 100);
    sprites_frame(&c.vb);
    sprites_frame(&c.vb); /* two frames later the old keys make room for new ones */
    shape s = {4, -1};
    for (int f = 0; f < 3; f++) {
        sprites_draw(c.r, &c.vb, &s, sizeof s, 8, 20, 20, draw_shape, &s);
        sprites_frame(&c.vb);
    }
    st = sprites_stats(&c.vb);
    assert_true(st.evictions >= CM_SPRITES_MAX);
    assert_int_equal(st.keys, 1);
    assert_int_equal(st.textures, 1);
    vbuf_flush(c.r, &c.vb);
    close_canvas(&c);
}

static void test_freed_with_the_buffer(void **state)
{
    (void)state;
    canvas c;
    open_canvas(&c);
    shape s = {9, 4};
    for (int f = 0; f < 4; f++) frame(&c, &s, 50, 50, 1);
    assert_int_equal(sprites_stats(&c.vb).textures, 1);
    sprites_free(&c.vb);
    assert_null(c.vb.sprites);
    assert_int_equal(sprites_stats(&c.vb).keys, 0);
    frame(&c, &s, 50, 50, 1); /* a new cache starts over: drawn directly */
    assert_int_equal(sprites_stats(&c.vb).textures, 0);
    close_canvas(&c);
    assert_null(c.vb.sprites);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_third_frame_makes_a_sprite), cmocka_unit_test(test_one_frame_is_drawn_directly),
        cmocka_unit_test(test_sub_pixel_places_are_keys), cmocka_unit_test(test_cache_is_bounded),
        cmocka_unit_test(test_freed_with_the_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
