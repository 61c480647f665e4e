/* report: JSON for --list and --query; see report.h. */
#include "data/report.h"

#include <string.h>
#include <yajl/yajl_gen.h>

static void str(yajl_gen g, const char *s)
{
    if (s) yajl_gen_string(g, (const unsigned char *)s, strlen(s));
    else yajl_gen_null(g);
}

static void key(yajl_gen g, const char *k) { str(g, k); }

static void num(yajl_gen g, double v)
{
    /* round to what the data can mean, so output is stable and short */
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%.6f", v);
    while (n > 1 && buf[n - 1] == '0') buf[--n] = 0;
    if (buf[n - 1] == '.') buf[--n] = 0;
    yajl_gen_number(g, buf, (size_t)n);
}

static yajl_gen open_gen(void)
{
    yajl_gen g = yajl_gen_alloc(NULL);
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_config(g, yajl_gen_indent_string, "  ");
    yajl_gen_config(g, yajl_gen_validate_utf8, 1);
    return g;
}

static int close_gen(yajl_gen g, FILE *f)
{
    const unsigned char *buf;
    size_t len;
    yajl_gen_get_buf(g, &buf, &len);
    int ok = fwrite(buf, 1, len, f) == len;
    yajl_gen_free(g);
    return ok ? 0 : -1;
}

static const char *kind_name(cm_geom_kind k) { return k == CM_GEOM_POINT ? "point" : "polygon"; }

int report_list(const cm_catalog *c, FILE *f)
{
    yajl_gen g = open_gen();
    yajl_gen_map_open(g);
    key(g, "crs");
    yajl_gen_map_open(g);
    key(g, "definition"); str(g, c->map_crs);
    key(g, "name"); str(g, crs_target_name(c->ll2map));
    yajl_gen_map_close(g);
    key(g, "layers");
    yajl_gen_array_open(g);
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        const cm_layer *l = &c->layers[k];
        yajl_gen_map_open(g);
        key(g, "id"); str(g, l->id);
        key(g, "visible"); yajl_gen_bool(g, l->visible);
        if (l->file) {
            key(g, "file"); str(g, l->shp.path);
            key(g, "geometry"); str(g, kind_name(l->shp.kind));
            key(g, "features"); yajl_gen_integer(g, l->shp.nfeatures);
            double b[4] = {1e300, 1e300, -1e300, -1e300};
            for (int i = 0; i < l->shp.nfeatures; i++) {
                const double *fb = l->shp.features[i].bbox_ll;
                if (fb[0] < b[0]) b[0] = fb[0];
                if (fb[1] < b[1]) b[1] = fb[1];
                if (fb[2] > b[2]) b[2] = fb[2];
                if (fb[3] > b[3]) b[3] = fb[3];
            }
            key(g, "bbox");
            yajl_gen_array_open(g);
            for (int i = 0; i < 4; i++) num(g, b[i]);
            yajl_gen_array_close(g);
        } else {
            key(g, "derived_from"); str(g, "governorates,cities");
        }
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    return close_gen(g, f);
}

static void region(yajl_gen g, const cm_shapes *s, int i)
{
    yajl_gen_map_open(g);
    key(g, "iso"); str(g, shapes_attr(s, i, "ISO"));
    key(g, "name_en"); str(g, shapes_attr(s, i, "NAME_EN"));
    key(g, "name_ar"); str(g, shapes_attr(s, i, "NAME_AR"));
    yajl_gen_map_close(g);
}

int report_query(const cm_catalog *c, double lon, double lat, FILE *f)
{
    double x, y;
    if (catalog_project(c, lon, lat, &x, &y) != 0) x = y = 1e300;
    const cm_shapes *gov = &c->layers[CM_LAYER_GOVERNORATES].shp;
    const cm_shapes *nbr = &c->layers[CM_LAYER_COUNTRIES].shp;
    int gi = geom_find_feature(gov, x, y);
    int ni = gi >= 0 ? -1 : geom_find_feature(nbr, x, y);

    yajl_gen g = open_gen();
    yajl_gen_map_open(g);
    key(g, "lon"); num(g, lon);
    key(g, "lat"); num(g, lat);
    key(g, "region");
    if (gi >= 0) region(g, gov, gi);
    else yajl_gen_null(g);
    key(g, "country");
    if (gi >= 0) {
        yajl_gen_map_open(g);
        key(g, "name"); str(g, "Syria");
        key(g, "iso_a3"); str(g, "SYR");
        yajl_gen_map_close(g);
    } else if (ni >= 0) {
        yajl_gen_map_open(g);
        key(g, "name"); str(g, shapes_attr(nbr, ni, "NAME"));
        key(g, "iso_a3"); str(g, shapes_attr(nbr, ni, "ISO_A3"));
        yajl_gen_map_close(g);
    } else {
        yajl_gen_null(g);
    }
    yajl_gen_map_close(g);
    return close_gen(g, f);
}
