/* pngmeta: the text chunks of a picture of the map; see pngmeta.h. */
#include "render/pngmeta.h"

#include <stdio.h>
#include <string.h>

#include "data/date.h"

/* appends s to buf (at *k), quoted for a POSIX shell when it holds anything but safe characters */
static void put_word(char *buf, size_t n, size_t *k, const char *s)
{
    int plain = *s != 0;
    for (const char *p = s; *p && plain; p++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./,:=+@%", *p) != NULL;
    if (*k + 1 >= n) return;
    if (*k) buf[(*k)++] = ' ';
    if (plain) {
        *k += (size_t)snprintf(buf + *k, n - *k, "%s", s);
    } else {
        if (*k + 1 < n) buf[(*k)++] = '\'';
        for (const char *p = s; *p && *k + 5 < n; p++) {
            if (*p == '\'') { memcpy(buf + *k, "'\\''", 4); *k += 4; }
            else buf[(*k)++] = *p;
        }
        if (*k + 1 < n) buf[(*k)++] = '\'';
    }
    if (*k >= n) *k = n - 1;
    buf[*k] = 0;
}

void pngmeta_quote_argv(int argc, char **argv, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < argc && n; i++) put_word(buf, n, &k, argv[i]);
}

typedef struct {
    const cm_catalog *cat;
    long sources, events;
} count_ctx;

/* the events the picture shows: shown at the date and on a visible layer */
static int count_one(const cm_event *e, int idx, void *p)
{
    count_ctx *c = p;
    (void)idx;
    if (!c->cat->layers[catalog_event_layer(e->cat)].visible) return 0;
    c->events++;
    c->sources += e->nsrc;
    return 0;
}

void pngmeta_fill(cm_pngmeta *m, const char *command, const char *const *files, int nfiles, const cm_catalog *cat,
                  const cm_when *w)
{
    int k = 0;
    m->t[k++] = (cm_png_text){"Software", "conflictmap"};
    if (command) {
        if (command != m->command) snprintf(m->command, sizeof m->command, "%s", command);
        m->t[k++] = (cm_png_text){"conflictmap:command", m->command};
    }
    char a[16], b[16];
    date_format_iso(w->a, a, sizeof a);
    date_format_iso(w->b, b, sizeof b);
    if (w->a == w->b) snprintf(m->when, sizeof m->when, "%s (points fade over %d days)", a, (int)w->fade);
    else snprintf(m->when, sizeof m->when, "%s/%s", a, b);
    m->t[k++] = (cm_png_text){"conflictmap:date", m->when};
    size_t at = 0;
    m->data[0] = 0;
    for (int i = 0; i < nfiles && at + 1 < sizeof m->data; i++) {
        int r = snprintf(m->data + at, sizeof m->data - at, "%s%s", i ? "; " : "", files[i]);
        if (r < 0) break;
        at += (size_t)r;
    }
    m->t[k++] = (cm_png_text){"conflictmap:data", m->data};
    count_ctx c = {cat, 0, 0};
    events_each_shown(&cat->events, w, count_one, &c);
    snprintf(m->sources, sizeof m->sources, "%ld sources, %ld events", c.sources, c.events);
    m->t[k++] = (cm_png_text){"conflictmap:sources", m->sources};
}
