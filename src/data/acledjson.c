/* acledjson: ACLED API JSON records as rows; see acledjson.h. */
#include "data/acledjson.h"

#include "base/fileio.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#define MAX_JSON ((long long)1 << 30)

#define MAX_JSON_STRING (1 << 20) /* as a GeoJSON string and a CSV field */
#define MAX_JSON_KEY 1024
#define MAX_JSON_DEPTH 64

/* The limits on one string, one member name and the nesting, checked on the bytes as they are
 * read (before they are kept, and before yajl builds its tree of them): a 100 MB string costs
 * no more than a 1 MB one. Quotes and escapes are followed; a member name is a string followed
 * by ':' (seen when the next byte that is not blank is read). */
typedef struct {
    int in_str, esc, depth, after_str;
    size_t len;
    long long at;
    const char *why;
} jscan;

static int jscan_bytes(jscan *j, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++, j->at++) {
        char c = b[i];
        if (j->in_str) {
            if (j->esc) j->esc = 0;
            else if (c == '\\') j->esc = 1;
            else if (c == '"') { j->in_str = 0; j->after_str = 1; continue; }
            if (++j->len > MAX_JSON_STRING) { j->why = "a string longer than the 1048576 bytes accepted"; return -1; }
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (j->after_str && c == ':' && j->len > MAX_JSON_KEY) { j->why = "a member name longer than the 1024 bytes accepted"; return -1; }
        j->after_str = 0;
        if (c == '"') { j->in_str = 1; j->len = 0; }
        else if (c == '[' || c == '{') {
            if (++j->depth > MAX_JSON_DEPTH) { j->why = "nesting deeper than 64 levels"; return -1; }
        } else if (c == ']' || c == '}') j->depth--;
    }
    return 0;
}

static char *slurp(const char *path, size_t *n, char *err, size_t errlen)
{
    cm_file in; /* without blocking: a FIFO or device refused, a pipe read once (fileio.h) */
    if (fileio_open(path, "a JSON file", &in, err, errlen) != 0) return NULL;
    if (in.size > MAX_JSON) {
        fclose(in.fp);
        snprintf(err, errlen, "%s: larger than 1 GiB, too large for an ACLED JSON file", path);
        return NULL;
    }
    FILE *f = in.fp;
    char *b = malloc((size_t)in.size + 1);
    size_t got = 0;
    jscan j = {0};
    int bad = 0, over = 0;
    while (b && got < (size_t)in.size) { /* a block at a time, each scanned as it comes */
        size_t want = (size_t)in.size - got < (1 << 16) ? (size_t)in.size - got : (1 << 16);
        size_t k = fread(b + got, 1, want, f);
        if (!k) break;
        if (jscan_bytes(&j, b + got, k) != 0) { over = 1; break; }
        got += k;
    }
    bad = ferror(f);
    fclose(f);
    if (over) {
        snprintf(err, errlen, "%s: byte %lld: %s", path, j.at + 1, j.why);
        free(b);
        return NULL;
    }
    if (!b || bad) {
        free(b);
        snprintf(err, errlen, "%s: %s", path, b ? "read error" : "out of memory");
        return NULL;
    }
    b[got] = 0;
    *n = got;
    return b;
}

int acledjson_sniff(const char *path)
{
    cm_file in;
    char ignored[256];
    if (fileio_open(path, "a JSON file", &in, ignored, sizeof ignored) != 0) return 0;
    FILE *f = in.fp;
    static char b[1 << 16];
    size_t n = fread(b, 1, sizeof b - 1, f);
    fclose(f);
    b[n] = 0;
    const char *p = b;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) p += 3;
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
    int acled = strstr(p, "\"event_date\"") != NULL;
    int ucdp = strstr(p, "\"date_start\"") && strstr(p, "\"type_of_violence\"");
    if (*p == '[') return acled ? 'A' : ucdp ? 'U' : 0;
    if (*p == '{' && !strstr(p, "\"features\"") && !strstr(p, "\"FeatureCollection\"")) {
        if (acled || (strstr(p, "\"success\"") && strstr(p, "\"status\""))) return 'A';
        if (ucdp) return 'U';
    }
    return 0;
}

