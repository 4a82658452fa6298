/* plinth serve: HTTP over libmicrohttpd, a thin layer over driver.c.
 *
 * Threads. libmicrohttpd runs a pool of worker threads (one per core, each
 * with its own epoll loop); a request is handled on the worker that owns
 * its connection. The knowledge base is loaded once, before the workers
 * start, and only read afterwards. Each connection owns an arena, reset at
 * the start of every request: a request's memory is one bump pointer, no
 * other thread sees it, and its pages are reused by the next request on the
 * same connection instead of being mapped again. One more thread, the
 * watcher, polls the watched spec, pings the event streams and drops
 * clients that send a request too slowly. The only state shared between
 * threads is under Server.mu: the list of connections, the suspended event
 * streams and the watched spec's text and generation.
 *
 * Requests. The access handler is called once with the headers, then with
 * each piece of the body, then once more with none: the route is chosen on
 * the first call (404, 405 and an announced 413 answer at once), the body
 * gathers into Req.body (at most SPEC_MAX_BYTES), and the last call runs
 * the route's handler, which fills a Reply. Every reply carries the same
 * security headers (a Content-Security-Policy, nosniff, no CORS).
 *
 * Slow clients. libmicrohttpd's connection timeout counts idle time, so a
 * client sending one byte a second would never reach it. The watcher also
 * clocks each connection from its start (or the end of its last request)
 * to the moment its request has arrived whole, and shuts the socket of one
 * over the timeout; libmicrohttpd then sees the connection end and closes
 * it. A connection leaves the list (under the lock) before libmicrohttpd
 * closes its socket, so the watcher never shuts a reused descriptor.
 *
 * Server-sent events. GET /api/events streams "spec" events, each with the
 * generation of the watched spec; the page then reads GET /api/spec. A
 * stream with nothing to send suspends its connection and waits in
 * Server.streams; the watcher resumes it on a change, or every
 * PING_SECONDS to send a comment line, which also finds closed clients. */
#define _DEFAULT_SOURCE
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../driver.h"
#include "../util/file.h"
#include "../emit/emit.h"
#include "../intake/intake.h"
#include "../plan/diff.h"
#include "../spec/parse.h"
#include "../util/json.h"
#include "../util/lib.h"
#include "../util/sha256.h"

/* libmicrohttpd, and gnutls with it, is loaded when the server starts
 * (util/lib.h); the names below then call through the loaded pointers. */
#define MHD_FUNCS(X)                                                                                                   \
  X(MHD_add_response_header) X(MHD_create_post_processor) X(MHD_create_response_from_buffer)                          \
      X(MHD_create_response_from_buffer_with_free_callback) X(MHD_create_response_from_callback)                      \
          X(MHD_destroy_post_processor) X(MHD_destroy_response) X(MHD_get_connection_info) X(MHD_get_daemon_info)     \
              X(MHD_lookup_connection_value) X(MHD_post_process) X(MHD_queue_response) X(MHD_resume_connection)       \
                  X(MHD_start_daemon) X(MHD_stop_daemon) X(MHD_suspend_connection)
static struct {
  MHD_FUNCS(LIB_FIELD)
} mhd;
static const char *const mhd_lib[] = {"libmicrohttpd.so.12", "libmicrohttpd.so", NULL};
static const char *const *const mhd_libs[] = {mhd_lib, NULL};
static const char *const mhd_names[] = {MHD_FUNCS(LIB_NAME)};
#define MHD_add_response_header mhd.MHD_add_response_header
#define MHD_create_post_processor mhd.MHD_create_post_processor
#define MHD_create_response_from_buffer mhd.MHD_create_response_from_buffer
#define MHD_create_response_from_buffer_with_free_callback mhd.MHD_create_response_from_buffer_with_free_callback
#define MHD_create_response_from_callback mhd.MHD_create_response_from_callback
#define MHD_destroy_post_processor mhd.MHD_destroy_post_processor
#define MHD_destroy_response mhd.MHD_destroy_response
#define MHD_get_connection_info mhd.MHD_get_connection_info
#define MHD_get_daemon_info mhd.MHD_get_daemon_info
#define MHD_lookup_connection_value mhd.MHD_lookup_connection_value
#define MHD_post_process mhd.MHD_post_process
#define MHD_queue_response mhd.MHD_queue_response
#define MHD_resume_connection mhd.MHD_resume_connection
#define MHD_start_daemon mhd.MHD_start_daemon
#define MHD_stop_daemon mhd.MHD_stop_daemon
#define MHD_suspend_connection mhd.MHD_suspend_connection

enum {
  PING_SECONDS = 15,
  WATCH_MS = 200,
  /* Pages an arena keeps mapped between requests; a larger request's
   * pages beyond this are given back, so memory stays flat. */
  ARENA_KEEP = 64 << 20,
};

/* Content-Security-Policy of every reply: the page's own files only, no
 * inline script or style, no network but this server. */
#define CSP                                                                                                          \
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "     \
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

typedef struct Conn Conn;
struct Conn {
  Conn *prev, *next;
  int fd;
  struct timespec since;   /* start of the connection or end of its last request */
  bool receiving;          /* the current request has not arrived whole */
  bool dropped;            /* the watcher shut its socket */
  Arena arena;             /* made on the first request; reset for each */
};

