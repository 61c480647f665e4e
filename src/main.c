/* main: parse the command line and run one mode: window, render, query, locate or list. */
#include <SDL2/SDL.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "app.h"
#include "data/export.h"
#include "data/filter.h"
#include "data/report.h"
#include "base/utf8.h"
#include "options.h"

int main(int argc, char **argv)
{
    cm_options o;
    char err[8192]; /* room for a message quoting a path of PATH_MAX bytes */
    if (options_parse(argc, argv, &o, err, sizeof err) != 0) {
        fprintf(stderr, "conflictmap: %s\n", err);
        return 2;
    }
    if (o.mode == CM_MODE_HELP) { options_usage(stdout); return 0; }
    if (o.mode == CM_MODE_VERSION) { printf("conflictmap %s\n", CM_VERSION); return 0; }

    cm_catalog cat;
    static char skipped[4096]; /* the window passes over a bad events file, with a warning */
    int window = o.mode == CM_MODE_WINDOW;
    if (app_load(&o, &cat, err, sizeof err, window ? skipped : NULL, sizeof skipped) != 0) {
        utf8_clean(err);
        fprintf(stderr, "conflictmap: %s\n", err);
        return 1;
    }
    cm_filter filt; /* one filter for every mode: whatever it leaves out is hidden in the store */
    if (options_filter(&o, &filt, err, sizeof err) != 0 || filter_check_types(&filt, &cat.events, err, sizeof err) != 0) {
        fprintf(stderr, "conflictmap: %s\n", err);
        catalog_free(&cat);
        return 2;
    }
    filter_apply(&filt, &cat.events);
    cm_when when;
    app_when(&o, &cat, &when);
    int rc = 0;
    switch (o.mode) {
    case CM_MODE_LIST:
        rc = report_list(&cat, &when, stdout, err, sizeof err);
        if (rc) fprintf(stderr, "conflictmap: %s\n", err);
        break;
    case CM_MODE_QUERY: {
        /* "near" is a few pixels of the view the options describe, in map metres */
        cm_view v;
        app_window_view(&o, &cat, &v);
        rc = report_query(&cat, o.at_lon, o.at_lat, &when, o.radius_px / v.scale, stdout, err, sizeof err);
        if (rc) fprintf(stderr, "conflictmap: %s\n", err);
        break;
    }
    case CM_MODE_LOCATE: {
        cm_view v;
        double x, y;
        float sx, sy;
        app_window_view(&o, &cat, &v);
        if (catalog_project(&cat, o.at_lon, o.at_lat, &x, &y) != 0) {
            fprintf(stderr, "conflictmap: --locate: %g,%g cannot be projected to %s\n", o.at_lon, o.at_lat, cat.map_crs);
            rc = 1;
            break;
        }
        view_to_screen(&v, x, y, &sx, &sy);
        if (!isfinite(sx) || !isfinite(sy) || fabsf(sx) > 1e9f || fabsf(sy) > 1e9f) { /* no pixel an int can hold */
            fprintf(stderr, "conflictmap: --locate: %g,%g is too far from the view to have a pixel in %s\n", o.at_lon,
                    o.at_lat, cat.map_crs);
            rc = 1;
            break;
        }
        int inside = sx >= v.x0 && sy >= v.y0 && sx < v.x0 + v.w && sy < v.y0 + v.h;
        printf("{\"x\": %d, \"y\": %d, \"inside\": %s}\n", (int)sx, (int)sy, inside ? "true" : "false");
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "conflictmap: stdout: cannot write the answer (%s)\n", strerror(errno));
            rc = 1;
        }
        break;
    }
    case CM_MODE_EXPORT: {
        int *idx = NULL, n = export_shown(&cat, &when, &idx);
        rc = n < 0 || export_write(&cat, idx, n, o.export_path, o.force, err, sizeof err) != 0;
        if (n < 0) snprintf(err, sizeof err, "%s: out of memory", o.export_path);
        if (rc) fprintf(stderr, "conflictmap: %s\n", err);
        else printf("{\"events\": %d, \"format\": \"%s\"}\n", n, export_format_of(o.export_path) == CM_EXPORT_CSV ? "csv" : "geojson");
        free(idx);
        break;
    }
    case CM_MODE_RENDER:
        rc = app_render_png(&o, &cat, err, sizeof err);
        if (rc) fprintf(stderr, "conflictmap: %s\n", err);
        break;
    default:
        rc = app_run_window(&o, &cat, skipped);
        break;
    }
    catalog_free(&cat);
    return rc ? 1 : 0;
}
