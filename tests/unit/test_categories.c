/* test_categories: walks the table of categories and layers (data/categories.h) and checks
 * that every row reaches each of the places derived from it: the name --layers takes (and
 * --help lists), the window key or legend number key that toggles it, the legend row, the
 * marker style, the base shapefile it loads, the GeoJSON "category" value, --type, and the
 * importers' mappings (every ACLED event type of a row, today's and older, and every UCDP
 * type_of_violence code). A consumer that keeps a list of its own fails here when a row is
 * added to the table and not to it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/catalog.h"
#include "data/categories.h"
#include "data/date.h"
#include "data/filter.h"
#include "options.h"
#include "render/style.h"
#include "render/text.h"
#include "ui/frame.h"
#include "ui/input.h"
#include "ui/legend.h"
#include "ui/popups.h"
#include "ui/state.h"

#define MAP_CRS "EPSG:22770"

static char tmpdir[256];

static const char *env(const char *name)
{
    const char *v = getenv(name);
    if (!v) print_error("environment variable %s is not set (run the tests with ctest)\n", name);
    return v;
}

static const char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* A catalog of the real geodata with the events of one file. */
static void load(cm_catalog *c, const char *events)
{
    char err[1024] = "";
    if (catalog_load(c, env("CM_GEODATA"), MAP_CRS, err, sizeof err) != 0) fail_msg("catalog_load: %s", err);
    if (events && catalog_add_events(c, events, err, sizeof err) != 0) fail_msg("%s", err);
    if (catalog_finish_events(c, err, sizeof err) != 0) fail_msg("%s", err);
}

/* A GeoJSON file with one point event in Damascus for each category whose layer is in
 * [l0, l1), each dated 2025-07-16 and with the category's id as its "category". */
static const char *geojson_of_layers(const char *name, int l0, int l1)
{
    static char text[16384];
    size_t n = (size_t)snprintf(text, sizeof text, "{\"type\":\"FeatureCollection\",\"features\":[");
    int first = 1;
    for (int c = 0; c < CM_CAT_COUNT; c++) {
        const cm_category_def *d = categories_category(c);
        if ((int)d->layer < l0 || (int)d->layer >= l1) continue;
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"ev-%s\",\"title\":\"A %s\",\"category\":\"%s\","
                              "\"start\":\"2025-07-16\",\"sources\":[{\"outlet\":\"Test\"}]},"
                              "\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.29,33.51]}}",
                              first ? "" : ",", d->id, d->id, d->id);
        first = 0;
    }
    snprintf(text + n, sizeof text - n, "]}\n");
    const char *p = tmp_path(name);
    write_text(p, text);
    return p;
}

static int find_event(const cm_catalog *c, const char *id)
{
    for (int i = 0; i < c->events.n; i++)
        if (strcmp(c->events.ev[i].id, id) == 0) return i;
    return -1;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s/cm_categories_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- the tables themselves */

static void test_rows_are_whole(void **state)
{
    (void)state;
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        const cm_layer_def *d = categories_layer(k);
        assert_non_null(d);
        if (!d->id || !*d->id || !d->title || !*d->title) fail_msg("layer %d: no id or title", k);
        for (int j = 0; j < k; j++)
            if (strcmp(categories_layer(j)->id, d->id) == 0) fail_msg("layer id '%s' twice", d->id);
        if (k < CM_LAYER_FIRST_EVENT && !d->key) fail_msg("base layer %s has no key", d->id);
        if (k >= CM_LAYER_FIRST_EVENT && (d->key || d->file)) fail_msg("event layer %s has a key or a file", d->id);
        if (k >= CM_LAYER_FIRST_EVENT) { /* a layer no category is drawn in could never show anything */
            int used = 0;
            for (int c = 0; c < CM_CAT_COUNT; c++) used |= (int)categories_category(c)->layer == k;
            if (!used) fail_msg("event layer %s: no category is drawn in it", d->id);
        }
    }
    assert_null(categories_layer(CM_LAYER_COUNT));
    assert_null(categories_layer(-1));
    for (int c = 0; c < CM_CAT_COUNT; c++) {
        const cm_category_def *d = categories_category(c);
        if (!d->id || !*d->id || !d->title || !*d->title || !d->disorder) fail_msg("category %d: a column is empty", c);
        if ((int)d->layer < CM_LAYER_FIRST_EVENT || d->layer >= CM_LAYER_COUNT) fail_msg("category %s: not in an event layer", d->id);
        for (int j = 0; j < c; j++)
            if (strcmp(categories_category(j)->id, d->id) == 0) fail_msg("category id '%s' twice", d->id);
        if (!categories_acled_name(d->near)) fail_msg("category %s: its nearest ACLED category has no ACLED name", d->id);
    }
    assert_null(categories_category(CM_CAT_COUNT));
}

