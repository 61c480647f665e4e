/* import: tolerant loading, summaries, duplicates and interned strings; see import.h. */
#include "data/import.h"

#include "base/utf8.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The interned strings' hash: eight bytes at a time (the table is only looked up, never walked
 * in order, so its hash is free to differ from hash_str's). */
static uint32_t intern_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return (uint32_t)h;
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    h ^= h >> 16; /* FNV's low bits mix poorly ("ID1".."ID200000" crowd together): finish like MurmurHash3 */
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

void import_begin(cm_import *im, const char *path, const cm_events *s)
{
    im->path = path;
    im->n0 = s->n;
    im->nskipped = im->nmerged = im->nmadeid = im->nmerged_other = 0;
    im->first_line = 0;
    im->first_reason[0] = 0;
    im->nrej0 = im->nrej;
    im->nrej_all0 = im->nrej_all;
    im->gen++;
    if (im->gen == 0) im->gen = 1;
}

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

int import_skip(cm_import *im, const cm_csvrow *r, const char *reason, char *err, size_t errlen)
{
    const char *unit = r->unit ? r->unit : "line";
    if (im->o.strict) {
        snprintf(err, errlen, "%s: %s %ld: %s", im->path, unit, r->line, reason);
        utf8_clean(err);
        return -1;
    }
    if (!im->nskipped++) {
        im->first_line = r->line;
        im->first_unit = unit;
        snprintf(im->first_reason, sizeof im->first_reason, "%s", reason);
        utf8_clean(im->first_reason);
    }
    im->nrej_all++;
    /* without --rejects only an excerpt of the first rows is kept, within a byte budget */
    int whole = im->o.keep_rejects;
    size_t rawlen = r->raw ? r->rawlen : 0, keep = rawlen, plen = strlen(im->path), rlen = strlen(reason);
    if (!whole && keep > CM_IMPORT_KEEP_EXCERPT + 4) keep = CM_IMPORT_KEEP_EXCERPT + 4;
    size_t cost = plen + rlen + (whole ? rawlen : CM_IMPORT_KEEP_EXCERPT) + 3 + sizeof(cm_reject);
    if (!whole && (im->nrej >= CM_IMPORT_KEEP_ROWS || im->rej_bytes + cost > CM_IMPORT_KEEP_BYTES)) return 0;
    if (im->nrej == im->caprej) {
        int cap = im->caprej ? im->caprej * 2 : 64;
        cm_reject *p = realloc(im->rej, sizeof *p * (size_t)cap);
        if (!p) { snprintf(err, errlen, "%s: out of memory", im->path); return -1; }
        im->rej = p;
        im->caprej = cap;
    }
    cm_reject *j = &im->rej[im->nrej];
    memset(j, 0, sizeof *j);
    j->file = dupn(im->path, plen);
    j->reason = dupn(reason, rlen);
    j->raw = dupn(r->raw ? r->raw : "", keep);
    j->line = r->line;
    j->unit = unit;
    if (!j->file || !j->reason || !j->raw) {
        free(j->file); free(j->reason); free(j->raw);
        snprintf(err, errlen, "%s: out of memory", im->path);
        return -1;
    }
    if (!whole) { /* one line of valid UTF-8, cut at a whole character ("..." when cut) */
        utf8_excerpt(j->raw, CM_IMPORT_KEEP_EXCERPT + 1, j->raw);
        utf8_clean(j->raw);
    }
    im->rej_bytes += cost;
    im->nrej++;
    return 0;
}

static int keys_grow(cm_import *im)
{
    size_t cap = im->capkeys ? im->capkeys * 2 : 1024;
    cm_import_key *k = calloc(cap, sizeof *k);
    if (!k) return -1;
    for (size_t i = 0; i < im->capkeys; i++) {
        cm_import_key *o = &im->keys[i];
        if (!o->id) continue;
        size_t j = o->hash & (cap - 1);
        while (k[j].id) j = (j + 1) & (cap - 1);
        k[j] = *o;
    }
    free(im->keys);
    im->keys = k;
    im->capkeys = cap;
    return 0;
}

