/* export: events to GeoJSON or ACLED-style CSV; see export.h. */
#include "data/export.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

#include "data/filter.h"

int export_format_of(const char *path)
{
    size_t n = strlen(path);
    if (n > 8 && strcasecmp(path + n - 8, ".geojson") == 0) return CM_EXPORT_GEOJSON;
    if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0) return CM_EXPORT_CSV;
    return -1;
}

/* ---- what is shown ---- */

typedef struct {
    const cm_catalog *c;
    const cm_when *w;
    int *idx, n, cap, oom;
} shown_ctx;

static int collect(const cm_event *e, int idx, void *p)
{
    shown_ctx *s = p;
    if (!s->c->layers[catalog_event_layer(e->cat)].visible || events_weight(e, s->w) <= 0) return 0;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 256;
        int *ni = realloc(s->idx, sizeof(int) * (size_t)cap);
        if (!ni) { s->oom = 1; return 1; }
        s->idx = ni;
        s->cap = cap;
    }
    s->idx[s->n++] = idx;
    return 0;
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int export_shown(const cm_catalog *c, const cm_when *w, int **out)
{
    shown_ctx s = {c, w, NULL, 0, 0, 0};
    events_each_shown(&c->events, w, collect, &s);
    if (s.oom) { free(s.idx); *out = NULL; return -1; }
    if (s.n > 1) qsort(s.idx, (size_t)s.n, sizeof(int), by_int); /* the store's order is the date order */
    *out = s.idx;
    return s.n;
}

/* ---- numbers ---- */

/* the shortest text that reads back as the same double */
static void fmt_exact(double v, char *buf, size_t n)
{
    for (int p = 6; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v) return;
    }
}

/* a coordinate computed by unprojecting: to 1e-7 degrees (1 cm; PROJ's round trip is within 1e-8), trailing zeros cut */
static void fmt_deg(double v, char *buf, size_t n)
{
    int k = snprintf(buf, n, "%.7f", v);
    while (k > 1 && buf[k - 1] == '0') buf[--k] = 0;
    if (k > 0 && buf[k - 1] == '.') buf[--k] = 0;
}

/* ---- GeoJSON ---- */

typedef struct {
    yajl_gen g;
    int bad;                  /* a yajl call failed */
} jw;

static void js(jw *w, const char *s)
{
    yajl_gen_status st = s ? yajl_gen_string(w->g, (const unsigned char *)s, strlen(s)) : yajl_gen_null(w->g);
    if (st != yajl_gen_status_ok) w->bad = 1;
}

static void jnum(jw *w, const char *text)
{
    if (yajl_gen_number(w->g, text, strlen(text)) != yajl_gen_status_ok) w->bad = 1;
}

static void jbool(jw *w, int b)
{
    if (yajl_gen_bool(w->g, b) != yajl_gen_status_ok) w->bad = 1;
}

static void jopen(jw *w, int arr)
{
    if ((arr ? yajl_gen_array_open(w->g) : yajl_gen_map_open(w->g)) != yajl_gen_status_ok) w->bad = 1;
}

static void jclose(jw *w, int arr)
{
    if ((arr ? yajl_gen_array_close(w->g) : yajl_gen_map_close(w->g)) != yajl_gen_status_ok) w->bad = 1;
}

static void jday(jw *w, int32_t day)
{
    if (day == CM_DAY_NONE) { js(w, NULL); return; }
    char b[16];
    date_format_iso(day, b, sizeof b);
    js(w, b);
}

/* a date in the form that tells its precision; a week is its day plus "week" beside it */
static void jdate(jw *w, const char *key, cm_date d)
{
    char b[16], pk[32];
    if (d.prec == CM_PREC_WEEK) date_format_iso(d.day, b, sizeof b);
    else date_format_prec(d, b, sizeof b);
    js(w, key);
    js(w, b);
    if (d.prec == CM_PREC_WEEK) {
        snprintf(pk, sizeof pk, "%s_precision", key);
        js(w, pk);
        js(w, "week");
    }
}

static void jpos(jw *w, double lon, double lat, int exact)
{
    char a[40], b[40];
    if (exact) { fmt_exact(lon, a, sizeof a); fmt_exact(lat, b, sizeof b); }
    else { fmt_deg(lon, a, sizeof a); fmt_deg(lat, b, sizeof b); }
    jopen(w, 1);
    jnum(w, a);
    jnum(w, b);
    jclose(w, 1);
}

