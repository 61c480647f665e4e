/* jsonval: a small JSON value tree, built piece by piece from a streaming parser's
 * callbacks. The GeoJSON reader builds one Feature at a time with it, so memory stays at
 * the size of one feature however large the file is. */
#ifndef CM_JSONVAL_H
#define CM_JSONVAL_H
#include <stddef.h>

typedef enum { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ } jv_type;

typedef struct jv {
    jv_type t;
    int b;
    double num;
    char *s;             /* JV_STR */
    size_t n, cap;       /* JV_ARR / JV_OBJ members */
    char **keys;         /* JV_OBJ */
    struct jv **items;
} jv;

jv *jv_new(jv_type t);
/* Appends child to an array, or to an object under key (copied). 0, or -1 when out of memory. */
int jv_add(jv *parent, const char *key, size_t keylen, jv *child);
/* Member of an object, or NULL. */
const jv *jv_get(const jv *o, const char *key);
const char *jv_type_name(jv_type t);
void jv_free(jv *v);

#endif
