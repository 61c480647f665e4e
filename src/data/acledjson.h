/* acledjson: ACLED records as the ACLED API gives them, in its envelope
 * {"status":200,"success":true,"data":[{...}, ...]} or as a bare array of records, told from
 * GeoJSON by their content. Each record is handed to the ACLED importer as a row whose header
 * is the records' keys, so both formats are read by the same code. */
#ifndef CM_ACLEDJSON_H
#define CM_ACLEDJSON_H
#include <stddef.h>

#include "data/csvread.h"

/* What a JSON file (its first 64 KiB) holds: 'A' ACLED records, 'U' UCDP GED records (the
 * GED API's "Result" array, or the answer around it), 0 anything else (GeoJSON). */
int acledjson_sniff(const char *path);
/* Calls fn with a header row (the keys of all records, in order of first appearance) and one
 * row per record (row->unit "record", row->line its number). Same contract as csv_read_opts. */
int acledjson_read(const char *path, const cm_csvopts *o, cm_csv_fn fn, void *ctx, char *err, size_t errlen);

#endif
