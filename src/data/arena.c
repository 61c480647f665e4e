/* arena: bump allocation in 1 MiB chunks; see arena.h. */
#include "data/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK (4u << 20)
#define HUGE_PAGE (2u << 20)

struct cm_arena_chunk {
    cm_arena_chunk *next;
    size_t used, cap;
    alignas(max_align_t) char data[];
};

static void *take(cm_arena *a, size_t n, size_t al)
{
    cm_arena_chunk *c = a->head;
    if (c) c->used = (c->used + al - 1) & ~(al - 1);
    if (c && c->used > c->cap) c->used = c->cap;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > CHUNK ? n : CHUNK;
        /* big chunks on huge-page boundaries, with the kernel asked for huge pages: a million
         * events touch half a gigabyte, and 4 KiB page faults were a fifth of the load time */
        void *mem = NULL;
        if (posix_memalign(&mem, HUGE_PAGE, sizeof *c + cap) != 0) return NULL;
        c = mem;
#ifdef MADV_HUGEPAGE
        if (cap >= CHUNK) madvise(mem, sizeof *c + cap, MADV_HUGEPAGE);
#endif
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

void *arena_alloc(cm_arena *a, size_t n) { return take(a, n, alignof(max_align_t)); }

char *arena_strndup(cm_arena *a, const char *s, size_t n)
{
    char *d = take(a, n + 1, 1); /* text needs no alignment: no padding between strings */
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
