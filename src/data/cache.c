/* cache: the memory-mapped events cache; see cache.h.
 *
 * A cache file is laid out as
 *   header (256 bytes) | key text, summary line | kinds (a byte per event) |
 *   index (long events, grid cell starts, grid points: int32) | events | heap
 * where the events are cm_event structs whose pointers (strings, and the arrays of regions,
 * figures, sources and attributes, all in the heap) are written as the addresses they have
 * when the file is mapped at `base`, an address picked from the key. Opening maps the file
 * there, private and writable, when that range is free (nothing to fix: a store uses the
 * events in place, what it writes to them goes to private copies of those pages only, and
 * the text is only read from the disk when shown), else anywhere, privately, and every
 * pointer is moved by the difference. The checksum (XXH3) covers every byte and is checked
 * on every open: the events from the mapping, the text through pread into a small buffer by a
 * second thread meanwhile, the rest through pread. The index is what events_index makes for
 * these events alone (sorted as they are): a store of them alone uses it in place instead of
 * making it (its grid alone took 100 ms at 1e6 events, most of it faulting in new memory).
 * Polygons are not cached (files with them are not cached). */
#define _DEFAULT_SOURCE /* MADV_POPULATE_READ and MAP_FIXED_NOREPLACE: not visible under _XOPEN_SOURCE alone */
#include "data/cache.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t as a plain struct */
#include <xxhash.h>
#if defined(__x86_64__) || defined(__i386__)
/* libxxhash's XXH3 at the widest vectors the processor has (AVX2, AVX-512), chosen at run time:
 * the same checksums, at two to three times the speed of the SSE2 a plain x86-64 build gets */
#include <xxh_x86dispatch.h>
#endif

#if defined(__SANITIZE_THREAD__)
#define TSAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TSAN_BUILD 1
#endif
#endif
#ifndef TSAN_BUILD
#define TSAN_BUILD 0
#endif

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* Bumped whenever the layout of the file or of cm_event, or what a load gives, changes. */
#define FORMAT_VERSION 5u
#define HDR 256u

typedef struct {
    char magic[8];
    uint32_t version, hdr;
    uint64_t len, base, n, evsize;
    uint64_t key_off, key_len, sum_off, kinds_off, ev_off, heap_off;
    uint64_t check;        /* over the header (this field 0) and everything after it */
    /* the index events_index makes for these events alone (cm_events_prebuilt), after the kinds:
     * the long events, then the grid's cell starts and its items (int32 each) */
    uint64_t longs_off, nlong, start_off, ncells, items_off, npts;
    double gx0, gy0, gcell;
    int32_t gnx, gny, span_first, span_last;
    char pad[HDR - 8 - 8 - 11 * 8 - 6 * 8 - 3 * 8 - 4 * 4];
} cache_hdr;
_Static_assert(sizeof(cache_hdr) == HDR, "cache header size");

static const char MAGIC[8] = {'C', 'M', 'E', 'V', 'C', 'A', 'C', 'H'};

/* ---- a 64-bit checksum: XXH3 (libxxhash), streaming ---- */

typedef XXH3_state_t hstate;

/* zeroed first (XXH3_INITSTATE): a reset with a seed keeps the secret of a state that seems to
 * have that seed already, so stale memory there would give a wrong checksum */
static void h_init(hstate *h, uint64_t seed)
{
    memset(h, 0, sizeof *h);
    XXH3_64bits_reset_withSeed(h, seed);
}
static void h_update(hstate *h, const void *data, size_t n) { XXH3_64bits_update(h, data, n); }
static uint64_t h_final(const hstate *h) { return XXH3_64bits_digest(h); }

uint64_t cache_hash(const void *p, size_t n, uint64_t seed) { return XXH3_64bits_withSeed(p, n, seed); }

/* ---- where and under what key ---- */

