/* The combined documents: every Markdown artifact of the table in one
 * document (`plinth plan --format md`), and report.html, one self-contained
 * page with every document rendered to HTML (md4c) and the diagrams laid
 * out as inline SVG (svg.c). Both take whatever Markdown rows
 * emit_artifacts has, in table order, so a new document appears in them
 * without a change here. */
#include <md4c-html.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "../util/format.h"
#include "../util/lib.h"
#include "emit.h"

/* md4c is loaded on the first report (util/lib.h), once per process:
 * md4c-html, and through it md4c's parser. */
#define MD_FUNCS(X) X(md_html) X(md_parse)
static struct {
  MD_FUNCS(LIB_FIELD)
} md;
static const char *const md_html_lib[] = {"libmd4c-html.so.0", "libmd4c-html.so", NULL};
static const char *const *const md_libs[] = {md_html_lib, NULL};
static const char *const md_names[] = {MD_FUNCS(LIB_NAME)};
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static bool md_ok;

static void md_load(void) {
  Buf err = {0};
  md_ok = lib_load(md_libs, md_names, (int)(sizeof md_names / sizeof *md_names), &md, &err);
  if (!md_ok)
    fprintf(stderr, "plinth: report.html shows its documents as text: %.*s", (int)err.n, err.p);
  buf_free(&err);
}

static void collect_docs(const Plan *p, OutFiles *docs);

static bool is_md(const char *path) {
  if (!path)
    return false;
  size_t n = strlen(path);
  return n > 3 && !strcmp(path + n - 3, ".md");
}

/* Every Markdown file the table's rows write for this plan, in table order,
 * the top-level documents before those in folders (the decision records). */
static void markdown_docs(const Plan *p, OutFiles *docs) {
  OutFiles all = {0};
  collect_docs(p, &all);
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < all.n; i++)
      if ((strchr(all.v[i].path, '/') != NULL) == pass) {
        Buf *b = outfiles_add(docs, all.v[i].path);
        *b = all.v[i].text;
        all.v[i].text = (Buf){0};
      }
  outfiles_free(&all);
}

static void collect_docs(const Plan *p, OutFiles *docs) {
  OutFiles many = {0};
  for (int i = 0; i < emit_nartifacts; i++) {
    const Artifact *a = &emit_artifacts[i];
    if (a->applies && !a->applies(p))
      continue;
    if (a->emit_many) {
      a->emit_many(p, &many);
      for (int k = 0; k < many.n; k++)
        if (is_md(many.v[k].path)) {
          Buf *b = outfiles_add(docs, many.v[k].path);
          *b = many.v[k].text;
          many.v[k].text = (Buf){0};
        }
      outfiles_free(&many);
    } else if (is_md(a->path))
      a->emit(p, outfiles_add(docs, a->path));
  }
}

/* A document split into its front matter's status and date (MADR records)
 * and its body; the body's first line is its "# title". */
typedef struct {
  Str status, date, title, body;
} Doc;

static Str line_at(Str s, ptrdiff_t i) {
  ptrdiff_t e = i;
  while (e < s.n && s.p[e] != '\n')
    e++;
  return (Str){s.p + i, e - i};
}

static Doc split_doc(Str text) {
  Doc d = {0};
  ptrdiff_t i = 0;
  if (str_has_prefix(text, S("---\n"))) {
    for (i = 4; i < text.n;) {
      Str l = line_at(text, i);
      i += l.n + 1;
      if (str_eqc(l, "---"))
        break;
      if (str_has_prefix(l, S("status: ")))
        d.status = (Str){l.p + 8, l.n - 8};
      else if (str_has_prefix(l, S("date: ")))
        d.date = (Str){l.p + 6, l.n - 6};
    }
    while (i < text.n && text.p[i] == '\n')
      i++;
  }
  if (i > text.n)
    i = text.n;
  d.body = (Str){text.p + i, text.n - i};
  Str first = line_at(d.body, 0);
  if (str_has_prefix(first, S("# ")))
    d.title = (Str){first.p + 2, first.n - 2};
  return d;
}

static bool is_fence(Str l) {
  int k = 0;
  while (k < l.n && k < 3 && l.p[k] == ' ')
    k++;
  return l.n - k >= 3 && (!memcmp(l.p + k, "```", 3) || !memcmp(l.p + k, "~~~", 3));
}

/* Heading level of a line (0: none). */
static int heading_level(Str l) {
  int k = 0;
  while (k < l.n && l.p[k] == '#')
    k++;
  return k >= 1 && k <= 6 && (k == l.n || l.p[k] == ' ') ? k : 0;
}

/* Heading anchors as markdownlint (MD051) and GitHub compute them: the
 * text lowercased, escapes and code marks dropped, punctuation removed,
 * spaces as hyphens; a repeated anchor gets -1, -2, ... The anchors seen
 * so far are counted in an open-addressing table: a document of thousands
 * of headings must not compare each with all. */
typedef struct {
  Str key;
  int count;
} AnchorSlot;

typedef struct {
  AnchorSlot *v;
  int n, cap;            /* cap: a power of two, or 0 */
} Anchors;

static AnchorSlot *anchor_slot(Anchors *t, Str key) {
  if (2 * (t->n + 1) > t->cap) {
    Anchors g = {calloc((size_t)(t->cap ? 2 * t->cap : 256), sizeof *g.v), 0, t->cap ? 2 * t->cap : 256};
    if (!g.v)
      abort();
    for (int i = 0; i < t->cap; i++)
      if (t->v[i].key.p) {
        size_t h = (size_t)str_hash(t->v[i].key) & (size_t)(g.cap - 1);
        while (g.v[h].key.p)
          h = (h + 1) & (size_t)(g.cap - 1);
        g.v[h] = t->v[i];
        g.n++;
      }
    free(t->v);
    *t = g;
  }
  size_t h = (size_t)str_hash(key) & (size_t)(t->cap - 1);
  while (t->v[h].key.p && !str_eq(t->v[h].key, key))
    h = (h + 1) & (size_t)(t->cap - 1);
  return &t->v[h];
}

