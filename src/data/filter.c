/* filter: the analyst's filter over events; see filter.h. */
#include "data/filter.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/catalog.h"
#include "base/utf8.h"

/* ACLED's sub-event types (codebook 2023), accepted by --type before any data is seen */
static const char *const ACLED_SUBS[] = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
    "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement", "Arrests",
    "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other",
};

static const char *const PREC_NAMES[] = {"day", "month", "year", "week"};

const char *filter_acled_type(cm_category c) { return categories_acled_name(c); }

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* ASCII case folded; other bytes (Arabic, accented letters) compared as they are */
static void fold(char *dst, size_t n, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < n; i++) dst[i] = (char)lower((unsigned char)src[i]);
    if (src[i]) /* cut: at a whole character */
        i = utf8_cut(src, i);
    dst[i] = 0;
}

static int eq_fold(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != lower((unsigned char)*b)) return 0;
    return *a == *b;
}

int filter_acled_category(const char *type)
{
    for (int c = 0; c < CM_CAT_COUNT; c++)
        if (categories_acled_name((cm_category)c) && eq_fold(type, categories_acled_name((cm_category)c))) return c;
    return -1;
}

/* needle is folded and non-empty */
static int has(const char *hay, const char *needle)
{
    if (!hay) return 0;
    int c0 = (unsigned char)needle[0];
    for (const char *p = hay; *p; p++) {
        if (lower((unsigned char)*p) != c0) continue;
        size_t i = 1;
        while (needle[i] && p[i] && lower((unsigned char)p[i]) == (unsigned char)needle[i]) i++;
        if (!needle[i]) return 1;
    }
    return 0;
}

void filter_init(cm_filter *f) { memset(f, 0, sizeof *f); }

int filter_active(const cm_filter *f)
{
    return f->nwords || f->actor_f[0] || f->cats || f->nsubs || f->source_f[0] || f->min_fatal > 0 || f->date_prec ||
           f->loc != CM_LOCF_ANY;
}

/* a copy cut at a whole UTF-8 character */
static void copy(char *dst, size_t n, const char *src)
{
    size_t i = 0;
    if (!src) src = "";
    for (; src[i] && i + 1 < n; i++) dst[i] = src[i];
    if (src[i])
        i = utf8_cut(src, i);
    dst[i] = 0;
}

void filter_set_text(cm_filter *f, const char *words)
{
    copy(f->text, sizeof f->text, words);
    fold(f->words, sizeof f->words, f->text);
    /* split on white space into NUL-separated words */
    f->nwords = 0;
    char *w = f->words, *out = f->words;
    while (*w) {
        while (*w == ' ' || *w == '\t' || *w == '\n' || *w == '\r') w++;
        if (!*w) break;
        char *s = w;
        while (*w && *w != ' ' && *w != '\t' && *w != '\n' && *w != '\r') w++;
        if (f->nwords == CM_FILTER_WORDS) break;
        size_t len = (size_t)(w - s);
        int more = *w != 0;
        memmove(out, s, len); /* out never passes s: the words only move left */
        out[len] = 0;         /* may be where w points: the separator, read above */
        out += len + 1;
        f->nwords++;
        if (more) w++;
    }
    if (!f->nwords) f->words[0] = 0;
}

void filter_set_actor(cm_filter *f, const char *name)
{
    copy(f->actor, sizeof f->actor, name);
    fold(f->actor_f, sizeof f->actor_f, f->actor);
}

void filter_set_source(cm_filter *f, const char *outlet)
{
    copy(f->source, sizeof f->source, outlet);
    fold(f->source_f, sizeof f->source_f, f->source);
}

/* trims spaces around one comma-separated item into buf */
static const char *item(const char *p, size_t n, char *buf, size_t bn)
{
    while (n && *p == ' ') { p++; n--; }
    while (n && p[n - 1] == ' ') n--;
    snprintf(buf, bn, "%.*s", (int)(n < bn ? n : bn - 1), p);
    return buf;
}

