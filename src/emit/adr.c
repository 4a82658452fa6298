/* Decision records in MADR 4 format (adr/NNNN-title.md), one per decision
 * of the plan's AdrLedger (plan/adr.c numbers them), older records whose
 * status changed, and the index adr/index.txt that the next -o run reads
 * back. Each record: front matter with status and date; context and
 * problem statement; decision drivers; considered options; decision
 * outcome with its consequences and confirmation; pros and cons of the
 * options; more information. */
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "emit.h"

static void md(Buf *o, Str s) { esc_md(o, s); }

/* "- Good, because ..." for each consequence the plan decided. */
static void consequences(Buf *o, const AdrConsequence *c, int n) {
  for (int i = 0; i < n; i++) {
    buf_printf(o, "- %s, because %.*s", c[i].verdict, STRF(c[i].why));
    md(o, c[i].quote);
    buf_putc(o, '\n');
  }
}

static const char *level_word(TeamLevel l) {
  switch (l) {
  case LVL_JUNIOR: return "junior ";
  case LVL_MID: return "mid-level ";
  case LVL_SENIOR: return "senior ";
  case LVL_MIXED: return "mixed-level ";
  case LVL_NONE: break;
  }
  return "";
}

static void front(Buf *o, const AdrEntry *e) {
  buf_printf(o, "---\nstatus: %.*s\ndate: %.*s\n---\n\n", STRF(e->status), STRF(e->date));
}

static void project_context(const Plan *p, Buf *o) {
  const Project *pr = &p->model->project;
  char b1[32], b2[32];
  buf_puts(o, " The plan serves ");
  md(o, pr->name);
  buf_printf(o, " at %s requests a second at peak (design load %s with the margin), for a team of %d %sdeveloper%s",
             fmt_count(b1, p->load.peak_rps), fmt_count(b2, p->load.design_rps), pr->team, level_word(pr->level),
             pr->team == 1 ? "" : "s");
  if (pr->has_budget)
    buf_printf(o, " and a budget of %s a month", fmt_usd(b1, pr->budget));
  buf_puts(o, ".");
}

static void drivers(const Plan *p, Buf *o, const Need *n) {
  const Project *pr = &p->model->project;
  char b[32];
  buf_puts(o, "## Decision Drivers\n\n");
  if (n) {
    buf_puts(o, "- the system needs it because it ");
    md(o, n->reason);
    buf_puts(o, "\n");
    if (n->ncaps) {
      buf_puts(o, "- it must offer:");
      for (int i = 0; i < n->ncaps; i++) {
        buf_puts(o, i ? ", " : " ");
        md(o, n->caps[i]);
      }
      buf_puts(o, "\n");
    }
  }
  if (pr->has_budget)
    buf_printf(o, "- the whole stack must fit a budget of %s a month\n", fmt_usd(b, pr->budget));
  buf_printf(o, "- p95 latency target of %s\n", fmt_ms(b, pr->latency[PCT_P95]));
  buf_printf(o, "- availability target of %.10g%%\n", pr->availability * 100);
  buf_printf(o, "- a team of %d %sdeveloper%s", pr->team, level_word(pr->level), pr->team == 1 ? "" : "s");
  if (pr->nskills) {
    buf_puts(o, pr->team == 1 ? " who knows" : " who know");
    for (int i = 0; i < pr->nskills; i++) {
      buf_puts(o, i ? ", " : " ");
      md(o, pr->skills[i].word);
    }
  }
  buf_puts(o, "\n");
  if (pr->nprefer) {
    buf_puts(o, "- preference:");
    for (int i = 0; i < pr->nprefer; i++) {
      buf_puts(o, i ? " over " : " ");
      md(o, pr->prefer[i].word);
    }
    buf_puts(o, "\n");
  }
  for (int i = 0; i < pr->ncompliance; i++) {
    buf_puts(o, "- compliance: ");
    md(o, pr->compliance[i].word);
    buf_puts(o, "\n");
  }
  buf_puts(o, "\n");
}

/* "Bad, because it is ...": the reasons of choose.c start with a verb, an
 * adjective or a noun phrase; give the sentence its subject. */
static void because_it(Buf *o, Str why) {
  static const char *const verbs[] = {"is ", "costs ", "scores ", "lacks ", "has ", "needs ", "breaks ", "runs ", "cannot ",
                                      "does ", "would "};
  static const char *const adjectives[] = {"not ", "self-hosted", "managed", "serverless", "lower ", "higher ",
                                           "outside ", "only ", "another "};
  static const char *const nouns[] = {"more ", "no ", "less ", "a "};
  const char *lead = "";
  for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
    if (str_has_prefix(why, str_c(verbs[i])))
      lead = "it ";
  for (size_t i = 0; i < sizeof adjectives / sizeof *adjectives; i++)
    if (str_has_prefix(why, str_c(adjectives[i])))
      lead = "it is ";
  for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
    if (str_has_prefix(why, str_c(nouns[i])))
      lead = "it has ";
  buf_printf(o, "- Bad, because %s", lead);
  md(o, why);
  buf_putc(o, '\n');
}

