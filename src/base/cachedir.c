/* cachedir: the cache directory and its making; see cachedir.h. */
#include "base/cachedir.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cache_dir(char *buf, size_t n)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int k;
    if (x && x[0] == '/') k = snprintf(buf, n, "%s/conflictmap", x);
    else if (home && *home) k = snprintf(buf, n, "%s/.cache/conflictmap", home);
    else return -1;
    return k > 0 && (size_t)k < n ? 0 : -1;
}

void cache_dir_make_for(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) return;
    *slash = 0;
    if (mkdir(dir, 0700) != 0 && errno == ENOENT) {
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", dir);
        char *p = strrchr(parent, '/');
        if (!p) return;
        *p = 0;
        mkdir(parent, 0700);
        mkdir(dir, 0700);
    }
}
