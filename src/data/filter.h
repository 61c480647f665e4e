/* filter: which events an analyst wants to see beyond the date and the layers: free text (all
 * words, over every field of the record), an actor, event or sub-event types, a minimum of
 * reported fatalities, a source, the date's and the place's precision. The filter is plain
 * data (copyable, no pointers); filter_apply() marks the events it leaves out as hidden in the
 * store, and every view, count, list and export skips hidden events (events_each_shown,
 * events_weight), so they all obey one decision. No SDL here. */
#ifndef CM_FILTER_H
#define CM_FILTER_H
#include <stddef.h>
#include <stdint.h>

#include "data/events.h"

#define CM_FILTER_TEXT 256
#define CM_FILTER_WORDS 16
#define CM_FILTER_SUBS 16

typedef enum { CM_LOCF_ANY, CM_LOCF_EXACT, CM_LOCF_APPROX, CM_LOCF_REGION } cm_loc_filter;

typedef struct {
    /* as the user gave them (for the filter bar and the command line) */
    char text[CM_FILTER_TEXT];   /* words, all of which must appear somewhere in the record */
    char actor[128];             /* a part of actor1, actor2 or an associated actor's name */
    char types[256];             /* comma list: category ids, layer ids, ACLED type names, sub-event types */
    char source[128];            /* a part of a source's outlet */
    long min_fatal;              /* at least this many killed in some figure; 0 = no minimum */
    unsigned date_prec;          /* bit (1 << cm_precision) per precision kept; 0 = all */
    cm_loc_filter loc;
    /* compiled: folded (ASCII lower case) copies */
    char words[CM_FILTER_TEXT];  /* the words, NUL-separated */
    int nwords;
    char actor_f[128], source_f[128];
    uint32_t cats;               /* bit per cm_category named by types */
    char subs[CM_FILTER_SUBS][64]; /* sub-event types named by types, folded */
    int nsubs;
} cm_filter;

/* An empty filter: every event passes. */
void filter_init(cm_filter *f);
/* 1 when some part of the filter is set. */
int filter_active(const cm_filter *f);
/* Setters; each replaces that part (an empty string clears it). The ones that can fail
 * return -1 with a one-line message naming the value. */
void filter_set_text(cm_filter *f, const char *words);
void filter_set_actor(cm_filter *f, const char *name);
void filter_set_source(cm_filter *f, const char *outlet);
/* "battle,strike", "Explosions/Remote violence", "Air/drone strike", "strikes" (a layer). */
int filter_set_types(cm_filter *f, const char *list, char *err, size_t errlen);
int filter_set_min_fatalities(cm_filter *f, const char *n, char *err, size_t errlen);
/* "day,week,month,year" (any of them) and "exact" or "approximate". */
int filter_set_date_precision(cm_filter *f, const char *list, char *err, size_t errlen);
int filter_set_location_precision(cm_filter *f, const char *which, char *err, size_t errlen);
/* Sub-event types named by --type must be ACLED's or found in the data (so a typo is not a
 * silent empty map); 0, or -1 with a message. */
int filter_check_types(const cm_filter *f, const cm_events *s, char *err, size_t errlen);

/* 1 when the event passes the filter. */
int filter_match(const cm_filter *f, const cm_event *e);
/* Marks every event of the store hidden or not; returns how many pass. */
int filter_apply(const cm_filter *f, cm_events *s);

/* The largest number of people reported killed in the event's figures ("1,383 civilians
 * killed", "at least 5 killed", "12 deaths (estimates 10-15)", "3 reported fatalities"; a
 * wounded count does not count), with who reported it in *reporter; -1 when no figure gives one. */
long filter_fatalities(const cm_event *e, const char **reporter);
/* The ACLED event type name of an ACLED category ("Battles"), or NULL for the project's own. */
const char *filter_acled_type(cm_category c);
/* The category an ACLED event type names, or -1. */
int filter_acled_category(const char *type);

/* Sets the whole filter from one line, as the window's filter bar takes it: words (all must
 * appear), and type:T[,T] actor:NAME source:NAME killed:N prec:P[,P] place:exact|approximate,
 * a value with spaces in double quotes (actor:"Military Forces"). An unfinished part
 * ("killed:") is left unset. 0, or -1 with a message and f unchanged. */
int filter_parse(cm_filter *f, const char *line, char *err, size_t errlen);
/* The line filter_parse reads back as this filter. */
void filter_line(const cm_filter *f, char *buf, size_t n);
/* What the filter keeps, for people: 'text "x" · actor "y" · type battle · 10+ killed'; "" when empty. */
void filter_describe(const cm_filter *f, char *buf, size_t n);
/* The command-line options that give this filter (shell-quoted), e.g. "--text 'a b' --min-fatalities 10". */
void filter_args(const cm_filter *f, char *buf, size_t n);

#endif
