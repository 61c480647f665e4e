/* acled: events from ACLED data, as CSV exports of every layout in use since 2015 (the 31
 * columns of today's export tool, and the older ones with data_id, event_id_no_cnty,
 * ally_actor_1, gwno, text inter1 and no actor2), with column names in any case, and as the
 * JSON of ACLED's API (see acledjson.h). Dates in any style exports and spreadsheets write
 * (see date_parse_styled; numeric ones take their day/month order from the whole column);
 * time_precision 1/2/3 becomes day/week/month; geo_precision above 1 marks the place
 * approximate; event_type (today's six, and the pre-2019 types mapped onto them) picks the
 * layer; fatalities become a figure reported by ACLED; notes the summary; source the sources.
 * The full record is kept as attributes (event_id, country, admin1..3, actors, interaction,
 * types, civilian_targeting, tags, source_scale). Rows without coordinates are kept as events
 * with no place on the map; rows that cannot be used are skipped and reported (import.h). */
#ifndef CM_ACLED_H
#define CM_ACLED_H
#include <stddef.h>

#include "data/csvread.h"
#include "data/events.h"
#include "data/import.h"

/* 1 when a CSV header (names in lower case) is ACLED's. */
int acled_is_header(char **names, int n);
/* The layer of an ACLED event_type (any case; pre-2019 types too); 0, or -1 when unknown. */
int acled_event_type(const char *type, cm_category *out);
/* Appends the file's events to s; 0, or -1 with a message (nothing of the file is kept). The
 * import state im (NULL: strict, a fresh state) holds the options, the summary and rejects. */
int acled_load(const char *path, cm_events *s, char *err, size_t errlen);
int acled_load_with(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen);
/* The same for ACLED API JSON. */
int acled_load_json(const char *path, cm_events *s, cm_import *im, char *err, size_t errlen);

#endif