static int add_key(char ***keys, int *n, int *cap, const char *k)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*keys)[i], k) == 0) return 0;
    if (*n >= 512) return -1;
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 64;
        char **p = realloc(*keys, sizeof *p * (size_t)c);
        if (!p) return -1;
        *keys = p;
        *cap = c;
    }
    (*keys)[(*n)++] = (char *)k;
    return 0;
}

/* The record as compact JSON, for --rejects. */
static char *record_text(yajl_val rec)
{
    yajl_gen g = yajl_gen_alloc(NULL);
    if (!g) return NULL;
    yajl_gen_map_open(g);
    for (size_t i = 0; i < rec->u.object.len; i++) {
        const char *k = rec->u.object.keys[i];
        yajl_val v = rec->u.object.values[i];
        yajl_gen_string(g, (const unsigned char *)k, strlen(k));
        if (YAJL_IS_STRING(v)) yajl_gen_string(g, (const unsigned char *)v->u.string, strlen(v->u.string));
        else if (YAJL_IS_NUMBER(v)) yajl_gen_number(g, v->u.number.r, strlen(v->u.number.r));
        else if (YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v)) yajl_gen_bool(g, YAJL_IS_TRUE(v));
        else yajl_gen_null(g);
    }
    yajl_gen_map_close(g);
    const unsigned char *buf;
    size_t len;
    char *out = NULL;
    if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok && (out = malloc(len + 1))) {
        memcpy(out, buf, len);
        out[len] = 0;
    }
    yajl_gen_free(g);
    return out;
}