int filter_set_types(cm_filter *f, const char *list, char *err, size_t errlen)
{
    cm_filter g = *f;
    copy(g.types, sizeof g.types, list);
    g.cats = 0;
    g.nsubs = 0;
    for (const char *p = g.types; *p;) {
        size_t n = strcspn(p, ",");
        char t[96];
        item(p, n, t, sizeof t);
        p += n + (p[n] == ',');
        if (!*t) continue;
        cm_category c;
        int layer = catalog_layer_by_id(t), ac = filter_acled_category(t);
        if (events_category_parse(t, &c) == 0) g.cats |= 1u << c;
        else if (ac >= 0) g.cats |= 1u << ac;
        else if (layer >= CM_LAYER_FIRST_EVENT) {
            for (int k = 0; k < CM_CAT_COUNT; k++)
                if ((int)catalog_event_layer((cm_category)k) == layer) g.cats |= 1u << k;
        } else {
            int named = 0; /* a display name: "Strike", "Political transition" */
            for (int k = 0; k < CM_CAT_COUNT && !named; k++)
                if (eq_fold(t, events_category_name((cm_category)k))) { g.cats |= 1u << k; named = 1; }
            if (named) continue;
            if (g.nsubs == CM_FILTER_SUBS) {
                snprintf(err, errlen, "--type: at most %d sub-event types", CM_FILTER_SUBS);
                return -1;
            }
            fold(g.subs[g.nsubs++], sizeof g.subs[0], t);
        }
    }
    *f = g;
    return 0;
}

int filter_set_min_fatalities(cm_filter *f, const char *n, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long v = strtol(n, &end, 10);
    if (end == n || *end || errno || v < 0 || v > 100000000) {
        snprintf(err, errlen, "--min-fatalities '%.40s': expected a whole number of people, 0 or more", n);
        return -1;
    }
    f->min_fatal = v;
    return 0;
}

int filter_set_date_precision(cm_filter *f, const char *list, char *err, size_t errlen)
{
    unsigned m = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char t[32];
        item(p, n, t, sizeof t);
        p += n + (p[n] == ',');
        if (!*t) continue;
        int k = 0;
        while (k < 4 && !eq_fold(t, PREC_NAMES[k])) k++;
        if (k == 4) {
            snprintf(err, errlen, "--date-precision: '%s' is not day, week, month or year", t);
            return -1;
        }
        m |= 1u << k;
    }
    f->date_prec = m;
    return 0;
}

static const char *loc_name(cm_loc_filter l)
{
    return l == CM_LOCF_EXACT ? "exact" : l == CM_LOCF_APPROX ? "approximate" : "region";
}

int filter_set_location_precision(cm_filter *f, const char *which, char *err, size_t errlen)
{
    if (!*which || eq_fold(which, "any")) f->loc = CM_LOCF_ANY;
    else if (eq_fold(which, "exact")) f->loc = CM_LOCF_EXACT;
    else if (eq_fold(which, "approximate")) f->loc = CM_LOCF_APPROX;
    else if (eq_fold(which, "region")) f->loc = CM_LOCF_REGION;
    else {
        snprintf(err, errlen, "--location-precision '%.40s': expected exact, approximate or region", which);
        return -1;
    }
    return 0;
}

int filter_check_types(const cm_filter *f, const cm_events *s, char *err, size_t errlen)
{
    for (int k = 0; k < f->nsubs; k++) {
        int known = 0;
        for (size_t i = 0; i < sizeof ACLED_SUBS / sizeof ACLED_SUBS[0] && !known; i++) known = eq_fold(f->subs[k], ACLED_SUBS[i]);
        for (int i = 0; i < s->n && !known; i++) {
            const char *v = events_attr(&s->ev[i], "sub_event_type");
            known = v && eq_fold(v, f->subs[k]);
        }
        if (!known) {
            snprintf(err, errlen, "--type '%s': not a category (strike, violence, incursion, zone, diplomacy, transition, "
                     "statement, battle, explosion, civilians, protest, riot, strategic), a layer, an ACLED event type "
                     "or a sub-event type of ACLED or of the data", f->subs[k]);
            return -1;
        }
    }
    return 0;
}