typedef struct Stream Stream;
typedef struct Server Server;
struct Stream {
  Stream *next;            /* in Server.streams while suspended */
  Server *srv;
  struct MHD_Connection *conn;
  unsigned gen;            /* generation last sent */
  bool sent, ping, waiting;
};

struct Server {
  const ServeOpts *o;
  Arena kb_arena;
  const Kb *kb;            /* loaded once */
  char host4[64], host6[64], hostname[64];  /* accepted Host headers */
  bool loopback;
  pthread_mutex_t mu;
  pthread_cond_t wake;
  Conn *conns;
  Stream *streams;
  unsigned gen;            /* of the watched spec; 0: none */
  Buf spec;                /* its text */
  struct timespec mtime;
  off_t size;
  ino_t ino;
  bool stopping;
  /* The last PLAN_CACHE answers of /api/plan, by the SHA-256 of the spec's
   * name and text: the same spec always plans to the same bytes (the KB is
   * loaded once), and the page sends the same spec again and again. */
  pthread_mutex_t plans_mu;
  struct {
    char key[65];
    Buf json;
  } plans[32];   /* PLAN_CACHE */
  int plans_next;
};
enum { PLAN_CACHE = 32 };

typedef struct {
  int status;
  const char *type;
  const char *allow;       /* for 405 */
  Buf body;
} Reply;

typedef struct Route Route;
typedef struct {
  const Route *route;
  const char *url;
  struct MHD_Connection *conn;
  Buf body;
  Buf form[2];             /* POST /api/diff: the fields old and new */
  char form_name[2][128];  /* their file names, when sent as files */
  struct MHD_PostProcessor *form_pp;
  bool too_big;
  bool bad_form;
  bool post;
  Reply reply;             /* here, not on the stack: it survives a longjmp */
  jmp_buf oom;
} Req;

/* Diagnostics of one request, in its arena. */
typedef struct {
  Severity sev;
  int line, col, seq;
  const char *file;
  char *msg;
} Diag;
typedef struct {
  Arena *a;
  Diag *v;
  ptrdiff_t n;
  int cap;
} Diags;

typedef void Handler(Server *s, Compilation *c, Diags *ds, Req *r);
struct Route {
  const char *path;
  bool prefix;             /* path is a prefix: /api/artifact/NAME */
  const char *methods;     /* "GET", "POST", "GET, POST" (the Allow header) */
  Handler *fn;
};

static double seconds_since(const struct timespec *t) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* ---- replies ---- */

static void reply_json_message(Reply *r, int status, const char *key, const char *msg) {
  r->status = status;
  r->type = "application/json";
  r->body.n = 0;
  Json j = {.out = &r->body};
  json_obj(&j);
  json_key(&j, key);
  json_cstr(&j, msg);
  json_end_obj(&j);
  buf_putc(&r->body, '\n');
}

static void collect(void *ctx, const Diagnostic *d) {
  Diags *ds = ctx;
  Diag *x = push(ds->a, ds->v, ds->n, ds->cap);
  x->sev = d->sev;
  x->file = d->file ? d->file->name : NULL;
  x->line = d->file ? d->line : 0;
  x->col = d->file ? d->col : 0;
  x->seq = (int)ds->n;
  x->msg = str_dupz(ds->a, str_c(d->msg));
}

