/* view: the viewport, a map rectangle on screen looking at map coordinates (metres of the map
 * CRS): centre, scale in pixels per metre, and the conversions world <-> screen. Zoom levels
 * are web-map levels (z = log2(156543.03 / metres per pixel)), so "--zoom 7" means what it
 * means in Leaflet or QGIS's XYZ tiles, whatever the projection. */
#ifndef CM_VIEW_H
#define CM_VIEW_H

typedef struct {
    double cx, cy;      /* map coordinates at the centre of the map rectangle */
    double scale;       /* pixels per map metre */
    int x0, y0, w, h;   /* map rectangle on screen, in pixels */
} cm_view;

#define CM_ZOOM_MIN 3.0
#define CM_ZOOM_MAX 16.0

void view_to_screen(const cm_view *v, double x, double y, float *sx, float *sy);
void view_to_world(const cm_view *v, double sx, double sy, double *x, double *y);
/* Fits bbox (minx, miny, maxx, maxy) in the rectangle with a margin in pixels. */
void view_fit(cm_view *v, const double bbox[4], int margin);
/* Zooms by factor keeping the world point under screen (sx, sy) fixed. */
void view_zoom_at(cm_view *v, double factor, double sx, double sy);
/* Moves the map by (dx, dy) pixels, as a drag does. */
void view_pan(cm_view *v, double dx, double dy);
double view_zoom_level(const cm_view *v);
void view_set_zoom_level(cm_view *v, double z);
/* Visible world rectangle (minx, miny, maxx, maxy). */
void view_world_bbox(const cm_view *v, double out[4]);
/* 1 if the world bbox {minx, miny, maxx, maxy} reaches into the view. */
int view_sees_bbox(const cm_view *v, const double b[4]);

#endif