static void more_info(const Plan *p, Buf *o, const Adr *r) {
  buf_puts(o, "## More Information\n\n");
  bool any = false;
  if (p->model->nassumptions + p->nassumptions) {
    buf_puts(o, "- The assumptions Plinth made where the spec was silent are listed once, in SPEC.md.\n");
    any = true;
  }
  if (r->supersedes) {
    buf_printf(o, "- Supersedes record %04d, whose choice the plan no longer makes.\n", r->supersedes);
    any = true;
  }
  for (int i = 0; i < r->npatterns; i++) {
    const KbRecord *pt = r->patterns[i];
    buf_puts(o, "- Pattern: ");
    md(o, pattern_text(pt, "name"));
    buf_puts(o, ". ");
    md(o, pattern_text(pt, "watch"));
    buf_printf(o, " <%.*s>\n", STRF(pattern_text(pt, "url")));
    any = true;
  }
  if (r->choice && r->choice->tech->url.n) {
    buf_puts(o, "- ");
    md(o, r->choice->tech->name);
    buf_printf(o, ": <%.*s>\n", STRF(r->choice->tech->url));
    any = true;
  }
  if (!any)
    buf_puts(o, "- `plinth plan SPEC` prints this decision with every other.\n");
}

static void tech_record(const Plan *p, const Adr *r, Buf *o) {
  const Choice *c = r->choice;
  const Tech *t = c->tech;
  char b[32];
  int top[8];
  int ntop = plan_top_options(c, top, p->adr->options - 1 < 8 ? p->adr->options - 1 : 8);
  front(o, &r->entry);
  buf_puts(o, "# Use ");
  md(o, t->name);
  buf_puts(o, " for ");
  md(o, c->need->slot);
  buf_puts(o, "\n\n## Context and Problem Statement\n\nThe system needs a technology for the ");
  md(o, c->need->slot);
  buf_puts(o, " slot because it ");
  md(o, c->need->reason);
  buf_puts(o, ".");
  project_context(p, o);
  buf_printf(o, " The stack is built on %.*s.", STRF(p->docs->cloud_name));
  buf_puts(o, " Which technology should fill the slot? It is recorded because ");
  md(o, r->contested);
  buf_puts(o, ".\n\n");
  drivers(p, o, c->need);
  buf_puts(o, "## Considered Options\n\n- ");
  md(o, t->name);
  buf_puts(o, "\n");
  for (int i = 0; i < ntop; i++) {
    buf_puts(o, "- ");
    md(o, c->rejected[top[i]].name);
    buf_puts(o, "\n");
  }
  if (c->nrejected > ntop)
    buf_printf(o, "\n%d other candidates of the knowledge base rank lower (`plinth explain SPEC %.*s` lists them).\n",
               c->nrejected - ntop, STRF(c->need->slot));
  buf_puts(o, "\n## Decision Outcome\n\nChosen option: \"");
  md(o, t->name);
  buf_puts(o, "\", because it");
  if (c->nbecause) {
    buf_puts(o, " scores best on the plan's weighted criteria: ");
    for (int i = 0; i < c->nbecause; i++) {
      buf_puts(o, i ? "; " : "");
      md(o, c->because[i]);
    }
  } else
    buf_puts(o, " is the only candidate that meets every constraint");
  buf_puts(o, ".\n\n### Consequences\n\n");
  consequences(o, r->cons, r->ncons);
  buf_puts(o, "\n### Confirmation\n\n");
  buf_puts(o, "- `plinth plan SPEC -o DIR` keeps this record accepted while the spec and knowledge base support it; "
              "a changed choice writes a record that supersedes it\n");
  if (c->cost.usd > 0)
    buf_printf(o, "- the monthly bill for it stays near %s at today's load\n", fmt_usd(b, c->cost.usd));
  if (c->cost.sizing.n) {
    buf_puts(o, "- the deployed size matches the plan: ");
    md(o, c->cost.sizing);
    buf_puts(o, "\n");
  }
  buf_printf(o, "- a load test at %s requests a second keeps the p95 under the target\n\n",
             fmt_count(b, p->load.design_rps));
  buf_puts(o, "## Pros and Cons of the Options\n\n### ");
  md(o, t->name);
  buf_puts(o, "\n\n");
  if (t->summary.n) {
    md(o, t->summary);
    buf_puts(o, "\n\n");
  }
  for (int i = 0; i < c->nbecause; i++) {
    buf_puts(o, "- Good, because ");
    md(o, c->because[i]);
    buf_puts(o, "\n");
  }
  if (!c->nbecause)
    buf_puts(o, "- Good, because it meets every constraint of the slot\n");
  for (int i = 0; i < ntop; i++) {
    buf_puts(o, "\n### ");
    md(o, c->rejected[top[i]].name);
    buf_puts(o, "\n\n");
    because_it(o, c->rejected[top[i]].why);
  }
  buf_puts(o, "\n");
  more_info(p, o, r);
}

