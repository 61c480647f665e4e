/* opener: see opener.h. */
#include "ui/opener.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#if defined(__unix__) && !defined(__APPLE__)
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static Uint32 event_type;

typedef struct {
    pid_t pid;
    Uint32 start;
    char *url;
} job;

/* waits for the opener; posts its failure if it came soon enough to be the answer to the click */
static int watch(void *p)
{
    job *j = p;
    int st = 0;
    pid_t r;
    while ((r = waitpid(j->pid, &st, 0)) < 0 && errno == EINTR) {}
    int code = r < 0 ? 127 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (code != 0 && SDL_GetTicks() - j->start < CM_OPENER_WAIT_MS && event_type != (Uint32)-1) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = event_type;
        e.user.code = code;
        e.user.data1 = j->url;
        if (SDL_PushEvent(&e) == 1) j->url = NULL;
    }
    free(j->url);
    free(j);
    return 0;
}

int opener_open(const char *url)
{
    if (!event_type) event_type = SDL_RegisterEvents(1);
    job *j = calloc(1, sizeof *j);
    if (!j || !(j->url = strdup(url))) {
        free(j);
        return -1;
    }
    char *argv[] = {"xdg-open", j->url, NULL};
    if (posix_spawnp(&j->pid, "xdg-open", NULL, NULL, argv, environ) != 0) { /* none in PATH, or not runnable */
        free(j->url);
        free(j);
        return -1;
    }
    j->start = SDL_GetTicks();
    SDL_Thread *t = SDL_CreateThread(watch, "opener", j);
    if (!t) { /* no thread: the child is left to init; nothing more is known */
        free(j->url);
        free(j);
        return 0;
    }
    SDL_DetachThread(t);
    return 0;
}

Uint32 opener_event(void) { return event_type == (Uint32)-1 ? 0 : event_type; }

#else

int opener_open(const char *url) { return SDL_OpenURL(url) == 0 ? 0 : -1; }
Uint32 opener_event(void) { return 0; }

#endif
