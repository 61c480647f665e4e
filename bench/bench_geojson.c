/* bench_geojson: GeoJSON load time against the number of features, to show that it grows
 * linearly (the duplicate-id check was a scan of every earlier event: 80,000 features took
 * 37 s). Writes N point features to a temporary file, loads it with geojson_load into an
 * empty store, prints seconds and microseconds per feature for each N; the last column is
 * the time per feature relative to the smallest N (about 1 when linear, growing with N when
 * quadratic).  usage: cm_bench_geojson [MAX_N]   (default 160000; N doubles from 10,000) */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "data/events.h"
#include "data/geojson.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int write_file(const char *path, int n)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fprintf(f, "{\"type\": \"FeatureCollection\", \"features\": [\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"ev-%07d\", \"title\": \"Event %d\", \"category\": "
                   "\"strike\", \"start\": \"2025-%02d-%02d\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [%.5f, %.5f]}}\n",
                i ? "," : "", i, i, 1 + i % 12, 1 + i % 28, 36.0 + (i % 1000) * 0.003, 33.0 + (i / 1000 % 1000) * 0.003);
    fprintf(f, "]}\n");
    return fclose(f);
}

int main(int argc, char **argv)
{
    int max = argc > 1 ? atoi(argv[1]) : 160000;
    char path[64];
    snprintf(path, sizeof path, "/tmp/cm_bench_geojson.%ld.geojson", (long)getpid());
    printf("%10s %10s %14s %10s\n", "features", "load s", "us/feature", "ratio");
    double first = 0;
    for (int n = 10000; n <= max; n *= 2) {
        if (write_file(path, n) != 0) { fprintf(stderr, "cannot write %s\n", path); return 1; }
        cm_events s = {0};
        char err[512];
        double t0 = now_s();
        int rc = geojson_load(path, &s, err, sizeof err);
        double t = now_s() - t0;
        if (rc != 0) { fprintf(stderr, "%s\n", err); unlink(path); return 1; }
        double per = t / n * 1e6;
        if (!first) first = per;
        printf("%10d %10.3f %14.2f %10.2f\n", s.n, t, per, per / first);
        events_free(&s);
    }
    unlink(path);
    return 0;
}
