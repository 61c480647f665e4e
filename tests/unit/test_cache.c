/* Unit tests of the events cache (data/cache.c): a written cache opens to the same events
 * (strings, figures, sources, attributes, kinds, summary) sorted by first day; a flipped
 * byte anywhere, a shorter file, another CRS or other options are not opened; writes to the
 * events of an open cache stay in the process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "data/cache.h"

static char dir[64], src[128];

static cm_figure FIG[2] = {{"3 killed", "SOHR", 100}, {"5 killed", "SANA", CM_DAY_NONE}};
static cm_source SRC[1] = {{"Reuters", "A title", "https://example.org/a", NULL, 101}};
static cm_attr ATTR[2] = {{"actor1", "Actor A"}, {"admin1", "Damascus"}};
static char *REG[1] = {"SY01"};

static void fill(cm_event *ev)
{
    memset(ev, 0, sizeof *ev * 3);
    const int32_t first[3] = {300, 100, 200};
    const char *ids[3] = {"late", "early", "middle"};
    for (int i = 0; i < 3; i++) {
        ev[i].id = (char *)ids[i];
        ev[i].title = (char *)"Armed clash";
        ev[i].first = ev[i].last = first[i];
        ev[i].x = 1000.5f * (float)i;
        ev[i].y = -20.25f;
        ev[i].has_point = 1;
        ev[i].cat = (uint8_t)(i + 7);
    }
    ev[1].summary = (char *)"A vs B. \"Quoted\", with commas;\nand a new line";
    ev[1].fig = FIG;
    ev[1].nfig = 2;
    ev[1].src = SRC;
    ev[1].nsrc = 1;
    ev[1].attr = ATTR;
    ev[1].nattr = 2;
    ev[2].regions = REG;
    ev[2].nregions = 1;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/cm_test_cache.XXXXXX");
    if (!mkdtemp(dir)) return -1;
    setenv("XDG_CACHE_HOME", dir, 1);
    setenv("CONFLICTMAP_CACHE_MIN_BYTES", "0", 1);
    snprintf(src, sizeof src, "%s/events.csv", dir);
    FILE *f = fopen(src, "w");
    if (!f) return -1;
    fputs("not read by the cache\n", f);
    fclose(f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const cm_cache_opts OPTS = {"EPSG:22770", 0, 0, ""};

/* the one cache file, written */
static void write_cache(char *name, size_t n)
{
    cm_event ev[3];
    fill(ev);
    uint8_t kinds[3] = {'A', 0, 'D'};
    cm_cache_txn t;
    assert_int_equal(cache_write(src, &OPTS, ev, 3, kinds, "3 events from events.csv; 1 row skipped", &t), 0);
    assert_non_null(t.tmp);
    cache_commit(&t, 1);
    char cdir[200];
    assert_int_equal(cache_dir(cdir, sizeof cdir), 0);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls %s/*.cmev", cdir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(name, (int)n, p));
    pclose(p);
    name[strcspn(name, "\n")] = 0;
}

static void test_round_trip(void **state)
{
    (void)state;
    char name[300];
    write_cache(name, sizeof name);
    cm_cache_view v;
    assert_int_equal(cache_open(src, &OPTS, &v), 1);
    assert_int_equal(v.n, 3);
    /* sorted by first day */
    assert_string_equal(v.ev[0].id, "early");
    assert_string_equal(v.ev[1].id, "middle");
    assert_string_equal(v.ev[2].id, "late");
    assert_int_equal(v.kinds[0], 0);
    assert_int_equal(v.kinds[1], 'D');
    assert_int_equal(v.kinds[2], 'A');
    const cm_event *e = &v.ev[0];
    assert_string_equal(e->summary, "A vs B. \"Quoted\", with commas;\nand a new line");
    assert_true(e->x == 1000.5f && e->y == -20.25f);
    assert_int_equal(e->cat, 8);
    assert_int_equal(e->nfig, 2);
    assert_string_equal(e->fig[1].value, "5 killed");
    assert_string_equal(e->fig[1].reporter, "SANA");
    assert_int_equal(e->fig[1].day, CM_DAY_NONE);
    assert_int_equal(e->nsrc, 1);
    assert_string_equal(e->src[0].url, "https://example.org/a");
    assert_null(e->src[0].note);
    assert_int_equal(e->src[0].day, 101);
    assert_int_equal(e->nattr, 2);
    assert_string_equal(e->attr[1].key, "admin1");
    assert_string_equal(e->attr[1].value, "Damascus");
    assert_int_equal(v.ev[1].nregions, 1);
    assert_string_equal(v.ev[1].regions[0], "SY01");
    assert_null(v.ev[1].summary);
    assert_string_equal(v.summary, "3 events from events.csv; 1 row skipped");
    /* the text lives in the mapping */
    assert_true((const char *)e->summary >= (const char *)v.map && (const char *)e->summary < (const char *)v.map + v.len);
    cache_close(&v);
    /* other CRS, other options: not this cache */
    cm_cache_opts other = OPTS;
    other.crs = "EPSG:4326";
    assert_int_equal(cache_open(src, &other, &v), 0);
    other = OPTS;
    other.strict = 1;
    assert_int_equal(cache_open(src, &other, &v), 0);
    other = OPTS;
    other.order = 1;
    assert_int_equal(cache_open(src, &other, &v), 0);
    assert_int_equal(cache_open(src, &OPTS, &v), 1);
    cache_close(&v);
}

