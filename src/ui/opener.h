/* opener: opens a link in the user's browser and finds out whether it could. SDL_OpenURL
 * cannot tell: on Unix it reports success as soon as it has forked, whether or not xdg-open
 * exists or fails. Here xdg-open is started directly: if it cannot be started, opener_open
 * says so at once; if it exits with an error within CM_OPENER_WAIT_MS (no browser found, say),
 * a thread that waits for it posts an event (opener_event()) the window turns into a message.
 * Elsewhere than Unix, SDL_OpenURL. */
#ifndef CM_OPENER_H
#define CM_OPENER_H
#include <SDL2/SDL.h>

#define CM_OPENER_WAIT_MS 15000

/* Starts opening url: 0 when the opener started, -1 when it could not (none found). */
int opener_open(const char *url);
/* The event type of a failure found later (0 before any opener_open): user.code is the
 * opener's exit status, user.data1 the URL (malloc'd: the receiver frees it). */
Uint32 opener_event(void);

#endif
