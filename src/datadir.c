/* datadir: finding geodata/ and assets/; see datadir.h. */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* 1 when dir holds both geodata/ and assets/ */
static int has_data(const char *dir)
{
    char p[PATH_MAX + 32];
    struct stat st;
    snprintf(p, sizeof p, "%s/geodata", dir);
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) return 0;
    snprintf(p, sizeof p, "%s/assets", dir);
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *datadir_root(void)
{
    static char root[PATH_MAX + 64];
    if (root[0]) return root;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) { /* <prefix>/bin/conflictmap -> <prefix>/share/conflictmap */
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char found[PATH_MAX + 64];
            snprintf(found, sizeof found, "%s/%s", exe, CM_REL_DATADIR);
            if (has_data(found)) { /* named without its "bin/..": messages and PNGs quote it */
                if (!realpath(found, root)) snprintf(root, sizeof root, "%s", found);
                return root;
            }
        }
    }
    const char *tries[] = {CM_SRCDIR, CM_INSTALL_DATADIR};
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
        if (has_data(tries[i])) {
            snprintf(root, sizeof root, "%s", tries[i]);
            return root;
        }
    snprintf(root, sizeof root, "%s", CM_INSTALL_DATADIR);
    return root;
}

const char *datadir_geodata(void)
{
    static char p[sizeof "/geodata" + PATH_MAX + 64];
    if (!p[0]) snprintf(p, sizeof p, "%s/geodata", datadir_root());
    return p;
}

const char *datadir_assets(void)
{
    static char p[sizeof "/assets" + PATH_MAX + 64];
    if (!p[0]) snprintf(p, sizeof p, "%s/assets", datadir_root());
    return p;
}
