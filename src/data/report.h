/* report: the machine-readable answers of the headless modes, as JSON (yajl's generator):
 * --list (layers, feature counts, bounding boxes) and --query (what is at a place). */
#ifndef CM_REPORT_H
#define CM_REPORT_H
#include <stdio.h>

#include "data/catalog.h"

/* Writes the --list document to f. 0 on success. */
int report_list(const cm_catalog *c, FILE *f);
/* Writes the --query document for (lon, lat) to f. 0 on success. */
int report_query(const cm_catalog *c, double lon, double lat, FILE *f);

#endif
