/* pngout: PNG encoded in memory, written with every call checked, fsync'd and renamed; see
 * pngout.h. */
#include "render/pngout.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    int oom;
} membuf;

static void mem_write(png_structp png, png_bytep data, png_size_t n)
{
    membuf *m = png_get_io_ptr(png);
    if (m->oom) return;
    if (m->len + n > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap < m->len + n) cap *= 2;
        unsigned char *nb = realloc(m->buf, cap);
        if (!nb) { m->oom = 1; png_error(png, "out of memory"); }
        m->buf = nb;
        m->cap = cap;
    }
    memcpy(m->buf + m->len, data, n);
    m->len += n;
}

static void mem_flush(png_structp png) { (void)png; }

#define PNG_MSG 200
/* libpng's message goes into the caller's buffer (the error pointer), read after the longjmp */
static void on_error(png_structp png, png_const_charp msg)
{
    char *out = png_get_error_ptr(png);
    if (out) snprintf(out, PNG_MSG, "%s", msg);
    png_longjmp(png, 1);
}
static void on_warning(png_structp png, png_const_charp msg) { (void)png; (void)msg; }

static int ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return 0;
    return 1;
}

int pngout_encode(const uint8_t *rgb, int w, int h, int pitch, const cm_png_text *texts, int ntexts,
                  unsigned char **out, size_t *outlen, char *err, size_t errlen)
{
    *out = NULL;
    *outlen = 0;
    if (w <= 0 || h <= 0 || !rgb) { snprintf(err, errlen, "no image to write"); return -1; }
    char png_msg[PNG_MSG] = "";
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, png_msg, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_textp tx = ntexts > 0 ? calloc((size_t)ntexts, sizeof *tx) : NULL;
    /* volatile: kept across the longjmp of a libpng error */
    membuf *volatile m = calloc(1, sizeof(membuf));
    if (!png || !info || !m || (ntexts > 0 && !tx)) {
        snprintf(err, errlen, "out of memory");
        png_destroy_write_struct(&png, &info);
        free(tx);
        free(m);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        snprintf(err, errlen, "cannot encode the image (%s)", png_msg);
        png_destroy_write_struct(&png, &info);
        free(tx);
        free(m->buf);
        free(m);
        return -1;
    }
    png_set_write_fn(png, m, mem_write, mem_flush);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    for (int i = 0; i < ntexts; i++) {
        tx[i].key = (png_charp)texts[i].key;
        tx[i].text = (png_charp)texts[i].text;
        tx[i].compression = ascii(texts[i].text) ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
    }
    if (ntexts > 0) png_set_text(png, info, tx, ntexts);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) png_write_row(png, (png_const_bytep)(rgb + (size_t)y * pitch));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(tx);
    *out = m->buf;
    *outlen = m->len;
    free(m);
    return 0;
}

int pngout_write_file(const char *path, const unsigned char *data, size_t len, int noreplace, char *err, size_t errlen)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp) { snprintf(err, errlen, "%s: cannot write the image (out of memory)", path); return -1; }
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    const char *why = NULL;
    int e = 0;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) { why = "cannot create it"; e = errno; }
    /* past a file-size limit write(2) would raise SIGXFSZ and kill us: it must fail instead */
    void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
    for (size_t done = 0; fd >= 0 && !why && done < len;) {
        ssize_t w = write(fd, data + done, len - done);
        if (w > 0) done += (size_t)w;
        else if (w < 0 && errno == EINTR) continue;
        else { why = "write failed"; e = w < 0 ? errno : ENOSPC; }
    }
    signal(SIGXFSZ, old == SIG_ERR ? SIG_DFL : old);
    if (fd >= 0 && !why && fsync(fd) != 0) { why = "fsync failed"; e = errno; }
    if (fd >= 0 && close(fd) != 0 && !why) { why = "close failed"; e = errno; }
    if (!why && noreplace) { /* link(2) fails on an existing name: nothing earlier is ever overwritten */
        if (link(tmp, path) == 0) unlink(tmp);
        else if (errno == EEXIST) { why = "it already exists"; e = 0; }
        else if (access(path, F_OK) == 0) { why = "it already exists"; e = 0; } /* no hard links here */
        else if (rename(tmp, path) != 0) { why = "rename failed"; e = errno; }
    } else if (!why && rename(tmp, path) != 0) { why = "rename failed"; e = errno; }
    if (why) {
        if (fd >= 0) unlink(tmp);
        if (e) snprintf(err, errlen, "%s: cannot write the image (%s: %s)", path, why, strerror(e));
        else snprintf(err, errlen, "%s: cannot write the image (%s)", path, why);
    }
    free(tmp);
    return why ? -1 : 0;
}

int pngout_save(const char *path, const uint8_t *rgb, int w, int h, int pitch, const cm_png_text *texts, int ntexts,
                char *err, size_t errlen)
{
    unsigned char *png;
    size_t len;
    char why[256];
    if (pngout_encode(rgb, w, h, pitch, texts, ntexts, &png, &len, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s: %s", path, why);
        return -1;
    }
    int rc = pngout_write_file(path, png, len, 0, err, errlen);
    free(png);
    return rc;
}
