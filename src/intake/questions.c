/* Questions for the draft (see draft.h): which assumptions the plan is
 * sensitive to, and what the text leaves open about the domain.
 *
 * The figure questions are computed: the draft is planned as `plinth plan`
 * would, then again with each assumed figure pushed down and up, and the
 * decisions that differ are counted. The domain questions are about what
 * the text left open (two words that may name one thing, who may see or
 * change what when several roles act, what a failed payment does); each
 * says what its answer changes in the draft, counted the same way (lines of
 * the spec and the decisions they carry), and all are ranked together. */
#include <math.h>
#include <string.h>

#include "../driver.h"
#include "draft.h"

/* ---- questions: which assumptions the plan is sensitive to ---- */

enum { MAX_SLOTS = 48 };

typedef struct {
  bool ok;
  Str style;
  Str slot[MAX_SLOTS], tech[MAX_SLOTS];
  int n;
  double usd;
} Summary;

static Str copy_str(Arena *a, Str s) {
  char *p = new(a, char, s.n + 1);
  if (s.n)
    memcpy(p, s.p, (size_t)s.n);
  return (Str){p, s.n};
}

/* Plans `spec` in an arena of its own and keeps what the questions
 * compare: the style and the technology of each slot. */
static Summary summarise(Arena *keep, const Kb *kb, Str spec, bool review) {
  Summary s = {0};
  Compilation c;
  driver_init(&c, NULL, NULL);
  c.kb = kb;
  driver_set_text(&c, "<draft>", spec);
  Plan *p = driver_plan_with(&c, &(DriveOpts){.depth = review ? DRIVE_WHOLE : DRIVE_BUILT, .quiet = true});
  /* `plinth check` also fails on the review's errors (a slot no
   * technology fills, a budget the stack cannot meet): so do we. */
  bool review_ok = true;
  for (int i = 0; p && review && i < p->nreview; i++)
    if (p->review[i].status == REVIEW_FAIL && p->review[i].severity == SEV_ERROR && p->review[i].span.len)
      review_ok = false;
  if (p && review_ok) {
    s.ok = true;
    s.style = copy_str(keep, p->style.choice);
    s.usd = p->monthly_usd;
    for (int i = 0; i < p->nchoices && s.n < MAX_SLOTS; i++) {
      s.slot[s.n] = copy_str(keep, p->choices[i].need->slot);
      s.tech[s.n] = p->choices[i].tech ? copy_str(keep, p->choices[i].tech->id) : S("none");
      s.n++;
    }
  }
  driver_free(&c);
  return s;
}

static Str tech_in(const Summary *s, Str slot) {
  for (int i = 0; i < s->n; i++)
    if (str_eq(s->slot[i], slot))
      return s->tech[i];
  return S("none");
}

/* The decisions that differ, as "database supabase -> aws-rds-postgresql". */
static int diff(Arena *a, const Summary *base, const Summary *v, Buf *out) {
  int n = 0;
  if (!str_eq(base->style, v->style)) {
    buf_printf(out, "style %.*s -> %.*s", STRF(base->style), STRF(v->style));
    n++;
  }
  for (int pass = 0; pass < 2; pass++) {
    const Summary *x = pass ? v : base, *y = pass ? base : v;
    for (int i = 0; i < x->n; i++) {
      Str other = tech_in(y, x->slot[i]);
      if (pass && !str_eqc(other, "none"))
        continue;   /* slots in both were compared in the first pass */
      if (str_eq(other, x->tech[i]))
        continue;
      if (n < 4)
        buf_printf(out, "%s%.*s %.*s -> %.*s", n ? "; " : "", STRF(x->slot[i]),
                   STRF(pass ? other : x->tech[i]), STRF(pass ? x->tech[i] : other));
      n++;
    }
  }
  (void)a;
  return n;
}

typedef struct {
  int fig;
  const char *ask;
  Vary v[3];
  int nv;
} Probe;


static Str vary_text(Arena *a, const Vary *v) {
  switch (v->fig) {
  case F_USERS: return str_printf(a, "%.0f users", v->v);
  case F_ACTIVE: return str_printf(a, "%.0f%% active a day", v->v);
  case F_PEAK: return str_printf(a, "a %gx peak", v->v);
  case F_BUDGET: return str_printf(a, "a budget of $%.0f/month", v->v);
  case F_P95: return str_printf(a, "a p95 of %.0f ms", v->v * 1000);
  case F_UPTIME: return str_printf(a, "%.10g%% availability", v->v);
  case F_TEAM: return str_printf(a, "a team of %.0f", v->v);
  case F_DEVICES: return str_printf(a, "%.0f devices", v->v);
  default: return str_printf(a, "a %.*s team", STRF(v->level));
  }
}