/* By line and column (those without a place last), then in order. */
static int by_place(const void *x, const void *y) {
  const Diag *a = x, *b = y;
  int la = a->line ? a->line : INT32_MAX, lb = b->line ? b->line : INT32_MAX;
  if (la != lb)
    return la < lb ? -1 : 1;
  if (a->col != b->col)
    return a->col < b->col ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *sev_name(Severity s) { return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note"; }

/* {"diagnostics":[{"file","line","col","severity","message"}...]} and,
 * with counts, "errors" and "warnings". */
static void reply_diags(Reply *r, int status, Diags *ds, const DiagSink *counts) {
  r->status = status;
  r->type = "application/json";
  r->body.n = 0;
  if (ds->n)
    qsort(ds->v, (size_t)ds->n, sizeof *ds->v, by_place);
  Json j = {.out = &r->body};
  json_obj(&j);
  json_key(&j, "diagnostics");
  json_arr(&j);
  for (ptrdiff_t i = 0; i < ds->n; i++) {
    const Diag *d = &ds->v[i];
    json_obj(&j);
    json_key(&j, "file");
    if (d->file)
      json_cstr(&j, d->file);
    else
      json_null(&j);
    json_key(&j, "line");
    json_num(&j, d->line);
    json_key(&j, "col");
    json_num(&j, d->col);
    json_key(&j, "severity");
    json_cstr(&j, sev_name(d->sev));
    json_key(&j, "message");
    json_cstr(&j, d->msg);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  if (counts) {
    json_key(&j, "errors");
    json_num(&j, counts->errors);
    json_key(&j, "warnings");
    json_num(&j, counts->warnings);
  }
  json_end_obj(&j);
  buf_putc(&r->body, '\n');
}

static void reply_buf(Reply *r, const char *type, Buf *b) {
  r->status = MHD_HTTP_OK;
  r->type = type;
  buf_free(&r->body);
  r->body = *b;
  *b = (Buf){0};
}

/* ---- the spec of a request ---- */

/* The request's body as the spec; for a GET with no body, the watched
 * spec (copied into the arena under the lock). */
static void use_spec(Server *s, Compilation *c, Req *r) {
  if (r->body.n || r->post || !s->o->spec) {
    driver_set_text(c, "<request>", buf_view(&r->body));
    return;
  }
  pthread_mutex_lock(&s->mu);
  char *t = new(&c->arena, char, s->spec.n + 1);
  if (s->spec.n)
    memcpy(t, s->spec.p, (size_t)s->spec.n);
  Str text = {t, s->spec.n};
  pthread_mutex_unlock(&s->mu);
  driver_set_text(c, s->o->spec, text);
}

/* The plan as `plinth plan` builds it for --format json and -o: decided,
 * with its records numbered. False after a 422 reply. */
static bool decided(Server *s, Compilation *c, Diags *ds, Req *r) {
  (void)s;
  if (!driver_decide(c, NULL)) {
    reply_diags(&r->reply, 422, ds, NULL);
    return false;
  }
  Buf err = {0};
  bool ok = driver_records(c, NULL, NULL, &err);
  if (!ok) {
    buf_putc(&err, 0);
    reply_json_message(&r->reply, MHD_HTTP_INTERNAL_SERVER_ERROR, "error", err.p);
  }
  buf_free(&err);
  return ok;
}

/* ---- routes ---- */

/* The cache key of the request's spec: its name, a NUL, its text. */
static void plan_key(Compilation *c, char key[65]) {
  Buf b = {0};
  buf_puts(&b, c->file.name);
  buf_putc(&b, 0);
  buf_put(&b, c->file.text.p, c->file.text.n);
  sha256_hex(b.p, b.n, key);
  buf_free(&b);
}

static void api_plan(Server *s, Compilation *c, Diags *ds, Req *r) {
  use_spec(s, c, r);
  char key[65];
  plan_key(c, key);
  Buf out = {0};
  pthread_mutex_lock(&s->plans_mu);
  for (int i = 0; i < PLAN_CACHE; i++)
    if (s->plans[i].json.n && !memcmp(s->plans[i].key, key, sizeof key)) {
      buf_put(&out, s->plans[i].json.p, s->plans[i].json.n);
      break;
    }
  pthread_mutex_unlock(&s->plans_mu);
  if (out.n) {
    reply_buf(&r->reply, "application/json", &out);
    return;
  }
  if (!decided(s, c, ds, r))
    return;
  emit_plan_json(c->plan, &out);
  pthread_mutex_lock(&s->plans_mu);
  Buf *keep = &s->plans[s->plans_next].json;
  memcpy(s->plans[s->plans_next].key, key, sizeof key);
  s->plans_next = (s->plans_next + 1) % PLAN_CACHE;
  keep->n = 0;
  buf_put(keep, out.p, out.n);
  pthread_mutex_unlock(&s->plans_mu);
  reply_buf(&r->reply, "application/json", &out);
}

static void api_check(Server *s, Compilation *c, Diags *ds, Req *r) {
  use_spec(s, c, r);
  if (driver_plan(c, NULL))
    driver_review(c, NULL);
  reply_diags(&r->reply, c->sink.errors ? 422 : MHD_HTTP_OK, ds, &c->sink);
}

static void api_estimate(Server *s, Compilation *c, Diags *ds, Req *r) {
  use_spec(s, c, r);
  if (!driver_estimate(c, NULL)) {
    reply_diags(&r->reply, 422, ds, NULL);
    return;
  }
  Buf out = {0};
  emit_estimate_json(c->plan, &out);
  reply_buf(&r->reply, "application/json", &out);
}

static void api_new(Server *s, Compilation *c, Diags *ds, Req *r) {
  (void)ds;
  Buf spec = {0}, js = {0}, msg = {0};
  IntakeOut io = {&spec, &js, &msg, false};
  intake_new(&c->arena, s->kb, buf_view(&r->body), &io);
  reply_buf(&r->reply, "application/json", &js);
  buf_free(&spec);
  buf_free(&msg);
}

/* POST /api/diff: two specs as the form fields old and new (multipart or
 * urlencoded); ?only=PART, ?sqlite=1 and ?allow_destructive=1 as the
 * command's options. Answers the bytes of `plinth diff --json OLD NEW`. */
static void api_diff(Server *s, Compilation *c, Diags *ds, Req *r) {
  static const char *const parts[] = {"decisions", "cost", "api", "migration", "roadmap"};
  const char *only = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "only");
  bool known = !only;
  for (size_t i = 0; i < sizeof parts / sizeof *parts && !known; i++)
    known = !strcmp(only, parts[i]);
  if (!known) {
    reply_json_message(&r->reply, MHD_HTTP_BAD_REQUEST, "error",
                       "unknown part for only (decisions, cost, api, migration or roadmap)");
    return;
  }
  if (!r->form[0].n || !r->form[1].n) {
    reply_json_message(&r->reply, MHD_HTTP_BAD_REQUEST, "error",
                       "send the two specs as the form fields old and new (multipart/form-data)");
    return;
  }
  const char *sqlite = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "sqlite");
  const char *destructive = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "allow_destructive");
  /* OLD in c, NEW in a second compilation that allocates after it. */
  /* Named as the files were sent, so the answer is the command's for
   * the same names. */
  driver_set_text(c, r->form_name[0][0] ? r->form_name[0] : "old", buf_view(&r->form[0]));
  bool ok = driver_plan(c, NULL) != NULL;
  Compilation after;
  driver_init_in(&after, c->arena, collect, ds);
  after.kb = s->kb;
  driver_set_text(&after, r->form_name[1][0] ? r->form_name[1] : "new", buf_view(&r->form[1]));
  ds->a = &after.arena; /* NEW's findings after NEW's allocations, not over them */
  ok = driver_plan(&after, NULL) != NULL && ok;
  c->arena = after.arena; /* the request's high-water mark */
  ds->a = &c->arena;
  if (!ok) {
    reply_diags(&r->reply, 422, ds, NULL);
    return;
  }
  PlanDiff *d = plan_diff(&c->arena, c->plan, after.plan);
  Buf out = {0};
  emit_diff_json(d, only, !(sqlite && strcmp(sqlite, "0")), destructive && strcmp(destructive, "0"), &out);
  reply_buf(&r->reply, "application/json", &out);
}

