/* gen_acled: writes N synthetic events in ACLED's CSV export format, for benchmarks and
 * scale tests. Fixed seed, so the same N gives the same file. Points lie inside Syria's
 * governorates (rejection sampling against the real polygons), mostly around a few hundred
 * hotspots; dates run over two years with bursts; some notes have quotes, commas, newlines
 * and Arabic, as real exports do.
 * usage: gen_acled N OUT.csv [GEODATA_DIR] */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/catalog.h"
#include "data/date.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static double uni(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static double gauss(void)
{
    double u = uni() + 1e-12, v = uni();
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static const char *TYPES[][2] = {
    {"Battles", "Armed clash"}, {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
    {"Explosions/Remote violence", "Air/drone strike"}, {"Violence against civilians", "Attack"},
    {"Protests", "Peaceful protest"}, {"Riots", "Mob violence"}, {"Strategic developments", "Looting/property destruction"},
};
static const double WEIGHTS[] = {0.30, 0.20, 0.12, 0.14, 0.12, 0.05, 0.07};

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_acled N OUT.csv [GEODATA_DIR]\n");
        return 2;
    }
    long n = atol(argv[1]);
    const char *dir = argc > 3 ? argv[3] : CM_DATADIR "/geodata";
    cm_catalog cat;
    char err[512];
    if (catalog_load(&cat, dir, "EPSG:4326", err, sizeof err) != 0) {
        fprintf(stderr, "gen_acled: %s\n", err);
        return 1;
    }
    const cm_shapes *gov = &cat.layers[CM_LAYER_GOVERNORATES].shp;
    FILE *f = fopen(argv[2], "w");
    if (!f) { perror(argv[2]); return 1; }
    fputs("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
          "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
          "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n", f);
    /* hotspots inside Syria */
    enum { HOT = 300 };
    double hx[HOT], hy[HOT], hs[HOT];
    for (int i = 0; i < HOT;) {
        double x = 35.7 + uni() * 6.7, y = 32.3 + uni() * 5.0;
        if (geom_find_feature(gov, x, y) < 0) continue;
        hx[i] = x;
        hy[i] = y;
        hs[i++] = 0.02 + uni() * 0.15;
    }
    int32_t d0 = date_from_civil(2024, 1, 1), span = 731;
    int32_t bursts[24];
    for (int i = 0; i < 24; i++) bursts[i] = d0 + (int32_t)(uni() * span);
    for (long i = 0; i < n; i++) {
        double x, y;
        int g;
        do {
            if (uni() < 0.8) {
                int h = (int)(uni() * HOT);
                x = hx[h] + gauss() * hs[h];
                y = hy[h] + gauss() * hs[h];
            } else {
                x = 35.7 + uni() * 6.7;
                y = 32.3 + uni() * 5.0;
            }
        } while ((g = geom_find_feature(gov, x, y)) < 0);
        int32_t day = uni() < 0.35 ? bursts[(int)(uni() * 24)] + (int32_t)(uni() * 14) : d0 + (int32_t)(uni() * span);
        if (day >= d0 + span) day = d0 + span - 1;
        int yy, mm, dd;
        date_to_civil(day, &yy, &mm, &dd);
        double r = uni(), acc = 0;
        int t = 0;
        for (t = 0; t < 6; t++) if ((acc += WEIGHTS[t]) > r) break;
        static const char *MON[12] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December"};
        char date[40];
        if (i % 5 == 0) snprintf(date, sizeof date, "%d %s %d", dd, MON[mm - 1], yy);
        else snprintf(date, sizeof date, "%04d-%02d-%02d", yy, mm, dd);
        int tprec = uni() < 0.9 ? 1 : uni() < 0.5 ? 2 : 3;
        const char *adm = shapes_attr(gov, g, "NAME_EN");
        int fat = uni() < 0.6 ? 0 : (int)(fabs(gauss()) * 6);
        const char *note_kind = i % 97 == 0 ? "\"\"heavy\"\" fighting, with casualties;\nreports continue" : i % 53 == 0 ? "اشتباكات في المنطقة" : "Reported incident, details per source";
        fprintf(f, "SYR%ld,%s,%d,%d,Political violence,%s,%s,Actor A %d,,1,Actor B %d,,3,13,,760,Middle East,Syria,\"%s\",,,"
                "Place %d,%.4f,%.4f,%d,\"Source %d; Outlet %d\",National,\"On %s, %s.\",%d,,1700000000\n",
                i + 1, date, yy, tprec, TYPES[t][0], TYPES[t][1], (int)(uni() * 40), (int)(uni() * 40), adm, (int)(uni() * 5000), y, x,
                uni() < 0.85 ? 1 : 2, (int)(uni() * 300), (int)(uni() * 50), date, note_kind, fat);
    }
    fclose(f);
    catalog_free(&cat);
    return 0;
}
