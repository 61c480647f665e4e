/* ucdp: events from UCDP's Georeferenced Event Dataset (GED) as CSV. type_of_violence 1
 * (state-based) and 2 (non-state) are battles, 3 (one-sided) violence against civilians;
 * deaths become a figure "best (low-high)" reported by UCDP; date_prec and where_prec carry
 * into the dates' precision and the place's. */
#ifndef CM_UCDP_H
#define CM_UCDP_H
#include <stddef.h>

#include "data/events.h"

int ucdp_is_header(char **names, int n);
int ucdp_load(const char *path, cm_events *s, char *err, size_t errlen);

#endif
