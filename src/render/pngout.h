/* pngout: writing a PNG so that a failure never leaves a file behind. The image is encoded
 * into memory with libpng (with optional text chunks: the view's command line, the data's
 * date), written to a temporary file beside the target with every write(2) checked, flushed
 * with fsync, closed (checked), and only then renamed into place. A full disk, a file-size
 * limit or an I/O error gives -1 and no file (neither the target nor the temporary). */
#ifndef CM_PNGOUT_H
#define CM_PNGOUT_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *key;   /* 1..79 Latin-1 letters, e.g. "Software", "conflictmap:args" */
    const char *text;  /* UTF-8; written as an iTXt chunk when it is not plain ASCII */
} cm_png_text;

/* Encodes w x h pixels of 8-bit RGB (rows `pitch` bytes apart) as a PNG in memory. *out is
 * malloc'd (free it). 0, or -1 with a message in err. */
int pngout_encode(const uint8_t *rgb, int w, int h, int pitch, const cm_png_text *texts, int ntexts,
                  unsigned char **out, size_t *outlen, char *err, size_t errlen);

/* Writes data[0..len) to path atomically (temporary file, every write checked, fsync,
 * rename). If noreplace, an existing path is left alone and is an error. 0, or -1 with
 * "PATH: cannot write the image (why)" in err and nothing left on disk. */
int pngout_write_file(const char *path, const unsigned char *data, size_t len, int noreplace, char *err, size_t errlen);

/* pngout_encode then pngout_write_file. */
int pngout_save(const char *path, const uint8_t *rgb, int w, int h, int pitch, const cm_png_text *texts, int ntexts,
                char *err, size_t errlen);

#endif
