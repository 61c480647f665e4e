/* cache: a file per events file of its parsed, projected events, memory-mapped when the same
 * file is opened again, so a million events open in a fraction of the time a parse takes.
 * Kept in $XDG_CACHE_HOME/conflictmap/ (default ~/.cache/conflictmap/), one per events file,
 * named by a hash of the file's absolute path, the map CRS and the importer options; inside,
 * the full key (path, size, modification time in ns, inode, format version, CRS, options) is
 * compared. Strings and arrays stay in the mapping (the events point into it) and are read
 * from the disk only when shown. Written through a temporary file in the same directory,
 * checked at every write, synced and renamed; a 64-bit checksum (XXH3) over the whole file is
 * checked on open (the text read through a buffer at memory speed by a second thread, the
 * events from the mapping they are used from), so a truncated, damaged, foreign or older cache
 * is never used (it is rebuilt). Beside the events it keeps their index (long events, spatial
 * grid, date span), used by a store of that file's events alone. No SDL here. */
#ifndef CM_CACHE_H
#define CM_CACHE_H
#include "base/cachedir.h" /* cache_dir: the directory caches go to */
#include <stddef.h>
#include <stdint.h>

#include "data/events.h"

/* What, besides the file itself, changes the events a load gives. */
typedef struct {
    const char *crs;       /* the map CRS definition */
    int strict, order;     /* --strict, --date-order */
    const char *places;    /* the geodata's place spellings (aliases.tsv: path, size, mtime), which
                            * place rows by their admin-1 name; "" when there are none */
} cm_cache_opts;

/* An open cache: its events (in the mapping, pointers valid; the mapping is private and
 * writable, so a store may use them in place), their import key kinds and the file's summary line. */
typedef struct {
    void *map;
    size_t len;
    cm_event *ev;
    size_t n;
    const uint8_t *kinds;  /* per event: the kind its id is known by to the importer ('A', 'U', 'D'), or 0 */
    const char *summary;   /* the file's summary line ("" none) */
    cm_events_prebuilt pre; /* their index (in the mapping), for a store of these events alone */
} cm_cache_view;

/* A cache being written: the temporary file, renamed into place by cache_commit. */
typedef struct {
    char *tmp, *final;
} cm_cache_txn;

/* Files smaller than this are not cached (they load in milliseconds); the environment
 * variable CONFLICTMAP_CACHE_MIN_BYTES changes it (tests set 0). */
#define CM_CACHE_MIN_BYTES (256 * 1024)

/* Whether path is worth caching: a regular file at least the minimum size. */
int cache_wanted(const char *path);
/* Opens the cache of path when there is a valid one: 1 and v filled; 0 when there is none or
 * it cannot be used (a bad one is removed, to be rebuilt). */
int cache_open(const char *path, const cm_cache_opts *o, cm_cache_view *v);
/* Unmaps a view not handed to a store. */
void cache_close(cm_cache_view *v);
/* Writes the cache of path from events ev[0..n) (their kinds, or NULL for none, and the
 * summary line) to a temporary file: 0 and t filled, or -1 (one warning line on stderr the
 * first time in a process, nothing left behind). */
int cache_write(const char *path, const cm_cache_opts *o, const cm_event *ev, size_t n, const uint8_t *kinds,
                const char *summary, cm_cache_txn *t);
/* Renames the written cache into place (keep) or removes it. */
void cache_commit(cm_cache_txn *t, int keep);
/* 64-bit checksum of n bytes (exposed for tests). */
uint64_t cache_hash(const void *p, size_t n, uint64_t seed);

#endif
