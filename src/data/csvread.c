/* csvread: libcsv streaming with line tracking; see csvread.h. */
#include "data/csvread.h"
#include "data/fileio.h"

#include "data/utf8.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    const char *path;
    cm_csv_fn fn;
    void *ctx;
    char *err;
    size_t errlen;
    int failed;
    cm_csvrow row;
    int cap;
    char *buf;             /* the row's fields, one after another, each NUL-terminated */
    size_t used, bufcap;
    size_t *off;           /* each field's offset in buf */
    long line;             /* the line the current row starts on */
    long cur;              /* the line being fed to the parser (its newline ends it) */
    long nl_in_row;        /* newlines inside the current row's fields so far */
    long start;            /* the line the row being read began on, -1 between rows */
    int ncols;             /* the header's width */
} rd;

static void fail(rd *r, const char *fmt, const char *a, long b)
{
    if (r->failed) return;
    char msg[256];
    snprintf(msg, sizeof msg, fmt, a, b);
    snprintf(r->err, r->errlen, "%s: line %ld: %s", r->path, r->start >= 0 ? r->start : r->cur, msg);
    r->failed = 1;
}

static void on_field(void *s, size_t len, void *p)
{
    rd *r = p;
    if (r->failed) return;
    if (len > CM_CSV_MAX_FIELD) { fail(r, "a field of %s%ld bytes is longer than 1 MiB", "", (long)len); return; }
    if (!utf8_valid(s, len)) { fail(r, "field %s%ld is not valid UTF-8", "", (long)r->row.n + 1); return; }
    if (r->row.n >= CM_CSV_MAX_COLS) { fail(r, "more than %s%ld columns", "", (long)CM_CSV_MAX_COLS); return; }
    if (r->row.n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 32;
        char **f = realloc(r->row.f, sizeof(char *) * cap);
        if (f) r->row.f = f;
        size_t *l = realloc(r->row.len, sizeof(size_t) * cap);
        if (l) r->row.len = l;
        size_t *o = realloc(r->off, sizeof(size_t) * cap);
        if (o) r->off = o;
        if (!f || !l || !o) { fail(r, "out of memory%s%ld", "", 0); return; }
        r->cap = cap;
    }
    if (r->used + len + 1 > r->bufcap) {
        size_t cap = r->bufcap ? r->bufcap : 4096;
        while (cap < r->used + len + 1) cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b) { fail(r, "out of memory%s%ld", "", 0); return; }
        r->buf = b;
        r->bufcap = cap;
    }
    char *d = r->buf + r->used;
    memcpy(d, s, len);
    d[len] = 0;
    for (const char *q = memchr(d, '\n', len); q; q = memchr(q + 1, '\n', len - (size_t)(q + 1 - d))) r->nl_in_row++;
    r->off[r->row.n] = r->used;
    r->row.len[r->row.n++] = len;
    r->used += len + 1;
}

static void on_row(int c, void *p)
{
    rd *r = p;
    (void)c;
    if (r->failed) return;
    r->row.row++;
    r->line = r->start >= 0 ? r->start : r->cur - r->nl_in_row;
    r->row.line = r->line;
    for (int i = 0; i < r->row.n; i++) r->row.f[i] = r->buf + r->off[i]; /* the buffer may have moved */
    if (r->row.row == 1) r->ncols = r->row.n;
    else if (r->row.n != r->ncols) {
        snprintf(r->err, r->errlen, "%s: line %ld: this row has %d fields but the header has %d", r->path, r->line, r->row.n, r->ncols);
        r->failed = 1;
        return;
    }
    if (r->fn(&r->row, r->ctx, r->err, r->errlen) != 0) r->failed = 1;
    r->nl_in_row = 0;
    r->start = -1;
    r->row.n = 0;
    r->used = 0;
}