static size_t min_bytes(void)
{
    const char *e = getenv("CONFLICTMAP_CACHE_MIN_BYTES");
    if (e && *e) {
        char *end;
        unsigned long long v = strtoull(e, &end, 10);
        if (!*end) return (size_t)v;
    }
    return CM_CACHE_MIN_BYTES;
}

int cache_wanted(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size >= min_bytes();
}

/* The full key text and the cache file's name; 0, or -1 (no absolute path, no directory). */
static int make_key(const char *path, const cm_cache_opts *o, char **key, size_t *keylen, char *name, size_t namelen)
{
    char abs[PATH_MAX], dir[PATH_MAX - 64];
    struct stat st;
    if (!realpath(path, abs) || stat(abs, &st) != 0 || cache_dir(dir, sizeof dir) != 0) return -1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *crs = o->crs ? o->crs : "", *places = o->places ? o->places : "";
    size_t cap = strlen(abs) + strlen(base) + strlen(crs) + strlen(places) + 420;
    char *k = malloc(cap);
    if (!k) return -1;
    int n = snprintf(k, cap, "conflictmap events cache\nformat %u\nevent %zu\npath %s\nname %s\nsize %lld\n"
                     "mtime %lld.%09ld\nctime %lld.%09ld\ninode %llu %llu\ncrs %s\nstrict %d\norder %d\nplaces %s\n",
                     FORMAT_VERSION, sizeof(cm_event), abs, base, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                     st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec, (unsigned long long)st.st_dev,
                     (unsigned long long)st.st_ino, crs, o->strict, o->order, places);
    if (n < 0 || (size_t)n >= cap) { free(k); return -1; }
    /* the name: what stays when the file is touched (so the new cache replaces the old one) */
    char id[2 * PATH_MAX + 1300];
    snprintf(id, sizeof id, "%s\n%s\n%.1000s\n%d\n%d\n%s", abs, base, crs, o->strict, o->order, places);
    uint64_t h = cache_hash(id, strlen(id), FORMAT_VERSION);
    if ((size_t)snprintf(name, namelen, "%s/%016llx.cmev", dir, (unsigned long long)h) >= namelen) { free(k); return -1; }
    *key = k;
    *keylen = (size_t)n;
    return 0;
}

/* The address a cache's pointers assume: 1 GiB steps in [16 TiB, 64 TiB), away from where
 * the heap, libraries and ordinary mappings go. */
static uint64_t base_for(const char *key, size_t keylen)
{
    uint64_t h = cache_hash(key, keylen, 7);
    return 0x100000000000ULL + (h % 0x3000u) * 0x40000000ULL;
}

/* CONFLICTMAP_CACHE_TRACE set: one stderr line per cache opened, passed over or written */
static void trace(const char *what, const char *name)
{
    const char *t = getenv("CONFLICTMAP_CACHE_TRACE");
    if (t && *t && strcmp(t, "0") != 0) fprintf(stderr, "conflictmap: cache: %s %s\n", what, name);
}

static void warn_once(const char *what, const char *where, int e)
{
    static int warned;
    if (warned) return;
    warned = 1;
    fprintf(stderr, "conflictmap: warning: events cache not written (%s %s: %s); loading without it\n", what, where,
            strerror(e));
}

/* ---- writing ---- */

typedef struct {
    int fd;
    uint64_t base;
    int err;               /* errno of the first failure */
    /* the heap, written in order through a buffer */
    unsigned char *buf;
    size_t nbuf, cap;
    uint64_t pos;          /* file offset of buf[0] */
    hstate hh;
    /* strings written once: a direct-mapped table of (pointer, offset) */
    const char **seen;
    uint64_t *seen_off;
} writer;

enum { SEEN = 1 << 16 };

static int pwrite_all(int fd, const void *p, size_t n, uint64_t off)
{
    const char *c = p;
    while (n) {
        ssize_t k = pwrite(fd, c, n, (off_t)off);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (k == 0) errno = EIO;
            return -1;
        }
        c += k;
        n -= (size_t)k;
        off += (uint64_t)k;
    }
    return 0;
}

