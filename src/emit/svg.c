/* DOT text to SVG with Graphviz's libgvc, in process: agmemread parses,
 * gvLayout lays out with dot, gvRenderData renders SVG. The only module
 * that calls libgvc. Graphviz reports parse and layout errors through a
 * process-wide callback (agseterrf), which cannot carry a context: it
 * writes to `sink`, set only for the duration of one call.
 *
 * One GVC context serves the whole process and is never freed. It holds
 * only the two plugins a diagram needs, linked in: the dot layout and the
 * core renderers (SVG). Without the pango plugin there is no fontconfig
 * start-up and no font files read: text is measured from Graphviz's own
 * metrics of Helvetica, the font every diagram names, and the output no
 * longer depends on the fonts installed (-o's layout took 13-15 ms of CPU
 * through pango and fontconfig).
 *
 * libgvc is not thread-safe: in the server, one lock serialises the
 * layouts of all requests. Under the same lock, the last LAYOUTS results
 * are kept by their layout key (below): the page asks for the same
 * diagrams after every edit, and most edits leave most diagrams alone.
 *
 * Every SVG ends with its layout's key, a comment before </svg>: the
 * SHA-256 of the DOT text and of LAYOUT_ENGINE. `plan -o` into a folder
 * that holds a diagram laid out under the same key takes it from there
 * (emit_svg_reusing) and loads no Graphviz when none changed. */
#include <graphviz_version.h>
#include <gvc.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "../util/format.h"
#include "../util/lib.h"
#include "../util/sha256.h"
#include "emit.h"

/* Graphviz is loaded on the first layout (util/lib.h): its libraries and
 * the two plugins, whose library records are handed to gvContextPlugins. */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
/* libgvc's output functions, which its headers do not declare. */
size_t gvwrite(GVJ_t *job, const char *s, size_t len);
void gvprintdouble(GVJ_t *job, double num);
void gvprintf(GVJ_t *job, const char *format, ...) __attribute__((format(printf, 2, 3)));
#define GV_FUNCS(X)                                                                                                    \
  X(agseterr) X(agseterrf) X(agreseterrors) X(gvContextPlugins) X(agmemread) X(gvLayout) X(gvRenderData)               \
      X(gvFreeRenderData) X(gvFreeLayout) X(agclose) X(gvplugin_dot_layout_LTX_library) X(gvplugin_core_LTX_library) \
          X(gvcVersion) X(gvwrite) X(gvprintdouble)
static struct {
  GV_FUNCS(LIB_FIELD)
} gv;
#ifndef PLINTH_GVPLUGINS
#define PLINTH_GVPLUGINS "/usr/lib/x86_64-linux-gnu/graphviz"
#endif
static const char *const gv_gvc[] = {"libgvc.so.6", "libgvc.so", NULL};
static const char *const gv_cgraph[] = {"libcgraph.so.6", "libcgraph.so", NULL};
static const char *const gv_dot[] = {PLINTH_GVPLUGINS "/libgvplugin_dot_layout.so.6", "libgvplugin_dot_layout.so.6", NULL};
static const char *const gv_core[] = {PLINTH_GVPLUGINS "/libgvplugin_core.so.6", "libgvplugin_core.so.6", NULL};
static const char *const *const gv_libs[] = {gv_gvc, gv_cgraph, gv_dot, gv_core, NULL};
static const char *const gv_names[] = {GV_FUNCS(LIB_NAME)};
static lt_symlist_t builtins[3];

static Buf *sink;
static GVC_t *gvc;
static bool gv_loaded, gv_failed;
static bool gv_numbers;   /* Graphviz's number printer is the one svg_number reproduces */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

enum { LAYOUTS = 64 };
static struct {
  char key[65];
  Buf svg;
} layouts[LAYOUTS];
static int next_layout;   /* the slot to replace next (round robin) */
static bool one_shot;     /* svg_one_shot: nothing is laid out twice, nothing kept */

void svg_one_shot(void) {
  pthread_mutex_lock(&lock);
  one_shot = true;
  pthread_mutex_unlock(&lock);
}

