/* utf8: checks that text is well-formed UTF-8; see utf8.h. */
#include "data/utf8.h"

#include <string.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF) */
int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t k;
        unsigned min;
        if ((c & 0xE0) == 0xC0) { k = 1; min = 0x80; c &= 0x1F; }
        else if ((c & 0xF0) == 0xE0) { k = 2; min = 0x800; c &= 0x0F; }
        else if ((c & 0xF8) == 0xF0) { k = 3; min = 0x10000; c &= 0x07; }
        else return 0;
        if (i + k >= n) return 0; /* fewer than k continuation bytes left */
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            c = (c << 6) | (s[i + j] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
        i += k + 1;
    }
    return 1;
}

void utf8_excerpt(char *dst, size_t n, const char *src)
{
    if (n == 0) return;
    size_t len = strlen(src), max = n - 1, cut = len;
    if (len > max) {
        cut = max > 3 ? max - 3 : 0;
        while (cut && ((unsigned char)src[cut] & 0xC0) == 0x80) cut--; /* not inside a character */
    }
    size_t i = 0;
    for (; i < cut; i++) dst[i] = (unsigned char)src[i] < 0x20 || src[i] == 0x7F ? ' ' : src[i];
    if (cut < len && i + 3 <= max) { memcpy(dst + i, "...", 3); i += 3; }
    dst[i] = 0;
}

void utf8_clean(char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) s[i] = ' ';
            i++;
            continue;
        }
        size_t k = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (k > 1 && i + k <= n && utf8_valid((const unsigned char *)s + i, k)) i += k;
        else s[i++] = '?';
    }
}