int import_seen(cm_import *im, char kind, const char *id)
{
    if ((im->nkeys + 1) * 2 > im->capkeys && keys_grow(im) != 0) return -1;
    uint32_t h = hash_str(id) ^ (uint32_t)(unsigned char)kind * 0x9E3779B1u;
    size_t j = h & (im->capkeys - 1);
    for (; im->keys[j].id; j = (j + 1) & (im->capkeys - 1))
        if (im->keys[j].hash == h && im->keys[j].kind == (uint8_t)kind && strcmp(im->keys[j].id, id) == 0) {
            im->nmerged++;
            im->nmerged_other += im->keys[j].gen != im->gen;
            return 1;
        }
    im->keys[j] = (cm_import_key){id, h, im->gen, (uint8_t)kind};
    im->nkeys++;
    return 0;
}

static void add_line(cm_import *im, const char *line);

int import_known(const cm_import *im, char kind, const char *id)
{
    if (!im->capkeys) return 0;
    uint32_t h = hash_str(id) ^ (uint32_t)(unsigned char)kind * 0x9E3779B1u;
    for (size_t j = h & (im->capkeys - 1); im->keys[j].id; j = (j + 1) & (im->capkeys - 1))
        if (im->keys[j].hash == h && im->keys[j].kind == (uint8_t)kind && strcmp(im->keys[j].id, id) == 0) return 1;
    return 0;
}

int import_add_known(cm_import *im, const cm_event *ev, const uint8_t *kinds, size_t n)
{
    im->gen++;
    if (im->gen == 0) im->gen = 1;
    long merged = im->nmerged, other = im->nmerged_other;
    for (size_t i = 0; i < n; i++)
        if (kinds[i] && import_seen(im, (char)kinds[i], ev[i].id) < 0) return -1;
    im->nmerged = merged; /* the caller made sure none was known */
    im->nmerged_other = other;
    return 0;
}

void import_restore(cm_import *im, const char *line)
{
    im->gen++; /* nothing of this state is the file's: import_undo drops no keys */
    if (im->gen == 0) im->gen = 1;
    im->nrej0 = im->nrej;
    im->nrej_all0 = im->nrej_all;
    im->last_ok = 1;
    im->last_off = (size_t)-1;
    if (line && *line) add_line(im, line);
    /* its skipped rows were not read again: the list says so (their count is in the line that
     * import_end wrote, "...; 3 rows skipped (line 7: ...") */
    const char *sk = line ? strstr(line, " skipped (") : NULL;
    if (!sk) return;
    const char *p = sk;
    while (p > line && p[-1] != ' ') p--; /* "rows" */
    if (p > line) p--;
    const char *e = p;
    while (p > line && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == ',')) p--;
    long count = 0;
    for (const char *q = p; q < e; q++)
        if (*q != ',') count = count * 10 + (*q - '0');
    if (count <= 0) return;
    if (im->nrej == im->caprej) {
        int cap = im->caprej ? im->caprej * 2 : 64;
        cm_reject *np = realloc(im->rej, sizeof *np * (size_t)cap);
        if (!np) return;
        im->rej = np;
        im->caprej = cap;
    }
    cm_reject *j = &im->rej[im->nrej];
    *j = (cm_reject){.file = dupn("", 0), .reason = dupn("", 0), .raw = dupn(line, strlen(line)), .line = count,
                     .unit = "line", .cached = 1};
    if (!j->file || !j->reason || !j->raw) { free(j->file); free(j->reason); free(j->raw); return; }
    im->nrej++;
    im->nrej_all += count;
}

void import_note_made_id(cm_import *im) { im->nmadeid++; }