static void flush(writer *w)
{
    if (!w->nbuf || w->err) return;
    h_update(&w->hh, w->buf, w->nbuf);
    if (pwrite_all(w->fd, w->buf, w->nbuf, w->pos) != 0) w->err = errno;
    w->pos += w->nbuf;
    w->nbuf = 0;
}

/* appends n bytes at an offset aligned to al; returns that offset */
static uint64_t put(writer *w, const void *p, size_t n, size_t al)
{
    static const char zero[8];
    size_t pad = (size_t)((al - (w->pos + w->nbuf) % al) % al);
    if (pad) put(w, zero, pad, 1);
    uint64_t at = w->pos + w->nbuf;
    const char *c = p;
    while (n) {
        if (w->nbuf == w->cap) flush(w);
        size_t k = w->cap - w->nbuf < n ? w->cap - w->nbuf : n;
        memcpy(w->buf + w->nbuf, c, k);
        w->nbuf += k;
        c += k;
        n -= k;
    }
    return at;
}

static void *addr(const writer *w, uint64_t off) { return (void *)(uintptr_t)(w->base + off); }

static char *put_str(writer *w, const char *s)
{
    if (!s) return NULL;
    size_t slot = ((uintptr_t)s >> 3 ^ (uintptr_t)s >> 19) & (SEEN - 1);
    if (w->seen[slot] == s) return addr(w, w->seen_off[slot]);
    uint64_t at = put(w, s, strlen(s) + 1, 1);
    w->seen[slot] = s;
    w->seen_off[slot] = at;
    return addr(w, at);
}

/* e as it is written: every pointer moved into the heap */
static void put_event(writer *w, const cm_event *e, cm_event *t)
{
    /* field by field over zeros: the struct's padding is written as zeros, not as whatever it held */
    memset(t, 0, sizeof *t);
    t->start = e->start;
    t->end = e->end;
    t->first = e->first;
    t->last = e->last;
    t->lon = e->lon;
    t->lat = e->lat;
    t->x = e->x;
    t->y = e->y;
    t->nregions = e->nregions;
    t->nfig = e->nfig;
    t->nsrc = e->nsrc;
    t->nattr = e->nattr;
    t->cat = e->cat;
    t->is_area = e->is_area;
    t->approx = e->approx;
    t->offmap = e->offmap;
    t->has_point = e->has_point;
    t->claim = e->claim;
    t->id = put_str(w, e->id);
    t->title = put_str(w, e->title);
    t->summary = put_str(w, e->summary);
    t->place = put_str(w, e->place);
    t->region_idx = NULL; /* made again from the geodata (catalog) */
    t->poly = NULL;
    t->mesh = NULL;
    t->hidden = 0;
    if (e->nregions && e->regions) {
        char *r[64];
        char **big = e->nregions > 64 ? malloc(sizeof *big * e->nregions) : NULL, **a = big ? big : r;
        if (e->nregions > 64 && !big) { w->err = ENOMEM; return; }
        for (int i = 0; i < e->nregions; i++) a[i] = put_str(w, e->regions[i]);
        t->regions = addr(w, put(w, a, sizeof *a * e->nregions, 8));
        free(big);
    } else t->regions = NULL, t->nregions = 0;
    if (e->nfig && e->fig) {
        cm_figure *a = calloc(e->nfig, sizeof *a);
        if (!a) { w->err = ENOMEM; return; }
        for (int i = 0; i < e->nfig; i++) {
            a[i].day = e->fig[i].day;
            a[i].value = put_str(w, e->fig[i].value);
            a[i].reporter = put_str(w, e->fig[i].reporter);
        }
        t->fig = addr(w, put(w, a, sizeof *a * e->nfig, 8));
        free(a);
    } else t->fig = NULL, t->nfig = 0;
    if (e->nsrc && e->src) {
        cm_source *a = calloc(e->nsrc, sizeof *a);
        if (!a) { w->err = ENOMEM; return; }
        for (int i = 0; i < e->nsrc; i++) {
            a[i].day = e->src[i].day;
            a[i].outlet = put_str(w, e->src[i].outlet);
            a[i].title = put_str(w, e->src[i].title);
            a[i].url = put_str(w, e->src[i].url);
            a[i].note = put_str(w, e->src[i].note);
        }
        t->src = addr(w, put(w, a, sizeof *a * e->nsrc, 8));
        free(a);
    } else t->src = NULL, t->nsrc = 0;
    if (e->nattr && e->attr) {
        cm_attr a[64];
        cm_attr *big = e->nattr > 64 ? malloc(sizeof *big * e->nattr) : NULL, *p = big ? big : a;
        if (e->nattr > 64 && !big) { w->err = ENOMEM; return; }
        for (int i = 0; i < e->nattr; i++) {
            p[i].key = put_str(w, e->attr[i].key);
            p[i].value = put_str(w, e->attr[i].value);
        }
        t->attr = addr(w, put(w, p, sizeof *p * e->nattr, 8));
        free(big);
    } else t->attr = NULL, t->nattr = 0;
}

