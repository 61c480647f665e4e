/* test_options: the command line read with getopt_long (src/options.c). "--opt value" and
 * "--opt=value" mean the same; options are never abbreviated (a unique prefix such as --rend
 * is refused with the full name as a hint, so scripts do not silently change meaning when an
 * option is added); a value given to a flag, a word that is no option, "--" and a missing
 * value are usage errors with one line naming the argument; argv is left in its order (the
 * command line is kept in rendered PNGs); parsing twice starts afresh. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "options.h"

#define ARGS(...) ((char *[]){"conflictmap", __VA_ARGS__, NULL})

static int argc_of(char **argv)
{
    int n = 0;
    while (argv[n]) n++;
    return n;
}

static cm_options o;
static char err[512];

static int parse(char **argv)
{
    err[0] = 0;
    return options_parse(argc_of(argv), argv, &o, err, sizeof err);
}

/* fails with a message that starts with `start` and holds `part` */
static void refused(char **argv, const char *start, const char *part)
{
    if (parse(argv) == 0) fail_msg("accepted: %s ...", argv[1]);
    if (strncmp(err, start, strlen(start)) != 0 || !strstr(err, part) || strchr(err, '\n'))
        fail_msg("message '%s' (wanted '%s...%s')", err, start, part);
}

static void test_equals_and_space(void **state)
{
    (void)state;
    assert_int_equal(parse(ARGS("--date=2025-07-16", "--render=a.png", "--size=640x400", "--layers=strikes,zones",
                                "--center=36.29,33.51", "--zoom=8", "--text=killed in", "--fade=7")), 0);
    cm_options a = o;
    assert_int_equal(parse(ARGS("--date", "2025-07-16", "--render", "a.png", "--size", "640x400", "--layers", "strikes,zones",
                                "--center", "36.29,33.51", "--zoom", "8", "--text", "killed in", "--fade", "7")), 0);
    assert_string_equal(a.date, o.date);
    assert_string_equal(a.render_path, o.render_path);
    assert_int_equal(a.mode, CM_MODE_RENDER);
    assert_int_equal(o.mode, CM_MODE_RENDER);
    assert_int_equal(a.w, 640);
    assert_int_equal(a.h, o.h);
    assert_string_equal(a.layers, o.layers);
    assert_true(a.has_center && a.has_zoom && a.zoom == o.zoom && a.center_lat == o.center_lat);
    assert_string_equal(a.text, "killed in");
    assert_int_equal(a.fade_days, 7);
    /* a value that looks like an option is still the value */
    assert_int_equal(parse(ARGS("--text", "--list", "--actor", "-h")), 0);
    assert_string_equal(o.text, "--list");
    assert_string_equal(o.actor, "-h");
    assert_int_equal(o.mode, CM_MODE_WINDOW);
    /* the checks of each value are the same either way */
    refused(ARGS("--zoom=99"), "--zoom '99': expected a number from 3 to 16", "");
    refused(ARGS("--zoom", "99"), "--zoom '99': expected a number from 3 to 16", "");
}

static void test_flags_and_modes(void **state)
{
    (void)state;
    assert_int_equal(parse(ARGS("-h")), 0);
    assert_int_equal(o.mode, CM_MODE_HELP);
    assert_int_equal(parse(ARGS("--help")), 0);
    assert_int_equal(o.mode, CM_MODE_HELP);
    assert_int_equal(parse(ARGS("--version")), 0);
    assert_int_equal(o.mode, CM_MODE_VERSION);
    assert_int_equal(parse(ARGS("--list", "--strict", "--heat", "--log-ui", "--no-default-events", "--fresh")), 0);
    assert_true(o.mode == CM_MODE_LIST && o.strict && o.heat && o.log_ui && o.no_default_events && o.fresh);
    assert_int_equal(parse(ARGS("--export", "x.csv", "--force")), 0);
    assert_true(o.force && o.mode == CM_MODE_EXPORT);
    assert_int_equal(parse(ARGS("--events", "a.geojson", "--events=b.csv")), 0);
    assert_int_equal(o.nevents, 2);
    assert_string_equal(o.events[1], "b.csv");
    refused(ARGS("--list", "--render", "x.png"), "--render: only one of", "");
}

static void test_no_abbreviations(void **state)
{
    (void)state;
    refused(ARGS("--rend", "x.png"), "--rend: unknown option", "--render");   /* a unique prefix */
    refused(ARGS("--rend=x.png"), "--rend: unknown option", "--render");
    refused(ARGS("--lis"), "--lis: unknown option", "--list");
    refused(ARGS("--no-def", "--list"), "--no-def: unknown option", "--no-default-events");
    refused(ARGS("--d", "2025"), "--d: unknown option", "see --help");        /* --date, --date-order, --date-precision */
    refused(ARGS("--f", "3"), "--f: unknown option", "see --help");
    refused(ARGS("--listing"), "--listing: unknown option", "see --help");
}

static void test_usage_errors(void **state)
{
    (void)state;
    refused(ARGS("--render"), "--render: needs a value", "");
    refused(ARGS("--list", "--date"), "--date: needs a value", "");
    refused(ARGS("--strict=1"), "--strict: takes no value", "");
    refused(ARGS("--nosuch"), "--nosuch: unknown option", "");
    refused(ARGS("--nosuch=3"), "--nosuch=3: unknown option", "");
    refused(ARGS("-x"), "-x: unknown option", "");
    refused(ARGS("-hx"), "-hx: unknown option", "");
    refused(ARGS("stray"), "stray: unknown option", "");
    refused(ARGS("--list", "stray"), "stray: unknown option", "");
    refused(ARGS("--list", "--"), "--: unknown option", "");
    refused(ARGS("--", "--list"), "--: unknown option", "");
    refused(ARGS("-"), "-: unknown option", "");
}

static void test_argv_kept_and_fresh(void **state)
{
    (void)state;
    char **argv = ARGS("--list", "stray", "--date", "2025-07-16");
    char *copy[6];
    memcpy(copy, argv, sizeof copy);
    refused(argv, "stray: unknown option (see --help)", "");
    for (int i = 0; i < 6; i++) assert_ptr_equal(argv[i], copy[i]); /* not permuted */
    assert_int_equal(parse(ARGS("--list")), 0);                      /* a second parse starts afresh */
    assert_int_equal(o.mode, CM_MODE_LIST);
    assert_int_equal(parse(ARGS("--date", "2025-07-16")), 0);
    assert_int_equal(o.mode, CM_MODE_WINDOW);
    assert_string_equal(o.date, "2025-07-16");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equals_and_space),
        cmocka_unit_test(test_flags_and_modes),
        cmocka_unit_test(test_no_abbreviations),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_argv_kept_and_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
