/* categories: the one table of event categories and of the layers that draw them. Everything
 * else is derived from it: the enums, the legend's names, order and swatches, the keys that
 * toggle base layers, the marker colours and shapes (render/style), the names --layers and
 * --type accept, the GeoJSON "category" values, and the importers' mappings (ACLED's event
 * types, today's and those used before 2019, and UCDP's type_of_violence codes) with the
 * ACLED type and disorder type an export writes.
 *
 * Adding an event type is one row of CM_CATEGORY_TABLE (and one of CM_LAYER_TABLE when it is
 * drawn in a layer of its own). tests/unit/test_categories.c walks both tables and checks that
 * every row is reachable through each of those consumers. No SDL here. */
#ifndef CM_CATEGORIES_H
#define CM_CATEGORIES_H
#include <stddef.h>
#include <stdint.h>

/* Marker shapes (drawn by render/overlay). */
typedef enum { CM_MARK_CIRCLE, CM_MARK_DIAMOND, CM_MARK_SQUARE, CM_MARK_TRIANGLE, CM_MARK_STAR, CM_MARK_RING,
               CM_MARK_HEXAGON, CM_MARK_TRIDOWN, CM_MARK_PLUS, CM_MARK_CROSS } cm_marker;

/* The layers, in legend order within base and event layers. Columns:
 *   NAME      the enum is CM_LAYER_NAME
 *   id        the name --layers, --type and --list use (stable: scripts rely on it)
 *   title     the legend's name
 *   file      base layers: the shapefile's base name in the geodata directory (NULL: derived)
 *   key       base layers: the key that shows or hides it in the window (event layers get
 *             the number keys 1..9 by their row in the legend)
 *   colour, marker, area alpha (0..255), dashed outline: how an event layer looks; the colours
 *             are Paul Tol's colour-blind-safe "vibrant" (own data) and "muted" (ACLED's types)
 *             sets, and each layer has a shape so colour is never the only cue
 *   swatch    the legend draws an area swatch behind the marker (layers mostly shown as areas) */
/* The event layers' colours: violence, zones and transition are Paul Tol's; the others were
 * chosen so that any two stay at least 20 apart (CIE76) both in normal sight and under a
 * deuteranopia simulation (Machado 2009), where Tol's "muted" set fell to 7
 * (test_render_layout measures it on a render, clusters included). */
#define CM_LAYER_TABLE(X) \
    /*  NAME          id              title                           file            key  colour     marker            alpha dashed swatch */ \
    X(COUNTRIES,    "countries",    "Countries",                    "neighbors",    'c', 0,         CM_MARK_CIRCLE,   0,  0, 0) \
    X(GOVERNORATES, "governorates", "Governorates",                 "governorates", 'g', 0,         CM_MARK_CIRCLE,   0,  0, 0) \
    X(CITIES,       "cities",       "Cities",                       "cities",       't', 0,         CM_MARK_CIRCLE,   0,  0, 0) \
    X(LABELS,       "labels",       "Labels",                       NULL,           'l', 0,         CM_MARK_CIRCLE,   0,  0, 0) \
    X(STRIKES,      "strikes",      "Strikes",                      NULL,           0,   0xD99C0Cu, CM_MARK_DIAMOND,  80, 0, 0) \
    X(VIOLENCE,     "violence",     "Violence",                     NULL,           0,   0xCC3311u, CM_MARK_CIRCLE,   80, 0, 1) \
    X(ZONES,        "zones",        "Incursions and zones",         NULL,           0,   0x0077BBu, CM_MARK_TRIANGLE, 40, 1, 1) \
    X(DIPLOMACY,    "diplomacy",    "Diplomacy",                    NULL,           0,   0x12A3A8u, CM_MARK_SQUARE,   60, 0, 0) \
    X(TRANSITION,   "transition",   "Political transition",         NULL,           0,   0xEE3377u, CM_MARK_STAR,     60, 0, 0) \
    X(STATEMENTS,   "statements",   "Statements",                   NULL,           0,   0x4EB6E4u, CM_MARK_RING,     60, 0, 0) \
    X(BATTLES,      "battles",      "Battles",                      NULL,           0,   0x9F0C5Eu, CM_MARK_HEXAGON,  60, 0, 0) \
    X(EXPLOSIONS,   "explosions",   "Explosions / remote violence", NULL,           0,   0xB6AC5Au, CM_MARK_PLUS,     60, 0, 0) \
    X(CIVILIANS,    "civilians",    "Violence against civilians",   NULL,           0,   0x7C277Fu, CM_MARK_TRIDOWN,  60, 0, 0) \
    X(PROTESTS,     "protests",     "Protests",                     NULL,           0,   0x005924u, CM_MARK_CIRCLE,   60, 0, 0) \
    X(RIOTS,        "riots",        "Riots",                        NULL,           0,   0x0E8C31u, CM_MARK_CROSS,    60, 0, 0) \
    X(STRATEGIC,    "strategic",    "Strategic developments",       NULL,           0,   0x2978F2u, CM_MARK_SQUARE,   60, 0, 0)

/* The first event layer: the rows above it are base layers. */
#define CM_LAYER_FIRST_EVENT CM_LAYER_STRIKES

/* The categories an event has (stored in files and in cm_event.cat). Columns:
 *   NAME      the enum is CM_CAT_NAME
 *   id        the GeoJSON "category" value and a --type name
 *   title     the name shown in records and lists (also accepted by --type)
 *   LAYER     the layer it is drawn in (CM_LAYER_LAYER)
 *   acled     ACLED's event type that is this category (what an import reads, any case, what
 *             --type matches and an export writes); NULL: not one of ACLED's types
 *   older     the names ACLED used for it before 2019 (imported as this category), '|' between
 *   NEAR      for an export to ACLED's columns: the category whose ACLED type is nearest
 *   disorder  ACLED's disorder_type an export writes
 *   ucdp      UCDP type_of_violence codes that import as this category (bit 1 << code) */
