/* logline: one --log-ui line of key-value members, {"event": kind, key: value...}, written
 * with yajl so that any text is valid JSON. Used by the panels and controls that log what
 * they show (its own module so that they need not include each other). */
#ifndef CM_LOGLINE_H
#define CM_LOGLINE_H
#include "ui/state.h"

/* a member: its value is str, or num when str is NULL */
typedef struct {
    const char *key, *str;
    long num;
} cm_logkv;

/* Writes the line to u->log (nothing when the window does not log). */
void logline_write(const cm_ui *u, const char *kind, const cm_logkv *f, int n);

#endif
