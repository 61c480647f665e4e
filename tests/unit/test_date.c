/* test_date: civil dates with precision (data/date): parsing, the days a date covers,
 * day-number conversions, formatting and month arithmetic. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "data/date.h"

static int32_t civil(int y, int m, int d) { return date_from_civil(y, m, d); }

/* Parses s, which must be valid, and checks its first day and precision. */
static void expect_parse(const char *s, int y, int m, int d, cm_precision prec)
{
    cm_date got = {.day = -12345, .prec = (cm_precision)-1};
    int rc = date_parse(s, &got);
    if (rc != 0) print_error("date_parse(\"%s\") failed\n", s);
    assert_int_equal(rc, 0);
    if (got.day != civil(y, m, d) || got.prec != prec)
        print_error("date_parse(\"%s\"): day %d prec %d, expected %d prec %d\n", s, (int)got.day, (int)got.prec,
                    (int)civil(y, m, d), (int)prec);
    assert_int_equal(got.day, civil(y, m, d));
    assert_int_equal(got.prec, prec);
}

static void test_parse_valid(void **state)
{
    (void)state;
    expect_parse("2025-07-16", 2025, 7, 16, CM_PREC_DAY);
    expect_parse("2025-07", 2025, 7, 1, CM_PREC_MONTH);
    expect_parse("2025", 2025, 1, 1, CM_PREC_YEAR);
    expect_parse("2024-02-29", 2024, 2, 29, CM_PREC_DAY); /* leap year */
    expect_parse("2000-02-29", 2000, 2, 29, CM_PREC_DAY); /* divisible by 400: leap */
    expect_parse("2025-12-31", 2025, 12, 31, CM_PREC_DAY);
    expect_parse("2025-01-01", 2025, 1, 1, CM_PREC_DAY);
    expect_parse("1970-01-01", 1970, 1, 1, CM_PREC_DAY);
}

static void test_parse_rejects(void **state)
{
    (void)state;
    static const char *bad[] = {
        "2025-02-30", "2024-02-30", "2025-02-29", "1900-02-29", /* no such day (1900 is not leap) */
        "2025-13-01", "2025-00", "2025-00-10", "2025-04-31", "2025-07-00", "2025-07-32",
        "25-07-16", "2025-7-16", "2025-07-1", "2025-07-16x", "2025-07x", "2025x",
        "", "abcd", "20250716", "2025/07/16", "2025-07/16", " 2025", "2025 ", "0999", "+202",
        "2025-0a", "2025-07-1a", "-025-07-16",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cm_date d = {0};
        int rc = date_parse(bad[i], &d);
        if (rc == 0) print_error("date_parse(\"%s\") accepted an invalid date (day %d)\n", bad[i], (int)d.day);
        assert_int_equal(rc, -1);
    }
}

static void expect_span(const char *s, int y0, int m0, int d0, int y1, int m1, int d1)
{
    cm_date d;
    assert_int_equal(date_parse(s, &d), 0);
    if (date_first(d) != civil(y0, m0, d0) || date_last(d) != civil(y1, m1, d1)) {
        char a[16], b[16];
        date_format_iso(date_first(d), a, sizeof a);
        date_format_iso(date_last(d), b, sizeof b);
        print_error("\"%s\" covers %s..%s, expected %04d-%02d-%02d..%04d-%02d-%02d\n", s, a, b, y0, m0, d0, y1, m1, d1);
    }
    assert_int_equal(date_first(d), civil(y0, m0, d0));
    assert_int_equal(date_last(d), civil(y1, m1, d1));
}

static void test_first_last(void **state)
{
    (void)state;
    expect_span("2025-07-16", 2025, 7, 16, 2025, 7, 16);
    expect_span("2025-07", 2025, 7, 1, 2025, 7, 31);
    expect_span("2024-02", 2024, 2, 1, 2024, 2, 29);
    expect_span("2025-02", 2025, 2, 1, 2025, 2, 28);
    expect_span("2025-04", 2025, 4, 1, 2025, 4, 30);
    expect_span("2025-12", 2025, 12, 1, 2025, 12, 31);
    expect_span("2025", 2025, 1, 1, 2025, 12, 31);
    expect_span("2024", 2024, 1, 1, 2024, 12, 31);
    cm_date d;
    assert_int_equal(date_parse("2024-02", &d), 0);
    assert_int_equal(date_last(d) - date_first(d) + 1, 29);
    assert_int_equal(date_parse("2024", &d), 0);
    assert_int_equal(date_last(d) - date_first(d) + 1, 366);
    assert_int_equal(date_parse("2025", &d), 0);
    assert_int_equal(date_last(d) - date_first(d) + 1, 365);
}

static void test_days_in_month(void **state)
{
    (void)state;
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) assert_int_equal(date_days_in_month(2025, m), n[m - 1]);
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2100, 2), 28);
}

