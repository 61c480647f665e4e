/* testutil: helpers the unit and render tests share: the environment ctest sets (CM_SRC, CM_GEODATA,
 * CM_OUT, CM_BIN), paths to files written at test time, and the default events file.
 * Include after cmocka.h. */
#ifndef CM_TESTUTIL_H
#define CM_TESTUTIL_H
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "data/profile.h"

/* The value of an environment variable ctest sets; fails the test when it is missing. */
static inline const char *env(const char *name)
{
    const char *v = getenv(name);
    if (!v) print_error("environment variable %s is not set (run the tests with ctest)\n", name);
    assert_non_null(v);
    return v;
}

/* The conflictmap binary under test. */
static inline const char *bin(void) { return env("CM_BIN"); }

/* $CM_OUT, made if need be. */
static inline const char *outdir(void)
{
    const char *o = env("CM_OUT");
    mkdir(o, 0755);
    return o;
}

/* Runs a shell command; its exit status, or -1 when it did not exit normally. */
static inline int run(const char *cmd)
{
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st)) return -1;
    return WEXITSTATUS(st);
}

/* $CM_OUT/<name>, for files written at test time (two may be in use at once). */
static inline const char *outfile(const char *name)
{
    static char buf[2][2048];
    static int k;
    char *b = buf[k++ % 2];
    snprintf(b, sizeof buf[0], "%s/%s", outdir(), name);
    return b;
}

/* The map profile of $CM_GEODATA (geodata/profile.ini): the tints the render tests expect. */
static inline const cm_profile *geodata_profile(void)
{
    static cm_profile p;
    static int loaded;
    if (!loaded) {
        char err[1024];
        int rc = profile_load(env("CM_GEODATA"), &p, err, sizeof err);
        if (rc != 0) print_error("%s\n", err);
        assert_int_equal(rc, 0);
        loaded = 1;
    }
    return &p;
}

/* $CM_SRC/assets/events.geojson */
static inline const char *default_events(void)
{
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s/assets/events.geojson", env("CM_SRC"));
    return buf;
}

#endif
