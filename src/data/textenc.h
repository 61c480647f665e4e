/* textenc: what a text file is written in, and its conversion to UTF-8 with glibc's iconv.
 * Exports come as UTF-8 (with or without a byte order mark), as Windows-1252 (Excel on Windows
 * saving "CSV"), or as UTF-16 with a byte order mark (Excel's "Unicode text"); workbooks
 * (.xlsx, .xls) are recognised so that the user is told to save them as CSV. */
#ifndef CM_TEXTENC_H
#define CM_TEXTENC_H
#include <stddef.h>

typedef enum {
    CM_ENC_UTF8,        /* or undecided: ASCII so far */
    CM_ENC_UTF8_BOM,    /* EF BB BF, skipped */
    CM_ENC_UTF16LE,     /* FF FE */
    CM_ENC_UTF16BE,     /* FE FF */
    CM_ENC_XLSX,        /* a zip archive (Office Open XML workbook) */
    CM_ENC_XLS,         /* an OLE2 compound file (Excel 97-2003 workbook) */
    CM_ENC_CP1252
} cm_encoding;

/* From a file's first bytes. */
cm_encoding textenc_sniff(const unsigned char *b, size_t n);
/* Bytes of the byte order mark of enc (skipped before reading). */
size_t textenc_bom_len(cm_encoding enc);
/* The one-line advice for a workbook ("an Excel workbook (.xlsx), not a CSV file: ..."), or NULL. */
const char *textenc_workbook_message(cm_encoding enc);

/* UTF-16 text (after its byte order mark) to UTF-8, into *out (malloc'd, NUL-terminated, *outn
 * bytes). 0, or -1 on an invalid or cut sequence (*bad: its offset in the input). */
int textenc_utf16_to_utf8(const char *in, size_t n, cm_encoding from, char **out, size_t *outn, size_t *bad);

/* Windows-1252 text to UTF-8, into dst (malloc'd, grown). 0, or -1 for the five bytes
 * Windows-1252 leaves undefined (81 8D 8F 90 9D). */
int textenc_cp1252_to_utf8(const char *src, size_t n, char **dst, size_t *dstcap, size_t *dstlen);

#endif
