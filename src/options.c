/* options: command-line parsing; see options.h. */
#include "options.h"

#include "data/catalog.h"
#include "geo/crs.h"
#include "data/date.h"
#include "data/filter.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 when an importer (ACLED, UCDP) fills layer k, 0 when only the project's own data does */
static int imported_layer(int k)
{
    for (int c = 0; c < CM_CAT_COUNT; c++) {
        const cm_category_def *d = categories_category(c);
        if ((int)d->layer == k && (d->acled || d->ucdp)) return 1;
    }
    return 0;
}

/* The --layers lines of the usage, from the table of layers (data/categories.h). */
static void layers_usage(FILE *f)
{
    static const char *const what[3] = {"base", "own data", "ACLED, UCDP"};
    fputs("  --layers a,b,...        visible layers, or all:", f);
    for (int g = 0; g < 3; g++) {
        if (g) fputs("                         ", f);
        int n = 0;
        for (int k = 0; k < CM_LAYER_COUNT; k++) {
            int group = k < CM_LAYER_FIRST_EVENT ? 0 : 1 + imported_layer(k);
            if (group == g) fprintf(f, "%s %s", n++ ? "," : "", categories_layer(k)->id);
        }
        fprintf(f, " (%s)%s\n", what[g], g < 2 ? ";" : "");
    }
}

void options_usage(FILE *f)
{
    fputs("usage: conflictmap [options]\n"
          "A fast, offline map of a conflict in space and time (default data: the geodata/ and assets/ it ships with).\n\n"
          "  (no mode option)        open the map window\n"
          "  --render FILE.png       draw the view to a PNG and exit (no display needed)\n"
          "  --query LON,LAT         print, as JSON, what is at that place and exit\n"
          "  --locate LON,LAT        print, as JSON, the pixel x,y of that place in the view and exit\n"
          "  --list                  print, as JSON, the layers with feature counts and extents\n"
          "  --export FILE           write the events shown (after date, layers and filters) and exit: FILE.geojson\n"
          "                          in the events format (loads back with --events), FILE.csv with ACLED's columns\n"
          "  --help, --version\n\n"
          "  --geodata DIR           base shapefiles (default: the installed geodata/)\n"
          "  --crs CRS               map projection: EPSG code, PROJ string or WKT (default: the geodata's profile.ini)\n",
          f);
    layers_usage(f);
    fputs("  --size WxH              window or image size in pixels (default 1280x800)\n"
          "  --scale S               text and controls S times their size, 0.5..4 (default: the display's DPI in\n"
          "                          the window; 1 for images up to 1280x800, bigger for bigger images: 2.5 at 3840x2160)\n"
          "  --center LON,LAT        centre of the view (default: fit the governorates)\n"
          "  --zoom Z                web-map zoom level, 3..16 (about 7.5 shows a country of 800 km at 1280x800)\n"
          "  --events FILE           add an events file: GeoJSON, ACLED (CSV or API JSON), UCDP GED CSV; repeatable\n"
          "  --no-default-events     leave out the built-in events (assets/events.geojson)\n"
          "  --strict                a bad row in an events file fails the file (default: skipped and reported)\n"
          "  --rejects FILE.csv      write every skipped row there: file, line, reason and the row as it was\n"
          "  --date-order dmy|mdy    day or month first, for numeric dates (05/07/2025) a column cannot tell\n"
          "  --no-cache              read the events files, neither opening nor writing their cache\n"
          "                          ($XDG_CACHE_HOME/conflictmap, files of 256 KB and more)\n"
          "  --date YYYY-MM-DD       the date the map shows (default: the last date in the data)\n"
          "  --from D --to D         a date window instead of one date (D: YYYY-MM-DD, YYYY-MM or YYYY)\n"
          "  --fade DAYS             days a point event stays on the map after it ends (default 30)\n"
          "  --heat                  show point events as a density (heat) view instead of markers\n"
          "  --log-ui                in the window, print one JSON line per user-visible change (selection, date, layer)\n"
          "  --radius PX             how near, in pixels of the view, a point event counts for --query (default 8)\n"
          "  --force                 let --export replace an existing file\n"
          "  --fresh                 open the window as the options say, not where it was last closed\n\n"
          "Filters, in every mode (the map, counts, lists, --query, --list and --export all obey them):\n"
          "  --text WORDS            events whose record holds every word (any case; title, summary, place,\n"
          "                          actors, admin areas, sources, figures, id)\n"
          "  --actor NAME            events with NAME in an actor or associated actor (any case)\n"
          "  --type T[,T]            categories (battle, strike, ...), layers (battles, zones, ...), ACLED event\n"
          "                          types (Explosions/Remote violence) or sub-event types (Air/drone strike)\n"
          "  --min-fatalities N      events with a figure of at least N killed\n"
          "  --source NAME           events with NAME in a source's outlet (any case)\n"
          "  --date-precision P[,P]  events dated to a day, week, month or year\n"
          "  --location-precision L  exact, approximate or region (placed on a region) only\n\n"
          "In the window: drag or arrow keys to pan, wheel or +/- to zoom, Home to fit the country, Ctrl+Q to quit.\n",
          f);
}

