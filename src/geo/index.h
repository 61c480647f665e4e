/* index: a uniform grid over points, stored compactly (CSR: a start offset per cell and one
 * int per point), for hit tests and culling: "which points lie within r of (x, y)" touches
 * only the few cells around it. Built once after loading; 4 bytes a point plus the cells. */
#ifndef CM_INDEX_H
#define CM_INDEX_H
#include <stddef.h>

/* The most cells a grid has (a limit on memory and on the time to build it): 16M, 64 MB. */
#define CM_GRID_MAX_CELLS 16000000.0

typedef struct {
    double x0, y0, cell;   /* origin and cell size, map units */
    int nx, ny;
    int *start;            /* nx*ny+1 offsets into items */
    int *items;            /* point ids, grouped by cell */
    int n;
} cm_grid;

/* Builds the grid over n points (x[i], y[i]) with ids id[i]; about `per_cell` points a cell
 * on average, and never more than CM_GRID_MAX_CELLS cells however the points lie (all on one
 * line, all at one place); points that are not finite go to the first cell. 0, or -1 when out
 * of memory. */
int grid_build(cm_grid *g, const double *x, const double *y, const int *id, int n, int per_cell);
/* Calls fn(id, ctx) for every point in the cells that meet the square of half-size r around
 * (x, y) (the caller checks the exact distance); stops when fn returns non-zero. */
void grid_query(const cm_grid *g, double x, double y, double r, int (*fn)(int id, void *ctx), void *ctx);
/* The number of cells (for tests and benchmarks). */
size_t grid_cells(const cm_grid *g);
void grid_free(cm_grid *g);

#endif
