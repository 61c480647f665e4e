/* meshcache: the base layers' GEOS output kept between starts; see meshcache.h. */
#include "geo/meshcache.h"
#include "base/cachedir.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#define XXH_INLINE_ALL /* header only, as the events cache uses it */
#include <xxhash.h>

/* Bumped whenever the file's layout or what geometry computes for it changes. */
#define FORMAT_VERSION 1u
#define MAX_FILE (256u << 20)

typedef struct {
    char magic[8];
    uint32_t version, nlayers;
    uint64_t keylen, len;  /* the key text's length; the whole file's */
    uint64_t check;        /* XXH3 over this header (this field 0) and everything after it */
    char pad[24];
} mesh_hdr;
_Static_assert(sizeof(mesh_hdr) == 64, "mesh cache header size");

static const char MAGIC[8] = {'C', 'M', 'B', 'A', 'S', 'E', 'M', 'H'};
static int enabled = 1;

void meshcache_use(int on) { enabled = on; }

static void trace(const char *what, const char *name)
{
    const char *t = getenv("CONFLICTMAP_CACHE_TRACE");
    if (t && *t && strcmp(t, "0") != 0) fprintf(stderr, "conflictmap: cache: base map %s %s\n", what, name);
}

/* ---- a growing buffer ---- */

typedef struct {
    unsigned char *p;
    size_t n, cap;
    int err;
} buf;

static void put(buf *b, const void *p, size_t n)
{
    if (b->err) return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n) cap *= 2;
        unsigned char *q = realloc(b->p, cap);
        if (!q) { b->err = 1; return; }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void put_i32(buf *b, int32_t v) { put(b, &v, sizeof v); }
static void put_f64(buf *b, double v) { put(b, &v, sizeof v); }

/* the layer's rings as they are after projection: what the meshes and labels are made from */
static uint64_t rings_hash(const cm_shapes *s)
{
    XXH3_state_t h;
    memset(&h, 0, sizeof h);
    XXH3_64bits_reset_withSeed(&h, 11);
    XXH3_64bits_update(&h, &s->kind, sizeof s->kind);
    XXH3_64bits_update(&h, &s->nfeatures, sizeof s->nfeatures);
    for (int i = 0; i < s->nfeatures; i++) {
        XXH3_64bits_update(&h, &s->features[i].ring0, sizeof(int));
        XXH3_64bits_update(&h, &s->features[i].nrings, sizeof(int));
    }
    if (s->nrings > 0 && s->ring_off) XXH3_64bits_update(&h, s->ring_off, sizeof(int) * (size_t)(s->nrings + 1));
    if (s->nrings > 0 && s->ring_hole) XXH3_64bits_update(&h, s->ring_hole, (size_t)s->nrings);
    if (s->npts > 0 && s->pts) XXH3_64bits_update(&h, s->pts, sizeof(cm_xy) * (size_t)s->npts);
    return XXH3_64bits_digest(&h);
}

