/* datadir: where the program's own data (geodata/, assets/) is when --geodata and --assets
 * are not given. An installed program finds it beside itself, at <prefix>/share/conflictmap
 * relative to <prefix>/bin (so `cmake --install --prefix P` works whatever prefix the build
 * was configured with); a development build finds the source tree; the prefix compiled in
 * is the last resort. */
#ifndef CM_DATADIR_H
#define CM_DATADIR_H

/* The directory that holds geodata/ and assets/ (computed once, on the first call; call it
 * before starting threads). Never NULL: when nothing is found, the compiled-in install
 * directory, so that the error names where the data was expected. */
const char *datadir_root(void);
/* datadir_root()'s geodata/ and assets/ directories (the defaults of --geodata, --assets). */
const char *datadir_geodata(void);
const char *datadir_assets(void);

#endif
