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
      X(gvFreeRenderData) X(gvFreeLayout) X(agclose) X(gvplugin_dot_layout_LTX_library) X(gvplugin_core_LTX_library) \
          X(gvcVersion) X(gvwrite) X(gvprintdouble) X(agopen) X(agsubg) X(agnode) X(agsubnode) X(agedge) X(agattr)     \
              X(agxset) X(agstrdup) X(agstrdup_html) X(agstrfree)
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
  r->steps[r->nsteps++] = (DotStep){op, kind, html, a, b};
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

/* An atom as the lexer hands it to the grammar: interned in the graph. */
static char *dot_intern(Agraph_t *g, const DotRead *r, int at, bool html) {
  return html ? gv.agstrdup_html(g, r->text + at) : gv.agstrdup(g, r->text + at);
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

static Agraph_t *dot_build(const DotRead *r) {
  Agdesc_t desc = {0};
  desc.directed = 1;
  desc.maingraph = 1;
  Agraph_t *g = gv.agopen(r->text + r->steps[0].a, desc, NULL);
  Agraph_t *s = g;
  Agnode_t *nodes[DOT_LIST];
  Agsym_t *syms[DOT_LIST];
  char *values[DOT_LIST];
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
      for (int k = 0; k < np; k++)
        values[k] = dot_intern(g, r, r->steps[pairs + k].b, r->steps[pairs + k].html);
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
          for (int k = 0; k < np; k++)
            gv.agxset(nodes[n], syms[k], values[k]);
      } else {   /* endedge: a -> b -> c, an edge per step */
        for (int n = 0; n + 1 < nnodes; n++) {
          Agedge_t *e = gv.agedge(s, nodes[n], gv.agsubnode(s, nodes[n + 1], 0), NULL, 1);
          for (int k = 0; e && k < np; k++)
            gv.agxset(e, syms[k], values[k]);
        }
      }
      for (int k = 0; k < np; k++)
        gv.agstrfree(g, values[k]);
      nnodes = 0;
    }
  }
  return g;
}

/* The graph of the DOT text: built through cgraph's calls where dot_read
 * takes the text, parsed by agmemread otherwise. */
static Agraph_t *dot_graph(const char *text) {
  DotRead r = {0};
  Agraph_t *g = dot_read(&r, text) ? dot_build(&r) : gv.agmemread(text);
  free(r.text);
  free(r.steps);
  return g;
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
  Agraph_t *g = dot_graph(text);
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