/* The key text: everything the cached figures depend on. NULL when a file cannot be seen. */
static char *make_key(const char *crs, double sliver, const cm_meshcache_layer *l, int n, size_t *len)
{
    buf b = {0};
    char line[PATH_MAX + 256];
    int k = snprintf(line, sizeof line, "conflictmap base mesh cache\nformat %u\nlayers %d\nsliver %a\ncrs ", FORMAT_VERSION, n,
                     sliver);
    put(&b, line, (size_t)k);
    put(&b, crs, strlen(crs));
    for (int i = 0; i < n; i++) {
        char abs[PATH_MAX];
        struct stat st;
        if (!l[i].shp->path || !realpath(l[i].shp->path, abs) || stat(abs, &st) != 0) { free(b.p); return NULL; }
        k = snprintf(line, sizeof line, "\nlayer %s\nsize %lld\nmtime %lld.%09ld\nrings %016llx\nclip", abs,
                     (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                     (unsigned long long)rings_hash(l[i].shp));
        put(&b, line, (size_t)k);
        for (int j = 0; l[i].clip && j < 4; j++) {
            k = snprintf(line, sizeof line, " %a", l[i].clip[j]);
            put(&b, line, (size_t)k);
        }
    }
    put(&b, "\n", 1);
    if (b.err) { free(b.p); return NULL; }
    *len = b.n;
    return (char *)b.p;
}

int meshcache_path(const char *crs, const cm_meshcache_layer *l, int n, char *out, size_t len)
{
    char dir[PATH_MAX];
    if (cache_dir(dir, sizeof dir) != 0) return -1;
    XXH3_state_t h;
    memset(&h, 0, sizeof h);
    XXH3_64bits_reset_withSeed(&h, FORMAT_VERSION);
    XXH3_64bits_update(&h, crs, strlen(crs) + 1);
    for (int i = 0; i < n; i++) {
        const char *p = l[i].shp->path ? l[i].shp->path : "";
        char abs[PATH_MAX];
        if (realpath(p, abs)) p = abs;
        XXH3_64bits_update(&h, p, strlen(p) + 1);
    }
    int k = snprintf(out, len, "%s/base-%016llx.mesh", dir, (unsigned long long)XXH3_64bits_digest(&h));
    return k > 0 && (size_t)k < len ? 0 : -1;
}

static uint64_t file_check(mesh_hdr h, const unsigned char *body, size_t n)
{
    h.check = 0;
    XXH3_state_t s;
    memset(&s, 0, sizeof s);
    XXH3_64bits_reset_withSeed(&s, 5);
    XXH3_64bits_update(&s, &h, sizeof h);
    XXH3_64bits_update(&s, body, n);
    return XXH3_64bits_digest(&s);
}

/* ---- writing ---- */

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

int meshcache_save(const char *crs, double sliver, const cm_meshcache_layer *l, int n, const cm_rings *outline)
{
    if (!enabled) return 0;
    char name[PATH_MAX];
    size_t keylen;
    char *key = NULL;
    if (meshcache_path(crs, l, n, name, sizeof name) != 0 || !(key = make_key(crs, sliver, l, n, &keylen))) {
        free(key);
        return -1;
    }
    buf b = {0};
    put(&b, key, keylen);
    free(key);
    for (int i = 0; i < n; i++) {
        const cm_shapes *s = l[i].shp;
        put_i32(&b, s->nfeatures);
        for (int f = 0; f < s->nfeatures; f++) {
            const cm_mesh *m = &l[i].mesh[f];
            put_i32(&b, m->ntri);
            put_f64(&b, m->ox);
            put_f64(&b, m->oy);
            if (m->ntri > 0) put(&b, m->xy, sizeof(float) * 6 * (size_t)m->ntri);
        }
        for (int f = 0; f < s->nfeatures; f++) {
            put_f64(&b, l[i].label[f].x);
            put_f64(&b, l[i].label[f].y);
            put_f64(&b, l[i].label_r[f]);
        }
    }
    int nr = outline ? outline->nrings : 0;
    put_i32(&b, nr);
    if (nr > 0) {
        put(&b, outline->off, sizeof(int) * (size_t)(nr + 1));
        put(&b, outline->pts, sizeof(cm_xy) * (size_t)outline->off[nr]);
    }
    if (b.err || b.n + sizeof(mesh_hdr) > MAX_FILE) { free(b.p); return -1; }
    mesh_hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.version = FORMAT_VERSION;
    h.nlayers = (uint32_t)n;
    h.keylen = keylen;
    h.len = sizeof h + b.n;
    h.check = file_check(h, b.p, b.n);

    cache_dir_make_for(name);
    char tmp[PATH_MAX + 16];
    snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", name);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        trace("cannot write", name);
        free(b.p);
        return -1;
    }
    int bad = write_all(fd, &h, sizeof h) != 0 || write_all(fd, b.p, b.n) != 0 || fsync(fd) != 0;
    if (close(fd) != 0) bad = 1;
    free(b.p);
    if (bad || rename(tmp, name) != 0) {
        unlink(tmp);
        trace("cannot write", name);
        return -1;
    }
    trace("wrote", name);
    return 0;
}

/* ---- reading ---- */

typedef struct {
    const unsigned char *p;
    size_t n, at;
    int bad;
} cursor;

static const void *take(cursor *c, size_t n)
{
    if (c->bad || n > c->n - c->at) { c->bad = 1; return NULL; }
    const void *p = c->p + c->at;
    c->at += n;
    return p;
}

static int32_t get_i32(cursor *c)
{
    int32_t v = 0;
    const void *p = take(c, sizeof v);
    if (p) memcpy(&v, p, sizeof v);
    return v;
}

static double get_f64(cursor *c)
{
    double v = 0;
    const void *p = take(c, sizeof v);
    if (p) memcpy(&v, p, sizeof v);
    return v;
}

/* the whole file, or NULL (missing, unreadable, too big) */
static unsigned char *read_file(const char *name, size_t *len)
{
    FILE *f = fopen(name, "rb");
    if (!f) return NULL;
    struct stat st;
    unsigned char *p = NULL;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= (off_t)sizeof(mesh_hdr) &&
        (uint64_t)st.st_size <= MAX_FILE && (p = malloc((size_t)st.st_size))) {
        if (fread(p, 1, (size_t)st.st_size, f) != (size_t)st.st_size) { free(p); p = NULL; }
        else *len = (size_t)st.st_size;
    }
    fclose(f);
    return p;
}

