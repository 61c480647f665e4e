/* shapes: shapelib reader; see shapes.h. Every check that can fail names the file. */
#include "geo/shapes.h"

#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_POINTS 50000000 /* a cap that keeps a corrupt header from exhausting memory */

static char *read_text(const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
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
        if (!S_ISREG(st.st_mode)) {
            snprintf(err, errlen, "%s: not a regular file", p);
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

    /* code page */
    iconv_t cd = (iconv_t)-1;
    snprintf(p, bl + 5, "%s.cpg", base);
    char *cpg = read_text(p, 64);
    snprintf(p, bl + 5, "%s.shp", base);
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
        if (o->nSHPType == SHPT_NULL || o->nVertices == 0) { SHPDestroyObject(o); continue; }
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
    out->prj = read_text(p, 65536);
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
    memset(s, 0, sizeof *s);
}