/* ---------------------------------------------------------------- layers */

/* --layers takes every id (and --help lists it); catalog_set_visible shows that layer alone. */
static void test_layers_option(void **state)
{
    (void)state;
    char *help = NULL;
    size_t helplen = 0;
    FILE *hf = open_memstream(&help, &helplen);
    assert_non_null(hf);
    options_usage(hf);
    fclose(hf);
    cm_catalog c;
    load(&c, NULL);
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        const char *id = categories_layer(k)->id;
        assert_int_equal(catalog_layer_by_id(id), k);
        char *argv[] = {"conflictmap", "--layers", (char *)id, "--list", NULL};
        cm_options o;
        char err[512] = "";
        if (options_parse(4, argv, &o, err, sizeof err) != 0) fail_msg("--layers %s: %s", id, err);
        char err2[512] = "";
        if (catalog_set_visible(&c, id, err2, sizeof err2) != 0) fail_msg("catalog_set_visible(%s): %s", id, err2);
        for (int j = 0; j < CM_LAYER_COUNT; j++)
            if (c.layers[j].visible != (j == k)) fail_msg("--layers %s: layer %s visible=%d", id, c.layers[j].id, c.layers[j].visible);
        assert_string_equal(c.layers[k].id, id);
        assert_string_equal(c.layers[k].name, categories_layer(k)->title); /* the legend's name */
        char word[64]; /* listed in --help as a word of the --layers lines */
        snprintf(word, sizeof word, " %s", id);
        const char *at = strstr(help, "--layers");
        const char *end = at ? strstr(at, "--size") : NULL;
        const char *hit = at ? strstr(at, word) : NULL;
        if (!hit || hit > end || (hit[strlen(word)] != ',' && hit[strlen(word)] != ' '))
            fail_msg("--help does not list layer %s under --layers", id);
        if (categories_layer(k)->file && c.layers[k].shp.nfeatures <= 0) fail_msg("layer %s: nothing loaded from its file", id);
    }
    char err[512] = "";
    assert_int_equal(catalog_set_visible(&c, "nosuch", err, sizeof err), -1);
    for (int k = 0; k < CM_LAYER_COUNT; k++) /* the message names every layer */
        if (!strstr(err, categories_layer(k)->id)) fail_msg("the unknown-layer message leaves out %s: %s", categories_layer(k)->id, err);
    catalog_free(&c);
    free(help);
}

static void test_layer_styles(void **state)
{
    (void)state;
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        const cm_layer_style *s = style_layer(k);
        if (k < CM_LAYER_FIRST_EVENT) {
            assert_null(s);
            continue;
        }
        if (!s) fail_msg("event layer %s has no style", categories_layer(k)->id);
        assert_int_equal(s->color, categories_layer(k)->look.color);
        assert_int_equal(s->marker, categories_layer(k)->look.marker);
        for (int j = CM_LAYER_FIRST_EVENT; j < k; j++) /* told apart by colour or shape, and no two share a colour */
            if (style_layer(j)->color == s->color)
                fail_msg("layers %s and %s share the colour %06X", categories_layer(j)->id, categories_layer(k)->id, s->color);
    }
}

static int key_event(cm_input *in, SDL_Keycode k)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    return input_handle(in, &e, 1000);
}

/* In the window: every event layer has a legend row (drawn with its title) and its number
 * key toggles it; every base layer has a row and its own key toggles it. The event layers are
 * loaded nine at a time, since the number keys reach the first nine rows. */
