/* testutil: helpers the unit and render tests share: the environment ctest sets (CM_SRC, CM_GEODATA,
 * CM_OUT, CM_BIN), paths to files written at test time, the default events file, and for the
 * render tests: a --render run, a --locate lookup, a PNG read back and its pixels.
 * Include after cmocka.h. */
#ifndef CM_TESTUTIL_H
#define CM_TESTUTIL_H
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "data/profile.h"

/* The value of an environment variable ctest sets; fails the test when it is missing. */
static inline const char *env(const char *name)
{
    const char *v = getenv(name);
    if (!v) print_error("environment variable %s is not set (run the tests with ctest)\n", name);
    assert_non_null(v);
    return v;
}

/* The conflictmap binary under test. */
static inline const char *bin(void) { return env("CM_BIN"); }

/* $CM_OUT, made if need be. */
static inline const char *outdir(void)
{
    const char *o = env("CM_OUT");
    mkdir(o, 0755);
    return o;
}

/* Runs a shell command; its exit status, or -1 when it did not exit normally. */
static inline int run(const char *cmd)
{
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st)) return -1;
    return WEXITSTATUS(st);
}

/* $CM_OUT/<name>, for files written at test time (two may be in use at once). */
static inline const char *outfile(const char *name)
{
    static char buf[2][2048];
    static int k;
    char *b = buf[k++ % 2];
    snprintf(b, sizeof buf[0], "%s/%s", outdir(), name);
    return b;
}

/* The map profile of $CM_GEODATA (geodata/profile.ini): the tints the render tests expect. */
static inline const cm_profile *geodata_profile(void)
{
    static cm_profile p;
    static int loaded;
    if (!loaded) {
        char err[1024];
        int rc = profile_load(env("CM_GEODATA"), &p, err, sizeof err);
        if (rc != 0) print_error("%s\n", err);
        assert_int_equal(rc, 0);
        loaded = 1;
    }
    return &p;
}

/* $CM_SRC/assets/events.geojson */
static inline const char *default_events(void)
{
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s/assets/events.geojson", env("CM_SRC"));
    return buf;
}

/* Runs "conflictmap ARGS --render $CM_OUT/name", which must succeed; the PNG's path in out. */
static inline void tu_render(const char *args, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", outdir(), name);
    remove(out);
    char cmd[16384 + 4096];
    snprintf(cmd, sizeof cmd, "'%s' %s --render '%s'", bin(), args, out);
    int rc = run(cmd);
    if (rc != 0) print_error("'%s' exited with %d\n", cmd, rc);
    assert_int_equal(rc, 0);
}

/* The pixel of lon,lat in the view "conflictmap ARGS" shows, from --locate (which must succeed);
 * returns 1 when the place is inside the map's regions ("inside": true). */
static inline int tu_locate(const char *args, double lon, double lat, int *x, int *y)
{
    char cmd[16384], line[256] = "";
    snprintf(cmd, sizeof cmd, "'%s' %s --locate %.6f,%.6f", bin(), args, lon, lat);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *got = fgets(line, sizeof line, p);
    int rc = pclose(p);
    if (!got) print_error("'%s' printed nothing\n", cmd);
    assert_non_null(got);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
    assert_int_equal(sscanf(line, " {\"x\": %d, \"y\": %d", x, y), 2);
    return strstr(line, "\"inside\": true") != NULL;
}

/* A PNG read back as ARGB8888 (free it with SDL_FreeSurface); w and h, when not 0, are the size
 * it must have. */
static inline SDL_Surface *tu_load_png(const char *path, int w, int h)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) print_error("IMG_Load(%s): %s\n", path, IMG_GetError());
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    if (w) assert_int_equal(s->w, w);
    if (h) assert_int_equal(s->h, h);
    return s;
}

/* The colour (0xRRGGBB) of a pixel of s; 0xFF000000, no colour of the map, outside it. */
static inline Uint32 tu_pixel(const SDL_Surface *s, int x, int y)
{
    if (x < 0 || y < 0 || x >= s->w || y >= s->h) return 0xFF000000u;
    const Uint32 *row = (const Uint32 *)((const char *)s->pixels + (size_t)y * s->pitch);
    return row[x] & 0xFFFFFFu;
}

/* An SDL_Color as 0xRRGGBB, to compare with tu_pixel. */
static inline Uint32 tu_rgb(SDL_Color c) { return ((Uint32)c.r << 16) | ((Uint32)c.g << 8) | c.b; }

#endif
