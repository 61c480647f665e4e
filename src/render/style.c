/* style: palette lookups; see style.h. */
#include "render/style.h"

#include <string.h>

#include "data/catalog.h"

const Uint32 CM_GOV_FILLS[CM_GOV_FILL_COUNT] = {0xF3ECDDu, 0xEBE1CAu, 0xF7F3EAu, 0xE6DCC4u};

/* A hand-made four-colouring of Syria's governorate adjacency (no two neighbours share a tint). */
static const struct { const char *iso; int tint; } TINTS[] = {
    {"SY-HL", 0}, {"SY-ID", 1}, {"SY-LA", 0}, {"SY-TA", 1}, {"SY-HM", 2}, {"SY-HI", 0},
    {"SY-RA", 1}, {"SY-DY", 2}, {"SY-HA", 0}, {"SY-RD", 1}, {"SY-DI", 3}, {"SY-QU", 2},
    {"SY-DR", 0}, {"SY-SU", 3},
};

SDL_Color style_gov_fill(const char *iso)
{
    if (iso && strcmp(iso, "SY-X01~") == 0) return CM_RGB(CM_UNDOF_FILL);
    for (size_t i = 0; iso && i < sizeof TINTS / sizeof TINTS[0]; i++)
        if (strcmp(TINTS[i].iso, iso) == 0) return CM_RGB(CM_GOV_FILLS[TINTS[i].tint]);
    return CM_RGB(CM_GOV_FILLS[0]);
}

const cm_layer_style *style_layer(int layer)
{
    if (layer < CM_LAYER_FIRST_EVENT || layer >= CM_LAYER_COUNT) return NULL;
    return &categories_layer(layer)->look;
}
