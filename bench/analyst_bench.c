/* analyst_bench: what the analyst's tools cost on a large store: applying a filter (text,
 * type, fatalities), building the list of what is shown (Ctrl+L) for one day and for the whole
 * span, sorted newest first and most killed first, and writing the shown events as GeoJSON
 * and CSV. Prints one line per figure (median of 5 runs, milliseconds).
 * usage: analyst_bench FILE.csv|FILE.geojson [GEODATA_DIR]  (files from bench/gen_acled) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "data/catalog.h"
#include "data/export.h"
#include "data/filter.h"
#include "ui/feed.h"
#include "ui/state.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define RUNS 5
#define MEDIAN(label, body)                                                         \
    do {                                                                             \
        double t_[RUNS];                                                             \
        for (int r_ = 0; r_ < RUNS; r_++) {                                          \
            double t0_ = now_ms();                                                   \
            body;                                                                    \
            t_[r_] = now_ms() - t0_;                                                 \
        }                                                                            \
        qsort(t_, RUNS, sizeof(double), cmp_d);                                      \
        printf("%-52s %10.2f ms\n", label, t_[RUNS / 2]);                            \
    } while (0)

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: analyst_bench FILE [GEODATA_DIR]\n");
        return 2;
    }
    char err[1024];
    cm_catalog cat;
    if (catalog_load(&cat, argc > 2 ? argv[2] : CM_DATADIR "/geodata", "EPSG:22770", err, sizeof err) != 0 ||
        catalog_add_events(&cat, argv[1], err, sizeof err) != 0 || catalog_finish_events(&cat, err, sizeof err) != 0) {
        fprintf(stderr, "analyst_bench: %s\n", err);
        return 1;
    }
    printf("events: %d\n", cat.events.n);
    cm_filter f;
    char e2[256];
    int kept = 0;
    filter_init(&f);
    filter_set_text(&f, "armed clash");
    MEDIAN("filter --text 'armed clash'", kept = filter_apply(&f, &cat.events));
    printf("  kept %d\n", kept);
    filter_init(&f);
    filter_set_types(&f, "battle,explosion", e2, sizeof e2);
    MEDIAN("filter --type battle,explosion", kept = filter_apply(&f, &cat.events));
    printf("  kept %d\n", kept);
    filter_init(&f);
    filter_set_min_fatalities(&f, "5", e2, sizeof e2);
    MEDIAN("filter --min-fatalities 5", kept = filter_apply(&f, &cat.events));
    printf("  kept %d\n", kept);
    filter_init(&f);
    filter_apply(&f, &cat.events);

    cm_when day = {cat.events.span_last, cat.events.span_last, 30, 0};
    cm_when all = {cat.events.span_first, cat.events.span_last, 30, 1};
    cm_ui *u = calloc(1, sizeof *u);
    cm_feed d;
    memset(&d, 0, sizeof d);
    ui_init(u, &cat, &day, NULL);
    d.open = 1;
    double t0 = now_ms();
    feed_update(&d, u);
    printf("%-52s %10.2f ms\n", "list: first build (reads every figure once)", now_ms() - t0);
    const cm_when *whens[2] = {&day, &all};
    const char *names[2] = {"last day", "whole span"};
    for (int k = 0; k < 2; k++)
        for (int s = 0; s < 2; s++) {
            char label[96];
            snprintf(label, sizeof label, "list: %s, %s", names[k], s ? "most killed first" : "newest first");
            u->when = *whens[k];
            d.sort = s ? CM_FEED_KILLED : CM_FEED_NEWEST;
            MEDIAN(label, d.built = 0; feed_update(&d, u));
            printf("  %d rows\n", d.n);
        }
    int *idx = NULL, n = export_shown(&cat, &all, &idx);
    char path[256];
    snprintf(path, sizeof path, "/tmp/analyst_bench.%ld.geojson", (long)getpid());
    MEDIAN("export GeoJSON, whole span", remove(path); export_write(&cat, idx, n, path, 0, err, sizeof err));
    remove(path);
    snprintf(path, sizeof path, "/tmp/analyst_bench.%ld.csv", (long)getpid());
    MEDIAN("export CSV, whole span", remove(path); export_write(&cat, idx, n, path, 0, err, sizeof err));
    remove(path);
    printf("  %d events written\n", n);
    free(idx);
    feed_free(&d);
    free(u);
    catalog_free(&cat);
    return 0;
}
