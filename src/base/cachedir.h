/* cachedir: where conflictmap keeps what it computes once and reuses ($XDG_CACHE_HOME/conflictmap,
 * else ~/.cache/conflictmap), shared by the events cache (data/cache) and the base map's mesh
 * cache (geo/meshcache). */
#ifndef CM_CACHEDIR_H
#define CM_CACHEDIR_H
#include <stddef.h>

/* The cache directory into buf: 0, or -1 when neither XDG_CACHE_HOME (absolute) nor HOME is
 * set or the path does not fit. */
int cache_dir(char *buf, size_t n);

/* Makes the directory of the file path names when it is missing, and its parent too
 * ($XDG_CACHE_HOME may not exist yet). Failures show when the file is created. */
void cache_dir_make_for(const char *path);

#endif