/* the polygon, unprojected from map metres back to longitude and latitude */
static int jpolygon(jw *w, const cm_catalog *c, const cm_shapes *p)
{
    cm_xy *ll = malloc(sizeof(cm_xy) * (size_t)(p->npts ? p->npts : 1));
    if (!ll) return -1;
    memcpy(ll, p->pts, sizeof(cm_xy) * (size_t)p->npts);
    crs_inverse(c->ll2map, &ll[0].x, &ll[0].y, 2, (size_t)p->npts);
    int outers = 0;
    for (int r = 0; r < p->nrings; r++) outers += !p->ring_hole[r];
    js(w, "type");
    js(w, outers > 1 ? "MultiPolygon" : "Polygon");
    js(w, "coordinates");
    jopen(w, 1);
    int open_poly = 0;
    for (int r = 0; r < p->nrings; r++) {
        if (outers > 1 && !p->ring_hole[r]) {
            if (open_poly) jclose(w, 1);
            jopen(w, 1);
            open_poly = 1;
        }
        jopen(w, 1);
        for (int k = p->ring_off[r]; k < p->ring_off[r + 1]; k++) jpos(w, ll[k].x, ll[k].y, 0);
        jclose(w, 1);
    }
    if (open_poly) jclose(w, 1);
    jclose(w, 1);
    free(ll);
    return 0;
}

static int feature_json(jw *w, const cm_catalog *c, const cm_event *e)
{
    jopen(w, 0);
    js(w, "type"); js(w, "Feature");
    js(w, "id"); js(w, e->id);
    js(w, "properties");
    jopen(w, 0);
    js(w, "id"); js(w, e->id);
    js(w, "title"); js(w, e->title);
    js(w, "category"); js(w, events_category_id((cm_category)e->cat));
    js(w, "kind"); js(w, e->claim ? "claim" : e->is_area ? "area" : "point");
    jdate(w, "start", e->start);
    if (e->end.day == CM_DAY_NEVER) { js(w, "end"); js(w, NULL); }
    else jdate(w, "end", e->end);
    if (e->summary && *e->summary) { js(w, "summary"); js(w, e->summary); }
    js(w, "place"); js(w, e->place);
    js(w, "location_precision"); js(w, e->approx == CM_LOC_REGION ? "region" : e->approx ? "approximate" : "exact");
    if (events_attr(e, "location_note")) { js(w, "location_note"); js(w, events_attr(e, "location_note")); }
    js(w, "offmap"); jbool(w, e->offmap);
    js(w, "regions");
    jopen(w, 1);
    for (int i = 0; i < e->nregions; i++) js(w, e->regions[i]);
    jclose(w, 1);
    js(w, "figures");
    jopen(w, 1);
    for (int i = 0; i < e->nfig; i++) {
        jopen(w, 0);
        js(w, "value"); js(w, e->fig[i].value);
        js(w, "reporter"); js(w, e->fig[i].reporter);
        js(w, "date"); jday(w, e->fig[i].day);
        jclose(w, 0);
    }
    jclose(w, 1);
    js(w, "sources");
    jopen(w, 1);
    for (int i = 0; i < e->nsrc; i++) {
        const cm_source *s = &e->src[i];
        jopen(w, 0);
        js(w, "outlet"); js(w, s->outlet);
        js(w, "date"); jday(w, s->day);
        js(w, "url"); js(w, s->url);
        if (s->title) { js(w, "title"); js(w, s->title); }
        if (s->note) { js(w, "note"); js(w, s->note); }
        jclose(w, 0);
    }
    jclose(w, 1);
    if (e->nattr) {
        js(w, "attributes");
        jopen(w, 0);
        for (int i = 0; i < e->nattr; i++) {
            if (strcmp(e->attr[i].key, "location_note") == 0) continue; /* a property of its own */
            js(w, e->attr[i].key);
            js(w, e->attr[i].value);
        }
        jclose(w, 0);
    }
    jclose(w, 0);
    js(w, "geometry");
    int rc = 0;
    if (e->has_point) {
        jopen(w, 0);
        js(w, "type"); js(w, "Point");
        js(w, "coordinates"); jpos(w, e->lon, e->lat, 1);
        jclose(w, 0);
    } else if (e->poly) {
        jopen(w, 0);
        rc = jpolygon(w, c, e->poly);
        jclose(w, 0);
    } else {
        js(w, NULL);
    }
    jclose(w, 0);
    return rc;
}