static void clear(cm_meshcache_layer *l, int n, cm_rings *outline)
{
    for (int i = 0; i < n; i++)
        for (int f = 0; f < l[i].shp->nfeatures; f++) geom_mesh_free(&l[i].mesh[f]);
    if (outline) geom_rings_free(outline);
}

/* the body after the key into the layers; 0, or -1 (nothing kept) */
static int parse(cursor *c, cm_meshcache_layer *l, int n, cm_rings *outline)
{
    for (int i = 0; i < n && !c->bad; i++) {
        const cm_shapes *s = l[i].shp;
        if (get_i32(c) != s->nfeatures) c->bad = 1;
        for (int f = 0; f < s->nfeatures && !c->bad; f++) {
            cm_mesh *m = &l[i].mesh[f];
            int32_t nt = get_i32(c);
            m->ox = get_f64(c);
            m->oy = get_f64(c);
            if (nt < 0 || (size_t)nt > (c->n - c->at) / (6 * sizeof(float))) { c->bad = 1; break; }
            m->ntri = nt;
            if (nt == 0) continue;
            const void *xy = take(c, sizeof(float) * 6 * (size_t)nt);
            m->xy = malloc(sizeof(float) * 6 * (size_t)nt);
            if (!m->xy || !xy) { c->bad = 1; break; }
            memcpy(m->xy, xy, sizeof(float) * 6 * (size_t)nt);
        }
        for (int f = 0; f < s->nfeatures && !c->bad; f++) {
            l[i].label[f].x = get_f64(c);
            l[i].label[f].y = get_f64(c);
            l[i].label_r[f] = get_f64(c);
        }
    }
    int32_t nr = get_i32(c);
    if (!c->bad && nr < 0) c->bad = 1;
    if (!c->bad && nr > 0 && outline) {
        /* copied out before it is read: the file's bytes need not be aligned for int */
        const void *raw = (size_t)nr < (c->n - c->at) / sizeof(int) ? take(c, sizeof(int) * ((size_t)nr + 1)) : NULL;
        int *off = raw ? malloc(sizeof(int) * ((size_t)nr + 1)) : NULL;
        if (off) memcpy(off, raw, sizeof(int) * ((size_t)nr + 1));
        int ok = off && off[0] == 0;
        for (int32_t r = 0; ok && r < nr; r++) ok = off[r + 1] >= off[r];
        const void *pts = ok ? take(c, sizeof(cm_xy) * (size_t)off[nr]) : NULL;
        outline->off = off;
        outline->pts = pts ? malloc(sizeof(cm_xy) * (size_t)(off[nr] ? off[nr] : 1)) : NULL;
        if (!outline->pts) c->bad = 1;
        else {
            memcpy(outline->pts, pts, sizeof(cm_xy) * (size_t)off[nr]);
            outline->nrings = nr;
        }
    }
    if (!c->bad && c->at != c->n) c->bad = 1; /* more than the layers hold: not ours */
    if (c->bad) clear(l, n, outline);
    return c->bad ? -1 : 0;
}

int meshcache_load(const char *crs, double sliver, cm_meshcache_layer *l, int n, cm_rings *outline)
{
    if (!enabled) return 0;
    char name[PATH_MAX];
    if (meshcache_path(crs, l, n, name, sizeof name) != 0) return 0;
    size_t len = 0, keylen = 0;
    unsigned char *p = read_file(name, &len);
    if (!p) return 0;
    char *key = make_key(crs, sliver, l, n, &keylen);
    mesh_hdr h;
    memcpy(&h, p, sizeof h);
    const char *why = NULL;
    if (!key) why = "passed over (a layer's file cannot be read)";
    else if (memcmp(h.magic, MAGIC, 8) != 0 || h.version != FORMAT_VERSION) why = "removed (another format)";
    else if (h.len != len) why = "removed (truncated or grown)";
    else if (h.check != file_check(h, p + sizeof h, len - sizeof h)) why = "removed (damaged: checksum)";
    else if (h.nlayers != (uint32_t)n || h.keylen != keylen || memcmp(p + sizeof h, key, keylen) != 0)
        why = "removed (made from other files or another CRS)";
    if (!why) {
        if (outline) memset(outline, 0, sizeof *outline);
        cursor c = {p + sizeof h + keylen, len - sizeof h - keylen, 0, 0};
        if (parse(&c, l, n, outline) != 0) why = "removed (its contents do not fit the layers)";
    }
    free(key);
    free(p);
    if (why) {
        if (strncmp(why, "removed", 7) == 0) unlink(name);
        trace(why, name);
        return 0;
    }
    trace("opened", name);
    return 1;
}
