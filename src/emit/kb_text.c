/* Knowledge-base listings for `plinth kb list` and `plinth kb show`. */
#include "../spec/units.h"
#include "../util/json.h"
#include "emit.h"

void emit_kb_list(const Kb *kb, Str slot, Buf *out) {
  for (int i = 0; i < kb->ntechs; i++) {
    const Tech *t = &kb->techs[i];
    if (slot.n && !str_eq(t->slot, slot))
      continue;
    buf_printf(out, "%-28.*s %-15.*s %-17.*s %.*s\n", STRF(t->id), STRF(t->slot), STRF(t->family), STRF(t->name));
  }
}

static void words(Buf *out, const char *label, const Str *w, int n) {
  if (!n)
    return;
  buf_printf(out, "%-10s", label);
  for (int i = 0; i < n; i++)
    buf_printf(out, " %.*s", STRF(w[i]));
  buf_putc(out, '\n');
}

void emit_kb_show(const Tech *t, Buf *out) {
  buf_printf(out, "%.*s: %.*s\n", STRF(t->id), STRF(t->name));
  buf_printf(out, "%.*s\n\n", STRF(t->summary));
  buf_printf(out, "%-10s %.*s (%.*s)\n", "slot", STRF(t->slot), STRF(t->family));
  buf_printf(out, "%-10s %.*s\n", "hosting", STRF(t->hosting));
  if (t->vendor.n)
    buf_printf(out, "%-10s %.*s\n", "vendor", STRF(t->vendor));
  words(out, "clouds", t->clouds, t->nclouds);
  words(out, "regions", t->regions, t->nregions);
  words(out, "caps", t->caps, t->ncaps);
  words(out, "skills", t->skills, t->nskills);
  buf_printf(out, "%-10s %d of 5\n%-10s %d of 5\n", "burden", t->burden, "lock-in", t->lockin);
  if (t->version.n)
    buf_printf(out, "%-10s %.*s\n", "version", STRF(t->version));
  buf_printf(out, "%-10s %.*s\n", "url", STRF(t->url));
  if (t->nfacts)
    buf_puts(out, "\nfigures:\n");
  for (int i = 0; i < t->nfacts; i++) {
    const KbFact *f = &t->facts[i];
    char v[32];
    fmt_num(v, f->value);
    /* a class stated for its ceilings only, or a meter billed at no known rate */
    bool unpriced = (f->keyid == KEY_SIZE && f->value <= 0) || f->keyid == KEY_UNPRICED;
    buf_printf(out, "  %-9.*s %-18.*s %-12s ", STRF(f->key), STRF(f->name), unpriced ? "unpriced" : v);
    /* a default quota the provider raises on request */
    char g[32] = "";
    if (f->adjustable && f->granted > 0)
      fmt_num(g, f->granted);
    if (f->adjustable)
      buf_printf(out, "(adjustable%s%s) ", g[0] ? " to " : "", g);
    buf_printf(out, "%.*s (%.*s)\n", STRF(f->source), STRF(f->date));
  }
}