/* ---- numbers ----
 * Graphviz 2.42's SVG writer prints every coordinate through gvprintdouble:
 * snprintf "%.02f", then the trailing zeros of the fraction trimmed (and
 * -1e-8 < x < 1e-8 printed as 0). glibc prints a double exactly, in
 * multiple precision: 12.7M of the 90M instructions of `plan -o` on the
 * typical example. svg_number makes the same characters with integer
 * arithmetic, and calls snprintf only where the value lies within 1e-6 of
 * a rounding tie (x * 100 is then too close to n + 0.5 to round by its
 * double) or beyond 1e6.
 *
 * plinth exports a gvprintdouble of its own (the Makefile's
 * --export-dynamic-symbol), which the dynamic loader binds in the SVG
 * plugin before libgvc's: the executable comes first in the lookup. It
 * prints through svg_number only under the Graphviz versions whose printer
 * it reproduces (2.42 and 2.43, which Debian 12's 2.42.2 calls itself,
 * checked at load); under any other, and for
 * libgvc's own calls, Graphviz's printer runs as it is. */
int svg_number(char *out, double x) {
  if (x > -1e-8 && x < 1e-8)
    x = 0;
  double v = fabs(x) * 100, whole = floor(v), frac = v - whole;
  int n = 0;
  if (!(v < 1e8) || fabs(frac - 0.5) < 1e-6) {
    /* Graphviz's buffer: 50 bytes, a longer number cut to 49 characters. */
    n = snprintf(out, 50, "%.02f", x);
    n = n < 0 ? 0 : n > 49 ? 49 : n;
  } else {
    long long k = (long long)whole + (frac > 0.5);
    char digits[24];
    int nd = 0;
    for (long long ip = k / 100; nd == 0 || ip; ip /= 10)
      digits[nd++] = (char)('0' + ip % 10);
    if (x < 0)
      out[n++] = '-';
    while (nd)
      out[n++] = digits[--nd];
    out[n++] = '.';
    out[n++] = (char)('0' + k % 100 / 10);
    out[n++] = (char)('0' + k % 10);
  }
  if (n > 0 && memchr(out, '.', (size_t)n)) {
    while (out[n - 1] == '0')
      n--;
    if (out[n - 1] == '.')
      n--;
  }
  out[n] = 0;
  return n;
}

void gvprintdouble(GVJ_t *job, double num) {
  if (!gv_numbers) {
    gv.gvprintdouble(job, num);
    return;
  }
  char b[50];
  gv.gvwrite(job, b, (size_t)svg_number(b, num));
}

/* What besides the DOT text decides an SVG's bytes: Graphviz's version and
 * what this file does to its output (the fonts, the ids, the numbers).
 * Bump the revision when that changes, so no folder keeps a stale layout. */
#define LAYOUT_ENGINE "graphviz " PACKAGE_VERSION ", plinth svg.c revision 1\n"
static const char key_open[] = "<!-- plinth layout ", key_close[] = " -->\n";

void svg_layout_key(Str dot, char key[65]) {
  Sha256 h;
  sha256_init(&h);
  sha256_update(&h, LAYOUT_ENGINE, (ptrdiff_t)sizeof LAYOUT_ENGINE - 1);
  sha256_update(&h, dot.p, dot.n);
  sha256_final_hex(&h, key);
}

bool svg_laid_out_as(Str svg, const char key[65]) {
  /* The comment is the last thing before the closing tag. */
  static const char end[] = "</svg>";
  ptrdiff_t k = svg.n - (ptrdiff_t)sizeof end + 1;
  while (k >= 0 && memcmp(svg.p + k, end, sizeof end - 1))
    k--;
  ptrdiff_t want = (ptrdiff_t)(sizeof key_open - 1 + 64 + sizeof key_close - 1);
  return k >= want && !memcmp(svg.p + k - want, key_open, sizeof key_open - 1) &&
         !memcmp(svg.p + k - want + sizeof key_open - 1, key, 64) &&
         !memcmp(svg.p + k - (ptrdiff_t)sizeof key_close + 1, key_close, sizeof key_close - 1);
}

/* Graphviz's gvprintf formats with vsnprintf and writes with gvwrite;
 * plinth's (exported too, and bound in libgvc and its plugins alike)
 * formats with format_v, the same characters for less work. */
void gvprintf(GVJ_t *job, const char *format, ...) {
  char b[1024];
  va_list ap, again;
  va_start(ap, format);
  va_copy(again, ap);
  int n = format_v(b, sizeof b, format, ap);
  va_end(ap);
  if (n >= 0 && (size_t)n < sizeof b)
    gv.gvwrite(job, b, (size_t)n);
  else if (n >= 0) {
    char *big = malloc((size_t)n + 1);
    if (big) {
      format_v(big, (size_t)n + 1, format, again);
      gv.gvwrite(job, big, (size_t)n);
      free(big);
    }
  }
  va_end(again);
}

