/* csvread: libcsv streaming with line tracking, separators and encodings, and a fast path for
 * whole ordinary lines that gives the same rows as libcsv; see csvread.h. */
#include "data/csvread.h"
#include "base/fileio.h"

#include "data/textenc.h"
#include "base/utf8.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
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
    char eol;              /* '\n', or '\r' for CR-only files */
    int cp1252;            /* fields are Windows-1252 */
    int seen_utf8;         /* a field with valid multi-byte UTF-8 was seen: the file is UTF-8 */
    int shift;             /* 1 when a leading index column is dropped */
    char problem[160];     /* the current row's first problem */
    char *conv;            /* a converted field */
    size_t convcap;
    int keep_raw;
    int skip;              /* a field passed the cap: its row is being passed over, unbuffered */
    int skip_q;            /* while skipping: where in the row's text (SKIP_ below) */
    long long skipped;     /* bytes passed over so far */
    long skip_line;        /* the line the skipped row began on */
    int stopped;           /* the read ended early, without an error (see skip_bytes) */
    char *raw;             /* the current row's text */
    size_t rawn, rawcap;
    long long rowbytes;    /* the current row's bytes read so far (CM_CSV_MAX_ROW) */
    cm_csvinfo info;
    const char *const *names; /* the columns of a file without a header row, or NULL */
    int nnames;
    int fast;              /* whole lines may be split here rather than by libcsv (fast_line) */
    unsigned char cls[256]; /* fast_line's byte classes (CLS_ below), for this separator */
} rd;

enum { CLS_TEXT, CLS_SPACE, CLS_SEP, CLS_QUOTE };

/* libcsv grows its field buffer by this much at a time (its default, 128 bytes, makes a field of
 * CM_CSV_MAX_FIELD 8,192 reallocations, each a copy where realloc cannot move pages) */
#define CSV_BLOCK ((size_t)64 * 1024)

static void fail(rd *r, const char *fmt, const char *a, long b)
{
    if (r->failed) return;
    char msg[256];
    snprintf(msg, sizeof msg, fmt, a, b);
    snprintf(r->err, r->errlen, "%s: line %ld: %s", r->path, r->start >= 0 ? r->start : r->cur, msg);
    r->failed = 1;
}

static int grow(char **p, size_t *cap, size_t need)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 4096;
    while (n < need) n *= 2;
    char *q = realloc(*p, n);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

static void row_problem(rd *r, const char *fmt, long a, long b)
{
    if (!r->problem[0]) snprintf(r->problem, sizeof r->problem, fmt, a, b);
}

/* Room for twice as many fields in the row's arrays; -1 when out of memory. */
static int more_cols(rd *r)
{
    int cap = r->cap ? r->cap * 2 : 32;
    char **f = realloc(r->row.f, sizeof(char *) * cap);
    if (f) r->row.f = f;
    size_t *l = realloc(r->row.len, sizeof(size_t) * cap);
    if (l) r->row.len = l;
    size_t *o = realloc(r->off, sizeof(size_t) * cap);
    if (o) r->off = o;
    if (!f || !l || !o) return -1;
    r->cap = cap;
    return 0;
}