static Str anchor(Anchors *seen, Str text, Buf *scratch) {
  scratch->n = 0;
  for (ptrdiff_t i = 0; i < text.n; i++) {
    unsigned char c = (unsigned char)text.p[i];
    if (c == '\\' && i + 1 < text.n) {
      c = (unsigned char)text.p[++i];
    } else if (c == '`')
      continue;
    if (c >= 'A' && c <= 'Z')
      buf_putc(scratch, (char)(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c >= 0x80)
      buf_putc(scratch, (char)c);
    else if (c == ' ')
      buf_putc(scratch, '-');
  }
  Str base = buf_view(scratch);
  AnchorSlot *slot = anchor_slot(seen, base);
  int dup = slot->count++;
  if (!slot->key.p) {
    char *keep = malloc((size_t)base.n + 1);
    if (!keep)
      abort();
    memcpy(keep, base.p, (size_t)base.n);
    slot->key = (Str){keep, base.n};
    seen->n++;
  }
  if (dup)
    buf_printf(scratch, "-%d", dup);
  return buf_view(scratch);
}

/* Writes a document's body with every heading one level deeper (outside
 * code blocks), the record status after its title; reports headings. */
static void demote(Buf *o, const Doc *d, Anchors *seen, Buf *scratch, Buf *first) {
  bool fence = false;
  Str b = d->body;
  while (b.n && (b.p[b.n - 1] == '\n' || b.p[b.n - 1] == ' '))
    b.n--;   /* documents are joined by exactly one blank line */
  for (ptrdiff_t i = 0; i < b.n;) {
    Str l = line_at(b, i);
    i += l.n + 1;
    while (!fence && l.n && (l.p[l.n - 1] == ' ' || l.p[l.n - 1] == '\t'))
      l.n--;
    if (is_fence(l))
      fence = !fence;
    int h = fence ? 0 : heading_level(l);
    if (h && h < 6) {
      buf_putc(o, '#');
      Str a = anchor(seen, (Str){l.p + h + 1, l.n > h ? l.n - h - 1 : 0}, scratch);
      if (i == l.n + 1)
        buf_str(first, a);
    }
    buf_str(o, l);
    buf_putc(o, '\n');
    if (i == l.n + 1 && d->status.n)
      buf_printf(o, "\nStatus: %.*s. Date: %.*s.\n", STRF(d->status), STRF(d->date));
  }
}

static void free_anchors(Anchors *a) {
  for (int i = 0; i < a->cap; i++)
    free((char *)a->v[i].key.p);
  free(a->v);
}

void emit_combined_md(const Plan *p, Buf *o) {
  OutFiles docs = {0};
  markdown_docs(p, &docs);
  Anchors seen = {0};
  Buf scratch = {0}, body = {0}, title = {0};
  buf_str(&title, p->model->project.name);
  buf_puts(&title, ": technical foundation");
  anchor(&seen, buf_view(&title), &scratch);
  anchor(&seen, S("Contents"), &scratch);
  int nassume = p->model->nassumptions + p->nassumptions;
  if (nassume)
    anchor(&seen, S("Assumptions"), &scratch);
  Doc *d = malloc(sizeof *d * (size_t)(docs.n ? docs.n : 1));
  Buf *links = calloc((size_t)(docs.n ? docs.n : 1), sizeof *links);
  if (!d || !links)
    abort();
  for (int i = 0; i < docs.n; i++) {
    d[i] = split_doc(buf_view(&docs.v[i].text));
    if (body.n)
      buf_putc(&body, '\n');
    demote(&body, &d[i], &seen, &scratch, &links[i]);
  }
  buf_puts(o, "# ");
  esc_md(o, p->model->project.name);
  buf_puts(o, ": technical foundation\n\n## Contents\n\n");
  for (int i = 0; i < docs.n; i++) {
    buf_puts(o, "- ");
    if (links[i].n) {
      buf_putc(o, '[');
      buf_str(o, d[i].title);
      buf_printf(o, "](#%.*s)", (int)links[i].n, links[i].p);
    } else
      buf_puts(o, docs.v[i].path);
    buf_printf(o, " (%s)\n", docs.v[i].path);
    buf_free(&links[i]);
  }
  if (nassume) {
    buf_puts(o, "\n## Assumptions\n\nWhere the spec was silent, Plinth assumed:\n\n");
    for (int i = 0; i < nassume; i++) {
      buf_puts(o, "- ");
      esc_md(o, i < p->model->nassumptions ? p->model->assumptions[i].text
                                           : p->assumptions[i - p->model->nassumptions].text);
      buf_putc(o, '\n');
    }
  }
  if (body.n) {
    buf_putc(o, '\n');
    buf_put(o, body.p, body.n);
  }
  free(d);
  free(links);
  free_anchors(&seen);
  buf_free(&scratch);
  buf_free(&body);
  buf_free(&title);
  outfiles_free(&docs);
}

/* ---- report.html ---- */


static const char css[] =
    "body{margin:0;font:15px/1.55 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d232b;background:#f6f7f9}"
    "header{background:#20324d;color:#fff;padding:24px 40px}header h1{margin:0 0 6px;font-size:28px}"
    "header p{margin:0;color:#d5deeb}"
    ".wrap{display:flex;align-items:flex-start;max-width:1400px;margin:0 auto}"
    "nav{position:sticky;top:0;width:260px;flex:none;max-height:100vh;overflow:auto;padding:20px 16px;"
    "box-sizing:border-box;font-size:13px}"
    "nav h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:#5a6677}"
    "nav ol{padding-left:18px;margin:0}nav li{margin:3px 0}nav a{color:#20324d;text-decoration:none}"
    "main{flex:1;min-width:0;padding:20px 40px 60px}"
    "section{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:8px 28px 20px;margin:0 0 24px}"
    "h1{font-size:24px;border-bottom:2px solid #e4e8ee;padding-bottom:6px}h2{font-size:20px;margin-top:28px}"
    "h3{font-size:16px}table{border-collapse:collapse;margin:12px 0;font-size:13px;display:block;overflow-x:auto}"
    "th,td{border:1px solid #d0d7e0;padding:5px 9px;text-align:left;vertical-align:top}th{background:#eef2f7}"
    "tr:nth-child(even) td{background:#fafbfc}"
    "code{font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f0f2f5;padding:1px 4px;border-radius:3px}"
    "pre{background:#f0f2f5;padding:12px;border-radius:6px;overflow-x:auto}pre code{padding:0;background:none}"
    "figure{margin:16px 0;overflow-x:auto}figure svg{max-width:100%;height:auto}"
    "figcaption{font-size:13px;color:#5a6677;margin-top:4px}"
    "details.mermaid{margin:8px 0 14px;font-size:13px}details.mermaid summary{cursor:pointer;color:#5a6677}"
    ".status{display:inline-block;font-size:12px;background:#e3f1e6;color:#275c34;border-radius:10px;"
    "padding:1px 10px}.error{color:#a12a1d}"
    "@media print{nav{display:none}section{break-inside:avoid-page}}";

typedef void EmitDot(const Plan *p, Buf *out);
static const struct {
  const char *id, *caption;
  EmitDot *dot;          /* its DOT, laid out by Graphviz */
  const char *file;      /* the svg-* row's file, which -o lays out first */
  EmitDot *svg;          /* or its SVG, laid out by Plinth (drawn again) */
} diagrams[] = {
  {"diagram-context", "C4 system context: who uses the system and what it depends on", emit_dot_c4_context,
   "diagrams/context.svg", NULL},
  {"diagram-architecture", "C4 containers: the running parts of the system and who calls whom", emit_dot_architecture,
   "diagrams/architecture.svg", NULL},
  {"diagram-components", "C4 components: the modules of the API and the parts they use", emit_dot_c4_component,
   "diagrams/components.svg", NULL},
  {"diagram-er", "Entities and relations (crow's foot on the many side)", emit_dot_er, "diagrams/er.svg", NULL},
  {"diagram-deployment", "Deployment: where each part runs", emit_dot_deployment, "diagrams/deployment.svg", NULL},
  {"diagram-paths", "Request paths: the p95 of each hop against the target (the dominant hop shaded)", NULL,
   "diagrams/paths.svg", emit_svg_paths},
};

/* Mermaid blocks need a script to draw, which the page does without: each
 * is folded into a <details> that shows its source on request. */
static const char mermaid_open[] = "<pre><code class=\"language-mermaid\">", mermaid_close[] = "</code></pre>";
static const char mermaid_details[] =
    "<details class=\"mermaid\"><summary>Mermaid diagram source (render it with any Mermaid viewer)</summary>\n";

static void fold_mermaid(Buf *o, Str html) {
  ptrdiff_t i = 0;
  while (i < html.n) {
    ptrdiff_t at = str_find(html, i, mermaid_open, sizeof mermaid_open - 1);
    ptrdiff_t end = at < 0 ? -1 : str_find(html, at, mermaid_close, sizeof mermaid_close - 1);
    if (end < 0) {
      buf_put(o, html.p + i, html.n - i);
      return;
    }
    end += (ptrdiff_t)sizeof mermaid_close - 1;
    buf_put(o, html.p + i, at - i);
    buf_puts(o, mermaid_details);
    buf_put(o, html.p + at, end - at);
    buf_puts(o, "</details>");
    i = end;
  }
}

static void report(const Plan *p, const OutFiles *docsp, const OutFiles *done, const EmitIO *io, Buf *o);

static void pass_on(const EmitIO *io, Buf *o);

/* A document's HTML as md4c makes it, folded into the page as it comes:
 * each time `html` has doubled, the part before any unfinished Mermaid
 * block (and before what could be the start of one) goes to the page, so
 * a long document is never held whole as HTML as well. */
typedef struct {
  Buf html;
  Buf *o;
  const EmitIO *io;
  ptrdiff_t next;        /* fold when html reaches this */
} Fold;

static void fold_some(Fold *f) {
  Str h = buf_view(&f->html);
  ptrdiff_t i = 0, cut = -1;
  while (cut < 0) {
    ptrdiff_t at = str_find(h, i, mermaid_open, sizeof mermaid_open - 1);
    ptrdiff_t end = at < 0 ? -1 : str_find(h, at, mermaid_close, sizeof mermaid_close - 1);
    if (at < 0)
      cut = h.n - (ptrdiff_t)(sizeof mermaid_open - 2) > i ? h.n - (ptrdiff_t)(sizeof mermaid_open - 2) : i;
    else if (end < 0)
      cut = at;
    else
      i = end + (ptrdiff_t)sizeof mermaid_close - 1;
  }
  fold_mermaid(f->o, (Str){h.p, cut});
  memmove(f->html.p, f->html.p + cut, (size_t)(h.n - cut));
  f->html.n = h.n - cut;
  f->next = 2 * f->html.n > ((ptrdiff_t)1 << 20) ? 2 * f->html.n : (ptrdiff_t)1 << 20;
  pass_on(f->io, f->o);
}

static void put_folded(const MD_CHAR *s, MD_SIZE n, void *ud) {
  Fold *f = ud;
  buf_put(&f->html, s, (ptrdiff_t)n);
  if (f->html.n >= f->next)
    fold_some(f);
}

void emit_report_html(const Plan *p, Buf *o) {
  OutFiles docs = {0};
  markdown_docs(p, &docs);
  report(p, &docs, NULL, NULL, o);
  outfiles_free(&docs);
}

/* A file's text: in memory, or read back into `tmp` when -o wrote it out
 * (empty when it cannot be read: the writer has reported it). */
static Str text_of(const OutFile *f, const EmitIO *io, Buf *tmp) {
  if (!f->disk)
    return buf_view(&f->text);
  tmp->n = 0;
  if (!io || !io->reread || !io->reread(io->ctx, f->disk, 0, -1, tmp))
    tmp->n = 0;
  return buf_view(tmp);
}

/* A document read a part at a time: in memory, or read back from where -o
 * wrote it, so a long one is never held whole. `text` holds its bytes
 * from `off` on. */
typedef struct {
  const OutFile *f;
  const EmitIO *io;
  Buf *buf, part;
  Str text;
  ptrdiff_t off;
  bool eof;
} DocText;

static DocText doc_open(const OutFile *f, const EmitIO *io, Buf *buf) {
  buf->n = 0;
  return (DocText){f, io, buf, {0}, f->disk ? (Str){0} : buf_view(&f->text), 0, !f->disk};
}

/* Drops the first `used` bytes of r->text, then reads on until it holds
 * `want` bytes or the document ends. */
static void doc_more(DocText *r, ptrdiff_t used, ptrdiff_t want) {
  r->off += used;
  if (!r->f->disk) {
    if (used)
      r->text = (Str){r->text.p + used, r->text.n - used};
    return;
  }
  Buf *b = r->buf;
  if (used) {
    memmove(b->p, b->p + used, (size_t)(b->n - used));
    b->n -= used;
  }
  while (!r->eof && b->n < want) {
    /* At most 1 MiB a read: the part is copied, and never held twice. */
    ptrdiff_t ask = want - b->n;
    ask = ask < ((ptrdiff_t)1 << 16) ? (ptrdiff_t)1 << 16 : ask > ((ptrdiff_t)1 << 20) ? (ptrdiff_t)1 << 20 : ask;
    /* A failed read has been reported by the writer: the rest is empty. */
    if (!r->io || !r->io->reread || !r->io->reread(r->io->ctx, r->f->disk, r->off + b->n, ask, &r->part))
      r->part.n = 0;
    r->eof = r->part.n < ask;
    buf_put(b, r->part.p, r->part.n);
  }
  r->text = buf_view(b);
}

static void doc_close(DocText *r) { buf_free(&r->part); }

/* The front matter and the first line of the body: read on until the
 * body's first line is whole. */
static Doc doc_head(DocText *r) {
  for (ptrdiff_t want = (ptrdiff_t)1 << 16;; want *= 2) {
    doc_more(r, 0, want);
    Doc d = split_doc(r->text);
    if (r->eof || (d.body.n && memchr(d.body.p, '\n', (size_t)d.body.n)))
      return d;
  }
}

/* Hands the page made so far to io->part once it is large. */
static void pass_on(const EmitIO *io, Buf *o) {
  if (io && io->part && o->n >= ((ptrdiff_t)1 << 20))
    io->part(io->ctx, io->path, o);
}

/* The same page from the files -o is writing: their Markdown documents in
 * the same order as markdown_docs gives them (the texts are shared), without
 * the older records whose status line alone was rewritten (the page shows
 * the current decisions, the same on every run). */
void emit_report_from(const Plan *p, const OutFiles *done, const EmitIO *io, Buf *o) {
  OutFiles view = {0};
  view.v = malloc(sizeof *view.v * (size_t)(done->n ? done->n : 1));
  if (!view.v)
    abort();
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < done->n; i++)
      if (is_md(done->v[i].path) && (strchr(done->v[i].path, '/') != NULL) == pass &&
          !emit_adr_rewritten(p, done->v[i].path))
        view.v[view.n++] = done->v[i];
  report(p, &view, done, io, o);
  free(view.v);
}

