/* index: uniform point grid; see index.h. */
#include "geo/index.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cell_of(const cm_grid *g, double x, double y, int *cx, int *cy)
{
    int i = (int)floor((x - g->x0) / g->cell), j = (int)floor((y - g->y0) / g->cell);
    *cx = i < 0 ? 0 : i >= g->nx ? g->nx - 1 : i;
    *cy = j < 0 ? 0 : j >= g->ny ? g->ny - 1 : j;
    return 0;
}

int grid_build(cm_grid *g, const double *x, const double *y, const int *id, int n, int per_cell)
{
    memset(g, 0, sizeof *g);
    double minx = HUGE_VAL, miny = HUGE_VAL, maxx = -HUGE_VAL, maxy = -HUGE_VAL;
    for (int i = 0; i < n; i++) {
        if (x[i] < minx) minx = x[i];
        if (y[i] < miny) miny = y[i];
        if (x[i] > maxx) maxx = x[i];
        if (y[i] > maxy) maxy = y[i];
    }
    if (n == 0) minx = miny = maxx = maxy = 0;
    double w = fmax(maxx - minx, 1e-9), h = fmax(maxy - miny, 1e-9);
    double cells = fmax(1.0, (double)n / (per_cell > 0 ? per_cell : 8));
    if (cells > 4e6) cells = 4e6;
    g->cell = sqrt(w * h / cells);
    if (g->cell <= 0 || !isfinite(g->cell)) g->cell = fmax(w, h);
    g->nx = (int)(w / g->cell) + 1;
    g->ny = (int)(h / g->cell) + 1;
    g->x0 = minx;
    g->y0 = miny;
    g->n = n;
    g->start = calloc((size_t)g->nx * g->ny + 1, sizeof(int));
    g->items = malloc(sizeof(int) * (n ? n : 1));
    if (!g->start || !g->items) { grid_free(g); return -1; }
    for (int i = 0; i < n; i++) {
        int cx, cy;
        cell_of(g, x[i], y[i], &cx, &cy);
        g->start[cy * g->nx + cx + 1]++;
    }
    for (int c = 0; c < g->nx * g->ny; c++) g->start[c + 1] += g->start[c];
    int *fill = malloc(sizeof(int) * ((size_t)g->nx * g->ny + 1));
    if (!fill) { grid_free(g); return -1; }
    memcpy(fill, g->start, sizeof(int) * ((size_t)g->nx * g->ny + 1));
    for (int i = 0; i < n; i++) {
        int cx, cy;
        cell_of(g, x[i], y[i], &cx, &cy);
        g->items[fill[cy * g->nx + cx]++] = id ? id[i] : i;
    }
    free(fill);
    return 0;
}

void grid_query(const cm_grid *g, double x, double y, double r, int (*fn)(int id, void *ctx), void *ctx)
{
    if (!g->start || g->n == 0) return;
    if (x + r < g->x0 || y + r < g->y0 || x - r > g->x0 + g->nx * g->cell || y - r > g->y0 + g->ny * g->cell) return;
    int ax, ay, bx, by;
    cell_of(g, x - r, y - r, &ax, &ay);
    cell_of(g, x + r, y + r, &bx, &by);
    for (int cy = ay; cy <= by; cy++)
        for (int cx = ax; cx <= bx; cx++) {
            int c = cy * g->nx + cx;
            for (int k = g->start[c]; k < g->start[c + 1]; k++)
                if (fn(g->items[k], ctx)) return;
        }
}

void grid_free(cm_grid *g)
{
    free(g->start);
    free(g->items);
    memset(g, 0, sizeof *g);
}