/* ---- matching ---- */

static int word_in_event(const cm_event *e, const char *w)
{
    if (has(e->id, w) || has(e->title, w) || has(e->summary, w) || has(e->place, w)) return 1;
    for (int i = 0; i < e->nattr; i++)
        if (has(e->attr[i].value, w)) return 1;
    for (int i = 0; i < e->nsrc; i++)
        if (has(e->src[i].outlet, w) || has(e->src[i].title, w) || has(e->src[i].note, w)) return 1;
    for (int i = 0; i < e->nfig; i++)
        if (has(e->fig[i].value, w) || has(e->fig[i].reporter, w)) return 1;
    return 0;
}

static const char *const ACTOR_KEYS[] = {"actor1", "actor2", "assoc_actor_1", "assoc_actor_2"};

int filter_match(const cm_filter *f, const cm_event *e)
{
    if (f->date_prec && !(f->date_prec & (1u << e->start.prec))) return 0;
    if (f->loc == CM_LOCF_EXACT && e->approx != CM_LOC_EXACT) return 0;
    if (f->loc == CM_LOCF_APPROX && e->approx != CM_LOC_APPROX) return 0;
    if (f->loc == CM_LOCF_REGION && e->approx != CM_LOC_REGION) return 0;
    if (f->cats || f->nsubs) {
        int ok = (f->cats >> e->cat) & 1u;
        const char *sub = f->nsubs ? events_attr(e, "sub_event_type") : NULL;
        for (int k = 0; k < f->nsubs && sub && !ok; k++) ok = eq_fold(sub, f->subs[k]);
        if (!ok) return 0;
    }
    if (f->actor_f[0]) {
        int ok = 0;
        for (int k = 0; k < 4 && !ok; k++) ok = has(events_attr(e, ACTOR_KEYS[k]), f->actor_f);
        if (!ok) return 0;
    }
    if (f->source_f[0]) {
        int ok = 0;
        for (int i = 0; i < e->nsrc && !ok; i++) ok = has(e->src[i].outlet, f->source_f);
        if (!ok) return 0;
    }
    if (f->min_fatal > 0 && filter_fatalities(e, NULL) < f->min_fatal) return 0;
    const char *w = f->words;
    for (int k = 0; k < f->nwords; k++, w += strlen(w) + 1)
        if (!word_in_event(e, w)) return 0;
    return 1;
}

int filter_apply(const cm_filter *f, cm_events *s)
{
    int n = 0, on = filter_active(f);
    for (int i = 0; i < s->n; i++) {
        cm_event *e = &s->ev[i];
        uint8_t h = on && !filter_match(f, e);
        if (e->hidden != h) e->hidden = h; /* written only when it changes: events used in place from a cache stay shared */
        n += !h;
    }
    s->filter_gen++;
    return n;
}

/* ---- fatalities in figures ---- */