static Str without_newline(Str t) { return t.n && t.p[t.n - 1] == '\n' ? (Str){t.p, t.n - 1} : t; }

/* A diagram's SVG as the svg-* row wrote it into `done`, without its final
 * newline; empty when it is not there or its layout failed. The search
 * starts at *at, where the previous one ended (the files are in order). */
static Str laid_out(const OutFiles *done, const char *file, const EmitIO *io, Buf *tmp, int *at) {
  for (int k = 0; done && k < done->n; k++) {
    int i = (*at + k) % done->n;
    if (!strcmp(done->v[i].path, file)) {
      *at = i + 1;
      Str t = text_of(&done->v[i], io, tmp);
      if (str_has_prefix(t, S(SVG_FAILED)))
        return (Str){0};
      return without_newline(t);
    }
  }
  return (Str){0};
}

/* What the page's parts share: the files -o wrote (or NULL) and how to
 * read them back, a buffer for a file read back, and where the search for
 * the next diagram's file starts. */
typedef struct {
  const Plan *p;
  const OutFiles *done;
  const EmitIO *io;
  Buf doc;
  int at;
  bool drawn;            /* a sequence diagram was not kept: draw the rest */
} Page;

static Str page_laid_out(Page *pg, const char *file) { return laid_out(pg->done, file, pg->io, &pg->doc, &pg->at); }

