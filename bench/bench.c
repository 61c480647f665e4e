/* bench: load, memory, date change, frame and hit-test figures for events files, printed as
 * a table. Frames are drawn with SDL's software renderer at 1920x1080 over a scripted
 * sequence of pans, zooms and play steps; figures are medians and 99th percentiles within
 * one run (compare ratios, not absolute times, on a shared machine). Frames are paced at 60 a
 * second as with vsync, and the base map is redrawn by the same worker thread as in the window.
 * Each file is loaded three times: read without the cache (load_s), read and its cache
 * written (write_s), opened from the cache (cached_s); the caches go to a private temporary
 * $XDG_CACHE_HOME, removed at the end. mem_MB is what the allocator holds after the uncached
 * load (mallinfo2: in use, mmap'd blocks included, less the events array's untouched reserve),
 * B/event the same per event less the text
 * and arrays in the arena; anon_B is what the allocator holds per event after a cached load,
 * file_B the size of the cache file per event (mapped, read from the page cache when touched).
 * After each file's row a second line gives, over the same frames, the pans' median, the thread
 * CPU time of each phase of a frame (mean, render/map.h's map_phases) and the allocations a
 * frame made on the drawing thread (median and p99, and the pans' median; counted by the malloc, calloc and realloc
 * wrappers below, which call glibc's own; not counted under the sanitizers, which bring theirs).
 * --no-sprites draws every cluster bubble directly (render/sprites), to compare.
 * usage: cm_bench [--no-frames] [--no-sprites] FILE.csv [FILE.csv ...] */
#include <SDL2/SDL.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app.h"
#include "data/catalog.h"
#include "data/query.h"
#include "data/report.h"
#include "render/basecache.h"
#include "render/map.h"
#include "render/overlay.h"
#include "render/scene.h"
#include "ui/compose.h"
#include "ui/frame.h"
#include "ui/state.h"
#include "ui/timeline.h"

/* allocations made by this thread: glibc's allocator, counted (not under ASan, which has its own) */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CM_COUNT_ALLOCS 0
static long thread_allocs(void) { return 0; }
#else
#define CM_COUNT_ALLOCS 1
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t k);
extern void *__libc_realloc(void *p, size_t n);
static _Thread_local long allocs;
void *malloc(size_t n)
{
    allocs++;
    return __libc_malloc(n);
}
void *calloc(size_t n, size_t k)
{
    allocs++;
    return __libc_calloc(n, k);
}
void *realloc(void *p, size_t n)
{
    allocs++;
    return __libc_realloc(p, n);
}
static long thread_allocs(void) { return allocs; }
#endif

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static long status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t kl = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, kl) == 0) v = atol(line + kl + 1);
    if (f) fclose(f);
    return v;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void stats(double *v, int n, double *median, double *p99)
{
    qsort(v, n, sizeof *v, cmp_d);
    *median = v[n / 2];
    *p99 = v[(int)(n * 0.99) < n ? (int)(n * 0.99) : n - 1];
}

