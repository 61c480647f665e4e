/* labels: the map's names (cities with their dots, regions, neighbouring countries, the
 * sea), placed without overlap, most important first: capitals and places with events on
 * the map win label space first, then the regions, then the other towns. Panels (the scene's
 * avoid boxes) and the markers, clusters, stacks and badges as drawn are obstacles the labels
 * make way for; markers not drawn (the heat view) are none. A region's name lies wholly inside
 * it (both lines, crossing no border) or, when it does not fit, outside every region of the
 * map, joined to it by a visible leader line: on the sea or the map's empty edge where it can,
 * else on a neighbouring country's land in a framed callout, so that no name reads as that of
 * the land under it. What was placed where can be recorded, for tests and for the window. */
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
    SDL_FRect box;        /* its text's box on screen (with its frame, for a callout) */
    float ax, ay;         /* the place it names on screen (a town's dot, a region's label point;
                           * for a leader, the line's end inside its region) */
    int leader;           /* 1: outside its region, joined to it by a line; 2: the same, in a framed callout */
    float lx, ly;         /* a leader's other end, at the label */
} cm_label;

typedef struct {
    cm_label l[CM_LABELS_MAX];
    int n;
} cm_labels;

/* Places and draws the labels, clear of what marks draws; records them in out unless it is NULL. */
void labels_draw(SDL_Renderer *r, const cm_scene *s, const cm_marks *marks, cm_labels *out);

#endif
