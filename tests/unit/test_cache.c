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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