static void test_civil_round_trip(void **state)
{
    (void)state;
    assert_int_equal(date_from_civil(1970, 1, 1), 0);
    assert_int_equal(date_from_civil(1970, 1, 2), 1);
    assert_int_equal(date_from_civil(1969, 12, 31), -1);
    assert_int_equal(date_from_civil(2000, 3, 1), 11017);
    int32_t expect = date_from_civil(1900, 1, 1);
    assert_int_equal(expect, -25567);
    long checked = 0;
    for (int y = 1900; y <= 2100; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= date_days_in_month(y, m); d++) {
                int32_t day = date_from_civil(y, m, d);
                if (day != expect) print_error("%04d-%02d-%02d is day %d, expected %d\n", y, m, d, (int)day, (int)expect);
                assert_int_equal(day, expect);
                int yy, mm, dd;
                date_to_civil(day, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    print_error("day %d -> %04d-%02d-%02d, expected %04d-%02d-%02d\n", (int)day, yy, mm, dd, y, m, d);
                assert_true(yy == y && mm == m && dd == d);
                char iso[16], want[32];
                date_format_iso(day, iso, sizeof iso);
                snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                assert_string_equal(iso, want);
                expect++;
                checked++;
            }
    assert_int_equal(checked, 73414); /* 201 years, 49 of them leap (2000 is, 1900 and 2100 not) */
    assert_int_equal(expect, date_from_civil(2101, 1, 1));
}

static void expect_format(const char *s, const char *text, const char *prec_text)
{
    cm_date d;
    char buf[64];
    assert_int_equal(date_parse(s, &d), 0);
    date_format(d, buf, sizeof buf);
    assert_string_equal(buf, text);
    date_format_prec(d, buf, sizeof buf);
    assert_string_equal(buf, prec_text);
}

static void test_format(void **state)
{
    (void)state;
    expect_format("2025-07-16", "16 July 2025", "2025-07-16");
    expect_format("2025-07", "July 2025", "2025-07");
    expect_format("2025", "2025", "2025");
    expect_format("2024-12-08", "8 December 2024", "2024-12-08");
    expect_format("2025-01", "January 2025", "2025-01");
    char buf[16];
    date_format_iso(0, buf, sizeof buf);
    assert_string_equal(buf, "1970-01-01");
    /* a short buffer is cut, not overrun */
    char tiny[6];
    memset(tiny, 'Z', sizeof tiny);
    cm_date d;
    assert_int_equal(date_parse("2025-07-16", &d), 0);
    date_format(d, tiny, sizeof tiny);
    assert_string_equal(tiny, "16 Ju");
}

static void expect_add(int y, int m, int d, int months, int ey, int em, int ed)
{
    int32_t got = date_add_months(date_from_civil(y, m, d), months);
    if (got != date_from_civil(ey, em, ed)) {
        char iso[16];
        date_format_iso(got, iso, sizeof iso);
        print_error("%04d-%02d-%02d %+d months = %s, expected %04d-%02d-%02d\n", y, m, d, months, iso, ey, em, ed);
    }
    assert_int_equal(got, date_from_civil(ey, em, ed));
}

static void test_add_months(void **state)
{
    (void)state;
    expect_add(2025, 1, 31, 1, 2025, 2, 28);
    expect_add(2024, 3, 31, -1, 2024, 2, 29);
    expect_add(2024, 1, 31, 1, 2024, 2, 29);
    expect_add(2025, 7, 16, 0, 2025, 7, 16);
    expect_add(2025, 7, 16, 6, 2026, 1, 16);
    expect_add(2025, 1, 15, -1, 2024, 12, 15);
    expect_add(2025, 3, 31, -13, 2024, 2, 29);
    expect_add(2024, 12, 31, 2, 2025, 2, 28);
    expect_add(2025, 5, 31, 1, 2025, 6, 30);
}


/* ---- the styles of exports and spreadsheets (date_parse_styled) ---- */

static void expect_styled(const char *s, cm_date_order order, int y, int m, int d)
{
    int32_t got = -12345;
    int rc = date_parse_styled(s, order, &got);
    if (rc != 0 || got != civil(y, m, d)) {
        char iso[16] = "-";
        if (rc == 0) date_format_iso(got, iso, sizeof iso);
        print_error("date_parse_styled(\"%s\", %d): rc %d, %s; expected %04d-%02d-%02d\n", s, (int)order, rc, iso, y, m, d);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(got, civil(y, m, d));
}

static void test_styled_valid(void **state)
{
    (void)state;
    /* the styles the issue lists, each on the day it means */
    expect_styled("2025-07-16", CM_ORDER_UNKNOWN, 2025, 7, 16);
    expect_styled("16 July 2025", CM_ORDER_UNKNOWN, 2025, 7, 16);
    expect_styled("16-July-2025", CM_ORDER_UNKNOWN, 2025, 7, 16);
    expect_styled("01-January-2015", CM_ORDER_UNKNOWN, 2015, 1, 1);
    expect_styled("9-May-20", CM_ORDER_UNKNOWN, 2020, 5, 9);
    expect_styled("09-May-2020", CM_ORDER_UNKNOWN, 2020, 5, 9);
    expect_styled("31-12-19", CM_ORDER_DMY, 2019, 12, 31);
    expect_styled("16/07/2025", CM_ORDER_DMY, 2025, 7, 16);
    expect_styled("7/16/2025", CM_ORDER_MDY, 2025, 7, 16);
    /* and their relatives */
    expect_styled("16 Jul 2025", CM_ORDER_UNKNOWN, 2025, 7, 16);
    expect_styled("16 jul. 2025", CM_ORDER_UNKNOWN, 2025, 7, 16) ;
    expect_styled("2025/07/16", CM_ORDER_UNKNOWN, 2025, 7, 16);
    expect_styled("2013-07-24T00:00:00", CM_ORDER_UNKNOWN, 2013, 7, 24);
    expect_styled("2025-07-16 00:00:00.000", CM_ORDER_UNKNOWN, 2025, 7, 16);
    expect_styled("7/11/2026 0:00", CM_ORDER_MDY, 2026, 7, 11);
    expect_styled("7/11/2026 0:00", CM_ORDER_DMY, 2026, 11, 7);
    expect_styled("16.07.2025", CM_ORDER_DMY, 2025, 7, 16);
    expect_styled("July 16, 2025", CM_ORDER_UNKNOWN, 2025, 7, 16);
    expect_styled("Sept 1 2025", CM_ORDER_UNKNOWN, 2025, 9, 1);
    expect_styled("29-Feb-24", CM_ORDER_UNKNOWN, 2024, 2, 29);
    expect_styled("1-Jan-70", CM_ORDER_UNKNOWN, 1970, 1, 1);  /* 70-99: 1900s */
    expect_styled("31-Dec-69", CM_ORDER_UNKNOWN, 2069, 12, 31); /* 00-69: 2000s */
    /* the same numbers, read both ways: the order decides, never a guess */
    expect_styled("05/07/2025", CM_ORDER_DMY, 2025, 7, 5);
    expect_styled("05/07/2025", CM_ORDER_MDY, 2025, 5, 7);
}

static void test_styled_rejects(void **state)
{
    (void)state;
    static const char *bad[] = {
        "", "16", "16 July", "July 2025", "32 July 2025", "29-Feb-25", "16 Juli 2025", "16 Ju 2025", "16 July 20255",
        "2025-02-30", "2025-7-16", "2025-07-16x", "16/07/2025x", "1Jul2024", "16-July 2025", "16 July-2025",
        "2025-07-16 x", "0/07/2025", "16/13/2025", "16/07/202", "nan", "1e3", "16//2025", "July 32, 2025",
        "31/02/2025", "16 Julyy 2025", "999-01-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t d = 0;
        int rc = date_parse_styled(bad[i], CM_ORDER_DMY, &d);
        if (rc == 0) print_error("date_parse_styled(\"%s\") accepted it (day %d)\n", bad[i], (int)d);
        assert_int_not_equal(rc, 0);
    }
    /* 13/07: day-first only; with the order month-first it is no date at all */
    int32_t d;
    assert_int_equal(date_parse_styled("13/07/2025", CM_ORDER_MDY, &d), -1);
    assert_int_equal(date_parse_styled("7/13/2025", CM_ORDER_DMY, &d), -1);
}

/* Numeric dates without an order are not read: the column must decide. */
static void test_styled_needs_order(void **state)
{
    (void)state;
    static const char *numeric[] = {"16/07/2025", "7/16/2025", "05/07/2025", "31-12-19", "7/11/2026 0:00", "16.07.2025"};
    for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++) {
        int32_t d = 777;
        assert_int_equal(date_parse_styled(numeric[i], CM_ORDER_UNKNOWN, &d), -2);
        assert_int_equal(d, 777);
    }
}

/* What one value says about its column's order. */
static void test_order_hint(void **state)
{
    (void)state;
    assert_int_equal(date_order_hint("16/07/2025"), CM_HINT_NUMERIC | CM_HINT_DMY);
    assert_int_equal(date_order_hint("31-12-19"), CM_HINT_NUMERIC | CM_HINT_DMY);
    assert_int_equal(date_order_hint("7/16/2025"), CM_HINT_NUMERIC | CM_HINT_MDY);
    assert_int_equal(date_order_hint("12/31/19 0:00"), CM_HINT_NUMERIC | CM_HINT_MDY);
    assert_int_equal(date_order_hint("05/07/2025"), CM_HINT_NUMERIC); /* either */
    assert_int_equal(date_order_hint("12/12/2025"), CM_HINT_NUMERIC);
    assert_int_equal(date_order_hint("13/13/2025"), CM_HINT_NUMERIC); /* neither: no help */
    assert_int_equal(date_order_hint("2025-07-16"), 0);
    assert_int_equal(date_order_hint("16 July 2025"), 0);
    assert_int_equal(date_order_hint(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_first_last),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_civil_round_trip),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_styled_valid),
        cmocka_unit_test(test_styled_rejects),
        cmocka_unit_test(test_styled_needs_order),
        cmocka_unit_test(test_order_hint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