static const char *zstr(Arena *a, Buf *t) {
  char *p = new(a, char, t->n + 1);
  if (t->n)
    memcpy(p, t->p, (size_t)t->n);
  buf_free(t);
  return p;
}

/* Lines of the draft that name entity `name` as a word ("crud Cake",
 * "cake -> Cake", "Cake.file"). */
static int lines_naming(Str spec, Str name) {
  int n = 0;
  for (ptrdiff_t i = 0; i < spec.n;) {
    ptrdiff_t e = i;
    while (e < spec.n && spec.p[e] != '\n')
      e++;
    for (ptrdiff_t k = i; k + name.n <= e; k++)
      if (!memcmp(spec.p + k, name.p, (size_t)name.n) && (k == i || spec.p[k - 1] == ' ') &&
          (k + name.n == e || spec.p[k + name.n] == ' ' || spec.p[k + name.n] == '.' || spec.p[k + name.n] == '{')) {
        n++;
        break;
      }
    i = e + 1;
  }
  return n;
}

/* What the text leaves open about the domain. */
static int domain_questions(Arena *a, const Draft *d, Str spec, Finding *out, int max) {
  int n = 0;
  /* two things that may be one: a word for an act ("booking") kept apart
   * from another timed thing, or two timed things of one kind */
  for (int i = 0; i < d->nents && n < max; i++) {
    const DEnt *x = &d->ents[i];
    if (x->added || dr_kind_is(x, "person") || dr_kind_is(x, "reading") || !dr_field_typed(x, "timestamp").n)
      continue;
    for (int k = i + 1; k < d->nents && n < max; k++) {
      const DEnt *y = &d->ents[k];
      bool act = (x->noun && x->noun->nacts) || (y->noun && y->noun->nacts);
      bool kin = x->noun && y->noun && str_eq(x->noun->kind, y->noun->kind) && str_eqc(x->kind, "event");
      if (y->added || !dr_field_typed(y, "timestamp").n || !(act || kin))
        continue;
      const DEnt *gone = x->noun && x->noun->nacts ? x : y;
      const DEnt *keep = gone == x ? y : x;
      Buf t = {0};
      buf_printf(&t, "Is %s %.*s the same thing as %s %.*s", dr_article(gone->name),
                 STRF(gone->name), dr_article(keep->name), STRF(keep->name));
      Buf c = {0};
      buf_printf(&c, "if so, entity %.*s merges into %.*s with its table, endpoints and features", STRF(gone->name),
                 STRF(keep->name));
      out[n++] = (Finding){zstr(a, &t), lines_naming(spec, gone->name), str_printf(a, "%.*s", (int)c.n, c.p), {0}, true};
      buf_free(&c);
    }
  }
  /* who may see or change what, when several roles act */
  int roles = 0, owned = 0, first_owned = -1;
  for (int i = 0; i < d->nents; i++) {
    roles += dr_kind_is(&d->ents[i], "person") && (d->ents[i].actor || d->ents[i].principal);
    if (!d->ents[i].principal && dr_owned(d, i) && !dr_kind_is(&d->ents[i], "person") &&
        !dr_kind_is(&d->ents[i], "reading") && !dr_kind_is(&d->ents[i], "device")) {
      owned++;
      if (first_owned < 0)
        first_owned = i;
    }
  }
  if (roles >= 2 && first_owned >= 0 && n < max) {
    Buf t = {0};
    buf_printf(&t, "Who may see and change %s %.*s: only the %.*s who owns it, or the other roles too",
               dr_article(d->ents[first_owned].name), STRF(d->ents[first_owned].name),
               STRF(d->ents[d->principal].name));
    out[n++] = (Finding){zstr(a, &t), owned,
                         str_printf(a, "owner-only on the crud of %d entit%s, and the roles allowed to write them",
                                    owned, owned == 1 ? "y" : "ies"),
                         {0}, true};
  }
  /* payments */
  if (d->provider.n && n < max) {
    /* the paid record: one the payer owns that carries an amount (an
     * Order's total, not a Cart), else the main record */
    int m = -1;
    for (int i = 0; i < d->nents && m < 0; i++)
      if (!d->ents[i].principal && !dr_kind_is(&d->ents[i], "person") && dr_owned(d, i) &&
          dr_field_typed(&d->ents[i], "money").n)
        m = i;
    if (m < 0)
      m = dr_main_ent(d);
    Buf t = {0};
    buf_printf(&t, "What happens when a payment fails: retry it, cancel the %.*s, or let it through and chase it later",
               STRF(m >= 0 ? d->ents[m].name : S("order")));
    out[n++] = (Finding){zstr(a, &t), 2,
                         S("a payment status on the paid record, and a retry job driven by the provider's webhooks"),
                         {0}, true};
  }
  return n;
}