static void test_legend_rows_and_keys(void **state)
{
    (void)state;
    char dir[1024], err[512];
    snprintf(dir, sizeof dir, "%s/assets/fonts", env("CM_SRC"));
    cm_text *text = text_open(dir, err, sizeof err);
    if (!text) fail_msg("%s", err);
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    assert_non_null(r);
    int rowed[CM_LAYER_COUNT] = {0}, keyed[CM_LAYER_COUNT] = {0};
    for (int l0 = CM_LAYER_FIRST_EVENT; l0 < CM_LAYER_COUNT; l0 += 9) {
        int l1 = l0 + 9 < CM_LAYER_COUNT ? l0 + 9 : CM_LAYER_COUNT;
        cm_catalog c;
        load(&c, geojson_of_layers("legend.geojson", l0, l1));
        for (int cat = 0; cat < CM_CAT_COUNT; cat++) { /* the GeoJSON category value reads back */
            const cm_category_def *d = categories_category(cat);
            if ((int)d->layer < l0 || (int)d->layer >= l1) continue;
            char id[64];
            snprintf(id, sizeof id, "ev-%s", d->id);
            int i = find_event(&c, id);
            if (i < 0) fail_msg("GeoJSON category %s: event not loaded", d->id);
            assert_int_equal(c.events.ev[i].cat, cat);
        }
        cm_date d;
        assert_int_equal(date_parse("2025-07-16", &d), 0);
        cm_when w = {date_first(d), date_first(d), 30, 0};
        static cm_ui u; /* ui_init expects a zeroed struct */
        memset(&u, 0, sizeof u);
        ui_init(&u, &c, &w, NULL);
        static cm_frame f;
        memset(&f, 0, sizeof f);
        frame_layout(&f, 1280, 800, 1.0f, 0);
        cm_vbuf vb = {0};
        cm_ctl s = {.cat = &c, .text = text, .ui = 1.0f, .when = w, .state = &u, .frame = &f};
        s.view.w = (int)f.map.w;
        s.view.h = (int)f.map.h;
        view_fit(&s.view, c.home, 20);
        SDL_FRect box = legend_rect(r, &s, 10, 10);
        legend_draw(r, &vb, &s, box);
        vbuf_free(&vb);
        cm_view v = s.view;
        cm_input in = {.u = &u, .f = &f, .view = &v, .home = c.home, .ratio = 1, .mx = -100, .my = -100};
        int number = 0;
        for (int i = 0; i < f.nlegend; i++) {
            int k = f.legend_layer[i];
            if (k < 0) continue;
            rowed[k] = 1;
            int before = c.layers[k].visible;
            SDL_Keycode key = k >= CM_LAYER_FIRST_EVENT ? SDLK_1 + number++ : (SDL_Keycode)categories_layer(k)->key;
            if (k >= CM_LAYER_FIRST_EVENT && number > 9) continue;
            key_event(&in, key);
            if (c.layers[k].visible == before) fail_msg("the key %c does not toggle layer %s", (char)key, c.layers[k].id);
            for (int j = 0; j < CM_LAYER_COUNT; j++)
                if (j != k && c.layers[j].visible != 1) fail_msg("the key %c toggled layer %s too", (char)key, c.layers[j].id);
            key_event(&in, key);
            assert_int_equal(c.layers[k].visible, before);
            keyed[k] = 1;
        }
        char desc[8192];
        legend_describe(&s, &f, desc, sizeof desc);
        for (int k = l0; k < l1; k++) {
            char want[64];
            snprintf(want, sizeof want, "\"id\":\"%s\"", categories_layer(k)->id);
            if (!strstr(desc, want)) fail_msg("the legend's description has no row %s: %s", categories_layer(k)->id, desc);
        }
        ui_free(&u);
        catalog_free(&c);
    }
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        if (!rowed[k]) fail_msg("layer %s has no legend row", categories_layer(k)->id);
        if (!keyed[k]) fail_msg("layer %s has no key", categories_layer(k)->id);
    }
    text_close(text); /* its textures first, then their renderer */
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

/* ---------------------------------------------------------------- categories */

/* --type takes a category's id, its title, its layer's id and its ACLED name */
/* The help's row of base-layer keys is the table's: every key, in the table's order, beside
 * the layer it toggles (a key added to the table is listed without touching the help). */
static void test_help_lists_table_keys(void **state)
{
    (void)state;
    char keys[64], what[160], want_k[64] = "", want_w[160] = "show or hide";
    for (int l = 0; l < CM_LAYER_COUNT; l++) {
        const cm_layer_def *d = categories_layer(l);
        if (!d->key) continue;
        assert_int_equal(categories_layer_by_key(d->key), l); /* the key the window acts on */
        char k[8], t[64];
        snprintf(k, sizeof k, "%s%c", want_k[0] ? ", " : "", d->key - 'a' + 'A');
        strcat(want_k, k);
        size_t i = 0;
        for (; d->title[i] && i + 1 < sizeof t; i++) t[i] = (char)(d->title[i] | (d->title[i] >= 'A' && d->title[i] <= 'Z' ? 0x20 : 0));
        t[i] = 0;
        strcat(want_w, strcmp(want_w, "show or hide") ? ", " : " ");
        strcat(want_w, t);
    }
    popups_help_layer_keys(keys, sizeof keys, what, sizeof what);
    assert_string_equal(keys, want_k);
    assert_string_equal(what, want_w);
    /* today's table, spelled out */
    assert_string_equal(keys, "C, G, T, L");
    assert_string_equal(what, "show or hide countries, governorates, cities, labels");
    /* a short buffer stays terminated */
    char sk[4], sw[8];
    popups_help_layer_keys(sk, sizeof sk, sw, sizeof sw);
    assert_true(strlen(sk) < sizeof sk && strlen(sw) < sizeof sw);
}

