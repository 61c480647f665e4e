/* fuzz_report: events loaded into a whole catalog (projected into the map CRS, indexed in the
 * point grid), then the --list and --query documents. Every document written must be one
 * valid JSON value with no NUL byte, whatever the events held. The first byte picks the map
 * CRS, the second whether the rest is an events file as it is (GeoJSON or CSV) or steers the
 * structure-aware generator of fuzz_gen.h (large and degenerate geometry).
 * Needs CM_GEODATA (fuzz/run.sh sets it to geodata/).
 *
 * The four catalogs (shapefiles read, projected, triangulated, indexed) are loaded once, in
 * LLVMFuzzerInitialize, not on the first input of each CRS (that put seconds of PROJ and GEOS
 * work into the executions: 15 in 30 s). Each input's events are rolled back after it, as
 * fuzz_csv does: the store keeps its first 4 MiB arena chunk (a small string allocated first
 * holds it) and is truncated to the mark; the import registry (ids, rejects) is reset; every
 * 1024 inputs the stores are freed and started again. */
#include "fuzz_common.h"
#include "fuzz_gen.h"

#include <yajl/yajl_parse.h>

#include "data/catalog.h"
#include "data/report.h"

static const char *CRS[] = {"EPSG:22770", "EPSG:3857", "EPSG:4326", "EPSG:32637"};
#define NCRS (sizeof CRS / sizeof CRS[0])
static cm_catalog CAT[NCRS];
static cm_arena_mark MARK[NCRS];

static void start_store(cm_catalog *c, unsigned k)
{
    events_strdup(&c->events, "keeps the first chunk");
    MARK[k] = arena_mark(&c->events.arena);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[1024];
    const char *g = getenv("CM_GEODATA");
    for (unsigned k = 0; k < NCRS; k++) {
        if (catalog_load(&CAT[k], g ? g : "geodata", CRS[k], err, sizeof err) != 0) { fprintf(stderr, "%s\n", err); abort(); }
        start_store(&CAT[k], k);
    }
    return 0;
}

static void check_json(const char *what, char *buf, size_t len)
{
    if (memchr(buf, 0, len)) { fprintf(stderr, "%s: a NUL byte in the JSON\n", what); abort(); }
    yajl_handle h = yajl_alloc(NULL, NULL, NULL);
    if (yajl_parse(h, (unsigned char *)buf, len) != yajl_status_ok || yajl_complete_parse(h) != yajl_status_ok) {
        fprintf(stderr, "%s: not valid JSON:\n%.2000s\n", what, buf);
        abort();
    }
    yajl_free(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    unsigned k = data[0] % NCRS;
    char err[1024];
    cm_catalog *c = &CAT[k];
    char path[600];
    if (data[1] & 1) {
        fz_write("in.events", data + 2, size - 2, path, sizeof path);
    } else {
        snprintf(path, sizeof path, "%s/gen.geojson", fz_scratch());
        FILE *f = fopen(path, "wb");
        if (!f) abort();
        fz_bytes b = {data + 2, size - 2, 0};
        fz_gen_geojson(f, &b);
        fclose(f);
    }
    err[0] = 0;
    if (catalog_add_events(c, path, err, sizeof err) != 0) {
        fz_check_message(err);
        if (c->events.n) { fprintf(stderr, "a failed load left %d events\n", c->events.n); abort(); }
    }
    catalog_finish_events(c, err, sizeof err);
    cm_when w = {.a = c->events.span_first, .b = c->events.span_last, .window = 1, .fade = 30};
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (report_list(c, &w, m, err, sizeof err) != 0) { fprintf(stderr, "report_list: %s\n", err); abort(); }
    fclose(m);
    check_json("--list", buf, len);
    free(buf);
    /* a query at the first event's place (or a fixed one), with a radius from the input */
    double lon = 36.3, lat = 33.5;
    if (c->events.n && c->events.ev[0].has_point) { lon = c->events.ev[0].lon; lat = c->events.ev[0].lat; }
    m = open_memstream(&buf, &len);
    if (report_query(c, lon, lat, &w, 1 + data[1] * 100.0, m, err, sizeof err) != 0) { fprintf(stderr, "report_query: %s\n", err); abort(); }
    fclose(m);
    check_json("--query", buf, len);
    free(buf);
    static unsigned count;
    import_reset(&c->import);
    if (++count % 1024 == 0) {
        events_free(&c->events);
        start_store(c, k);
    } else {
        events_truncate(&c->events, 0, MARK[k]);
    }
    return 0;
}
