/* fuzz_csv: the CSV reader (csv_read, csv_header) and both CSV importers (acled_load,
 * ucdp_load) on arbitrary bytes, bypassing the catalog's format detection so that each
 * importer sees every input. */
#include "fuzz_common.h"

#include "data/acled.h"
#include "data/csvread.h"
#include "data/events.h"
#include "data/ucdp.h"

static int touch_row(const cm_csvrow *r, void *ctx, char *err, size_t errlen)
{
    size_t *sum = ctx;
    for (int i = 0; i < r->n; i++) {
        if (strlen(r->f[i]) != r->len[i]) { /* an embedded NUL is fine; a length beyond it is not */
            if (strlen(r->f[i]) > r->len[i]) { fprintf(stderr, "field %d longer than its length\n", i); abort(); }
        }
        *sum += r->len[i];
    }
    return 0;
}

/* One store per importer, kept across inputs: the store's arena takes its memory in 4 MiB
 * chunks, and allocating (and under ASan, poisoning) one per input made this target ten times
 * slower. A small string allocated first keeps the chunk; each input is rolled back to the
 * mark after it, as a failed load does itself. Every 1024 inputs the stores are freed. */
typedef struct {
    cm_events s;
    cm_arena_mark mark;
    int live;
} store;

static void one(int (*load)(const char *, cm_events *, char *, size_t), const char *path, store *st, int recycle)
{
    char err[1024];
    if (!st->live) {
        memset(&st->s, 0, sizeof st->s);
        events_strdup(&st->s, "keeps the first chunk");
        st->mark = arena_mark(&st->s.arena);
        st->live = 1;
    }
    cm_events *s = &st->s;
    err[0] = 0;
    if (load(path, s, err, sizeof err) != 0) {
        fz_check_message(err);
        if (s->n != 0) { fprintf(stderr, "failed load left %d events\n", s->n); abort(); }
    } else {
        for (int i = 0; i < s->n; i++)
            if (!s->ev[i].id || !s->ev[i].title || s->ev[i].last < s->ev[i].first) { fprintf(stderr, "event %d inconsistent\n", i); abort(); }
        events_index(s);
    }
    if (recycle) {
        events_free(s);
        st->live = 0;
    } else {
        events_truncate(s, 0, st->mark);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[600], err[1024];
    fz_write("in.csv", data, size, path, sizeof path);
    size_t sum = 0;
    err[0] = 0;
    if (csv_read(path, touch_row, &sum, err, sizeof err) != 0) fz_check_message(err);
    char **names = NULL;
    int n = csv_header(path, &names, err, sizeof err);
    if (n >= 0) {
        acled_is_header(names, n);
        ucdp_is_header(names, n);
        csv_header_free(names, n);
    }
    static store acled, ucdp;
    static unsigned count;
    int recycle = ++count % 1024 == 0;
    one(acled_load, path, &acled, recycle);
    one(ucdp_load, path, &ucdp, recycle);
    return 0;
}
