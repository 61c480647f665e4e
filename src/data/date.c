/* date: day numbers and precision; see date.h. Civil conversions after Howard Hinnant's
 * public-domain algorithms (days_from_civil / civil_from_days). */
#include "data/date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *MONTHS[12] = {"January", "February", "March", "April", "May", "June",
                                 "July", "August", "September", "October", "November", "December"};

int32_t date_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_civil(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int date_days_in_month(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : n[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse(const char *s, cm_date *out)
{
    int y, m = 1, d = 1;
    size_t len = strlen(s);
    if (len != 4 && len != 7 && len != 10) return -1;
    if (digits(s, 4, &y) || y < 1000) return -1;
    out->prec = CM_PREC_YEAR;
    if (len >= 7) {
        if (s[4] != '-' || digits(s + 5, 2, &m) || m < 1 || m > 12) return -1;
        out->prec = CM_PREC_MONTH;
    }
    if (len == 10) {
        if (s[7] != '-' || digits(s + 8, 2, &d) || d < 1 || d > date_days_in_month(y, m)) return -1;
        out->prec = CM_PREC_DAY;
    }
    out->day = date_from_civil(y, m, d);
    return 0;
}

int32_t date_first(cm_date d) { return d.prec == CM_PREC_WEEK ? d.day - 3 : d.day; }

int date_parse_day(const char *s, int32_t *day)
{
    cm_date d;
    char iso[11];
    size_t n = strlen(s);
    if (n >= 10 && s[4] == '-') {
        memcpy(iso, s, 10);
        iso[10] = 0;
        if ((n == 10 || s[10] == ' ' || s[10] == 'T') && date_parse(iso, &d) == 0 && d.prec == CM_PREC_DAY) {
            *day = d.day;
            return 0;
        }
        return -1;
    }
    int dd, y, used = 0;
    char mon[16];
    if (sscanf(s, "%2d %15[A-Za-z] %4d%n", &dd, mon, &y, &used) != 3 || s[used] || y < 1000) return -1;
    for (int m = 0; m < 12; m++) {
        size_t ml = strlen(mon);
        if (ml >= 3 && strncasecmp(mon, MONTHS[m], ml) == 0) {
            if (dd < 1 || dd > date_days_in_month(y, m + 1)) return -1;
            *day = date_from_civil(y, m + 1, dd);
            return 0;
        }
    }
    return -1;
}

int32_t date_last(cm_date d)
{
    int y, m, dd;
    date_to_civil(d.day, &y, &m, &dd);
    switch (d.prec) {
    case CM_PREC_MONTH: return date_from_civil(y, m, date_days_in_month(y, m));
    case CM_PREC_YEAR: return date_from_civil(y, 12, 31);
    case CM_PREC_WEEK: return d.day + 3;
    default: return d.day;
    }
}

void date_format(cm_date d, char *buf, size_t n)
{
    int y, m, dd;
    date_to_civil(d.day, &y, &m, &dd);
    if (d.prec == CM_PREC_YEAR) snprintf(buf, n, "%d", y);
    else if (d.prec == CM_PREC_MONTH) snprintf(buf, n, "%s %d", MONTHS[m - 1], y);
    else if (d.prec == CM_PREC_WEEK) snprintf(buf, n, "week of %d %s %d", dd, MONTHS[m - 1], y);
    else snprintf(buf, n, "%d %s %d", dd, MONTHS[m - 1], y);
}

void date_format_iso(int32_t day, char *buf, size_t n)
{
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

void date_format_prec(cm_date d, char *buf, size_t n)
{
    int y, m, dd;
    date_to_civil(d.day, &y, &m, &dd);
    if (d.prec == CM_PREC_YEAR) snprintf(buf, n, "%04d", y);
    else if (d.prec == CM_PREC_MONTH) snprintf(buf, n, "%04d-%02d", y, m);
    else snprintf(buf, n, "%04d-%02d-%02d", y, m, dd);
}

int32_t date_add_months(int32_t day, int months)
{
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    int t = y * 12 + (m - 1) + months;
    y = t / 12;
    m = t % 12 + 1;
    int dim = date_days_in_month(y, m);
    return date_from_civil(y, m, d > dim ? dim : d);
}

/* ---- the styles of exports and spreadsheets ---- */

/* Reads 1..max digits at *p; their count, 0 when none. */
static int num(const char **p, int max, int *out)
{
    int n = 0, v = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n == max && **p >= '0' && **p <= '9') return 0; /* too many digits */
    *out = v;
    return n;
}

/* What may follow a date: nothing, or a time after a space or a T ("0:00", "00:00:00.000",
 * "T00:00:00Z"): digits, ':', '.', and a zone. */
static int time_tail(const char *p)
{
    if (!*p) return 1;
    if (*p != ' ' && *p != 'T') return 0;
    p++;
    if (*p < '0' || *p > '9') return 0;
    for (; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == ':' || *p == '.' || *p == 'Z' || *p == '+' || *p == '-' || *p == ' ' ||
              *p == 'A' || *p == 'P' || *p == 'M'))
            return 0;
    return 1;
}

static int year_of(int v, int ndigits)
{
    if (ndigits == 4) return v >= 1000 ? v : -1;
    if (ndigits == 2) return v < 70 ? 2000 + v : 1900 + v;
    return -1;
}

static int month_name(const char **p)
{
    char mon[16];
    int n = 0;
    while (n < 15 && ((**p >= 'A' && **p <= 'Z') || (**p >= 'a' && **p <= 'z'))) mon[n++] = *(*p)++;
    mon[n] = 0;
    if (n < 3 || ((**p >= 'A' && **p <= 'Z') || (**p >= 'a' && **p <= 'z'))) return 0;
    if (**p == '.' && n < 9) (*p)++; /* "Jul." */
    for (int m = 0; m < 12; m++)
        if (strncasecmp(mon, MONTHS[m], (size_t)n) == 0 && (size_t)n <= strlen(MONTHS[m])) return m + 1;
    return 0;
}

static int make_day(int y, int m, int d, int32_t *day)
{
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m)) return -1;
    *day = date_from_civil(y, m, d);
    return 0;
}

