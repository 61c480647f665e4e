/* state: everything the window's user can change, in one plain struct, and the actions that
 * change it. SDL events are translated into these actions (ui/input.c); drawing only reads
 * the struct. No window is needed, so the actions are unit-tested directly. With a log
 * stream set, every user-visible change is written as one JSON line (--log-ui). */
#ifndef CM_UI_STATE_H
#define CM_UI_STATE_H
#include <stdint.h>
#include <stdio.h>

#include "data/catalog.h"
#include "render/view.h"

typedef enum { CM_REF_NONE, CM_REF_REGION, CM_REF_EVENT, CM_REF_TOWN } cm_ref_kind;

typedef struct {
    cm_ref_kind kind;
    int idx;                 /* governorate feature index, event index in the store, or town (cities feature) index */
} cm_ref;

typedef enum { CM_STEP_DAY, CM_STEP_WEEK, CM_STEP_MONTH } cm_step;

#define CM_UI_MAX_LIST 512      /* events a click on one place picks */
#define CM_UI_MAX_PICKS 16
#define CM_UI_MAX_RESULTS 10
#define CM_UI_SPEEDS 3

typedef struct {
    cm_ref ref;
    char label[256];
} cm_result;

typedef struct cm_ui {
    cm_catalog *cat;         /* layer visibility lives in the catalog's layers */
    cm_when when;
    int32_t span_a, span_b;  /* the timeline's axis: whole months around the data */
    int range_mode;          /* two handles: a window instead of a day */
    int playing, speed;      /* speed: index into ui_speed_days() */
    double play_carry;       /* fraction of a day accumulated while playing */
    cm_ref hover;
    int hover_count;         /* >1: the hover is a cluster (or a stack) of that many events */
    int hover_stack;         /* 1: a stack of events at one place; 2: a cluster at one place (both listed on click) */
    int hover_mix[CM_LAYER_COUNT]; /* a hovered cluster's events by layer */
    cm_ref sel;
    int *list;               /* what the panel lists: a region's events (all of them), or the picks of a click */
    int nlist, list_cap;
    int picking;             /* the list is "several things here: choose one" */
    float scroll;            /* panel scroll, pixels */
    int help;
    int heat;                /* point events as a density view */
    int legend_folded;       /* 1: the legend shows its header only, 0: open, as the user chose (K, a click,
                              * a saved view); -1 not chosen: folded where it would cover the country (ui/legend.c) */
    int search_open;
    char query[96];
    cm_result results[CM_UI_MAX_RESULTS];
    int nresults, result_sel;
    char toast[256];
    uint32_t toast_until;    /* ms tick when the toast disappears */
    FILE *log;               /* --log-ui: one JSON line per change, or NULL */
} cm_ui;

/* Sets up the state for the catalog at the given date or window. u is zeroed memory or a
 * state set up before (its list is kept for reuse). */
void ui_init(cm_ui *u, cm_catalog *cat, const cm_when *w, FILE *log);
/* Frees what the state holds (the list). */
void ui_free(cm_ui *u);
/* At most this many listed items are written in a --log-ui select line (its count is the true one). */
#define CM_UI_LOG_ITEMS 512
/* Days per second of each play speed, and its name. */
int ui_speed_days(int speed);
const char *ui_speed_name(int speed);

/* The areas shown now that contain map point (x, y), newest first (at most max); returns the
 * count. *region gets the governorate there, or -1. */
int ui_areas_at(const cm_ui *u, double x, double y, int *areas, int max, int *region);
/* A click on the map at (x, y), where points[] are the point events whose markers are under
 * the cursor as drawn (newest first): one marker selects its event; several are listed to
 * choose from; none selects the governorate; empty sea clears the selection. */
void ui_click_map(cm_ui *u, double x, double y, const int *points, int npoints);
void ui_select_event(cm_ui *u, int idx);
void ui_select_region(cm_ui *u, int gov);
void ui_clear_selection(cm_ui *u);
/* The events of governorate gov shown now, newest first, into u->list. */
void ui_list_region(cm_ui *u, int gov);
void ui_set_hover(cm_ui *u, cm_ref r);
/* Lists, to choose from, the events shown now (visible layers) that have no place on the map. */
void ui_list_unplaced(cm_ui *u);

void ui_toggle_layer(cm_ui *u, int layer);
/* Moves the date (or the window) by n steps. */
void ui_step(cm_ui *u, cm_step unit, int n);
/* Sets the day (one-day mode) or one end of the window (range mode: which 0 = start, 1 = end). */
void ui_set_day(cm_ui *u, int32_t day, int which);
void ui_set_range_mode(cm_ui *u, int on);
void ui_play(cm_ui *u, int on);
void ui_cycle_speed(cm_ui *u);
/* Advances playback by ms milliseconds; returns 1 when the date changed. Stops at the end. */
int ui_tick(cm_ui *u, double ms);

void ui_help(cm_ui *u, int on);
void ui_heat(cm_ui *u, int on);
/* Folds the legend to its header (on) or opens it again. */
void ui_legend_fold(cm_ui *u, int on);
void ui_search_open(cm_ui *u, int on);
/* Sets the search text and recomputes the results: governorates, then towns (by their names and
 * other spellings in aliases.tsv), then events. */
void ui_search_set(cm_ui *u, const char *text);
/* Picks result i: selects it and, for an event not shown at the current date, moves there; a
 * town is not selected (the caller flies there, ui_ref_place). */
void ui_search_pick(cm_ui *u, int i);

/* A short message shown over the map until now_ms + 4 s, and logged. */
void ui_toast(cm_ui *u, uint32_t now_ms, const char *kind, const char *msg);
/* Writes one JSON log line {"event": kind, ...fields} when logging; fields is raw JSON members or "". */
void ui_log(const cm_ui *u, const char *kind, const char *fields);

/* The map point an item is centred on (for flying there), and a bbox to fit when it is an area
 * or region ({0} for points). 0 on success. */
int ui_ref_place(const cm_ui *u, cm_ref r, double *x, double *y, double bbox[4]);
/* Display name of a reference (a governorate's name, an event title). */
const char *ui_ref_name(const cm_ui *u, cm_ref r);

#endif