/* The document head and the header band: name, idea, style, cost, load. */
static void page_header(const Plan *p, Buf *o) {
  const Model *m = p->model;
  char b1[32], b2[32];
  buf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  esc_html(o, m->project.name);
  buf_puts(o, ": technical foundation</title>\n<style>");
  buf_puts(o, css);
  buf_puts(o, "</style>\n</head>\n<body>\n<header>\n<h1>");
  esc_html(o, m->project.name);
  buf_puts(o, ": technical foundation</h1>\n<p>");
  esc_html(o, m->project.idea);
  buf_puts(o, "</p>\n<p>Architecture: ");
  esc_html(o, p->style.choice);
  buf_puts(o, " on ");
  esc_html(o, p->docs->cloud_name);
  buf_printf(o, " &middot; %s a month", fmt_usd(b1, p->monthly_usd));
  if (m->project.has_budget)
    buf_printf(o, " of a %s budget", fmt_usd(b1, m->project.budget));
  buf_printf(o, " &middot; %s requests a second at peak &middot; p95 target %s</p>\n</header>\n",
             fmt_count(b1, p->load.peak_rps), fmt_ms(b2, m->project.latency[PCT_P95]));
}

/* The contents: diagrams, assumptions, then each document by its title. */
static void contents(Page *pg, OutFiles docs, Buf *o) {
  const Plan *p = pg->p;
  buf_puts(o, "<div class=\"wrap\">\n<nav>\n<h2>Contents</h2>\n<ol>\n<li><a href=\"#diagrams\">Diagrams</a></li>\n");
  if (p->model->nassumptions + p->nassumptions)
    buf_puts(o, "<li><a href=\"#assumptions\">Assumptions</a></li>\n");
  for (int i = 0; i < docs.n; i++) {
    DocText r = doc_open(&docs.v[i], pg->io, &pg->doc);
    Doc d = doc_head(&r);
    doc_close(&r);
    buf_printf(o, "<li><a href=\"#doc-%d\">", i + 1);
    if (d.title.n) {
      /* Titles are Markdown: show them as text without their escapes. */
      Buf t = {0};
      for (ptrdiff_t k = 0; k < d.title.n; k++)
        if (!(d.title.p[k] == '\\' && k + 1 < d.title.n) && d.title.p[k] != '`')
          buf_putc(&t, d.title.p[k]);
      esc_html(o, buf_view(&t));
      buf_free(&t);
    } else
      esc_html(o, str_c(docs.v[i].path));
    buf_puts(o, "</a></li>\n");
  }
  buf_puts(o, "</ol>\n</nav>\n<main>\n");
}

