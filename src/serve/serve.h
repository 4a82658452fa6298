/* plinth serve: the HTTP API and the web page over the one pipeline
 * (driver.c), on libmicrohttpd. See docs/serve.md for the routes. */
#ifndef PLINTH_SERVE_H
#define PLINTH_SERVE_H

typedef struct {
  const char *listen;    /* host:port, [v6]:port; NULL: 127.0.0.1:8080 */
  const char *kb_dir;    /* extra knowledge-base folder; NULL: the built-in only */
  const char *spec;      /* the spec file to watch and push; NULL: none */
  const char *version;
  int threads;           /* worker threads; 0: one per core */
  int timeout;           /* seconds a request may take to arrive whole */
} ServeOpts;

/* Serves until SIGINT or SIGTERM. Returns the exit status: 0 after a
 * signal, 1 when the knowledge base does not load, 2 on a bad address or
 * a port that cannot be bound. */
int serve_run(const ServeOpts *o);

/* The page's files, compiled into the binary (build/gen/assets.c). */
typedef struct {
  const char *name;      /* "index.html", "app.js", ... */
  const char *text;
  long len;
} ServeAsset;
extern const ServeAsset serve_assets[];
extern const int serve_nassets;

#endif
