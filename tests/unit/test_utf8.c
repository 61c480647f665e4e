/* test_utf8: the one UTF-8 decoder (base/utf8): a code point decoded strictly (no overlong
 * forms, no surrogates, nothing past U+10FFFF, nothing cut short), whole strings checked,
 * strings cut at a character boundary, and text cleaned for messages and JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#define U(s) ((const unsigned char *)(s))

/* s (n bytes) decodes to one character of length len and code point cp */
static void expect_char(const char *s, size_t n, int len, uint32_t cp)
{
    uint32_t got = 0xDEADBEEF;
    assert_int_equal(utf8_decode(U(s), n, &got), len);
    assert_int_equal(got, cp);
}

/* s (n bytes) does not start with a well-formed character, and is not valid text */
static void expect_bad(const char *s, size_t n)
{
    uint32_t got = 0xDEADBEEF;
    assert_int_equal(utf8_decode(U(s), n, &got), 0);
    assert_int_equal(got, 0xDEADBEEF); /* untouched */
    assert_false(utf8_valid(U(s), n));
}

static void test_decode_good(void **state)
{
    (void)state;
    expect_char("A", 1, 1, 'A');
    expect_char("\0", 1, 1, 0);
    expect_char("\x7F", 1, 1, 0x7F);
    expect_char("\xC2\x80", 2, 2, 0x80);             /* the least 2-byte character */
    expect_char("\xC3\xA9", 2, 2, 0xE9);             /* é */
    expect_char("\xDF\xBF", 2, 2, 0x7FF);
    expect_char("\xE0\xA0\x80", 3, 3, 0x800);        /* the least 3-byte character */
    expect_char("\xD8\xAF", 2, 2, 0x62F);            /* Arabic dal */
    expect_char("\xED\x9F\xBF", 3, 3, 0xD7FF);       /* just below the surrogates */
    expect_char("\xEE\x80\x80", 3, 3, 0xE000);       /* just above them */
    expect_char("\xEF\xBF\xBD", 3, 3, 0xFFFD);
    expect_char("\xF0\x90\x80\x80", 4, 4, 0x10000);  /* the least 4-byte character */
    expect_char("\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF); /* the last code point */
    /* only the first character is decoded */
    expect_char("\xC3\xA9xyz", 5, 2, 0xE9);
    assert_int_equal(utf8_decode(U("\xC3\xA9"), 2, NULL), 2);
    const char *mixed = "Latin \xC3\xA9 \xD8\xAF\xD9\x8A\xD8\xB1 \xE2\x82\xAC \xF0\x9F\x98\x80";
    assert_true(utf8_valid(U(mixed), strlen(mixed)));
    assert_true(utf8_valid(U(""), 0));
}

static void test_decode_overlong(void **state)
{
    (void)state;
    expect_bad("\xC0\x80", 2);         /* NUL in two bytes */
    expect_bad("\xC1\xBF", 2);         /* 0x7F in two bytes */
    expect_bad("\xE0\x80\x80", 3);     /* NUL in three */
    expect_bad("\xE0\x9F\xBF", 3);     /* 0x7FF in three */
    expect_bad("\xF0\x80\x80\x80", 4); /* NUL in four */
    expect_bad("\xF0\x8F\xBF\xBF", 4); /* 0xFFFF in four */
}

static void test_decode_surrogates_and_range(void **state)
{
    (void)state;
    expect_bad("\xED\xA0\x80", 3);     /* U+D800 */
    expect_bad("\xED\xBF\xBF", 3);     /* U+DFFF */
    expect_bad("\xF4\x90\x80\x80", 4); /* U+110000 */
    expect_bad("\xF7\xBF\xBF\xBF", 4); /* U+1FFFFF */
    expect_bad("\xF8\x88\x80\x80\x80", 5); /* no 5-byte forms */
    expect_bad("\xFF", 1);
    expect_bad("\xFE", 1);
}

static void test_decode_broken_sequences(void **state)
{
    (void)state;
    expect_bad("\x80", 1);             /* a continuation byte alone */
    expect_bad("\xBF" "A", 2);
    expect_bad("\xC3" "A", 2);         /* a lead byte followed by no continuation */
    expect_bad("\xE2\x82" "A", 3);
    expect_bad("\xF0\x9F\x98" "A", 4);
    /* truncated by the end of the input, even where a byte follows in memory */
    expect_bad("\xC3\xA9", 1);
    expect_bad("\xE2\x82\xAC", 2);
    expect_bad("\xE2\x82\xAC", 1);
    expect_bad("\xF0\x9F\x98\x80", 3);
    expect_bad("\xF0\x9F\x98\x80", 2);
    assert_int_equal(utf8_decode(U("A"), 0, NULL), 0); /* nothing to decode */
    /* valid text with a truncated last character */
    assert_false(utf8_valid(U("abc\xE2\x82"), 5));
    assert_false(utf8_valid(U("abc\xF0\x9F\x98"), 6));
    assert_false(utf8_valid(U("abc\xC3"), 4));
    assert_true(utf8_valid(U("abc\xE2\x82\xAC"), 6));
    /* a bad character in the middle */
    assert_false(utf8_valid(U("ab\xC0\x80" "cd"), 6));
    assert_false(utf8_valid(U("ab\xED\xA0\x80" "cd"), 7));
}

/* Cutting "a" + one character of k bytes + "z" at every byte inside the character keeps "a". */
static void cut_inside(const char *ch)
{
    char s[16];
    size_t k = strlen(ch);
    snprintf(s, sizeof s, "a%sz", ch);
    assert_int_equal(utf8_cut(s, 0), 0);
    assert_int_equal(utf8_cut(s, 1), 1); /* before the character */
    for (size_t n = 2; n <= k; n++) assert_int_equal(utf8_cut(s, n), 1); /* inside it */
    assert_int_equal(utf8_cut(s, 1 + k), 1 + k); /* after it */
    assert_int_equal(utf8_cut(s, 2 + k), 2 + k); /* the whole string */
    /* what a backspace leaves: the start of the last character */
    assert_int_equal(utf8_cut(s, 1 + k - 1), 1);
}

static void test_cut(void **state)
{
    (void)state;
    cut_inside("\xC3\xA9");         /* 2 bytes */
    cut_inside("\xE2\x82\xAC");     /* 3 bytes */
    cut_inside("\xF0\x9F\x98\x80"); /* 4 bytes */
    /* a string that starts inside a character stops at 0 */
    assert_int_equal(utf8_cut("\x82\xAC" "b", 1), 0);
    /* the cut prefix is valid text */
    const char *s = "\xD8\xAF\xD9\x8A\xD8\xB1 \xE2\x82\xAC\xF0\x9F\x98\x80";
    for (size_t n = 0; n <= strlen(s); n++) assert_true(utf8_valid(U(s), utf8_cut(s, n)));
}

static void test_excerpt(void **state)
{
    (void)state;
    char buf[8];
    utf8_excerpt(buf, sizeof buf, "abc");
    assert_string_equal(buf, "abc");
    utf8_excerpt(buf, sizeof buf, "a\nb\tc");
    assert_string_equal(buf, "a b c");
    utf8_excerpt(buf, sizeof buf, "abcdefghij"); /* 4 bytes kept, then "..." */
    assert_string_equal(buf, "abcd...");
    utf8_excerpt(buf, sizeof buf, "abc\xE2\x82\xAC" "defg"); /* the cut would fall inside the euro sign */
    assert_string_equal(buf, "abc...");
    utf8_excerpt(buf, sizeof buf, "ab\xF0\x9F\x98\x80" "xyz");
    assert_string_equal(buf, "ab...");
}

static void test_clean_and_repair(void **state)
{
    (void)state;
    char s[64];
    snprintf(s, sizeof s, "%s", "ok\n\xC3\xA9 \xC0\x80 \xED\xA0\x80 \xF4\x90\x80\x80 \x7F end\xE2\x82");
    utf8_clean(s);
    assert_string_equal(s, "ok \xC3\xA9 ?? ??? ????   end??");
    assert_true(utf8_valid(U(s), strlen(s)));

    const char bad[] = "Lat\xEDn \xC3\xA9 \xF0\x9F\x98";
    char *r = utf8_repair(bad, sizeof bad - 1);
    assert_non_null(r);
    assert_string_equal(r, "Lat\xEF\xBF\xBDn \xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    free(r);
    r = utf8_repair("", 0);
    assert_string_equal(r, "");
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_good),
        cmocka_unit_test(test_decode_overlong),
        cmocka_unit_test(test_decode_surrogates_and_range),
        cmocka_unit_test(test_decode_broken_sequences),
        cmocka_unit_test(test_cut),
        cmocka_unit_test(test_excerpt),
        cmocka_unit_test(test_clean_and_repair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
