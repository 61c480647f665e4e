/* fuzz_date: date_parse and date_parse_day on a NUL-terminated copy of the input. A date
 * that parses must format back to the same text, and cover at least one day. */
#include "fuzz_common.h"

#include "data/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    cm_date d;
    if (date_parse(s, &d) == 0) {
        char back[64], human[64];
        date_format_prec(d, back, sizeof back);
        date_format(d, human, sizeof human);
        if (strcmp(back, s) != 0) { fprintf(stderr, "'%s' parsed, formats back as '%s'\n", s, back); abort(); }
        if (date_last(d) < date_first(d)) { fprintf(stderr, "'%s' ends before it starts\n", s); abort(); }
    }
    int32_t day;
    if (date_parse_day(s, &day) == 0) {
        char iso[64];
        date_format_iso(day, iso, sizeof iso);
        cm_date d2;
        if (date_parse(iso, &d2) != 0 || d2.day != day) { fprintf(stderr, "'%s' -> day %d -> '%s' does not parse back\n", s, (int)day, iso); abort(); }
        date_add_months(day, 1);
    }
    free(s);
    return 0;
}
