/* fuzz_gen: structure-aware inputs for the fuzz targets that load whole catalogs. A few bytes
 * of the fuzzer's input steer a generator that writes large and degenerate geometry the raw
 * byte fuzzers never reach within their input size: many points on one latitude or at one
 * place, points at the poles and the antimeridian, polygons with thousands of vertices or
 * rings (around the limits of shapes.h), zero-area rings, and strings of \u escapes (broken
 * surrogates included). The rest of the input becomes the text of titles and summaries. */
#ifndef CM_FUZZ_GEN_H
#define CM_FUZZ_GEN_H
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const uint8_t *p;
    size_t n, i;
} fz_bytes;

static inline unsigned fz_u8(fz_bytes *b) { return b->i < b->n ? b->p[b->i++] : 0; }
static inline unsigned fz_u16(fz_bytes *b) { unsigned a = fz_u8(b); return a | fz_u8(b) << 8; }

/* a JSON string body from the input: bytes as they come, or as \u escapes */
static inline void fz_text(FILE *f, fz_bytes *b, unsigned len)
{
    for (unsigned k = 0; k < len && b->i < b->n; k++) {
        unsigned c = fz_u8(b);
        if (c == '"' || c == '\\') fputc('\\', f), fputc((int)c, f);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else if (c >= 0xF0) fprintf(f, "\\u%04x", 0xD7F0 + (c - 0xF0) * 0x10 + (fz_u8(b) & 0x1F)); /* around the surrogates */
        else fputc((int)c, f);
    }
}

/* one coordinate pair, by a pattern: spread, one latitude, one place, poles, antimeridian */
static inline void fz_point(fz_bytes *b, unsigned pattern, unsigned k, double *lon, double *lat)
{
    double u = fz_u16(b) / 65535.0, v = fz_u16(b) / 65535.0;
    switch (pattern % 6) {
    case 0: *lon = 35 + 8 * u; *lat = 32 + 6 * v; break;            /* around the map */
    case 1: *lon = 35 + 8 * u; *lat = 34.0; break;                   /* all on one latitude */
    case 2: *lon = 36.3; *lat = 33.5; break;                         /* all at one place */
    case 3: *lon = -180 + 360 * u; *lat = k % 2 ? 90 : -90; break;   /* the poles */
    case 4: *lon = k % 2 ? 180 : -180; *lat = -89 + 178 * v; break;  /* the antimeridian */
    default: *lon = 36.3 + (k % 2) * 1e-12; *lat = 33.5 + u * 1e-9; break; /* a hair apart */
    }
}

/* Writes a GeoJSON FeatureCollection steered by b: up to ~20,000 point events and one
 * area with up to ~24,000 vertices or ~4,200 rings. */
static inline void fz_gen_geojson(FILE *f, fz_bytes *b)
{
    unsigned npts = fz_u16(b), pattern = fz_u8(b), textlen = fz_u8(b) % 64;
    unsigned nverts = fz_u16(b), nrings = fz_u16(b), shape = fz_u8(b);
    /* large only when the top bit asks for it: most runs stay small and fast */
    npts %= pattern & 0x80 ? 20001 : 65;
    nverts %= shape & 0x80 ? 24001 : 257;
    nrings %= shape & 0x40 ? 4201 : 17;
    fprintf(f, "{\"type\": \"FeatureCollection\", \"features\": [\n");
    int first = 1;
    for (unsigned k = 0; k < npts; k++) {
        double lon, lat;
        fz_point(b, pattern, k, &lon, &lat);
        fprintf(f, "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"p%u\", \"title\": \"", first ? "" : ",", k);
        fz_text(f, b, k < 4 ? textlen : 0);
        fprintf(f, "x\", \"category\": \"strike\", \"start\": \"2025-%02u-%02u\", \"summary\": \"", 1 + k % 12, 1 + k % 28);
        fz_text(f, b, k < 4 ? textlen * 4 : 0);
        fprintf(f, "\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [%.12g, %.12g]}}\n", lon, lat);
        first = 0;
    }
    if (nverts >= 3 || nrings) {
        fprintf(f, "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"area\", \"title\": \"Area\", \"category\": \"zone\", "
                   "\"start\": \"2025-01\", \"kind\": \"area\"}, \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": [",
                first ? "" : ",");
        if (shape % 2 == 0 && nverts >= 3) { /* one ring of nverts: a circle, or collapsed to a line */
            fprintf(f, "[[");
            for (unsigned k = 0; k < nverts; k++) {
                double a = 6.283185307179586 * k / nverts;
                double x = 37 + (shape % 4 == 2 ? 1e-13 : 1) * __builtin_cos(a), y = 34 + __builtin_sin(a);
                fprintf(f, "[%.12g, %.12g],", x, y);
            }
            fprintf(f, "[%.12g, 34]]]", 37 + (shape % 4 == 2 ? 1e-13 : 1.0));
        } else { /* nrings squares side by side, or all the same square */
            for (unsigned k = 0; k < nrings; k++) {
                double x = 36 + (shape % 4 == 3 ? 0 : (k % 64) * 0.01), y = 33 + (shape % 4 == 3 ? 0 : (k / 64) * 0.01);
                fprintf(f, "%s[[[%g, %g], [%g, %g], [%g, %g], [%g, %g]]]", k ? ", " : "", x, y, x + 0.005, y, x + 0.005,
                        y + 0.005, x, y);
            }
        }
        fprintf(f, "]}}\n");
    }
    fprintf(f, "]}\n");
}
#endif
