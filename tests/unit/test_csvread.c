/* test_csvread: the CSV reader's fast path (data/csvread.c) gives what libcsv alone gives (the
 * oracle option): every fixture CSV under tests/ and about forty awkward files (quotes, ""
 * escapes, CRLF, lone CR, blank lines, a byte order mark, ragged rows, rows across the 64 KiB
 * block boundary, no final newline, NUL bytes, invalid UTF-8, very long fields, ...) are read
 * both ways, with and without the rows' raw text, and everything delivered must be the same
 * byte for byte. Also checks that the fast path is taken at all (a plain file is split by it). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"
#include "csvdiff.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads path both ways (raw text kept and not, the caller stopping early or not, with given
 * column names or not) and fails on the first difference, showing both. */
static void same_both_ways(const char *path)
{
    static const char *const names[] = {"a", "b", "c"};
    for (int mode = 0; mode < 4; mode++) {
        int keep = mode & 1;
        long stop = mode == 2 ? 3 : 0;
        int nn = mode == 3 ? 3 : 0;
        char *fast = csvdiff_read(path, 0, keep, nn ? names : NULL, nn, stop);
        char *slow = csvdiff_read(path, 1, keep, nn ? names : NULL, nn, stop);
        if (strcmp(fast, slow) != 0) {
            size_t i = 0;
            while (fast[i] && fast[i] == slow[i]) i++;
            size_t from = i > 200 ? i - 200 : 0;
            print_error("%s (mode %d): the fast path differs from libcsv at byte %zu\n--- libcsv:\n%.400s\n--- fast:\n%.400s\n",
                        path, mode, i, slow + from, fast + from);
            fail();
        }
        free(fast);
        free(slow);
    }
}

static int nfixtures;

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) walk(p);
        else {
            size_t n = strlen(e->d_name);
            const char *ext = n > 4 ? e->d_name + n - 4 : "";
            if (!strcmp(ext, ".csv") || !strcmp(ext, ".tsv") || !strcmp(ext, ".txt")) {
                same_both_ways(p);
                nfixtures++;
            }
        }
    }
    closedir(d);
}

static void fixtures_same(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests", env("CM_SRC"));
    walk(dir);
    print_message("%d fixture files read both ways\n", nfixtures);
    assert_true(nfixtures >= 50);
}