static uint64_t up(uint64_t v, uint64_t al) { return (v + al - 1) / al * al; }

/* an event's first day beside its index: the sort needs no context outside its rows */
typedef struct {
    int32_t first;
    uint32_t i;
} first_key;
static int by_first_then_index(const void *a, const void *b)
{
    const first_key *x = a, *y = b;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

int cache_write(const char *path, const cm_cache_opts *o, const cm_event *ev, size_t n, const uint8_t *kinds,
                const char *summary, cm_cache_txn *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < n; i++)
        if (ev[i].poly || ev[i].mesh) return -1; /* polygons are not cached: the file is read each time */
    char name[PATH_MAX], *key = NULL;
    size_t keylen;
    if (make_key(path, o, &key, &keylen, name, sizeof name) != 0) return -1;
    cache_dir_make_for(name);
    size_t tl = strlen(name) + 16;
    char *tmp = malloc(tl);
    if (!tmp) { free(key); return -1; }
    snprintf(tmp, tl, "%s.tmp.XXXXXX", name);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", name);
        *strrchr(dir, '/') = 0; /* the cache's directory: name is made in it (make_key) */
        warn_once("cannot create a file in", dir, errno);
        free(tmp);
        free(key);
        return -1;
    }
    if (!summary) summary = "";
    cache_hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.version = FORMAT_VERSION;
    h.hdr = HDR;
    h.base = base_for(key, keylen);
    h.n = n;
    h.evsize = sizeof(cm_event);
    h.key_off = HDR;
    h.key_len = keylen;
    h.sum_off = h.key_off + keylen + 1;
    h.kinds_off = up(h.sum_off + strlen(summary) + 1, 64);
    writer w = {.fd = fd, .cap = 1u << 20};
    w.buf = malloc(w.cap);
    w.seen = calloc(SEEN, sizeof *w.seen);
    w.seen_off = malloc(SEEN * sizeof *w.seen_off);
    enum { BATCH = 4096 };
    cm_event *tb = malloc(sizeof *tb * BATCH);
    /* written sorted by first day, stably, as events_index sorts them: opened alone, the store
     * is in order already and is not sorted again */
    uint32_t *ord = malloc(sizeof *ord * (n ? n : 1));
    if (!w.buf || !w.seen || !w.seen_off || !tb || !ord) w.err = ENOMEM;
    else {
        first_key *k = malloc(sizeof *k * (n ? n : 1));
        if (!k) w.err = ENOMEM;
        else {
            for (size_t i = 0; i < n; i++) k[i] = (first_key){ev[i].first, (uint32_t)i};
            qsort(k, n, sizeof *k, by_first_then_index);
            for (size_t i = 0; i < n; i++) ord[i] = k[i].i;
            free(k);
        }
    }
    /* the index of the events in that order, as events_index makes it when they are the store */
    cm_grid g = {0};
    int32_t *longs = malloc(sizeof *longs * (n ? n : 1));
    if (!longs || (!w.err && events_point_grid(&g, ev, ord, (int)n) != 0)) w.err = ENOMEM;
    if (!w.err) {
        h.span_first = n ? ev[ord[0]].first : 0;
        h.span_last = h.span_first;
        for (size_t j = 0; j < n; j++) {
            const cm_event *e = &ev[ord[j]];
            int32_t end = e->last == CM_DAY_NEVER ? e->first : e->last;
            if (end > h.span_last) h.span_last = end;
            if (events_is_long(e)) longs[h.nlong++] = (int32_t)j;
        }
        h.gx0 = g.x0;
        h.gy0 = g.y0;
        h.gcell = g.cell;
        h.gnx = g.nx;
        h.gny = g.ny;
        h.ncells = (uint64_t)g.nx * (uint64_t)g.ny;
        h.npts = (uint64_t)g.n;
    }
    h.longs_off = up(h.kinds_off + n, 64);
    h.start_off = up(h.longs_off + 4 * h.nlong, 64);
    h.items_off = up(h.start_off + 4 * (h.ncells + 1), 64);
    h.ev_off = up(h.items_off + 4 * h.npts, 64);
    h.heap_off = up(h.ev_off + n * sizeof(cm_event), 64);
    w.base = h.base;
    w.pos = h.heap_off;
    h_init(&w.hh, 3);

    /* key, summary and kinds */
    size_t pre = (size_t)(h.ev_off - HDR);
    unsigned char *p = w.err ? NULL : calloc(1, pre ? pre : 1);
    uint64_t hpre = 0;
    if (p) {
        memcpy(p, key, keylen);
        memcpy(p + (h.sum_off - HDR), summary, strlen(summary));
        if (kinds)
            for (size_t i = 0; i < n; i++) p[h.kinds_off - HDR + i] = kinds[ord[i]];
        memcpy(p + (h.longs_off - HDR), longs, 4 * h.nlong);
        if (g.start) memcpy(p + (h.start_off - HDR), g.start, 4 * (h.ncells + 1));
        if (g.items) memcpy(p + (h.items_off - HDR), g.items, 4 * h.npts);
        hpre = cache_hash(p, pre, 1);
        if (pwrite_all(fd, p, pre, HDR) != 0) w.err = errno;
        free(p);
    } else w.err = ENOMEM;
    /* the events, a batch at a time, their heap written as they go */
    hstate he;
    h_init(&he, 2);
    for (size_t i = 0; i < n && !w.err; i += BATCH) {
        size_t k = n - i < BATCH ? n - i : BATCH;
        for (size_t j = 0; j < k && !w.err; j++) put_event(&w, &ev[ord[i + j]], &tb[j]);
        h_update(&he, tb, k * sizeof *tb);
        if (!w.err && pwrite_all(fd, tb, k * sizeof *tb, h.ev_off + i * sizeof *tb) != 0) w.err = errno;
    }
    { /* the padding before the heap (a hole, read as zeros) is checked too */
        static const unsigned char zero[64];
        h_update(&he, zero, (size_t)(h.heap_off - h.ev_off - n * sizeof(cm_event)));
    }
    flush(&w);
    h.len = w.pos;
    uint64_t parts[4] = {0, hpre, h_final(&he), h_final(&w.hh)};
    parts[0] = cache_hash(&h, sizeof h, 0);
    h.check = cache_hash(parts, sizeof parts, 4);
    if (!w.err && pwrite_all(fd, &h, sizeof h, 0) != 0) w.err = errno;
    if (!w.err && fsync(fd) != 0) w.err = errno;
    if (close(fd) != 0 && !w.err) w.err = errno;
    free(w.buf);
    free(w.seen);
    free(w.seen_off);
    free(tb);
    free(ord);
    free(longs);
    grid_free(&g);
    free(key);
    if (w.err) {
        warn_once("cannot write", tmp, w.err);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    t->tmp = tmp;
    t->final = strdup(name);
    if (!t->final) { unlink(tmp); free(tmp); t->tmp = NULL; return -1; }
    return 0;
}