static int write_geojson(FILE *f, const cm_catalog *c, const int *idx, int n)
{
    if (fputs("{\"type\": \"FeatureCollection\",\n \"name\": \"conflictmap export\",\n"
              " \"provenance\": \"Written by conflictmap from the events it showed; each feature keeps its sources.\",\n"
              " \"features\": [\n", f) < 0)
        return -1;
    jw w = {yajl_gen_alloc(NULL), 0};
    if (!w.g) return -1;
    yajl_gen_config(w.g, yajl_gen_validate_utf8, 1);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (feature_json(&w, c, &c->events.ev[idx[i]]) != 0 || w.bad) { rc = -1; break; }
        const unsigned char *buf;
        size_t len;
        yajl_gen_get_buf(w.g, &buf, &len);
        if (fwrite(buf, 1, len, f) != len || fputs(i + 1 < n ? ",\n" : "\n", f) < 0) rc = -1;
        yajl_gen_clear(w.g);
        yajl_gen_reset(w.g, NULL);
    }
    yajl_gen_free(w.g);
    if (rc == 0 && fputs("]}\n", f) < 0) rc = -1;
    return rc;
}

/* ---- CSV with ACLED's columns ---- */

enum { A_ID, A_DATE, A_YEAR, A_TPREC, A_DISORDER, A_TYPE, A_SUB, A_ACTOR1, A_ASSOC1, A_INTER1, A_ACTOR2, A_ASSOC2,
       A_INTER2, A_INTERACTION, A_CIVTARGET, A_ISO, A_REGION, A_COUNTRY, A_ADMIN1, A_ADMIN2, A_ADMIN3, A_LOCATION,
       A_LAT, A_LON, A_GEOP, A_SOURCE, A_SCALE, A_NOTES, A_FATAL, A_TAGS, A_TIMESTAMP, A_N };
