/* cm_bench_csvread: the CSV reader alone, its fast path against libcsv alone (cm_csvopts.oracle),
 * on the same file, alternated ROUNDS times (the page cache warm after the first read): prints
 * each read's MB/s and the median of each, with the rows the fast path split. The callback
 * touches every field's length, as an importer would read them.
 * usage: cm_bench_csvread FILE.csv [ROUNDS (3)] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "data/csvread.h"

static int touch(const cm_csvrow *r, void *ctx, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    size_t *sum = ctx;
    for (int i = 0; i < r->n; i++) *sum += r->len[i];
    return 0;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: cm_bench_csvread FILE.csv [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    if (rounds < 1 || rounds > 100) rounds = 3;
    struct stat st;
    if (stat(argv[1], &st) != 0) { perror(argv[1]); return 1; }
    double mb = (double)st.st_size / 1e6, rate[2][100];
    char err[1024];
    for (int i = 0; i < rounds; i++)
        for (int oracle = 0; oracle < 2; oracle++) {
            cm_csvinfo info;
            cm_csvopts o = {.keep_raw = 1, .info = &info, .oracle = oracle};
            size_t sum = 0;
            double a = now_s();
            if (csv_read_opts(argv[1], &o, touch, &sum, err, sizeof err) != 0) { fprintf(stderr, "%s\n", err); return 1; }
            double s = now_s() - a;
            rate[oracle][i] = mb / s;
            printf("%-6s %8.1f MB/s  %.3f s  fast rows %ld  (field bytes %zu)\n", oracle ? "libcsv" : "fast", mb / s, s,
                   info.fast_rows, sum);
            fflush(stdout);
        }
    qsort(rate[0], (size_t)rounds, sizeof(double), cmp);
    qsort(rate[1], (size_t)rounds, sizeof(double), cmp);
    printf("median: fast %.1f MB/s, libcsv %.1f MB/s, ratio %.2f\n", rate[0][rounds / 2], rate[1][rounds / 2],
           rate[0][rounds / 2] / rate[1][rounds / 2]);
    return 0;
}