void cache_commit(cm_cache_txn *t, int keep)
{
    if (!t->tmp) return;
    if (keep && rename(t->tmp, t->final) != 0) {
        warn_once("cannot rename", t->tmp, errno);
        keep = 0;
    }
    if (keep) trace("wrote", t->final);
    if (!keep) unlink(t->tmp);
    free(t->tmp);
    free(t->final);
    t->tmp = t->final = NULL;
}

/* ---- reading ---- */

/* reads [off, off + n) of fd into the checksum, through a buffer: read this way, the text
 * costs a copy at memory speed, not a page fault for each 4 KiB of a mapping nobody reads */
static int h_pread(hstate *h, int fd, uint64_t off, uint64_t n, unsigned char *buf, size_t cap)
{
    while (n) {
        size_t want = n < cap ? (size_t)n : cap;
        ssize_t k = pread(fd, buf, want, (off_t)off);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        h_update(h, buf, (size_t)k);
        off += (uint64_t)k;
        n -= (uint64_t)k;
    }
    return 0;
}

/* the text's part of the checksum, made by a second thread while the first one checks the
 * events: the text is most of the file, and the two parts together take the time of the longer */
typedef struct {
    int fd;
    uint64_t off, n;
    uint64_t sum;
    int ok;
} text_job;