static void on_field(void *s, size_t len, void *p)
{
    rd *r = p;
    if (r->failed) return;
    if (len > CM_CSV_MAX_FIELD) { /* one that ended in the block that took it past the cap */
        row_problem(r, "field %ld is longer than %ld bytes", (long)r->row.n + 1 - r->shift, CM_CSV_MAX_FIELD);
        len = 0;
    }
    if (r->row.n >= CM_CSV_MAX_COLS + 1) { fail(r, "more than %s%ld columns", "", (long)CM_CSV_MAX_COLS); return; }
    if (memchr(s, 0, len)) row_problem(r, "field %ld holds a NUL byte", (long)r->row.n + 1 - r->shift, 0);
    int high = 0;
    for (size_t i = 0; i < len && !high; i++) high = ((const unsigned char *)s)[i] >= 0x80;
    if (high) {
        if (!r->cp1252 && utf8_valid(s, len)) r->seen_utf8 = 1;
        else {
            if (!r->cp1252 && !r->seen_utf8) { /* all text so far was ASCII: the file is Windows-1252 */
                r->cp1252 = 1;
                r->info.encoding = "Windows-1252";
            }
            size_t n;
            if (r->cp1252 && textenc_cp1252_to_utf8(s, len, &r->conv, &r->convcap, &n) == 0) {
                s = r->conv;
                len = n;
            } else {
                row_problem(r, r->cp1252 ? "field %ld is not Windows-1252 text (as the rest of the file is)"
                                         : "field %ld is not valid UTF-8 (as the rest of the file is)",
                            (long)r->row.n + 1 - r->shift, 0);
                len = 0;
            }
        }
    }
    if (r->row.n == r->cap && more_cols(r) != 0) { fail(r, "out of memory%s%ld", "", 0); return; }
    if (grow(&r->buf, &r->bufcap, r->used + len + 1) != 0) { fail(r, "out of memory%s%ld", "", 0); return; }
    char *d = r->buf + r->used;
    memcpy(d, s, len);
    d[len] = 0;
    for (const char *q = memchr(d, r->eol, len); q; q = memchr(q + 1, r->eol, len - (size_t)(q + 1 - d))) r->nl_in_row++;
    r->off[r->row.n] = r->used;
    r->row.len[r->row.n++] = len;
    r->used += len + 1;
}

static void end_row(rd *r)
{
    r->nl_in_row = 0;
    r->start = -1;
    r->row.n = 0;
    r->used = 0;
    r->rawn = 0;
    r->rowbytes = 0;
    r->problem[0] = 0;
}

/* The row in r->row (fields in place, from libcsv or fast_line) is delivered; raw is its text. */
static void row_done(rd *r, const char *raw, size_t rawn)
{
    r->line = r->start >= 0 ? r->start : r->cur - r->nl_in_row;
    r->row.line = r->line;
    int empty = 1;
    for (int i = 0; i < r->row.n && empty; i++) empty = r->row.len[i] == 0;
    if (r->row.row == 0 && r->names) { /* no header row in the file: the given names are row 1 */
        size_t len[CM_CSV_MAX_COLS];
        int n = r->nnames < CM_CSV_MAX_COLS ? r->nnames : CM_CSV_MAX_COLS;
        for (int i = 0; i < n; i++) len[i] = strlen(r->names[i]);
        cm_csvrow h = {.f = (char **)r->names, .len = len, .n = n, .row = 1, .line = 0, .unit = "line"};
        r->ncols = n;
        r->row.row = 1;
        r->info.no_header = 1;
        if (r->fn(&h, r->ctx, r->err, r->errlen) != 0) {
            r->failed = 1;
            return;
        }
    }
    if (r->row.row == 0) {
        if (r->row.n > CM_CSV_MAX_COLS) { fail(r, "more than %s%ld columns", "", (long)CM_CSV_MAX_COLS); return; }
        if (r->problem[0]) {
            snprintf(r->err, r->errlen, "%s: line %ld: the header row: %s", r->path, r->line, r->problem);
            r->failed = 1;
            return;
        }
        for (int i = 0; i < r->row.n; i++) { /* names trimmed and in lower case */
            char *f = r->row.f[i];
            size_t a = 0, b = r->row.len[i];
            while (a < b && (f[a] == ' ' || f[a] == '\t')) a++;
            while (b > a && (f[b - 1] == ' ' || f[b - 1] == '\t')) b--;
            memmove(f, f + a, b - a);
            f[b - a] = 0;
            r->row.len[i] = b - a;
            for (char *q = f; *q; q++)
                if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
        }
        r->ncols = r->row.n;
    } else if (empty) {
        r->info.empty_rows++; /* Excel's trailing ",,,," */
        end_row(r);
        return;
    } else {
        if (r->row.row == 1) {
            int hash = 1, any = 0; /* a HXL hashtag row ("#date", "#geo+lat") under the header */
            for (int i = 0; i < r->row.n && hash; i++)
                if (r->row.len[i]) { any = 1; hash = r->row.f[i][0] == '#'; }
            if (hash && any) {
                r->info.hxl = 1;
                end_row(r);
                return;
            }
            int digits = r->row.len[0] > 0;
            for (size_t i = 0; i < r->row.len[0] && digits; i++) digits = r->row.f[0][i] >= '0' && r->row.f[0][i] <= '9';
            if (r->row.n == r->ncols + 1 && digits) { /* R's row names: one more field than names */
                r->shift = 1;
                r->info.index_col = 1;
            }
        }
        if (r->shift && r->row.n > 0) {
            r->row.f++;
            r->row.len++;
            r->row.n--;
        }
        if (r->row.n != r->ncols)
            row_problem(r, "this row has %ld fields but the header has %ld", r->row.n, r->ncols);
    }
    r->row.row++;
    r->row.problem = r->problem[0] ? r->problem : NULL;
    if (r->keep_raw) {
        size_t n = rawn;
        while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r')) n--;
        r->row.raw = raw ? raw : "";
        r->row.rawlen = n;
    }
    if (r->fn(&r->row, r->ctx, r->err, r->errlen) != 0) r->failed = 1;
    if (r->shift && r->row.row > 1) {
        r->row.f--;
        r->row.len--;
    }
    end_row(r);
}

