/* csvread: rows of a delimited text file with libcsv (RFC 4180: quoted fields with commas,
 * quotes and newlines), streamed in blocks so memory stays at one row. The first row is the
 * header. It reads what spreadsheets and statistics packages write: the separator (comma,
 * semicolon or tab) is told from the header line; UTF-8 with or without a byte order mark,
 * Windows-1252 (decided by the first field that is not ASCII: valid UTF-8 or not) and UTF-16
 * with a byte order mark are all delivered as UTF-8; LF, CRLF and CR-only line ends; a HXL
 * hashtag row after the header, rows of only empty fields (Excel's trailing ",,,,") and a
 * leading index column without a header name (R's row names) are passed over. Header names
 * are delivered trimmed and in lower case. Each row comes with the line it starts on; a row
 * that cannot be used as it stands (ragged, a NUL byte, text in no known encoding) is still
 * delivered, with `problem` saying why, so that the importer can skip and report it; so is a
 * field longer than CM_CSV_MAX_FIELD, refused as soon as it passes the cap (never buffered
 * whole), after which the rest of its row is passed over. An unterminated quote and too many
 * columns stop the read with a message. Ordinary lines (a whole row on one line, in one
 * block, nothing libcsv would read otherwise) are split without libcsv, which stays the
 * reader of everything else and the oracle the fast path is tested against (oracle below). */
#ifndef CM_CSVREAD_H
#define CM_CSVREAD_H
#include <stddef.h>

#define CM_CSV_MAX_FIELD (1 << 20)
#define CM_CSV_MAX_COLS 512
/* One row's bytes, all its fields together (512 fields of 1 MiB would be 512 MiB): a row
 * that passes it is refused as it is read, as an over-long field is. */
#define CM_CSV_MAX_ROW (4 << 20)
#define CM_CSV_MAX_SKIP (64 << 20) /* the rest of a row with an over-long field is looked for this far */

typedef struct {
    char **f;          /* fields, NUL-terminated, UTF-8 */
    size_t *len;
    int n;
    long row;          /* 1 = the header */
    long line;         /* line the row starts on (a record number for JSON) */
    const char *unit;  /* "line", or "record" for rows that come from JSON */
    const char *problem; /* why the row cannot be used as it stands, or NULL */
    const char *raw;   /* the row's text as in the file (UTF-8), when asked for; else NULL */
    size_t rawlen;
} cm_csvrow;

/* What the reader found, for the load summary. */
typedef struct {
    char sep;          /* ',', ';' or '\t' */
    const char *encoding; /* "UTF-8", "Windows-1252", "UTF-16" */
    long empty_rows;   /* rows of only empty fields, passed over */
    int hxl;           /* a HXL hashtag row was passed over */
    int index_col;     /* a leading index column without a name was dropped */
    int cr_only;       /* lines end in CR alone */
    int no_header;     /* the file had no header row: the caller's column names were used */
    long fast_rows;    /* rows split by the fast path (the others went through libcsv) */
} cm_csvinfo;

typedef struct {
    int keep_raw;      /* deliver each row's text in raw (for --rejects) */
    cm_csvinfo *info;  /* filled when non-NULL */
    const char *const *names; /* when non-NULL: the file has no header row, these (lower case) are
                               * its columns; fn sees them as row 1 (line 0), and the file's first
                               * line is the first data row */
    int nnames;
    int oracle;        /* every line through libcsv, none split by the fast path (tests, fuzz_csvdiff) */
} cm_csvopts;

/* Called for the header (row 1) and each row; return 0 to go on, -1 to stop (err set). */
typedef int (*cm_csv_fn)(const cm_csvrow *r, void *ctx, char *err, size_t errlen);

/* Reads path, calling fn per row. 0 on success; -1 with "path: line N: ..." in err. */
int csv_read(const char *path, cm_csv_fn fn, void *ctx, char *err, size_t errlen);
int csv_read_opts(const char *path, const cm_csvopts *o, cm_csv_fn fn, void *ctx, char *err, size_t errlen);
/* Reads just the header row into a malloc'd list (for format detection); its count or -1. */
int csv_header(const char *path, char ***names, char *err, size_t errlen);
void csv_header_free(char **names, int n);
/* Column index of name in the header row, or -1. */
int csv_col(const cm_csvrow *header, const char *name);
/* 1 when the header names hold every one of the required columns. */
int csv_has_columns(char **names, int n, const char *const *cols, const int *required, int nrequired);
/* Maps cols to their indexes in the header row (-1 when absent); -1 with "path: line 1: no 'x'
 * column (what)" when a required one is missing, or "column 'x' appears twice" for a column in
 * cols that is named twice. */
int csv_map_columns(const cm_csvrow *header, const char *const *cols, int ncols, int *col, const int *required,
                    int nrequired, const char *path, const char *what, char *err, size_t errlen);
/* Writes "path: line N: what 'value'" (the value quoted on one line, cut at a whole character); -1. */
int csv_row_error(const char *path, long line, const char *what, const char *value, char *err, size_t errlen);

#endif