const char *import_intern(cm_import *im, cm_events *s, const char *str)
{
    if (!*str) return NULL;
    if ((im->nstrs + 1) * 2 > im->capstrs) {
        size_t cap = im->capstrs ? im->capstrs * 2 : 4096;
        const char **t = calloc(cap, sizeof *t);
        uint32_t *th = calloc(cap, sizeof *th);
        if (!t || !th) { free(t); free(th); return events_strdup(s, str); }
        for (size_t i = 0; i < im->capstrs; i++) {
            if (!im->strs[i]) continue;
            size_t j = im->strh[i] & (cap - 1);
            while (t[j]) j = (j + 1) & (cap - 1);
            t[j] = im->strs[i];
            th[j] = im->strh[i];
        }
        free(im->strs);
        free(im->strh);
        im->strs = t;
        im->strh = th;
        im->capstrs = cap;
    }
    size_t n = strlen(str);
    uint32_t h = intern_hash(str, n);
    size_t j = h & (im->capstrs - 1);
    for (; im->strs[j]; j = (j + 1) & (im->capstrs - 1))
        if (im->strh[j] == h && strcmp(im->strs[j], str) == 0) return im->strs[j];
    char *d = events_strndup(s, str, n);
    if (d) {
        im->strs[j] = d;
        im->strh[j] = h;
        im->nstrs++;
    }
    return d;
}

void import_loaded(cm_import *im)
{
    free(im->strs);
    free(im->strh);
    im->strs = NULL;
    im->strh = NULL;
    im->nstrs = im->capstrs = 0;
}

void import_forget_ids(cm_import *im)
{
    free(im->keys);
    im->keys = NULL;
    im->nkeys = im->capkeys = 0;
}

static void drop_file(cm_import *im)
{
    for (int i = im->nrej0; i < im->nrej; i++) {
        cm_reject *j = &im->rej[i];
        if (!j->cached) {
            size_t cost = strlen(j->file) + strlen(j->reason) + (im->o.keep_rejects ? strlen(j->raw) : CM_IMPORT_KEEP_EXCERPT) +
                          3 + sizeof(cm_reject);
            im->rej_bytes = im->rej_bytes > cost ? im->rej_bytes - cost : 0;
        }
        free(j->file);
        free(j->reason);
        free(j->raw);
    }
    im->nrej = im->nrej0;
    im->nrej_all = im->nrej_all0;
    /* the keys of this file go; the rest are put back in a table of the same size */
    cm_import_key *old = im->keys;
    size_t cap = im->capkeys;
    im->keys = cap ? calloc(cap, sizeof *old) : NULL;
    im->nkeys = 0;
    if (!im->keys) im->capkeys = 0;
    for (size_t i = 0; im->keys && i < cap; i++) {
        if (!old[i].id || old[i].gen == im->gen) continue;
        size_t j = old[i].hash & (cap - 1);
        while (im->keys[j].id) j = (j + 1) & (cap - 1);
        im->keys[j] = old[i];
        im->nkeys++;
    }
    free(old);
    /* interned strings may point into the arena the failed load gave back */
    free(im->strs);
    free(im->strh);
    im->strs = NULL;
    im->strh = NULL;
    im->nstrs = im->capstrs = 0;
}

static void add_line(cm_import *im, const char *line)
{
    size_t n = strlen(line), at = im->sumlen + (im->sumlen ? 1 : 0);
    char *p = realloc(im->summary, at + n + 1);
    if (!p) return;
    im->summary = p;
    if (im->sumlen) p[im->sumlen] = '\n';
    memcpy(p + at, line, n + 1);
    im->last_off = at;
    im->sumlen = at + n;
}

void import_thousands(char *buf, size_t n, long v)
{
    char d[32];
    snprintf(d, sizeof d, "%ld", v);
    size_t len = strlen(d), o = 0;
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i && (len - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = d[i];
    }
    buf[o] = 0;
}