/* The diagrams Graphviz lays out, each from the file -o wrote or anew. */
static void graphviz_figures(Page *pg, Buf *o) {
  Buf dot = {0}, svg = {0}, err = {0};
  for (size_t i = 0; i < sizeof diagrams / sizeof *diagrams; i++) {
    dot.n = svg.n = err.n = 0;
    buf_printf(o, "<figure id=\"%s\">\n", diagrams[i].id);
    if (diagrams[i].svg) {
      Str ready = page_laid_out(pg, diagrams[i].file);
      if (!ready.n) {
        diagrams[i].svg(pg->p, &svg);
        ready = without_newline(buf_view(&svg));
      }
      buf_str(o, ready);
      buf_printf(o, "\n<figcaption>%s</figcaption>\n</figure>\n", diagrams[i].caption);
      pass_on(pg->io, o);
      continue;
    }
    Str ready = page_laid_out(pg, diagrams[i].file);
    bool ok = ready.n > 0;
    if (!ok) {
      diagrams[i].dot(pg->p, &dot);
      ok = svg_render(buf_view(&dot), &svg, &err);
      ready = buf_view(&svg);
    }
    if (ok)
      buf_str(o, ready);
    else {
      buf_puts(o, "<p class=\"error\">This diagram could not be laid out: ");
      esc_html(o, buf_view(&err));
      buf_puts(o, "</p>\n");
    }
    buf_printf(o, "<figcaption>%s</figcaption>\n</figure>\n", diagrams[i].caption);
    pass_on(pg->io, o);
  }
  buf_free(&dot);
  buf_free(&svg);
  buf_free(&err);
}

/* Plinth's own layouts: a sequence diagram per flow, the roadmap. */
/* The page takes the diagram drawn so far, but for its last byte (the
 * final newline, which the page leaves out). */
typedef struct {
  const EmitIO *io;
  Buf *o;
} ToPage;

static void to_page(void *ctx, Buf *b) {
  ToPage *t = ctx;
  if (b->n < 2)
    return;
  buf_put(t->o, b->p, b->n - 1);
  pass_on(t->io, t->o);
  b->p[0] = b->p[b->n - 1];
  b->n = 1;
}

/* The file -o wrote as `file`, but for its final newline, into the page a
 * part at a time (a long one is never held whole); false when -o did not
 * write it. */
static bool page_copy(Page *pg, const char *file, Buf *o) {
  for (int k = 0; pg->done && k < pg->done->n; k++) {
    if (strcmp(pg->done->v[k].path, file))
      continue;
    DocText r = doc_open(&pg->done->v[k], pg->io, &pg->doc);
    doc_more(&r, 0, (ptrdiff_t)1 << 16);
    while (!r.eof && r.text.n > 1) {   /* the last byte held back: it may be the newline */
      buf_put(o, r.text.p, r.text.n - 1);
      pass_on(pg->io, o);
      doc_more(&r, r.text.n - 1, (ptrdiff_t)1 << 16);
    }
    buf_str(o, without_newline(r.text));
    doc_close(&r);
    return true;
  }
  return false;
}

/* Plinth's own layouts, a sequence diagram per flow and the roadmap, as -o
 * wrote them (the sequences up to the first not kept); drawn where it did
 * not (the same bytes as the files), a long roadmap into the page in
 * parts. */
static void own_figures(Page *pg, Buf *o) {
  const Plan *p = pg->p;
  Buf svg = {0};
  Arena scratch = arena_make(DOCFACTS_FLOW_ARENA);
  for (int i = 0; p->docs && i < p->docs->nflows; i++) {
    char file[48];
    format_s(file, sizeof file, "diagrams/sequence-%d.svg", i + 1);
    Str ready = pg->drawn ? (Str){0} : page_laid_out(pg, file);
    if (!ready.n) {
      pg->drawn = true;   /* the sequences are kept in order, up to the first not kept */
      svg.n = 0;
      emit_svg_sequence(p, scratch, i, &svg);
      ready = without_newline(buf_view(&svg));
    }
    buf_printf(o, "<figure id=\"diagram-sequence-%d\">\n", i + 1);
    buf_str(o, ready);
    buf_puts(o, "\n<figcaption>Sequence: ");
    esc_html(o, p->docs->flows[i].title);
    buf_puts(o, "</figcaption>\n</figure>\n");
    pass_on(pg->io, o);
  }
  arena_free(&scratch);
  buf_puts(o, "<figure id=\"diagram-roadmap\">\n");
  if (!page_copy(pg, "diagrams/roadmap.svg", o)) {
    ToPage t = {pg->io, o};
    svg.n = 0;
    svg.spill = to_page;
    svg.spill_ctx = &t;
    emit_svg_gantt(p, &svg);
    buf_str(o, without_newline(buf_view(&svg)));
  }
  buf_puts(o, "\n<figcaption>Roadmap: the schedule, critical path in red, milestones and the deadline</figcaption>\n</figure>\n");
  buf_free(&svg);
}

static void assumptions(const Plan *p, Buf *o) {
  const Model *m = p->model;
  int nassume = m->nassumptions + p->nassumptions;
  if (!nassume)
    return;
  buf_puts(o, "<section id=\"assumptions\">\n<h1>Assumptions</h1>\n<p>Where the spec was silent, Plinth "
              "assumed:</p>\n<ul>\n");
  for (int i = 0; i < nassume; i++) {
    buf_puts(o, "<li>");
    esc_html(o, i < m->nassumptions ? m->assumptions[i].text : p->assumptions[i - m->nassumptions].text);
    buf_puts(o, "</li>\n");
  }
  buf_puts(o, "</ul>\n</section>\n");
}

