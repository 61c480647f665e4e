/* reopen: the window opens where it was closed. On closing it saves the view (centre, zoom,
 * date or window, fade, layers, filter, heat) to $XDG_STATE_HOME/conflictmap/view.json (else
 * ~/.local/state/conflictmap/view.json), written to a temporary file, synced and renamed; on
 * opening it restores what the command line does not give. --fresh ignores the file. */
#ifndef CM_UI_REOPEN_H
#define CM_UI_REOPEN_H
#include <stddef.h>

#include "render/view.h"
#include "ui/analyst.h"
#include "ui/state.h"

/* The state file's path (its directory made when make_dir); 0, or -1 with no place for it. */
int reopen_path(char *buf, size_t n, int make_dir);
/* Restores the saved view into u and v, except what the command line gave; logs "restored". */
void reopen_restore(cm_analyst *a, cm_ui *u, cm_view *v);
/* Saves the view; 0, or -1 (with one line on stderr). */
int reopen_save(const cm_analyst *a, const cm_ui *u, const cm_view *v);

#endif