/* The form fields of POST /api/diff, as they arrive. */
static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                  const char *content_type, const char *transfer_encoding, const char *data,
                                  uint64_t off, size_t size) {
  (void)kind, (void)content_type, (void)transfer_encoding, (void)off;
  Req *r = cls;
  int k = !strcmp(key, "old") ? 0 : !strcmp(key, "new") ? 1 : -1;
  if (k < 0)
    return MHD_YES;
  if (r->form[0].n + r->form[1].n + (ptrdiff_t)size > SPEC_MAX_BYTES) {
    r->too_big = true;
    return MHD_NO;
  }
  if (filename && !r->form_name[k][0])
    snprintf(r->form_name[k], sizeof r->form_name[k], "%s", filename);
  buf_put(&r->form[k], data, (ptrdiff_t)size);
  return MHD_YES;
}

static const char *type_of(const char *path) {
  static const struct {
    const char *ext, *type;
  } types[] = {
    {".json", "application/json"},         {".yaml", "application/yaml"},
    {".yml", "application/yaml"},          {".md", "text/markdown; charset=utf-8"},
    {".svg", "image/svg+xml"},             {".html", "text/html; charset=utf-8"},
    {".sql", "application/sql"},           {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".dot", "text/vnd.graphviz; charset=utf-8"},
  };
  size_t n = strlen(path);
  for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
    size_t e = strlen(types[i].ext);
    if (n >= e && !strcmp(path + n - e, types[i].ext))
      return types[i].type;
  }
  return "text/plain; charset=utf-8";
}

/* GET or POST /api/artifact/NAME: one file `plan -o` writes. */
static void api_artifact(Server *s, Compilation *c, Diags *ds, Req *r) {
  const char *name = r->url + strlen(r->route->path);
  if (!r->body.n && !r->post && !s->o->spec) {
    reply_json_message(&r->reply, MHD_HTTP_BAD_REQUEST, "error",
                       "send the spec as the request body (POST), or start plinth serve with a SPEC to watch");
    return;
  }
  use_spec(s, c, r);
  if (!decided(s, c, ds, r))
    return;
  const Plan *p = c->plan;
  Buf out = {0};
  bool found = false;
  /* One file of its own row: emit only that one. */
  for (int i = 0; i < emit_nartifacts && !found; i++) {
    const Artifact *a = &emit_artifacts[i];
    if (a->path && a->emit && !strcmp(a->path, name) && strcmp(a->only, "report") && (!a->applies || a->applies(p))) {
      a->emit(p, &out);
      found = true;
    }
  }
  if (!found) {
    OutFiles files = {0};
    emit_all(p, &files);
    for (int i = 0; i < files.n && !found; i++)
      if (!strcmp(files.v[i].path, name)) {
        out = files.v[i].text;
        files.v[i].text = (Buf){0};
        found = true;
      }
    outfiles_free(&files);
  }
  if (found)
    reply_buf(&r->reply, type_of(name), &out);
  else
    reply_json_message(&r->reply, MHD_HTTP_NOT_FOUND, "error", "this plan has no such file (see POST /api/artifacts)");
}

