/* fuzz_import: the tolerant import paths (issue 9) on arbitrary bytes: ACLED and UCDP CSV with
 * separators, encodings, HXL rows, index columns, numeric dates and --rejects text kept, and the
 * JSON record reader (ACLED's API envelope, bare arrays, UCDP's API). Then a differential
 * oracle: the same text must give the same events (ids, titles, summaries, places, dates,
 * categories, points) and the same count of skipped rows when written
 *   - as UTF-16 with a byte order mark (always), and
 *   - as Windows-1252, when every character has a Windows-1252 byte and no two non-ASCII
 *     characters touch (so each field with one is invalid UTF-8, and the reader must take the
 *     file for Windows-1252 rather than UTF-8, which is its documented rule).
 * Each variant is written under the same name (ids made from a row's place name the file).
 * A failed load must leave nothing behind and say why on one line. */
#include "fuzz_common.h"

#include <iconv.h>

#include "data/acled.h"
#include "data/events.h"
#include "data/import.h"
#include "data/ucdp.h"
#include "base/utf8.h"

typedef int (*loader)(const char *, cm_events *, cm_import *, char *, size_t);

typedef struct {
    int rc;
    long skipped;
    cm_events s;
    cm_import im;
} result;

static void load(loader fn, const char *path, cm_date_order order, result *r)
{
    char err[1024] = "";
    memset(r, 0, sizeof *r);
    r->im.o = (cm_import_opts){.strict = 0, .order = order, .keep_rejects = 1};
    r->rc = fn(path, &r->s, &r->im, err, sizeof err);
    if (r->rc != 0) {
        fz_check_message(err);
        if (r->s.n != 0) { fprintf(stderr, "failed load left %d events\n", r->s.n); abort(); }
    } else {
        for (int i = 0; i < r->s.n; i++) {
            const cm_event *e = &r->s.ev[i];
            if (!e->id || !e->title || e->last < e->first) { fprintf(stderr, "event %d inconsistent\n", i); abort(); }
            if (e->has_point && (!(e->lat >= -90 && e->lat <= 90) || !(e->lon >= -180 && e->lon <= 180))) abort();
        }
        const char *sum = import_last_summary(&r->im);
        if (*sum) fz_check_message(sum);
    }
    r->skipped = r->im.nrej;
}

static void drop(result *r)
{
    events_free(&r->s);
    import_free(&r->im);
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

static void compare(const result *a, const result *b, const char *what)
{
    int ok = a->rc == b->rc && a->s.n == b->s.n && a->skipped == b->skipped;
    for (int i = 0; ok && i < a->s.n; i++) {
        const cm_event *x = &a->s.ev[i], *y = &b->s.ev[i];
        ok = same_str(x->id, y->id) && same_str(x->title, y->title) && same_str(x->summary, y->summary) &&
             same_str(x->place, y->place) && x->first == y->first && x->last == y->last && x->cat == y->cat &&
             x->has_point == y->has_point && x->lat == y->lat && x->lon == y->lon && x->nattr == y->nattr;
    }
    if (!ok) {
        fprintf(stderr, "%s: UTF-8 gave rc %d, %d events, %ld skipped; the other gave rc %d, %d events, %ld skipped\n",
                what, a->rc, a->s.n, a->skipped, b->rc, b->s.n, b->skipped);
        abort();
    }
}

/* in (UTF-8) converted to `to`; NULL when it cannot be (a character with no byte there). */
static char *convert(const uint8_t *in, size_t n, const char *to, size_t *outn)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1) abort();
    size_t cap = n * 4 + 16;
    char *out = malloc(cap), *op = out, *ip = (char *)in;
    size_t left = n, room = cap;
    size_t rc = iconv(cd, &ip, &left, &op, &room);
    iconv_close(cd);
    if (rc == (size_t)-1 || left) { free(out); return NULL; }
    *outn = (size_t)(op - out);
    return out;
}

static void differential(const uint8_t *data, size_t size, loader fn, cm_date_order order)
{
    char path[600];
    result a, b;
    fz_write("diff.csv", data, size, path, sizeof path);
    load(fn, path, order, &a);
    /* UTF-16LE with its byte order mark */
    size_t n;
    char *u16 = convert(data, size, "UTF-16LE", &n);
    if (u16) {
        uint8_t *f = malloc(n + 2);
        f[0] = 0xFF;
        f[1] = 0xFE;
        memcpy(f + 2, u16, n);
        fz_write("diff.csv", f, n + 2, path, sizeof path);
        load(fn, path, order, &b);
        compare(&a, &b, "UTF-16");
        drop(&b);
        free(f);
        free(u16);
    }
    /* Windows-1252, when the rule applies */
    int nonascii = 0, touching = 0;
    for (size_t i = 0; i < size; i++)
        if (data[i] >= 0x80) {
            nonascii = 1;
            size_t j = i + 1;
            while (j < size && (data[j] & 0xC0) == 0x80) j++; /* the rest of this character */
            if (j < size && data[j] >= 0x80) touching = 1;
            i = j - 1;
        }
    char *cp = nonascii && !touching ? convert(data, size, "CP1252", &n) : NULL;
    if (cp) {
        fz_write("diff.csv", (const uint8_t *)cp, n, path, sizeof path);
        load(fn, path, order, &b);
        compare(&a, &b, "Windows-1252");
        drop(&b);
        free(cp);
    }
    drop(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[600];
    result r;
    fz_write("in.csv", data, size, path, sizeof path);
    static const loader all[] = {acled_load_with, ucdp_load_with, acled_load_json, ucdp_load_json};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        load(all[k], path, (cm_date_order)(size % 3), &r);
        drop(&r);
    }
    if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) { /* the mark is not text: compare what follows */
        data += 3;
        size -= 3;
    }
    if (utf8_valid(data, size)) {
        differential(data, size, acled_load_with, (cm_date_order)(size % 3));
        differential(data, size, ucdp_load_with, CM_ORDER_DMY);
    }
    return 0;
}