static void on_row(int c, void *p)
{
    rd *r = p;
    (void)c;
    if (r->failed) return;
    for (int i = 0; i < r->row.n; i++) r->row.f[i] = r->buf + r->off[i]; /* the buffer may have moved */
    row_done(r, r->raw, r->rawn);
}

/* The fast path: a whole line (s, n bytes, its '\n' not included) split into fields here,
 * exactly as libcsv (strict, its default spaces) would split it: leading spaces and tabs of a
 * field passed over, trailing ones of an unquoted field dropped, a quoted field's "" read as ",
 * spaces after its closing quote dropped, a CR before the LF ending the row. Only lines that
 * hold a whole row and nothing libcsv would treat otherwise are taken: no CR but that last
 * one, no NUL, no quote inside an unquoted field or text after a closing one, no quote left
 * open (a line end inside quotes), not only spaces (libcsv makes no row of it), fewer than
 * CM_CSV_MAX_COLS fields, text that is valid UTF-8 unless it is plain ASCII. For any other
 * line 0 comes back with nothing changed, and libcsv reads it. 1: the row was delivered. */
static int fast_line(rd *r, const char *s, size_t n)
{
    size_t rawn = n;
    if (n && s[n - 1] == '\r') n--;
    if (memchr(s, '\r', n) || memchr(s, 0, n)) return 0;
    uint64_t bits = 0; /* any byte >= 0x80, eight at a time */
    size_t w = 0;
    for (; w + 8 <= n; w += 8) {
        uint64_t x;
        memcpy(&x, s + w, 8);
        bits |= x;
    }
    for (; w < n; w++) bits |= (unsigned char)s[w];
    int high = (bits & 0x8080808080808080u) != 0;
    if (high && (r->cp1252 || !utf8_valid((const unsigned char *)s, n))) return 0; /* on_field decides */
    if (grow(&r->buf, &r->bufcap, n + 1) != 0) return 0; /* fields and their NULs never take more than the line */
    char *d = r->buf, sep = r->info.sep;
    size_t used = 0, i = 0;
    int nf = 0;
    for (;;) { /* at the start of a field */
        while (i < n && (s[i] == ' ' || s[i] == '\t') && s[i] != sep) i++;
        if (nf == 0 && i == n) return 0;
        if (nf >= CM_CSV_MAX_COLS) return 0;
        if (nf == r->cap && more_cols(r) != 0) return 0;
        size_t at = used;
        if (i < n && s[i] == '"') {
            i++;
            for (;;) {
                const char *q = memchr(s + i, '"', n - i);
                if (!q) return 0; /* the quote goes on past the line */
                size_t k = (size_t)(q - (s + i));
                memcpy(d + used, s + i, k);
                used += k;
                i += k + 1;
                if (i < n && s[i] == '"') { d[used++] = '"'; i++; continue; }
                break;
            }
            while (i < n && (s[i] == ' ' || s[i] == '\t') && s[i] != sep) i++;
            if (i < n && s[i] != sep) return 0; /* text after the closing quote: libcsv's error */
        } else {
            size_t j = i, end = i;
            for (; j < n; j++) { /* one look-up a byte: ordinary, space, separator or quote */
                unsigned char k = r->cls[(unsigned char)s[j]];
                if (k == CLS_TEXT) end = j + 1;
                else if (k == CLS_SEP) break;
                else if (k == CLS_QUOTE) return 0; /* a quote in an unquoted field: libcsv's error */
            }
            memcpy(d + used, s + i, end - i);
            used += end - i;
            i = j;
        }
        r->row.len[nf] = used - at;
        r->row.f[nf++] = d + at;
        d[used++] = 0;
        if (i >= n) break;
        i++; /* the separator */
    }
    if (high) r->seen_utf8 = 1;
    r->row.n = nf;
    r->start = r->cur;
    r->nl_in_row = 0;
    r->info.fast_rows++;
    row_done(r, s, rawn);
    return 1;
}