/* POST /api/artifacts: every file `plan -o` writes, with its text. */
static void api_artifacts(Server *s, Compilation *c, Diags *ds, Req *r) {
  use_spec(s, c, r);
  if (!decided(s, c, ds, r))
    return;
  OutFiles files = {0};
  emit_all(c->plan, &files);
  Buf out = {0};
  Json j = {.out = &out};
  json_obj(&j);
  json_key(&j, "files");
  json_arr(&j);
  for (int i = 0; i < files.n; i++) {
    json_obj(&j);
    json_key(&j, "path");
    json_cstr(&j, files.v[i].path);
    json_key(&j, "type");
    json_cstr(&j, type_of(files.v[i].path));
    json_key(&j, "text");
    json_str(&j, buf_view(&files.v[i].text));
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(&out, '\n');
  outfiles_free(&files);
  reply_buf(&r->reply, "application/json", &out);
}

static void api_health(Server *s, Compilation *c, Diags *ds, Req *r) {
  (void)c, (void)ds;
  Buf out = {0};
  Json j = {.out = &out};
  json_obj(&j);
  json_key(&j, "status");
  json_cstr(&j, "ok");
  json_key(&j, "version");
  json_cstr(&j, s->o->version);
  json_key(&j, "technologies");
  json_num(&j, s->kb->ntechs);
  json_key(&j, "watching");
  if (s->o->spec)
    json_cstr(&j, s->o->spec);
  else
    json_null(&j);
  json_end_obj(&j);
  buf_putc(&out, '\n');
  reply_buf(&r->reply, "application/json", &out);
}

/* GET /api/spec: the watched spec's text and generation. */
static void api_spec(Server *s, Compilation *c, Diags *ds, Req *r) {
  (void)c, (void)ds;
  if (!s->o->spec) {
    reply_json_message(&r->reply, MHD_HTTP_NOT_FOUND, "error", "plinth serve was started without a SPEC to watch");
    return;
  }
  Buf out = {0};
  Json j = {.out = &out};
  pthread_mutex_lock(&s->mu);
  json_obj(&j);
  json_key(&j, "file");
  json_cstr(&j, s->o->spec);
  json_key(&j, "generation");
  json_num(&j, s->gen);
  json_key(&j, "text");
  json_str(&j, buf_view(&s->spec));
  json_end_obj(&j);
  pthread_mutex_unlock(&s->mu);
  buf_putc(&out, '\n');
  reply_buf(&r->reply, "application/json", &out);
}

/* The page's files: "/" is index.html. */
static void page(Server *s, Compilation *c, Diags *ds, Req *r) {
  (void)s, (void)c, (void)ds;
  const char *name = !strcmp(r->url, "/") ? "index.html" : r->url + 1;
  if (!strcmp(name, "favicon.ico")) { /* browsers ask for it; the page has none */
    r->reply.status = MHD_HTTP_NO_CONTENT;
    return;
  }
  for (int i = 0; i < serve_nassets; i++)
    if (!strcmp(serve_assets[i].name, name)) {
      Buf out = {0};
      buf_put(&out, serve_assets[i].text, (ptrdiff_t)serve_assets[i].len);
      reply_buf(&r->reply, type_of(name), &out);
      return;
    }
  reply_json_message(&r->reply, MHD_HTTP_NOT_FOUND, "error", "no such page");
}

static void api_events(Server *s, Compilation *c, Diags *ds, Req *r);

/* Every path the server answers; the page's files are matched by page. */
static const Route routes[] = {
  {"/api/plan", false, "POST", api_plan},
  {"/api/check", false, "POST", api_check},
  {"/api/estimate", false, "POST", api_estimate},
  {"/api/new", false, "POST", api_new},
  {"/api/diff", false, "POST", api_diff},
  {"/api/artifacts", false, "POST", api_artifacts},
  {"/api/artifact/", true, "GET, POST", api_artifact},
  {"/api/health", false, "GET", api_health},
  {"/api/spec", false, "GET", api_spec},
  {"/api/events", false, "GET", api_events},
};
static const Route page_route = {"/", true, "GET", page};

static const Route *find_route(const char *url) {
  for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
    const Route *rt = &routes[i];
    if (rt->prefix ? !strncmp(url, rt->path, strlen(rt->path)) && url[strlen(rt->path)] : !strcmp(url, rt->path))
      return rt;
  }
  if (!strcmp(url, "/") || !strcmp(url, "/favicon.ico"))
    return &page_route;
  for (int i = 0; i < serve_nassets; i++)
    if (url[0] == '/' && !strcmp(url + 1, serve_assets[i].name))
      return &page_route;
  return NULL;
}

static bool method_allowed(const Route *rt, const char *method) {
  if (!strcmp(method, "HEAD"))
    method = "GET";
  const char *m = strstr(rt->methods, method);
  size_t n = strlen(method);
  return m && (m[n] == 0 || m[n] == ',');
}

/* ---- server-sent events ---- */

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
  (void)pos;
  Stream *st = cls;
  Server *s = st->srv;
  ssize_t n = 0;
  pthread_mutex_lock(&s->mu);
  if (s->stopping)
    n = MHD_CONTENT_READER_END_OF_STREAM;
  else if (!st->sent || st->gen != s->gen) {
    st->gen = s->gen;
    st->sent = true;
    n = snprintf(buf, max, "event: spec\ndata: {\"generation\":%u}\n\n", st->gen);
  } else if (st->ping) {
    st->ping = false;
    n = snprintf(buf, max, ": ping\n\n");
  } else {
    /* Nothing to send: wait in the list until the watcher resumes us. */
    st->waiting = true;
    st->next = s->streams;
    s->streams = st;
    MHD_suspend_connection(st->conn);
  }
  pthread_mutex_unlock(&s->mu);
  return n;
}

static void stream_free(void *cls) {
  Stream *st = cls;
  Server *s = st->srv;
  pthread_mutex_lock(&s->mu);
  for (Stream **p = &s->streams; *p; p = &(*p)->next)
    if (*p == st) {
      *p = st->next;
      break;
    }
  pthread_mutex_unlock(&s->mu);
  free(st);
}