static void *text_sum(void *p)
{
    text_job *j = p;
    enum { CAP = 256 * 1024 };
    unsigned char *buf = malloc(CAP);
    hstate *st = malloc(sizeof *st);
    j->ok = 0;
    if (buf && st) {
        h_init(st, 3);
        if (h_pread(st, j->fd, j->off, j->n, buf, CAP) == 0) {
            j->sum = h_final(st);
            j->ok = 1;
        }
    }
    free(buf);
    free(st);
    return NULL;
}

/* the checksum as the writer made it: the events from the mapping m (they are used from there,
 * so their pages are wanted anyway), the rest read from fd, the text by a second thread at the
 * same time (by this one when no thread can be made); 0 when it cannot be read */
static uint64_t checksum(int fd, const unsigned char *m, const cache_hdr *h)
{
    cache_hdr z = *h;
    z.check = 0;
    text_job tj = {.fd = fd, .off = h->heap_off, .n = h->len - h->heap_off};
    pthread_t th;
    int threaded = pthread_create(&th, NULL, text_sum, &tj) == 0;
    enum { CAP = 256 * 1024 };
    unsigned char *buf = malloc(CAP);
    hstate *st = malloc(sizeof *st * 2);
    uint64_t r = 0;
    int ok = 0;
    if (buf && st) {
        h_init(&st[0], 1);
        h_init(&st[1], 2);
        h_update(&st[1], m + h->ev_off, h->heap_off - h->ev_off); /* the events and the padding after them */
        ok = h_pread(&st[0], fd, HDR, h->ev_off - HDR, buf, CAP) == 0;
    }
    if (threaded) pthread_join(th, NULL);
    else text_sum(&tj);
    if (ok && tj.ok) {
        uint64_t parts[4] = {cache_hash(&z, sizeof z, 0), h_final(&st[0]), h_final(&st[1]), tj.sum};
        r = cache_hash(parts, sizeof parts, 4);
    }
    free(buf);
    free(st);
    return r;
}

/* moves a pointer written for `base` to the mapping at m; 0, or -1 when it points outside */
static int move(void *pp, uint64_t base, const cache_hdr *h, unsigned char *m)
{
    char *p;
    memcpy(&p, pp, sizeof p);
    if (!p) return 0;
    uint64_t off = (uint64_t)(uintptr_t)p - base;
    if (off < h->heap_off || off >= h->len) return -1;
    p = (char *)m + off;
    memcpy(pp, &p, sizeof p);
    return 0;
}