static const char *const DEATH_WORDS[] = {"kill", "dead", "death", "died", "fatalit", "\xD9\x82\xD8\xAA\xD9\x84" /* qtl */,
                                          "\xD9\x82\xD8\xAA\xD9\x8A\xD9\x84" /* qtyl */};

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* the people killed in one figure: the first number of each clause that speaks of deaths */
static long killed_in(const char *v)
{
    long best = -1;
    const char *p = v;
    while (*p) {
        /* a clause ends at ';', '(' or ')', or a ',' that does not group digits ("1,383") */
        const char *q = p;
        while (*q && *q != ';' && *q != '(' && *q != ')' && !(*q == ',' && !(q > v && is_digit(q[-1]) && is_digit(q[1])))) q++;
        char clause[256];
        size_t n = (size_t)(q - p) < sizeof clause - 1 ? (size_t)(q - p) : sizeof clause - 1;
        memcpy(clause, p, n);
        clause[n] = 0;
        int death = 0;
        for (size_t k = 0; k < sizeof DEATH_WORDS / sizeof DEATH_WORDS[0] && !death; k++) death = has(clause, DEATH_WORDS[k]);
        if (death) {
            const char *d = clause;
            while (*d && !is_digit((unsigned char)*d)) d++;
            if (*d) {
                long num = 0;
                for (; *d && (is_digit((unsigned char)*d) || (*d == ',' && is_digit((unsigned char)d[1]))); d++)
                    if (*d != ',' && num < 1000000000L) num = num * 10 + (*d - '0');
                if (num > best) best = num;
            }
        }
        p = *q ? q + 1 : q;
    }
    return best;
}

long filter_fatalities(const cm_event *e, const char **reporter)
{
    long best = -1;
    if (reporter) *reporter = NULL;
    for (int i = 0; i < e->nfig; i++) {
        long k = killed_in(e->fig[i].value ? e->fig[i].value : "");
        if (k > best) {
            best = k;
            if (reporter) *reporter = e->fig[i].reporter;
        }
    }
    return best;
}

/* ---- describing ---- */

static void append(char *buf, size_t n, const char *fmt, const char *a, const char *b)
{
    size_t len = strlen(buf);
    if (len + 1 < n) snprintf(buf + len, n - len, fmt, a, b);
}

static void prec_list(const cm_filter *f, char *out, size_t n)
{
    out[0] = 0;
    static const int ORDER[] = {CM_PREC_DAY, CM_PREC_WEEK, CM_PREC_MONTH, CM_PREC_YEAR};
    for (int i = 0; i < 4; i++)
        if (f->date_prec & (1u << ORDER[i])) append(out, n, "%s%s", out[0] ? "," : "", PREC_NAMES[ORDER[i]]);
}

void filter_describe(const cm_filter *f, char *buf, size_t n)
{
    const char *dot = " \xC2\xB7 ";
    buf[0] = 0;
    if (f->nwords) append(buf, n, "%s\"%s\"", "", f->text);
    if (f->actor_f[0]) append(buf, n, "%sactor \"%s\"", buf[0] ? dot : "", f->actor);
    if (f->cats || f->nsubs) append(buf, n, "%stype %s", buf[0] ? dot : "", f->types);
    if (f->min_fatal > 0) {
        char k[40];
        snprintf(k, sizeof k, "%ld+ killed", f->min_fatal);
        append(buf, n, "%s%s", buf[0] ? dot : "", k);
    }
    if (f->source_f[0]) append(buf, n, "%ssource \"%s\"", buf[0] ? dot : "", f->source);
    if (f->date_prec) {
        char p[40];
        prec_list(f, p, sizeof p);
        append(buf, n, "%sdated to a %s", buf[0] ? dot : "", p);
    }
    if (f->loc != CM_LOCF_ANY) append(buf, n, "%s%s places", buf[0] ? dot : "", loc_name(f->loc));
}

/* ' quoted for a POSIX shell: 'it'\''s' */
static void arg(char *buf, size_t n, const char *opt, const char *val)
{
    char q[600];
    size_t k = 0;
    q[k++] = '\'';
    for (const char *p = val; *p && k + 6 < sizeof q; p++) {
        if (*p == '\'') { memcpy(q + k, "'\\''", 4); k += 4; }
        else q[k++] = *p;
    }
    q[k++] = '\'';
    q[k] = 0;
    append(buf, n, "%s%s", buf[0] ? " " : "", opt);
    append(buf, n, " %s%s", q, "");
}