/* every byte of the file matters: flipped, the cache is not opened and is removed */
static void test_every_byte_checked(void **state)
{
    (void)state;
    char name[300];
    write_cache(name, sizeof name);
    struct stat st;
    assert_int_equal(stat(name, &st), 0);
    FILE *f = fopen(name, "rb");
    assert_non_null(f);
    size_t len = (size_t)st.st_size;
    unsigned char *good = malloc(len);
    assert_int_equal(fread(good, 1, len, f), len);
    fclose(f);
    int opened = 0;
    for (size_t at = 0; at < len; at += 1 + at / 64) {
        if (at >= 96 && at < 104) continue; /* the checksum itself: a flip there is caught too, below */
        f = fopen(name, "wb");
        assert_non_null(f);
        good[at] ^= 4;
        fwrite(good, 1, len, f);
        good[at] ^= 4;
        fclose(f);
        cm_cache_view v;
        int r = cache_open(src, &OPTS, &v);
        if (r) {
            print_error("byte %zu of %zu flipped and the cache opened\n", at, len);
            cache_close(&v);
        }
        opened += r;
    }
    assert_int_equal(opened, 0);
    /* the checksum field, and a file one byte short */
    for (int k = 0; k < 2; k++) {
        f = fopen(name, "wb");
        assert_non_null(f);
        if (k == 0) good[99] ^= 1;
        fwrite(good, 1, k == 0 ? len : len - 1, f);
        if (k == 0) good[99] ^= 1;
        fclose(f);
        cm_cache_view v;
        assert_int_equal(cache_open(src, &OPTS, &v), 0);
        assert_int_not_equal(access(name, F_OK), 0); /* removed, to be rebuilt */
    }
    free(good);
}

/* the store uses the events in place: what it writes to them stays in this process (a private
 * mapping), never in the file, which opens the same again */
static void test_writes_stay_private(void **state)
{
    (void)state;
    char name[300];
    write_cache(name, sizeof name);
    cm_cache_view v;
    assert_int_equal(cache_open(src, &OPTS, &v), 1);
    v.ev[0].hidden = 1;
    v.ev[1].x = 42.0f;
    v.ev[1].regions[0] = (char *)"XX99";
    assert_int_equal(v.ev[0].hidden, 1);
    cache_close(&v);
    assert_int_equal(cache_open(src, &OPTS, &v), 1);
    assert_int_equal(v.ev[0].hidden, 0);
    assert_true(v.ev[1].x == 1000.5f * 2);
    assert_string_equal(v.ev[1].regions[0], "SY01");
    cache_close(&v);
}

