/* test_text: render/text limits on time: a 100 KB summary is shaped once (cut to
 * CM_TEXT_MAX_BYTES, ending in an ellipsis) and then drawn from the cache; a string that
 * cannot be rendered is remembered as a failure, not shaped again every frame; the window's
 * budget of text shaped per frame defers what does not fit to the next frames. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/text.h"

static cm_text *T;
static SDL_Surface *S;
static SDL_Renderer *R;

static int setup(void **st)
{
    (void)st;
    const char *src = getenv("CM_SRC");
    char dir[1024], err[512];
    snprintf(dir, sizeof dir, "%s/assets/fonts", src ? src : ".");
    T = text_open(dir, err, sizeof err);
    if (!T) { print_error("%s\n", err); return -1; }
    S = SDL_CreateRGBSurfaceWithFormat(0, 400, 300, 32, SDL_PIXELFORMAT_ARGB8888);
    R = S ? SDL_CreateSoftwareRenderer(S) : NULL;
    return R ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    text_close(T);
    SDL_DestroyRenderer(R);
    SDL_FreeSurface(S);
    return 0;
}

static void test_long_summary_shaped_once(void **st)
{
    (void)st;
    size_t n = 100 * 1024;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) s[i] = i % 7 == 6 ? ' ' : "abcdef"[i % 6];
    s[n] = 0;
    cm_textstyle ts = {.size = 12, .color = {0, 0, 0, 255}, .wrap = 360};
    long before = text_shaped(T);
    int w = 0, h = 0;
    assert_int_equal(text_measure(T, R, s, &ts, &w, &h), 0);
    assert_int_equal(text_shaped(T), before + 1);
    /* cut: about 16 KB at ~55 characters a line, 15 pixels a line: far below the whole */
    assert_true(h > 0 && h < 8000);
    for (int frame = 0; frame < 5; frame++) { /* the next frames come from the cache */
        text_draw(T, R, s, &ts, 0, 0, 0, 0);
        assert_int_equal(text_measure(T, R, s, &ts, &w, &h), 0);
    }
    assert_int_equal(text_shaped(T), before + 1);
    free(s);
}

static void test_failure_is_cached(void **st)
{
    (void)st;
    /* zero-width characters only: SDL2_ttf refuses text of no width */
    char *s = strdup("\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8D");
    cm_textstyle ts = {.size = 12, .color = {0, 0, 0, 255}};
    long before = text_shaped(T);
    int w = 1, h = 1;
    int rc = text_measure(T, R, s, &ts, &w, &h);
    long after = text_shaped(T);
    assert_int_equal(after, before + 1);
    if (rc == 0) { free(s); skip(); } /* this SDL could render it after all: nothing to test */
    assert_int_equal(w, 0);
    for (int frame = 0; frame < 3; frame++) {
        assert_int_not_equal(text_measure(T, R, s, &ts, &w, &h), 0);
        text_draw(T, R, s, &ts, 0, 0, 0, 0);
    }
    assert_int_equal(text_shaped(T), after);
    free(s);
}

/* The frame's budget: with 16 labels of 3 KB each not cached, one frame shapes what fits in
 * CM_TEXT_FRAME_BYTES and defers the rest; the next frames shape the rest, the cached ones
 * cost nothing; with no budget (--render, screenshots) one frame shapes all. */
static void test_frame_budget(void **st)
{
    (void)st;
    enum { N = 16, LEN = 3000 };
    char *s[N];
    for (int k = 0; k < N; k++) {
        s[k] = malloc(LEN + 1);
        for (int i = 0; i < LEN; i++) s[k][i] = i % 9 == 8 ? ' ' : (char)('a' + (k + i) % 26);
        s[k][LEN] = 0;
    }
    cm_textstyle ts = {.size = 12, .color = {0, 0, 0, 255}, .wrap = 360};
    text_set_frame_budget(T, CM_TEXT_FRAME_BYTES);
    int per_frame = CM_TEXT_FRAME_BYTES / LEN; /* 5 */
    int drawn = 0, frames = 0;
    while (drawn < N && frames < 10) {
        text_frame(T);
        long before = text_shaped(T);
        int now = 0, w, h;
        for (int k = 0; k < N; k++) now += text_measure(T, R, s[k], &ts, &w, &h) == 0;
        long shaped = text_shaped(T) - before;
        if (shaped > per_frame) fail_msg("frame %d shaped %ld labels of %d bytes (budget %d bytes)", frames, shaped, LEN, CM_TEXT_FRAME_BYTES);
        assert_int_equal(text_deferred(T), N - now);
        assert_true(now > drawn); /* every frame makes progress */
        drawn = now;
        frames++;
    }
    assert_int_equal(drawn, N);
    assert_int_equal(frames, (N + per_frame - 1) / per_frame);
    /* all cached now: a frame shapes nothing and defers nothing */
    text_frame(T);
    long before = text_shaped(T);
    int w, h;
    for (int k = 0; k < N; k++) assert_int_equal(text_measure(T, R, s[k], &ts, &w, &h), 0);
    assert_int_equal(text_shaped(T), before);
    assert_int_equal(text_deferred(T), 0);
    /* one label larger than the budget is still shaped, as the first of its frame */
    size_t big = CM_TEXT_MAX_BYTES;
    char *b = malloc(big + 1);
    memset(b, 'x', big);
    b[big] = 0;
    text_set_frame_budget(T, 1000);
    text_frame(T);
    assert_int_equal(text_measure(T, R, b, &ts, &w, &h), 0);
    /* no budget: everything in one frame */
    for (int k = 0; k < N; k++) s[k][0] = 'Z';
    text_set_frame_budget(T, 0);
    text_frame(T);
    before = text_shaped(T);
    for (int k = 0; k < N; k++) assert_int_equal(text_measure(T, R, s[k], &ts, &w, &h), 0);
    assert_int_equal(text_shaped(T), before + N);
    for (int k = 0; k < N; k++) free(s[k]);
    free(b);
}


/* More labels in one view than the cache holds, with a budget: the frames still end. Flushing
 * the whole cache when it filled dropped the labels this frame had shaped, so each next frame
 * shaped them again and deferred the rest, for ever (the window would draw without end). */
static void test_frame_budget_more_than_cache(void **st)
{
    (void)st;
    enum { N = 1500 };
    static char s[N][48];
    for (int k = 0; k < N; k++) snprintf(s[k], sizeof s[k], "label number %d of a long list", k);
    cm_textstyle ts = {.size = 11, .color = {0, 0, 0, 255}};
    text_set_frame_budget(T, 2000);
    int frames = 0, now = 0;
    while (frames < 400) {
        text_frame(T);
        int w, h;
        now = 0;
        for (int k = 0; k < N; k++) now += text_measure(T, R, s[k], &ts, &w, &h) == 0;
        frames++;
        if (!text_deferred(T)) break;
    }
    assert_int_equal(now, N);
    assert_int_equal(text_deferred(T), 0);
    assert_true(frames < 100); /* 2000 bytes a frame: about 70 labels a frame until the cache is full */
    /* a view that fits the cache again defers as before */
    text_frame(T);
    int w, h, got = 0;
    for (int k = 0; k < 100; k++) got += text_measure(T, R, s[k], &ts, &w, &h) == 0;
    text_frame(T);
    for (int k = 0; k < 100; k++) got += text_measure(T, R, s[k], &ts, &w, &h) == 0;
    assert_true(got > 100);
    text_set_frame_budget(T, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_summary_shaped_once),
        cmocka_unit_test(test_failure_is_cached),
        cmocka_unit_test(test_frame_budget),
        cmocka_unit_test(test_frame_budget_more_than_cache),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