static const char *const ACOLS[A_N] = {
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp"};

/* the project's own categories, in the nearest of ACLED's types (the category is kept in tags);
 * both from the table of categories (data/categories.h) */
static const char *acled_type(cm_category c)
{
    const char *t = categories_acled_name(c);
    if (t) return t;
    const cm_category_def *d = categories_category((int)c);
    t = d ? categories_acled_name(d->near) : NULL;
    return t ? t : "Strategic developments";
}

static const char *disorder(cm_category c)
{
    const cm_category_def *d = categories_category((int)c);
    return d ? d->disorder : "Political violence";
}

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int put_field(FILE *f, const char *v, int last)
{
    if (!v) v = "";
    size_t n = strlen(v);
    int quote = n && (strpbrk(v, ",\"\r\n") || v[0] == ' ' || v[n - 1] == ' ');
    int rc = quote ? csv_fwrite(f, v, n) : (fwrite(v, 1, n, f) == n ? 0 : EOF);
    if (rc == EOF || fputc(last ? '\n' : ',', f) == EOF) return -1;
    return 0;
}

/* The columns of one event. The ACLED importer makes title "<sub-event type> in <location>",
 * place "<location>, <admin1>" and summary "<actor1> vs <actor2>. <notes>": these are undone
 * here so that an ACLED row written out and read back gives the same event. */
static int csv_row(FILE *f, const cm_catalog *c, const cm_event *e)
{
    char buf[A_N][512];
    const char *col[A_N];
    for (int k = 0; k < A_N; k++) {
        col[k] = events_attr(e, ACOLS[k]);
        if (!col[k]) col[k] = "";
    }
    col[A_ID] = e->id;
    date_format_iso(e->start.day, buf[A_DATE], sizeof buf[A_DATE]);
    col[A_DATE] = buf[A_DATE];
    snprintf(buf[A_YEAR], sizeof buf[A_YEAR], "%.4s", buf[A_DATE]);
    col[A_YEAR] = buf[A_YEAR];
    col[A_TPREC] = e->start.prec == CM_PREC_DAY ? "1" : e->start.prec == CM_PREC_WEEK ? "2" : "3";
    const char *type = acled_type((cm_category)e->cat);
    col[A_TYPE] = type;
    if (!*col[A_DISORDER]) col[A_DISORDER] = disorder((cm_category)e->cat);
    int own = filter_acled_type((cm_category)e->cat) == NULL;
    if (own && !*col[A_TAGS]) {
        snprintf(buf[A_TAGS], sizeof buf[A_TAGS], "conflictmap category: %s", events_category_id((cm_category)e->cat));
        col[A_TAGS] = buf[A_TAGS];
    }

    /* sub-event type and location from the title "<sub> in <location>" */
    const char *title = e->title ? e->title : "", *place = e->place ? e->place : "";
    const char *sub = col[A_SUB], *loc = NULL;
    const char *in = strstr(title, " in ");
    if (!*sub && in && !own) {
        snprintf(buf[A_SUB], sizeof buf[A_SUB], "%.*s", (int)(in - title), title);
        sub = buf[A_SUB];
    }
    if (!*sub && !own && strcmp(title, type) != 0) sub = title; /* "<sub>" with no location */
    char head[600];
    snprintf(head, sizeof head, "%s in ", *sub ? sub : type);
    if (!own && starts(title, head)) loc = title + strlen(head);
    else if (!own && (strcmp(title, sub) == 0 || strcmp(title, type) == 0)) loc = "";
    if (!*sub && own) sub = events_category_name((cm_category)e->cat);
    col[A_SUB] = sub;
    const char *adm1 = col[A_ADMIN1];
    if (loc) { /* place is "<loc>", "<loc>, <admin1>" or "<admin1>" */
        size_t ln = strlen(loc);
        if (!*adm1 && strncmp(place, loc, ln) == 0 && starts(place + ln, ", ")) adm1 = place + ln + 2;
        else if (!*adm1 && !*loc) adm1 = place;
    } else { /* not written by the importer: the place as it is */
        size_t pn = strlen(place), an = strlen(adm1);
        if (an && pn > an + 2 && strcmp(place + pn - an, adm1) == 0 && starts(place + pn - an - 2, ", ")) {
            snprintf(buf[A_LOCATION], sizeof buf[A_LOCATION], "%.*s", (int)(pn - an - 2), place);
            loc = buf[A_LOCATION];
        } else {
            loc = place;
        }
    }
    col[A_LOCATION] = loc;
    col[A_ADMIN1] = adm1;

    /* the point; an area's anchor, approximate; nothing for an event with no place */
    if (e->has_point) {
        fmt_exact(e->lat, buf[A_LAT], sizeof buf[A_LAT]);
        fmt_exact(e->lon, buf[A_LON], sizeof buf[A_LON]);
        col[A_GEOP] = e->approx ? "2" : "1";
    } else if (!e->poly && e->nregions && events_attr(e, "admin1")) {
        /* placed on its region by its admin-1 name (no coordinates in the file): written the
         * same way, so that loading it back places it there again rather than on a point */
        buf[A_LAT][0] = buf[A_LON][0] = 0;
        col[A_GEOP] = "3";
    } else if (e->poly || e->nregions) {
        double lon, lat;
        if (catalog_unproject(c, e->x, e->y, &lon, &lat) == 0) {
            fmt_deg(lat, buf[A_LAT], sizeof buf[A_LAT]);
            fmt_deg(lon, buf[A_LON], sizeof buf[A_LON]);
        } else {
            buf[A_LAT][0] = buf[A_LON][0] = 0;
        }
        col[A_GEOP] = "3";
    } else {
        buf[A_LAT][0] = buf[A_LON][0] = 0;
        col[A_GEOP] = e->approx ? "2" : "1";
    }
    col[A_LAT] = buf[A_LAT];
    col[A_LON] = buf[A_LON];

    /* sources: the outlets; the scale from the note the importer wrote ("source scale: X; via ACLED") */
    buf[A_SOURCE][0] = 0;
    for (int i = 0; i < e->nsrc; i++) {
        size_t k = strlen(buf[A_SOURCE]);
        snprintf(buf[A_SOURCE] + k, sizeof buf[A_SOURCE] - k, "%s%s", i ? "; " : "", e->src[i].outlet);
    }
    col[A_SOURCE] = buf[A_SOURCE];
    if (!*col[A_SCALE] && e->nsrc == 1 && e->src[0].note && starts(e->src[0].note, "source scale: ")) {
        const char *s = e->src[0].note + 14, *end = strstr(s, "; via ACLED");
        snprintf(buf[A_SCALE], sizeof buf[A_SCALE], "%.*s", (int)(end ? end - s : (long)strlen(s)), s);
        col[A_SCALE] = buf[A_SCALE];
    }

    /* fatalities: ACLED's own figure; figures by others go into the notes, with who gave them */
    buf[A_FATAL][0] = 0;
    size_t nlen = (e->summary ? strlen(e->summary) : 0) + 64;
    for (int i = 0; i < e->nfig; i++) nlen += strlen(e->fig[i].value) + strlen(e->fig[i].reporter) + 32;
    char *notes = malloc(nlen);
    if (!notes) return -1;
    const char *sum = e->summary ? e->summary : "", *a1 = col[A_ACTOR1], *a2 = col[A_ACTOR2];
    if (*a1 || *a2) { /* the importer's "<actor1> vs <actor2>. " before the notes */
        char pre[1100];
        snprintf(pre, sizeof pre, "%s%s%s.", a1, *a1 && *a2 ? " vs " : "", a2);
        if (starts(sum, pre)) sum += strlen(pre) + (sum[strlen(pre)] == ' ');
    }
    snprintf(notes, nlen, "%s", sum);
    int others = 0;
    for (int i = 0; i < e->nfig; i++) {
        const cm_figure *g = &e->fig[i];
        cm_event one = *e;
        one.fig = (cm_figure *)g;
        one.nfig = 1;
        long k = filter_fatalities(&one, NULL);
        if (strcmp(g->reporter, "ACLED") == 0 && k >= 0 && !buf[A_FATAL][0]) {
            snprintf(buf[A_FATAL], sizeof buf[A_FATAL], "%ld", k);
            continue;
        }
        size_t len = strlen(notes);
        char d[16] = "";
        if (g->day != CM_DAY_NONE) date_format_iso(g->day, d, sizeof d);
        snprintf(notes + len, nlen - len, "%s%s (%s%s%s)", others++ ? "; " : *notes ? " [Figures: " : "[Figures: ", g->value,
                 g->reporter, *d ? ", " : "", d);
    }
    if (others) {
        size_t len = strlen(notes);
        snprintf(notes + len, nlen - len, "]");
    }
    col[A_NOTES] = notes;
    col[A_FATAL] = buf[A_FATAL];
    int rc = 0;
    for (int k = 0; k < A_N && rc == 0; k++) rc = put_field(f, col[k], k == A_N - 1);
    free(notes);
    return rc;
}

static int write_csv(FILE *f, const cm_catalog *c, const int *idx, int n)
{
    for (int k = 0; k < A_N; k++)
        if (put_field(f, ACOLS[k], k == A_N - 1) != 0) return -1;
    for (int i = 0; i < n; i++)
        if (csv_row(f, c, &c->events.ev[idx[i]]) != 0) return -1;
    return 0;
}

/* ---- the file ---- */

int export_write(const cm_catalog *c, const int *idx, int n, const char *path, int force, char *err, size_t errlen)
{
    int fmt = export_format_of(path);
    if (fmt < 0) {
        snprintf(err, errlen, "%s: the file name must end in .geojson or .csv", path);
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) { snprintf(err, errlen, "%s: is a directory", path); return -1; }
        if (!force) { snprintf(err, errlen, "%s: the file exists (give --force to replace it)", path); return -1; }
    }
    size_t tn = strlen(path) + 40;
    char *tmp = malloc(tn);
    if (!tmp) { snprintf(err, errlen, "%s: out of memory", path); return -1; }
    snprintf(tmp, tn, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot write (%s)", path, strerror(errno));
        free(tmp);
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        remove(tmp);
        snprintf(err, errlen, "%s: cannot write (%s)", path, strerror(errno));
        free(tmp);
        return -1;
    }
    int rc = fmt == CM_EXPORT_GEOJSON ? write_geojson(f, c, idx, n) : write_csv(f, c, idx, n);
    int werr = errno;
    if (rc == 0 && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)) { rc = -1; werr = errno; }
    if (fclose(f) != 0 && rc == 0) { rc = -1; werr = errno; }
    if (rc == 0) {
        /* without force, link() refuses a file that appeared meanwhile; rename() replaces it */
        if (!force && link(tmp, path) == 0) remove(tmp);
        else if (!force && errno == EEXIST) { rc = -1; werr = EEXIST; }
        else if (rename(tmp, path) != 0) { rc = -1; werr = errno; }
    }
    if (rc != 0) {
        remove(tmp);
        if (werr == EEXIST) snprintf(err, errlen, "%s: the file exists (give --force to replace it)", path);
        else snprintf(err, errlen, "%s: cannot write (%s)", path, werr ? strerror(werr) : "write error");
    } else {
        /* the rename itself reaches the disk with the directory */
        char *dir = strdup(path);
        if (dir) {
            char *slash = strrchr(dir, '/');
            if (slash) slash[slash == dir] = 0;
            int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
            if (dfd >= 0) { fsync(dfd); close(dfd); }
            free(dir);
        }
    }
    free(tmp);
    return rc;
}