/* A field that passes the cap is refused as it passes it: its row is delivered at once with no
 * fields and the problem set (an importer in strict mode stops there), then the rest of the row
 * is passed over without buffering, quotes followed so that a quoted line end does not end it,
 * and the parser starts again on the next row. A row that does not end within CM_CSV_MAX_SKIP
 * bytes (an unclosed quote swallows the rest of the file) ends the read there, as a second
 * skipped row that says so, rather than reading gigabytes to find nothing. */
enum { SKIP_UNQUOTED, SKIP_QUOTED, SKIP_QUOTE_SEEN, SKIP_FIELD_START };

static void deliver_problem(rd *r, long line);

static void refuse_long_field(rd *r, long field)
{
    long line = r->start >= 0 ? r->start : r->cur;
    r->skip_line = line;
    r->skipped = 0;
    if (field > 0) snprintf(r->problem, sizeof r->problem, "field %ld is longer than %d bytes", field, CM_CSV_MAX_FIELD);
    else snprintf(r->problem, sizeof r->problem, "the row is longer than %d bytes", CM_CSV_MAX_ROW);
    r->rowbytes = 0;
    deliver_problem(r, line);
}

static void deliver_problem(rd *r, long line)
{
    if (r->row.row == 0) {
        snprintf(r->err, r->errlen, "%s: line %ld: the header row: %s", r->path, line, r->problem);
        r->failed = 1;
        return;
    }
    r->row.n = 0;
    r->row.row++;
    r->line = r->row.line = line;
    r->row.problem = r->problem;
    if (r->keep_raw) { /* the row as far as it was kept (up to the cap), not all of it */
        r->row.raw = r->raw ? r->raw : "";
        r->row.rawlen = r->rawn;
    }
    if (r->fn(&r->row, r->ctx, r->err, r->errlen) != 0) r->failed = 1;
    r->row.problem = NULL;
    r->problem[0] = 0;
    r->used = 0;
    r->rawn = 0;
}

