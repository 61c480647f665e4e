/* fuzz_common: helpers shared by the libFuzzer targets. The loaders read paths, so each
 * input is written to a file in a per-process scratch directory (under $TMPDIR or /tmp,
 * removed at exit). */
#ifndef CM_FUZZ_COMMON_H
#define CM_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/utf8.h"

static char fz_dir[512];

static inline void fz_cleanup(void)
{
    if (!fz_dir[0]) return;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fz_dir);
    if (system(cmd) != 0) { /* nothing to do */ }
}

/* The scratch directory, created on first use. */
static inline const char *fz_scratch(void)
{
    if (!fz_dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fz_dir, sizeof fz_dir, "%s/cm-fuzz-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(fz_dir)) { perror("mkdtemp"); abort(); }
        atexit(fz_cleanup);
    }
    return fz_dir;
}

/* Writes n bytes to <scratch>/name (truncating) and returns the full path in path. */
static inline void fz_write(const char *name, const uint8_t *data, size_t n, char *path, size_t pathlen)
{
    snprintf(path, pathlen, "%s/%s", fz_scratch(), name);
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); abort(); }
    if (n && fwrite(data, 1, n, f) != n) { perror(path); abort(); }
    fclose(f);
}

/* 1 when s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
static inline int fz_utf8_ok(const unsigned char *s)
{
    return utf8_valid(s, strlen((const char *)s));
}

/* A message from a loader must be non-empty; unless CM_FUZZ_ONE_LINE=0, it must also be one
 * line of valid UTF-8 with no control characters (the program prints it as its one stderr
 * line). Setting CM_FUZZ_ONE_LINE=0 lets a run look past a known message bug for memory bugs. */
static inline void fz_check_message(const char *err)
{
    static int strict = -1;
    if (strict < 0) {
        const char *e = getenv("CM_FUZZ_ONE_LINE");
        strict = !(e && strcmp(e, "0") == 0);
    }
    if (!err[0]) { fprintf(stderr, "empty error message\n"); abort(); }
    if (!strict) return;
    for (const unsigned char *p = (const unsigned char *)err; *p; p++)
        if (*p < 0x20 || *p == 0x7F) {
            fprintf(stderr, "error message with control character 0x%02X: '%s'\n", *p, err);
            abort();
        }
    if (!fz_utf8_ok((const unsigned char *)err)) {
        fprintf(stderr, "error message that is not valid UTF-8: '%s'\n", err);
        abort();
    }
}
#endif