/* Resumes every waiting stream; with `ping`, each sends a comment line. */
static void resume_streams(Server *s, bool ping) {
  for (Stream *st = s->streams, *next; st; st = next) {
    next = st->next;
    st->waiting = false;
    st->ping = ping;
    MHD_resume_connection(st->conn);
  }
  s->streams = NULL;
}

/* The response is made in answer(): it needs the connection. */
static void api_events(Server *s, Compilation *c, Diags *ds, Req *r) {
  (void)c, (void)ds;
  if (!s->o->spec)
    reply_json_message(&r->reply, MHD_HTTP_NOT_FOUND, "error", "plinth serve was started without a SPEC to watch");
  else
    r->reply.status = -1; /* a stream */
}

/* ---- the watcher ---- */

static bool read_spec(Server *s, bool initial) {
  struct stat st;
  if (stat(s->o->spec, &st) != 0)
    return false;
  if (!initial && st.st_mtim.tv_sec == s->mtime.tv_sec && st.st_mtim.tv_nsec == s->mtime.tv_nsec &&
      st.st_size == s->size && st.st_ino == s->ino)
    return false;
  FILE *fp = file_open_read(s->o->spec);
  if (!fp)
    return false;
  Arena a = arena_make(SPEC_MAX_BYTES + (1 << 20));
  Str text;
  int rc = driver_slurp(&a, fp, &text);
  fclose(fp);
  if (rc == 0) {
    pthread_mutex_lock(&s->mu);
    s->spec.n = 0;
    buf_put(&s->spec, text.p, text.n);
    s->gen++;
    s->mtime = st.st_mtim;
    s->size = st.st_size;
    s->ino = st.st_ino;
    resume_streams(s, false);
    pthread_mutex_unlock(&s->mu);
  }
  arena_free(&a);
  return rc == 0;
}

static void *watcher(void *arg) {
  Server *s = arg;
  struct timespec last_ping;
  clock_gettime(CLOCK_MONOTONIC, &last_ping);
  pthread_mutex_lock(&s->mu);
  while (!s->stopping) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += WATCH_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&s->wake, &s->mu, &until);
    if (s->stopping)
      break;
    /* Clients whose request is still arriving after the timeout. Bytes
     * waiting unread in the socket mean the workers are busy, not that
     * the client is slow: such a connection is left alone. */
    for (Conn *c = s->conns; c; c = c->next) {
      int unread = 0;
      if (c->receiving && !c->dropped && seconds_since(&c->since) > s->o->timeout &&
          !(ioctl(c->fd, FIONREAD, &unread) == 0 && unread > 0)) {
        shutdown(c->fd, SHUT_RDWR);
        c->dropped = true;
      }
    }
    if (seconds_since(&last_ping) >= PING_SECONDS) {
      clock_gettime(CLOCK_MONOTONIC, &last_ping);
      resume_streams(s, true);
    }
    if (s->o->spec) {
      pthread_mutex_unlock(&s->mu);
      read_spec(s, false);
      pthread_mutex_lock(&s->mu);
    }
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

/* ---- libmicrohttpd callbacks ---- */

static void notify_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe) {
  Server *s = cls;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    Conn *c = calloc(1, sizeof *c);
    if (!c)
      abort();
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    c->fd = ci ? ci->connect_fd : -1;
    c->receiving = c->fd >= 0;
    clock_gettime(CLOCK_MONOTONIC, &c->since);
    pthread_mutex_lock(&s->mu);
    c->next = s->conns;
    if (s->conns)
      s->conns->prev = c;
    s->conns = c;
    pthread_mutex_unlock(&s->mu);
    *socket_context = c;
    return;
  }
  Conn *c = *socket_context;
  if (!c)
    return;
  pthread_mutex_lock(&s->mu);
  if (c->prev)
    c->prev->next = c->next;
  else
    s->conns = c->next;
  if (c->next)
    c->next->prev = c->prev;
  pthread_mutex_unlock(&s->mu);
  if (c->arena.base)
    arena_free(&c->arena);
  free(c);
  *socket_context = NULL;
}

static void request_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                              enum MHD_RequestTerminationCode toe) {
  (void)toe;
  Server *s = cls;
  Req *r = *con_cls;
  if (r) {
    if (r->form_pp)
      MHD_destroy_post_processor(r->form_pp);
    buf_free(&r->body);
    buf_free(&r->form[0]);
    buf_free(&r->form[1]);
    buf_free(&r->reply.body);
    free(r);
    *con_cls = NULL;
  }
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  Conn *c = ci ? ci->socket_context : NULL;
  if (c) {
    pthread_mutex_lock(&s->mu);
    clock_gettime(CLOCK_MONOTONIC, &c->since);
    c->receiving = true;
    pthread_mutex_unlock(&s->mu);
  }
}

