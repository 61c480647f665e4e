/* test_profile: data/profile, the map profile read from the geodata directory: the shipped
 * Syria profile gives what the code used to hard-code (title, CRS, country, the sea label, the
 * four-colouring of the governorates); a map without profile.ini is generic; every bad line is
 * one error naming file:line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/catalog.h"
#include "data/profile.h"

/* The shipped profile holds what src/ named before issue 14, value for value. */
static void test_shipped_syria(void **state)
{
    (void)state;
    cm_profile p;
    char err[1024] = "";
    int rc = profile_load(env("CM_GEODATA"), &p, err, sizeof err);
    if (rc) print_error("%s\n", err);
    assert_int_equal(rc, 0);
    assert_non_null(p.path);
    assert_string_equal(p.name, "Syria");
    assert_string_equal(p.title, "Syria 2024-2025");
    assert_string_equal(p.crs, "EPSG:22770");
    assert_string_equal(p.region_kind, "governorate");
    assert_string_equal(p.country, "Syria");
    assert_string_equal(p.country_iso_a3, "SYR");
    assert_int_equal(p.nseas, 1);
    assert_true(p.seas[0].lon == 34.35 && p.seas[0].lat == 34.75);
    assert_string_equal(p.seas[0].line1, "Mediterranean");
    assert_string_equal(p.seas[0].line2, "Sea");
    /* the four-colouring style.c held */
    static const struct { const char *iso; int tint; } OLD[] = {
        {"SY-HL", 0}, {"SY-ID", 1}, {"SY-LA", 0}, {"SY-TA", 1}, {"SY-HM", 2}, {"SY-HI", 0},
        {"SY-RA", 1}, {"SY-DY", 2}, {"SY-HA", 0}, {"SY-RD", 1}, {"SY-DI", 3}, {"SY-QU", 2},
        {"SY-DR", 0}, {"SY-SU", 3},
    };
    assert_int_equal(p.ntints, 14);
    for (size_t i = 0; i < sizeof OLD / sizeof OLD[0]; i++) assert_int_equal(profile_tint(&p, OLD[i].iso), OLD[i].tint);
    assert_int_equal(profile_tint(&p, "GOLAN~"), 0);
    assert_int_equal(profile_tint(&p, NULL), 0);
    profile_free(&p);
}

/* With no --crs the catalog projects to the profile's CRS; the profile rides in the catalog. */
static void test_catalog_uses_profile(void **state)
{
    (void)state;
    cm_catalog c;
    char err[1024] = "";
    int rc = catalog_load(&c, env("CM_GEODATA"), NULL, err, sizeof err);
    if (rc) print_error("%s\n", err);
    assert_int_equal(rc, 0);
    assert_string_equal(c.map_crs, "EPSG:22770");
    assert_non_null(strstr(crs_target_name(c.ll2map), "Syria Lambert"));
    assert_string_equal(c.profile.country_iso_a3, "SYR");
    catalog_free(&c);
}

/* A scratch geodata directory: copies of the shipped shapefiles and the profile text given
 * (NULL: none). */
static const char *scratch(const char *name, const char *profile)
{
    static char dir[2048];
    snprintf(dir, sizeof dir, "%s/profile-%s", outdir(), name);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s' && cp '%s'/*.shp '%s'/*.shx '%s'/*.dbf '%s'/*.prj '%s'/*.cpg '%s'/",
             dir, dir, env("CM_GEODATA"), env("CM_GEODATA"), env("CM_GEODATA"), env("CM_GEODATA"), env("CM_GEODATA"), dir);
    assert_int_equal(run(cmd), 0);
    if (profile) {
        char path[2100];
        snprintf(path, sizeof path, "%s/profile.ini", dir);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(profile, f);
        assert_int_equal(fclose(f), 0);
    }
    return dir;
}

/* Without profile.ini: a generic map (Web Mercator, no name, no country), not an error. */
static void test_no_profile(void **state)
{
    (void)state;
    const char *dir = scratch("none", NULL);
    cm_catalog c;
    char err[1024] = "";
    int rc = catalog_load(&c, dir, NULL, err, sizeof err);
    if (rc) print_error("%s\n", err);
    assert_int_equal(rc, 0);
    assert_null(c.profile.path);
    assert_string_equal(c.map_crs, "EPSG:3857");
    assert_string_equal(c.profile.name, "");
    assert_string_equal(c.profile.region_kind, "region");
    assert_null(c.profile.country);
    assert_int_equal(c.profile.nseas, 0);
    catalog_free(&c);
}

/* Each bad profile fails catalog_load with one line naming profile.ini and the line. */
static void test_bad_profiles(void **state)
{
    (void)state;
    static const struct { const char *name, *text, *want; } CASES[] = {
        {"unknown-key", "name = X\ncolour = red\n", "profile.ini: line 2: unknown key 'colour'"},
        {"twice", "# c\n\nname = X\nname = Y\n", "profile.ini: line 4: 'name' is given twice"},
        {"no-equals", "name X\n", "profile.ini: line 1: expected 'key = value'"},
        {"no-value", "title =\n", "profile.ini: line 1: expected 'key = value', with both"},
        {"tint-range", "tint = SY-HL 4\n", "profile.ini: line 1: expected 'tint = ISO N' with N from 0 to 3"},
        {"tint-word", "tint = SY-HL one\n", "profile.ini: line 1: expected 'tint = ISO N'"},
        {"tint-twice", "tint = SY-HL 0\ntint = SY-HL 1\n", "profile.ini: line 2: 'SY-HL' has a tint already (line 1)"},
        {"tint-unknown", "tint = SY-HL 0\n\ntint = XX-YY 1\n", "profile.ini: line 3: 'XX-YY' is not a region code of"},
        {"sea-lat", "sea = 34 95 Sea\n", "profile.ini: line 1: expected 'sea = LON LAT label'"},
        {"sea-no-text", "sea = 34 35\n", "profile.ini: line 1: expected 'sea = LON LAT label'"},
        {"sea-three-lines", "sea = 34 35 A|B|C\n", "profile.ini: line 1: a sea label is one or two lines"},
        {"iso-a3", "country_iso_a3 = Syr\n", "profile.ini: line 1: country_iso_a3 'Syr' is not three capital letters"},
        {"kind-case", "region_kind = Governorate\n", "profile.ini: line 1: region_kind 'Governorate' must be lower case"},
        {"not-utf8", "name = caf\xe9\n", "profile.ini: line 1: not UTF-8 text"},
        {"bad-crs", "crs = EPSG:0\n", "profile.ini: crs 'EPSG:0':"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const char *dir = scratch(CASES[i].name, CASES[i].text);
        cm_catalog c;
        char err[2048] = "";
        int rc = catalog_load(&c, dir, NULL, err, sizeof err);
        if (rc == 0 || !strstr(err, CASES[i].want) || strchr(err, '\n'))
            print_error("case %s: rc %d, message '%s', expected '%s'\n", CASES[i].name, rc, err, CASES[i].want);
        assert_int_not_equal(rc, 0);
        assert_non_null(strstr(err, CASES[i].want));
        assert_null(strchr(err, '\n'));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_syria),
        cmocka_unit_test(test_catalog_uses_profile),
        cmocka_unit_test(test_no_profile),
        cmocka_unit_test(test_bad_profiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