static int relocate(unsigned char *m, const cache_hdr *h)
{
    cm_event *ev = (cm_event *)(m + h->ev_off);
    uint64_t b = h->base;
    for (uint64_t i = 0; i < h->n; i++) {
        cm_event *e = &ev[i];
        if (move(&e->id, b, h, m) || move(&e->title, b, h, m) || move(&e->summary, b, h, m) || move(&e->place, b, h, m) ||
            move(&e->regions, b, h, m) || move(&e->fig, b, h, m) || move(&e->src, b, h, m) || move(&e->attr, b, h, m))
            return -1;
        for (int k = 0; k < e->nregions; k++)
            if (move(&e->regions[k], b, h, m)) return -1;
        for (int k = 0; k < e->nfig; k++)
            if (move(&e->fig[k].value, b, h, m) || move(&e->fig[k].reporter, b, h, m)) return -1;
        for (int k = 0; k < e->nsrc; k++)
            if (move(&e->src[k].outlet, b, h, m) || move(&e->src[k].title, b, h, m) || move(&e->src[k].url, b, h, m) ||
                move(&e->src[k].note, b, h, m))
                return -1;
        for (int k = 0; k < e->nattr; k++)
            if (move(&e->attr[k].key, b, h, m) || move(&e->attr[k].value, b, h, m)) return -1;
    }
    return 0;
}

/* the index's place in the file (header fields only) */
static int index_fits(const cache_hdr *h)
{
    return h->longs_off % 4 == 0 && h->start_off % 4 == 0 && h->items_off % 4 == 0 && h->longs_off >= h->kinds_off + h->n &&
           h->nlong <= h->n && h->npts <= h->n && h->ncells >= 1 && h->ncells <= (uint64_t)CM_GRID_MAX_CELLS &&
           h->gnx >= 1 && h->gny >= 1 && (uint64_t)h->gnx * (uint64_t)h->gny == h->ncells &&
           h->longs_off + 4 * h->nlong <= h->start_off && h->start_off + 4 * (h->ncells + 1) <= h->items_off &&
           h->items_off + 4 * h->npts <= h->ev_off && h->gcell > 0 && h->gcell < HUGE_VAL && h->gx0 == h->gx0 &&
           h->gy0 == h->gy0;
}

/* the index's content: every event index in range, the grid's starts ascending to its count */
static int index_ok(const unsigned char *m, const cache_hdr *h)
{
    const int32_t *longs = (const int32_t *)(m + h->longs_off), *start = (const int32_t *)(m + h->start_off),
                  *items = (const int32_t *)(m + h->items_off);
    int32_t n = (int32_t)h->n, prev = -1;
    for (uint64_t i = 0; i < h->nlong; i++) {
        if (longs[i] <= prev || longs[i] >= n) return 0;
        prev = longs[i];
    }
    if (start[0] != 0 || start[h->ncells] != (int32_t)h->npts) return 0;
    for (uint64_t c = 0; c < h->ncells; c++)
        if (start[c + 1] < start[c]) return 0;
    int32_t bad = 0;
    for (uint64_t i = 0; i < h->npts; i++) bad |= (int32_t)((uint32_t)items[i] >= (uint32_t)n);
    return !bad;
}