static uint64_t rng = 12345;
static double uni(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

typedef struct {
    double s;              /* seconds */
    double heap;           /* bytes the allocator holds for the load (in use, mmap'd blocks included) */
    double mapped;         /* bytes of cache files mapped */
} load_fig;

static double heap_bytes(void)
{
    struct mallinfo2 m = mallinfo2();
    return (double)m.uordblks + (double)m.hblkhd;
}

/* Loads path into a fresh catalog (base layers not timed), with or without the cache. */
static int load(const cm_options *o, cm_catalog *cat, const char *path, int use_cache, load_fig *f)
{
    char err[1024];
    if (app_load(o, cat, err, sizeof err, NULL, 0) != 0) { fprintf(stderr, "%s\n", err); return -1; }
    cat->use_cache = use_cache;
    double h0 = heap_bytes();
    double t0 = now_s();
    if (catalog_add_events(cat, path, err, sizeof err) != 0 || catalog_finish_events(cat, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    f->s = now_s() - t0;
    /* less the events array's room reserved beyond the last event: never touched, it takes no memory */
    f->heap = heap_bytes() - h0 - (double)(cat->events.cap - cat->events.n) * sizeof(cm_event);
    f->mapped = 0;
    for (int i = 0; i < cat->events.nmaps; i++) f->mapped += (double)cat->events.maps[i].len;
    return 0;
}

int main(int argc, char **argv)
{
    int frames = 1, a1 = 1, sprites = 1;
    for (; a1 < argc && argv[a1][0] == '-'; a1++) {
        if (!strcmp(argv[a1], "--no-frames")) frames = 0;
        else if (!strcmp(argv[a1], "--no-sprites")) sprites = 0;
        else break;
    }
    if (argc <= a1) {
        fprintf(stderr, "usage: cm_bench [--no-frames] [--no-sprites] FILE.csv [FILE.csv ...]\n");
        return 2;
    }
    char err[1024];
    char cachedir[] = "/tmp/cm_bench_cache.XXXXXX";
    if (!mkdtemp(cachedir)) { perror("mkdtemp"); return 1; }
    setenv("XDG_CACHE_HOME", cachedir, 1);
    printf("%9s %8s %8s %8s %8s %9s %8s %8s %8s %8s %9s %9s %9s %9s %9s\n", "events", "load_s", "MB/s", "write_s", "cached_s",
           "mem_MB", "B/event", "anon_B", "file_B", "peak_MB", "date_ms", "date_p99", "frame_ms", "frame_p99", "hit_us");
    for (int fi = a1; fi < argc; fi++) {
        const char *path = argv[fi];
        struct stat st;
        if (stat(path, &st) != 0) { perror(path); return 1; }
        cm_options o;
        char *args[] = {"cm_bench", "--no-default-events", NULL};
        options_parse(2, args, &o, err, sizeof err);
        o.w = 1920;
        o.h = 1080;
        cm_catalog cat;
        load_fig plain, write, cached;
        if (load(&o, &cat, path, 0, &plain) != 0) return 1;
        long arena = (long)cat.events.arena.bytes;
        catalog_free(&cat);
        if (load(&o, &cat, path, 1, &write) != 0) return 1;
        catalog_free(&cat);
        if (load(&o, &cat, path, 1, &cached) != 0) return 1;
        int n = cat.events.n;
        double mem_mb = plain.heap / 1e6;
        /* memory beyond the strings' text: what the load took, less the arena's text bytes */
        double per_event = n ? (plain.heap - (double)arena) / n : 0;
        double c_anon = n ? cached.heap / n : 0, c_file = n ? cached.mapped / n : 0;
        if (!frames) {
            printf("%9d %8.3f %8.1f %8.3f %8.3f %9.1f %8.0f %8.0f %8.0f %8.1f\n", n, plain.s, st.st_size / 1e6 / plain.s,
                   write.s, cached.s, mem_mb, per_event, c_anon, c_file, status_kb("VmHWM:") / 1024.0);
            fflush(stdout);
            catalog_free(&cat);
            continue;
        }

        /* the scene, as the window shows it at 1920x1080 */
        SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, o.w, o.h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
        char fonts[1024];
        snprintf(fonts, sizeof fonts, "%s/assets/fonts", CM_DATADIR);
        cm_text *text = text_open(fonts, err, sizeof err);
        if (!r || !text) { fprintf(stderr, "bench: %s\n", text ? SDL_GetError() : err); return 1; }
        cm_basecache base = {0};
        basecache_start_worker(&base, 0); /* as the window: exact base pictures come from a worker */
        cm_ctl sc = {.cat = &cat, .text = text, .ui = 1};
        int zooming = 0, settling = 0;
        app_window_view(&o, &cat, &sc.view);
        cm_when w;
        app_when(&o, &cat, &w);
        cm_ui *u = calloc(1, sizeof *u);
        cm_frame *f = calloc(1, sizeof *f);
        ui_init(u, &cat, &w, NULL);
        frame_layout(f, o.w, o.h, 1, 0);
        sc.when = u->when;
        sc.frame = f; /* as the window: the markers as laid out are kept in the frame (and their list reused) */

        /* date change: what the map shows at a new day, laid out (clusters included) */
        enum { DATES = 200 };
        double dt[DATES];
        cm_marks marks = {0};
        for (int i = 0; i < DATES; i++) {
            sc.when.a = sc.when.b = u->span_a + (int32_t)(uni() * (u->span_b - u->span_a));
            double a = now_s();
            cm_scene map = {.cat = &cat, .text = text, .ui = 1, .view = sc.view, .when = sc.when};
            overlay_layout(NULL, &map, &marks);
            dt[i] = (now_s() - a) * 1000;
        }
        overlay_marks_free(&marks);
        double dmed, dp99;
        stats(dt, DATES, &dmed, &dp99);

        /* frames: pan, zoom, then play, as a person would */
        enum { FRAMES = 240 };
        double ft[FRAMES], fa[FRAMES];
        cm_map_phases ph = {0};
        map_phases = &ph;
        cm_vbuf vb = {.no_sprites = !sprites};
        cm_histogram h = {0};
        sc.when = u->when;
        sc.when.a = sc.when.b = u->span_a + (u->span_b - u->span_a) / 2;
        for (int i = 0; i < FRAMES; i++) {
            if (i < 80) view_pan(&sc.view, (i % 20 < 10 ? 12 : -12), 6 * ((i / 20) % 2 ? 1 : -1));
            else if (i < 140) {
                /* a wheel zoom as the window does it: stretched while zooming, exact when it settles */
                int settle = i % 6 == 5;
                if (!settle) view_zoom_at(&sc.view, i < 110 ? 1.08 : 1 / 1.08, o.w / 2.0, o.h / 2.0);
                zooming = !settle;
                settling = settle;
            } else { zooming = settling = 0; sc.when.a++; sc.when.b++; }
            u->when = sc.when;
            double a = now_s();
            long al = thread_allocs();
            compose_draw(r, &vb, &sc, &base, zooming, settling);
            timeline_histogram(&h, u);
            timeline_draw(r, &vb, text, 1, u, &h, f, 1);
            SDL_RenderPresent(r);
            ft[i] = (now_s() - a) * 1000;
            fa[i] = (double)(thread_allocs() - al);
            /* frames come at 60 per second, as with vsync: the base worker gets the time between */
            double rest = 1.0 / 60 - (now_s() - a);
            if (rest > 0) {
                struct timespec ts = {0, (long)(rest * 1e9)};
                nanosleep(&ts, NULL);
            }
        }
        if (getenv("CM_BENCH_TRACE"))
            for (int i = 0; i < FRAMES; i++) fprintf(stderr, "frame %d %.2f ms%s", i, ft[i], i % 8 == 7 ? "\n" : "  ");
        map_phases = NULL;
        double fmed, fp99, pmed, pp99, amed, ap99, apmed, app99, pan[80];
        memcpy(pan, ft, sizeof pan);
        stats(pan, 80, &pmed, &pp99);
        memcpy(pan, fa, sizeof pan);
        stats(pan, 80, &apmed, &app99);
        stats(ft, FRAMES, &fmed, &fp99);
        stats(fa, FRAMES, &amed, &ap99);

        /* hit tests at random places in Syria, 8 pixels at the opening view */
        cm_view v0;
        app_window_view(&o, &cat, &v0);
        enum { HITS = 20000 };
        double a = now_s();
        long found = 0;
        for (int i = 0; i < HITS; i++) {
            double x, y;
            catalog_project(&cat, 35.8 + uni() * 6.5, 32.4 + uni() * 4.8, &x, &y);
            int *idx = NULL;
            found += query_at(&cat, x, y, &w, 8 / v0.scale, &idx);
            free(idx);
        }
        double hit_us = (now_s() - a) / HITS * 1e6;
        (void)found;

        printf("%9d %8.3f %8.1f %8.3f %8.3f %9.1f %8.0f %8.0f %8.0f %8.1f %9.3f %9.3f %9.2f %9.2f %9.2f\n", n, plain.s,
               st.st_size / 1e6 / plain.s, write.s, cached.s, mem_mb, per_event, c_anon, c_file, status_kb("VmHWM:") / 1024.0,
               dmed, dp99, fmed, fp99, hit_us);
        printf("%9s pan_ms %.2f p99 %.2f | CPU ms a frame: base %.2f areas %.2f layout %.2f labels %.2f marks %.2f legend %.2f"
               " | allocs a frame: %s%.0f p99 %.0f, panning %.0f\n", "", pmed, pp99, ph.base * 1000 / FRAMES, ph.areas * 1000 / FRAMES,
               ph.layout * 1000 / FRAMES, ph.labels * 1000 / FRAMES, ph.marks * 1000 / FRAMES, ph.legend * 1000 / FRAMES,
               CM_COUNT_ALLOCS ? "" : "(not counted) ", amed, ap99, apmed);
        fflush(stdout);
        timeline_histogram_free(&h);
        overlay_marks_free(&f->marks);
        basecache_free(&base);
        vbuf_free(&vb);
        free(u);
        free(f);
        text_close(text);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(surf);
        catalog_free(&cat);
    }
    char rm[128];
    snprintf(rm, sizeof rm, "rm -rf '%s'", cachedir);
    if (system(rm) != 0) fprintf(stderr, "cm_bench: could not remove %s\n", cachedir);
    return 0;
}
