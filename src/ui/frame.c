/* frame: window regions; see frame.h. */
#include "ui/frame.h"

void frame_layout(cm_frame *f, int w, int h, float ui, int panel_open)
{
    float th = CM_TIMELINE_H * ui, pw = CM_PANEL_W * ui;
    if (pw > w * 0.6f) pw = w * 0.6f;
    f->timeline = (SDL_FRect){0, h - th, (float)w, th};
    f->map = (SDL_FRect){0, 0, (float)w, h - th};
    f->panel = panel_open ? (SDL_FRect){w - pw, 0, pw, h - th} : (SDL_FRect){(float)w, 0, 0, h - th};
}