static int collect(char *msg) {
  if (sink)
    buf_puts(sink, msg);
  return 0;
}

/* The graph's name ("digraph er {" -> "er"), or "graph". */
static Str graph_name(Str dot) {
  ptrdiff_t i = 0;
  while (i < dot.n && dot.p[i] != ' ')
    i++;
  ptrdiff_t b = ++i;
  while (i < dot.n && ((dot.p[i] >= 'a' && dot.p[i] <= 'z') || dot.p[i] == '_' || (dot.p[i] >= '0' && dot.p[i] <= '9')))
    i++;
  return i > b && i - b < 40 ? (Str){dot.p + b, i - b} : S("graph");
}

/* Where `needle` (n bytes) first occurs in s at or after `from`, or -1. */
static ptrdiff_t find(Str s, ptrdiff_t from, const char *needle, size_t n) {
  while (from + (ptrdiff_t)n <= s.n) {
    const char *c = memchr(s.p + from, needle[0], (size_t)(s.n - from - (ptrdiff_t)n + 1));
    if (!c)
      return -1;
    if (!memcmp(c, needle, n))
      return c - s.p;
    from = c - s.p + 1;
  }
  return -1;
}

/* The SVG with every id="x" made id="NAME-x": Graphviz numbers its ids
 * (graph0, node1, edge1) the same in every diagram, and a page inlines
 * several. */
static void put_prefixed(Buf *out, Str svg, Str name) {
  static const char key[] = "id=\"";
  ptrdiff_t i = 0, k = 4;
  while ((k = find(svg, k, key, sizeof key - 1)) >= 0) {
    k += (ptrdiff_t)sizeof key - 1;
    if (svg.p[k - (ptrdiff_t)sizeof key] != ' ')
      continue;
    buf_put(out, svg.p + i, k - i);
    buf_str(out, name);
    buf_putc(out, '-');
    i = k;
  }
  buf_put(out, svg.p + i, svg.n - i);
}

/* Text is measured with Courier's metrics and drawn in Helvetica: without
 * pango, Graphviz estimates widths from its own tables, and Helvetica's are
 * narrower than the sans fonts a viewer may draw with instead (DejaVu Sans,
 * where Helvetica is missing), whose text then overflows its box. Courier's
 * fixed 0.6 em is at least as wide as any of them. The DOT files keep
 * Helvetica; only the text given to Graphviz and its SVG are rewritten. */
static const char font_dot[] = "\"Helvetica", font_layout[] = "\"Courier";
static const char family_layout[] = "font-family=\"Courier,monospace\"",
                  family_shown[] = "font-family=\"Helvetica,Arial,sans-serif\"";

/* Copies s into out with every `from` replaced by `to`. */
static void replace_all(Buf *out, Str s, const char *from, const char *to) {
  size_t nf = strlen(from);
  ptrdiff_t i = 0, k = 0;
  while ((k = find(s, k, from, nf)) >= 0) {
    buf_put(out, s.p + i, k - i);
    buf_puts(out, to);
    k += (ptrdiff_t)nf;
    i = k;
  }
  buf_put(out, s.p + i, s.n - i);
}