void import_end(cm_import *im, const cm_events *s, int ok, const cm_csvinfo *info)
{
    im->last_off = (size_t)-1;
    im->last_ok = ok;
    if (!ok) {
        drop_file(im);
        return;
    }
    int say = im->nskipped || im->nmerged || im->nmadeid ||
              (info && (info->empty_rows || strcmp(info->encoding, "UTF-8") != 0 || info->index_col || info->no_header));
    if (!say) return;
    const char *base = strrchr(im->path, '/');
    base = base ? base + 1 : im->path;
    char line[800], num[32];
    import_thousands(num, sizeof num, (long)(s->n - im->n0));
    int k = snprintf(line, sizeof line, "%s event%s from %s", num, s->n - im->n0 == 1 ? "" : "s", base);
#define ADD(...) do { if (k >= 0 && (size_t)k < sizeof line) k += snprintf(line + k, sizeof line - (size_t)k, __VA_ARGS__); } while (0)
    if (im->nskipped) {
        import_thousands(num, sizeof num, im->nskipped);
        ADD("; %s row%s skipped (%s %ld: %s%s)", num, im->nskipped == 1 ? "" : "s", im->first_unit, im->first_line,
            im->first_reason, im->nskipped > 1 ? ", and others" : "");
    }
    if (im->nmerged) {
        import_thousands(num, sizeof num, im->nmerged);
        ADD("; %s duplicate%s merged (an id already loaded)", num, im->nmerged == 1 ? "" : "s");
    }
    if (im->nmadeid) {
        import_thousands(num, sizeof num, im->nmadeid);
        ADD("; %s row%s without an event id given one", num, im->nmadeid == 1 ? "" : "s");
    }
    if (info && strcmp(info->encoding, "UTF-8") != 0) ADD("; read as %s", info->encoding);
    if (info && info->empty_rows) ADD("; %ld empty row%s passed over", info->empty_rows, info->empty_rows == 1 ? "" : "s");
    if (info && info->index_col) ADD("; a leading index column passed over");
    if (info && info->no_header) ADD("; no header row: read as UCDP GED's 49 standard columns");
#undef ADD
    utf8_clean(line);
    add_line(im, line);
}

void import_undo(cm_import *im)
{
    if (!im->last_ok) return;
    im->last_ok = 0;
    drop_file(im);
    if (im->last_off != (size_t)-1 && im->summary) { /* its summary line goes too */
        im->sumlen = im->last_off ? im->last_off - 1 : 0;
        im->summary[im->sumlen] = 0;
        if (!im->sumlen) {
            free(im->summary);
            im->summary = NULL;
        }
    }
    im->last_off = (size_t)-1;
}

const char *import_last_summary(const cm_import *im)
{
    return im->summary && im->last_off != (size_t)-1 ? im->summary + im->last_off : "";
}