static size_t skip_bytes(rd *r, struct csv_parser *p, const char *b, size_t got)
{
    char sep = (char)csv_get_delim(p);
    size_t i = 0;
    int end = 0;
    while (i < got && !end) {
        if (r->skip_q == SKIP_QUOTED) { /* the bulk of a long quoted field: at memchr's speed */
            const char *q = memchr(b + i, '"', got - i);
            size_t stop = q ? (size_t)(q - b) : got;
            for (const char *e = memchr(b + i, r->eol, stop - i); e; e = memchr(e + 1, r->eol, stop - (size_t)(e + 1 - b)))
                r->cur++;
            if (!q) { i = got; break; }
            r->skip_q = SKIP_QUOTE_SEEN;
            i = stop + 1;
            continue;
        }
        char c = b[i++];
        if (r->skip_q == SKIP_QUOTE_SEEN && c == '"') { r->skip_q = SKIP_QUOTED; continue; } /* "" */
        if (c == r->eol) { r->cur++; end = 1; }
        else if (c == sep) r->skip_q = SKIP_FIELD_START;
        else if (c == '"' && r->skip_q == SKIP_FIELD_START) r->skip_q = SKIP_QUOTED;
        else r->skip_q = SKIP_UNQUOTED;
    }
    r->skipped += (long long)i;
    if (!end && r->skipped > CM_CSV_MAX_SKIP) {
        snprintf(r->problem, sizeof r->problem, "the row of the field longer than %d bytes does not end within %d bytes: "
                 "the rest of the file is not read", CM_CSV_MAX_FIELD, CM_CSV_MAX_SKIP);
        r->rawn = 0;
        deliver_problem(r, r->skip_line);
        r->stopped = 1;
    }
    if (end) {
        r->skip = 0;
        csv_free(p);
        csv_init(p, CSV_STRICT | CSV_STRICT_FINI);
        csv_set_blk_size(p, CSV_BLOCK);
        csv_set_delim(p, (unsigned char)r->info.sep);
        end_row(r);
    }
    return i;
}

static void feed(rd *r, struct csv_parser *p, char *b, size_t got)
{
    /* fed a line at a time, so that a row's end is known to be on the line being fed: libcsv
     * says nothing of positions, and blank lines produce no row at all */
    while (got && !r->failed && !r->stopped) {
        if (r->skip) {
            size_t k = skip_bytes(r, p, b, got);
            b += k;
            got -= k;
            continue;
        }
        char *nl = memchr(b, r->eol, got);
        if (nl && r->fast && r->start < 0 && p->pstate == 0 && !p->quoted && p->entry_pos == 0 && r->row.n == 0 &&
            r->used == 0) { /* libcsv between rows (ROW_NOT_BEGUN): a whole line may go the fast way */
            size_t n = (size_t)(nl - b);
            if (n == 0 || (n == 1 && b[0] == '\r') || (n < CM_CSV_MAX_FIELD && fast_line(r, b, n))) {
                r->cur++; /* a blank line (libcsv makes no row of it) or a row delivered */
                b += n + 1;
                got -= n + 1;
                continue;
            }
        }
        size_t seg = nl ? (size_t)(nl - b) + 1 : got;
        int blank = seg == 1 || (seg == 2 && b[0] == '\r');
        if (r->start < 0 && !blank) r->start = r->cur; /* a row begins here */
        if (r->keep_raw && r->start >= 0) {
            if (grow(&r->raw, &r->rawcap, r->rawn + seg + 1) != 0) { fail(r, "out of memory%s%ld", "", 0); return; }
            memcpy(r->raw + r->rawn, b, seg);
            r->rawn += seg;
        }
        if (csv_parse(p, b, seg, on_field, on_row, r) != seg && !r->failed) {
            snprintf(r->err, r->errlen, "%s: line %ld: %s (a quote in an unquoted field, or text after a closing quote)",
                     r->path, r->start >= 0 ? r->start : r->cur, csv_strerror(csv_error(p)));
            r->failed = 1;
        }
        if (r->start >= 0) r->rowbytes += (long long)seg; /* a row not ended by this line */
        int long_row = !r->failed && r->start >= 0 && r->rowbytes > CM_CSV_MAX_ROW;
        if (!r->failed && (p->entry_pos > CM_CSV_MAX_FIELD || long_row)) {
            /* checked as the field is read (at most a block past the cap), not once libcsv has
             * buffered all of it: a field of gigabytes costs no more than one of a megabyte */
            r->skip = 1;
            r->skip_q = !p->quoted ? SKIP_UNQUOTED : b[seg - 1] == '"' ? SKIP_QUOTE_SEEN : SKIP_QUOTED;
            refuse_long_field(r, p->entry_pos > CM_CSV_MAX_FIELD ? (long)r->row.n + 1 - r->shift : 0);
            if (nl) r->cur++; /* the segment's line end was inside the quotes */
            b += seg;
            got -= seg;
            continue;
        }
        if (nl) r->cur++;
        b += seg;
        got -= seg;
    }
}

