/* outside: see outside.h. */
#include "render/outside.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int outside_is(const cm_catalog *c, const cm_event *e)
{
    if (!e->has_point || e->is_area || e->offmap) return 0;
    const double *h = c->home;
    double dx = (h[2] - h[0]) * 1.5, dy = (h[3] - h[1]) * 1.5;
    return e->x < h[0] - dx || e->x > h[2] + dx || e->y < h[1] - dy || e->y > h[3] + dy;
}

typedef struct {
    const char *name;
    int n;
} country;

typedef struct {
    const cm_catalog *cat;
    const cm_when *when;
    country *c;
    int nc, cap, total;
    const char *last;     /* the last name matched, and its slot: exports come sorted by country */
    int last_i;
} sum_ctx;

static int add(const cm_event *e, int idx, void *p)
{
    sum_ctx *c = p;
    (void)idx;
    if (!outside_is(c->cat, e) || !c->cat->layers[catalog_event_layer(e->cat)].visible) return 0;
    if (events_weight(e, c->when) <= 0) return 0;
    const char *name = events_attr(e, "country");
    if (!name || !*name) name = "unknown";
    c->total++;
    if (c->last && (c->last == name || strcmp(c->last, name) == 0)) {
        c->c[c->last_i].n++;
        c->last = name;
        return 0;
    }
    int i = 0;
    while (i < c->nc && strcmp(c->c[i].name, name) != 0) i++;
    if (i == c->nc) {
        if (c->nc == c->cap) {
            int cap = c->cap ? c->cap * 2 : 16;
            country *nc = realloc(c->c, sizeof *nc * (size_t)cap);
            if (!nc) return 1;
            c->c = nc;
            c->cap = cap;
        }
        c->c[c->nc++] = (country){name, 0};
    }
    c->c[i].n++;
    c->last = name;
    c->last_i = i;
    return 0;
}

static int most_first(const void *a, const void *b)
{
    const country *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* 1234567 -> "1,234,567" */
static void thousands(int v, char *buf, size_t n)
{
    char d[16];
    snprintf(d, sizeof d, "%d", v);
    size_t len = strlen(d), k = 0;
    for (size_t i = 0; i < len && k + 1 < n; i++) {
        if (i && (len - i) % 3 == 0 && k + 2 < n) buf[k++] = ',';
        buf[k++] = d[i];
    }
    buf[k] = 0;
}

int outside_summary(const cm_catalog *cat, const cm_when *when, char *buf, size_t n)
{
    sum_ctx c = {.cat = cat, .when = when};
    buf[0] = 0;
    events_each_shown(&cat->events, when, add, &c);
    if (c.total) {
        qsort(c.c, (size_t)c.nc, sizeof *c.c, most_first);
        char t[24];
        thousands(c.total, t, sizeof t);
        size_t k = (size_t)snprintf(buf, n, "%s %s outside this map:", t, c.total == 1 ? "event is" : "events are");
        for (int i = 0; i < c.nc && i < 4 && k < n; i++) {
            thousands(c.c[i].n, t, sizeof t);
            k += (size_t)snprintf(buf + k, n - k, "%s %s %s", i ? "," : "", c.c[i].name, t);
        }
        if (c.nc > 4 && k < n) snprintf(buf + k, n - k, ", \xE2\x80\xA6");
    }
    free(c.c);
    return c.total;
}
