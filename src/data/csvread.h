/* csvread: rows of a CSV file with libcsv (RFC 4180: quoted fields with commas, quotes and
 * newlines), streamed in blocks so memory stays at one row. The first row is the header.
 * Each row comes with the line it starts on, so errors can say where. Ragged rows, an
 * unterminated quote, over-long fields and invalid UTF-8 stop the read with a message. */
#ifndef CM_CSVREAD_H
#define CM_CSVREAD_H
#include <stddef.h>

#define CM_CSV_MAX_FIELD (1 << 20)
#define CM_CSV_MAX_COLS 512

typedef struct {
    char **f;          /* fields, NUL-terminated */
    size_t *len;
    int n;
    long row;          /* 1 = the header */
    long line;         /* line the row starts on */
} cm_csvrow;

/* Called for the header (row 1) and each row; return 0 to go on, -1 to stop (err set). */
typedef int (*cm_csv_fn)(const cm_csvrow *r, void *ctx, char *err, size_t errlen);

/* Reads path, calling fn per row. 0 on success; -1 with "path: line N: ..." in err. */
int csv_read(const char *path, cm_csv_fn fn, void *ctx, char *err, size_t errlen);
/* Reads just the header row into a malloc'd list (for format detection); its count or -1. */
int csv_header(const char *path, char ***names, char *err, size_t errlen);
void csv_header_free(char **names, int n);
/* Column index of name in the header row, or -1. */
int csv_col(const cm_csvrow *header, const char *name);
/* 1 when the header names hold every one of the required columns. */
int csv_has_columns(char **names, int n, const char *const *cols, const int *required, int nrequired);
/* Maps cols to their indexes in the header row (-1 when absent); -1 with "path: line 1: no 'x'
 * column (what)" when a required one is missing. */
int csv_map_columns(const cm_csvrow *header, const char *const *cols, int ncols, int *col, const int *required,
                    int nrequired, const char *path, const char *what, char *err, size_t errlen);
/* Writes "path: line N: what 'value'" (the value quoted on one line, cut at a whole character); -1. */
int csv_row_error(const char *path, long line, const char *what, const char *value, char *err, size_t errlen);

#endif