/* The separator: whichever of , ; TAB is most frequent outside quotes on the first line. */
static char pick_sep(const char *b, size_t n)
{
    long count[3] = {0, 0, 0};
    int q = 0;
    for (size_t i = 0; i < n; i++) {
        char c = b[i];
        if (c == '"') q = !q;
        else if (!q && (c == '\n' || c == '\r')) break;
        else if (!q && c == ',') count[0]++;
        else if (!q && c == ';') count[1]++;
        else if (!q && c == '\t') count[2]++;
    }
    if (count[1] > count[0] && count[1] >= count[2]) return ';';
    if (count[2] > count[0] && count[2] > count[1]) return '\t';
    return ',';
}

/* The file's text when it must be converted as a whole (UTF-16), else NULL with *enc set. */
static int start(rd *r, FILE *fp, long long size, char *head, size_t *nhead, char **whole, size_t *nwhole)
{
    *nhead = fread(head, 1, 1 << 16, fp);
    cm_encoding enc = textenc_sniff((const unsigned char *)head, *nhead);
    const char *wb = textenc_workbook_message(enc);
    if (wb) {
        snprintf(r->err, r->errlen, "%s: %s", r->path, wb);
        return -1;
    }
    *whole = NULL;
    if (enc == CM_ENC_UTF16LE || enc == CM_ENC_UTF16BE) {
        if (size > (long long)1 << 30) {
            snprintf(r->err, r->errlen, "%s: a UTF-16 file larger than 1 GiB; save it as UTF-8", r->path);
            return -1;
        }
        size_t n = (size_t)size;
        char *all = malloc(n ? n : 1);
        if (!all) { snprintf(r->err, r->errlen, "%s: out of memory", r->path); return -1; }
        memcpy(all, head, *nhead);
        size_t got = *nhead;
        while (got < n) {
            size_t k = fread(all + got, 1, n - got, fp);
            if (!k) break;
            got += k;
        }
        size_t bad;
        int rc = textenc_utf16_to_utf8(all + 2, got - 2, enc, whole, nwhole, &bad);
        free(all);
        if (rc != 0) {
            snprintf(r->err, r->errlen, "%s: byte %zu: not valid UTF-16 (the file starts with a UTF-16 byte order mark)",
                     r->path, bad + 2);
            return -1;
        }
        r->info.encoding = "UTF-16";
        return 0;
    }
    size_t bom = textenc_bom_len(enc);
    memmove(head, head + bom, *nhead - bom);
    *nhead -= bom;
    return 0;
}

