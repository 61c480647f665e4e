/* arena: a bump allocator for the event store's strings and small arrays. A million events
 * would otherwise mean ten million small mallocs, each with its own overhead; here they cost
 * their bytes and nothing more, and the whole store is freed at once. A mark taken before a
 * file is read lets a failed load give back everything it took. */
#ifndef CM_ARENA_H
#define CM_ARENA_H
#include <stddef.h>

typedef struct cm_arena_chunk cm_arena_chunk;

typedef struct {
    cm_arena_chunk *head;  /* newest chunk first */
    size_t bytes;          /* bytes handed out, for memory figures */
} cm_arena;

typedef struct {
    cm_arena_chunk *chunk;
    size_t used, bytes;
} cm_arena_mark;

/* n bytes aligned for any type; NULL when out of memory. */
void *arena_alloc(cm_arena *a, size_t n);
/* A NUL-terminated copy of the first n bytes of s. */
char *arena_strndup(cm_arena *a, const char *s, size_t n);
char *arena_strdup(cm_arena *a, const char *s);
cm_arena_mark arena_mark(const cm_arena *a);
/* Gives back everything allocated since the mark. */
void arena_reset(cm_arena *a, cm_arena_mark m);
void arena_free(cm_arena *a);

#endif
