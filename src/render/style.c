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

static const cm_layer_style LAYER_STYLES[CM_LAYER_COUNT] = {
    [CM_LAYER_STRIKES] = {0xD99C0Cu, CM_MARK_DIAMOND, 80, 0},
    [CM_LAYER_VIOLENCE] = {0xCC3311u, CM_MARK_CIRCLE, 80, 0},
    [CM_LAYER_ZONES] = {0x0077BBu, CM_MARK_TRIANGLE, 40, 1},
    [CM_LAYER_DIPLOMACY] = {0x12A3A8u, CM_MARK_SQUARE, 60, 0},
    [CM_LAYER_TRANSITION] = {0xEE3377u, CM_MARK_STAR, 60, 0},
    [CM_LAYER_STATEMENTS] = {0x4EB6E4u, CM_MARK_RING, 60, 0},
    /* ACLED's types, with shapes of their own. The colours of every layer but violence, zones
     * and transition (Paul Tol's) were chosen so that any two stay at least 20 apart (CIE76)
     * both in normal sight and under a deuteranopia simulation (Machado 2009): Tol's "muted"
     * set fell to 7 there (test_render_layout measures it on a render, clusters included) */
    [CM_LAYER_BATTLES] = {0x9F0C5Eu, CM_MARK_HEXAGON, 60, 0},
    [CM_LAYER_EXPLOSIONS] = {0xB6AC5Au, CM_MARK_PLUS, 60, 0},
    [CM_LAYER_CIVILIANS] = {0x7C277Fu, CM_MARK_TRIDOWN, 60, 0},
    [CM_LAYER_PROTESTS] = {0x005924u, CM_MARK_CIRCLE, 60, 0},
    [CM_LAYER_RIOTS] = {0x0E8C31u, CM_MARK_CROSS, 60, 0},
    [CM_LAYER_STRATEGIC] = {0x2978F2u, CM_MARK_SQUARE, 60, 0},
};

const cm_layer_style *style_layer(int layer)
{
    if (layer < CM_LAYER_FIRST_EVENT || layer >= CM_LAYER_COUNT) return NULL;
    return &LAYER_STYLES[layer];
}
