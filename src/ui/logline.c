/* logline: --log-ui lines; see logline.h. */
#include "ui/logline.h"

#include <string.h>
#include <yajl/yajl_gen.h>

void logline_write(const cm_ui *u, const char *kind, const cm_logkv *f, int n)
{
    if (!u->log) return;
    yajl_gen g = yajl_gen_alloc(NULL);
    if (!g) return;
    yajl_gen_config(g, yajl_gen_validate_utf8, 1);
    yajl_gen_map_open(g);
    yajl_gen_string(g, (const unsigned char *)"event", 5);
    yajl_gen_string(g, (const unsigned char *)kind, strlen(kind));
    for (int i = 0; i < n; i++) {
        yajl_gen_string(g, (const unsigned char *)f[i].key, strlen(f[i].key));
        if (f[i].str) yajl_gen_string(g, (const unsigned char *)f[i].str, strlen(f[i].str));
        else yajl_gen_integer(g, f[i].num);
    }
    yajl_gen_map_close(g);
    const unsigned char *buf;
    size_t len;
    yajl_gen_get_buf(g, &buf, &len);
    fwrite(buf, 1, len, u->log);
    fputc('\n', u->log);
    fflush(u->log);
    yajl_gen_free(g);
}
