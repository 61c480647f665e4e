/* shapes: shapelib reader; see shapes.h. Every check that can fail names the file. */
#include "geo/shapes.h"

#include "base/fileio.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_POINTS 2000000 /* a cap on memory and on the time to triangulate (the geodata has 18,000) */

/* The text of a small optional file (.prj, .cpg): NULL when it is missing; -1 in *bad with err
 * set when it exists but is not a regular file (a FIFO would block a plain fopen for ever). */
static char *read_text(const char *path, size_t max, int *bad, char *err, size_t errlen)
{
    *bad = 0;
    struct stat st;
    if (stat(path, &st) != 0) return NULL;
    cm_file in;
    if (fileio_open(path, "a text file", &in, err, errlen) != 0) { *bad = 1; return NULL; }
    FILE *f = in.fp;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max, f) : 0;
    fclose(f);
    if (!buf) return NULL;
    buf[n] = 0;
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ')) buf[--n] = 0;
    return buf;
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* Converts a DBF string to UTF-8 from the .cpg code page (UTF-8 when unknown). */
static char *to_utf8(iconv_t cd, const char *s)
{
    if (cd == (iconv_t)-1) return dupstr(s);
    size_t inlen = strlen(s), outlen = inlen * 4 + 1;
    char *out = malloc(outlen), *op = out;
    char *ip = (char *)s;
    if (!out) return NULL;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &inlen, &op, &outlen) == (size_t)-1) { free(out); return dupstr(s); }
    *op = 0;
    return out;
}

/* Twice the signed area: positive for counter-clockwise rings (holes in a shapefile). */
static double ring_area2(const double *x, const double *y, int n)
{
    double a = 0;
    for (int i = 0, j = n - 1; i < n; j = i++) a += x[j] * y[i] - x[i] * y[j];
    return a;
}

static void quiet_error(const char *message) { (void)message; }

/* shapelib opens the .shp, .shx, .dbf and the .cpg itself: through this hook, without
 * blocking, and only regular files (a FIFO .cpg would otherwise hang DBFOpen for ever). */
static SAFile open_regular(const char *path, const char *access)
{
    if (strchr(access, 'w') || strchr(access, '+')) { errno = EPERM; return NULL; } /* we only read */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) close(fd);
    return (SAFile)f;
}

/* The .dbf holds what its header promises: every record whole, every field wider than 0. */
static int check_dbf(DBFHandle dbf, const char *base, char *err, size_t errlen)
{
    size_t bl = strlen(base);
    char *path = malloc(bl + 5);
    if (!path) { snprintf(err, errlen, "%s.dbf: out of memory", base); return -1; }
    snprintf(path, bl + 5, "%s.dbf", base);
    struct stat st;
    long long need = (long long)dbf->nHeaderLength + (long long)dbf->nRecords * dbf->nRecordLength;
    int rc = 0;
    if (stat(path, &st) == 0 && (long long)st.st_size < need) {
        snprintf(err, errlen, "%s: %lld bytes, but its header promises %d records of %d bytes (%lld bytes): truncated", path,
                 (long long)st.st_size, dbf->nRecords, dbf->nRecordLength, need);
        rc = -1;
    }
    for (int f = 0; rc == 0 && f < DBFGetFieldCount(dbf); f++) {
        char name[XBASE_FLDNAME_LEN_READ + 1] = {0};
        int width = 0;
        DBFGetFieldInfo(dbf, f, name, &width, NULL);
        if (width <= 0) {
            char q[48];
            utf8_excerpt(q, sizeof q, name);
            utf8_clean(q); /* a field name is bytes of any encoding: the message stays valid UTF-8 */
            snprintf(err, errlen, "%s: field %d ('%s') has a width of %d bytes", path, f + 1, q, width);
            rc = -1;
        }
    }
    free(path);
    return rc;
}

