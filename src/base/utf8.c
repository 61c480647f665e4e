/* utf8: the one UTF-8 decoder, and the checks, cuts and cleaning built on it; see utf8.h. */
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

static int continues(unsigned char c) { return (c & 0xC0) == 0x80; }

int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0) return 0;
    uint32_t c = s[0];
    if (c < 0x80) {
        if (cp) *cp = c;
        return 1;
    }
    size_t k; /* continuation bytes */
    uint32_t min;
    if ((c & 0xE0) == 0xC0) { k = 1; min = 0x80; c &= 0x1F; }
    else if ((c & 0xF0) == 0xE0) { k = 2; min = 0x800; c &= 0x0F; }
    else if ((c & 0xF8) == 0xF0) { k = 3; min = 0x10000; c &= 0x07; }
    else return 0; /* a continuation byte, or F8..FF */
    if (k >= n) return 0; /* cut short by the end */
    for (size_t j = 1; j <= k; j++) {
        if (!continues(s[j])) return 0;
        c = (c << 6) | (s[j] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    if (cp) *cp = c;
    return (int)k + 1;
}

int utf8_valid(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int k = utf8_decode(s + i, n - i, NULL);
        if (!k) return 0;
        i += (size_t)k;
    }
    return 1;
}

size_t utf8_cut(const char *s, size_t n)
{
    while (n && continues((unsigned char)s[n])) n--;
    return n;
}

void utf8_excerpt(char *dst, size_t n, const char *src)
{
    if (n == 0) return;
    size_t len = strlen(src), max = n - 1, cut = len;
    if (len > max) cut = utf8_cut(src, max > 3 ? max - 3 : 0);
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
        int k = utf8_decode((const unsigned char *)s + i, n - i, NULL);
        if (k) i += (size_t)k;
        else s[i++] = '?';
    }
}

char *utf8_repair(const char *s, size_t n)
{
    char *out = malloc(n * 3 + 1), *o = out;
    if (!out) return NULL;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int k = utf8_decode(u + i, n - i, NULL);
        if (k) {
            memcpy(o, u + i, (size_t)k);
            o += k;
            i += (size_t)k;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    *o = 0;
    return out;
}