int options_filter(const cm_options *o, cm_filter *f, char *err, size_t errlen)
{
    filter_init(f);
    filter_set_text(f, o->text);
    filter_set_actor(f, o->actor);
    filter_set_source(f, o->source);
    if (o->types && filter_set_types(f, o->types, err, errlen)) return -1;
    if (o->min_fatal && filter_set_min_fatalities(f, o->min_fatal, err, errlen)) return -1;
    if (o->date_prec && filter_set_date_precision(f, o->date_prec, err, errlen)) return -1;
    if (o->loc_prec && filter_set_location_precision(f, o->loc_prec, err, errlen)) return -1;
    return 0;
}

int options_parse_lonlat(const char *s, double *lon, double *lat)
{
    char *end;
    errno = 0;
    *lon = strtod(s, &end);
    if (end == s || *end != ',' || errno) return -1;
    const char *t = end + 1;
    *lat = strtod(t, &end);
    if (end == t || *end || errno) return -1;
    if (!isfinite(*lon) || !isfinite(*lat) || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90) return -1;
    return 0;
}

/* The lowest height with a map: the timeline strip (96 pixels, ui/frame.h) and 32 of map. */
#define CM_MIN_HEIGHT 128

/* 0, -1 when not WxH within 64..16384, -2 when too low to leave room for the map */
static int parse_size(const char *s, int *w, int *h)
{
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X')) return -1;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end || a < 64 || b < 64 || a > 16384 || b > 16384) return -1;
    *w = (int)a;
    *h = (int)b;
    return b < CM_MIN_HEIGHT ? -2 : 0;
}

double options_ui_scale(const cm_options *o)
{
    if (o->scale > 0) return o->scale;
    double k = fmin(o->w / 1280.0, o->h / 800.0);
    return k <= 1 ? 1 : floor(k * 4) / 4;
}

/* Every option; getopt_long reads both "--opt value" and "--opt=value". Each has a value of
 * its own so that getopt tells an ambiguous prefix from a unique one (both refused below). */
static const struct option LONG_OPTS[] = {
    {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 256}, {"list", no_argument, NULL, 257},
    {"strict", no_argument, NULL, 258}, {"heat", no_argument, NULL, 259}, {"log-ui", no_argument, NULL, 260},
    {"no-default-events", no_argument, NULL, 261}, {"force", no_argument, NULL, 262}, {"fresh", no_argument, NULL, 263},
    {"geodata", required_argument, NULL, 264}, {"assets", required_argument, NULL, 265}, {"crs", required_argument, NULL, 266},
    {"layers", required_argument, NULL, 267}, {"render", required_argument, NULL, 268}, {"size", required_argument, NULL, 269},
    {"center", required_argument, NULL, 270}, {"zoom", required_argument, NULL, 271}, {"query", required_argument, NULL, 272},
    {"locate", required_argument, NULL, 273}, {"events", required_argument, NULL, 274}, {"date", required_argument, NULL, 275},
    {"from", required_argument, NULL, 276}, {"to", required_argument, NULL, 277}, {"fade", required_argument, NULL, 278},
    {"radius", required_argument, NULL, 279}, {"rejects", required_argument, NULL, 280},
    {"date-order", required_argument, NULL, 281}, {"text", required_argument, NULL, 282}, {"actor", required_argument, NULL, 283},
    {"type", required_argument, NULL, 284}, {"min-fatalities", required_argument, NULL, 285},
    {"source", required_argument, NULL, 286}, {"date-precision", required_argument, NULL, 287},
    {"location-precision", required_argument, NULL, 288}, {"export", required_argument, NULL, 289},
    {"scale", required_argument, NULL, 290}, {"no-cache", no_argument, NULL, 291},
    {NULL, 0, NULL, 0},
};

