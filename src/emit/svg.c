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
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
      X(gvFreeRenderData) X(gvFreeLayout) X(agclose) X(gvplugin_dot_layout_LTX_library) X(gvAddLibrary)   \
          X(gvcVersion) X(gvwrite) X(gvprintdouble) X(agopen) X(agsubg) X(agnode) X(agsubnode) X(agedge) X(agattr)     \
              X(agxset) X(agstrdup) X(agstrdup_html) X(agstrfree)      \
                  X(agget) X(agxget) X(agnameof) X(agfstnode) X(agnxtnode) X(agfstout) X(agnxtout)
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
static const char *const *const gv_libs[] = {gv_gvc, gv_cgraph, gv_dot, NULL};
/* The SVG writer's plugin, loaded only for a graph whose labels Graphviz
 * draws (own_scan below): most runs never map it. */
#define GV_CORE_FUNCS(X) X(gvplugin_core_LTX_library)
static struct {
  GV_CORE_FUNCS(LIB_FIELD)
} gv_core_lib;
static const char *const *const gv_core_libs[] = {gv_core, NULL};
static const char *const gv_core_names[] = {GV_CORE_FUNCS(LIB_NAME)};
static bool gv_core_loaded, gv_core_failed;
static const char *const gv_names[] = {GV_FUNCS(LIB_NAME)};
static lt_symlist_t builtins[2];

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
  if (!(v < 1e8)) {
    /* Graphviz's buffer: 50 bytes, a longer number cut to 49 characters. */
    n = snprintf(out, 50, "%.02f", x);
    n = n < 0 ? 0 : n > 49 ? 49 : n;
  } else {
    bool up = frac > 0.5;
    if (fabs(frac - 0.5) < 1e-6) {
      /* Near a tie, x * 100's rounding may decide: printf rounds the exact
       * value. It is v + err exactly (fma gives the product's error), and
       * frac - 0.5 is exact here; an exact tie goes to the even digit. */
      double err = fma(fabs(x), 100, -v), d = frac - 0.5;
      up = d > -err || (d == -err && fmod(whole, 2) != 0);
    }
    long long k = (long long)whole + up;
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
  if (n > 0 && memchr(out, '.', (size_t)n)) {   /* always, but for snprintf's inf and nan */
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
#define LAYOUT_ENGINE "graphviz " PACKAGE_VERSION ", plinth svg.c revision 2\n"
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

/* The SVG with every id="x" made id="NAME-x": Graphviz numbers its ids
 * (graph0, node1, edge1) the same in every diagram, and a page inlines
 * several. */
static void put_prefixed(Buf *out, Str svg, Str name) {
  static const char key[] = "id=\"";
  ptrdiff_t i = 0, k = 4;
  while ((k = str_find(svg, k, key, sizeof key - 1)) >= 0) {
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
  while ((k = str_find(s, k, from, nf)) >= 0) {
    buf_put(out, s.p + i, k - i);
    buf_puts(out, to);
    k += (ptrdiff_t)nf;
    i = k;
  }
  buf_put(out, s.p + i, s.n - i);
}

/* ---- the graph built through libcgraph's calls ----
 * Parsing the DOT text was a sixth of Graphviz's instructions (its lexer
 * interns every token). The DOT the diagrams print uses a small part of
 * the language: `digraph NAME {`, attribute statements (`graph [...]`,
 * `node [...]`, `edge [...]`, `name=value;`), node statements, edge
 * chains `a -> b -> c [...]` and one level of `subgraph NAME { ... }`,
 * with names, numbers, quoted strings joined by `+`, and HTML strings.
 * dot_read reads that part into a list of steps, then dot_build makes
 * the same calls, in the same order, as cgraph's grammar does for it
 * (grammar.y: attrstmt, bindattrs, appendnode, endnode, endedge,
 * newedge, opensubg), so the graph and its layout are the same. Anything
 * else, a comment or a port, and the text goes to agmemread as before. */
enum { DOT_LIST = 64 };   /* the most nodes in a chain, pairs in a list */
enum { DOT_GRAPH, DOT_ATTRS, DOT_PAIR, DOT_NODE, DOT_END, DOT_SUB, DOT_SUB_END };
typedef struct {
  char op;       /* STEP_ */
  char kind;     /* DOT_ATTRS: AGRAPH, AGNODE or AGEDGE */
  bool html;     /* `a` is an HTML string (for a pair, its value) */
  int a, b;      /* offsets of NUL-terminated texts in DotRead.text; -1: none */
  int label;     /* an HTML label drawn by this file (own_scan): its index + 1 */
} DotStep;

typedef struct {
  const char *p, *end;   /* the DOT text, read from p */
  char *text;            /* the atoms, each NUL-terminated */
  ptrdiff_t ntext;
  DotStep *steps;
  int nsteps, cap;
} DotRead;

static bool dot_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
static bool dot_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static void dot_space(DotRead *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\r' || *r->p == '\n'))
    r->p++;
}

static bool dot_punct(DotRead *r, char c) {
  dot_space(r);
  if (r->p < r->end && *r->p == c) {
    r->p++;
    return true;
  }
  return false;
}

static bool dot_keyword(DotRead *r, const char *k) {
  dot_space(r);
  size_t n = strlen(k);
  if ((size_t)(r->end - r->p) < n || memcmp(r->p, k, n) ||
      (r->p + n < r->end && (dot_letter((unsigned char)r->p[n]) || dot_digit((unsigned char)r->p[n]))))
    return false;
  r->p += n;
  return true;
}

/* An atom: a name, a number, quoted strings joined by `+`, or an HTML
 * string. Its text goes to r->text; returns its offset, or -1 where the
 * atom is not one dot_read takes (the caller then gives up). */
static int dot_atom(DotRead *r, bool *html) {
  dot_space(r);
  *html = false;
  if (r->p >= r->end)
    return -1;
  int at = (int)r->ntext;
  unsigned char c = (unsigned char)*r->p;
  if (dot_letter(c)) {
    while (r->p < r->end && (dot_letter((unsigned char)*r->p) || dot_digit((unsigned char)*r->p)))
      r->text[r->ntext++] = *r->p++;
    r->text[r->ntext] = 0;
    /* Keywords of any other case: the lexer's rules differ by version. */
    static const char *const words[] = {"node", "edge", "graph", "digraph", "strict", "subgraph"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
      if (!strcasecmp(r->text + at, words[i]))
        return -1;
  } else if (dot_digit(c) || c == '.' || c == '-') {
    if (c == '-')
      r->text[r->ntext++] = *r->p++;
    bool digits = false, dot = false;
    while (r->p < r->end && (dot_digit((unsigned char)*r->p) || (*r->p == '.' && !dot))) {
      digits |= *r->p != '.';
      dot |= *r->p == '.';
      r->text[r->ntext++] = *r->p++;
    }
    /* A number ending in a letter splits in two, with a warning. */
    if (!digits || (r->p < r->end && dot_letter((unsigned char)*r->p)))
      return -1;
  } else if (c == '"') {
    for (;;) {
      r->p++;
      for (;;) {
        if (r->p >= r->end || *r->p == '\n')
          return -1;   /* unterminated, or a newline the lexer may drop */
        if (*r->p == '"')
          break;
        if (*r->p == '\\' && r->p + 1 < r->end && (r->p[1] == '"' || r->p[1] == '\n')) {
          if (r->p[1] == '\n')
            return -1;
          r->text[r->ntext++] = '"';
          r->p += 2;
        } else
          r->text[r->ntext++] = *r->p++;
      }
      r->p++;
      const char *save = r->p;
      if (!dot_punct(r, '+'))
        break;
      dot_space(r);
      if (r->p >= r->end || *r->p != '"') {
        r->p = save;
        return -1;
      }
    }
  } else if (c == '<') {
    int nest = 1;
    r->p++;
    for (;;) {
      if (r->p >= r->end)
        return -1;
      if (*r->p == '<')
        nest++;
      else if (*r->p == '>' && !--nest)
        break;
      r->text[r->ntext++] = *r->p++;
    }
    r->p++;
    *html = true;
    const char *save = r->p;
    if (dot_punct(r, '+'))
      return -1;
    r->p = save;
  } else
    return -1;
  r->text[r->ntext++] = 0;
  return at;
}

static bool dot_step(DotRead *r, char op, char kind, bool html, int a, int b) {
  if (r->nsteps == r->cap)
    return false;
  r->steps[r->nsteps++] = (DotStep){op, kind, html, a, b, 0};
  return true;
}

/* `[a=b, c=d; ...]`, each pair a DOT_PAIR; none is `key` (an edge's name). */
static bool dot_pairs(DotRead *r) {
  if (!dot_punct(r, '['))
    return false;
  for (int n = 0; !dot_punct(r, ']'); n++) {
    if (n == DOT_LIST)
      return false;
    bool h1, h2;
    int a = dot_atom(r, &h1);
    if (a < 0 || h1 || !strcmp(r->text + a, "key") || !dot_punct(r, '='))
      return false;
    int b = dot_atom(r, &h2);
    if (b < 0 || !dot_step(r, DOT_PAIR, 0, h2, a, b))
      return false;
    if (!dot_punct(r, ','))
      (void)dot_punct(r, ';');
  }
  return true;
}

static bool dot_stmts(DotRead *r, int depth) {
  for (;;) {
    dot_space(r);
    if (dot_punct(r, '}'))
      return true;
    int kind = dot_keyword(r, "graph")  ? AGRAPH
               : dot_keyword(r, "node") ? AGNODE
               : dot_keyword(r, "edge") ? AGEDGE
                                        : -1;
    if (kind >= 0) {
      dot_space(r);
      if (r->p >= r->end || *r->p != '[' || !dot_step(r, DOT_ATTRS, (char)kind, false, -1, -1))
        return false;
      if (!dot_pairs(r) || !dot_step(r, DOT_END, (char)kind, false, -1, -1))
        return false;
    } else if (dot_keyword(r, "subgraph")) {
      bool html;
      int name = dot_atom(r, &html);
      if (depth > 0 || name < 0 || html || !dot_punct(r, '{') || !dot_step(r, DOT_SUB, 0, false, name, -1) ||
          !dot_stmts(r, depth + 1) || !dot_step(r, DOT_SUB_END, 0, false, -1, -1))
        return false;
      dot_space(r);
      if (r->p < r->end && (*r->p == '[' || *r->p == '-'))
        return false;
    } else {
      bool html;
      int a = dot_atom(r, &html);
      if (a < 0 || html)
        return false;
      if (dot_punct(r, '=')) {   /* name=value: an attribute of the graph */
        int b = dot_atom(r, &html);
        if (b < 0 || !dot_step(r, DOT_ATTRS, AGRAPH, false, -1, -1) || !dot_step(r, DOT_PAIR, 0, html, a, b) ||
            !dot_step(r, DOT_END, AGRAPH, false, -1, -1))
          return false;
      } else {
        int n = 1;
        if (!dot_step(r, DOT_NODE, 0, false, a, -1))
          return false;
        while (dot_punct(r, '-')) {
          if (r->p >= r->end || *r->p != '>' || n == DOT_LIST)
            return false;
          r->p++;
          int b = dot_atom(r, &html);
          if (b < 0 || html || !dot_step(r, DOT_NODE, 0, false, b, -1))
            return false;
          n++;
        }
        dot_space(r);
        if (r->p < r->end && *r->p == '[' && !dot_pairs(r))
          return false;
        if (!dot_step(r, DOT_END, n > 1 ? AGEDGE : AGNODE, false, -1, -1))
          return false;
        dot_space(r);
        if (r->p < r->end && (*r->p == ',' || *r->p == ':'))
          return false;
      }
    }
    (void)dot_punct(r, ';');
  }
}

/* The DOT text as steps, or false where it is not the part dot_read takes. */
static bool dot_read(DotRead *r, const char *text) {
  size_t n = strlen(text);
  r->p = text;
  r->end = text + n;
  r->text = malloc(2 * n + 2);
  r->cap = (int)n + 2;
  r->steps = malloc(sizeof *r->steps * (size_t)r->cap);
  r->ntext = 0;
  r->nsteps = 0;
  if (!r->text || !r->steps || n > (1 << 28))
    return false;
  bool html;
  if (!dot_keyword(r, "digraph"))
    return false;
  int name = dot_atom(r, &html);
  if (name < 0 || html || !dot_punct(r, '{') || !dot_step(r, DOT_GRAPH, 0, false, name, -1) || !dot_stmts(r, 0))
    return false;
  dot_space(r);
  return r->p == r->end;
}

/* ---- labels sized and SVG written by Plinth ----
 * Of `plan -o`'s instructions, Graphviz's HTML-like labels (an expat parse
 * and a sizing each) and its SVG writer were a fifth. The labels Plinth
 * writes use a small part of that language: text with XML's escapes,
 * <b>, <br/>, <font point-size="N" color="C">, and a one-column <table> of
 * cells with a bgcolor (the legend). Where every HTML label of the graph
 * is in that part, the graph laid out has none: a node gets the size its
 * text needs (fixedsize, an empty label) and an edge a plain label of the
 * size its text needs; after the layout this file writes the SVG from
 * Graphviz's results (node centres and sizes, edge splines and arrow
 * points, label positions, clusters) and draws the texts itself. Text is
 * measured as Graphviz measures Courier (every character 0.6 em: Courier's
 * AFM advance of 600 units), at least as wide as Helvetica or any sans
 * font a viewer draws it with. Anything else sends the graph through
 * Graphviz's labels and SVG writer, as before. */
enum { OWN_DEPTH = 8 };
static const double own_em = 0.6, own_leading = 1.2;

typedef struct {
  const char *p, *color;   /* text as written (XML escapes kept); colour or NULL: the object's */
  int n, ncolor, chars;    /* bytes, colour bytes, characters shown */
  double size;             /* points; 0: the object's font size */
  bool bold;
} OwnRun;

typedef struct {
  int first, n;            /* its runs */
  const char *bg;          /* a table cell's bgcolor, or NULL */
  int nbg;
  double w, h;
} OwnLine;

typedef struct {
  int first, n;            /* its lines */
  bool table;
  int pad, border;         /* the table's cellpadding and cellborder */
  double w, h;             /* the text, or the table, in points */
} OwnLabel;

typedef struct {
  OwnRun *runs;
  OwnLine *lines;
  OwnLabel *labels;
  int nruns, nlines, nlabels, cruns, clines, clabels;
  int *node, *edge;        /* by AGSEQ: label index + 1, or 0 */
  int nseq;
} Own;

static void *own_grow(void *p, int *cap, int n, size_t size) {
  if (n < *cap)
    return p;
  *cap = *cap ? 2 * *cap : 16;
  p = realloc(p, size * (size_t)*cap);
  if (!p)
    abort();
  return p;
}

static void own_free(Own *o) {
  free(o->runs);
  free(o->lines);
  free(o->labels);
  free(o->node);
  free(o->edge);
}

static int own_line(Own *o, const char *bg, int nbg) {
  o->lines = own_grow(o->lines, &o->clines, o->nlines, sizeof *o->lines);
  o->lines[o->nlines] = (OwnLine){o->nruns, 0, bg, nbg, 0, 0};
  o->labels[o->nlabels - 1].n++;
  return o->nlines++;
}

/* An attribute `name="value"` of a tag's text [p, end): its value, or NULL. */
static const char *own_attr(const char *p, const char *end, const char *name, int *n) {
  size_t k = strlen(name);
  for (const char *q = p; q + k + 2 <= end; q++)
    if (q[-1] == ' ' && !memcmp(q, name, k) && q[k] == '=' && q[k + 1] == '"') {
      const char *v = q + k + 2, *e = memchr(v, '"', (size_t)(end - v));
      if (!e)
        return NULL;
      *n = (int)(e - v);
      return v;
    }
  return NULL;
}

/* Whether every attribute of the tag [p, end) is one of `names`. */
static bool own_attrs_known(const char *p, const char *end, const char *const *names) {
  for (const char *q = p; q < end;) {
    while (q < end && *q == ' ')
      q++;
    if (q == end || (*q == '/' && q + 1 == end))
      return true;
    const char *eq = memchr(q, '=', (size_t)(end - q));
    if (!eq || eq + 1 >= end || eq[1] != '"')
      return false;
    bool known = false;
    for (int i = 0; names[i]; i++)
      known |= strlen(names[i]) == (size_t)(eq - q) && !memcmp(q, names[i], (size_t)(eq - q));
    const char *close = memchr(eq + 2, '"', (size_t)(end - eq - 2));
    if (!known || !close)
      return false;
    q = close + 1;
  }
  return true;
}

static int own_int(const char *p, const char *end, const char *name, int dflt) {
  int n, v = 0;
  const char *s = own_attr(p, end, name, &n);
  if (!s)
    return dflt;
  for (int i = 0; i < n && i < 4; i++)
    v = s[i] >= '0' && s[i] <= '9' ? v * 10 + (s[i] - '0') : v;
  return v;
}

/* The characters of text [p, p + n), each XML escape one; false where an
 * escape is not XML's (Graphviz knows HTML's, an SVG viewer does not). */
static bool own_chars(const char *p, int n, int *chars) {
  *chars = 0;
  for (int i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '&') {
      const char *e = memchr(p + i, ';', (size_t)(n - i));
      if (!e)
        return false;
      int k = (int)(e - (p + i)) - 1;
      const char *w = p + i + 1;
      bool ok = (k == 3 && !memcmp(w, "amp", 3)) || (k == 2 && (!memcmp(w, "lt", 2) || !memcmp(w, "gt", 2))) ||
                (k == 4 && (!memcmp(w, "quot", 4) || !memcmp(w, "apos", 4)));
      if (!ok && k >= 2 && w[0] == '#') {
        ok = true;
        bool hex = w[1] == 'x' || w[1] == 'X';
        for (int j = hex ? 2 : 1; j < k; j++)
          ok &= hex ? isxdigit((unsigned char)w[j]) != 0 : (w[j] >= '0' && w[j] <= '9');
        ok &= k > (hex ? 2 : 1) && k < 10;
      }
      if (!ok)
        return false;
      i += k + 1;
    } else if (c == '>' || (c < 0x20 && c != '\n' && c != '\t' && c != '\r'))
      return false;
    (*chars) += (c & 0xC0) != 0x80;
  }
  return true;
}

/* An HTML label in the part described above, as a label of Own's: its
 * index, or -1. */
static int own_parse(Own *o, const char *s) {
  static const char *const font_attrs[] = {"point-size", "color", NULL};
  static const char *const table_attrs[] = {"border", "cellborder", "cellspacing", "cellpadding", NULL};
  static const char *const td_attrs[] = {"bgcolor", NULL};
  struct {
    char tag;   /* 'b', 'f' */
    double size;
    bool bold;
    const char *color;
    int ncolor;
  } st[OWN_DEPTH] = {{0, 0, false, NULL, 0}};
  int d = 0;
  o->labels = own_grow(o->labels, &o->clabels, o->nlabels, sizeof *o->labels);
  o->labels[o->nlabels++] = (OwnLabel){o->nlines, 0, false, 0, 0, 0, 0};
  OwnLabel *lb = &o->labels[o->nlabels - 1];
  enum { TEXT, TABLE, ROW, CELL, DONE } where = TEXT;
  if (strncmp(s, "<table", 6))
    own_line(o, NULL, 0);
  for (const char *p = s; *p;) {
    if (*p != '<') {
      const char *e = strchr(p, '<');
      int n = e ? (int)(e - p) : (int)strlen(p), chars;
      if (where != TEXT && where != CELL) {
        for (int i = 0; i < n; i++)
          if (p[i] != ' ' && p[i] != '\n')
            return -1;
      } else {
        if (!own_chars(p, n, &chars))
          return -1;
        o->runs = own_grow(o->runs, &o->cruns, o->nruns, sizeof *o->runs);
        o->runs[o->nruns++] = (OwnRun){p, st[d].color, n, st[d].ncolor, chars, st[d].size, st[d].bold};
        o->lines[o->nlines - 1].n++;
      }
      p += n;
      continue;
    }
    const char *end = strchr(p, '>');
    if (!end)
      return -1;
    const char *t = p + 1;
    size_t k = (size_t)(end - t);
#define TAG(x) (k == sizeof x - 1 && !memcmp(t, x, k))
#define OPENS(x) (k >= sizeof x - 1 && !memcmp(t, x, sizeof x - 1) && (k == sizeof x - 1 || t[sizeof x - 1] == ' '))
    if ((where == TEXT || where == CELL) && TAG("b")) {
      if (d + 1 == OWN_DEPTH)
        return -1;
      st[d + 1] = st[d];
      st[++d].tag = 'b';
      st[d].bold = true;
    } else if ((where == TEXT || where == CELL) && OPENS("font") && own_attrs_known(t + 4, end, font_attrs)) {
      if (d + 1 == OWN_DEPTH)
        return -1;
      st[d + 1] = st[d];
      st[++d].tag = 'f';
      int n;
      const char *v = own_attr(t + 4, end, "point-size", &n);
      if (v) {
        char num[16];
        if (n < 1 || n > 15)
          return -1;
        memcpy(num, v, (size_t)n);
        num[n] = 0;
        char *stop;
        st[d].size = strtod(num, &stop);
        if (*stop || !(st[d].size > 0 && st[d].size < 1000))
          return -1;
      }
      v = own_attr(t + 4, end, "color", &n);
      if (v) {
        st[d].color = v;
        st[d].ncolor = n;
      }
    } else if (TAG("/b") || TAG("/font")) {
      if (!d || st[d].tag != (t[1] == 'b' ? 'b' : 'f'))
        return -1;
      d--;
    } else if (where == TEXT && TAG("br/"))
      own_line(o, NULL, 0);
    else if (where == TEXT && p == s && OPENS("table") && own_attrs_known(t + 5, end, table_attrs)) {
      where = TABLE;
      lb->table = true;
      lb->pad = own_int(t + 5, end, "cellpadding", 2);
      lb->border = own_int(t + 5, end, "cellborder", 1);
    } else if (where == TABLE && TAG("tr"))
      where = ROW;
    else if (where == ROW && OPENS("td") && own_attrs_known(t + 2, end, td_attrs)) {
      int n = 0;
      const char *bg = own_attr(t + 2, end, "bgcolor", &n);
      own_line(o, bg, n);
      where = CELL;
    } else if (where == CELL && TAG("/td") && !d)
      where = ROW;
    else if (where == ROW && TAG("/tr"))
      where = TABLE;
    else if (where == TABLE && TAG("/table"))
      where = DONE;
    else
      return -1;
#undef TAG
#undef OPENS
    p = end + 1;
  }
  if (d || (where != TEXT && where != DONE))
    return -1;
  return o->nlabels - 1;
}

/* The size of a label's text at the object's font size. */
static void own_measure(Own *o, OwnLabel *lb, double base) {
  lb->w = lb->h = 0;
  for (int i = 0; i < lb->n; i++) {
    OwnLine *ln = &o->lines[lb->first + i];
    double tall = 0, wide = 0;
    for (int k = 0; k < ln->n; k++) {
      const OwnRun *r = &o->runs[ln->first + k];
      double size = r->size > 0 ? r->size : base;
      wide += r->chars * own_em * size;
      tall = size > tall ? size : tall;
    }
    ln->w = wide;
    ln->h = (tall > 0 ? tall : base) * own_leading;
    if (lb->table) {
      ln->w += 2 * (lb->pad + lb->border);
      ln->h += 2 * (lb->pad + lb->border);
    }
    lb->w = ln->w > lb->w ? ln->w : lb->w;
    lb->h += ln->h;
  }
}

static double own_number(const char *s, double dflt) {
  char *end;
  double v = s && *s ? strtod(s, &end) : dflt;
  return s && *s && *end ? dflt : v;
}

/* What the object's attribute says, or "" (never NULL). */
static char *own_get(void *obj, const char *name) {
  char *v = gv.agget(obj, (char *)name);
  return v ? v : (char *)"";
}

/* An attribute's symbol, declared at the root with Graphviz's own default
 * where the graph has none. */
static Agsym_t *own_sym(Agraph_t *g, int kind, const char *name, const char *dflt) {
  Agsym_t *sym = gv.agattr(g, kind, (char *)name, NULL);
  return sym ? sym : gv.agattr(g, kind, (char *)name, (char *)dflt);
}

/* What the object's attribute says, or "" (never NULL). */
static char *own_value(void *obj, Agsym_t *sym) {
  char *v = sym ? gv.agxget(obj, sym) : NULL;
  return v ? v : (char *)"";
}

/* The attributes the SVG reads, looked up once per graph. */
typedef struct {
  Agsym_t *shape, *style, *fillcolor, *color, *penwidth, *fontcolor, *fontsize;
} OwnAttrs;

static OwnAttrs own_attrs(Agraph_t *g, int kind) {
  return (OwnAttrs){gv.agattr(g, kind, (char *)"shape", NULL),     gv.agattr(g, kind, (char *)"style", NULL),
                    gv.agattr(g, kind, (char *)"fillcolor", NULL), gv.agattr(g, kind, (char *)"color", NULL),
                    gv.agattr(g, kind, (char *)"penwidth", NULL),  gv.agattr(g, kind, (char *)"fontcolor", NULL),
                    gv.agattr(g, kind, (char *)"fontsize", NULL)};
}

/* The sizes the graph's labels need: a node's box (fixedsize), an edge's
 * plain label of `x`s as wide and tall as its text. */
static void own_size(Own *o, Agraph_t *g) {
  char num[32];
  Agsym_t *width = own_sym(g, AGNODE, "width", "0.75"), *height = own_sym(g, AGNODE, "height", "0.5"),
          *fixed = own_sym(g, AGNODE, "fixedsize", "false"), *nsize = gv.agattr(g, AGNODE, (char *)"fontsize", NULL),
          *shape = gv.agattr(g, AGNODE, (char *)"shape", NULL),
          *esize = gv.agattr(g, AGEDGE, (char *)"fontsize", NULL), *efont = NULL, *elabel = NULL;
  Buf x = {0};
  for (Agnode_t *n = gv.agfstnode(g); n; n = gv.agnxtnode(g, n)) {
    int seq = (int)AGSEQ(n);
    if (seq < o->nseq && o->node[seq]) {
      OwnLabel *lb = &o->labels[o->node[seq] - 1];
      own_measure(o, lb, own_number(own_value(n, nsize), 14));
      const char *sh = own_value(n, shape);
      double w = lb->w, h = lb->h;
      if (!lb->table) {   /* Graphviz's default margin: 0.11 by 0.055 inches */
        w += 16;
        h += 8;
      }
      if (!strcmp(sh, "cylinder"))
        h += 3 * 5.0;   /* the two rims */
      h = h < 36 ? 36 : h;   /* Graphviz's least node, 0.75 by 0.5 inches */
      if (!strcmp(sh, "hexagon"))
        w += h;
      w = w < 54 ? 54 : w;
      format_s(num, sizeof num, "%.4f", ceil(w) / 72);
      gv.agxset(n, width, num);
      format_s(num, sizeof num, "%.4f", ceil(h) / 72);
      gv.agxset(n, height, num);
      gv.agxset(n, fixed, (char *)"true");
    }
    for (Agedge_t *e = gv.agfstout(g, n); e; e = gv.agnxtout(g, e)) {
      seq = (int)AGSEQ(e);
      if (seq >= o->nseq || !o->edge[seq])
        continue;
      OwnLabel *lb = &o->labels[o->edge[seq] - 1];
      double size = own_number(own_value(e, esize), 14);
      own_measure(o, lb, size);
      int cols = (int)ceil(lb->w / (own_em * size) - 1e-9), rows = (int)ceil(lb->h / (own_leading * size) - 1e-9);
      x.n = 0;
      for (int i = 0; i < rows; i++) {
        if (i)
          buf_puts(&x, "\\n");
        for (int j = 0; j < cols; j++)
          buf_putc(&x, 'x');
      }
      buf_putc(&x, 0);
      if (!efont) {
        efont = own_sym(g, AGEDGE, "fontname", "Times-Roman");
        elabel = own_sym(g, AGEDGE, "label", "");
      }
      gv.agxset(e, efont, (char *)"Courier");
      gv.agxset(e, elabel, x.p);
    }
  }
  buf_free(&x);
}

/* ---- the SVG ---- */
static void own_num(Buf *o, double x) {
  char b[50];
  buf_put(o, b, svg_number(b, x));
}

/* x,y in the SVG's frame: Graphviz's y grows upwards. */
static void own_point(Buf *o, pointf p) {
  own_num(o, p.x);
  buf_putc(o, ',');
  own_num(o, -p.y);
}

static void own_text_open(Buf *o, const char *anchor, double x, double y, double size, bool bold, Str color) {
  buf_puts(o, "<text text-anchor=\"");
  buf_puts(o, anchor);
  buf_puts(o, "\" x=\"");
  own_num(o, x);
  buf_puts(o, "\" y=\"");
  own_num(o, y);
  buf_puts(o, "\" ");
  buf_puts(o, family_shown);
  if (bold)
    buf_puts(o, " font-weight=\"bold\"");
  buf_puts(o, " font-size=\"");
  own_num(o, size);
  buf_putc(o, '"');
  if (color.n && !str_eqc(color, "black")) {
    buf_puts(o, " fill=\"");
    esc_html(o, color);
    buf_putc(o, '"');
  }
  buf_putc(o, '>');
}

/* A label of Own's centred on (x, y) of the SVG's frame. */
static void own_label(Buf *o, const Own *own, const OwnLabel *lb, double x, double y, double base, Str color) {
  double top = y - lb->h / 2;
  for (int i = 0; i < lb->n; i++) {
    const OwnLine *ln = &own->lines[lb->first + i];
    if (lb->table) {
      double b = lb->border;
      buf_puts(o, "<rect x=\"");
      own_num(o, x - lb->w / 2 + b / 2);
      buf_puts(o, "\" y=\"");
      own_num(o, top + b / 2);
      buf_puts(o, "\" width=\"");
      own_num(o, lb->w - b);
      buf_puts(o, "\" height=\"");
      own_num(o, ln->h - b);
      buf_puts(o, "\" fill=\"");
      if (ln->bg)
        esc_html(o, (Str){ln->bg, ln->nbg});
      else
        buf_puts(o, "none");
      buf_puts(o, b > 0 ? "\" stroke=\"black\"/>\n" : "\" stroke=\"none\"/>\n");
    }
    double inner = lb->table ? ln->h - 2 * (lb->pad + lb->border) : ln->h;
    double tall = inner / own_leading;
    double baseline = top + (ln->h - inner) / 2 + 0.9 * tall;
    top += ln->h;
    if (!ln->n)
      continue;
    const OwnRun *r = &own->runs[ln->first];
    Str c0 = r->color ? (Str){r->color, r->ncolor} : color;
    own_text_open(o, "middle", x, baseline, r->size > 0 ? r->size : base, r->bold, c0);
    for (int k = 0; k < ln->n; k++, r++) {
      Str c = r->color ? (Str){r->color, r->ncolor} : color;
      if (k) {
        buf_puts(o, "<tspan font-size=\"");
        own_num(o, r->size > 0 ? r->size : base);
        buf_puts(o, r->bold ? "\" font-weight=\"bold\"" : "\" font-weight=\"normal\"");
        if (c.n) {
          buf_puts(o, " fill=\"");
          esc_html(o, c);
          buf_putc(o, '"');
        }
        buf_putc(o, '>');
      }
      buf_put(o, r->p, r->n);
      if (k)
        buf_puts(o, "</tspan>");
    }
    buf_puts(o, "</text>\n");
  }
}

/* A plain label as Graphviz places it (emit_label): its lines from the
 * top of its box, each left, centred or right in it. */
static void own_plain(Buf *o, const textlabel_t *lp) {
  if (!lp || lp->html)
    return;
  double y = lp->pos.y + lp->dimen.y / 2 - lp->fontsize;
  if (lp->valign == 't')
    y = lp->pos.y + lp->space.y / 2 - lp->fontsize;
  else if (lp->valign == 'b')
    y = lp->pos.y - lp->space.y / 2 + lp->dimen.y - lp->fontsize;
  bool bold = lp->fontname && strstr(lp->fontname, "Bold");
  Str color = str_c(lp->fontcolor ? lp->fontcolor : "");
  for (int i = 0; i < lp->u.txt.nspans; i++) {
    const textspan_t *sp = &lp->u.txt.span[i];
    const char *anchor = sp->just == 'l' ? "start" : sp->just == 'r' ? "end" : "middle";
    double x = sp->just == 'l' ? lp->pos.x - lp->space.x / 2 : sp->just == 'r' ? lp->pos.x + lp->space.x / 2 : lp->pos.x;
    if (sp->str && *sp->str) {
      own_text_open(o, anchor, x, -(y + sp->yoffset_centerline), lp->fontsize, bold, color);
      esc_html(o, str_c(sp->str));
      buf_puts(o, "</text>\n");
    }
    y -= sp->size.y;
  }
}

static void own_group(Buf *o, Str name, const char *kind, int k, const char *title) {
  buf_puts(o, "<g id=\"");
  buf_str(o, name);
  buf_printf(o, "-%s%d\" class=\"%s\">\n<title>", kind, k, strcmp(kind, "clust") ? kind : "cluster");
  esc_html(o, str_c(title));
  buf_puts(o, "</title>\n");
}

static void own_stroke(Buf *o, const char *color, const char *style, double width) {
  buf_puts(o, " stroke=\"");
  esc_html(o, str_c(*color ? color : "black"));
  buf_putc(o, '"');
  if (strstr(style, "bold"))
    width = 2;
  if (width != 1) {
    buf_puts(o, " stroke-width=\"");
    own_num(o, width);
    buf_putc(o, '"');
  }
  if (strstr(style, "dashed"))
    buf_puts(o, " stroke-dasharray=\"5,2\"");
  else if (strstr(style, "dotted"))
    buf_puts(o, " stroke-dasharray=\"1,5\"");
}

static void own_fill(Buf *o, const char *fill) {
  buf_puts(o, " fill=\"");
  esc_html(o, str_c(fill));
  buf_putc(o, '"');
}

/* A box: (x, y) its top left corner in the SVG's frame. */
static void own_rect(Buf *o, double x, double y, double w, double h, double r) {
  buf_puts(o, "<rect x=\"");
  own_num(o, x);
  buf_puts(o, "\" y=\"");
  own_num(o, y);
  buf_puts(o, "\" width=\"");
  own_num(o, w);
  buf_puts(o, "\" height=\"");
  own_num(o, h);
  if (r > 0) {
    buf_puts(o, "\" rx=\"");
    own_num(o, r);
  }
  buf_putc(o, '"');
}

/* An elliptical arc of radii rx, ry to `to` (SVG's A), on the given sweep. */
static void own_arc(Buf *o, double rx, double ry, int sweep, pointf to) {
  buf_puts(o, "A");
  own_num(o, rx);
  buf_putc(o, ',');
  own_num(o, ry);
  buf_puts(o, sweep ? " 0 0 1 " : " 0 0 0 ");
  own_point(o, to);
}

/* The points of a polygon, and its end. */
static void own_points(Buf *o, const pointf *pts, int n) {
  buf_puts(o, " points=\"");
  for (int i = 0; i < n; i++) {
    if (i)
      buf_putc(o, ' ');
    own_point(o, pts[i]);
  }
  buf_puts(o, "\"/>\n");
}

static void own_node(Buf *o, const Own *own, const OwnAttrs *at, Agnode_t *n) {
  const char *shape = own_value(n, at->shape), *style = own_value(n, at->style);
  double w = ND_width(n) * 72, h = ND_height(n) * 72, x = ND_coord(n).x, y = -ND_coord(n).y;
  double left = x - w / 2, top = y - h / 2;
  const char *fill = "none";
  if (strstr(style, "filled")) {
    fill = own_value(n, at->fillcolor);
    fill = *fill ? fill : *own_value(n, at->color) ? own_value(n, at->color) : "lightgrey";
  }
  const char *color = own_value(n, at->color);
  double pen = own_number(own_value(n, at->penwidth), 1);
  bool plain = !strcmp(shape, "plaintext") || !strcmp(shape, "plain") || !strcmp(shape, "none");
  if (plain)
    ;
  else if (!strcmp(shape, "cylinder")) {
    double ry = 5, rx = w / 2;
    buf_puts(o, "<path");
    own_fill(o, fill);
    own_stroke(o, color, style, pen);
    buf_puts(o, " d=\"M");
    own_point(o, (pointf){left, -(top + ry)});
    own_arc(o, rx, ry, 1, (pointf){left + w, -(top + ry)});
    buf_puts(o, "V");
    own_num(o, top + h - ry);
    own_arc(o, rx, ry, 1, (pointf){left, -(top + h - ry)});
    buf_puts(o, "Z\"/>\n<path fill=\"none\"");
    own_stroke(o, color, style, pen);
    buf_puts(o, " d=\"M");
    own_point(o, (pointf){left, -(top + ry)});
    own_arc(o, rx, ry, 0, (pointf){left + w, -(top + ry)});
    buf_puts(o, "\"/>\n");
  } else if (!strcmp(shape, "hexagon")) {
    double cut = h / 2;
    pointf pts[6] = {{left, -y}, {left + cut, -top}, {left + w - cut, -top}, {left + w, -y}, {left + w - cut, -(top + h)},
                     {left + cut, -(top + h)}};
    buf_puts(o, "<polygon");
    own_fill(o, fill);
    own_stroke(o, color, style, pen);
    own_points(o, pts, 6);

  } else if (!strcmp(shape, "box") || !strcmp(shape, "rect") || !strcmp(shape, "rectangle") ||
             !strcmp(shape, "square")) {
    own_rect(o, left, top, w, h, strstr(style, "rounded") ? 6 : 0);
    own_fill(o, fill);
    own_stroke(o, color, style, pen);
    buf_puts(o, "/>\n");
  } else {   /* an ellipse, Graphviz's default, for any other shape */
    buf_puts(o, "<ellipse cx=\"");
    own_num(o, x);
    buf_puts(o, "\" cy=\"");
    own_num(o, y);
    buf_puts(o, "\" rx=\"");
    own_num(o, w / 2);
    buf_puts(o, "\" ry=\"");
    own_num(o, h / 2);
    buf_putc(o, '"');
    own_fill(o, fill);
    own_stroke(o, color, style, pen);
    buf_puts(o, "/>\n");
  }
  int seq = (int)AGSEQ(n);
  Str fontcolor = str_c(own_value(n, at->fontcolor));
  if (seq < own->nseq && own->node[seq]) {
    const OwnLabel *lb = &own->labels[own->node[seq] - 1];
    double shift = !strcmp(shape, "cylinder") ? 5 : 0;   /* below the top rim */
    own_label(o, own, lb, x, y + shift, own_number(own_value(n, at->fontsize), 14), fontcolor);
  } else if (ND_label(n)) {   /* placed on the node, as poly_gencode does */
    textlabel_t lp = *ND_label(n);
    lp.pos = ND_coord(n);
    own_plain(o, &lp);
  }
}

/* An arrow from p, where the spline ends, to its tip q, of Graphviz's
 * kind `flag` (arrows.c: the type in the low 4 bits, then open). */
static void own_arrow(Buf *o, pointf p, pointf q, int flag, const char *color) {
  pointf u = {q.x - p.x, q.y - p.y};
  double len = sqrt(u.x * u.x + u.y * u.y);
  if (len <= 0)
    return;
  pointf v = {-u.y / len, u.x / len};   /* unit, across */
  int type = flag & 15;
  bool open = (flag & 16) != 0;
  buf_puts(o, "<");
  if (type == 2) {   /* crow: the many side */
    double s = 0.45 * len;
    pointf m = {p.x + u.x / 2, p.y + u.y / 2};
    pointf pts[6] = {p, {q.x + v.x * s, q.y + v.y * s}, m, q, m, {q.x - v.x * s, q.y - v.y * s}};
    buf_puts(o, "polygon");
    own_fill(o, open ? "none" : color);
    own_stroke(o, color, "", 1);
    own_points(o, pts, 6);

  } else if (type == 3) {   /* tee: a bar across, its stem to the tip */
    pointf m = {p.x + 0.4 * u.x, p.y + 0.4 * u.y}, n = {p.x + 0.8 * u.x, p.y + 0.8 * u.y};
    double s = len;
    pointf pts[4] = {{m.x + v.x * s, m.y + v.y * s}, {m.x - v.x * s, m.y - v.y * s}, {n.x - v.x * s, n.y - v.y * s},
                     {n.x + v.x * s, n.y + v.y * s}};
    buf_puts(o, "polygon");
    own_fill(o, open ? "none" : color);
    own_stroke(o, color, "", 1);
    own_points(o, pts, 4);
    buf_puts(o, "<polyline fill=\"none\"");
    own_stroke(o, color, "", 1);
    buf_puts(o, " points=\"");
    own_point(o, q);
    buf_putc(o, ' ');
    own_point(o, p);
    buf_puts(o, "\"/>\n");
  } else if (type == 6) {   /* dot */
    buf_puts(o, "ellipse cx=\"");
    own_num(o, (p.x + q.x) / 2);
    buf_puts(o, "\" cy=\"");
    own_num(o, -(p.y + q.y) / 2);
    buf_puts(o, "\" rx=\"");
    own_num(o, len / 2);
    buf_puts(o, "\" ry=\"");
    own_num(o, len / 2);
    buf_putc(o, '"');
    own_fill(o, open ? "none" : color);
    own_stroke(o, color, "", 1);
    buf_puts(o, "/>\n");
  } else {   /* normal, and any other kind */
    double s = 0.35 * len;
    pointf pts[3] = {{p.x + v.x * s, p.y + v.y * s}, q, {p.x - v.x * s, p.y - v.y * s}};
    buf_puts(o, "polygon");
    own_fill(o, open ? "none" : color);
    own_stroke(o, color, "", 1);
    own_points(o, pts, 3);

  }
}

static void own_edge(Buf *o, const Own *own, const OwnAttrs *at, Agedge_t *e) {
  const char *style = own_value(e, at->style), *color = own_value(e, at->color);
  color = *color ? color : "black";
  double pen = own_number(own_value(e, at->penwidth), 1);
  const splines *spl = ED_spl(e);
  for (int i = 0; spl && i < spl->size; i++) {
    const bezier *bz = &spl->list[i];
    if (bz->size < 1)
      continue;
    buf_puts(o, "<path fill=\"none\"");
    own_stroke(o, color, style, pen);
    buf_puts(o, " d=\"M");
    own_point(o, bz->list[0]);
    for (int k = 1; k < bz->size; k++) {
      buf_puts(o, k == 1 ? "C" : " ");
      own_point(o, bz->list[k]);
    }
    buf_puts(o, "\"/>\n");
    if (bz->sflag)
      own_arrow(o, bz->list[0], bz->sp, bz->sflag, color);
    if (bz->eflag)
      own_arrow(o, bz->list[bz->size - 1], bz->ep, bz->eflag, color);
  }
  const textlabel_t *lp = ED_label(e);
  int seq = (int)AGSEQ(e);
  if (lp && seq < own->nseq && own->edge[seq])
    own_label(o, own, &own->labels[own->edge[seq] - 1], lp->pos.x, -lp->pos.y,
              own_number(own_value(e, at->fontsize), 14), str_c(own_value(e, at->fontcolor)));
  else
    own_plain(o, lp);
}

static void own_svg(Buf *o, const Own *own, Agraph_t *g, Str name) {
  boxf bb = GD_bb(g);
  double w = bb.UR.x + 8, h = bb.UR.y + 8;
  buf_puts(o, "<svg width=\"");
  own_num(o, w);
  buf_puts(o, "pt\" height=\"");
  own_num(o, h);
  buf_puts(o, "pt\"\n viewBox=\"0 0 ");
  own_num(o, w);
  buf_putc(o, ' ');
  own_num(o, h);
  buf_puts(o, "\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<g id=\"");
  buf_str(o, name);
  buf_puts(o, "-graph0\" class=\"graph\" transform=\"translate(4 ");
  own_num(o, h - 4);
  buf_puts(o, ")\">\n<title>");
  esc_html(o, str_c(gv.agnameof(g)));
  buf_puts(o, "</title>\n<rect x=\"-4\" y=\"");
  own_num(o, -(h - 4));
  buf_puts(o, "\" width=\"");
  own_num(o, w);
  buf_puts(o, "\" height=\"");
  own_num(o, h);
  buf_puts(o, "\" fill=\"white\"/>\n");
  own_plain(o, GD_label(g));
  for (int i = 1; i <= GD_n_cluster(g); i++) {
    Agraph_t *c = GD_clust(g)[i];
    own_group(o, name, "clust", i, gv.agnameof(c));
    const char *style = own_get(c, "style");
    boxf cb = GD_bb(c);
    own_rect(o, cb.LL.x, -cb.UR.y, cb.UR.x - cb.LL.x, cb.UR.y - cb.LL.y, strstr(style, "rounded") ? 8 : 0);
    own_fill(o, strstr(style, "filled") && *own_get(c, "fillcolor") ? own_get(c, "fillcolor") : "none");
    own_stroke(o, own_get(c, "color"), style, own_number(own_get(c, "penwidth"), 1));
    buf_puts(o, "/>\n");
    own_plain(o, GD_label(c));
    buf_puts(o, "</g>\n");
  }
  int nn = 0, ne = 0;
  OwnAttrs nodes = own_attrs(g, AGNODE), edges = own_attrs(g, AGEDGE);
  for (Agnode_t *n = gv.agfstnode(g); n; n = gv.agnxtnode(g, n)) {
    own_group(o, name, "node", ++nn, gv.agnameof(n));
    own_node(o, own, &nodes, n);
    buf_puts(o, "</g>\n");
  }
  Buf title = {0};
  for (Agnode_t *n = gv.agfstnode(g); n; n = gv.agnxtnode(g, n))
    for (Agedge_t *e = gv.agfstout(g, n); e; e = gv.agnxtout(g, e)) {
      title.n = 0;
      buf_puts(&title, gv.agnameof(agtail(e)));
      buf_puts(&title, "->");
      buf_puts(&title, gv.agnameof(aghead(e)));
      buf_putc(&title, 0);
      own_group(o, name, "edge", ++ne, title.p);
      own_edge(o, own, &edges, e);
      buf_puts(o, "</g>\n");
    }
  buf_free(&title);
  buf_puts(o, "</g>\n");
}

static void own_mark(int *by_seq, int nseq, void *obj, int label) {
  int seq = (int)AGSEQ(obj);
  if (seq >= 0 && seq < nseq)
    by_seq[seq] = label;
}

/* Whether every HTML label of the steps is a node's or an edge's label in
 * the part own_parse reads; each then parsed, its index in its step. */
static bool own_scan(Own *o, DotRead *r) {
  int stmt = -1;   /* the kind of the statement the pairs belong to */
  for (int i = 0; i < r->nsteps; i++) {
    DotStep *st = &r->steps[i];
    if (st->op == DOT_ATTRS)
      stmt = AGRAPH;
    else if (st->op == DOT_NODE)
      stmt = AGNODE;
    else if (st->op == DOT_PAIR && st->html) {
      int at = -1;
      for (int k = i; k < r->nsteps && at < 0; k++)
        if (r->steps[k].op == DOT_END)
          at = r->steps[k].kind;
      if (stmt != AGNODE || (at != AGNODE && at != AGEDGE) || strcmp(r->text + st->a, "label"))
        return false;
      int label = own_parse(o, r->text + st->b);
      if (label < 0)
        return false;
      st->label = label + 1;
    }
  }
  o->nseq = r->nsteps + 2;
  o->node = calloc((size_t)o->nseq, sizeof *o->node);
  o->edge = calloc((size_t)o->nseq, sizeof *o->edge);
  if (!o->node || !o->edge)
    abort();
  return true;
}

/* grammar.y's bindattrs: each name declared (at the root, default "")
 * where the graph does not know it yet. */
static void dot_bind(Agraph_t *g, Agraph_t *s, const DotRead *r, int from, int to, int kind, Agsym_t **syms) {
  for (int i = from; i < to; i++) {
    char *name = r->text + r->steps[i].a;
    char none[] = "";
    Agsym_t *sym = gv.agattr(s, kind, name, NULL);
    syms[i - from] = sym ? sym : gv.agattr(g, kind, name, none);
  }
}

static Agraph_t *dot_build(const DotRead *r, Own *own) {
  Agdesc_t desc = {0};
  desc.directed = 1;
  desc.maingraph = 1;
  Agraph_t *g = gv.agopen(r->text + r->steps[0].a, desc, NULL);
  Agraph_t *s = g;
  Agnode_t *nodes[DOT_LIST];
  Agsym_t *syms[DOT_LIST];
  char *values[DOT_LIST];
  char empty[] = "";
  int nnodes = 0, pairs = 0;   /* the statement's nodes; its first pair */
  for (int i = 1; g && s && i < r->nsteps; i++) {
    const DotStep *st = &r->steps[i];
    if (st->op == DOT_SUB)
      s = gv.agsubg(g, r->text + st->a, 1);
    else if (st->op == DOT_SUB_END)
      s = g;
    else if (st->op == DOT_ATTRS)
      pairs = i + 1;
    else if (st->op == DOT_NODE) {
      nodes[nnodes++] = gv.agnode(s, r->text + st->a, 1);
      pairs = i + 1;
    } else if (st->op == DOT_END) {
      int np = i - pairs, kind = st->kind;
      /* A value as the grammar hands it on: agattr and agxset intern
       * their own copy, so only an HTML string is interned first (the
       * copy then finds it marked as HTML). */
      for (int k = 0; k < np; k++) {
        const DotStep *v = &r->steps[pairs + k];
        values[k] = own && v->label ? empty : v->html ? gv.agstrdup_html(g, r->text + v->b) : r->text + v->b;
      }
      dot_bind(g, s, r, pairs, i, kind, syms);
      if (!nnodes) {   /* attrstmt: the defaults */
        for (int k = 0; k < np; k++) {
          Agsym_t *sym = syms[k];
          if (!sym->fixed || s != g)
            sym = gv.agattr(s, kind, sym->name, values[k]);
          if (s == g)
            sym->print = 1;
        }
      } else if (kind == AGNODE) {   /* endnode */
        for (int n = 0; n < nnodes; n++)
          for (int k = 0; k < np; k++) {
            gv.agxset(nodes[n], syms[k], values[k]);
            if (own && !strcmp(syms[k]->name, "label"))
              own_mark(own->node, own->nseq, nodes[n], r->steps[pairs + k].label);
          }
      } else {   /* endedge: a -> b -> c, an edge per step */
        for (int n = 0; n + 1 < nnodes; n++) {
          Agedge_t *e = gv.agedge(s, nodes[n], gv.agsubnode(s, nodes[n + 1], 0), NULL, 1);
          for (int k = 0; e && k < np; k++) {
            gv.agxset(e, syms[k], values[k]);
            if (own && !strcmp(syms[k]->name, "label"))
              own_mark(own->edge, own->nseq, e, r->steps[pairs + k].label);
          }
        }
      }
      for (int k = 0; k < np; k++)
        if (values[k] != empty && r->steps[pairs + k].html)
          gv.agstrfree(g, values[k]);
      nnodes = 0;
    }
  }
  return g;
}

/* The SVG of the DOT text. `graphviz`: Graphviz's labels and SVG writer
 * whatever the labels, and no layout kept or reused. */
static bool render(Str dot, Buf *out, Buf *err, bool graphviz) {
  Buf laid = {0};
  replace_all(&laid, dot, font_dot, font_layout);
  buf_putc(&laid, 0);
  char *text = laid.p;
  Buf msgs = {0};
  char key[65];
  svg_layout_key(dot, key);
  pthread_mutex_lock(&lock);
  for (int i = 0; i < LAYOUTS && !graphviz; i++)
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
  /* The graph: built through cgraph's calls where dot_read takes the
   * text, parsed by agmemread otherwise; its labels drawn here where
   * own_scan takes them, under the Graphviz whose structures this file
   * was compiled with. */
  DotRead r = {0};
  Own own = {0};
  bool built = dot_read(&r, text);
  bool drawn = built && !graphviz && gv_numbers && own_scan(&own, &r);
  Agraph_t *g = built ? dot_build(&r, drawn ? &own : NULL) : gv.agmemread(text);
  if (g && drawn)
    own_size(&own, g);
  bool ok = false;
  if (g && gv.gvLayout(gvc, g, "dot") == 0) {
    if (drawn) {
      Buf svg = {0};
      own_svg(&svg, &own, g, graph_name(dot));
      buf_put(out, svg.p, svg.n);
      buf_puts(out, key_open);
      buf_put(out, key, 64);
      buf_puts(out, key_close);
      buf_puts(out, "</svg>\n");   /* Graphviz's writer ends so too */
      buf_free(&svg);
      ok = true;
    } else {
      char *data = NULL;
      unsigned int len = 0;
      if (!gv_core_loaded && !gv_core_failed) {
        gv_core_failed = !lib_load(gv_core_libs, gv_core_names, 1, &gv_core_lib, &msgs);
        gv_core_loaded = !gv_core_failed;
        if (gv_core_loaded)
          gv.gvAddLibrary(gvc, gv_core_lib.gvplugin_core_LTX_library);
      }
      if (gv_core_loaded && gv.gvRenderData(gvc, g, "svg", &data, &len) == 0 && data) {
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
    }
    gv.gvFreeLayout(gvc, g);
  }
  if (g)
    gv.agclose(g);
  free(r.text);
  free(r.steps);
  own_free(&own);
  bool errors = gv.agreseterrors() >= AGERR;
  gv.agseterrf(NULL);
  sink = NULL;
  if (ok && !errors && !one_shot && !graphviz) {
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

bool svg_render(Str dot, Buf *out, Buf *err) { return render(dot, out, err, false); }
bool svg_render_graphviz(Str dot, Buf *out, Buf *err) { return render(dot, out, err, true); }

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

void emit_svg_reusing(Str dot, const EmitIO *io, Buf *o) {
  Buf old = {0};
  char key[65];
  svg_layout_key(dot, key);
  if (io && io->earlier && io->earlier(io->ctx, io->path, &old) && svg_laid_out_as(buf_view(&old), key))
    buf_put(o, old.p, old.n);
  else
    svg_text(dot, o);
  buf_free(&old);
}

void emit_svg_architecture(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_architecture); }
void emit_svg_er(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_er); }
void emit_svg_context(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_c4_context); }
void emit_svg_components(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_c4_component); }
void emit_svg_deployment(const Plan *p, Buf *o) { svg_file(p, o, emit_dot_deployment); }
