/* jsonval: see jsonval.h. */
#include "data/jsonval.h"

#include <stdlib.h>
#include <string.h>

jv *jv_new(jv_type t)
{
    jv *v = calloc(1, sizeof *v);
    if (v) v->t = t;
    return v;
}

int jv_add(jv *p, const char *key, size_t keylen, jv *child)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4;
        jv **ni = realloc(p->items, cap * sizeof *ni);
        if (!ni) return -1;
        p->items = ni;
        if (p->t == JV_OBJ) {
            char **nk = realloc(p->keys, cap * sizeof *nk);
            if (!nk) return -1;
            p->keys = nk;
        }
        p->cap = cap;
    }
    if (p->t == JV_OBJ) {
        char *k = malloc(keylen + 1);
        if (!k) return -1;
        memcpy(k, key, keylen);
        k[keylen] = 0;
        p->keys[p->n] = k;
    }
    p->items[p->n++] = child;
    return 0;
}

const jv *jv_get(const jv *o, const char *key)
{
    if (!o || o->t != JV_OBJ) return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->keys[i], key) == 0) return o->items[i];
    return NULL;
}

const char *jv_type_name(jv_type t)
{
    static const char *names[] = {"null", "boolean", "number", "string", "array", "object"};
    return names[t];
}

void jv_free(jv *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        jv_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->s);
    free(v);
}
