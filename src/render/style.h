/* style: the map's colours and type sizes in one place, so render tests and the legend
 * agree with what is drawn. A muted, print-like base (sea, land, borders) leaves the
 * strong colours for the event overlays drawn on top. */
#ifndef CM_STYLE_H
#define CM_STYLE_H
#include <SDL2/SDL.h>

#include "data/categories.h"
#include "data/profile.h"

/* The one way a colour of this file (0xRRGGBB) becomes an SDL_Color: opaque, or with alpha a. */
#define CM_RGB(hex) CM_RGBA(hex, 0xff)
#define CM_RGBA(hex, a) ((SDL_Color){((hex) >> 16) & 0xff, ((hex) >> 8) & 0xff, (hex) & 0xff, (a)})

#define CM_SEA 0xC9DCE8u
#define CM_NEIGHBOR_FILL 0xECEAE5u
#define CM_NEIGHBOR_EDGE 0xB9B4AAu
#define CM_GOV_EDGE 0xFFFFFFu
#define CM_COUNTRY_EDGE 0x5E5549u     /* the border of the map's country (the governorates' outline) */
#define CM_BUFFER_FILL 0xDCE3E6u      /* a buffer zone between forces (geodata STATUS "buffer") */
#define CM_BUFFER_EDGE 0x7D8E99u
#define CM_OCCUPIED_FILL 0xDDD6E3u   /* an area occupied by another state (geodata STATUS "occupied") */
#define CM_OCCUPIED_EDGE 0x6E5A80u
#define CM_OCCUPIED_LABEL 0x5A4870u
#define CM_CITY_DOT 0x2F2A25u
#define CM_LABEL_GOV 0x6B5E4Eu
#define CM_LABEL_COUNTRY 0x8C877Eu
#define CM_LABEL_CITY 0x24211Du
#define CM_PANEL_BG 0xFFFFFFu
#define CM_PANEL_TEXT 0x2B2B2Bu

/* Type sizes, in pixels at UI scale 1 (a control multiplies them by its UI scale): each text
 * of the map and its controls takes one of these. */
#define CM_TYPE_TICK 9      /* the timeline's scale figures */
#define CM_TYPE_CAPTION 10  /* small captions (LAYERS, SOURCES), badges, hints, the timeline's months */
#define CM_TYPE_SMALL 11    /* secondary text: the status strip, scale bar, notes, chips, region labels */
#define CM_TYPE_BODY 12     /* the text of panels, legends, popups and tooltips; city and sea labels */
#define CM_TYPE_LEAD 13     /* a line that leads a block: a tooltip's title, a search result */
#define CM_TYPE_SUBHEAD 14  /* a text box's placeholder; the largest city labels */
#define CM_TYPE_INPUT 15    /* what is typed in a text box; the event list's heading; country labels */
#define CM_TYPE_HEADING 16  /* a popup's heading; a panel's close button */
#define CM_TYPE_TITLE 17    /* an event's title in the details panel */
#define CM_TYPE_NAME_ALT 18 /* a region's name in its second script, in the details panel */
#define CM_TYPE_NAME 20     /* a region's name heading the details panel */
#define CM_TYPE_DATE 22     /* the date the map shows, in the date box */

#define CM_GOV_FILL_COUNT 4
/* Four sand tints; neighbouring governorates get different ones (see style_gov_fill). */
extern const Uint32 CM_GOV_FILLS[CM_GOV_FILL_COUNT];

/* How an event layer looks (colour, marker shape, area opacity, dashed outline): a row of the
 * table of layers in data/categories.h, where the colours and shapes are chosen. */
typedef cm_layer_look cm_layer_style;

/* Style of layer id (a cm_layer_id), NULL for base layers. */
const cm_layer_style *style_layer(int layer);

/* The fill of the governorate with ISO code iso: its tint in the map profile (geodata/profile.ini,
 * a four-colouring), tint 0 when the profile gives none. */
SDL_Color style_gov_fill(const cm_profile *p, const char *iso);

#endif
