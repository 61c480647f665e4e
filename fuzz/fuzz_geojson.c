/* fuzz_geojson: the GeoJSON events reader (geojson_load) on arbitrary bytes. A failed load
 * must leave the store as it was and write a one-line message; a good one must give events
 * whose dates are in order. */
#include "fuzz_common.h"

#include "data/events.h"
#include "data/geojson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[600], err[1024];
    fz_write("in.geojson", data, size, path, sizeof path);
    cm_events s;
    memset(&s, 0, sizeof s);
    err[0] = 0;
    int rc = geojson_load(path, &s, err, sizeof err);
    if (rc != 0) {
        fz_check_message(err);
        if (s.n != 0) { fprintf(stderr, "failed load left %d events\n", s.n); abort(); }
    } else {
        for (int i = 0; i < s.n; i++) {
            const cm_event *e = &s.ev[i];
            if (!e->id || !e->title || e->last < e->first) { fprintf(stderr, "event %d inconsistent\n", i); abort(); }
        }
        events_index(&s);
    }
    events_free(&s);
    return 0;
}
