/* utf8: the one check every reader makes on text: well-formed UTF-8, with no overlong
 * forms, no surrogates and nothing past U+10FFFF (yajl lets overlong forms through). */
#ifndef CM_UTF8_H
#define CM_UTF8_H
#include <stddef.h>

/* 1 when s[0..n) is well-formed UTF-8. */
int utf8_valid(const unsigned char *s, size_t n);

#endif
