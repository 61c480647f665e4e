/* fuzz_details: the details panel's text layout. Each input becomes one event (title, place,
 * summary, figures and sources made of its bytes, as they come or as \u escapes, of any
 * length up to the input's) loaded into a catalog; the event is selected and the panel is
 * laid out and drawn by SDL's software renderer with the real fonts, once with the panel
 * scrolled. Checks that nothing crashes or leaks and that a long text is cut (the panel of a
 * 100 KB summary used to take 10-30 s a frame).
 * Needs CM_GEODATA and CM_ASSETS (fuzz/run.sh sets them).
 *
 * The catalog, the fonts and the renderer are set up once, in LLVMFuzzerInitialize; each
 * input's event is rolled back after it (the store keeps its first arena chunk, as in fuzz_csv
 * and fuzz_report; the import registry is reset), and the panel's state is reused. */
#include "fuzz_common.h"
#include "fuzz_gen.h"

#include <SDL2/SDL.h>

#include "data/catalog.h"
#include "render/draw.h"
#include "render/text.h"
#include "ui/details.h"
#include "ui/frame.h"
#include "ui/state.h"

static cm_catalog CAT;
static cm_text *TEXT;
static SDL_Surface *SURF;
static SDL_Renderer *REN;

static cm_arena_mark MARK;
static cm_ui *U;
static cm_frame *FR;

static void start_store(void)
{
    events_strdup(&CAT.events, "keeps the first chunk");
    MARK = arena_mark(&CAT.events.arena);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[1024], dir[1024];
    const char *g = getenv("CM_GEODATA"), *a = getenv("CM_ASSETS");
    if (catalog_load(&CAT, g ? g : "geodata", NULL /* the profile's */, err, sizeof err) != 0) { fprintf(stderr, "%s\n", err); abort(); }
    snprintf(dir, sizeof dir, "%s/fonts", a ? a : "assets");
    TEXT = text_open(dir, err, sizeof err);
    if (!TEXT) { fprintf(stderr, "%s\n", err); abort(); }
    SURF = SDL_CreateRGBSurfaceWithFormat(0, 1000, 700, 32, SDL_PIXELFORMAT_ARGB8888);
    REN = SURF ? SDL_CreateSoftwareRenderer(SURF) : NULL;
    if (!REN) abort();
    U = calloc(1, sizeof *U);
    FR = calloc(1, sizeof *FR);
    if (!U || !FR) abort();
    start_store();
    return 0;
}

static void roll_back(void)
{
    static unsigned count;
    import_reset(&CAT.import);
    if (++count % 1024 == 0) {
        events_free(&CAT.events);
        start_store();
    } else {
        events_truncate(&CAT.events, 0, MARK);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[600], err[1024];
    snprintf(path, sizeof path, "%s/one.geojson", fz_scratch());
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    fz_bytes b = {data, size, 0};
    unsigned lt = fz_u16(&b), ls = fz_u16(&b) * 4, nsrc = fz_u8(&b) % 8;
    fprintf(f, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"id\": \"e\", \"title\": \"T");
    fz_text(f, &b, lt % 4096);
    fprintf(f, "\", \"place\": \"");
    fz_text(f, &b, fz_u8(&b));
    fprintf(f, "\", \"category\": \"violence\", \"start\": \"2025-07-16\", \"summary\": \"");
    fz_text(f, &b, ls);
    fprintf(f, "\", \"figures\": [{\"value\": \"");
    fz_text(f, &b, fz_u8(&b));
    fprintf(f, "v\", \"reporter\": \"r\"}], \"sources\": [");
    for (unsigned k = 0; k < nsrc; k++) {
        fprintf(f, "%s{\"outlet\": \"o", k ? ", " : "");
        fz_text(f, &b, fz_u8(&b));
        fprintf(f, "\", \"url\": \"https://example.org/");
        fz_text(f, &b, fz_u8(&b));
        fprintf(f, "\"}");
    }
    fprintf(f, "]}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [36.57, 32.71]}}]}\n");
    fclose(f);
    if (catalog_add_events(&CAT, path, err, sizeof err) != 0) {
        fz_check_message(err);
        roll_back();
        return 0;
    }
    catalog_finish_events(&CAT, err, sizeof err);
    cm_when w = {.a = CAT.events.span_first, .b = CAT.events.span_last, .window = 1, .fade = 30};
    cm_ui *u = U;
    cm_frame *fr = FR;
    cm_vbuf vb = {0};
    ui_init(u, &CAT, &w, NULL); /* a state set up before: its list is reused */
    ui_select_event(u, 0);
    for (int pass = 0; pass < 2; pass++) {
        frame_layout(fr, 1000, 700, 1.0f, 1);
        details_draw(REN, &vb, TEXT, 1.0f, u, fr);
        u->scroll = fr->panel_content_h / 2; /* and once scrolled half way */
    }
    vbuf_free(&vb);
    roll_back();
    return 0;
}