int questions_ask(Arena *a, const Kb *kb, const Draft *d, Str base_text, Buf *b, Finding *top, int max) {
  Summary base = summarise(a, kb, base_text, false);
  if (!base.ok)
    return -1;
  bool g;
  double users = dr_fig(d, NULL, F_USERS, 1000, &g);
  double team = dr_fig(d, NULL, F_TEAM, 2, &g);
  Str level = d->level_given ? d->level : S("mid");
  Probe probes[] = {
    {F_USERS, "How many users will it have", {{F_USERS, floor(users / 10) < 10 ? 10 : floor(users / 10), {0}}, {F_USERS, users * 10, {0}}, {F_USERS, users * 100, {0}}}, 3},
    {F_ACTIVE, "What share of the users is active on a typical day", {{F_ACTIVE, 5, {0}}, {F_ACTIVE, 60, {0}}}, 2},
    {F_PEAK, "How much busier than average is the busiest hour", {{F_PEAK, 1.5, {0}}, {F_PEAK, 10, {0}}}, 2},
    {F_BUDGET, "What may it cost to run each month", {{F_BUDGET, 25, {0}}, {F_BUDGET, 20000, {0}}}, 2},
    {F_P95, "How fast must a request be answered (p95)", {{F_P95, 0.1, {0}}, {F_P95, 1, {0}}}, 2},
    {F_UPTIME, "How much downtime can it afford", {{F_UPTIME, 99, {0}}, {F_UPTIME, 99.99, {0}}}, 2},
    {F_TEAM, "How many developers will build it", {{F_TEAM, 1, {0}}, {F_TEAM, team < 8 ? 10 : team * 3, {0}}}, 2},
    {F_COUNT_, "How experienced is the team",
     {{F_COUNT_, 0, str_eqc(level, "junior") ? S("mid") : S("junior")}, {F_COUNT_, 0, str_eqc(level, "senior") ? S("mid") : S("senior")}}, 2},
  };
  Finding found[16];
  int nf = 0;
  for (size_t k = 0; k < sizeof probes / sizeof *probes; k++) {
    const Probe *pr = &probes[k];
    bool given = pr->fig == F_COUNT_ ? d->level_given : d->f[pr->fig].given;
    if (pr->fig == F_USERS && d->active_count)
      given = true;
    if (given)
      continue;
    Finding best = {pr->ask, 0, {0}, {0}, false};
    for (int i = 0; i < pr->nv; i++) {
      Buf t = {0};
      dr_render(a, d, &pr->v[i], &t);
      Summary s = summarise(a, kb, buf_view(&t), false);
      buf_free(&t);
      if (!s.ok)
        continue;
      Buf ch = {0};
      int n = diff(a, &base, &s, &ch);
      if (n > best.flips) {
        best.flips = n;
        best.changes = copy_str(a, buf_view(&ch));
        best.at = vary_text(a, &pr->v[i]);
      }
      buf_free(&ch);
    }
    if (best.flips)
      found[nf++] = best;
  }
  nf += domain_questions(a, d, base_text, found + nf, 16 - nf);
  /* most flips first; ties keep the probe order */
  for (int i = 1; i < nf; i++)
    for (int j = i; j > 0 && found[j].flips > found[j - 1].flips; j--) {
      Finding t = found[j];
      found[j] = found[j - 1];
      found[j - 1] = t;
    }
  int nq = nf < max ? nf : max;
  (void)zstr;
  buf_puts(b, "\n# Questions whose answers would change the plan most. Plinth planned this draft\n"
              "# again with each assumed figure pushed down and up, and read what the text\n"
              "# leaves open about the domain; ranked by how much each answer changes:\n");
  for (int i = 0; i < nq; i++) {
    top[i] = found[i];
    if (found[i].domain)
      buf_printf(b, "# %d. %s? The answer changes %d line%s of the draft: ", i + 1, found[i].ask, found[i].flips,
                 found[i].flips == 1 ? "" : "s");
    else
      buf_printf(b, "# %d. %s? With %.*s the plan changes %d decision%s: ", i + 1, found[i].ask,
                 STRF(found[i].at), found[i].flips, found[i].flips == 1 ? "" : "s");
    buf_str(b, found[i].changes);
    buf_puts(b, ".\n");
  }
  if (!nq)
    buf_puts(b, "# None: no assumed figure flips a decision when pushed down or up, so the plan\n"
                "# holds; check the assumed lines above all the same.\n");
  return nq;
}


bool questions_plans(Arena *a, const Kb *kb, Str spec, bool review) { return summarise(a, kb, spec, review).ok; }
