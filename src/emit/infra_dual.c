/* D: one description of a resource, printed as HCL or as a Pulumi
 * constructor call in TypeScript (infra_dual.h). The writer owns the
 * indentation, the separators and the spelling of names in each language:
 * snake_case and resource addresses in HCL, camelCase and constants in
 * TypeScript. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infra_dual.h"

static void ind(const D *d) { buf_fill(d->o, ' ', 2 * d->lv); }
static char top(const D *d) { return d->depth > 0 ? d->close[d->depth - 1] : 0; }

/* name and suffix joined, as one Str (in b). */
static Str joined(Buf *b, Str name, const char *suffix) {
  b->n = 0;
  buf_printf(b, "%.*s%s", STRF(name), suffix ? suffix : "");
  return buf_view(b);
}

/* snake_case -> camelCase. */
static void camel(Buf *o, const char *k) {
  bool up = false;
  for (const char *c = k; *c; c++) {
    if (*c == '_') {
      up = true;
      continue;
    }
    buf_putc(o, up && *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c);
    up = false;
  }
}

void d_name(D *d, const char *tf, Str name, const char *suffix) {
  Buf b = {0};
  Str s = joined(&b, name, suffix);
  if (d->ts)
    iac_ts_ident(d->o, s, false);
  else {
    buf_printf(d->o, "%s.", tf);
    iac_tf_ident(d->o, s);
  }
  buf_free(&b);
}

static void res_open(D *d, const char *tf, const char *pu, Str name, const char *suffix, const char *comment, int n) {
  Buf b = {0};
  Str s = joined(&b, name, suffix);
  if (comment)
    buf_printf(d->o, "%s %s\n", d->ts ? "//" : "#", comment);
  if (d->ts) {
    Buf dash = {0};
    for (ptrdiff_t i = 0; i < s.n; i++)
      buf_putc(&dash, s.p[i] == '_' ? '-' : s.p[i]);
    if (n >= 0) {
      buf_printf(d->o, "for (let i = 0; i < %d; i++)\n  new %s(`", n, pu);
      for (ptrdiff_t i = 0; i < (ptrdiff_t)dash.n; i++)
        if (dash.p[i] != '`' && dash.p[i] != '\\' && dash.p[i] != '$')
          buf_putc(d->o, dash.p[i]);
      buf_puts(d->o, "-${i}`, {\n");
    } else {
      buf_puts(d->o, "const ");
      iac_ts_ident(d->o, s, false);
      buf_printf(d->o, " = new %s(", pu);
      iac_ts_str(d->o, buf_view(&dash));
      buf_puts(d->o, ", {\n");
    }
    buf_free(&dash);
  } else {
    buf_printf(d->o, "resource \"%s\" \"", tf);
    iac_tf_ident(d->o, s);
    buf_puts(d->o, "\" {\n");
    if (n >= 0)
      buf_printf(d->o, "  count = %d\n", n);
  }
  buf_free(&b);
  d->depth = d->lv = 1;
}

void d_res(D *d, const char *tf, const char *pu, Str name, const char *suffix, const char *comment) {
  res_open(d, tf, pu, name, suffix, comment, -1);
}

void d_res_count(D *d, const char *tf, const char *pu, Str name, const char *suffix, int n) {
  res_open(d, tf, pu, name, suffix, NULL, n < 0 ? 0 : n);
}

void d_index(D *d) { buf_puts(d->o, d->ts ? "${i}" : "${count.index}"); }

void d_res_end(D *d) {
  while (d->depth > 1)
    d_close(d);
  buf_puts(d->o, d->ts ? "});\n" : "}\n\n");
  d->depth = d->lv = 0;
}

void d_res_end_after(D *d, const char *tf, Str name, const char *suffix) {
  while (d->depth > 1)
    d_close(d);
  if (d->ts) {
    buf_puts(d->o, "}, { dependsOn: [");
    d_name(d, tf, name, suffix);
    buf_puts(d->o, "] });\n");
  } else {
    buf_puts(d->o, "  depends_on = [");
    d_name(d, tf, name, suffix);
    buf_puts(d->o, "]\n}\n\n");
  }
  d->depth = d->lv = 0;
}

/* A key: raw inside a map (a quoted string), else the argument's name. */
static void key(D *d, Str k) {
  ind(d);
  if (top(d) == 'm') {
    if (d->ts)
      iac_ts_str(d->o, k);
    else
      iac_tf_str(d->o, k);
  } else if (d->ts) {
    Buf b = {0};
    buf_printf(&b, "%.*s", STRF(k));
    buf_putc(&b, 0);
    camel(d->o, b.p);
    buf_free(&b);
  } else
    buf_str(d->o, k);
  buf_puts(d->o, d->ts ? ": " : " = ");
}

void d_key(D *d, const char *k) { key(d, str_c(k)); }

void d_eol(D *d) { buf_puts(d->o, d->ts ? ",\n" : "\n"); }

void d_s(D *d, const char *k, Str v) {
  d_key(d, k);
  if (d->ts)
    iac_ts_str(d->o, v);
  else
    iac_tf_str(d->o, v);
  d_eol(d);
}

void d_sc(D *d, const char *k, const char *v) { d_s(d, k, str_c(v)); }

void d_n(D *d, const char *k, double v) {
  d_key(d, k);
  buf_printf(d->o, "%g", v);
  d_eol(d);
}

void d_b(D *d, const char *k, bool v) {
  d_key(d, k);
  buf_puts(d->o, v ? "true" : "false");
  d_eol(d);
}