int csv_read(const char *path, cm_csv_fn fn, void *ctx, char *err, size_t errlen)
{
    cm_file in; /* without blocking: a FIFO or a device is refused, a pipe read once (fileio.h) */
    if (fileio_open(path, "a CSV file", &in, err, errlen) != 0) return -1;
    FILE *fp = in.fp;
    if (in.size == 0) { fclose(fp); snprintf(err, errlen, "%s: %s", path, in.pipe ? "the pipe sent nothing" : "the file is empty"); return -1; }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
    rd r = {.path = path, .fn = fn, .ctx = ctx, .err = err, .errlen = errlen, .line = 1, .cur = 1, .start = -1};
    static char buf[1 << 16];
    size_t got;
    int first = 1;
    while (!r.failed && (got = fread(buf, 1, sizeof buf, fp)) > 0) {
        char *b = buf;
        if (first && got >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF) {
            b += 3; /* a UTF-8 byte order mark, as spreadsheet exports write */
            got -= 3;
        }
        first = 0;
        /* fed a line at a time, so that a row's end is known to be on the line being fed: libcsv
         * says nothing of positions, and blank lines produce no row at all */
        while (got && !r.failed) {
            char *nl = memchr(b, '\n', got);
            size_t seg = nl ? (size_t)(nl - b) + 1 : got;
            int blank = seg == 1 || (seg == 2 && b[0] == '\r');
            if (r.start < 0 && !blank) r.start = r.cur; /* a row begins here */
            if (csv_parse(&p, b, seg, on_field, on_row, &r) != seg && !r.failed) {
                snprintf(err, errlen, "%s: line %ld: %s (a quote in an unquoted field, or text after a closing quote)", path,
                         r.start >= 0 ? r.start : r.cur,
                         csv_strerror(csv_error(&p)));
                r.failed = 1;
            }
            if (nl) r.cur++;
            b += seg;
            got -= seg;
        }
    }
    if (!r.failed && ferror(fp)) { snprintf(err, errlen, "%s: read error", path); r.failed = 1; }
    if (!r.failed && csv_fini(&p, on_field, on_row, &r) != 0 && !r.failed) {
        snprintf(err, errlen, "%s: line %ld: a quoted field is never closed", path, r.start >= 0 ? r.start : r.cur);
        r.failed = 1;
    }
    fclose(fp);
    csv_free(&p);
    free(r.buf);
    free(r.off);
    free(r.row.f);
    free(r.row.len);
    if (r.failed) {
        utf8_clean(err); /* one line of valid UTF-8, whatever the row held */
        return -1;
    }
    if (r.row.row == 0) { snprintf(err, errlen, "%s: no header row", path); return -1; }
    return 0;
}

typedef struct {
    char **names;
    int n;
} hdr;

static int take_header(const cm_csvrow *row, void *ctx, char *err, size_t errlen)
{
    hdr *h = ctx;
    snprintf(err, errlen, "header read"); /* stops the read after the first row */
    h->names = calloc(row->n ? row->n : 1, sizeof(char *));
    if (!h->names) return -1;
    for (int i = 0; i < row->n; i++) h->names[i] = strdup(row->f[i]);
    h->n = row->n;
    return -1;
}

int csv_header(const char *path, char ***names, char *err, size_t errlen)
{
    hdr h = {NULL, 0};
    if (csv_read(path, take_header, &h, err, errlen) != 0 && !h.names) return -1;
    *names = h.names;
    return h.n;
}

void csv_header_free(char **names, int n)
{
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
}

int csv_col(const cm_csvrow *header, const char *name)
{
    for (int i = 0; i < header->n; i++)
        if (strcmp(header->f[i], name) == 0) return i;
    return -1;
}

int csv_has_columns(char **names, int n, const char *const *cols, const int *required, int nrequired)
{
    for (int k = 0; k < nrequired; k++) {
        int found = 0;
        for (int i = 0; i < n && !found; i++) found = strcmp(names[i], cols[required[k]]) == 0;
        if (!found) return 0;
    }
    return 1;
}

int csv_map_columns(const cm_csvrow *header, const char *const *cols, int ncols, int *col, const int *required,
                    int nrequired, const char *path, const char *what, char *err, size_t errlen)
{
    for (int k = 0; k < ncols; k++) col[k] = csv_col(header, cols[k]);
    for (int k = 0; k < nrequired; k++)
        if (col[required[k]] < 0) {
            snprintf(err, errlen, "%s: line 1: no '%s' column (%s)", path, cols[required[k]], what);
            return -1;
        }
    return 0;
}

int csv_row_error(const char *path, long line, const char *what, const char *value, char *err, size_t errlen)
{
    char quoted[64]; /* one line, whole characters: the value may hold a newline */
    utf8_excerpt(quoted, sizeof quoted, value);
    snprintf(err, errlen, "%s: line %ld: %s '%s'", path, line, what, quoted);
    return -1;
}