int csv_read_opts(const char *path, const cm_csvopts *o, cm_csv_fn fn, void *ctx, char *err, size_t errlen)
{
    cm_file in; /* without blocking: a FIFO or a device is refused, a pipe read once (fileio.h) */
    if (fileio_open(path, "a CSV file", &in, err, errlen) != 0) return -1;
    FILE *fp = in.fp;
    if (in.size == 0) { fclose(fp); snprintf(err, errlen, "%s: %s", path, in.pipe ? "the pipe sent nothing" : "the file is empty"); return -1; }
    rd r = {.path = path, .fn = fn, .ctx = ctx, .err = err, .errlen = errlen, .line = 1, .cur = 1, .start = -1,
            .eol = '\n', .keep_raw = o && o->keep_raw, .names = o ? o->names : NULL, .nnames = o ? o->nnames : 0,
            .fast = !(o && o->oracle)};
    r.row.unit = "line";
    r.info.encoding = "UTF-8";
    static char head[1 << 16];
    size_t nhead;
    char *whole = NULL;
    size_t nwhole = 0;
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_blk_size(&p, CSV_BLOCK);
    if (start(&r, fp, in.size, head, &nhead, &whole, &nwhole) != 0) {
        r.failed = 1;
    } else {
        const char *first = whole ? whole : head;
        size_t nfirst = whole ? nwhole : nhead;
        if (!memchr(first, '\n', nfirst) && memchr(first, '\r', nfirst)) r.eol = '\r'; /* old Mac line ends */
        r.info.cr_only = r.eol == '\r';
        if (r.eol == '\r') r.fast = 0;
        r.info.sep = pick_sep(first, nfirst);
        csv_set_delim(&p, (unsigned char)r.info.sep);
        r.cls[' '] = r.cls['\t'] = CLS_SPACE; /* libcsv's spaces, unless one is the separator */
        r.cls['"'] = CLS_QUOTE;
        r.cls[(unsigned char)r.info.sep] = CLS_SEP;
        if (whole) feed(&r, &p, whole, nwhole);
        else {
            feed(&r, &p, head, nhead);
            static char buf[1 << 16];
            size_t got;
            while (!r.failed && !r.stopped && (got = fread(buf, 1, sizeof buf, fp)) > 0) feed(&r, &p, buf, got);
            if (!r.failed && ferror(fp)) { snprintf(err, errlen, "%s: read error", path); r.failed = 1; }
        }
        if (!r.failed && !r.skip && csv_fini(&p, on_field, on_row, &r) != 0 && !r.failed) {
            snprintf(err, errlen, "%s: line %ld: a quoted field is never closed", path, r.start >= 0 ? r.start : r.cur);
            r.failed = 1;
        }
    }
    fclose(fp);
    csv_free(&p);
    free(whole);
    free(r.buf);
    free(r.off);
    free(r.row.f);
    free(r.row.len);
    free(r.conv);
    free(r.raw);
    if (o && o->info) *o->info = r.info;
    if (r.failed) {
        utf8_clean(err); /* one line of valid UTF-8, whatever the row held */
        return -1;
    }
    if (r.row.row == 0) { snprintf(err, errlen, "%s: no header row", path); return -1; }
    return 0;
}

int csv_read(const char *path, cm_csv_fn fn, void *ctx, char *err, size_t errlen)
{
    return csv_read_opts(path, NULL, fn, ctx, err, errlen);
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
        for (int i = 0; i < n && !found; i++) found = names[i] && strcmp(names[i], cols[required[k]]) == 0;
        if (!found) return 0;
    }
    return 1;
}

int csv_map_columns(const cm_csvrow *header, const char *const *cols, int ncols, int *col, const int *required,
                    int nrequired, const char *path, const char *what, char *err, size_t errlen)
{
    for (int k = 0; k < ncols; k++) {
        col[k] = csv_col(header, cols[k]);
        for (int i = col[k] + 1; col[k] >= 0 && i < header->n; i++)
            if (strcmp(header->f[i], cols[k]) == 0) {
                snprintf(err, errlen, "%s: line 1: column '%s' appears twice (columns %d and %d): which one holds the data?",
                         path, cols[k], col[k] + 1, i + 1);
                return -1;
            }
    }
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