int import_write_rejects(const cm_import *im, const char *path, char *err, size_t errlen)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 32);
    if (!tmp) { snprintf(err, errlen, "--rejects %s: out of memory", path); return -1; }
    snprintf(tmp, n + 32, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, errlen, "--rejects %s: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    int bad = fputs("file,line,reason,row\n", f) < 0;
    for (int i = 0; i < im->nrej && !bad; i++) {
        const cm_reject *j = &im->rej[i];
        if (j->cached) continue; /* --rejects reads every file: none is opened from the cache */
        char num[32];
        snprintf(num, sizeof num, "%ld", j->line);
        bad |= csv_fwrite(f, j->file, strlen(j->file)) != 0;
        bad |= fputc(',', f) == EOF;
        bad |= fputs(num, f) < 0;
        bad |= fputc(',', f) == EOF;
        bad |= csv_fwrite(f, j->reason, strlen(j->reason)) != 0;
        bad |= fputc(',', f) == EOF;
        bad |= csv_fwrite(f, j->raw, strlen(j->raw)) != 0;
        bad |= fputc('\n', f) == EOF;
    }
    bad |= fflush(f) != 0;
    bad |= fsync(fileno(f)) != 0;
    int saved = errno;
    bad |= fclose(f) != 0;
    if (!bad && rename(tmp, path) != 0) { saved = errno; bad = 1; }
    if (bad) {
        snprintf(err, errlen, "--rejects %s: cannot write it: %s", path, strerror(saved ? saved : errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

void import_reset(cm_import *im)
{
    cm_import_opts o = im->o;
    import_free(im);
    im->o = o;
}

void import_free(cm_import *im)
{
    for (int i = 0; i < im->nrej; i++) {
        free(im->rej[i].file);
        free(im->rej[i].reason);
        free(im->rej[i].raw);
    }
    free(im->rej);
    free(im->summary);
    free(im->keys);
    free(im->strs);
    free(im->strh);
    memset(im, 0, sizeof *im);
    im->last_off = (size_t)-1;
}

/* ---- the day/month order of a date column ---- */

typedef struct {
    const char *const *cols;
    int ncols;
    int col[4];
    int hints;
    long dmy_line, mdy_line, num_line;
    char dmy_ex[32], mdy_ex[32], num_ex[32];
} order_scan;

static int scan_row(const cm_csvrow *r, void *p, char *err, size_t errlen)
{
    order_scan *o = p;
    (void)err;
    (void)errlen;
    if (r->row == 1) {
        for (int k = 0; k < o->ncols; k++) o->col[k] = csv_col(r, o->cols[k]);
        return 0;
    }
    for (int k = 0; k < o->ncols; k++) {
        if (o->col[k] < 0 || o->col[k] >= r->n) continue;
        const char *v = r->f[o->col[k]];
        int h = date_order_hint(v);
        if (!h) continue;
        if ((h & CM_HINT_DMY) && !o->dmy_line) { o->dmy_line = r->line; utf8_excerpt(o->dmy_ex, sizeof o->dmy_ex, v); }
        if ((h & CM_HINT_MDY) && !o->mdy_line) { o->mdy_line = r->line; utf8_excerpt(o->mdy_ex, sizeof o->mdy_ex, v); }
        if (!o->num_line) { o->num_line = r->line; utf8_excerpt(o->num_ex, sizeof o->num_ex, v); }
        o->hints |= h;
    }
    return 0;
}

int import_date_order(cm_row_reader read, const char *path, const char *const *cols, int ncols, cm_date_order given,
                      cm_date_order *out, char *err, size_t errlen)
{
    order_scan o = {.cols = cols, .ncols = ncols > 4 ? 4 : ncols};
    if (read(path, NULL, scan_row, &o, err, errlen) != 0) return -1;
    int dmy = (o.hints & CM_HINT_DMY) != 0, mdy = (o.hints & CM_HINT_MDY) != 0;
    if (dmy && !mdy) *out = CM_ORDER_DMY;
    else if (mdy && !dmy) *out = CM_ORDER_MDY;
    else if (given != CM_ORDER_UNKNOWN) *out = given;
    else if (dmy && mdy) {
        snprintf(err, errlen, "%s: the %s column mixes day-first dates (line %ld: '%s') and month-first ones "
                 "(line %ld: '%s'): give --date-order dmy or mdy to say which it is", path, cols[0], o.dmy_line,
                 o.dmy_ex, o.mdy_line, o.mdy_ex);
        return -1;
    } else {
        snprintf(err, errlen, "%s: the %s column cannot tell day from month (every number is 12 or less, e.g. line "
                 "%ld: '%s'): give --date-order dmy (day first) or mdy (month first)", path, cols[0], o.num_line, o.num_ex);
        return -1;
    }
    return 0;
}

/* ---- values ---- */

size_t import_join(char *d, size_t cap, const char *const *parts, int n)
{
    size_t used = 0;
    for (int i = 0; i < n && used + 1 < cap; i++) {
        size_t k = strlen(parts[i]);
        if (k > cap - 1 - used) k = cap - 1 - used;
        memcpy(d + used, parts[i], k);
        used += k;
    }
    d[used] = 0;
    return used;
}

size_t import_utoa(char *d, unsigned long v)
{
    char t[24];
    size_t n = 0;
    do t[n++] = (char)('0' + v % 10); while ((v /= 10) != 0);
    for (size_t i = 0; i < n; i++) d[i] = t[n - 1 - i];
    d[n] = 0;
    return n;
}

const char *import_value(const char *s)
{
    if (s[0] != 'N' && s[0] != '.' && s[0] != '#' && s[0] != 'n') return s; /* the common case, quickly */
    if ((s[0] == 'N' && s[1] == 'A' && !s[2]) || (s[0] == '.' && !s[1]) || !strcmp(s, "N/A") || !strcmp(s, "#N/A") ||
        !strcmp(s, "NULL") || !strcmp(s, "na"))
        return "";
    return s;
}

int import_int(const char *s, long lo, long hi, long *out)
{
    while (*s == ' ') s++;
    if (!*s) return 1;
    { /* the common case without strtol: up to 18 digits, what follows read as below */
        const char *p = s;
        int neg = *p == '-';
        if (*p == '-' || *p == '+') p++;
        unsigned long u = 0; /* 19 digits may wrap (unsigned): such a number goes to strtol */
        int nd = 0;
        for (; *p >= '0' && *p <= '9' && nd <= 18; p++, nd++) u = u * 10 + (unsigned long)(*p - '0');
        if (nd >= 1 && nd <= 18) {
            long v = (long)u;
            if (*p == '.') {
                p++;
                while (*p == '0') p++;
            }
            while (*p == ' ') p++;
            if (neg) v = -v;
            if (*p || v < lo || v > hi) return -1;
            *out = v;
            return 0;
        }
    }
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (*p < '0' || *p > '9') return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE) return -1;
    if (end[0] == '.' ) { /* "12.0", as spreadsheets re-save whole numbers */
        end++;
        while (*end == '0') end++;
    }
    while (*end == ' ') end++;
    if (*end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int import_double(const char *s, double *out)
{
    while (*s == ' ') s++;
    if (!*s) return 1;
    { /* the common case without strtod: [-+]digits[.digits], 15 digits at most, then spaces. Both
       * the digits as an integer and the power of ten are exact doubles, so one division rounds
       * once, correctly, to what strtod gives (Clinger's fast path) */
        static const double P10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const char *p = s;
        int neg = *p == '-', nd = 0, frac = 0;
        if (*p == '-' || *p == '+') p++;
        uint64_t m = 0;
        for (; *p >= '0' && *p <= '9' && nd <= 15; p++, nd++) m = m * 10 + (uint64_t)(*p - '0');
        if (nd && *p == '.')
            for (p++; *p >= '0' && *p <= '9' && nd <= 15; p++, nd++, frac++) m = m * 10 + (uint64_t)(*p - '0');
        while (*p == ' ') p++;
        if (nd && nd <= 15 && !*p) {
            double v = (double)m / P10[frac];
            *out = neg ? -v : v;
            return 0;
        }
    }
    char dot[64]; /* "35,93": a decimal comma, as spreadsheets in many languages write it */
    const char *comma = strchr(s, ',');
    if (comma && !strchr(comma + 1, ',') && !strchr(s, '.') && strlen(s) < sizeof dot) {
        snprintf(dot, sizeof dot, "%s", s);
        dot[comma - s] = '.';
        s = dot;
    }
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))) return -1; /* no "nan", "inf", "0x" */
    for (const char *q = p; *q && *q != ' '; q++)
        if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' || *q == '-' || *q == '+')) return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ') end++;
    if (*end || errno == ERANGE || !isfinite(v)) return -1;
    *out = v;
    return 0;
}

int import_load(const char *path, cm_events *s, cm_import *im, cm_row_reader read, cm_csv_fn fn, void *ctx,
                cm_load_ctx lc, const char *who, const char *const *dcols, int ndcols, char *err, size_t errlen)
{
    cm_import local = {.o = {.strict = 1}, .last_off = (size_t)-1};
    if (!im) im = &local;
    *lc.im = im;
    int n0 = s->n;
    cm_arena_mark mark = arena_mark(&s->arena);
    struct stat st;
    if (stat(path, &st) == 0 && st.st_size / 160 < 50000000) events_reserve(s, (int)(st.st_size / 160)); /* rows are ~300 bytes */
    cm_csvinfo info;
    cm_csvopts o = {.keep_raw = im->o.keep_rejects || im->nrej < CM_IMPORT_KEEP_ROWS, .info = &info}; /* the window lists skipped rows */
    int rc = -1;
    for (int pass = 0; pass < 2; pass++) {
        import_begin(im, path, s);
        *lc.reporter = events_strdup(s, who);
        *lc.need_order = 0;
        rc = read(path, &o, fn, ctx, err, errlen);
        if (rc == 0 || !*lc.need_order || pass == 1) break;
        /* numeric dates: the whole column decides which number is the day; then read again */
        import_end(im, s, 0, NULL);
        events_truncate(s, n0, mark);
        if (import_date_order(read, path, dcols, ndcols, im->o.order, lc.order, err, errlen) != 0) {
            rc = -1;
            break;
        }
    }
    if (rc != 0) {
        import_end(im, s, 0, NULL);
        events_truncate(s, n0, mark);
    } else import_end(im, s, 1, &info);
    if (im == &local) import_free(&local);
    return rc;
}