/* the index the cache keeps (long events, grid of points, date span) is the one events_index
 * makes for the same events; a store of them alone uses it, and makes its own when loading
 * made a point's area no area (one more point than the cache's grid holds) */
static void same_index(const cm_events *a, const cm_events *b)
{
    assert_int_equal(a->nlong, b->nlong);
    if (a->nlong) assert_memory_equal(a->longs, b->longs, sizeof(int) * (size_t)a->nlong);
    assert_int_equal(a->nareas, b->nareas);
    if (a->nareas) assert_memory_equal(a->areas, b->areas, sizeof(int) * (size_t)a->nareas);
    assert_int_equal(a->span_first, b->span_first);
    assert_int_equal(a->span_last, b->span_last);
    const cm_grid *g = &a->grid, *h = &b->grid;
    assert_true(g->x0 == h->x0 && g->y0 == h->y0 && g->cell == h->cell);
    assert_int_equal(g->nx, h->nx);
    assert_int_equal(g->ny, h->ny);
    assert_int_equal(g->n, h->n);
    assert_memory_equal(g->start, h->start, sizeof(int) * ((size_t)g->nx * (size_t)g->ny + 1));
    assert_memory_equal(g->items, h->items, sizeof(int) * (size_t)(g->n ? g->n : 1));
}

static void test_index_kept(void **state)
{
    (void)state;
    enum { N = 5000 };
    cm_event *ev = calloc(N, sizeof *ev);
    assert_non_null(ev);
    uint32_t r = 7;
    for (int i = 0; i < N; i++) {
        r = r * 1103515245u + 12345u;
        ev[i].id = (char *)"e";
        ev[i].first = (int32_t)(r >> 8) % 3000;
        ev[i].last = i % 97 == 0 ? CM_DAY_NEVER : ev[i].first + (int32_t)((r >> 4) % (i % 13 == 0 ? 400 : 10));
        ev[i].has_point = i % 11 != 0;
        ev[i].is_area = i % 17 == 0;
        ev[i].x = (float)((r >> 3) % 200000) - 50000.0f;
        ev[i].y = (float)(i % 1000) * 321.5f;
    }
    cm_cache_txn t;
    assert_int_equal(cache_write(src, &OPTS, ev, N, NULL, "", &t), 0);
    cache_commit(&t, 1);
    free(ev);
    for (int changed = 0; changed < 2; changed++) {
        cm_cache_view v;
        assert_int_equal(cache_open(src, &OPTS, &v), 1);
        assert_int_equal(v.pre.n, N);
        if (changed) /* an area with a point is no area any more (its regions are not on this map) */
            for (int i = 0; i < N; i++)
                if (v.ev[i].is_area && v.ev[i].has_point) { v.ev[i].is_area = 0; break; }
        cm_events fresh = {0}, kept = {0};
        events_use_mapped(&fresh, v.ev, N, NULL);
        events_index(&fresh);
        events_use_mapped(&kept, v.ev, N, &v.pre);
        events_index(&kept);
        assert_int_equal(kept.idx_borrowed, !changed); /* the cache's index used, or one made anew */
        same_index(&fresh, &kept);
        events_free(&fresh);
        events_free(&kept);
        cache_close(&v);
    }
}

/* a cache whose index is wrong though its checksum is right (a writer's bug, a forged file) is
 * not used: the file rewritten with an index changed and its checksum made again, as the
 * writer makes it (header with the field zero, the parts before the events, the events, the
 * text, then those four) */
static uint64_t u64at(const unsigned char *b, size_t at)
{
    uint64_t v;
    memcpy(&v, b + at, 8);
    return v;
}

