/* test_values: the importers' value helpers that replaced snprintf, strtod and strtol on the hot
 * path (data/import.c): import_join cuts exactly where snprintf would, import_utoa writes what
 * "%lu" writes, and import_double / import_int give what the strtod / strtol reading gives
 * (value bit for bit, and the same refusals) on random decimals of every length. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/import.h"

static void join_cuts_as_snprintf(void **state)
{
    (void)state;
    const char *parts[] = {"Armed clash", " in ", "\xD8\xAF\xD9\x8A\xD8\xB1", "", ", ", "Deir ez-Zor"};
    for (size_t cap = 1; cap < 48; cap++)
        for (int n = 0; n <= 6; n++) {
            char a[64], b[64];
            memset(a, 'x', sizeof a);
            memset(b, 'x', sizeof b);
            size_t k = import_join(a, cap, parts, n);
            char fmt[64] = "";
            for (int i = 0; i < n; i++) strcat(fmt, "%s");
            const char *p[6] = {"", "", "", "", "", ""};
            for (int i = 0; i < n; i++) p[i] = parts[i];
            snprintf(b, cap, fmt, p[0], p[1], p[2], p[3], p[4], p[5]);
            assert_memory_equal(a, b, cap);
            assert_int_equal(k, strlen(b));
        }
    char d[24], e[24];
    const unsigned long v[] = {0, 7, 10, 99, 100, 12345, 10000000, 4294967296UL, 18446744073709551615UL};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        size_t k = import_utoa(d, v[i]);
        snprintf(e, sizeof e, "%lu", v[i]);
        assert_string_equal(d, e);
        assert_int_equal(k, strlen(e));
    }
}

/* import_double as it read before its fast path: strtod */
static int ref_double(const char *s, double *out)
{
    while (*s == ' ') s++;
    if (!*s) return 1;
    char dot[64]; /* a decimal comma */
    const char *comma = strchr(s, ',');
    if (comma && !strchr(comma + 1, ',') && !strchr(s, '.') && strlen(s) < sizeof dot) {
        snprintf(dot, sizeof dot, "%s", s);
        dot[comma - s] = '.';
        s = dot;
    }
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))) return -1;
    for (const char *q = p; *q && *q != ' '; q++)
        if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' || *q == '-' || *q == '+')) return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ') end++;
    if (*end || errno == ERANGE || !isfinite(v)) return -1;
    *out = v;
    return 0;
}

/* import_int as it read before its fast path: strtol */
static int ref_int(const char *s, long lo, long hi, long *out)
{
    while (*s == ' ') s++;
    if (!*s) return 1;
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (*p < '0' || *p > '9') return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE) return -1;
    if (*end == '.') {
        end++;
        while (*end == '0') end++;
    }
    while (*end == ' ') end++;
    if (*end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static void numbers_as_strtod(void **state)
{
    (void)state;
    srand(7);
    static const char *const fixed[] = {"0", "-0", "+0", "-0.0", "5.", ".5", "-.5", "35,93", "1e5", "0x10", "1.5 ", " 1.5",
                                        "1 5", "12.0", "12.00 ", "12.5", "007", "99999999999999999999",
                                        "-9223372036854775808", "123456789012345678", "1234567890123456789",
                                        "0.1", "0.3", "36.123456789012", "1234567.89012345", "-", "+", "", " "};
    char b[64];
    for (int i = 0; i < 400000; i++) {
        if (i < (int)(sizeof fixed / sizeof fixed[0])) snprintf(b, sizeof b, "%s", fixed[i]);
        else {
            int n = 0, nd = 1 + rand() % 20, dot = rand() % (nd + 1);
            if (rand() % 3 == 0) b[n++] = rand() % 2 ? '-' : '+';
            for (int k = 0; k < nd; k++) {
                if (k == dot && k) b[n++] = '.';
                b[n++] = (char)('0' + (rand() % 4 ? rand() % 10 : 0));
            }
            if (rand() % 5 == 0) b[n++] = ' ';
            if (rand() % 50 == 0) b[n++] = 'x';
            b[n] = 0;
        }
        double a = 0, c = 0;
        int ra = import_double(b, &a), rc = ref_double(b, &c);
        if (ra != rc || (ra == 0 && memcmp(&a, &c, sizeof a) != 0))
            fail_msg("import_double(\"%s\"): %d %.17g, strtod: %d %.17g", b, ra, a, rc, c);
        long x = 0, y = 0;
        int ia = import_int(b, -1000000000000L, 1000000000000L, &x), iy = ref_int(b, -1000000000000L, 1000000000000L, &y);
        if (ia != iy || (ia == 0 && x != y)) fail_msg("import_int(\"%s\"): %d %ld, strtol: %d %ld", b, ia, x, iy, y);
        ia = import_int(b, 0, 3, &x), iy = ref_int(b, 0, 3, &y);
        if (ia != iy || (ia == 0 && x != y)) fail_msg("import_int(\"%s\", 0..3): %d %ld, strtol: %d %ld", b, ia, x, iy, y);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(join_cuts_as_snprintf),
        cmocka_unit_test(numbers_as_strtod),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
