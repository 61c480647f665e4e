/* acled: events from an ACLED export (CSV, the 31 columns of the data export tool). Dates as
 * "2025-07-16" or "16 July 2025"; time_precision 1/2/3 becomes day/week/month; geo_precision
 * above 1 marks the place approximate; event_type picks the layer; fatalities become a figure
 * reported by ACLED; notes the summary; source the sources. Rows without coordinates are kept
 * as events with no place on the map. */
#ifndef CM_ACLED_H
#define CM_ACLED_H
#include <stddef.h>

#include "data/csvread.h"
#include "data/events.h"

/* 1 when a CSV header is ACLED's. */
int acled_is_header(char **names, int n);
/* Appends the file's events to s; 0, or -1 with a message (nothing of the file is kept). */
int acled_load(const char *path, cm_events *s, char *err, size_t errlen);

#endif