static enum MHD_Result send_reply(struct MHD_Connection *connection, Reply *rp) {
  struct MHD_Response *resp;
  if (rp->body.n) {
    resp = MHD_create_response_from_buffer_with_free_callback((size_t)rp->body.n, rp->body.p, free);
    rp->body = (Buf){0};
  } else
    resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
  if (!resp)
    return MHD_NO;
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rp->type ? rp->type : "text/plain; charset=utf-8");
  MHD_add_response_header(resp, "Content-Security-Policy", CSP);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (rp->allow)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, rp->allow);
  enum MHD_Result ok = MHD_queue_response(connection, (unsigned)rp->status, resp);
  MHD_destroy_response(resp);
  return ok;
}

/* A Host header naming this loopback server: a page of another origin that
 * resolves its own name to 127.0.0.1 (DNS rebinding) is refused. */
static bool host_ok(Server *s, struct MHD_Connection *connection) {
  if (!s->loopback)
    return true;
  const char *h = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
  return h && (!strcmp(h, s->host4) || !strcmp(h, s->host6) || !strcmp(h, s->hostname));
}

static void run_handler(Server *s, Conn *conn, Req *r) {
  if (!conn->arena.base)
    conn->arena = arena_make(DRIVER_ARENA_BYTES);
  Arena a = conn->arena;
  a.oom = &r->oom;
  Compilation c;
  Diags ds = {0};
  driver_init_in(&c, a, collect, &ds);
  c.kb = s->kb; /* loaded once: the stages skip kb_load */
  ds.a = &c.arena;
  if (setjmp(r->oom) == 0)
    r->route->fn(s, &c, &ds, r);
  else
    reply_json_message(&r->reply, MHD_HTTP_INTERNAL_SERVER_ERROR, "error", "the request ran out of memory");
  /* Give back the pages of an unusually large request. */
  ptrdiff_t used = arena_used(&c.arena);
  if (used > ARENA_KEEP)
    madvise(conn->arena.base + ARENA_KEEP, (size_t)(used - ARENA_KEEP), MADV_DONTNEED);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **con_cls) {
  (void)version;
  Server *s = cls;
  Req *r = *con_cls;
  if (!r) {
    /* The headers: choose the route, refuse what can be refused now. */
    r = calloc(1, sizeof *r);
    if (!r)
      return MHD_NO;
    *con_cls = r;
    r->url = url;
    r->conn = connection;
    r->post = !strcmp(method, "POST");
    r->route = find_route(url);
    if (!host_ok(s, connection)) {
      reply_json_message(&r->reply, MHD_HTTP_FORBIDDEN, "error", "unexpected Host header for this local server");
      return send_reply(connection, &r->reply);
    }
    if (!r->route) {
      reply_json_message(&r->reply, MHD_HTTP_NOT_FOUND, "error", "no such path");
      return send_reply(connection, &r->reply);
    }
    if (!method_allowed(r->route, method)) {
      reply_json_message(&r->reply, MHD_HTTP_METHOD_NOT_ALLOWED, "error", "method not allowed on this path");
      r->reply.allow = r->route->methods;
      return send_reply(connection, &r->reply);
    }
    const char *len = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (len && strtoull(len, NULL, 10) > (unsigned long long)SPEC_MAX_BYTES) {
      reply_json_message(&r->reply, 413, "error", "the body is over the 16 MiB limit");
      return send_reply(connection, &r->reply);
    }
    /* The two specs of a diff come as form fields; NULL for a body that is
     * not a form (the handler then finds no fields). */
    if (r->route->fn == api_diff)
      r->form_pp = MHD_create_post_processor(connection, 65536, form_field, r);
    return MHD_YES;
  }
  if (*upload_data_size && r->form_pp) {
    if (!r->too_big && MHD_post_process(r->form_pp, upload_data, *upload_data_size) != MHD_YES && !r->too_big)
      r->bad_form = true;
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (*upload_data_size) {
    if (r->body.n + (ptrdiff_t)*upload_data_size > SPEC_MAX_BYTES)
      r->too_big = true;
    else
      buf_put(&r->body, upload_data, (ptrdiff_t)*upload_data_size);
    *upload_data_size = 0;
    return MHD_YES;
  }
  /* The whole request has arrived. */
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  Conn *conn = ci ? ci->socket_context : NULL;
  if (!conn)
    return MHD_NO;
  pthread_mutex_lock(&s->mu);
  conn->receiving = false;
  pthread_mutex_unlock(&s->mu);
  if (r->too_big) {
    reply_json_message(&r->reply, 413, "error", "the body is over the 16 MiB limit");
    return send_reply(connection, &r->reply);
  }
  if (r->bad_form) {
    reply_json_message(&r->reply, MHD_HTTP_BAD_REQUEST, "error", "the form data could not be read");
    return send_reply(connection, &r->reply);
  }
  run_handler(s, conn, r);
  if (r->reply.status == -1) {
    Stream *st = calloc(1, sizeof *st);
    if (!st)
      return MHD_NO;
    st->srv = s;
    st->conn = connection;
    struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, stream_read, st, stream_free);
    if (!resp) {
      free(st);
      return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ok = MHD_queue_response(connection, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ok;
  }
  return send_reply(connection, &r->reply);
}

/* ---- start and stop ---- */

static void kb_diag(void *ctx, const Diagnostic *d) {
  (void)ctx;
  Buf b = {0};
  diag_render(&b, d);
  fwrite(b.p, 1, (size_t)b.n, stderr);
  buf_free(&b);
}

/* host:port or [v6]:port into addr; false on a malformed address. */
static bool parse_listen(const char *listen, struct sockaddr_storage *addr, bool *v6, bool *loopback) {
  char host[128];
  const char *colon = strrchr(listen, ':');
  if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host)
    return false;
  memcpy(host, listen, (size_t)(colon - listen));
  host[colon - listen] = 0;
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (*end || end == colon + 1 || port < 0 || port > 65535)
    return false;
  memset(addr, 0, sizeof *addr);
  if (host[0] == '[') {
    size_t n = strlen(host);
    if (n < 3 || host[n - 1] != ']')
      return false;
    host[n - 1] = 0;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
      return false;
    *v6 = true;
    *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
    return true;
  }
  struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
  a4->sin_family = AF_INET;
  a4->sin_port = htons((uint16_t)port);
  if (!strcmp(host, "localhost"))
    strcpy(host, "127.0.0.1");
  if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
    return false;
  *v6 = false;
  *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
  return true;
}

int serve_run(const ServeOpts *o) {
  Server s = {.o = o};
  const char *listen = o->listen ? o->listen : "127.0.0.1:8080";
  struct sockaddr_storage addr;
  bool v6 = false;
  if (!parse_listen(listen, &addr, &v6, &s.loopback)) {
    fprintf(stderr, "plinth serve: '%s' is not an address to listen on (HOST:PORT, as 127.0.0.1:8080)\n", listen);
    return 2;
  }
  if (!s.loopback)
    fprintf(stderr, "plinth serve: warning: %s is reachable from other machines, and the API has no "
                    "authentication; 127.0.0.1 keeps it to this one\n", listen);
  Buf lib_err = {0};
  if (!lib_load(mhd_libs, mhd_names, (int)(sizeof mhd_names / sizeof *mhd_names), &mhd, &lib_err)) {
    fprintf(stderr, "plinth serve: %.*s", (int)lib_err.n, lib_err.p);
    buf_free(&lib_err);
    return 2;
  }
  /* The knowledge base, once. */
  s.kb_arena = arena_make(DRIVER_ARENA_BYTES);
  DiagSink sink = {.fn = kb_diag, .arena = &s.kb_arena};
  s.kb = kb_load(&s.kb_arena, o->kb_dir, &sink);
  if (!s.kb) {
    arena_free(&s.kb_arena);
    return 1;
  }
  pthread_mutex_init(&s.mu, NULL);
  pthread_mutex_init(&s.plans_mu, NULL);
  pthread_cond_init(&s.wake, NULL);
  if (o->spec && !read_spec(&s, true)) {
    fprintf(stderr, "plinth serve: cannot read '%s': %s\n", o->spec, strerror(errno));
    arena_free(&s.kb_arena);
    return 2;
  }
  /* Signals are taken by sigwait below, not by the workers. */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned threads = (unsigned)(o->threads > 0 ? o->threads : cores > 0 ? cores : 1);
  unsigned flags = MHD_USE_EPOLL | MHD_USE_INTERNAL_POLLING_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  if (v6)
    flags |= MHD_USE_IPv6;
  struct MHD_Daemon *d =
      MHD_start_daemon(flags, 0, NULL, NULL, answer, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                       MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout,
                       MHD_OPTION_NOTIFY_CONNECTION, notify_connection, &s, MHD_OPTION_NOTIFY_COMPLETED,
                       request_completed, &s, MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "plinth serve: cannot listen on %s: %s\n", listen, strerror(errno));
    arena_free(&s.kb_arena);
    return 2;
  }
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned port = di ? di->port : 0;
  snprintf(s.host4, sizeof s.host4, "127.0.0.1:%u", port);
  snprintf(s.host6, sizeof s.host6, "[::1]:%u", port);
  snprintf(s.hostname, sizeof s.hostname, "localhost:%u", port);
  pthread_t w;
  pthread_create(&w, NULL, watcher, &s);
  char shown[160];
  if (v6)
    snprintf(shown, sizeof shown, "%.*s:%u", (int)(strrchr(listen, ':') - listen), listen, port);
  else {
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, ip, sizeof ip);
    snprintf(shown, sizeof shown, "%s:%u", ip, port);
  }
  fprintf(stderr, "plinth serve: http://%s/ (%u worker%s%s%s)\n", shown, threads, threads == 1 ? "" : "s",
          o->spec ? ", watching " : "", o->spec ? o->spec : "");
  int sig;
  sigwait(&sigs, &sig);
  pthread_mutex_lock(&s.mu);
  s.stopping = true;
  resume_streams(&s, false);
  pthread_cond_signal(&s.wake);
  pthread_mutex_unlock(&s.mu);
  pthread_join(w, NULL);
  MHD_stop_daemon(d);
  pthread_mutex_destroy(&s.mu);
  pthread_mutex_destroy(&s.plans_mu);
  for (int i = 0; i < PLAN_CACHE; i++)
    buf_free(&s.plans[i].json);
  pthread_cond_destroy(&s.wake);
  buf_free(&s.spec);
  arena_free(&s.kb_arena);
  fprintf(stderr, "plinth serve: stopped\n");
  return 0;
}
