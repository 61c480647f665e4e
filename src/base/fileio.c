/* fileio: opening input without blocking; regular files, or pipes read once; see fileio.h. */
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* the last pipe read whole, by identity (device and inode), so a second open finds it */
static struct {
    dev_t dev;
    ino_t ino;
    unsigned char *data;
    size_t len;
    int set;
} cache;

void fileio_forget(void)
{
    free(cache.data);
    memset(&cache, 0, sizeof cache);
}

static int fail(char *err, size_t errlen, const char *path, const char *why)
{
    snprintf(err, errlen, "%s: %s", path, why);
    return -1;
}

/* Opens without blocking and fstat's; the descriptor, or -1 with err set. */
static int open_nb(const char *path, const char *what, struct stat *st, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == EISDIR) snprintf(err, errlen, "%s: is a directory, not a regular file (expected %s)", path, what);
        else snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (S_ISDIR(st->st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a regular file (expected %s)", path, what);
        close(fd);
        return -1;
    }
    return fd;
}

/* Reads a pipe to its end into memory: at most CM_FILEIO_MAX_PIPE bytes, and an error when it
 * stays silent for CM_FILEIO_PIPE_IDLE_MS. A FIFO with no writer reads as empty at once. */
static int slurp(int fd, const char *path, unsigned char **out, size_t *outlen, char *err, size_t errlen)
{
    size_t cap = 65536, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) return fail(err, errlen, path, "out of memory");
    for (;;) {
        if (n == cap) {
            if (cap >= CM_FILEIO_MAX_PIPE) {
                free(buf);
                snprintf(err, errlen, "%s: a pipe of more than %zu bytes, the most read from one", path, CM_FILEIO_MAX_PIPE);
                return -1;
            }
            cap *= 2;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) { free(buf); return fail(err, errlen, path, "out of memory"); }
            buf = nb;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got > 0) { n += (size_t)got; continue; }
        if (got == 0) break;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            struct pollfd p = {.fd = fd, .events = POLLIN};
            int r = poll(&p, 1, CM_FILEIO_PIPE_IDLE_MS);
            if (r == 0) {
                free(buf);
                snprintf(err, errlen, "%s: a pipe that sent nothing for %d s", path, CM_FILEIO_PIPE_IDLE_MS / 1000);
                return -1;
            }
            if (r < 0 && errno != EINTR) break;
            continue;
        }
        free(buf);
        snprintf(err, errlen, "%s: read error (%s)", path, strerror(errno));
        return -1;
    }
    *out = buf;
    *outlen = n;
    return 0;
}

int fileio_open(const char *path, const char *what, cm_file *f, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    struct stat st;
    int fd = open_nb(path, what, &st, err, errlen);
    if (fd < 0) return -1;
    if (S_ISREG(st.st_mode)) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
        f->fp = fdopen(fd, "rb");
        if (!f->fp) { close(fd); return fail(err, errlen, path, strerror(errno)); }
        f->size = (long long)st.st_size;
        return 0;
    }
    if (!S_ISFIFO(st.st_mode)) {
        close(fd);
        snprintf(err, errlen, "%s: not a regular file (expected %s)", path, what);
        return -1;
    }
    if (!(cache.set && cache.dev == st.st_dev && cache.ino == st.st_ino)) {
        unsigned char *data;
        size_t len;
        if (slurp(fd, path, &data, &len, err, errlen) != 0) { close(fd); return -1; }
        fileio_forget();
        cache.dev = st.st_dev;
        cache.ino = st.st_ino;
        cache.data = data;
        cache.len = len;
        cache.set = 1;
    }
    close(fd);
    /* fmemopen refuses a buffer of size 0: an empty pipe reads from /dev/null instead */
    f->fp = cache.len ? fmemopen(cache.data, cache.len, "rb") : fopen("/dev/null", "rb");
    if (!f->fp) return fail(err, errlen, path, strerror(errno));
    f->size = (long long)cache.len;
    f->pipe = 1;
    return 0;
}

int fileio_check_regular(const char *path, char *err, size_t errlen)
{
    struct stat st;
    int fd = open_nb(path, "a regular file", &st, err, errlen);
    if (fd < 0) return -1;
    close(fd);
    if (!S_ISREG(st.st_mode)) return fail(err, errlen, path, "not a regular file");
    return 0;
}