void d_x(D *d, const char *k, const char *hcl, const char *ts) {
  d_key(d, k);
  buf_puts(d->o, d->ts ? ts : hcl);
  d_eol(d);
}

static void ref(D *d, const char *tf, Str name, const char *suffix, const char *attr) {
  d_name(d, tf, name, suffix);
  buf_putc(d->o, '.');
  if (d->ts)
    camel(d->o, attr);
  else
    buf_puts(d->o, attr);
}

void d_ref(D *d, const char *k, const char *tf, Str name, const char *suffix, const char *attr) {
  d_key(d, k);
  ref(d, tf, name, suffix, attr);
  d_eol(d);
}

void d_ref_list(D *d, const char *k, const char *tf, Str name, const char *suffix, const char *attr) {
  d_key(d, k);
  buf_putc(d->o, '[');
  ref(d, tf, name, suffix, attr);
  buf_putc(d->o, ']');
  d_eol(d);
}

void d_interp(D *d, const char *k, const char *pre, const char *tf, Str name, const char *suffix, const char *attr,
              const char *post) {
  d_key(d, k);
  buf_printf(d->o, "%s%s${", d->ts ? "pulumi.interpolate`" : "\"", pre);
  ref(d, tf, name, suffix, attr);
  buf_printf(d->o, "}%s%s", post, d->ts ? "`" : "\"");
  d_eol(d);
}

static void setting(D *d, Str env) {
  if (d->ts) {
    buf_puts(d->o, "cfg");
    iac_ts_ident(d->o, env, true);
  } else {
    buf_puts(d->o, "var.");
    iac_tf_ident(d->o, env);
  }
  d_eol(d);
}

void d_setting(D *d, const char *k, Str env) {
  d_key(d, k);
  setting(d, env);
}

/* A level of the stack; indented: whether its contents sit one level in. */
static void level(D *d, char c, bool indented) {
  if (d->depth < 16) {
    d->close[d->depth] = c;
    d->indented[d->depth] = indented;
  }
  d->depth++;
  d->lv += indented;
}

void d_open(D *d, const char *k, bool list) {
  ind(d);
  if (d->ts) {
    camel(d->o, k);
    buf_puts(d->o, list ? ": [{\n" : ": {\n");
  } else
    buf_printf(d->o, "%s {\n", k);
  level(d, list ? 'l' : 'o', true);
}

void d_open_list(D *d, const char *k, const char *tk) {
  if (d->ts) {
    ind(d);
    buf_printf(d->o, "%s: [\n", tk);
  }
  if (d->depth < 16)
    d->blocks[d->depth] = k;
  level(d, 'L', d->ts);   /* HCL: the items sit where the list would */
}

void d_item(D *d) {
  ind(d);
  if (d->ts)
    buf_puts(d->o, "{\n");
  else
    buf_printf(d->o, "%s {\n", d->depth > 0 && d->depth <= 16 ? d->blocks[d->depth - 1] : "block");
  level(d, 'i', true);
}

void d_open_map(D *d, const char *k) {
  ind(d);
  if (d->ts)
    camel(d->o, k);
  else
    buf_puts(d->o, k);
  buf_puts(d->o, d->ts ? ": {\n" : " = {\n");
  level(d, 'm', true);
}

void d_close(D *d) {
  if (d->depth <= 1)
    return;
  char c = top(d);
  d->depth--;
  bool indented = d->depth < 16 ? d->indented[d->depth] : true;
  d->lv -= indented;
  if (!d->ts && c == 'L')
    return;
  ind(d);
  if (!d->ts)
    buf_puts(d->o, "}\n");
  else
    buf_puts(d->o, c == 'l' ? "}],\n" : c == 'L' ? "],\n" : "},\n");
}

void d_plain_settings(D *d, const char *k, const Plan *p) {
  d_open_map(d, k);
  for (int i = 0; i < p->api.nenv; i++)
    if (!p->api.env[i].secret) {
      key(d, p->api.env[i].name);
      setting(d, p->api.env[i].name);
    }
  d_close(d);
}

void d_comment(D *d, const char *fmt, ...) {
  ind(d);
  buf_puts(d->o, d->ts ? "// " : "# ");
  char b[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(b, sizeof b, fmt, ap);
  va_end(ap);
  buf_puts(d->o, b);
  buf_putc(d->o, '\n');
}

void d_each_unit_policy(const Kit *k, int ndep, void (*fn)(void *ctx, int u, Str *acts, Str *ress, int cap), void *ctx) {
  int cap = iac_nactions(k);
  Str *acts = iac_alloc(sizeof *acts * (size_t)(cap > 0 ? cap : 1)), *ress = iac_alloc(sizeof *ress * (size_t)(cap > 0 ? cap : 1));
  for (int u = 0; u < ndep; u++)
    fn(ctx, u, acts, ress, cap);
  free(acts);
  free(ress);
}

void d_export_units(D *d, const char *export, const IacDeployable *dep, int ndep, const char *suffix, const char *attr) {
  if (!d->ts)
    return;
  buf_printf(d->o, "\nexport const %s = {\n", export);
  for (int u = 0; u < ndep; u++) {
    buf_puts(d->o, "  ");
    iac_ts_str(d->o, dep[u].name);
    buf_puts(d->o, ": ");
    d_name(d, "", dep[u].name, suffix);
    buf_printf(d->o, ".%s,\n", attr);
  }
  buf_puts(d->o, "};\n");
}