static void test_type_filter(void **state)
{
    (void)state;
    for (int c = 0; c < CM_CAT_COUNT; c++) {
        const cm_category_def *d = categories_category(c);
        const char *names[] = {d->id, d->title, categories_layer((int)d->layer)->id, d->acled};
        for (int i = 0; i < 4; i++) {
            if (!names[i]) continue;
            cm_filter f;
            filter_init(&f);
            char err[256] = "";
            if (filter_set_types(&f, names[i], err, sizeof err) != 0) fail_msg("--type '%s': %s", names[i], err);
            if (!(f.cats & (1u << c))) fail_msg("--type '%s' does not select category %s", names[i], d->id);
        }
    }
}

/* Every ACLED name of every row (today's and the older ones) imports as that row's category. */
static void test_acled_mapping(void **state)
{
    (void)state;
    char text[16384];
    size_t n = (size_t)snprintf(text, sizeof text, "event_id_cnty,event_date,event_type,latitude,longitude\n");
    int rows = 0;
    for (int c = 0; c < CM_CAT_COUNT; c++) {
        const cm_category_def *d = categories_category(c);
        const char *lists[2] = {d->acled, d->older};
        for (int l = 0; l < 2; l++)
            for (const char *p = lists[l]; p && *p;) {
                size_t len = strcspn(p, "|");
                n += (size_t)snprintf(text + n, sizeof text - n, "A%d-%d,2025-07-16,\"%.*s\",33.51,36.29\n", c, rows++, (int)len, p);
                p += len + (p[len] == '|');
            }
    }
    assert_true(rows >= 6 + 9); /* today's six types and the nine older ones */
    const char *path = tmp_path("types.csv");
    write_text(path, text);
    cm_catalog cat;
    load(&cat, path);
    assert_int_equal(cat.events.n, rows);
    for (int i = 0; i < cat.events.n; i++) {
        int c = atoi(cat.events.ev[i].id + 1);
        if (cat.events.ev[i].cat != c)
            fail_msg("ACLED event type '%s' imported as %s, the table says %s", events_attr(&cat.events.ev[i], "event_type"),
                     categories_category(cat.events.ev[i].cat)->id, categories_category(c)->id);
    }
    catalog_free(&cat);
}

/* Every UCDP type_of_violence code (1, 2, 3) has a row, and imports as its category. */
static void test_ucdp_mapping(void **state)
{
    (void)state;
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "id,date_start,date_end,type_of_violence,latitude,longitude\n");
    for (int code = 1; code <= 3; code++) {
        cm_category c;
        if (categories_from_ucdp(code, &c) != 0) fail_msg("UCDP type_of_violence %d has no category", code);
        if (!*categories_ucdp_name(code)) fail_msg("UCDP type_of_violence %d has no name", code);
        n += (size_t)snprintf(text + n, sizeof text - n, "%d,2025-07-16,2025-07-16,%d,33.51,36.29\n", 9000 + code, code);
    }
    const char *path = tmp_path("ucdp.csv");
    write_text(path, text);
    cm_catalog cat;
    load(&cat, path);
    assert_int_equal(cat.events.n, 3);
    for (int code = 1; code <= 3; code++) {
        char id[16];
        snprintf(id, sizeof id, "%d", 9000 + code);
        int i = find_event(&cat, id);
        assert_true(i >= 0);
        cm_category want;
        categories_from_ucdp(code, &want);
        if (cat.events.ev[i].cat != want)
            fail_msg("UCDP type %d imported as %s, the table says %s", code, categories_category(cat.events.ev[i].cat)->id,
                     categories_category(want)->id);
        assert_string_equal(events_attr(&cat.events.ev[i], "event_type"), categories_ucdp_name(code));
    }
    for (int c = 0; c < CM_CAT_COUNT; c++) /* and a row's codes are its own */
        for (int code = 0; code < 32; code++)
            if (categories_category(c)->ucdp & CM_UCDP(code)) {
                cm_category got;
                assert_int_equal(categories_from_ucdp(code, &got), 0);
                assert_int_equal(got, c);
            }
    catalog_free(&cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_are_whole),
        cmocka_unit_test(test_layers_option),
        cmocka_unit_test(test_layer_styles),
        cmocka_unit_test(test_help_lists_table_keys),
        cmocka_unit_test(test_legend_rows_and_keys),
        cmocka_unit_test(test_type_filter),
        cmocka_unit_test(test_acled_mapping),
        cmocka_unit_test(test_ucdp_mapping),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
