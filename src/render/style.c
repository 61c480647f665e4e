/* style: palette lookups; see style.h. */
#include "render/style.h"

#include <string.h>

#include "data/catalog.h"

const Uint32 CM_GOV_FILLS[CM_GOV_FILL_COUNT] = {0xF3ECDDu, 0xEBE1CAu, 0xF7F3EAu, 0xE6DCC4u};

SDL_Color style_gov_fill(const cm_profile *p, const char *iso)
{
    return CM_RGB(CM_GOV_FILLS[profile_tint(p, iso) % CM_GOV_FILL_COUNT]);
}

static const cm_layer_style LAYER_STYLES[CM_LAYER_COUNT] = {
    [CM_LAYER_STRIKES] = {0xEE7733u, CM_MARK_DIAMOND, 80, 0},
    [CM_LAYER_VIOLENCE] = {0xCC3311u, CM_MARK_CIRCLE, 80, 0},
    [CM_LAYER_ZONES] = {0x0077BBu, CM_MARK_TRIANGLE, 40, 1},
    [CM_LAYER_DIPLOMACY] = {0x009988u, CM_MARK_SQUARE, 60, 0},
    [CM_LAYER_TRANSITION] = {0xEE3377u, CM_MARK_STAR, 60, 0},
    [CM_LAYER_STATEMENTS] = {0x33BBEEu, CM_MARK_RING, 60, 0},
    /* ACLED's types, in Paul Tol's "muted" set, with shapes of their own */
    [CM_LAYER_BATTLES] = {0x882255u, CM_MARK_HEXAGON, 60, 0},
    [CM_LAYER_EXPLOSIONS] = {0xDDAA33u, CM_MARK_PLUS, 60, 0},
    [CM_LAYER_CIVILIANS] = {0x332288u, CM_MARK_TRIDOWN, 60, 0},
    [CM_LAYER_PROTESTS] = {0x44AA99u, CM_MARK_CIRCLE, 60, 0},
    [CM_LAYER_RIOTS] = {0x999933u, CM_MARK_CROSS, 60, 0},
    [CM_LAYER_STRATEGIC] = {0x6699CCu, CM_MARK_SQUARE, 60, 0},
};

const cm_layer_style *style_layer(int layer)
{
    if (layer < CM_LAYER_FIRST_EVENT || layer >= CM_LAYER_COUNT) return NULL;
    return &LAYER_STYLES[layer];
}
