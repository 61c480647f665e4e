/* labels: the map's names (cities with their dots, regions, neighbouring countries, the
 * sea), placed without overlap, most important first: capitals and places with events on
 * the map win label space first, then the regions, then the other towns. Panels (the scene's
 * avoid boxes) and the markers, clusters, stacks and badges as drawn are obstacles the labels
 * make way for; markers not drawn (the heat view) are none. A region too small to hold its
 * name gets it beside, joined by a thin leader line. What was placed where can be recorded,
 * for tests and for the window. */
#ifndef CM_LABELS_H
#define CM_LABELS_H
#include "render/overlay.h"
#include "render/scene.h"

typedef enum { CM_LBL_TOWN, CM_LBL_REGION, CM_LBL_COUNTRY, CM_LBL_SEA } cm_label_kind;

#define CM_LABELS_MAX 256

typedef struct {
    cm_label_kind kind;
    int feature;          /* the feature of its layer (towns, governorates, countries); -1 for the sea */
    char text[64];        /* the first line as drawn */
    SDL_FRect box;        /* its text's box on screen */
    float ax, ay;         /* the place it names on screen (a town's dot, a region's label point) */
    int leader;           /* 1: drawn beside its region, joined to it by a line */
} cm_label;

typedef struct {
    cm_label l[CM_LABELS_MAX];
    int n;
} cm_labels;

/* Places and draws the labels, clear of what marks draws; records them in out unless it is NULL. */
void labels_draw(SDL_Renderer *r, const cm_scene *s, const cm_marks *marks, cm_labels *out);

#endif
