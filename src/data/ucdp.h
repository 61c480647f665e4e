/* ucdp: events from UCDP's Georeferenced Event Dataset (GED) as CSV, in every recent layout:
 * the official release (49 columns), Candidate releases, the API's (dates such as
 * 2013-07-24T00:00:00, flags as True/False), HDX's (a HXL hashtag row under the header) and
 * Excel re-saves (dates as 7/11/2026 0:00), and the GED API's JSON (see acledjson.h). type_of_violence 1 (state-based) and 2 (non-state)
 * are battles, 3 (one-sided) violence against civilians; deaths become a figure "best
 * (low-high)" reported by UCDP; date_prec widens the days an event covers (2-3: the week around
 * the day, 4: the month, 5: the year, unless date_start..date_end already says), where_prec
 * marks the place approximate; the sources are split into one per article (source_office,
 * source_date, source_headline, source_article), the headlines are the summary. The record is
 * kept as attributes (event_id, country, admin1, admin2, actor1, actor2, event_type). */
#ifndef CM_UCDP_H
#define CM_UCDP_H
#include <stddef.h>

#include "data/events.h"
#include "data/import.h"

int ucdp_is_header(char **names, int n);
/* 1 when a first row that is no header is a row of GED's standard 49 columns (some Candidate
 * releases were published without a header row): an integer id, dates in date_start and
 * date_end, numbers in latitude and longitude. */
int ucdp_is_headerless(char **first, int n);
/* Loads such a file with GED's standard column names. */
int ucdp_load_headerless(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen);
int ucdp_load(const char *path, cm_events *s, char *err, size_t errlen);
int ucdp_load_with(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen);
/* The same for the GED API's JSON records. */
int ucdp_load_json(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen);

#endif