int cache_open(const char *path, const cm_cache_opts *o, cm_cache_view *v)
{
    memset(v, 0, sizeof *v);
    char name[PATH_MAX], *key = NULL;
    size_t keylen;
    if (make_key(path, o, &key, &keylen, name, sizeof name) != 0) return 0;
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { free(key); return 0; }
    struct stat st;
    cache_hdr h;
    int bad = 1; /* damaged or foreign: removed; a stale key is only passed over (rewritten) */
    unsigned char *m = MAP_FAILED;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)HDR || pread(fd, &h, HDR, 0) != (ssize_t)HDR) goto out;
    if (memcmp(h.magic, MAGIC, 8) != 0 || h.version != FORMAT_VERSION || h.hdr != HDR || h.evsize != sizeof(cm_event) ||
        h.len != (uint64_t)st.st_size || h.n > CM_MAX_EVENTS || h.key_off != HDR || h.key_len > h.len ||
        h.sum_off != h.key_off + h.key_len + 1 || h.kinds_off < h.sum_off || h.kinds_off + h.n > h.ev_off ||
        h.ev_off % 64 || h.ev_off > h.len || h.n * sizeof(cm_event) > h.len - h.ev_off ||
        h.heap_off < h.ev_off + h.n * sizeof(cm_event) || h.heap_off > h.len || h.base % 4096 || !index_fits(&h))
        goto out;
    int moved = 0;
    /* at the address the pointers assume; ThreadSanitizer keeps that range for itself and
     * aborts on a mapping there, so its builds always take the moving path below */
    /* writable and private: the store uses the events where they are, and what it changes in
     * them (the filter's mark, a region's index) goes to a private copy of that page only */
    m = TSAN_BUILD ? MAP_FAILED
                   : mmap((void *)(uintptr_t)h.base, h.len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, 0);
    if (m != MAP_FAILED && (uint64_t)(uintptr_t)m != h.base) {
        munmap(m, h.len); /* an old kernel took the address as a hint only */
        m = MAP_FAILED;
    }
    if (m == MAP_FAILED) {
        m = mmap(NULL, h.len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        moved = 1;
    }
    if (m == MAP_FAILED) { bad = 0; goto out; }
#ifdef MADV_POPULATE_READ
    { /* the events are all read at once (index, grid, counts): their pages mapped in one call */
        uintptr_t a = (uintptr_t)(m + h.ev_off) & ~(uintptr_t)4095;
        madvise((void *)a, (uintptr_t)(m + h.heap_off) - a, MADV_POPULATE_READ);
    }
#endif
    if (checksum(fd, m, &h) != h.check) goto out;
    if (memchr(m + h.sum_off, 0, h.kinds_off - h.sum_off) == NULL || !index_ok(m, &h)) goto out;
    if (h.key_len != keylen || memcmp(m + HDR, key, keylen) != 0) { bad = 0; goto out; }
    if (moved && relocate(m, &h) != 0) goto out;
    posix_madvise(m + (h.heap_off & ~(uint64_t)4095), h.len - (h.heap_off & ~(uint64_t)4095), POSIX_MADV_RANDOM); /* text is read when shown, a page at a time */
    close(fd);
    free(key);
    trace(moved ? "opened (moved)" : "opened", name);
    v->map = m;
    v->len = h.len;
    v->ev = (cm_event *)(m + h.ev_off);
    v->n = h.n;
    v->kinds = m + h.kinds_off;
    v->summary = (const char *)m + h.sum_off;
    v->pre = (cm_events_prebuilt){.n = (int)h.n,
                                  .longs = (const int *)(m + h.longs_off),
                                  .nlong = (int)h.nlong,
                                  .grid = {.x0 = h.gx0, .y0 = h.gy0, .cell = h.gcell, .nx = h.gnx, .ny = h.gny,
                                           .start = (int *)(m + h.start_off), .items = (int *)(m + h.items_off), .n = (int)h.npts},
                                  .span_first = h.span_first,
                                  .span_last = h.span_last};
    return 1;
out:
    if (m != MAP_FAILED) munmap(m, h.len);
    close(fd);
    trace(bad ? "damaged or foreign, removed:" : "out of date:", name);
    if (bad) unlink(name);
    free(key);
    return 0;
}

void cache_close(cm_cache_view *v)
{
    if (v->map) munmap(v->map, v->len);
    memset(v, 0, sizeof *v);
}
