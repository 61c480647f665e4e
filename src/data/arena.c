/* arena: bump allocation in 1 MiB chunks; see arena.h. */
#include "data/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

struct cm_arena_chunk {
    cm_arena_chunk *next;
    size_t used, cap;
    alignas(max_align_t) char data[];
};

void *arena_alloc(cm_arena *a, size_t n)
{
    const size_t al = alignof(max_align_t);
    n = (n + al - 1) & ~(al - 1);
    cm_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > CHUNK ? n : CHUNK;
        c = malloc(sizeof *c + cap);
        if (!c) return NULL;
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->bytes += n;
    return p;
}

char *arena_strndup(cm_arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *arena_strdup(cm_arena *a, const char *s) { return s ? arena_strndup(a, s, strlen(s)) : NULL; }

cm_arena_mark arena_mark(const cm_arena *a)
{
    return (cm_arena_mark){a->head, a->head ? a->head->used : 0, a->bytes};
}

void arena_reset(cm_arena *a, cm_arena_mark m)
{
    while (a->head && a->head != m.chunk) {
        cm_arena_chunk *n = a->head->next;
        free(a->head);
        a->head = n;
    }
    if (a->head) a->head->used = m.used;
    a->bytes = m.bytes;
}

void arena_free(cm_arena *a)
{
    arena_reset(a, (cm_arena_mark){NULL, 0, 0});
}