static const char *write_case(const char *name, const char *bytes, size_t n)
{
    const char *p = outfile(name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
    return p;
}

#define CASE(name, bytes) {name, bytes, sizeof bytes - 1} /* NUL bytes inside included */
static const struct { const char *name, *bytes; size_t n; } CASES[] = {
    CASE("plain", "a,b,c\n1,2,3\n4,5,6\n"),
    CASE("quoted", "a,b,c\n\"1,x\",\"2\",3\n\"\",\"\",\"\"\n"),
    CASE("escapes", "a,b,c\n\"say \"\"hi\"\"\",\"\"\"\",\"x\"\"\"\n"),
    CASE("crlf", "a,b,c\r\n1,2,3\r\n4,\"5\",6\r\n"),
    CASE("lone_cr", "a,b,c\n1,2\r3,4\n5,6,7\n"),
    CASE("cr_only", "a,b,c\r1,2,3\r4,5,6\r"),
    CASE("cr_cr_lf", "a,b,c\r\r\n1,2,3\r\r\n"),
    CASE("blank_lines", "a,b,c\n\n1,2,3\n\r\n\n4,5,6\n\n"),
    CASE("space_lines", "a,b,c\n   \n1,2,3\n \t \n4,5,6\n"),
    CASE("bom", "\xEF\xBB\xBF" "a,b,c\n1,2,3\n"),
    CASE("ragged", "a,b,c\n1,2\n1,2,3,4\n,\n1,2,3\n"),
    CASE("no_final_newline", "a,b,c\n1,2,3\n4,5,6"),
    CASE("no_final_newline_quoted", "a,b,c\n1,2,3\n4,5,\"6\""),
    CASE("nul", "a,b,c\n1,2\0x,3\n4,5,6\n"),
    CASE("nul_quoted", "a,b,c\n1,\"2\0x\",3\n4,5,6\n"),
    CASE("cp1252", "a,b,c\n1,caf\xE9,3\n4,na\xEFve,6\n"),
    CASE("utf8_then_bad", "a,b,c\n1,caf\xC3\xA9,3\n4,na\xEFve,6\n"),
    CASE("bad_utf8_quoted", "a,b,c\n1,\"caf\xE9\",3\n"),
    CASE("unterminated", "a,b,c\n1,\"2,3\n4,5,6\n"),
    CASE("quote_in_unquoted", "a,b,c\n1,2\"x,3\n4,5,6\n"),
    CASE("text_after_quote", "a,b,c\n1,\"2\"x,3\n4,5,6\n"),
    CASE("space_then_quote_after", "a,b,c\n1,\"2\" \"x\",3\n"),
    CASE("spaces", "a , b ,c\n  1 ,\t2\t, 3  \n \"4\" , \" 5 \",6 \n"),
    CASE("semicolon", "a;b;c\n1;\"2;x\";3\n 4 ; 5 ;6\n"),
    CASE("tab", "a\tb\tc\n1\t 2 \t3\n\t\t\n \t\"x\"\t\n"),
    CASE("quoted_newline", "a,b,c\n1,\"two\nlines\",3\n4,5,6\n"),
    CASE("quoted_crlf_newline", "a,b,c\r\n1,\"two\r\nlines\",3\r\n4,5,6\r\n"),
    CASE("empty_rows", "a,b,c\n,,\n1,2,3\n, ,\n\"\",,\n"),
    CASE("hxl", "a,b,c\n#x,#y,\n1,2,3\n"),
    CASE("index_col", "a,b,c\n1,x,y,z\n2,x,y,z\n"),
    CASE("leading_sep", "a,b,c\n,2,3\n,,3\n"),
    CASE("header_only", "A, B ,c\n"),
    CASE("header_upper", " Event_Date ,\"Event Type\"\n2020-01-01,x\n"),
    CASE("quoted_empty_last", "a,b,c\n1,2,\"\"\n1,2,\n"),
    CASE("quote_space_quote", "a,b,c\n\"1\"  ,2,3\n\"1\"\t,2,3\n"),
    CASE("lf_cr", "a,b,c\n\r1,2,3\n\r\n"),
    CASE("utf8_valid", "a,b,c\n\xD8\xB3\xD9\x88\xD8\xB1,\"\xD9\x8A\xD8\xA9\",3\n"),
    CASE("utf16", "\xFF\xFE" "a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0"),
    CASE("only_spaces_then_row", "a,b,c\n  \n1,2,3\n"),
    CASE("cr_then_open_quote", "a,b,c\n1,2,3\r\"x\ny,z\",2,3\n4,5,6\n"),
    CASE("cr_then_quote_plain_lines", "a,b,c\n1,2,3\r\"x\n4,5,6\n\",8,9\n"),
    CASE("cr_then_quote_crlf", "a,b,c\r\n1,2,3\r\"x\r\ny\",2,3\r\n4,5,6\r\n"),
    CASE("quote_in_quoted_cr", "a,b,c\n1,\"x\ry\",3\n"),
};

static void awkward_same(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "csvread_%s.csv", CASES[i].name);
        same_both_ways(write_case(name, CASES[i].bytes, CASES[i].n));
    }
}

/* Generated files: rows of every length across the 64 KiB blocks, quoted and not; very long
 * fields (past CM_CSV_MAX_FIELD, quoted and not); more columns than CM_CSV_MAX_COLS. */
