/* reopen: the window opens where it was closed; see reopen.h. */
#include "ui/reopen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

int reopen_path(char *buf, size_t n, int make_dir)
{
    const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[900];
    if (x && *x) snprintf(dir, sizeof dir, "%s/conflictmap", x);
    else if (home && *home) snprintf(dir, sizeof dir, "%s/.local/state/conflictmap", home);
    else return -1;
    if (make_dir) { /* mkdir -p */
        for (char *p = dir + 1; *p; p++)
            if (*p == '/') {
                *p = 0;
                mkdir(dir, 0755);
                *p = '/';
            }
        if (mkdir(dir, 0755) != 0 && errno != EEXIST) return -1;
    }
    snprintf(buf, n, "%s/view.json", dir);
    return 0;
}

static int filter_given(const cm_options *o)
{
    return o->text || o->actor || o->types || o->source || o->min_fatal || o->date_prec || o->loc_prec;
}

void reopen_restore(cm_analyst *a, cm_ui *u, cm_view *v)
{
    const cm_options *o = a->o;
    char path[1024], err[200];
    if (o->fresh || reopen_path(path, sizeof path, 0) != 0) return;
    FILE *f = fopen(path, "rb");
    if (!f) return;
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    yajl_val root = yajl_tree_parse(text, err, sizeof err);
    if (!root || !YAJL_IS_OBJECT(root)) { /* a broken state file is ignored, and said so */
        fprintf(stderr, "conflictmap: %s: not a saved view, ignored\n", path);
        yajl_tree_free(root);
        return;
    }
    const char *pc[] = {"center", NULL}, *pz[] = {"zoom", NULL}, *pa[] = {"from", NULL}, *pb[] = {"to", NULL},
               *pw[] = {"window", NULL}, *pf[] = {"fade", NULL}, *pl[] = {"layers", NULL}, *pq[] = {"filter", NULL},
               *ph[] = {"heat", NULL}, *pk[] = {"legend_folded", NULL};
    yajl_val c = yajl_tree_get(root, pc, yajl_t_array), z = yajl_tree_get(root, pz, yajl_t_number);
    if (!o->has_center && !o->has_zoom && c && c->u.array.len == 2 && YAJL_IS_NUMBER(c->u.array.values[0]) &&
        YAJL_IS_NUMBER(c->u.array.values[1]) && z) {
        double x, y;
        if (catalog_project(u->cat, YAJL_GET_DOUBLE(c->u.array.values[0]), YAJL_GET_DOUBLE(c->u.array.values[1]), &x, &y) == 0) {
            v->cx = x;
            v->cy = y;
            double zl = YAJL_GET_DOUBLE(z);
            if (zl >= CM_ZOOM_MIN && zl <= CM_ZOOM_MAX) view_set_zoom_level(v, zl);
        }
    }
    yajl_val fa = yajl_tree_get(root, pa, yajl_t_string), fb = yajl_tree_get(root, pb, yajl_t_string);
    cm_date da, db;
    if (!o->date && !o->from && !o->to && fa && fb && date_parse(YAJL_GET_STRING(fa), &da) == 0 &&
        date_parse(YAJL_GET_STRING(fb), &db) == 0 && da.day <= db.day) {
        if (YAJL_IS_TRUE(yajl_tree_get(root, pw, yajl_t_true))) {
            ui_set_range_mode(u, 1);
            if (da.day > u->when.b) { ui_set_day(u, db.day, 1); ui_set_day(u, da.day, 0); }
            else { ui_set_day(u, da.day, 0); ui_set_day(u, db.day, 1); }
        } else {
            ui_set_range_mode(u, 0);
            ui_set_day(u, da.day, 0);
        }
    }
    yajl_val fd = yajl_tree_get(root, pf, yajl_t_number);
    if (fd && o->fade_days == 30 && YAJL_IS_INTEGER(fd) && YAJL_GET_INTEGER(fd) >= 0 && YAJL_GET_INTEGER(fd) <= 3650)
        u->when.fade = (int32_t)YAJL_GET_INTEGER(fd);
    yajl_val l = yajl_tree_get(root, pl, yajl_t_string);
    if (!o->layers && l) catalog_set_visible(u->cat, YAJL_GET_STRING(l), err, sizeof err); /* unknown names: left as they are */
    yajl_val q = yajl_tree_get(root, pq, yajl_t_string);
    if (!filter_given(o) && q) analyst_set_filter_line(a, u, YAJL_GET_STRING(q));
    if (!o->heat && YAJL_IS_TRUE(yajl_tree_get(root, ph, yajl_t_true))) u->heat = 1;
    yajl_val lf = yajl_tree_get(root, pk, yajl_t_any); /* absent: never chosen, folded as the window's size says */
    if (YAJL_IS_TRUE(lf)) u->legend_folded = 1;
    else if (YAJL_IS_FALSE(lf)) u->legend_folded = 0;
    yajl_tree_free(root);
    ui_log(u, "restored", "");
}

int reopen_save(const cm_analyst *a, const cm_ui *u, const cm_view *v)
{
    char path[1024], tmp[1100];
    if (reopen_path(path, sizeof path, 1) != 0) return -1;
    yajl_gen g = yajl_gen_alloc(NULL);
    if (!g) return -1;
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_config(g, yajl_gen_validate_utf8, 1);
#define KEY(k) yajl_gen_string(g, (const unsigned char *)(k), strlen(k))
    double lon = 0, lat = 0;
    catalog_unproject(u->cat, v->cx, v->cy, &lon, &lat);
    char da[16], db[16], layers[400] = "";
    date_format_iso(u->when.a, da, sizeof da);
    date_format_iso(u->when.b, db, sizeof db);
    for (int k = 0; k < CM_LAYER_COUNT; k++)
        if (u->cat->layers[k].visible) {
            size_t len = strlen(layers);
            snprintf(layers + len, sizeof layers - len, "%s%s", len ? "," : "", u->cat->layers[k].id);
        }
    yajl_gen_map_open(g);
    KEY("center");
    yajl_gen_array_open(g);
    yajl_gen_double(g, lon);
    yajl_gen_double(g, lat);
    yajl_gen_array_close(g);
    KEY("zoom"); yajl_gen_double(g, view_zoom_level(v));
    KEY("from"); KEY(da);
    KEY("to"); KEY(db);
    KEY("window"); yajl_gen_bool(g, u->when.window);
    KEY("fade"); yajl_gen_integer(g, u->when.fade);
    KEY("layers"); KEY(layers[0] ? layers : ",");
    KEY("filter"); KEY(a->line);
    KEY("heat"); yajl_gen_bool(g, u->heat);
    if (u->legend_folded >= 0) { KEY("legend_folded"); yajl_gen_bool(g, u->legend_folded); }
    yajl_gen_map_close(g);
#undef KEY
    const unsigned char *buf;
    size_t len;
    yajl_gen_get_buf(g, &buf, &len);
    /* written beside it, synced, then renamed: a crash never leaves half a file */
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644), rc = -1;
    if (fd >= 0) {
        rc = write(fd, buf, len) == (ssize_t)len && fsync(fd) == 0 ? 0 : -1;
        if (close(fd) != 0) rc = -1;
        if (rc == 0 && rename(tmp, path) != 0) rc = -1;
        if (rc != 0) remove(tmp);
    }
    yajl_gen_free(g);
    if (rc != 0) fprintf(stderr, "conflictmap: %s: cannot save where the window was (%s)\n", path, strerror(errno));
    return rc;
}