/* A fenced block's opening or closing line: *fence is the open fence's
 * character (0: none) and *len its length. */
static void track_fence(Str l, char *fence, ptrdiff_t *len) {
  ptrdiff_t k = 0, n = 0;
  while (k < l.n && k < 3 && l.p[k] == ' ')
    k++;
  char c = k < l.n ? l.p[k] : 0;
  if (c != '`' && c != '~')
    return;
  while (k + n < l.n && l.p[k + n] == c)
    n++;
  if (n < 3)
    return;
  if (!*fence) {
    if (c == '`' && memchr(l.p + k + n, '`', (size_t)(l.n - k - n)))
      return;   /* a backtick in the info string: not a fence */
    *fence = c;
    *len = n;
    return;
  }
  bool bare = true;
  for (ptrdiff_t j = k + n; j < l.n; j++)
    bare &= l.p[j] == ' ' || l.p[j] == '\t';
  if (c == *fence && n >= *len && bare)
    *fence = 0;
}

/* ---- Markdown to HTML ----
 * md4c's parser (md_parse) reads the Markdown and these callbacks write
 * the HTML into the document's buffer: the bytes md4c-html 0.4.8's
 * md_html writes without renderer flags (its tags; text with " & < >
 * escaped; a link's target with & as &amp; and every byte outside its URL
 * set as %XX). md_html hands its output over a callback a few bytes at a
 * time and builds its escape tables on every call: 2.3M of plan -o's 41M
 * instructions on the typical example. A text with an entity (md_html
 * decodes the named ones from its own table) or an image goes to md_html
 * whole; the callbacks refuse what only those make (or a wiki link, off
 * in md_flags). */
static const unsigned md_flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;

/* Where the callbacks write: the page, each Mermaid block folded as
 * fold_mermaid folds it, passed on as it grows. */
typedef struct {
  Buf *o;
  Fold *f;
  bool mermaid;          /* in a Mermaid block */
} MdOut;

static void mh_fold(MdOut *m) { pass_on(m->f->io, m->o); }

/* md4c-html's text escaping: " & < > as references; a NUL is dropped. */
static const char mh_esc[256] = {[0] = 1, ['"'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1};

static void mh_text(Buf *o, const char *s, ptrdiff_t n) {
  const unsigned char *p = (const unsigned char *)s;
  ptrdiff_t from = 0, i = 0;
  for (;;) {
#ifdef __SSE2__
    /* Sixteen bytes a step: the page's text is most of its bytes. */
    const __m128i quot = _mm_set1_epi8('"'), amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
                  gt = _mm_set1_epi8('>'), nul = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quot), _mm_cmpeq_epi8(v, amp)),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt)),
                                              _mm_cmpeq_epi8(v, nul)));
      int mask = _mm_movemask_epi8(hit);
      if (mask) {
        i += __builtin_ctz((unsigned)mask);
        break;
      }
    }
#endif
    while (i < n && !mh_esc[p[i]])
      i++;
    buf_put(o, s + from, i - from);
    if (i == n)
      return;
    switch (p[i]) {
    case '"': buf_puts(o, "&quot;"); break;
    case '&': buf_puts(o, "&amp;"); break;
    case '<': buf_puts(o, "&lt;"); break;
    case '>': buf_puts(o, "&gt;"); break;
    default: break;
    }
    from = ++i;
  }
}

/* md4c-html's URL escaping: letters, digits, -_.+!*(),%#@?=;:/$ and NUL as
 * they are, & as &amp;, any other byte as %XX. */
static void mh_url(Buf *o, const char *s, ptrdiff_t n) {
  static const char hex[] = "0123456789ABCDEF";
  for (ptrdiff_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || !c || strchr("-_.+!*(),%#@?=;:/$", c))
      buf_putc(o, (char)c);
    else if (c == '&')
      buf_puts(o, "&amp;");
    else {
      buf_putc(o, '%');
      buf_putc(o, hex[c >> 4]);
      buf_putc(o, hex[c & 15]);
    }
  }
}

static void mh_replacement(Buf *o) { buf_put(o, "\xEF\xBF\xBD", 3); }   /* U+FFFD, for a NUL */

static int mh_attr(MdOut *m, const MD_ATTRIBUTE *a, bool url) {
  Buf *o = m->o;
  for (int i = 0; a->substr_offsets[i] < a->size; i++) {
    const char *t = a->text + a->substr_offsets[i];
    ptrdiff_t n = (ptrdiff_t)(a->substr_offsets[i + 1] - a->substr_offsets[i]);
    if (a->substr_types[i] == MD_TEXT_ENTITY)
      return 1;
    if (a->substr_types[i] == MD_TEXT_NULLCHAR)
      mh_replacement(o);
    else if (url)
      mh_url(o, t, n);
    else
      mh_text(o, t, n);
  }
  return 0;
}

static void mh_cell(Buf *o, const char *tag, const MD_BLOCK_TD_DETAIL *d) {
  buf_putc(o, '<');
  buf_puts(o, tag);
  buf_puts(o, d->align == MD_ALIGN_LEFT     ? " align=\"left\">"
              : d->align == MD_ALIGN_CENTER ? " align=\"center\">"
              : d->align == MD_ALIGN_RIGHT  ? " align=\"right\">"
                                            : ">");
}