static void style_record(const Plan *p, const Adr *r, Buf *o) {
  const Model *m = p->model;
  front(o, &r->entry);
  buf_puts(o, "# Architecture style: ");
  md(o, p->style.choice);
  buf_puts(o, "\n\n## Context and Problem Statement\n\n");
  md(o, m->project.name);
  buf_printf(o, " has %d entit%s and %d feature%s.", m->nentities, m->nentities == 1 ? "y" : "ies", m->nfeatures,
             m->nfeatures == 1 ? "" : "s");
  project_context(p, o);
  buf_puts(o, " How should the code be divided into deployable units?\n\n");
  drivers(p, o, NULL);
  buf_puts(o, "## Considered Options\n\n");
  for (int i = 0; i < p->adr->nstyles; i++)
    buf_printf(o, "- %.*s\n", STRF(p->adr->styles[i].name));
  buf_puts(o, "\n## Decision Outcome\n\nChosen option: \"");
  md(o, p->style.choice);
  buf_puts(o, "\", because ");
  for (int i = 0; i < p->style.nbecause; i++) {
    buf_puts(o, i ? "; " : "");
    md(o, p->style.because[i]);
  }
  buf_puts(o, ".\n\n### Consequences\n\n");
  consequences(o, r->cons, r->ncons);
  buf_puts(o, "\n### Confirmation\n\n- `plinth plan SPEC` reports the same style after each change to the spec\n"
              "- the repository layout follows it: ");
  if (str_eqc(p->style.choice, "services"))
    buf_puts(o, "one deployable per service, each owning its data (services.yaml)\n");
  else if (str_eqc(p->style.choice, "serverless"))
    buf_puts(o, "one codebase, one function per endpoint or route group\n");
  else if (str_eqc(p->style.choice, "modular-monolith"))
    buf_puts(o, "one deployable, one module per area of the domain, no module reading another's tables\n");
  else
    buf_puts(o, "one codebase and one deployable\n");
  buf_puts(o, "\n## Pros and Cons of the Options\n\n");
  for (int i = 0; i < p->adr->nstyles; i++) {
    buf_printf(o, "### %.*s\n\n", STRF(p->adr->styles[i].name));
    consequences(o, p->adr->styles[i].cons, p->adr->styles[i].ncons);
    buf_puts(o, "\n");
  }
  more_info(p, o, r);
}

bool emit_adr_rewritten(const Plan *p, const char *path) {
  const AdrLedger *L = p->adr;
  Str dir = L && L->dir.n ? L->dir : S("adr");
  Str at = str_c(path);
  if (!L || !str_has_prefix(at, dir) || at.n <= dir.n || at.p[dir.n] != '/')
    return false;
  Str file = {at.p + dir.n + 1, at.n - dir.n - 1};
  for (int i = 0; i < L->nrewrite; i++)
    if (str_eq(L->rewrite[i].file, file))
      return true;
  return false;
}

static int by_number(const void *x, const void *y) {
  return (*(const AdrEntry *const *)x)->number - (*(const AdrEntry *const *)y)->number;
}

void emit_adrs(const Plan *p, OutFiles *out) {
  const AdrLedger *L = p->adr;
  if (!L)
    return;
  Buf path = {0};
  /* New and kept records, then rewritten old ones, all in number order. */
  int n = L->nadrs + L->nrewrite;
  const AdrEntry **order = malloc(sizeof *order * (size_t)(n ? n : 1));
  if (!order)
    abort();
  for (int i = 0; i < L->nadrs; i++)
    order[i] = &L->adrs[i].entry;
  for (int i = 0; i < L->nrewrite; i++)
    order[L->nadrs + i] = &L->rewrite[i];
  qsort(order, (size_t)n, sizeof *order, by_number);
  for (int i = 0; i < n; i++) {
    path.n = 0;
    buf_printf(&path, "%.*s/%.*s", STRF(L->dir), STRF(order[i]->file));
    buf_putc(&path, 0);
    Buf *o = outfiles_add(out, path.p);
    const Adr *r = NULL;
    for (int k = 0; k < L->nadrs && !r; k++)
      if (&L->adrs[k].entry == order[i])
        r = &L->adrs[k];
    if (!r)
      buf_str(o, order[i]->text);
    else if (r->choice)
      tech_record(p, r, o);
    else
      style_record(p, r, o);
  }
  free(order);
  path.n = 0;
  buf_printf(&path, "%.*s/index.txt", STRF(L->dir));
  buf_putc(&path, 0);
  Buf *ix = outfiles_add(out, path.p);
  buf_free(&path);
  buf_puts(ix, "# Decision records written by plinth plan -o: number, slot, choice, status, date, file (tab-separated).\n"
               "# Plinth reads this back to keep numbers stable; numbers are never reused.\n");
  for (int i = 0; i < L->nindex; i++) {
    const AdrEntry *e = &L->index[i];
    buf_printf(ix, "%04d\t%.*s\t%.*s\t%.*s\t%.*s\t%.*s\n", e->number, STRF(e->slot), STRF(e->choice), STRF(e->status),
               STRF(e->date), STRF(e->file));
  }
}
