/* index: uniform point grid; see index.h. */
#include "geo/index.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The cell of (x, y), clamped to the grid; a coordinate that is not finite goes to cell 0
 * (the double is clamped before the cast: a cast of a value out of int's range is undefined). */
static void cell_of(const cm_grid *g, double x, double y, int *cx, int *cy)
{
    double i = floor((x - g->x0) / g->cell), j = floor((y - g->y0) / g->cell);
    *cx = !(i > 0) ? 0 : i >= g->nx ? g->nx - 1 : (int)i;
    *cy = !(j > 0) ? 0 : j >= g->ny ? g->ny - 1 : (int)j;
}

int grid_build(cm_grid *g, const double *x, const double *y, const int *id, int n, int per_cell)
{
    memset(g, 0, sizeof *g);
    double minx = HUGE_VAL, miny = HUGE_VAL, maxx = -HUGE_VAL, maxy = -HUGE_VAL;
    for (int i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i])) continue;
        if (x[i] < minx) minx = x[i];
        if (y[i] < miny) miny = y[i];
        if (x[i] > maxx) maxx = x[i];
        if (y[i] > maxy) maxy = y[i];
    }
    if (!(minx <= maxx)) minx = miny = maxx = maxy = 0; /* no point, or none finite */
    double w = fmax(maxx - minx, 1e-9), h = fmax(maxy - miny, 1e-9);
    double cells = fmax(1.0, (double)n / (per_cell > 0 ? per_cell : 8));
    if (cells > CM_GRID_MAX_CELLS / 4) cells = CM_GRID_MAX_CELLS / 4;
    /* square cells of the area over the wanted count; but never narrower than the longer side
     * over that count, so that points on one line (one latitude) do not make a grid of
     * billions of empty cells: the cells stay below 4 * cells + 1 whatever the shape */
    g->cell = fmax(sqrt(w * h / cells), fmax(w, h) / cells);
    if (!(g->cell > 0) || !isfinite(g->cell)) g->cell = fmax(w, h);
    if (!(g->cell > 0) || !isfinite(g->cell)) g->cell = 1;
    double nx = floor(w / g->cell) + 1, ny = floor(h / g->cell) + 1;
    if (!(nx * ny <= CM_GRID_MAX_CELLS)) { nx = ny = 1; g->cell = fmax(w, h); } /* cannot happen; kept as a guard */
    g->nx = (int)nx;
    g->ny = (int)ny;
    g->x0 = minx;
    g->y0 = miny;
    g->n = n;
    size_t ncells = (size_t)g->nx * (size_t)g->ny;
    g->start = calloc(ncells + 1, sizeof(int));
    g->items = malloc(sizeof(int) * (n ? n : 1));
    if (!g->start || !g->items) { grid_free(g); return -1; }
    for (int i = 0; i < n; i++) {
        int cx, cy;
        cell_of(g, x[i], y[i], &cx, &cy);
        g->start[(size_t)cy * g->nx + cx + 1]++;
    }
    for (size_t c = 0; c < ncells; c++) g->start[c + 1] += g->start[c];
    int *fill = malloc(sizeof(int) * (ncells + 1));
    if (!fill) { grid_free(g); return -1; }
    memcpy(fill, g->start, sizeof(int) * (ncells + 1));
    for (int i = 0; i < n; i++) {
        int cx, cy;
        cell_of(g, x[i], y[i], &cx, &cy);
        g->items[fill[(size_t)cy * g->nx + cx]++] = id ? id[i] : i;
    }
    free(fill);
    return 0;
}

void grid_query(const cm_grid *g, double x, double y, double r, int (*fn)(int id, void *ctx), void *ctx)
{
    if (!g->start || g->n == 0 || !isfinite(x) || !isfinite(y) || !(r >= 0)) return;
    if (x + r < g->x0 || y + r < g->y0 || x - r > g->x0 + g->nx * g->cell || y - r > g->y0 + g->ny * g->cell) return;
    int ax, ay, bx, by;
    cell_of(g, x - r, y - r, &ax, &ay);
    cell_of(g, x + r, y + r, &bx, &by);
    for (int cy = ay; cy <= by; cy++)
        for (int cx = ax; cx <= bx; cx++) {
            size_t c = (size_t)cy * g->nx + cx;
            for (int k = g->start[c]; k < g->start[c + 1]; k++)
                if (fn(g->items[k], ctx)) return;
        }
}

size_t grid_cells(const cm_grid *g) { return (size_t)g->nx * (size_t)g->ny; }

void grid_free(cm_grid *g)
{
    free(g->start);
    free(g->items);
    memset(g, 0, sizeof *g);
}