void filter_args(const cm_filter *f, char *buf, size_t n)
{
    buf[0] = 0;
    if (f->nwords) arg(buf, n, "--text", f->text);
    if (f->actor_f[0]) arg(buf, n, "--actor", f->actor);
    if (f->cats || f->nsubs) arg(buf, n, "--type", f->types);
    if (f->min_fatal > 0) {
        char k[24];
        snprintf(k, sizeof k, "%ld", f->min_fatal);
        arg(buf, n, "--min-fatalities", k);
    }
    if (f->source_f[0]) arg(buf, n, "--source", f->source);
    if (f->date_prec) {
        char p[40];
        prec_list(f, p, sizeof p);
        arg(buf, n, "--date-precision", p);
    }
    if (f->loc != CM_LOCF_ANY) arg(buf, n, "--location-precision", loc_name(f->loc));
}

/* ---- the filter bar's line ---- */

int filter_parse(cm_filter *f, const char *line, char *err, size_t errlen)
{
    cm_filter g;
    filter_init(&g);
    char words[CM_FILTER_TEXT] = "";
    const char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        /* one token: key:value or a word, where double quotes keep spaces */
        char tok[CM_FILTER_TEXT];
        size_t k = 0;
        int q = 0;
        for (; *p && (q || (*p != ' ' && *p != '\t')); p++) {
            if (*p == '"') { q = !q; continue; }
            if (k + 1 < sizeof tok) tok[k++] = *p;
        }
        tok[k] = 0;
        char *colon = strchr(tok, ':');
        static const char *const KEYS[] = {"type", "actor", "source", "killed", "prec", "place"};
        int key = -1;
        if (colon)
            for (int i = 0; i < 6; i++)
                if ((size_t)(colon - tok) == strlen(KEYS[i]) && strncmp(tok, KEYS[i], strlen(KEYS[i])) == 0) key = i;
        if (key < 0) {
            size_t n = strlen(words), m = strlen(tok);
            if (n + m + 2 <= sizeof words) {
                if (n) words[n++] = ' ';
                memcpy(words + n, tok, m + 1);
            }
            continue;
        }
        const char *v = colon + 1;
        int rc = 0;
        if (!*v) continue; /* still being typed */
        if (key == 0) rc = filter_set_types(&g, v, err, errlen);
        else if (key == 1) filter_set_actor(&g, v);
        else if (key == 2) filter_set_source(&g, v);
        else if (key == 3) rc = filter_set_min_fatalities(&g, v, err, errlen);
        else if (key == 4) rc = filter_set_date_precision(&g, v, err, errlen);
        else rc = filter_set_location_precision(&g, v, err, errlen);
        if (rc) return -1;
    }
    filter_set_text(&g, words);
    *f = g;
    return 0;
}

static void line_part(char *buf, size_t n, const char *key, const char *val)
{
    int quote = strchr(val, ' ') != NULL;
    append(buf, n, "%s%s", buf[0] ? " " : "", key);
    append(buf, n, quote ? "\"%s\"%s" : "%s%s", val, "");
}

void filter_line(const cm_filter *f, char *buf, size_t n)
{
    buf[0] = 0;
    if (f->nwords) append(buf, n, "%s%s", f->text, "");
    if (f->cats || f->nsubs) line_part(buf, n, "type:", f->types);
    if (f->actor_f[0]) line_part(buf, n, "actor:", f->actor);
    if (f->source_f[0]) line_part(buf, n, "source:", f->source);
    if (f->min_fatal > 0) {
        char k[24];
        snprintf(k, sizeof k, "%ld", f->min_fatal);
        line_part(buf, n, "killed:", k);
    }
    if (f->date_prec) {
        char p[40];
        prec_list(f, p, sizeof p);
        line_part(buf, n, "prec:", p);
    }
    if (f->loc != CM_LOCF_ANY) line_part(buf, n, "place:", loc_name(f->loc));
}
