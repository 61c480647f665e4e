/* utf8: the one check every reader makes on text: well-formed UTF-8, with no overlong
 * forms, no surrogates and nothing past U+10FFFF (yajl lets overlong forms through). */
#ifndef CM_UTF8_H
#define CM_UTF8_H
#include <stddef.h>

/* 1 when s[0..n) is well-formed UTF-8. */
int utf8_valid(const unsigned char *s, size_t n);

/* Copies at most n-1 bytes of src into dst for quoting in a one-line message: cut at a whole
 * character, control characters (a newline in a quoted CSV field) turned into spaces, "..."
 * when cut. */
void utf8_excerpt(char *dst, size_t n, const char *src);

/* Makes s one line of valid UTF-8 in place: control characters become spaces, bytes that are
 * not part of a well-formed character become '?' (a message cut in the middle of one). */
void utf8_clean(char *s);

#endif