static int by_offset(const void *a, const void *b)
{
    const unsigned *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* The .shx gives each record its own bytes: no two overlap (entries all pointing at record 1
 * would otherwise load one shape many times over). */
static int check_shx(SHPHandle shp, const char *path, char *err, size_t errlen)
{
    int n = shp->nRecords;
    if (n <= 1) return 0;
    unsigned *r = malloc(sizeof(unsigned) * 3 * (size_t)n);
    if (!r) { snprintf(err, errlen, "%s: out of memory", path); return -1; }
    for (int i = 0; i < n; i++) {
        r[3 * i] = shp->panRecOffset[i];
        r[3 * i + 1] = shp->panRecSize[i];
        r[3 * i + 2] = (unsigned)i;
    }
    qsort(r, (size_t)n, sizeof(unsigned) * 3, by_offset);
    int rc = 0;
    for (int i = 0; i + 1 < n; i++)
        if ((unsigned long long)r[3 * i] + 8 + r[3 * i + 1] > r[3 * (i + 1)]) {
            unsigned a = r[3 * i + 2], b = r[3 * (i + 1) + 2];
            snprintf(err, errlen, "%s: records %u and %u overlap (the .shx points twice into the same bytes)", path,
                     (a < b ? a : b) + 1, (a < b ? b : a) + 1);
            rc = -1;
            break;
        }
    free(r);
    return rc;
}

static int fail(char *err, size_t errlen, const char *path, const char *what)
{
    snprintf(err, errlen, "%s: %s", path, what);
    return -1;
}

int shapes_load(const char *base, cm_shapes *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    size_t bl = strlen(base);
    char *p = malloc(bl + 5);
    if (!p) return fail(err, errlen, base, "out of memory");
    static const char *need[] = {".shp", ".shx", ".dbf"};
    for (int i = 0; i < 3; i++) {
        struct stat st;
        snprintf(p, bl + 5, "%s%s", base, need[i]);
        if (stat(p, &st) != 0) {
            snprintf(err, errlen, "%s: missing (a shapefile set needs .shp, .shx and .dbf)", p);
            free(p);
            return -1;
        }
        if (fileio_check_regular(p, err, errlen) != 0) { /* opened without blocking: a FIFO would hang shapelib */
            free(p);
            return -1;
        }
    }
    snprintf(p, bl + 5, "%s.shp", base);
    out->path = p;

    /* shapelib's own error hook prints to stderr; ours stays quiet: we report in one line */
    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    hooks.Error = quiet_error;
    hooks.FOpen = open_regular;
    SHPHandle shp = SHPOpenLL(base, "rb", &hooks);
    if (!shp) { fail(err, errlen, p, "cannot be read as a shapefile (damaged header or unreadable)"); goto bad; }
    DBFHandle dbf = DBFOpenLL(base, "rb", &hooks);
    if (!dbf) { SHPClose(shp); fail(err, errlen, p, "its .dbf cannot be read"); goto bad; }

    int n = 0, type = 0;
    double mn[4], mx[4];
    SHPGetInfo(shp, &n, &type, mn, mx);
    if (type == SHPT_POINT || type == SHPT_POINTZ || type == SHPT_POINTM ||
        type == SHPT_MULTIPOINT || type == SHPT_MULTIPOINTZ || type == SHPT_MULTIPOINTM)
        out->kind = CM_GEOM_POINT;
    else if (type == SHPT_POLYGON || type == SHPT_POLYGONZ || type == SHPT_POLYGONM)
        out->kind = CM_GEOM_POLYGON;
    else {
        snprintf(err, errlen, "%s: shape type %s is not supported (points or polygons expected)", p, SHPTypeName(type));
        SHPClose(shp); DBFClose(dbf); goto bad;
    }
    if (DBFGetRecordCount(dbf) != n) {
        snprintf(err, errlen, "%s: %d shapes but %d attribute records in the .dbf", p, n, DBFGetRecordCount(dbf));
        SHPClose(shp); DBFClose(dbf); goto bad;
    }

    if (check_dbf(dbf, base, err, errlen) != 0 || check_shx(shp, p, err, errlen) != 0) { SHPClose(shp); DBFClose(dbf); goto bad; }

    /* code page */
    iconv_t cd = (iconv_t)-1;
    snprintf(p, bl + 5, "%s.cpg", base);
    int bad_cpg;
    char *cpg = read_text(p, 64, &bad_cpg, err, errlen);
    snprintf(p, bl + 5, "%s.shp", base);
    if (bad_cpg) { SHPClose(shp); DBFClose(dbf); goto bad; }
    if (cpg && strcasecmp(cpg, "UTF-8") != 0 && strcasecmp(cpg, "UTF8") != 0 && cpg[0])
        cd = iconv_open("UTF-8", cpg);
    free(cpg);

    /* attributes */
    out->nfields = DBFGetFieldCount(dbf);
    out->field_names = calloc(out->nfields ? out->nfields : 1, sizeof(char *));
    out->values = calloc((size_t)n * out->nfields + 1, sizeof(char *));
    if (!out->field_names || !out->values) { SHPClose(shp); DBFClose(dbf); fail(err, errlen, p, "out of memory"); goto bad_cd; }
    for (int f = 0; f < out->nfields; f++) {
        char name[XBASE_FLDNAME_LEN_READ + 1] = {0};
        DBFGetFieldInfo(dbf, f, name, NULL, NULL);
        out->field_names[f] = dupstr(name);
    }
    out->nfeatures = n;
    for (int i = 0; i < n; i++)
        for (int f = 0; f < out->nfields; f++) {
            const char *v = DBFIsAttributeNULL(dbf, i, f) ? "" : DBFReadStringAttribute(dbf, i, f);
            out->values[(size_t)i * out->nfields + f] = to_utf8(cd, v ? v : "");
        }
    DBFClose(dbf);

    /* geometry: two passes, count then copy */
    out->features = calloc(n ? n : 1, sizeof(cm_feature));
    size_t cap_pts = 1024, cap_rings = 64;
    out->pts = malloc(cap_pts * sizeof(cm_xy));
    out->ring_off = malloc((cap_rings + 1) * sizeof(int));
    out->ring_hole = malloc(cap_rings);
    if (!out->features || !out->pts || !out->ring_off || !out->ring_hole) { SHPClose(shp); fail(err, errlen, p, "out of memory"); goto bad_cd; }
    out->ring_off[0] = 0;
    for (int i = 0; i < n; i++) {
        SHPObject *o = SHPReadObject(shp, i);
        cm_feature *ft = &out->features[i];
        ft->ring0 = out->nrings;
        if (!o) {
            snprintf(err, errlen, "%s: record %d cannot be read (truncated file or bad .shx)", p, i + 1);
            SHPClose(shp); goto bad_cd;
        }
        if (o->nSHPType == SHPT_NULL) { SHPDestroyObject(o); continue; }
        if (o->nSHPType != type) { /* random bytes in a record are not an empty shape */
            snprintf(err, errlen, "%s: record %d is of shape type %s, but the file holds %s (damaged record or bad .shx)", p,
                     i + 1, SHPTypeName(o->nSHPType), SHPTypeName(type));
            SHPDestroyObject(o); SHPClose(shp); goto bad_cd;
        }
        if (o->nVertices == 0) { SHPDestroyObject(o); continue; }
        if (o->nVertices > CM_MAX_FEATURE_POINTS || (out->kind == CM_GEOM_POLYGON && o->nParts > CM_MAX_FEATURE_RINGS)) {
            snprintf(err, errlen, "%s: record %d has %d points in %d rings, more than the %d points or %d rings a feature may have",
                     p, i + 1, o->nVertices, o->nParts, CM_MAX_FEATURE_POINTS, CM_MAX_FEATURE_RINGS);
            SHPDestroyObject(o); SHPClose(shp); goto bad_cd;
        }
        if ((size_t)out->npts + o->nVertices > MAX_POINTS) {
            snprintf(err, errlen, "%s: more than %d points, too large to load", p, MAX_POINTS);
            SHPDestroyObject(o); SHPClose(shp); goto bad_cd;
        }
        int parts = out->kind == CM_GEOM_POINT ? o->nVertices : (o->nParts ? o->nParts : 1);
        for (int r = 0; r < parts; r++) {
            int a, b;
            if (out->kind == CM_GEOM_POINT) { a = r; b = r + 1; }
            else {
                a = o->nParts ? o->panPartStart[r] : 0;
                b = (r + 1 < o->nParts) ? o->panPartStart[r + 1] : o->nVertices;
            }
            if (a < 0 || b > o->nVertices || a >= b) continue;
            if (out->kind == CM_GEOM_POLYGON && b - a < 4) {
                snprintf(err, errlen, "%s: record %d ring %d has %d points (a ring needs at least 3 and a closing point)", p, i + 1, r + 1, b - a);
                SHPDestroyObject(o); SHPClose(shp); goto bad_cd;
            }
            for (int k = a; k < b; k++) {
                double x = o->padfX[k], y = o->padfY[k];
                if (!isfinite(x) || !isfinite(y)) {
                    snprintf(err, errlen, "%s: record %d has a coordinate that is not a finite number", p, i + 1);
                    SHPDestroyObject(o); SHPClose(shp); goto bad_cd;
                }
            }
            if ((size_t)out->nrings + 1 >= cap_rings) {
                cap_rings *= 2;
                int *ro = realloc(out->ring_off, (cap_rings + 1) * sizeof(int));
                if (ro) out->ring_off = ro;
                unsigned char *rh = realloc(out->ring_hole, cap_rings);
                if (rh) out->ring_hole = rh;
                if (!ro || !rh) { SHPDestroyObject(o); SHPClose(shp); fail(err, errlen, p, "out of memory"); goto bad_cd; }
            }
            while ((size_t)out->npts + (b - a) > cap_pts) {
                cap_pts *= 2;
                cm_xy *np = realloc(out->pts, cap_pts * sizeof(cm_xy));
                if (!np) { SHPDestroyObject(o); SHPClose(shp); fail(err, errlen, p, "out of memory"); goto bad_cd; }
                out->pts = np;
            }
            for (int k = a; k < b; k++) out->pts[out->npts++] = (cm_xy){o->padfX[k], o->padfY[k]};
            out->ring_hole[out->nrings] = out->kind == CM_GEOM_POLYGON &&
                ring_area2(o->padfX + a, o->padfY + a, b - a) > 0;
            out->ring_off[++out->nrings] = out->npts;
            ft->nrings++;
        }
        SHPDestroyObject(o);
    }
    SHPClose(shp);
    if (cd != (iconv_t)-1) iconv_close(cd);

    /* the .prj is optional: WGS 84 is assumed without it */
    snprintf(p, bl + 5, "%s.prj", base);
    int bad_prj;
    out->prj = read_text(p, 65536, &bad_prj, err, errlen);
    if (bad_prj) goto bad;
    if (out->prj && !out->prj[0]) { free(out->prj); out->prj = NULL; }
    snprintf(p, bl + 5, "%s.shp", base);

    shapes_update_bbox(out);
    for (int i = 0; i < n; i++) memcpy(out->features[i].bbox_ll, out->features[i].bbox, sizeof(double) * 4);
    return 0;

bad_cd:
    if (cd != (iconv_t)-1) iconv_close(cd);
bad:
    {
        char *keep = out->path;
        out->path = NULL;
        shapes_free(out);
        free(keep);
    }
    return -1;
}

void shapes_update_bbox(cm_shapes *s)
{
    for (int i = 0; i < s->nfeatures; i++) {
        cm_feature *f = &s->features[i];
        f->bbox[0] = f->bbox[1] = HUGE_VAL;
        f->bbox[2] = f->bbox[3] = -HUGE_VAL;
        for (int r = f->ring0; r < f->ring0 + f->nrings; r++)
            for (int k = s->ring_off[r]; k < s->ring_off[r + 1]; k++) {
                cm_xy q = s->pts[k];
                if (q.x == HUGE_VAL) continue;
                if (q.x < f->bbox[0]) f->bbox[0] = q.x;
                if (q.y < f->bbox[1]) f->bbox[1] = q.y;
                if (q.x > f->bbox[2]) f->bbox[2] = q.x;
                if (q.y > f->bbox[3]) f->bbox[3] = q.y;
            }
    }
}

const char *shapes_attr(const cm_shapes *s, int i, const char *name)
{
    if (i < 0 || i >= s->nfeatures) return NULL;
    for (int f = 0; f < s->nfields; f++)
        if (strcasecmp(s->field_names[f], name) == 0) return s->values[(size_t)i * s->nfields + f];
    return NULL;
}

int shapes_find(const cm_shapes *s, const char *field, const char *value)
{
    for (int i = 0; i < s->nfeatures; i++) {
        const char *v = shapes_attr(s, i, field);
        if (v && strcmp(v, value) == 0) return i;
    }
    return -1;
}

void shapes_free(cm_shapes *s)
{
    if (s->values)
        for (size_t i = 0; i < (size_t)s->nfeatures * s->nfields; i++) free(s->values[i]);
    if (s->field_names)
        for (int f = 0; f < s->nfields; f++) free(s->field_names[f]);
    free(s->values);
    free(s->field_names);
    free(s->features);
    free(s->pts);
    free(s->ring_off);
    free(s->ring_hole);
    free(s->prj);
    free(s->path);
    free(s->bands);
    memset(s, 0, sizeof *s);
}