/* 1 when the argument typed ("--name" or "--name=value") names the option in full */
static int exact(const char *typed, const char *name)
{
    size_t n = strcspn(typed + 2, "=");
    return strncmp(typed, "--", 2) == 0 && strlen(name) == n && strncmp(typed + 2, name, n) == 0;
}

static int set_mode(cm_options *o, cm_mode m, const char *opt, char *err, size_t errlen)
{
    if (o->mode != CM_MODE_WINDOW && o->mode != m) {
        snprintf(err, errlen, "%s: only one of --render, --query, --locate, --list, --export may be given", opt);
        return -1;
    }
    o->mode = m;
    return 0;
}

int options_parse(int argc, char **argv, cm_options *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->argc = argc;
    o->argv = argv;
    o->crs = NULL; /* the geodata profile's (geodata/profile.ini) */
    o->w = 1280;
    o->h = 800;
    o->fade_days = 30;
    o->radius_px = 8;
    opterr = 0;  /* the messages are ours, one line each */
    optind = 0;  /* getopt starts afresh on every call */
    int done = 1; /* where the last option ended: getopt passing a "--" shows as a jump */
    for (;;) {
        int at = optind ? optind : 1, li = -1; /* no permutation ('+'), so argv[at] is being read */
        int ch = getopt_long(argc, argv, "+:h", LONG_OPTS, &li);
        if (ch == -1) {
            if (optind < argc || optind != done) { /* a word that is no option, or "--" */
                snprintf(err, errlen, "%s: unknown option (see --help)", optind < argc && optind == done ? argv[optind] : "--");
                return -1;
            }
            break;
        }
        const char *typed = argv[at];
        if (ch == ':') {
            snprintf(err, errlen, "%s: needs a value (see --help)", typed);
            return -1;
        }
        if (ch == '?' && optopt > 0 && optopt != '?' && strchr(typed, '=')) { /* --strict=1 */
            snprintf(err, errlen, "%.*s: takes no value (see --help)", (int)strcspn(typed, "="), typed);
            return -1;
        }
        if (ch == '?' || (ch == 'h' && strcmp(typed, "-h") != 0 && strcmp(typed, "--help") != 0) ||
            (li >= 0 && !exact(typed, LONG_OPTS[li].name))) { /* unknown, or an abbreviation: see options.h */
            if (li >= 0 && ch != '?')
                snprintf(err, errlen, "%.*s: unknown option (options are not abbreviated: --%s; see --help)",
                         (int)strcspn(typed, "="), typed, LONG_OPTS[li].name);
            else
                snprintf(err, errlen, "%s: unknown option (see --help)", typed);
            return -1;
        }
        done = optind;
        char a[40]; /* the option's full name, as the checks below and their messages use it */
        snprintf(a, sizeof a, "--%s", li >= 0 ? LONG_OPTS[li].name : "help");
        const char *val = optarg;
        if ((!strcmp(a, "--assets") || !strcmp(a, "--geodata")) && strlen(val) > 4000) { /* PATH_MAX is 4096 */
            snprintf(err, errlen, "%s: a path of %zu bytes, longer than a directory's path may be (4000 here)", a, strlen(val));
            return -1;
        }
        if (!strcmp(a, "--help")) o->mode = CM_MODE_HELP;
        else if (!strcmp(a, "--version")) o->mode = CM_MODE_VERSION;
        else if (!strcmp(a, "--list")) { if (set_mode(o, CM_MODE_LIST, a, err, errlen)) return -1; }
        else if (!strcmp(a, "--geodata")) o->geodata = val;
        else if (!strcmp(a, "--assets")) o->assets = val;
        else if (!strcmp(a, "--crs")) {
            char why[300];
            if (crs_check(val, why, sizeof why) != 0) { /* a bad option: exit 2, like the others */
                snprintf(err, errlen, "--crs '%.80s': %s", val, why);
                return -1;
            }
            o->crs = val;
        }
        else if (!strcmp(a, "--layers")) {
            o->layers = val;
            for (const char *p = val; *p;) { /* every name must be a layer */
                size_t n = strcspn(p, ",");
                char name[32];
                snprintf(name, sizeof name, "%.*s", (int)(n < 31 ? n : 31), p);
                if (n && strcmp(name, "all") != 0 && catalog_layer_by_id(name) < 0) {
                    snprintf(err, errlen, "--layers: unknown layer '%s' (see --help for the names)", name);
                    return -1;
                }
                p += n + (p[n] == ',');
            }
        }
        else if (!strcmp(a, "--render")) {
            if (set_mode(o, CM_MODE_RENDER, a, err, errlen)) return -1;
            size_t n = strlen(val);
            if (n < 5 || strcasecmp(val + n - 4, ".png") != 0) {
                snprintf(err, errlen, "--render '%s': the file name must end in .png", val);
                return -1;
            }
            o->render_path = val;
        } else if (!strcmp(a, "--size")) {
            int sz = parse_size(val, &o->w, &o->h);
            if (sz == -2) {
                snprintf(err, errlen, "--size '%.40s': the height must be at least %d (the timeline strip takes 96 pixels, "
                         "the map needs the rest)", val, CM_MIN_HEIGHT);
                return -1;
            }
            if (sz) {
                snprintf(err, errlen, "--size '%.40s': expected WxH, each 64..16384 (e.g. 1280x800)", val);
                return -1;
            }
        } else if (!strcmp(a, "--scale")) {
            char *end;
            o->scale = strtod(val, &end);
            if (end == val || *end || !(o->scale >= 0.5 && o->scale <= 4)) {
                snprintf(err, errlen, "--scale '%.40s': expected a number from 0.5 to 4 (e.g. 2 for print)", val);
                return -1;
            }
        } else if (!strcmp(a, "--center")) {
            if (options_parse_lonlat(val, &o->center_lon, &o->center_lat)) {
                snprintf(err, errlen, "--center '%s': expected LON,LAT in degrees (e.g. 36.29,33.51)", val);
                return -1;
            }
            o->has_center = 1;
        } else if (!strcmp(a, "--zoom")) {
            char *end;
            o->zoom = strtod(val, &end);
            if (end == val || *end || !(o->zoom >= 3 && o->zoom <= 16)) {
                snprintf(err, errlen, "--zoom '%s': expected a number from 3 to 16", val);
                return -1;
            }
            o->has_zoom = 1;
        } else if (!strcmp(a, "--query") || !strcmp(a, "--locate")) {
            if (set_mode(o, a[2] == 'q' ? CM_MODE_QUERY : CM_MODE_LOCATE, a, err, errlen)) return -1;
            if (options_parse_lonlat(val, &o->at_lon, &o->at_lat)) {
                snprintf(err, errlen, "%s '%s': expected LON,LAT in degrees (e.g. 36.57,32.71)", a, val);
                return -1;
            }
        } else if (!strcmp(a, "--events")) {
            if (o->nevents == (int)(sizeof o->events / sizeof o->events[0])) {
                snprintf(err, errlen, "--events: at most %d files", o->nevents);
                return -1;
            }
            o->events[o->nevents++] = val;
        } else if (!strcmp(a, "--strict")) {
            o->strict = 1;
        } else if (!strcmp(a, "--rejects")) {
            size_t n = strlen(val);
            if (n < 5 || strcasecmp(val + n - 4, ".csv") != 0) {
                snprintf(err, errlen, "--rejects '%s': the file name must end in .csv", val);
                return -1;
            }
            o->rejects = val;
        } else if (!strcmp(a, "--date-order")) {
            if (!strcmp(val, "dmy")) o->date_order = 1;
            else if (!strcmp(val, "mdy")) o->date_order = 2;
            else {
                snprintf(err, errlen, "--date-order '%s': expected dmy (16/07/2025) or mdy (7/16/2025)", val);
                return -1;
            }
        } else if (!strcmp(a, "--heat")) {
            o->heat = 1;
        } else if (!strcmp(a, "--log-ui")) {
            o->log_ui = 1;
        } else if (!strcmp(a, "--no-default-events")) {
            o->no_default_events = 1;
        } else if (!strcmp(a, "--no-cache")) {
            o->no_cache = 1;
        } else if (!strcmp(a, "--date") || !strcmp(a, "--from") || !strcmp(a, "--to")) {
            cm_date d;
            if (date_parse(val, &d) != 0) {
                snprintf(err, errlen, "%s '%s': not a valid date (expected YYYY-MM-DD, YYYY-MM or YYYY)", a, val);
                return -1;
            }
            if (a[2] == 'd') o->date = val;
            else if (a[2] == 'f') o->from = val;
            else o->to = val;
        } else if (!strcmp(a, "--fade")) {
            char *end;
            long n = strtol(val, &end, 10);
            if (end == val || *end || n < 0 || n > 3650) {
                snprintf(err, errlen, "--fade '%s': expected a number of days, 0..3650", val);
                return -1;
            }
            o->fade_days = (int)n;
        } else if (!strcmp(a, "--radius")) {
            char *end;
            o->radius_px = strtod(val, &end);
            if (end == val || *end || !(o->radius_px >= 0 && o->radius_px <= 500)) {
                snprintf(err, errlen, "--radius '%s': expected pixels, 0..500", val);
                return -1;
            }
        } else if (!strcmp(a, "--export")) {
            if (set_mode(o, CM_MODE_EXPORT, a, err, errlen)) return -1;
            size_t n = strlen(val);
            if (!((n > 8 && strcasecmp(val + n - 8, ".geojson") == 0) || (n > 4 && strcasecmp(val + n - 4, ".csv") == 0))) {
                snprintf(err, errlen, "--export '%s': the file name must end in .geojson or .csv", val);
                return -1;
            }
            o->export_path = val;
        } else if (!strcmp(a, "--force")) {
            o->force = 1;
        } else if (!strcmp(a, "--fresh")) {
            o->fresh = 1;
        } else if (!strcmp(a, "--text") || !strcmp(a, "--actor") || !strcmp(a, "--type") || !strcmp(a, "--source") ||
                   !strcmp(a, "--min-fatalities") || !strcmp(a, "--date-precision") || !strcmp(a, "--location-precision")) {
            cm_filter f; /* checked here, so a bad value is a usage error like the others */
            filter_init(&f);
            int rc = 0;
            if (!strcmp(a, "--text")) o->text = val;
            else if (!strcmp(a, "--actor")) o->actor = val;
            else if (!strcmp(a, "--source")) o->source = val;
            else if (!strcmp(a, "--type")) { o->types = val; rc = filter_set_types(&f, val, err, errlen); }
            else if (!strcmp(a, "--min-fatalities")) { o->min_fatal = val; rc = filter_set_min_fatalities(&f, val, err, errlen); }
            else if (!strcmp(a, "--date-precision")) { o->date_prec = val; rc = filter_set_date_precision(&f, val, err, errlen); }
            else { o->loc_prec = val; rc = filter_set_location_precision(&f, val, err, errlen); }
            if (rc) return -1;
        } else {
            snprintf(err, errlen, "%s: unknown option (see --help)", a);
            return -1;
        }
    }
    if (o->force && o->mode != CM_MODE_EXPORT) {
        snprintf(err, errlen, "--force: only with --export (it lets the export replace a file)");
        return -1;
    }
    if (o->scale > 0 && o->h < CM_MIN_HEIGHT - 96 + (int)ceil(96 * o->scale)) { /* the strip grows with the scale */
        snprintf(err, errlen, "--scale %g: the height (%d) must be at least %d at this scale (the timeline strip takes %d "
                 "pixels, the map needs the rest)", o->scale, o->h, CM_MIN_HEIGHT - 96 + (int)ceil(96 * o->scale), (int)ceil(96 * o->scale));
        return -1;
    }
    if (o->date && (o->from || o->to)) {
        snprintf(err, errlen, "--date: give either --date or --from/--to, not both");
        return -1;
    }
    if (o->from && o->to) {
        cm_date f, t;
        date_parse(o->from, &f);
        date_parse(o->to, &t);
        if (date_last(t) < date_first(f)) {
            snprintf(err, errlen, "--to %s is before --from %s", o->to, o->from);
            return -1;
        }
    }
    return 0;
}