bool svg_render(Str dot, Buf *out, Buf *err) {
  Buf laid = {0};
  replace_all(&laid, dot, font_dot, font_layout);
  buf_putc(&laid, 0);
  char *text = laid.p;
  Buf msgs = {0};
  char key[65];
  svg_layout_key(dot, key);
  pthread_mutex_lock(&lock);
  for (int i = 0; i < LAYOUTS; i++)
    if (layouts[i].svg.n && !memcmp(layouts[i].key, key, sizeof key)) {
      buf_put(out, layouts[i].svg.p, layouts[i].svg.n);
      pthread_mutex_unlock(&lock);
      buf_free(&laid);
      return true;
    }
  if (!gv_loaded && !gv_failed) {
    gv_failed = !lib_load(gv_libs, gv_names, (int)(sizeof gv_names / sizeof *gv_names), &gv, &msgs);
    gv_loaded = !gv_failed;
    if (gv_loaded) {
      builtins[0] = (lt_symlist_t){"gvplugin_dot_layout_LTX_library", gv.gvplugin_dot_layout_LTX_library};
      builtins[1] = (lt_symlist_t){"gvplugin_core_LTX_library", gv.gvplugin_core_LTX_library};
    }
  }
  if (!gv_loaded) {
    pthread_mutex_unlock(&lock);
    buf_free(&laid);
    buf_puts(err, "graphviz could not be loaded: ");
    buf_put(err, msgs.p, msgs.n);
    buf_free(&msgs);
    return false;
  }
  sink = &msgs;
  ptrdiff_t at = out->n;
  gv.agseterr(AGERR);
  gv.agseterrf(collect);
  gv.agreseterrors();
  if (!gvc) {
    gvc = gv.gvContextPlugins(builtins, 0);
    const char *version = gvc ? gv.gvcVersion(gvc) : NULL;
    gv_numbers = version && (!strncmp(version, "2.42.", 5) || !strncmp(version, "2.43.", 5));
  }
  Agraph_t *g = gv.agmemread(text);
  bool ok = false;
  if (g && gv.gvLayout(gvc, g, "dot") == 0) {
    char *data = NULL;
    unsigned int len = 0;
    if (gv.gvRenderData(gvc, g, "svg", &data, &len) == 0 && data) {
      /* Inline SVG: drop the XML prolog and doctype before <svg. */
      char *start = strstr(data, "<svg");
      if (start) {
        Buf shown = {0};
        replace_all(&shown, (Str){start, (ptrdiff_t)len - (start - data)}, family_layout, family_shown);
        /* The key before the last </svg>. */
        Str s = buf_view(&shown);
        ptrdiff_t k = s.n - 6;
        while (k > 0 && memcmp(s.p + k, "</svg>", 6))
          k--;
        k = k > 0 ? k : s.n;
        put_prefixed(out, (Str){s.p, k}, graph_name(dot));
        buf_puts(out, key_open);
        buf_put(out, key, 64);
        buf_puts(out, key_close);
        buf_put(out, s.p + k, s.n - k);
        buf_free(&shown);
        ok = true;
      }
      gv.gvFreeRenderData(data);
    }
    gv.gvFreeLayout(gvc, g);
  }
  if (g)
    gv.agclose(g);
  bool errors = gv.agreseterrors() >= AGERR;
  gv.agseterrf(NULL);
  sink = NULL;
  if (ok && !errors && !one_shot) {
    Buf *keep = &layouts[next_layout].svg;
    memcpy(layouts[next_layout].key, key, sizeof key);
    next_layout = (next_layout + 1) % LAYOUTS;
    keep->n = 0;
    buf_put(keep, out->p + at, out->n - at);
  }
  pthread_mutex_unlock(&lock);
  buf_free(&laid);
  if (!ok || errors) {
    buf_puts(err, msgs.n ? "" : "graphviz could not lay out the diagram");
    buf_put(err, msgs.p, msgs.n);
    ok = false;
  }
  buf_free(&msgs);
  return ok;
}

/* The diagrams as files: DOT text and the SVG libgvc lays out from it. */
static void svg_text(Str d, Buf *o) {
  Buf err = {0};
  if (svg_render(d, o, &err))
    buf_putc(o, '\n');
  else {
    /* Still a valid SVG, saying what went wrong. */
    o->n = 0;
    buf_puts(o, SVG_FAILED "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"40\"><text x=\"8\" y=\"24\">"
                "diagram could not be laid out: ");
    esc_html(o, buf_view(&err));
    buf_puts(o, "</text></svg>\n");
  }
  buf_free(&err);
}

static void svg_file(const Plan *p, Buf *o, EmitFile *dot) {
  Buf d = {0};
  dot(p, &d);
  svg_text(buf_view(&d), o);
  buf_free(&d);
}

void emit_svg_reusing(const Plan *p, EmitFile *dot, const EmitIO *io, Buf *o) {
  Buf d = {0}, old = {0};
  dot(p, &d);
  char key[65];
  svg_layout_key(buf_view(&d), key);
  if (io && io->earlier && io->earlier(io->ctx, io->path, &old) && svg_laid_out_as(buf_view(&old), key))
    buf_put(o, old.p, old.n);
  else
    svg_text(buf_view(&d), o);
  buf_free(&d);
  buf_free(&old);
}

void emit_svg_architecture(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_architecture); }
void emit_svg_er(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_er); }
void emit_svg_paths(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_paths); }
void emit_svg_context(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_c4_context); }
void emit_svg_components(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_c4_component); }
void emit_svg_deployment(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_deployment); }