static int mh_enter_block(MD_BLOCKTYPE type, void *detail, void *ud) {
  MdOut *m = ud;
  Buf *o = m->o;
  switch (type) {
  case MD_BLOCK_DOC:
  case MD_BLOCK_HTML: break;
  case MD_BLOCK_QUOTE: buf_puts(o, "<blockquote>\n"); break;
  case MD_BLOCK_UL: buf_puts(o, "<ul>\n"); break;
  case MD_BLOCK_OL: {
    unsigned start = ((const MD_BLOCK_OL_DETAIL *)detail)->start;
    if (start == 1)
      buf_puts(o, "<ol>\n");
    else
      buf_printf(o, "<ol start=\"%u\">\n", start);
    break;
  }
  case MD_BLOCK_LI: {
    const MD_BLOCK_LI_DETAIL *d = detail;
    if (!d->is_task) {
      buf_puts(o, "<li>");
      break;
    }
    buf_puts(o, "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled");
    if (d->task_mark == 'x' || d->task_mark == 'X')
      buf_puts(o, " checked");
    buf_putc(o, '>');
    break;
  }
  case MD_BLOCK_HR: buf_puts(o, "<hr>\n"); break;
  case MD_BLOCK_H:
    buf_puts(o, "<h");
    buf_putc(o, (char)('0' + ((const MD_BLOCK_H_DETAIL *)detail)->level));
    buf_putc(o, '>');
    break;
  case MD_BLOCK_CODE: {
    const MD_BLOCK_CODE_DETAIL *d = detail;
    m->mermaid = d->lang.size == 7 && !memcmp(d->lang.text, "mermaid", 7);
    if (m->mermaid)
      buf_puts(o, mermaid_details);
    buf_puts(o, "<pre><code");
    if (d->lang.text) {
      buf_puts(o, " class=\"language-");
      if (mh_attr(m, &d->lang, false))
        return 1;
      buf_putc(o, '"');
    }
    buf_putc(o, '>');
    break;
  }
  case MD_BLOCK_P: buf_puts(o, "<p>"); break;
  case MD_BLOCK_TABLE: buf_puts(o, "<table>\n"); break;
  case MD_BLOCK_THEAD: buf_puts(o, "<thead>\n"); break;
  case MD_BLOCK_TBODY: buf_puts(o, "<tbody>\n"); break;
  case MD_BLOCK_TR: buf_puts(o, "<tr>\n"); break;
  case MD_BLOCK_TH: mh_cell(o, "th", detail); break;
  case MD_BLOCK_TD: mh_cell(o, "td", detail); break;
  default: return 1;
  }
  return 0;
}

static int mh_leave_block(MD_BLOCKTYPE type, void *detail, void *ud) {
  MdOut *m = ud;
  Buf *o = m->o;
  switch (type) {
  case MD_BLOCK_DOC:
  case MD_BLOCK_HTML:
  case MD_BLOCK_HR: break;
  case MD_BLOCK_QUOTE: buf_puts(o, "</blockquote>\n"); break;
  case MD_BLOCK_UL: buf_puts(o, "</ul>\n"); break;
  case MD_BLOCK_OL: buf_puts(o, "</ol>\n"); break;
  case MD_BLOCK_LI: buf_puts(o, "</li>\n"); break;
  case MD_BLOCK_H:
    buf_puts(o, "</h");
    buf_putc(o, (char)('0' + ((const MD_BLOCK_H_DETAIL *)detail)->level));
    buf_puts(o, ">\n");
    break;
  case MD_BLOCK_CODE: buf_puts(o, m->mermaid ? "</code></pre></details>\n" : "</code></pre>\n"); break;
  case MD_BLOCK_P: buf_puts(o, "</p>\n"); break;
  case MD_BLOCK_TABLE: buf_puts(o, "</table>\n"); break;
  case MD_BLOCK_THEAD: buf_puts(o, "</thead>\n"); break;
  case MD_BLOCK_TBODY: buf_puts(o, "</tbody>\n"); break;
  case MD_BLOCK_TR: buf_puts(o, "</tr>\n"); break;
  case MD_BLOCK_TH: buf_puts(o, "</th>\n"); break;
  case MD_BLOCK_TD: buf_puts(o, "</td>\n"); break;
  default: return 1;
  }
  mh_fold(m);
  return 0;
}

static int mh_enter_span(MD_SPANTYPE type, void *detail, void *ud) {
  MdOut *m = ud;
  Buf *o = m->o;
  switch (type) {
  case MD_SPAN_EM: buf_puts(o, "<em>"); break;
  case MD_SPAN_STRONG: buf_puts(o, "<strong>"); break;
  case MD_SPAN_U: buf_puts(o, "<u>"); break;
  case MD_SPAN_CODE: buf_puts(o, "<code>"); break;
  case MD_SPAN_DEL: buf_puts(o, "<del>"); break;
  case MD_SPAN_LATEXMATH: buf_puts(o, "<x-equation>"); break;
  case MD_SPAN_LATEXMATH_DISPLAY: buf_puts(o, "<x-equation type=\"display\">"); break;
  case MD_SPAN_A: {
    const MD_SPAN_A_DETAIL *d = detail;
    buf_puts(o, "<a href=\"");
    if (mh_attr(m, &d->href, true))
      return 1;
    if (d->title.text) {
      buf_puts(o, "\" title=\"");
      if (mh_attr(m, &d->title, false))
        return 1;
    }
    buf_puts(o, "\">");
    break;
  }
  default: return 1;   /* an image (its text goes into alt), a wiki link */
  }
  return 0;
}

static int mh_leave_span(MD_SPANTYPE type, void *detail, void *ud) {
  MdOut *m = ud;
  Buf *o = m->o;
  (void)detail;
  switch (type) {
  case MD_SPAN_EM: buf_puts(o, "</em>"); break;
  case MD_SPAN_STRONG: buf_puts(o, "</strong>"); break;
  case MD_SPAN_U: buf_puts(o, "</u>"); break;
  case MD_SPAN_A: buf_puts(o, "</a>"); break;
  case MD_SPAN_CODE: buf_puts(o, "</code>"); break;
  case MD_SPAN_DEL: buf_puts(o, "</del>"); break;
  case MD_SPAN_LATEXMATH:
  case MD_SPAN_LATEXMATH_DISPLAY: buf_puts(o, "</x-equation>"); break;
  default: return 1;
  }
  return 0;
}

static int mh_text_of(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud) {
  MdOut *m = ud;
  Buf *o = m->o;
  switch (type) {
  case MD_TEXT_NULLCHAR: mh_replacement(o); break;
  case MD_TEXT_BR: buf_puts(o, "<br>\n"); break;
  case MD_TEXT_SOFTBR: buf_putc(o, '\n'); break;
  case MD_TEXT_HTML: buf_put(o, text, (ptrdiff_t)size); break;
  case MD_TEXT_ENTITY: return 1;
  default: mh_text(o, text, (ptrdiff_t)size); break;
  }
  mh_fold(m);
  return 0;
}

