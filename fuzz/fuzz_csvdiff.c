/* fuzz_csvdiff: the CSV reader's fast path against libcsv alone (cm_csvopts.oracle) on arbitrary
 * bytes: both must deliver the same rows, lines, fields, problems and raw text, and end with
 * the same result and message (tests/unit/csvdiff.h writes down what each delivered). Each
 * input is read as it is and (half of them) again placed after plain rows so that it starts just before the
 * 64 KiB block boundary (its first byte says where), with and without raw text, with given
 * column names and with the caller stopping early. A difference aborts, showing both. */
#include "fuzz_common.h"

#include "../tests/unit/csvdiff.h"

static void compare(const char *path, int keep_raw, int names, long stop_at)
{
    static const char *const cols[] = {"event_date", "event_type", "latitude", "longitude"};
    char *fast = csvdiff_read(path, 0, keep_raw, names ? cols : NULL, names ? 4 : 0, stop_at);
    char *slow = csvdiff_read(path, 1, keep_raw, names ? cols : NULL, names ? 4 : 0, stop_at);
    if (strcmp(fast, slow) != 0) {
        size_t i = 0;
        while (fast[i] && fast[i] == slow[i]) i++;
        size_t from = i > 300 ? i - 300 : 0;
        fprintf(stderr, "the fast path differs from libcsv at byte %zu (raw %d, names %d, stop %ld)\n--- libcsv:\n%.600s\n--- fast:\n%.600s\n",
                i, keep_raw, names, stop_at, slow + from, fast + from);
        abort();
    }
    free(fast);
    free(slow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[600];
    unsigned k = size ? data[0] : 0;
    fz_write("in.csv", data, size, path, sizeof path);
    compare(path, 1, 0, 0);
    compare(path, 0, k & 1, k & 2 ? 2 + (k >> 4) : 0);

    /* half the inputs again after plain rows up to a little before 64 KiB: across the block boundary */
    if (!(k & 4)) return 0;
    size_t at = 65536 - 1 - (k % 64), n = 0;
    uint8_t *b = malloc(at + size + 1);
    if (!b) return 0;
    n += (size_t)snprintf((char *)b, at, "a,b,c\n");
    while (n < at - 1) { /* rows of 1 KiB (few rows: the pad costs little) */
        size_t row = at - 1 - n < 1024 ? at - 1 - n : 1024;
        memset(b + n, 'x', row);
        if (row > 4) memcpy(b + n, "1,2,", 4);
        n += row;
        b[n++] = '\n';
    }
    memcpy(b + n, data, size);
    fz_write("pad.csv", b, n + size, path, sizeof path);
    free(b);
    compare(path, 1, 0, 0);
    return 0;
}
