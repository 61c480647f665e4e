/* overlay: the event layers on the map. Areas are translucent fills with a clear outline
 * (dashed for zones); points are markers whose shape and colour say their layer, fading with
 * age; events at the same place stay at that place, as one marker with a count (a stack, listed
 * on click): nothing is ever moved away from where it happened; events
 * placed off the map (talks in far capitals) become badges at the map's edge pointing to their place.
 * The layout (where each marker and badge goes) is computed apart from drawing so that hit
 * tests use exactly what is drawn. */
#ifndef CM_OVERLAY_H
#define CM_OVERLAY_H
#include "render/scene.h"
#include "render/style.h"

typedef struct {
    int idx;              /* event index in the store */
    float x, y;           /* where the marker or badge centre is drawn */
    float px, py;         /* the true place on screen (differs when spread or a badge) */
    float weight;         /* 0.25..1, fading with age */
    int badge;            /* 1: off-map badge */
    SDL_FRect box;        /* the badge rectangle */
    int count;            /* events in it: 1 for a marker, more for a cluster bubble */
    int layer;            /* a cluster's most common layer */
    double wb[4];         /* a cluster's members' extent, map coordinates */
    int hidden;           /* a badge folded into an earlier one for the same place: that one's index + 1;
                           * -1: a marker not drawn (the heat view shows the points) */
    int more;             /* on a lead badge: how many more events it stands for */
    int stack;            /* a marker under an earlier one at the same place: that one's index + 1 */
    int nstack;           /* on a stack's top marker: the events at its place (itself included) */
} cm_mark;

/* Areas of kind "claim" (demanded or claimed, not held) are not filled: stripes this many
 * logical pixels apart and a dashed outline, so they never look like presence. */
#define CM_CLAIM_HATCH 9

/* Above this many markers in view, markers merge into clusters on a grid anchored in map
 * coordinates (so clusters stay put while panning and split as you zoom in). A cluster is a
 * ring divided by the layers of its events. The project's own curated categories (strikes to
 * statements) stay single markers above the clusters while there are no more of them in view
 * than CM_CLUSTER_AT. */
#define CM_CLUSTER_AT 250
#define CM_CLUSTER_CELL 46  /* logical pixels */

typedef struct cm_markpt cm_markpt; /* a visible point before layout (overlay.c) */

typedef struct {
    cm_mark *m;
    int n, cap;
    int *mix;             /* after clustering: mark j's events by layer at mix[j * CM_LAYER_COUNT + layer]; NULL otherwise */
    int mixcap;
    cm_markpt *pt;        /* the layout's working list of visible points, kept for the next frame */
    int ptcap;
} cm_marks;

/* The events of mark j by layer (a cluster's mix; NULL when there is none). */
const int *overlay_mix(const cm_marks *m, int j);

/* Markers whose places are this close on screen (logical pixels) are one stack: under two
 * pixels, about 2 km at the country view and metres when zoomed in. */
#define CM_STACK_PX 1.5f

/* Lays out the visible point events and badges of the scene: markers at their true places
 * (stacked where they coincide) or, when there are many, clusters. */
void overlay_layout(SDL_Renderer *r, const cm_scene *s, cm_marks *out);
void overlay_marks_free(cm_marks *m);
/* The screen boxes mark i of a layout covers when drawn (a badge, a marker, a cluster's ring,
 * a stack with the marker behind it and its count tag): at most 2, written to out; 0 for what
 * is not drawn (a folded badge, a marker under its stack's top, markers in the heat view).
 * Labels keep clear of these. */
int overlay_mark_boxes(SDL_Renderer *r, const cm_scene *s, const cm_marks *m, int i, SDL_FRect *out);
/* Area fills, drawn under the base edges. */
void overlay_draw_areas(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s);
/* Area outlines, drawn over the base edges. */
void overlay_draw_area_edges(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s);
/* Markers and badges from a layout. */
void overlay_draw_marks(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_marks *m);
/* One marker of a layer's shape, centred at (x, y), size in pixels, alpha 0..1. */
void overlay_marker(cm_vbuf *vb, cm_marker shape, float x, float y, float size, SDL_Color c, float alpha);
/* The same, hollow (white inside a thick outline of the colour): an event whose date is known
 * only to the week, month or year, so that it never reads as an event of that exact day. */
void overlay_marker_hollow(cm_vbuf *vb, cm_marker shape, float x, float y, float size, SDL_Color c, float alpha);
/* 1 when the event's date is less precise than a day (drawn hollow). */
int overlay_imprecise(const cm_event *e);
/* 1 when the event is drawn as an off-map badge rather than a marker (a curated off-map event). */
int overlay_is_offmap(const cm_scene *s, const cm_event *e);

#endif