/* Whether Markdown has nothing md_html renders in place of the callbacks:
 * no '&' before a letter or '#' (an entity starts so) and no "![" (an
 * image). Wiki links are off in md_flags. */
static bool md_plain(const char *text, MD_SIZE n) {
  const char *end = text + n;
  for (const char *p = text; (p = memchr(p, '&', (size_t)(end - p))) != NULL; p++)
    if (p + 1 < end && (p[1] == '#' || ((p[1] | 32) >= 'a' && (p[1] | 32) <= 'z')))
      return false;
  for (const char *p = text; (p = memchr(p, '!', (size_t)(end - p))) != NULL; p++)
    if (p + 1 < end && p[1] == '[')
      return false;
  return true;
}

/* `n` bytes of Markdown as HTML into the page: by report.c's callbacks
 * when the text is plain, else by md_html onto f->html, folded into the
 * page as it grows. What md_html left there is whole (a part ends where
 * every block is closed): folded first. */
static void md_render(const char *text, MD_SIZE n, Fold *f) {
  if (!md_plain(text, n)) {
    md.md_html(text, n, put_folded, f, md_flags, 0);
    return;
  }
  fold_mermaid(f->o, buf_view(&f->html));
  f->html.n = 0;
  const MD_PARSER parser = {0, md_flags, mh_enter_block, mh_leave_block, mh_enter_span, mh_leave_span,
                            mh_text_of, NULL, NULL};
  MdOut m = {f->o, f, false};
  md.md_parse(text, n, &parser, &m);   /* as md_html's result: md4c fails out of memory only */
}

bool report_md_html(Str text, bool md4c_html, Buf *out) {
  pthread_once(&md_once, md_load);
  if (!md_ok)
    return false;
  Fold f = {{0}, out, NULL, (ptrdiff_t)1 << 20};
  if (md4c_html)
    md.md_html(text.p, (MD_SIZE)text.n, put_folded, &f, md_flags, 0);
  else
    md_render(text.p, (MD_SIZE)text.n, &f);
  fold_mermaid(out, buf_view(&f.html));
  buf_free(&f.html);
  return true;
}

/* A document's body through md4c a section at a time: each section ends
 * before a heading (column 0, after a blank line, outside a fenced block)
 * once it holds SECTION bytes. Such a heading closes every block before
 * it, so the sections give the same HTML as the body whole, and md4c never
 * holds the block list of a whole long document. */
static void md_sections(DocText *r, ptrdiff_t at, Fold *f) {
  enum { SECTION = 1 << 18 };
  doc_more(r, at, 2 * SECTION);
  ptrdiff_t pos = 0, len = 0;
  char fence = 0;
  bool blank = true;
  for (;;) {
    ptrdiff_t cut = -1;
    while (cut < 0) {
      const char *nl = pos < r->text.n ? memchr(r->text.p + pos, '\n', (size_t)(r->text.n - pos)) : NULL;
      if (!nl && !r->eof) {
        doc_more(r, 0, r->text.n + SECTION);   /* a long block: read on, never far ahead */
        continue;
      }
      if (!nl) {
        cut = r->text.n;
        break;
      }
      Str l = {r->text.p + pos, nl - (r->text.p + pos)};
      if (!fence && blank && pos >= SECTION && heading_level(l)) {
        cut = pos;
        break;
      }
      track_fence(l, &fence, &len);
      blank = l.n == 0;
      pos += l.n + 1;
    }
    if (cut)
      md_render(r->text.p, (MD_SIZE)cut, f);
    if (cut == r->text.n && r->eof)
      return;
    doc_more(r, cut, 2 * SECTION);
    pos -= cut;
  }
}

/* Each document as a section: its status line, then its Markdown as HTML
 * (as preformatted text where md4c is missing). */
static void documents(Page *pg, OutFiles docs, Buf *o) {
  Buf html = {0};
  for (int i = 0; i < docs.n; i++) {
    DocText r = doc_open(&docs.v[i], pg->io, &pg->doc);
    Doc d = doc_head(&r);
    buf_printf(o, "<section id=\"doc-%d\">\n", i + 1);
    if (d.status.n) {
      buf_puts(o, "<p><span class=\"status\">");
      esc_html(o, d.status);
      buf_puts(o, "</span> ");
      esc_html(o, d.date);
      buf_puts(o, "</p>\n");
    }
    html.n = 0;
    pthread_once(&md_once, md_load);
    ptrdiff_t at = d.body.p ? d.body.p - r.text.p : r.text.n;
    if (md_ok) {
      Fold f = {html, o, pg->io, (ptrdiff_t)1 << 20};
      md_sections(&r, at, &f);
      html = f.html;
    } else {
      buf_puts(&html, "<pre>");
      doc_more(&r, at, PTRDIFF_MAX / 2);   /* whole: md4c is missing */
      esc_html(&html, r.text);
      buf_puts(&html, "</pre>\n");
    }
    doc_close(&r);
    fold_mermaid(o, buf_view(&html));
    buf_puts(o, "</section>\n");
    pass_on(pg->io, o);
  }
  buf_free(&html);
}

/* The page; `done` (or NULL) holds the files -o wrote, whose diagrams are
 * used instead of laying them out a second time. */
static void report(const Plan *p, const OutFiles *docsp, const OutFiles *done, const EmitIO *io, Buf *o) {
  Page pg = {.p = p, .done = done, .io = io};
  page_header(p, o);
  contents(&pg, *docsp, o);
  buf_puts(o, "<section id=\"diagrams\">\n<h1>Diagrams</h1>\n");
  graphviz_figures(&pg, o);
  own_figures(&pg, o);
  buf_puts(o, "</section>\n");
  assumptions(p, o);
  documents(&pg, *docsp, o);
  buf_free(&pg.doc);
  buf_puts(o, "</main>\n</div>\n</body>\n</html>\n");
}

