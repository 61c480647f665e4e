/* import: what the CSV and JSON importers share beyond reading rows. Tolerant loading: a row
 * that cannot be used is skipped, counted and kept (with its line, reason and text) for the
 * summary and --rejects, or, with strict set, stops the file. The summary of each file
 * ("5,070 events from acled.csv; 1 row skipped (line 243: no date)"). Duplicate events (the
 * same ACLED event_id_cnty or UCDP id, in one file or two) merged into one. Repeated strings
 * (countries, actors, types) stored once. The state lives beside the event store it fills. */
#ifndef CM_IMPORT_H
#define CM_IMPORT_H
#include <stddef.h>
#include <stdint.h>

#include "data/csvread.h"
#include "data/date.h"
#include "data/events.h"

typedef struct {
    int strict;            /* --strict: the first bad row fails the file */
    cm_date_order order;   /* --date-order, for numeric dates a column cannot decide */
    int keep_rejects;      /* --rejects: keep each skipped row's text */
} cm_import_opts;

/* Skipped rows kept in memory for the window's list when --rejects is not given (with it every
 * row is kept whole, to be written out): the first CM_IMPORT_KEEP_ROWS, each row's text cut to
 * CM_IMPORT_KEEP_EXCERPT bytes at a whole character, all of them (file names and reasons
 * included) within CM_IMPORT_KEEP_BYTES. A file of a million bad rows costs no more than one of
 * a thousand; the rest are counted (nrej_all). */
#define CM_IMPORT_KEEP_ROWS 1000
#define CM_IMPORT_KEEP_EXCERPT 300
#define CM_IMPORT_KEEP_BYTES (1024 * 1024)

typedef struct {
    char *file, *reason, *raw;
    long line;
    const char *unit;
    int cached;            /* not a row: a file opened from the events cache, whose skipped rows
                              were not read again (raw holds its summary line, line its count) */
} cm_reject;

typedef struct {
    const char *id;        /* in the store's arena */
    uint32_t hash;
    uint16_t gen;          /* the file it came from */
    uint8_t kind;          /* 'A' ACLED, 'U' UCDP */
} cm_import_key;

typedef struct {
    cm_import_opts o;
    cm_reject *rej;
    int nrej, caprej;
    long nrej_all;         /* rows skipped in the files loaded, kept or not (cached ones included) */
    size_t rej_bytes;      /* what the kept rows take (CM_IMPORT_KEEP_BYTES without --rejects) */
    char *summary;         /* one line per file that had something to say, '\n' between */
    size_t sumlen;
    cm_import_key *keys;   /* open addressing, by (kind, id) */
    size_t nkeys, capkeys;
    const char **strs;     /* interned strings, open addressing */
    uint32_t *strh;        /* their hashes */
    size_t nstrs, capstrs;
    uint16_t gen;
    /* the file being read */
    const char *path;
    int n0;                /* events before it */
    long nskipped, nmerged, nmadeid;
    long nmerged_other;    /* of nmerged, those whose id came from an earlier file */
    long first_line;
    const char *first_unit;
    char first_reason[200];
    int nrej0;
    long nrej_all0;
    int last_ok;           /* the last file read through this state loaded (import_undo may take it back) */
    size_t last_off;       /* where the last file's summary line starts; (size_t)-1 none */
} cm_import;

/* Starts a file: counts reset. */
void import_begin(cm_import *im, const char *path, const cm_events *s);
/* A row that cannot be used: with strict, err gets "path: line N: reason" and -1 comes back;
 * otherwise it is counted and kept, and 0 comes back (the caller goes on). */
int import_skip(cm_import *im, const cm_csvrow *r, const char *reason, char *err, size_t errlen);
/* 1 when an event of this kind and id was already loaded (it is counted as merged); else the
 * id (a string in the store) is recorded and 0 comes back. -1 when out of memory. */
int import_seen(cm_import *im, char kind, const char *id);
/* 1 when an event of this kind and id is known (nothing recorded), else 0. */
int import_known(const cm_import *im, char kind, const char *id);
/* Records ids of events loaded without reading their file (data/cache.c), as import_seen
 * would have; a generation of their own. 0, or -1 when out of memory. */
