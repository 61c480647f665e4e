/* csvdiff: reads one file with csvread's fast path and again with libcsv alone (the oracle
 * option) and writes down everything each reader delivered (rows, lines, fields, problems, raw
 * text, the summary info, the result and its message), so that the two can be compared byte
 * for byte. Shared by test_csvread and fuzz/fuzz_csvdiff. */
#ifndef CM_CSVDIFF_H
#define CM_CSVDIFF_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/csvread.h"

typedef struct {
    char *s;
    size_t n, cap;
    long stop_at;  /* the callback stops the read at this row (0: never) */
} csvdiff_log;

static void csvdiff_put(csvdiff_log *l, const char *p, size_t n)
{
    if (l->n + n + 1 > l->cap) {
        size_t c = l->cap ? l->cap : 4096;
        while (c < l->n + n + 1) c *= 2;
        char *q = realloc(l->s, c);
        if (!q) abort();
        l->s = q;
        l->cap = c;
    }
    memcpy(l->s + l->n, p, n);
    l->n += n;
    l->s[l->n] = 0;
}

static void csvdiff_printf(csvdiff_log *l, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (k < 0) k = 0;
    csvdiff_put(l, buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1);
}

static int csvdiff_row(const cm_csvrow *r, void *ctx, char *err, size_t errlen)
{
    csvdiff_log *l = ctx;
    csvdiff_printf(l, "row %ld line %ld n %d problem %s", r->row, r->line, r->n, r->problem ? r->problem : "-");
    csvdiff_printf(l, " unit %s raw %zu:", r->unit, r->rawlen);
    if (r->raw) csvdiff_put(l, r->raw, r->rawlen);
    csvdiff_put(l, "\n", 1);
    for (int i = 0; i < r->n; i++) {
        csvdiff_printf(l, " %zu/%zu:", r->len[i], strlen(r->f[i]));
        csvdiff_put(l, r->f[i], r->len[i]);
        csvdiff_put(l, "|\n", 2);
    }
    if (l->stop_at && r->row >= l->stop_at) {
        snprintf(err, errlen, "stopped at row %ld", r->row);
        return -1;
    }
    return 0;
}

/* What one reader made of path, as text (malloc'd). */
static char *csvdiff_read(const char *path, int oracle, int keep_raw, const char *const *names, int nnames,
                          long stop_at)
{
    csvdiff_log l = {NULL, 0, 0, stop_at};
    cm_csvinfo info;
    memset(&info, 0, sizeof info);
    cm_csvopts o = {.keep_raw = keep_raw, .info = &info, .names = names, .nnames = nnames, .oracle = oracle};
    char err[1024] = "";
    int rc = csv_read_opts(path, &o, csvdiff_row, &l, err, sizeof err);
    csvdiff_printf(&l, "rc %d err %s sep %d empty %ld hxl %d index %d no_header %d cr_only %d enc %s\n", rc, err,
                   info.sep, info.empty_rows, info.hxl, info.index_col, info.no_header, info.cr_only,
                   info.encoding ? info.encoding : "-");
    return l.s;
}

#endif