#define CM_UCDP(code) (1u << (code))
#define CM_CATEGORY_TABLE(X) \
    /*  NAME        id            title                          LAYER       acled (today's), older names  NEAR  disorder  ucdp */ \
    X(STRIKE,     "strike",     "Strike",                      STRIKES,    NULL, NULL, EXPLOSION, "Political violence", 0) \
    X(VIOLENCE,   "violence",   "Violence",                    VIOLENCE,   NULL, NULL, CIVILIANS, "Political violence", 0) \
    X(INCURSION,  "incursion",  "Incursion",                   ZONES,      NULL, NULL, STRATEGIC, "Strategic developments", 0) \
    X(ZONE,       "zone",       "Zone",                        ZONES,      NULL, NULL, STRATEGIC, "Strategic developments", 0) \
    X(DIPLOMACY,  "diplomacy",  "Diplomacy",                   DIPLOMACY,  NULL, NULL, STRATEGIC, "Strategic developments", 0) \
    X(TRANSITION, "transition", "Political transition",        TRANSITION, NULL, NULL, STRATEGIC, "Strategic developments", 0) \
    X(STATEMENT,  "statement",  "Statement",                   STATEMENTS, NULL, NULL, STRATEGIC, "Strategic developments", 0) \
    X(BATTLE,     "battle",     "Battle",                      BATTLES,    "Battles", \
      "Battle-No change of territory|Battle-Government regains territory|Battle-Non-state actor overtakes territory", \
      BATTLE, "Political violence", CM_UCDP(1) | CM_UCDP(2)) \
    X(EXPLOSION,  "explosion",  "Explosion / remote violence", EXPLOSIONS, "Explosions/Remote violence", "Remote violence", \
      EXPLOSION, "Political violence", 0) \
    X(CIVILIANS,  "civilians",  "Violence against civilians",  CIVILIANS,  "Violence against civilians", NULL, \
      CIVILIANS, "Political violence", CM_UCDP(3)) \
    X(PROTEST,    "protest",    "Protest",                     PROTESTS,   "Protests", "Riots/Protests", \
      PROTEST, "Demonstrations", 0) \
    X(RIOT,       "riot",       "Riot",                        RIOTS,      "Riots", NULL, RIOT, "Demonstrations", 0) \
    X(STRATEGIC,  "strategic",  "Strategic development",       STRATEGIC,  "Strategic developments", \
      "Strategic development|Headquarters or base established|Non-violent transfer of territory|" \
      "Non-violent activity by a conflict actor", STRATEGIC, "Strategic developments", 0)

#define CM_LAYER_ENUM_(NAME, ...) CM_LAYER_##NAME,
typedef enum { CM_LAYER_TABLE(CM_LAYER_ENUM_) CM_LAYER_COUNT } cm_layer_id;
#define CM_CAT_ENUM_(NAME, ...) CM_CAT_##NAME,
/* The project's own categories, then ACLED's event types (UCDP's types map onto these). */
typedef enum { CM_CATEGORY_TABLE(CM_CAT_ENUM_) CM_CAT_COUNT } cm_category;
#undef CM_LAYER_ENUM_
#undef CM_CAT_ENUM_

/* How an event layer looks (render/style draws with it). */
typedef struct {
    uint32_t color;        /* 0xRRGGBB */
    cm_marker marker;
    uint8_t area_alpha;    /* fill opacity of its areas, 0..255 */
    uint8_t dashed;        /* area outline dashed (zones) */
} cm_layer_look;

typedef struct {
    const char *id, *title, *file;
    char key;              /* base layers' window key, 0 for event layers */
    cm_layer_look look;
    uint8_t swatch;
} cm_layer_def;

typedef struct {
    const char *id, *title;
    cm_layer_id layer;
    const char *acled;     /* ACLED's event type, or NULL */
    const char *older;     /* ACLED's names before 2019, '|'-separated, or NULL */
    cm_category near;
    const char *disorder;
    unsigned ucdp;         /* bit 1 << type_of_violence */
} cm_category_def;

/* Row of a layer / a category; NULL out of range. */
const cm_layer_def *categories_layer(int layer);
const cm_category_def *categories_category(int cat);
/* Layer from its id ("strikes"), or -1. */
int categories_layer_by_id(const char *id);
/* The base layer a key toggles ('c'), or -1. */
int categories_layer_by_key(int key);
/* Category from its id ("strike"); 0, or -1 when unknown. */
int categories_parse(const char *id, cm_category *out);
/* The category of an ACLED event_type, today's or an older one (any case, spaces around
 * ignored); 0, or -1 when unknown. */
int categories_from_acled(const char *type, cm_category *out);
/* Today's ACLED name of c ("Battles"), NULL when c is not one of ACLED's types. */
const char *categories_acled_name(cm_category c);
/* The category of UCDP's type_of_violence code; 0, or -1 when no row takes it. */
int categories_from_ucdp(int code, cm_category *out);
/* UCDP's name of a type_of_violence code ("State-based violence"), "" when unknown. */
const char *categories_ucdp_name(int code);
/* The ids of layers [first, last), joined by ", " into buf (for messages and help). */
const char *categories_layer_ids(char *buf, size_t n, int first, int last);
/* The ids of every category, joined by ", ". */
const char *categories_ids(char *buf, size_t n);

#endif