static void generated_same(void **state)
{
    (void)state;
    size_t cap = 3 << 20, n = 0;
    char *b = malloc(cap);
    assert_non_null(b);
    n += (size_t)sprintf(b + n, "id,text,notes\n");
    for (int i = 0; n < 300000; i++) {
        int len = (i * 37) % 700;
        n += (size_t)sprintf(b + n, i % 3 ? "%d,\"" : "%d,", i);
        for (int k = 0; k < len; k++) b[n++] = (char)('a' + (i + k) % 26);
        n += (size_t)sprintf(b + n, i % 3 ? "\",n%d\n" : ",\"n \"\"%d\"\"\"\n", i);
    }
    same_both_ways(write_case("csvread_blocks.csv", b, n));

    for (int quoted = 0; quoted < 2; quoted++) { /* a field over the cap, then ordinary rows */
        n = (size_t)sprintf(b, "a,b,c\n1,%s", quoted ? "\"" : "");
        memset(b + n, 'x', CM_CSV_MAX_FIELD + 10);
        n += CM_CSV_MAX_FIELD + 10;
        n += (size_t)sprintf(b + n, "%s,3\n4,5,6\n7,8,9\n", quoted ? "\"" : "");
        same_both_ways(write_case(quoted ? "csvread_long_quoted.csv" : "csvread_long.csv", b, n));
    }
    n = (size_t)sprintf(b, "a,b\n"); /* a long row that is not over the cap: a line of 200 KiB */
    n += (size_t)sprintf(b + n, "1,");
    memset(b + n, 'y', 200000);
    n += 200000;
    n += (size_t)sprintf(b + n, "\n2,3\n");
    same_both_ways(write_case("csvread_long_line.csv", b, n));

    n = 0; /* 600 columns */
    for (int i = 0; i < 600; i++) n += (size_t)sprintf(b + n, "%sc%d", i ? "," : "", i);
    b[n++] = '\n';
    for (int i = 0; i < 600; i++) n += (size_t)sprintf(b + n, "%s%d", i ? "," : "", i);
    b[n++] = '\n';
    same_both_ways(write_case("csvread_wide.csv", b, n));
    n = (size_t)sprintf(b, "a,b\n"); /* a header of 2 and a row of 600 */
    for (int i = 0; i < 600; i++) n += (size_t)sprintf(b + n, "%s%d", i ? "," : "", i);
    b[n++] = '\n';
    same_both_ways(write_case("csvread_wide_row.csv", b, n));
    free(b);
}

/* The fast path is taken: of a plain file (quoted fields included) every row but the one
 * across each 64 KiB block boundary is split by it; with the oracle option, none. */
static int count_rows(const cm_csvrow *r, void *ctx, char *err, size_t errlen)
{
    (void)r, (void)err, (void)errlen;
    ++*(long *)ctx;
    return 0;
}

static void fast_path_taken(void **state)
{
    (void)state;
    size_t n = 0, cap = 4 << 20;
    char *b = malloc(cap);
    assert_non_null(b);
    n += (size_t)sprintf(b, "event_id_cnty,event_date,notes,latitude\n");
    for (int i = 0; n < cap - 200; i++)
        n += (size_t)sprintf(b + n, "SYR%d,2024-01-%02d,\"On that day, \"\"some\"\" event\",%d.5\r\n", i, 1 + i % 28, i % 90);
    const char *p = write_case("csvread_plain.csv", b, n);
    free(b);
    char err[512];
    long blocks = (long)(n >> 16) + 1;
    for (int oracle = 0; oracle < 2; oracle++) {
        cm_csvinfo info;
        long rows = 0;
        cm_csvopts o = {.info = &info, .oracle = oracle};
        assert_int_equal(csv_read_opts(p, &o, count_rows, &rows, err, sizeof err), 0);
        print_message("%s: %ld rows, %ld by the fast path\n", oracle ? "oracle" : "fast", rows, info.fast_rows);
        if (oracle) assert_int_equal(info.fast_rows, 0);
        else assert_true(info.fast_rows >= rows - blocks && info.fast_rows <= rows);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixtures_same),
        cmocka_unit_test(awkward_same),
        cmocka_unit_test(generated_same),
        cmocka_unit_test(fast_path_taken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
