/* utf8: the one UTF-8 decoder. Every reader's check on text (well-formed UTF-8, with no
 * overlong forms, no surrogates and nothing past U+10FFFF; yajl lets overlong forms through),
 * every cut of a string at a character boundary, and the cleaning of text for messages and
 * JSON go through here. */
#ifndef CM_UTF8_H
#define CM_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* The length (1..4) of the well-formed character at s[0..n), its code point in *cp when cp is
 * not NULL; 0 when s[0..n) does not start with one: an empty input, a stray continuation byte,
 * a lead byte past F4, an overlong form, a surrogate, a code point past U+10FFFF, or a sequence
 * cut short by the end of the input. */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* 1 when s[0..n) is well-formed UTF-8. */
int utf8_valid(const unsigned char *s, size_t n);

/* Where to cut s at most n bytes long at a whole character: the greatest i <= n such that s[i]
 * does not continue a character, so s[0..i) ends at a character boundary. s[n] must be readable
 * (n <= strlen(s)). utf8_cut(s, n - 1) is the start of the last character of s[0..n): what a
 * backspace leaves. */
size_t utf8_cut(const char *s, size_t n);

/* Copies at most n-1 bytes of src into dst for quoting in a one-line message: cut at a whole
 * character, control characters (a newline in a quoted CSV field) turned into spaces, "..."
 * when cut. */
void utf8_excerpt(char *dst, size_t n, const char *src);

/* Makes s one line of valid UTF-8 in place: control characters become spaces, bytes that are
 * not part of a well-formed character become '?' (a message cut in the middle of one). */
void utf8_clean(char *s);

/* A malloc'd copy of s[0..n) with every byte that is not part of a well-formed character
 * replaced by U+FFFD (a .dbf in an unknown code page, a Latin-1 directory name): text stays
 * text. NULL when out of memory. */
char *utf8_repair(const char *s, size_t n);

#endif
