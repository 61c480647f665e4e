/* style: palette lookups; see style.h. */
#include "render/style.h"

#include <string.h>

#include "data/catalog.h"

const Uint32 CM_GOV_FILLS[CM_GOV_FILL_COUNT] = {0xF3ECDDu, 0xEBE1CAu, 0xF7F3EAu, 0xE6DCC4u};

SDL_Color style_gov_fill(const cm_profile *p, const char *iso)
{
    return CM_RGB(CM_GOV_FILLS[profile_tint(p, iso) % CM_GOV_FILL_COUNT]);
}

const cm_layer_style *style_layer(int layer)
{
    if (layer < CM_LAYER_FIRST_EVENT || layer >= CM_LAYER_COUNT) return NULL;
    return &categories_layer(layer)->look;
}