static int opens_with(const char *name, unsigned char *b, size_t len)
{
    uint64_t ev_off = u64at(b, 80), heap_off = u64at(b, 88);
    memset(b + 96, 0, 8);
    uint64_t parts[4] = {cache_hash(b, 256, 0), cache_hash(b + 256, ev_off - 256, 1), cache_hash(b + ev_off, heap_off - ev_off, 2),
                         cache_hash(b + heap_off, len - heap_off, 3)};
    uint64_t check = cache_hash(parts, sizeof parts, 4);
    memcpy(b + 96, &check, 8);
    FILE *f = fopen(name, "wb");
    assert_non_null(f);
    fwrite(b, 1, len, f);
    fclose(f);
    cm_cache_view v;
    int r = cache_open(src, &OPTS, &v);
    if (r) cache_close(&v);
    return r;
}

static void test_index_checked(void **state)
{
    (void)state;
    char name[300];
    write_cache(name, sizeof name);
    cm_event ev[3]; /* written again, one of the events long */
    fill(ev);
    ev[1].last = CM_DAY_NEVER;
    cm_cache_txn t;
    assert_int_equal(cache_write(src, &OPTS, ev, 3, NULL, "", &t), 0);
    cache_commit(&t, 1);
    struct stat st;
    assert_int_equal(stat(name, &st), 0);
    size_t len = (size_t)st.st_size;
    unsigned char *good = malloc(len), *b = malloc(len);
    FILE *f = fopen(name, "rb");
    assert_non_null(f);
    assert_int_equal(fread(good, 1, len, f), len);
    fclose(f);
    uint64_t longs_off = u64at(good, 104), start_off = u64at(good, 120), ncells = u64at(good, 128), items_off = u64at(good, 136),
             npts = u64at(good, 144);
    assert_int_equal(npts, 3);
    memcpy(b, good, len);
    assert_int_equal(opens_with(name, b, len), 1); /* the checksum made as the writer makes it */
    int32_t v3 = 3, vm = -1;
    memcpy(b, good, len);
    memcpy(b + items_off + 4, &v3, 4); /* an event past the last */
    assert_int_equal(opens_with(name, b, len), 0);
    memcpy(b, good, len);
    memcpy(b + items_off, &vm, 4);
    assert_int_equal(opens_with(name, b, len), 0);
    memcpy(b, good, len);
    int32_t c0 = 1;
    memcpy(b + start_off, &c0, 4); /* the cells do not start at 0 */
    assert_int_equal(opens_with(name, b, len), 0);
    memcpy(b, good, len);
    int32_t last = 2;
    memcpy(b + start_off + 4 * ncells, &last, 4); /* the cells hold fewer than the points */
    assert_int_equal(opens_with(name, b, len), 0);
    memcpy(b, good, len);
    assert_int_equal(u64at(good, 112), 1); /* the long event */
    memcpy(b + longs_off, &v3, 4);
    assert_int_equal(opens_with(name, b, len), 0);
    memcpy(b, good, len);
    uint64_t cells = ncells + 1;
    memcpy(b + 128, &cells, 8); /* cells that are not nx by ny */
    assert_int_equal(opens_with(name, b, len), 0);
    free(good);
    free(b);
}

static void test_hash(void **state)
{
    (void)state;
    unsigned char b[100];
    for (int i = 0; i < 100; i++) b[i] = (unsigned char)i;
    uint64_t h = cache_hash(b, sizeof b, 0);
    assert_true(h == cache_hash(b, sizeof b, 0));
    for (int i = 0; i < 100; i++)
        for (int bit = 0; bit < 8; bit++) {
            b[i] ^= (unsigned char)(1 << bit);
            assert_true(cache_hash(b, sizeof b, 0) != h);
            b[i] ^= (unsigned char)(1 << bit);
        }
    assert_true(cache_hash(b, 99, 0) != cache_hash(b, 100, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_every_byte_checked),
        cmocka_unit_test(test_writes_stay_private),
        cmocka_unit_test(test_index_kept),
        cmocka_unit_test(test_index_checked),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
