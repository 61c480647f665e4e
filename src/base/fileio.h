/* fileio: how every reader opens its input. A file is opened without blocking (a FIFO with
 * no writer would otherwise hang open(2) for ever), then fstat'd: a regular file is read as
 * usual; a pipe or FIFO is read once, whole, into memory (with a cap and an idle timeout),
 * and later opens of the same pipe during one load get that copy, so a format sniff followed
 * by the real read works on `--events <(zcat x.csv.gz)`; anything else (a directory, a
 * device, a socket) is refused with "not a regular file". */
#ifndef CM_FILEIO_H
#define CM_FILEIO_H
#include <stdio.h>
#include <stddef.h>

#define CM_FILEIO_MAX_PIPE ((size_t)1 << 30)  /* bytes read from a pipe at most (1 GiB) */
#define CM_FILEIO_PIPE_IDLE_MS 30000          /* a pipe silent this long is an error */

typedef struct {
    FILE *fp;          /* positioned at the start; fclose it when done */
    long long size;    /* bytes in the file (for a pipe: what was read) */
    int pipe;          /* 1 when it came from a pipe or FIFO */
} cm_file;

/* Opens path for reading. what names the kind of file expected in the messages ("a GeoJSON
 * file"). 0, or -1 with "PATH: why" in err (missing, unreadable, a directory, not a regular
 * file, a pipe too large or silent). */
int fileio_open(const char *path, const char *what, cm_file *f, char *err, size_t errlen);

/* 0 when path is a regular file that can be opened, without blocking; else -1 with
 * "PATH: why" in err. For readers that open the file themselves (shapelib, SDL2_ttf). */
int fileio_check_regular(const char *path, char *err, size_t errlen);

/* Forgets the in-memory copy of the last pipe read (call after one load). */
void fileio_forget(void);

#endif