int import_add_known(cm_import *im, const cm_event *ev, const uint8_t *kinds, size_t n);
/* A file loaded without reading it: its summary line (from the cache, "" none) as import_end
 * would have added it; import_undo takes it back. */
void import_restore(cm_import *im, const char *line);
/* v with a comma every three digits ("5,070"), as the summary line writes counts. */
void import_thousands(char *buf, size_t n, long v);
/* A note for the summary: an id made up for a row that had none. */
void import_note_made_id(cm_import *im);
/* The string s stored once in the store's arena (NULL for ""), or NULL when out of memory. */
const char *import_intern(cm_import *im, cm_events *s, const char *s_);
/* Ends the file. ok: its summary line is added when anything was skipped or merged (what is in
 * csvinfo too); not ok: everything the file added to this state is dropped. */
void import_end(cm_import *im, const cm_events *s, int ok, const cm_csvinfo *info);
/* Takes back the file just ended (ok): a later step failed and its events are gone. */
void import_undo(cm_import *im);
/* The summary of the file just ended, or "" (a line in the summary). */
const char *import_last_summary(const cm_import *im);
/* Writes every skipped row to path as CSV (file, line, reason, row: the row's text as it was),
 * through a temporary file renamed into place. 0, or -1 with a message. */
int import_write_rejects(const cm_import *im, const char *path, char *err, size_t errlen);
/* Loading is over: the table of interned strings (only there to store repeated strings once)
 * is freed; a later file starts a new one. The ids kept for merging duplicates stay. */
void import_loaded(cm_import *im);
/* Forgets the ids kept for merging duplicates (the caller keeps them another way and tells
 * them again with import_add_known before the next file). */
void import_forget_ids(cm_import *im);
/* Empties the state (the store it pointed into is gone), keeping the options. */
void import_reset(cm_import *im);
void import_free(cm_import *im);


/* A reader of rows: csv_read_opts, or the JSON record reader. */
typedef int (*cm_row_reader)(const char *path, const cm_csvopts *o, cm_csv_fn fn, void *ctx, char *err, size_t errlen);

/* Decides the day/month order of the numeric dates in the named columns by reading the whole
 * column: day-first when some first number is over 12 and no second one is, and so on; when
 * the column cannot tell (every number 12 or less) or mixes both, `given` (--date-order)
 * decides, and without it err says so in one line and -1 comes back. */
int import_date_order(cm_row_reader read, const char *path, const char *const *cols, int ncols, cm_date_order given,
                      cm_date_order *out, char *err, size_t errlen);

/* The fields of an importer's row context that import_load drives. */
typedef struct {
    cm_import **im;           /* set to the import in use (a private strict one when im is NULL) */
    char **reporter;          /* set to the store's copy of `who` on each pass */
    int *need_order;          /* the row function sets it when a numeric date needs the order */
    cm_date_order *order;     /* the order import_load decided */
} cm_load_ctx;

/* Loads one file of an importer: reserves room, reads its rows with fn(ctx), and when a
 * numeric date column cannot tell day from month, decides from the whole columns `dcols` and
 * reads again; a failure takes back what the file added. im may be NULL (all-or-nothing). */
int import_load(const char *path, cm_events *s, cm_import *im, cm_row_reader read, cm_csv_fn fn, void *ctx,
                cm_load_ctx lc, const char *who, const char *const *dcols, int ndcols, char *err, size_t errlen);

/* Strict numbers: 0 and the value; 1 for an empty field; -1 for anything else ("banana",
 * "1abc", a NUL, out of lo..hi or of range). Spaces around are allowed. */
int import_int(const char *s, long lo, long hi, long *out);
int import_double(const char *s, double *out);
/* The row builders' text without snprintf (16% of a large load's instructions went to it): the
 * n texts in parts one after another in d, cut at cap - 1 bytes as snprintf would cut them (cap
 * > 0); the length written. */
size_t import_join(char *d, size_t cap, const char *const *parts, int n);
/* v (>= 0) in decimal at d, NUL-terminated; the digits' count (at most 20). */
size_t import_utoa(char *d, unsigned long v);
/* The value, or "" for what statistics packages write for a missing value (NA, ., N/A, #N/A, NULL). */
const char *import_value(const char *s);

#endif
