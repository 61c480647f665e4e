/* textenc: encodings of text files; see textenc.h. */
#include "data/textenc.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

cm_encoding textenc_sniff(const unsigned char *b, size_t n)
{
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return CM_ENC_UTF8_BOM;
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) return CM_ENC_UTF16LE;
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) return CM_ENC_UTF16BE;
    if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) return CM_ENC_XLSX;
    if (n >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return CM_ENC_XLS;
    return CM_ENC_UTF8;
}

size_t textenc_bom_len(cm_encoding enc)
{
    return enc == CM_ENC_UTF8_BOM ? 3 : enc == CM_ENC_UTF16LE || enc == CM_ENC_UTF16BE ? 2 : 0;
}

const char *textenc_workbook_message(cm_encoding enc)
{
    if (enc == CM_ENC_XLSX)
        return "a zip archive such as an Excel workbook (.xlsx), not a CSV file: open it in a spreadsheet and save "
               "it as \"CSV UTF-8 (comma delimited)\", then give that file";
    if (enc == CM_ENC_XLS)
        return "an Excel 97-2003 workbook (.xls), not a CSV file: open it in a spreadsheet and save it as "
               "\"CSV UTF-8 (comma delimited)\", then give that file";
    return NULL;
}

static int grow(char **out, size_t *cap, size_t need)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 4096;
    while (n < need) n *= 2;
    char *p = realloc(*out, n);
    if (!p) return -1;
    *out = p;
    *cap = n;
    return 0;
}

/* Runs iconv over in[0..n) appending to out; returns the bytes left unconverted (a cut
 * sequence at the end), or (size_t)-1 on an invalid sequence. */
static size_t run(iconv_t cd, const char *in, size_t n, char **out, size_t *outn, size_t *outcap)
{
    char *ip = (char *)in;
    size_t left = n;
    while (left) {
        if (grow(out, outcap, *outn + left * 2 + 16) != 0) return (size_t)-1;
        char *op = *out + *outn;
        size_t room = *outcap - *outn;
        size_t rc = iconv(cd, &ip, &left, &op, &room);
        *outn = (size_t)(op - *out);
        if (rc != (size_t)-1) break;
        if (errno == E2BIG) continue;
        if (errno == EINVAL) return left; /* cut at the end */
        return (size_t)-1;
    }
    return 0;
}

int textenc_utf16_to_utf8(const char *in, size_t n, cm_encoding from, char **out, size_t *outn, size_t *bad)
{
    *out = NULL;
    *outn = 0;
    *bad = 0;
    iconv_t cd = iconv_open("UTF-8", from == CM_ENC_UTF16BE ? "UTF-16BE" : "UTF-16LE");
    if (cd == (iconv_t)-1) return -1;
    size_t cap = 0;
    char *ip = (char *)in;
    size_t left = n;
    int rc = 0;
    while (left) {
        if (grow(out, &cap, *outn + left * 2 + 16) != 0) { rc = -1; break; }
        char *op = *out + *outn;
        size_t room = cap - *outn - 1;
        size_t r = iconv(cd, &ip, &left, &op, &room);
        *outn = (size_t)(op - *out);
        if (r != (size_t)-1) break;
        if (errno != E2BIG) { rc = -1; break; }
    }
    iconv_close(cd);
    if (rc == 0 && grow(out, &cap, *outn + 1) != 0) rc = -1;
    if (rc != 0) {
        *bad = (size_t)(ip - in);
        free(*out);
        *out = NULL;
        return -1;
    }
    (*out)[*outn] = 0;
    return 0;
}

int textenc_cp1252_to_utf8(const char *src, size_t n, char **dst, size_t *dstcap, size_t *dstlen)
{
    static iconv_t cd = (iconv_t)-1; /* opened once: glibc's CP1252 module is loaded on open */
    if (cd == (iconv_t)-1) {
        cd = iconv_open("UTF-8", "CP1252");
        if (cd == (iconv_t)-1) return -1;
    }
    iconv(cd, NULL, NULL, NULL, NULL);
    *dstlen = 0;
    size_t left = run(cd, src, n, dst, dstlen, dstcap);
    if (left != 0) return -1;
    if (grow(dst, dstcap, *dstlen + 1) != 0) return -1;
    (*dst)[*dstlen] = 0;
    return 0;
}
