/* options: the command line, parsed and checked into one struct. Every bad value gets one
 * line naming the option and what was expected. The interface is documented in README.md. */
#ifndef CM_OPTIONS_H
#define CM_OPTIONS_H
#include <stddef.h>
#include <stdio.h>

#include "data/filter.h"

typedef enum { CM_MODE_WINDOW, CM_MODE_RENDER, CM_MODE_QUERY, CM_MODE_LOCATE, CM_MODE_LIST, CM_MODE_HELP, CM_MODE_VERSION,
              CM_MODE_EXPORT } cm_mode;

typedef struct {
    cm_mode mode;
    const char *geodata;     /* directory of the base shapefiles */
    const char *assets;      /* directory with fonts/ */
    const char *crs;
    const char *layers;      /* NULL: all */
    const char *render_path;
    int w, h;                /* window or image size */
    int has_center, has_zoom;
    double center_lon, center_lat, zoom;
    double at_lon, at_lat;   /* --query / --locate */
    const char *events[16];  /* --events FILE, in order */
    int nevents;
    int no_default_events;
    const char *date, *from, *to; /* as given; checked by options_parse */
    int fade_days;           /* --fade, default 30 */
    double radius_px;        /* --radius for --query, default 8 */
    int log_ui;              /* --log-ui: JSON lines on stdout for each user-visible change */
    int heat;                /* --heat: point events as a density view */
    int strict;              /* --strict: a bad row fails its file (default: skipped and reported) */
    const char *rejects;     /* --rejects FILE.csv: skipped rows written there */
    int date_order;          /* --date-order: 0 unknown, 1 dmy, 2 mdy (a cm_date_order) */
    /* the filter (data/filter.h), as given; checked by options_parse, applied in every mode */
    const char *text, *actor, *types, *source, *date_prec, *loc_prec, *min_fatal;
    const char *export_path; /* --export FILE.geojson|FILE.csv */
    int force;               /* --force: --export may replace an existing file */
    int fresh;               /* --fresh: the window ignores where it was last closed */
    int no_cache;            /* --no-cache: events files are read, not opened from the cache (data/cache.h) */
    double scale;            /* --scale: UI and text scale; 0: automatic (options_ui_scale) */
    int argc;                /* the command line as given (kept in rendered PNGs) */
    char **argv;
} cm_options;

/* The UI and text scale of an image of o's size: --scale when given; else 1 up to 1280x800
 * and, for bigger images, as much bigger as the image is (in quarter steps), so that a
 * 3840x2160 render reads like a 1280x800 one (2.5) instead of 10-pixel text. */
double options_ui_scale(const cm_options *o);
/* Fills o from argv. 0 on success; -1 with a one-line message in err. */
int options_parse(int argc, char **argv, cm_options *o, char *err, size_t errlen);
/* Parses "LON,LAT" with range checks; 0 on success. */
int options_parse_lonlat(const char *s, double *lon, double *lat);
void options_usage(FILE *f);
/* The filter the options ask for (--text, --actor, --type, --min-fatalities, --source,
 * --date-precision, --location-precision); 0, or -1 with a message. */
int options_filter(const cm_options *o, cm_filter *f, char *err, size_t errlen);

#endif
