/* app: the application state and its modes: the window loop (input -> view changes ->
 * redraw only when something changed), the headless PNG render and --locate. All modes
 * share one way of making the first view, so --locate names the pixel the window shows. */
#ifndef CM_APP_H
#define CM_APP_H
#include "data/catalog.h"
#include "options.h"
#include "render/view.h"

/* Loads the catalog for the options; 0, or -1 with a message. With skipped non-NULL (the
 * window), an events file that cannot be read is left out instead, its one-line reason
 * appended to skipped (lines separated by newlines) and the rest loads. */
int app_load(const cm_options *o, cm_catalog *cat, char *err, size_t errlen, char *skipped, size_t skippedlen);
/* The view the map opens with at w x h pixels (the governorates fitted, or --center/--zoom). */
void app_initial_view(const cm_options *o, const cm_catalog *cat, int w, int h, cm_view *v);
/* The date or window the options ask for (default: the last date in the data). */
void app_when(const cm_options *o, const cm_catalog *cat, cm_when *w);
/* The map view of the window as it opens with these options (--size in window points, the
 * timeline strip below the map), so --locate names the pixel a click must hit. */
void app_window_view(const cm_options *o, const cm_catalog *cat, cm_view *v);
/* Draws the view to o->render_path; 0 or -1 with a message. */
int app_render_png(const cm_options *o, const cm_catalog *cat, char *err, size_t errlen);
/* Opens the window and runs until it is closed; the exit status. */
int app_run_window(const cm_options *o, cm_catalog *cat, const char *skipped);

#endif
