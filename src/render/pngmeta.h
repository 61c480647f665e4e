/* pngmeta: what a picture of the map says about itself. A rendered PNG or a screenshot carries,
 * as PNG text chunks, the command line that draws the same view, the date or window shown, the
 * data files it was drawn from and how many sources stand behind the events shown, so that a
 * figure in a report can be traced and redrawn (read them with any PNG tool, e.g. `identify
 * -verbose`, or python's zlib and struct). */
#ifndef CM_PNGMETA_H
#define CM_PNGMETA_H
#include <stddef.h>

#include "data/catalog.h"
#include "data/events.h"
#include "render/pngout.h"

#define CM_PNGMETA_N 5

typedef struct {
    cm_png_text t[CM_PNGMETA_N];
    char command[4096], when[64], data[4096], sources[32];
} cm_pngmeta;

/* Fills m: command is the command line (already quoted; NULL leaves it out), files the data
 * files (the geodata directory and the events files, in order), w what time is shown. */
void pngmeta_fill(cm_pngmeta *m, const char *command, const char *const *files, int nfiles, const cm_catalog *cat,
                  const cm_when *w);

/* Writes argv as one shell command line into buf (each word quoted where it needs to be). */
void pngmeta_quote_argv(int argc, char **argv, char *buf, size_t n);

#endif
