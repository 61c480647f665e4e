/* report: the machine-readable answers of the headless modes, as JSON (yajl's generator):
 * --list (layers, feature counts, bounding boxes) and --query (what is at a place). */
#ifndef CM_REPORT_H
#define CM_REPORT_H
#include <stddef.h>
#include <stdio.h>

#include "data/catalog.h"

/* Both write a whole document or nothing: 0, or -1 with a one-line message in err (the
 * generator failed, or f could not take it all: a full disk, a closed pipe). */
/* Writes the --list document to f: layers with counts (all, and shown at w), date span. */
int report_list(const cm_catalog *c, const cm_when *w, FILE *f, char *err, size_t errlen);
/* Writes the --query document for (lon, lat) at w to f: the region, the country, the areas
 * that contain the place and the point events within radius_m map metres, each in full. */
int report_query(const cm_catalog *c, double lon, double lat, const cm_when *w, double radius_m, FILE *f, char *err,
                 size_t errlen);

/* What the panel and --query say about a place given as "region" (and any location_note of
 * the event), e.g. that the area marks the governorates concerned, not the exact extent. */
#define REPORT_REGION_NOTE "The area marks the governorates or areas concerned, not the exact extent."
#define REPORT_CLAIM_NOTE "A demand or claim: the area is not held on the ground."
void report_location_note(const cm_event *e, char *buf, size_t n);

#endif
