/* date: civil dates as day numbers (days since 1970-01-01, proleptic Gregorian) with a
 * precision. "2025-07" is the whole of July 2025, not the 1st: a date covers the days
 * from date_first() to date_last(). Parsing rejects impossible dates like 2025-02-30. */
#ifndef CM_DATE_H
#define CM_DATE_H
#include <stddef.h>
#include <stdint.h>

/* WEEK: "within a week of the day" (ACLED time_precision 2, UCDP date_prec 2-3): day +- 3. */
typedef enum { CM_PREC_DAY = 0, CM_PREC_MONTH = 1, CM_PREC_YEAR = 2, CM_PREC_WEEK = 3 } cm_precision;

typedef struct {
    int32_t day;          /* first day covered */
    cm_precision prec;
} cm_date;

#define CM_DAY_NEVER INT32_MAX  /* "still going on" */

/* Days since 1970-01-01 of a civil date (no range check). */
int32_t date_from_civil(int y, int m, int d);
/* The civil date of a day number. */
void date_to_civil(int32_t day, int *y, int *m, int *d);
/* Days in month m of year y. */
int date_days_in_month(int y, int m);
/* Parses "YYYY-MM-DD", "YYYY-MM" or "YYYY" (years 1000..9999). 0 on success, -1 otherwise. */
int date_parse(const char *s, cm_date *out);
/* Parses a day written "16 July 2025" or "16 Jul 2025" (as ACLED exports write it) or
 * "YYYY-MM-DD" with anything after it ("2025-07-16 00:00:00.000", as UCDP writes it). */
int date_parse_day(const char *s, int32_t *day);
/* Which of two numbers in a numeric date ("05/07/2025") is the day: the whole column decides
 * (see date_order_hint), or --date-order. */
typedef enum { CM_ORDER_UNKNOWN = 0, CM_ORDER_DMY = 1, CM_ORDER_MDY = 2 } cm_date_order;
/* Parses a day in any of the styles exports and spreadsheets write: "2025-07-16" (and "2025/07/16",
 * with a time after a space or T), "16 July 2025", "16 Jul 2025", "16-July-2025", "9-May-20",
 * "July 16, 2025", and numeric "16/07/2025", "7/16/2025", "31-12-19", "16.07.2025" (with a time
 * such as " 0:00" after them, as Excel re-saves write). Two-digit years are 2000-2069 for 00-69 and
 * 1970-1999 for 70-99. Numeric dates need order: with CM_ORDER_UNKNOWN they return -2 (nothing
 * set). 0 on success, -1 when s is not a date (or an impossible one, "31/02/2025"). */
int date_parse_styled(const char *s, cm_date_order order, int32_t *day);
/* For a numeric day/month date: CM_HINT_NUMERIC, plus CM_HINT_DMY when only day-first reading
 * is possible (first number over 12) or CM_HINT_MDY when only month-first is; 0 for any other
 * style. A column whose hints hold DMY and never MDY is day-first, and so on. */
#define CM_HINT_NUMERIC 1
#define CM_HINT_DMY 2
#define CM_HINT_MDY 4
int date_order_hint(const char *s);
/* First and last day the date covers. */
int32_t date_first(cm_date d);
int32_t date_last(cm_date d);
/* Writes the date as people read it at its precision: "16 July 2025", "July 2025", "2025". */
void date_format(cm_date d, char *buf, size_t n);
/* Writes a day as "2025-07-16". */
void date_format_iso(int32_t day, char *buf, size_t n);
/* Writes the date in its own precision: "2025-07-16", "2025-07", "2025". */
void date_format_prec(cm_date d, char *buf, size_t n);
/* Adds months to a day number, clamping the day of month (31 Jan + 1 month = 28/29 Feb). */
int32_t date_add_months(int32_t day, int months);

#endif