/* "A/B/Y": the two first numbers, the year and whether the style matched. */
static int numeric_parts(const char *s, int *a, int *b, int *y)
{
    const char *p = s;
    int na = num(&p, 2, a);
    char sep = *p;
    if (!na || (sep != '/' && sep != '-' && sep != '.')) return 0;
    p++;
    int nb = num(&p, 2, b);
    if (!nb || *p != sep) return 0;
    p++;
    int yv, ny = num(&p, 4, &yv);
    if ((ny != 2 && ny != 4) || !time_tail(p)) return 0;
    *y = year_of(yv, ny);
    return *y > 0;
}

int date_order_hint(const char *s)
{
    int a, b, y;
    if (!numeric_parts(s, &a, &b, &y)) return 0;
    int h = CM_HINT_NUMERIC;
    if (a > 12 && b <= 12) h |= CM_HINT_DMY;
    if (b > 12 && a <= 12) h |= CM_HINT_MDY;
    return h;
}

int date_parse_styled(const char *s, cm_date_order order, int32_t *day)
{
    const char *p = s;
    int a, b, y, m;
    /* year first: 2025-07-16, 2025/07/16 */
    int ya;
    const char *q = p;
    if (num(&q, 4, &ya) == 4 && (*q == '-' || *q == '/')) {
        char sep = *q++;
        if (num(&q, 2, &m) != 2 || *q != sep) return -1;
        q++;
        if (num(&q, 2, &a) != 2 || !time_tail(q)) return -1;
        return make_day(ya, m, a, day);
    }
    if (numeric_parts(s, &a, &b, &y)) {
        if (order == CM_ORDER_UNKNOWN) return -2;
        return order == CM_ORDER_DMY ? make_day(y, b, a, day) : make_day(y, a, b, day);
    }
    /* day, month name, year: "16 July 2025", "16-July-2025", "9-May-20" */
    q = p;
    int nd = num(&q, 2, &a);
    if (nd) {
        char sep = *q;
        if (sep != ' ' && sep != '-') return -1;
        q++;
        if (!(m = month_name(&q)) || *q != sep) return -1;
        q++;
        int yv, ny = num(&q, 4, &yv);
        if (!time_tail(q) || (y = year_of(yv, ny)) < 0) return -1;
        return make_day(y, m, a, day);
    }
    /* month name, day, year: "July 16, 2025" */
    if ((m = month_name(&q))) {
        if (*q++ != ' ' || !num(&q, 2, &a)) return -1;
        if (*q == ',') q++;
        if (*q++ != ' ') return -1;
        int yv, ny = num(&q, 4, &yv);
        if (ny != 4 || !time_tail(q) || (y = year_of(yv, ny)) < 0) return -1;
        return make_day(y, m, a, day);
    }
    return -1;
}