int acledjson_read(const char *path, const cm_csvopts *o, cm_csv_fn fn, void *ctx, char *err, size_t errlen)
{
    size_t n;
    char *text = slurp(path, &n, err, errlen);
    if (!text) return -1;
    if (n == 0) { free(text); snprintf(err, errlen, "%s: the file is empty", path); return -1; }
    char *body = text;
    if (n >= 3 && !memcmp(body, "\xEF\xBB\xBF", 3)) body += 3;
    if (!utf8_valid((const unsigned char *)body, strlen(body)) || strlen(body) != n - (size_t)(body - text)) {
        free(text);
        snprintf(err, errlen, "%s: not valid UTF-8 text (ACLED JSON)", path);
        return -1;
    }
    char why[256] = "";
    yajl_val root = yajl_tree_parse(body, why, sizeof why);
    free(text);
    if (!root) {
        for (char *p = why; *p; p++) if (*p == '\n' || *p == '\r') *p = ' ';
        snprintf(err, errlen, "%s: not valid JSON: %.200s", path, why);
        utf8_clean(err);
        return -1;
    }
    yajl_val data = root;
    int rc = -1;
    char **keys = NULL;
    int nkeys = 0, capkeys = 0;
    cm_csvrow row = {.unit = "record"};
    if (YAJL_IS_OBJECT(root)) {
        const char *pr[] = {"Result", NULL}, *pd[] = {"data", NULL}, *ps[] = {"success", NULL}, *pe[] = {"error", NULL}, *pm[] = {"message", NULL};
        yajl_val succ = yajl_tree_get(root, ps, yajl_t_any);
        data = yajl_tree_get(root, pd, yajl_t_array);
        if (!data) data = yajl_tree_get(root, pr, yajl_t_array); /* UCDP's API */
        if ((succ && YAJL_IS_FALSE(succ)) || !data) {
            yajl_val e = yajl_tree_get(root, pe, yajl_t_any);
            yajl_val m = e && YAJL_IS_OBJECT(e) ? yajl_tree_get(e, pm, yajl_t_string) : yajl_tree_get(root, pm, yajl_t_string);
            const char *msg = m ? YAJL_GET_STRING(m) : e && YAJL_IS_STRING(e) ? YAJL_GET_STRING(e) : NULL;
            snprintf(err, errlen, "%s: an API answer without records%s%.200s%s", path, msg ? " ('" : "",
                     msg ? msg : "", msg ? "')" : " (no \"data\" or \"Result\" array)");
            utf8_clean(err);
            goto done;
        }
    }
    if (!YAJL_IS_ARRAY(data)) { snprintf(err, errlen, "%s: expected an array of event records", path); goto done; }
    size_t nrec = data->u.array.len;
    for (size_t i = 0; i < nrec; i++) {
        yajl_val r = data->u.array.values[i];
        if (!YAJL_IS_OBJECT(r)) continue; /* reported as a row below */
        for (size_t k = 0; k < r->u.object.len; k++)
            if (add_key(&keys, &nkeys, &capkeys, r->u.object.keys[k]) != 0) {
                snprintf(err, errlen, "%s: record %zu: more than 512 different keys", path, i + 1);
                goto done;
            }
    }
    /* the header: the keys in lower case */
    char **hdr = calloc((size_t)nkeys + 1, sizeof *hdr);
    size_t *len = calloc((size_t)nkeys + 1, sizeof *len);
    char **f = calloc((size_t)nkeys + 1, sizeof *f);
    if (!hdr || !len || !f) { free(hdr); free(len); free(f); snprintf(err, errlen, "%s: out of memory", path); goto done; }
    for (int k = 0; k < nkeys; k++) {
        hdr[k] = strdup(keys[k]);
        if (!hdr[k]) continue;
        for (char *q = hdr[k]; *q; q++) if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
        len[k] = strlen(hdr[k]);
    }
    row.f = hdr;
    row.len = len;
    row.n = nkeys;
    row.row = 1;
    row.line = 0;
    int ok = fn(&row, ctx, err, errlen) == 0;
    char problem[160];
    for (size_t i = 0; i < nrec && ok; i++) {
        yajl_val r = data->u.array.values[i];
        problem[0] = 0;
        for (int k = 0; k < nkeys; k++) f[k] = "";
        if (!YAJL_IS_OBJECT(r)) snprintf(problem, sizeof problem, "not a JSON object");
        else
            for (size_t k = 0; k < r->u.object.len; k++) {
                yajl_val v = r->u.object.values[k];
                int at = 0;
                while (at < nkeys && strcmp(keys[at], r->u.object.keys[k]) != 0) at++;
                if (at == nkeys) continue;
                if (YAJL_IS_STRING(v)) f[at] = v->u.string;
                else if (YAJL_IS_NUMBER(v)) f[at] = v->u.number.r;
                else if (YAJL_IS_TRUE(v)) f[at] = "True";
                else if (YAJL_IS_FALSE(v)) f[at] = "False";
                else if (!YAJL_IS_NULL(v) && !problem[0])
                    snprintf(problem, sizeof problem, "'%.60s' is not a text value", keys[at]);
            }
        for (int k = 0; k < nkeys; k++) len[k] = strlen(f[k]);
        row.f = f;
        row.row = (long)i + 2;
        row.line = (long)i + 1;
        row.problem = problem[0] ? problem : NULL;
        char *raw = o && o->keep_raw && YAJL_IS_OBJECT(r) ? record_text(r) : NULL;
        row.raw = raw ? raw : NULL;
        row.rawlen = raw ? strlen(raw) : 0;
        ok = fn(&row, ctx, err, errlen) == 0;
        free(raw);
    }
    if (o && o->info) *o->info = (cm_csvinfo){.sep = ',', .encoding = "UTF-8"};
    for (int k = 0; k < nkeys; k++) free(hdr[k]);
    free(hdr);
    free(len);
    free(f);
    rc = ok ? 0 : -1;
done:
    free(keys);
    yajl_tree_free(root);
    return rc;
}
