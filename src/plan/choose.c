/* Choice: one technology per needed slot, with its reasons.
 *
 * Hard constraints first: the slot, an acceptable family, every required
 * capability, the project's cloud (or a technology that runs anywhere), for
 * the code stack a shared language with the chosen runtime, and viability at
 * the design load (cost.c). Then a weighted score, lower is better, over what
 * remains:
 *
 *   cost     (monthly cost + the people to run it) / the       weight 3
 *            dearest candidate's monthly cost, or a quarter of
 *            the budget or the least whole cost when more
 *   burden   operational burden (1-5) / 5       weight 2; 4 for juniors, 1 for seniors
 *            (one more for a self-hosted part inside a compliance scope;
 *            plus the cloud's VM burden for a compute that cannot run
 *            the stack's self-hosted parts)
 *   skills   0 when the team names the technology itself, 0.5 when only
 *            the ground it stands on (cloud, language), else 1
 *                                                  weight 2; 4 with `prefer existing`
 *   lock-in  lock-in (1-5) / 5                                 weight 1
 *   hosting  position of its hosting in `prefer` / list size   weight 1
 *   vendor   1 for a managed service outside the chosen cloud  weight 1; 2 in a
 *            (another account, another bill, egress      compliance scope
 *            between providers)
 *   latency  its published p95 (the planning default hop when nothing
 *            is published) plus, for a compute, the cold starts
 *            latency.c adds at this load, / the spec's p95 target
 *            (capped at 1)                                   weight 1
 *            A candidate that misses a stated target so counted loses
 *            to one that meets it at a cost the budget holds.
 *   headroom the design load / its published limit (writes for a database,
 *            concurrent executions for functions; capped at 1)  weight 1
 *
 * The people to run it are money: the engineering time a part the team
 * runs itself needs a month (kb/planning.kb `figures operations`: a share
 * of an administrator per node, the share of a DBA's part a provider would
 * take over, doubled from the on-call target; at least a rotation's
 * floor for the first self-run store at 99.99%), at engineer-month. Without
 * a `prefer` line the hosting criterion ranks every hosting alike: a fixed
 * point against self-hosting would count that time again, whatever the
 * size (beside Reddit's bill, hundreds of thousands of dollars). The burden
 * grade keeps its weight: it says what money cannot, how hard a part is to
 * run well (a junior team's weight is 4).
 *
 * A `priorities` list puts weight on its first entry: cost doubles the cost
 * weight, simplicity the burden weight; a budget under $200 a month doubles
 * the cost weight too. The code stack weighs skills 4 and cost 0: libraries
 * are free, and a team writes fastest in what it knows.
 *
 * The cloud is chosen once for the whole stack (the spec's `cloud`, else the
 * one in the team's skills, else AWS) so the choices fit together; slots are
 * chosen in the order needs.c lists them, so the language is known before
 * the framework, ORM and libraries that must share it.
 *
 * Every other technology of the slot is recorded as rejected, with the
 * constraint it failed or the score part where it lost most. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/fmt.h"
#include "core.h"
#include "chooseint.h"
#include "explain.h"

static bool has_word(const Word *w, int n, const char *z) {
  for (int i = 0; i < n; i++)
    if (str_eqc(w[i].word, z))
      return true;
  return false;
}

static bool has_word_str(const Word *w, int n, Str z) {
  for (int i = 0; i < n; i++)
    if (str_eq(w[i].word, z))
      return true;
  return false;
}

static bool has_str(const Str *s, int n, Str z) {
  for (int i = 0; i < n; i++)
    if (str_eq(s[i], z))
      return true;
  return false;
}

static Str primary_cloud(const Project *pr) {
  static const char *const clouds[] = {"aws", "gcp", "azure"};
  for (int i = 0; i < pr->nclouds; i++)
    if (!str_eqc(pr->clouds[i].word, "any"))
      return pr->clouds[i].word; /* "self-hosted": only what runs anywhere qualifies */
  for (int k = 0; k < 3; k++)
    if (has_word(pr->skills, pr->nskills, clouds[k]))
      return str_c(clouds[k]);
  return S("aws");
}

/* Slots whose libraries must be written for the chosen language. A load
 * generator drives the API from outside, in whatever language it scripts. */
static bool code_slot(Str slot) {
  static const char *const code[] = {"framework", "orm", "authlib", "validation", "testing", "lint", "logging", 0};
  for (int i = 0; code[i]; i++)
    if (str_eqc(slot, code[i]))
      return true;
  return false;
}

/* Does the spec or the team name the stack's cloud (rather than AWS being
 * assumed)? */
static bool cloud_named(const Plan *p) {
  const Project *pr = &p->model->project;
  return has_word_str(pr->clouds, pr->nclouds, p->cloud) || has_word_str(pr->skills, pr->nskills, p->cloud);
}

/* The compute is the stack's home: a platform of another provider than the
 * stack's cloud, named or assumed (Fly.io, Render, Heroku, DigitalOcean,
 * Hetzner's machines, even where they run on that cloud), would put every
 * store, queue and cache of that cloud across the internet from the code
 * that calls it, and the ones reachable only inside its network
 * (ElastiCache, a private RDS) out of reach. What the team runs itself on
 * the cloud's machines (k3s) stays home. */
static bool compute_abroad(const Plan *p, const Need *n, const Tech *t) {
  if (!str_eqc(n->slot, "compute") || str_eqc(p->cloud, "self-hosted"))
    return false;
  /* Heroku's dynos run on AWS, but outside the account's network */
  Str v = plan_vendor(t);
  return v.n && !str_eq(v, p->cloud);
}

/* The checks that depend only on the need, the technology and the
 * project (family, capabilities, cloud, self-hosting, data residency): the
 * same in every rescaled copy. */
/* A slot of delivery services nobody runs for themselves: the message
 * services (email, text messages, push), and with `cdn` the CDN too. */
static bool delivery_slot(const Need *n, bool cdn) {
  return str_eqc(n->slot, "email") || str_eqc(n->slot, "sms") || str_eqc(n->slot, "push") ||
         (cdn && str_eqc(n->slot, "cdn"));
}

/* Whether `t` may serve a stack on the plan's cloud. A message service is
 * an API reached over the internet from anywhere: another cloud's is
 * another vendor, not out of reach. */
static bool on_cloud(const Plan *p, const Need *n, const Tech *t) {
  if (has_str(t->clouds, t->nclouds, p->cloud) || has_str(t->clouds, t->nclouds, S("any")))
    return true;
  return delivery_slot(n, false);
}

static bool fits_need(const Plan *p, const Need *n, const Tech *t) {
  if (n->nfamilies && !has_str(n->families, n->nfamilies, t->family))
    return false;
  for (int i = 0; i < n->ncaps; i++)
    if (!has_str(t->caps, t->ncaps, n->caps[i]))
      return false;
  if (!on_cloud(p, n, t))
    return false;
  if (str_eqc(p->cloud, "self-hosted") && !delivery_slot(n, true) && !str_eqc(t->hosting, "self-hosted") &&
      !str_eqc(t->hosting, "library") && !str_eqc(t->hosting, "tool"))
    return false;
  if (compute_abroad(p, n, t))
    return false;
  return !(p->area.n && t->nregions && !has_str(t->regions, t->nregions, p->area));
}

/* The framework a library of the code stack is part of: the framework
 * record whose first skill is the library's first skill; NULL: none. */
static const Tech *framework_of(const Plan *p, const Tech *t) {
  int nf = 0;
  const Tech *const *fws = kb_slot(p->kb, S("framework"), &nf);
  for (int i = 0; t->nskills && !str_eqc(t->slot, "framework") && i < nf; i++)
    if (fws[i]->nskills && str_eq(fws[i]->skills[0], t->skills[0]))
      return fws[i];
  return NULL;
}

/* What ruled_out reads of a slot whatever the candidate, found once for
 * the slot's candidates (choose_one). */
typedef struct {
  signed char *known;        /* the copies' verdicts per technology (verdicts_for), or NULL */
  struct SlotRules *rules;   /* the slot's rules */
  bool database, code;       /* the database slot; a slot of the code stack */
  bool named_set, named;     /* slot_named for the technologies of named_slot */
  Str named_slot;
} SlotView;

/* Why `t` cannot fill `n`, or an empty Str when it can. `v` may be NULL.
 * Its `known`, in a rescaled copy, remembers per technology for this
 * need: 1 fits_need, 2 does not, 3 fits and no compatibility rule can
 * bind it. */
static Str ruled_out(Arena *a, const Plan *p, const Need *n, const Tech *t, const Tech *language, SlotView *v) {
  /* A rescaled copy only needs the verdict: one marker instead of a text. */
  static const Str out = {"x", 1};
  signed char *known = v ? v->known : NULL;
  if (p->quiet) {
    ptrdiff_t ti = t - p->kb->techs;
    signed char *k = known && ti >= 0 && ti < p->kb->ntechs ? &known[ti] : NULL;
    if (k && !*k)
      *k = !fits_need(p, n, t) ? 2 : plan_rules_may_bind(a, p, n, t) ? 1 : 3;
    if (k ? *k == 2 : !fits_need(p, n, t))
      return out;
  }
  /* The same checks with their texts (a copy has passed them above). */
  if (!p->quiet) {
    if (n->nfamilies && !has_str(n->families, n->nfamilies, t->family))
      return n->nfamilies > 1 ? str_printf(a, "is %.*s; this slot needs %.*s or another of %d kinds", STRF(t->family),
                                           STRF(n->families[0]), n->nfamilies - 1)
                              : str_printf(a, "is %.*s; this slot needs %.*s", STRF(t->family), STRF(n->families[0]));
    for (int i = 0; i < n->ncaps; i++)
      if (!has_str(t->caps, t->ncaps, n->caps[i]))
        return str_printf(a, "lacks %.*s, which the %.*s slot needs: it %.*s", STRF(n->caps[i]), STRF(n->slot),
                          STRF(n->reason));
    if (!on_cloud(p, n, t))
      return str_printf(a, "not offered on %.*s, the cloud this stack is built on", STRF(p->cloud));
    /* `cloud self-hosted`: everything on servers the team runs, except
     * delivery services nobody runs for themselves. */
    if (str_eqc(p->cloud, "self-hosted") && !delivery_slot(n, true) && !str_eqc(t->hosting, "self-hosted") &&
        !str_eqc(t->hosting, "library") && !str_eqc(t->hosting, "tool"))
      return str_printf(a, "%.*s, and the spec runs everything on servers the team operates", STRF(t->hosting));
    if (compute_abroad(p, n, t))
      return str_printf(a, "runs outside %.*s, the cloud the %s: every store, queue and cache would be a "
                           "provider away from the code that calls it, and those reachable only inside %.*s's network "
                           "out of reach",
                        STRF(p->cloud),
                        has_word_str(p->model->project.clouds, p->model->project.nclouds, p->cloud) ? "spec names"
                        : cloud_named(p)                                                            ? "team names"
                                                                      : "stack is built on (no cloud named)",
                        STRF(p->cloud));
  }
  if ((v ? v->database : str_eqc(n->slot, "database")) && str_eqc(t->hosting, "library")) {
    /* An embedded database lives on the app's own disk: one server, kept. */
    const Choice *compute = NULL;
    for (int i = 0; i < p->nchoices && p->choices[i].need; i++)
      if (str_eqc(p->choices[i].need->slot, "compute"))
        compute = &p->choices[i];
    if (compute && compute->tech && (!str_eqc(compute->tech->family, "vm") || compute->cost.instances > 1))
      return str_printf(a, "embedded: it needs the app on one server with a persistent disk, and %.*s is not that",
                        STRF(compute->tech->name));
  }
  /* Data residency: a service that lists its areas must serve the spec's. */
  if (!p->quiet && p->area.n && t->nregions && !has_str(t->regions, t->nregions, p->area))
    return str_printf(a, "keeps customer data only in %.*s%s, and the spec's region is in %.*s", STRF(t->regions[0]),
                      t->nregions > 1 ? " and a few other areas" : "", STRF(p->area));
  for (int i = 0; i < p->nexcluded; i++)
    if (p->excluded[i] == t)
      return p->quiet ? out : p->excluded_why[i];
  /* 3: no rule of the slot can bind this technology (it has every
   * capability they require) */
  ptrdiff_t ti = t - p->kb->techs;
  bool free_of_rules = p->quiet && known && ti >= 0 && ti < p->kb->ntechs && known[ti] == 3;
  Str rule = free_of_rules ? (Str){0} : plan_rule_violation_in(a, p, n, t, v ? v->rules : NULL);
  if (rule.n)
    return rule;
  if (language && (v ? v->code : code_slot(n->slot))) {
    bool shared = false;
    for (int i = 0; i < t->nskills && !shared; i++)
      shared = has_str(language->skills, language->nskills, t->skills[i]);
    if (!shared)
      return p->quiet ? out : str_printf(a, "not for %.*s, the language chosen", STRF(language->name));
    /* A library that is part of a framework (its first skill is the
     * framework's own: django for the Django ORM) goes only with it. */
    const Tech *fw = framework_of(p, t), *chosen = fw ? plan_tech(p, "framework") : NULL;
    if (fw && chosen && chosen != fw)
      return p->quiet ? out : str_printf(a, "part of %.*s, and the framework chosen is %.*s", STRF(fw->name), STRF(chosen->name));
  }
  return (Str){0};
}

static bool slot_matches(const Need *n, const Tech *t) {
  return str_eq(t->slot, n->slot) || (str_eqc(n->slot, "stream") && str_eqc(t->slot, "queue")) ||
         (str_eqc(n->slot, "events") && str_eqc(t->slot, "database"));
}

/* Technologies the team writes in its language (the code stack, load
 * scripts, infrastructure as code in a general-purpose language): knowing
 * the language is knowing them. */
static bool written_in_language(const Tech *t) {
  return code_slot(t->slot) || str_eqc(t->slot, "language") || str_eqc(t->slot, "loadtest") ||
         str_eqc(t->slot, "iac");
}

/* A skill the team names fits a technology in one of two ways. It names
 * the technology or its operating model: the first skill of its record
 * (kubernetes for EKS, cassandra for Cassandra, postgresql for RDS for
 * PostgreSQL). Or it names the ground the technology stands on: a later
 * skill of the record (kubernetes for Traefik), the cloud, a programming
 * language, or a skill of `vocab broad-skills` (docker, linux, sql).
 * Knowing AWS or Go is not knowing how to run ECS or Lambda, so outside
 * the code stack such a match counts half (docs/decisions.md). */
static bool language_skill(const Plan *p, Str skill) {
  int nl = 0;
  const Tech *const *langs = kb_slot(p->kb, S("language"), &nl);
  for (int i = 0; i < nl; i++)
    for (int k = 0; k < langs[i]->nskills; k++)
      if (str_ieq(langs[i]->skills[k], skill))
        return true;
  return false;
}

static bool broad_skill(const Plan *p, Str skill) {
  static const char *const clouds[] = {"aws", "gcp", "azure", 0};
  for (int i = 0; clouds[i]; i++)
    if (str_eqc(skill, clouds[i]))
      return true;
  const KbRecord *broad = kb_record(p->kb, "vocab", S("broad-skills"));
  for (int i = 0; broad && i < broad->nitems; i++)
    if (str_ieq(broad->items[i].key, skill))
      return true;
  return language_skill(p, skill);
}

/* Whether a compute names a runtime of the language that `skill` names:
 * a skill of a language record that `t` lists too. */
static bool runs_language(const Plan *p, const Tech *t, Str skill) {
  int nl = 0;
  const Tech *const *langs = kb_slot(p->kb, S("language"), &nl);
  for (int i = 0; i < nl; i++) {
    if (!has_str(langs[i]->skills, langs[i]->nskills, skill))
      continue;
    for (int k = 0; k < langs[i]->nskills; k++)
      if (has_str(t->skills, t->nskills, langs[i]->skills[k]))
        return true;
  }
  return false;
}

/* Each team skill by its lexicon name: the `skill` record whose words
 * hold it (postgres and psql are postgresql, k8s is kubernetes, golang is
 * go), else the word as written. */
static Str *skill_names(Arena *a, const Plan *p) {
  const Project *pr = &p->model->project;
  Str *out = new(a, Str, pr->nskills + 1);
  for (int k = 0; k < pr->nskills; k++) {
    out[k] = pr->skills[k].word;
    for (int r = 0; r < p->kb->nrecs && str_eq(out[k], pr->skills[k].word); r++) {
      const KbRecord *rec = &p->kb->recs[r];
      if (rec->kindid != KIND_SKILL)
        continue;
      for (int i = 0; i < rec->nitems; i++)
        if (str_eqc(rec->items[i].key, "words"))
          for (int w = 0; w < rec->items[i].nvals; w++)
            if (str_ieq(rec->items[i].vals[w].text, pr->skills[k].word))
              out[k] = rec->id;
    }
  }
  return out;
}

/* The team's skill k as the knowledge base names it. */
static Str team_skill_word(const Plan *p, int k) {
  return p->skill_canon ? p->skill_canon[k] : p->model->project.skills[k].word;
}

/* The team's skill that matches `t`, a specific one first; NULL when
 * none does. *specific says which kind it is. */
static const Tech *skill_match(const Plan *p, const Tech *t, Str *which, bool *specific) {
  const Project *pr = &p->model->project;
  const Tech *hit = NULL;
  *specific = false;
  for (int i = 0; i < t->nskills && !*specific; i++)
    for (int k = 0; k < pr->nskills; k++)
      if (str_ieq(t->skills[i], pr->skills[k].word) || str_ieq(t->skills[i], team_skill_word(p, k))) {
        bool sp = i == 0 && (!broad_skill(p, team_skill_word(p, k)) || str_eqc(t->slot, "language"));
        if (!hit || sp) {
          *which = pr->skills[k].word;
          *specific = sp;
        }
        hit = t;
        break;
      }
  /* A platform that runs containers runs code in every language: the
   * team's language fits it as well as it fits the functions that name it.
   * Functions run the languages of their runtimes: a team that writes
   * TypeScript knows Lambda's node runtime (the language record's skills
   * name both). */
  if (!hit && str_eqc(t->slot, "compute"))
    for (int k = 0; k < pr->nskills && !hit; k++) {
      if (!language_skill(p, team_skill_word(p, k)))
        continue;
      if (has_str(t->caps, t->ncaps, S("containers")) || runs_language(p, t, team_skill_word(p, k))) {
        *which = pr->skills[k].word;
        hit = t;
      }
    }
  return hit;
}

static const Tech *skill_hit(const Plan *p, const Tech *t, Str *which) {
  bool specific;
  return skill_match(p, t, which, &specific);
}

/* skill_match's verdict, remembered per technology for the plan and its
 * rescaled copies (the team does not change with the load): 1 none of the
 * team's skills, 2 a specific one, 3 only a broad one. */
static int team_skill(const Plan *p, const Tech *t) {
  ptrdiff_t i = t - p->kb->techs;
  Str which;
  bool specific;
  if (!p->skilled || i < 0 || i >= p->kb->ntechs)
    return !skill_match(p, t, &which, &specific) ? 1 : specific ? 2 : 3;
  if (!p->skilled[i])
    p->skilled[i] = (signed char)(!skill_match(p, t, &which, &specific) ? 1 : specific ? 2 : 3);
  return p->skilled[i];
}

/* Whether the team names a technology of t's slot by its own name (Django
 * for the framework): then knowing the language alone is half the fit. */
static bool slot_named(const Plan *p, const Tech *t) {
  int nt = 0;
  const Tech *const *ts = kb_slot(p->kb, t->slot, &nt);
  for (int i = 0; i < nt; i++)
    if (team_skill(p, ts[i]) == 2)
      return true;
  return false;
}

/* slot_named, remembered in `v` (may be NULL) for the technologies of one
 * slot: it reads only the slot and the team. */
static bool slot_named_in(const Plan *p, const Tech *t, SlotView *v) {
  if (v && v->named_set && str_eq(v->named_slot, t->slot))
    return v->named;
  bool named = slot_named(p, t);
  if (v)
    v->named_set = true, v->named_slot = t->slot, v->named = named;
  return named;
}

static bool team_knows(const Plan *p, const Tech *t) {
  return team_skill(p, t) >= 2;
}

static double hosting_rank(const Project *pr, const Tech *t) {
  /* No preference stated: the work of self-hosting is in the cost. */
  if (!pr->nprefer)
    return 0;
  for (int i = 0; i < pr->nprefer; i++) {
    Str w = pr->prefer[i].word;
    bool hit = str_eq(w, t->hosting) || (str_eqc(w, "managed") && (str_eqc(t->hosting, "serverless") ||
                                                                    str_eqc(t->hosting, "saas"))) ||
               (str_eqc(w, "open-source") && str_eqc(t->hosting, "self-hosted"));
    if (hit)
      return (double)i / pr->nprefer;
  }
  return str_eqc(t->hosting, "library") || str_eqc(t->hosting, "tool") ? 0 : 1;
}

typedef struct {
  double w[SC_COUNT_];
  bool in_scope;   /* a compliance rule puts the slot in its scope */
} Weights;

static Weights weights(const Project *pr, const Need *n, bool budget_tight) {
  Weights w = {{[SC_COST] = 3, [SC_BURDEN] = 2, [SC_SKILLS] = 2, [SC_LOCKIN] = 1, [SC_HOSTING] = 1, [SC_VENDOR] = 1,
                [SC_LATENCY] = 1, [SC_HEADROOM] = 1}, .in_scope = false};
  if (pr->level == LVL_JUNIOR)
    w.w[SC_BURDEN] = 4;
  else if (pr->level == LVL_SENIOR)
    w.w[SC_BURDEN] = 1;
  if (has_word(pr->prefer, pr->nprefer, "existing"))
    w.w[SC_SKILLS] = 4;
  if (pr->npriorities) {
    Str top = pr->priorities[0].word;
    if (str_eqc(top, "cost"))
      w.w[SC_COST] *= 2;
    else if (str_eqc(top, "simplicity") || str_eqc(top, "speed") || str_eqc(top, "time-to-market"))
      w.w[SC_BURDEN] *= 2;
  }
  if (budget_tight)
    w.w[SC_COST] *= 2;
  if (code_slot(n->slot) || str_eqc(n->slot, "language") || str_eqc(n->slot, "loadtest")) {
    w.w[SC_COST] = 0;
    w.w[SC_SKILLS] = 4;
    w.w[SC_LATENCY] = w.w[SC_HEADROOM] = 0;
  }
  if (pr->npriorities && str_eqc(pr->priorities[0].word, "performance"))
    w.w[SC_LATENCY] *= 2;
  if (pr->npriorities && str_eqc(pr->priorities[0].word, "scalability"))
    w.w[SC_HEADROOM] *= 2;
  return w;
}

/* What a candidate's cost is measured against: the dearest candidate's,
 * or a quarter of the monthly budget when that is more, so a difference
 * that is a small part of what the project can spend does not buy
 * operational burden or a second vendor. */
static double cost_scale(const Plan *p, double dearest) {
  const Project *pr = &p->model->project;
  if (!pr->has_budget) {
    /* Without a budget, money is weighed against the dearest candidate,
     * but never against more than the team costs a month: beside an option
     * dearer still, a difference of salaries is not a rounding error. */
    double team = (pr->team > 0 ? pr->team : 1) * plan_figure(p, "budget", "engineer-month", 15700);
    return dearest > team ? team : dearest;
  }
  double budget = pr->budget * (p->budget_scale > 0 ? p->budget_scale : 1);
  return fmax(dearest, budget * plan_figure(p, "budget", "cost-reference-share", 0.25));
}

/* Can this compute run the stack's self-hosted parts beside the API:
 * containers that stay up (Kubernetes, ECS, VMs), not functions or
 * containers that live per request? */
static bool hosts_parts(const Tech *t) {
  return has_str(t->caps, t->ncaps, S("containers")) && has_str(t->caps, t->ncaps, S("long-running"));
}

/* The burden of the cloud's own virtual machines: what running servers
 * beside a serverless compute costs the team. */
static int vm_burden(const Plan *p) {
  int n = 0;
  const Tech *const *list = kb_slot(p->kb, S("compute"), &n);
  for (int i = 0; i < n; i++)
    if (str_eqc(list[i]->family, "vm") && has_str(list[i]->clouds, list[i]->nclouds, p->cloud))
      return list[i]->burden;
  return 4;
}

/* The engineering time `c` needs a month and its cost (kb/planning.kb
 * `figures operations`): only for what the team runs itself, since a
 * provider's service leaves the team the work every option needs alike
 * (schema, queries, access). A self-run part takes the share of a DBA's
 * part (1 / parts-per-engineer) that a provider would take over
 * (provider-share), oncall-factor times that from oncall-from, when its
 * failures cannot wait for working hours; and each node it runs
 * 1 / nodes-per-engineer of an administrator. A relational store the
 * application shards, whoever hosts it, takes `sharded-engineers` more
 * for its routing, resharding and cross-shard queries. Those shares are
 * a fleet's; the first store (database, events) a team runs itself from
 * `rotation-from` has the rotation's floor (`oncall-floor`): someone is
 * always on call for its data, whatever the fleet. A self-run store of a
 * slot chosen earlier has started that rotation already. */
static bool is_store(const Need *n) { return str_eqc(n->slot, "database") || str_eqc(n->slot, "events"); }

static void operations(const Plan *p, const Need *n, Costed *c) {
  c->ops_engineers = c->ops_usd = 0;
  if (plan_routed_shards(c) > 1)
    c->ops_engineers = plan_figure(p, "operations", "sharded-engineers", 1.5);
  if (str_eqc(c->tech->hosting, "self-hosted")) {
    double part = plan_figure(p, "operations", "provider-share", 0.375) /
                  plan_figure(p, "operations", "parts-per-engineer", 40);
    double target = p->model->project.availability;
    bool oncall = target >= plan_figure(p, "operations", "oncall-from", 0.999) - 1e-12;
    if (oncall)
      part *= plan_figure(p, "operations", "oncall-factor", 2);
    double nodes = c->instances > 1 ? c->instances : 1;
    double own = part + nodes / plan_figure(p, "operations", "nodes-per-engineer", 100);
    /* the slots chosen before this one, as when the plan chose it */
    bool first = true, store = is_store(n);
    for (int i = 0; i < p->nchoices && first && p->choices[i].need != n; i++)
      first = !p->choices[i].tech || !is_store(p->choices[i].need) ||
              !str_eqc(p->choices[i].tech->hosting, "self-hosted");
    if (first && store && target >= plan_figure(p, "operations", "rotation-from", 0.9999) - 1e-12)
      own = fmax(own, plan_figure(p, "operations", "oncall-floor", 0.25));
    c->ops_engineers += own;
  }
  c->ops_usd = c->ops_engineers * plan_figure(p, "budget", "engineer-month", 15700);
}

/* The shards of a relational store the application routes to (its own
 * sharding, not a store that spreads its data itself), or 0. */
int plan_routed_shards(const Costed *c) {
  return c->tech && c->topo.set && str_eqc(c->tech->family, "relational") && c->topo.shards > 1 ? c->topo.shards : 0;
}

/* What a candidate costs in the score: its bill and its people. */
static double owned_usd(const Costed *c) { return c->usd + c->ops_usd; }

/* "0.05 engineer", "1.4 engineers", "28 engineers" (buf of 32). */
char *plan_engineers_fmt(char *buf, double e) {
  if (e >= 10)
    snprintf(buf, 32, "%.0f engineers", e);
  else if (e >= 1)
    snprintf(buf, 32, "%.1f engineer%s", e, e >= 1.05 ? "s" : "");
  else
    /* two places when one would round away a quarter */
    snprintf(buf, 32, e >= 0.095 && fabs(e * 10 - round(e * 10)) < 0.01 ? "%.1f engineer" : "%.2f engineer", e);
  return buf;
}

static Str engineers_text(Arena *a, double e) {
  char b[32];
  return str_printf(a, "%s", plan_engineers_fmt(b, e));
}

/* What `c` costs, said whole: "$3.00 a month", or for a part the team
 * runs "$59.57 a month of servers plus 0.03 engineer to run them ($471)". */
static Str owned_text(Arena *a, const Costed *c) {
  char b1[32], b2[32];
  if (c->ops_usd <= 0)
    return str_printf(a, "%s a month", fmt_usd(b1, c->usd));
  int shards = plan_routed_shards(c);
  Str route = shards ? str_printf(a, " and route their %d shards", shards) : S("");
  return str_printf(a, "%s a month of servers plus %.*s to run them%.*s (%s)", fmt_usd(b1, c->usd),
                    STRF(engineers_text(a, c->ops_engineers)), STRF(route), fmt_usd(b2, c->ops_usd));
}

/* A managed service of another vendor than the stack's cloud (what the
 * team runs itself, libraries and tools belong to no vendor). */
static bool other_vendor(const Plan *p, const Costed *c) {
  const Tech *t = c->tech;
  return c->other_vendor || (!has_str(t->clouds, t->nclouds, p->cloud) && !str_eqc(t->hosting, "self-hosted") &&
                             !str_eqc(t->hosting, "library") && !str_eqc(t->hosting, "tool"));
}

/* The slot's weights. Under a compliance regime whose rules put the slot
 * in scope (HIPAA's business associates, PCI DSS's cardholder-data
 * environment), another vendor is also another agreement to sign and
 * another party to assess (45 CFR 164.308(b), PCI DSS v4 requirement
 * 12.8): the vendor weight doubles. And a part the team runs itself there
 * carries the controls a provider's attestation would (hardening, patches
 * within a month, scans: PCI DSS v4 requirements 2, 6.3, 11.3; the HIPAA
 * Security Rule's technical safeguards): its burden counts one more. */
static Weights slot_weights(Arena *a, const Plan *p, const Need *n, struct SlotRules *rules) {
  Weights w = weights(&p->model->project, n, plan_budget_tight(p));
  w.in_scope = plan_slot_agreement_in(a, p, n->slot, rules).n > 0;
  if (w.in_scope)
    w.w[SC_VENDOR] *= 2;
  return w;
}

/* What `t` adds to the request path's p95: its published p95 (the
 * planning hop when none) and, for a compute, the cold starts latency.c
 * prints for it at this load. */
static double own_p95(const Plan *p, const Tech *t) {
  double add50, add95;
  plan_cold_starts(p, t, &add50, &add95);
  return tech_value(t, KEY_LATENCY, "p95", plan_figure(p, "network", "hop-default-p95", 0.005)) + add95;
}

/* Own hops of p95 `p95` miss the p95 target the spec states (the default
 * target weighs only in the latency criterion). */
static bool past_target(const Plan *p, double p95) {
  const Project *pr = &p->model->project;
  return pr->src.latency[PCT_P95].set && pr->latency[PCT_P95] > 0 && p95 > pr->latency[PCT_P95] + 1e-12;
}

/* `t`'s own hops miss the p95 target the spec states. */
static bool misses_target(const Plan *p, const Tech *t) {
  const Project *pr = &p->model->project;
  return pr->src.latency[PCT_P95].set && pr->latency[PCT_P95] > 0 && past_target(p, own_p95(p, t));
}

/* A candidate of own p95 `p95` that meets the p95 target at a cost the
 * budget holds (any cost without a budget): one that misses the target
 * loses to it. */
static bool meets_in_budget(const Plan *p, const Costed *c, double p95) {
  const Project *pr = &p->model->project;
  double budget = pr->budget * (p->budget_scale > 0 ? p->budget_scale : 1);
  return !past_target(p, p95) && (!pr->has_budget || owned_usd(c) <= budget);
}

/* `p95`: own_p95 of the candidate's technology; `v`, its slot's view or
 * NULL. */
static void score(const Plan *p, const Weights *w, Costed *c, double dearest, double p95, SlotView *v) {
  const Tech *t = c->tech;
  const Project *pr = &p->model->project;
  double scale = cost_scale(p, dearest);
  c->parts[SC_COST] = w->w[SC_COST] * (scale > 0 ? owned_usd(c) / scale : 0);
  c->burden = t->burden + (w->in_scope && str_eqc(t->hosting, "self-hosted") && t->burden < 5 ? 1 : 0);
  c->parts[SC_BURDEN] = w->w[SC_BURDEN] * c->burden / 5.0;
  /* The stack's self-hosted parts run on servers: a compute that cannot
   * run them (functions, request-driven containers) leaves the team a
   * second platform, the cloud's virtual machines, to run them on. */
  c->second_platform = p->hosted_parts.n && str_eqc(t->slot, "compute") && !hosts_parts(t);
  if (c->second_platform)
    c->parts[SC_BURDEN] += w->w[SC_BURDEN] * vm_burden(p) / 5.0;
  /* A broad match (the cloud, the language) counts half outside the code
   * stack, whose libraries the language is the whole skill for. */
  int sk = team_skill(p, t);
  bool code = written_in_language(t);
  /* A language itself is known only by its own name: Java is not Kotlin. */
  bool lang = str_eqc(t->slot, "language");
  c->skill_fit = sk == 2 || (sk == 3 && code && !lang && !slot_named_in(p, t, v)) ? 2 : sk == 3 ? 1 : 0;
  c->parts[SC_SKILLS] = w->w[SC_SKILLS] * (c->skill_fit == 2 ? 0 : c->skill_fit == 1 ? 0.5 : 1);
  c->parts[SC_LOCKIN] = w->w[SC_LOCKIN] * t->lockin / 5.0;
  c->parts[SC_HOSTING] = w->w[SC_HOSTING] * hosting_rank(pr, t);
  /* Another vendor than the stack's cloud: another contract, bill,
   * console and network path (its egress is in the cost already). */
  c->parts[SC_VENDOR] = w->w[SC_VENDOR] * (other_vendor(p, c) ? 1 : 0);
  double target = pr->latency[PCT_P95] > 0 ? pr->latency[PCT_P95] : 0.3;
  c->parts[SC_LATENCY] = w->w[SC_LATENCY] * fmin(1, p95 / target);
  double use = 0;
  const KbFact *lw = tech_fact(t, KEY_LIMIT, "writes"), *lc = tech_fact(t, KEY_LIMIT, "concurrency");
  double design_writes = p->load.writes_per_s * pr->peak * p->load.margin;
  if (lw && lw->value > 0)
    use = design_writes / lw->value;
  else if (lc && lc->value > 0)
    use = p->load.design_rps * plan_figure(p, "compute", "function-duration", 0.1) / lc->value;
  c->parts[SC_HEADROOM] = w->w[SC_HEADROOM] * fmin(1, use);
  c->score = 0;
  for (int k = 0; k < SC_COUNT_; k++)
    c->score += c->parts[k];
}

/* Why a viable candidate lost to the chosen one: its largest deficit. */
static Str lost_because(Arena *a, const Plan *p, const Costed *c, const Costed *win) {
  int worst = -1;
  double gap = 0;
  for (int k = 0; k < SC_COUNT_; k++)
    if (c->parts[k] - win->parts[k] > gap + 1e-9)
      gap = c->parts[k] - win->parts[k], worst = k;
  const Tech *t = c->tech, *w = win->tech;
  char b1[32], b2[32];
  Str which;
  if (misses_target(p, t) && !misses_target(p, w)) {
    double add50, add95;
    plan_cold_starts(p, t, &add50, &add95);
    return str_printf(a, "its own hops miss the p95 target of %s (p95 %s%s), while %.*s meets it within the budget",
                      fmt_ms(b1, p->model->project.latency[PCT_P95]), fmt_ms(b2, own_p95(p, t)),
                      add95 > 0 ? " with its cold starts" : "", STRF(w->name));
  }
  switch (worst) {
  case SC_COST:
    if (c->ops_usd > 0 || win->ops_usd > 0)
      return str_printf(a, "costs %.*s at this load, against %.*s", STRF(owned_text(a, c)), STRF(owned_text(a, win)));
    return str_printf(a, "costs %s a month at this load against %s", fmt_usd(b1, c->usd), fmt_usd(b2, win->usd));
  case SC_BURDEN:
    if (c->second_platform)
      return str_printf(a, "cannot run the stack's self-hosted %.*s, which would need servers of their own beside "
                           "it (burden %d of 5 on top of its %d); %.*s runs them",
                        STRF(p->hosted_parts), vm_burden(p), t->burden, STRF(w->name));
    return str_printf(a, "more to operate (burden %d of 5 against %d%s) for a %s team", c->burden, win->burden,
                      c->burden > t->burden ? ", one more for running it inside the compliance scope" : "",
                      team_level_name(p->model->project.level));
  case SC_SKILLS: {
    Str own;
    if (team_skill(p, t) == 3 && skill_hit(p, t, &own) && skill_hit(p, w, &which))
      return str_printf(a, "the team knows %.*s, not %.*s itself, while %.*s matches its %.*s", STRF(own),
                        STRF(t->name), STRF(w->name), STRF(which));
    return skill_hit(p, w, &which)
               ? str_printf(a, "the team lists none of its skills, while %.*s matches its %.*s", STRF(w->name),
                            STRF(which))
               : S("the team lists none of its skills");
  }
  case SC_LOCKIN:
    return str_printf(a, "more lock-in (%d of 5 against %d)", t->lockin, w->lockin);
  case SC_HOSTING:
    return str_printf(a, "%.*s, lower in the spec's preference order than %.*s", STRF(t->hosting), STRF(w->hosting));
  case SC_VENDOR:
    return c->vendor_usd > 0.005
               ? str_printf(a, "another vendor outside %.*s: a second contract, bill and console, %s a month of internet "
                               "egress and a cross-provider hop on every query",
                            STRF(p->cloud), fmt_usd(b1, c->vendor_usd))
               : str_printf(a, "another vendor outside %.*s: a second contract, bill, console and network path",
                            STRF(p->cloud));
  case SC_LATENCY:
    return str_printf(a, "adds more latency to the request path (p95 %s against %s)", fmt_ms(b1, own_p95(p, t)),
                      fmt_ms(b2, own_p95(p, w)));
  case SC_HEADROOM:
    return S("less headroom at the design load: it would run closer to its published limit");
  default:
    return str_printf(a, "scores no better than %.*s on any criterion", STRF(w->name));
  }
}

/* A chosen service of another vendor says what that costs (another
 * contract, bill and console; its egress; under a compliance regime
 * another agreement) and what outweighed it: the criterion where it gained
 * most on the best candidate in the stack's own cloud. */
static void vendor_reason(Arena *a, const Plan *p, Choice *ch) {
  const Costed *c = &ch->cost, *home = NULL;
  for (int k = 0; k < ch->ncandidates; k++) {
    const Costed *cd = &ch->candidates[k];
    if ((cd->viable || cd->unfamiliar) && cd->tech != c->tech && !other_vendor(p, cd) &&
        (!home || cd->score < home->score))
      home = cd;
  }
  static const char *const part[SC_COUNT_] = {"cost", "operational burden", "the team's skills", "lock-in",
                                              "the preferred hosting", "staying with one vendor", "latency",
                                              "headroom"};
  int k = -1;
  double gap = 0;
  for (int q = 0; home && q < SC_COUNT_; q++)
    if (home->parts[q] - c->parts[q] > gap + 1e-9)
      gap = home->parts[q] - c->parts[q], k = q;
  char b1[32], b2[32];
  Str agreement = plan_slot_agreement(a, p, ch->need->slot);
  Str cost = str_printf(a, "another vendor than %.*s: a second contract, bill and console%s%s%s", STRF(p->cloud),
                        c->vendor_usd > 0.005 ? str_printf(a, ", %s a month of internet egress", fmt_usd(b1, c->vendor_usd)).p : "",
                        agreement.n ? ", and another " : "",
                        !agreement.n ? "" : str_eqc(agreement, "hipaa-eligible") ? "business associate agreement" : "PCI DSS service provider to assess");
  Str why = !home ? str_printf(a, "no service of %.*s meets every constraint", STRF(p->cloud))
            : k == SC_COST && home->ops_usd > 0
                ? str_printf(a, "outweighed by its cost: %s a month against %.*s for %.*s", fmt_usd(b1, c->usd),
                             STRF(owned_text(a, home)), STRF(home->tech->name))
            : k == SC_COST ? str_printf(a, "outweighed by its cost: %s a month against %s for %.*s", fmt_usd(b1, c->usd),
                                        fmt_usd(b2, home->usd), STRF(home->tech->name))
            : k >= 0 ? str_printf(a, "outweighed by %s against %.*s", part[k], STRF(home->tech->name))
                     : str_printf(a, "kept against %.*s", STRF(home->tech->name));
  Str *b = new(a, Str, ch->nbecause + 1);
  memcpy(b, ch->because, sizeof(Str) * (size_t)ch->nbecause);
  b[ch->nbecause++] = str_printf(a, "%.*s; %.*s", STRF(cost), STRF(why));
  ch->because = b;
}

/* The two or three facts that decided the choice. */
static void reasons(Arena *a, const Plan *p, Choice *ch, int nviable) {
  const Costed *c = &ch->cost;
  const Tech *t = ch->tech;
  Str *b = new(a, Str, 6);
  int n = 0;
  char b1[32];
  Str which;
  if (c->parts[SC_COST] > 0 || c->usd > 0) {
    b[n++] = c->sizing.n ? str_printf(a, "%s a month at this load (%.*s)", fmt_usd(b1, c->usd), STRF(c->sizing))
                         : str_printf(a, "%s a month at this load", fmt_usd(b1, c->usd));
    if (c->ops_usd > 0) {
      char b2[32];
      int shards = plan_routed_shards(c);
      Str route = shards ? str_printf(a, " and route its %d shards", shards) : S("");
      b[n - 1] = str_printf(a, "%.*s, plus %.*s a month to run it%.*s (%s at %s an engineer-month)", STRF(b[n - 1]),
                            STRF(engineers_text(a, c->ops_engineers)), STRF(route), fmt_usd(b1, c->ops_usd),
                            fmt_usd(b2, plan_figure(p, "budget", "engineer-month", 15700)));
    }
  }
  bool specific;
  if (skill_match(p, t, &which, &specific))
    b[n++] = specific || written_in_language(t)
                 ? str_printf(a, "the team already knows %.*s", STRF(which))
                 : str_printf(a, "the team knows %.*s, though not %.*s itself", STRF(which), STRF(t->name));
  if (t->burden <= 2 && n < 4)
    b[n++] = str_eqc(t->hosting, "library") || str_eqc(t->hosting, "tool")
                 ? str_printf(a, "little to build and run (burden %d of 5)", t->burden)
                 : str_printf(a, "%.*s: little to operate (burden %d of 5)", STRF(t->hosting), t->burden);
  if (p->hosted_parts.n && str_eqc(t->slot, "compute") && n < 5)
    b[n++] = c->second_platform
                 ? str_printf(a, "the self-hosted %.*s run on servers beside it, a second platform to operate",
                              STRF(p->hosted_parts))
                 : str_printf(a, "runs the stack's self-hosted %.*s beside the API, on one platform",
                              STRF(p->hosted_parts));
  if (nviable == 1 && n < 5)
    b[n++] = S("the only candidate that meets every constraint");
  ch->because = b;
  ch->nbecause = n;
  if (other_vendor(p, c))
    vendor_reason(a, p, ch);
}

/* The technologies chosen so far, as a hash: a price may read the choices
 * made before it (cost.c bills one NAT gateway for the first store in the
 * VPC of a functions compute), so a kept price is used only under the same
 * ones. */
static uint64_t choices_sig(const Plan *p) {
  uint64_t h = 1469598103934665603u;
  for (int i = 0; i < p->nchoices; i++) {
    h ^= (uint64_t)(uintptr_t)(p->choices ? p->choices[i].tech : NULL);
    h *= 1099511628211u;
  }
  return h ^ (uint64_t)p->nchoices;
}

static bool same_strs(const Str *x, int nx, const Str *y, int ny) {
  if (nx != ny)
    return false;
  for (int i = 0; i < nx; i++)
    if (!str_eq(x[i], y[i]))
      return false;
  return true;
}

/* The verdicts of the plan's need equal to `n`, or NULL. */
static signed char *verdicts_for(const Plan *p, const Need *n) {
  const struct Verdicts *v = p->verdicts;
  for (int i = 0; v && p->quiet && i < v->nneeds; i++) {
    const Need *m = &v->needs[i];
    if (str_eq(m->slot, n->slot) && same_strs(m->families, m->nfamilies, n->families, n->nfamilies) &&
        same_strs(m->caps, m->ncaps, n->caps, n->ncaps))
      return &v->known[(ptrdiff_t)i * v->ntechs];
  }
  return NULL;
}

static Costed price(Arena *a, Plan *p, const Need *n, const Tech *tech, struct PriceNeed *pn) {
  struct PriceMemo *m = p->prices;
  if (m && !m->at) {
    /* The first copy sets the shape; the others make the same needs. */
    m->nneeds = p->nneeds;
    m->ntechs = p->kb->ntechs;
    m->at = new(&m->arena, int, (ptrdiff_t)m->nneeds * m->ntechs + 1);
    m->cap = 2 * m->ntechs + 16;
    m->e = new_unzeroed(&m->arena, Costed, m->cap);   /* entry k is written before it is read */
    m->sig = new(&m->arena, uint64_t, m->cap);
  }
  ptrdiff_t ni = n - p->needs, ti = tech - p->kb->techs;
  if (!m || m->nneeds != p->nneeds || ni < 0 || ni >= m->nneeds || ti < 0 || ti >= m->ntechs)
    return plan_price_with(a, p, tech, pn);
  int *slot = &m->at[ni * m->ntechs + ti];
  uint64_t sig = choices_sig(p);
  if (*slot && m->sig[*slot - 1] == sig)
    return m->e[*slot - 1];
  /* Nearly out of room: priced in the copy's arena, unshared. */
  if (m->arena.end - m->arena.beg < ((ptrdiff_t)1 << 20) || (!*slot && m->n == m->cap))
    return plan_price_with(a, p, tech, pn);
  int k = *slot ? *slot - 1 : m->n++;   /* under other choices: priced again, in its place */
  m->e[k] = plan_price_with(&m->arena, p, tech, pn);
  m->sig[k] = sig;
  *slot = k + 1;
  return m->e[k];
}

static void choose_one(Arena *a, Plan *p, Choice *ch, const Tech *language) {
  const Need *n = ch->need;
  const Project *pr = &p->model->project;
  bool pinned = pr->src.npins || pr->src.navoid;   /* else plan_pins_apply changes nothing */
  SlotView view = {.known = verdicts_for(p, n), .rules = plan_slot_rules(a, p, n->slot),
                   .database = str_eqc(n->slot, "database"), .code = code_slot(n->slot)};
  Weights w = slot_weights(a, p, n, view.rules);
  /* The slot's technologies (a stream also takes queue technologies). */
  const Tech *const *list[2];
  int nlist[2] = {0, 0};
  /* The events slot takes the stores of the database slot. */
  list[0] = kb_slot(p->kb, str_eqc(n->slot, "events") ? S("database") : n->slot, &nlist[0]);
  list[1] = str_eqc(n->slot, "stream") ? kb_slot(p->kb, S("queue"), &nlist[1]) : NULL;
  ch->candidates = new_unzeroed(a, Costed, nlist[0] + nlist[1]);   /* each assigned below */
  struct PriceNeed *pn = NULL;   /* made for the first candidate priced */
  double dearest = 0, least = -1;
  for (int t = 0; t < nlist[0] + nlist[1]; t++) {
    const Tech *tech = t < nlist[0] ? list[0][t] : list[1][t - nlist[0]];
    Str out = ruled_out(a, p, n, tech, language, &view);
    /* A copy keeps a candidate it rules out only for a `use` or `avoid`
     * line to find: all else it reads of its candidates is of the viable
     * ones (and those set aside as unfamiliar), in the same order. */
    if (out.n && p->quiet) {
      if (pinned)
        ch->candidates[ch->ncandidates++] = (Costed){.tech = tech};
      continue;
    }
    Costed *c = &ch->candidates[ch->ncandidates++];
    if (out.n)
      *c = (Costed){.tech = tech, .viable = false, .why_not = out};
    else {
      if (!pn)
        pn = plan_price_need(a, p, n);
      *c = price(a, p, n, tech, pn);
      operations(p, n, c);
    }
    if (c->viable && c->usd > dearest)
      dearest = c->usd;
    if (c->viable && (least < 0 || owned_usd(c) < least))
      least = owned_usd(c);
  }
  /* Money is weighed against the dearest bill, or against the least any
   * candidate costs whole when that is more: where every candidate is run
   * by the team, the people are most of what each costs. */
  dearest = fmax(dearest, least);
  /* `prefer existing` first: when the team already knows a candidate that
   * qualifies, the ones it does not know are out. */
  if (pr->nprefer && str_eqc(pr->prefer[0].word, "existing")) {
    bool familiar = false;
    for (int c = 0; c < ch->ncandidates && !familiar; c++)
      familiar = ch->candidates[c].viable && team_knows(p, ch->candidates[c].tech);
    for (int c = 0; familiar && c < ch->ncandidates; c++) {
      Costed *cd = &ch->candidates[c];
      if (cd->viable && !team_knows(p, cd->tech)) {
        cd->viable = false;
        cd->unfamiliar = true; /* the budget may still call on it */
        cd->why_not = p->quiet ? S("existing") : S("new to the team, and the spec prefers the stack it already knows");
      }
    }
  }
  /* The spec's `use` and `avoid` lines (pins.c). */
  plan_pins_apply(a, p, ch);
  const Costed *best = NULL;
  int nviable = 0;
  bool meets = false;
  double *p95 = new_unzeroed(a, double, ch->ncandidates);   /* set for the viable ones */
  for (int c = 0; c < ch->ncandidates; c++) {
    Costed *cd = &ch->candidates[c];
    if (!cd->viable)
      continue;
    nviable++;
    if (pinned)
      operations(p, n, cd);   /* a pin re-prices its candidate */
    p95[c] = own_p95(p, cd->tech);
    score(p, &w, cd, dearest, p95[c], &view);
    meets |= meets_in_budget(p, cd, p95[c]);
  }
  for (int c = 0; c < ch->ncandidates; c++) {
    const Costed *cd = &ch->candidates[c];
    if (cd->viable && !(meets && past_target(p, p95[c])) && (!best || cd->score < best->score - 1e-9))
      best = cd;
  }
  if (!best) {
    /* Nothing qualifies: every candidate is rejected with its reason, so
     * the decision says what to relax. */
    if (!p->quiet) {
      ch->rejected = new(a, Rejected, ch->ncandidates);
      for (int c = 0; c < ch->ncandidates; c++)
        ch->rejected[ch->nrejected++] = (Rejected){ch->candidates[c].tech->id, ch->candidates[c].why_not, ch->candidates[c].tech->name};
    }
    return;
  }
  ch->tech = best->tech;
  ch->cost = *best;
  if (p->quiet)
    return;
  reasons(a, p, ch, nviable);
  /* A near tie is said, with what broke it. */
  const Costed *second = NULL;
  for (int c = 0; c < ch->ncandidates; c++) {
    const Costed *cd = &ch->candidates[c];
    if (cd->viable && cd != best && (!second || cd->score < second->score))
      second = cd;
  }
  if (second && best->score > 0 && (second->score - best->score) <= 0.1 * best->score && ch->nbecause < 5) {
    int k = -1;
    double gap = 0;
    for (int q = 0; q < SC_COUNT_; q++)
      if (second->parts[q] - best->parts[q] > gap)
        gap = second->parts[q] - best->parts[q], k = q;
    static const char *const part[SC_COUNT_] = {"cost", "operational burden", "the team's skills", "lock-in",
                                                "the preferred hosting", "staying with one vendor", "latency",
                                                "headroom"};
    Str *b = new(a, Str, ch->nbecause + 1);
    memcpy(b, ch->because, sizeof(Str) * (size_t)ch->nbecause);
    b[ch->nbecause++] = str_printf(a, "within 10%% of %.*s (score %.2f against %.2f); the tie-breaker: %s",
                                   STRF(second->tech->name), best->score, second->score, k >= 0 ? part[k] : "order in the knowledge base");
    ch->because = b;
  }
  ch->rejected = new(a, Rejected, ch->ncandidates);
  for (int c = 0; c < ch->ncandidates; c++) {
    const Costed *cd = &ch->candidates[c];
    if (cd->tech == best->tech)
      continue;
    ch->rejected[ch->nrejected++] =
        (Rejected){cd->tech->id, cd->viable ? lost_because(a, p, cd, best) : cd->why_not, cd->tech->name};
  }
}

/* The budget binds. While the stack costs more than it, the slot where the
 * cheapest candidate that meets every constraint saves the most takes that
 * candidate, and the decision says why. Compute and language stay: the
 * other choices were made to fit them. */
void plan_fit_budget(Arena *a, Plan *p) {
  const Project *pr = &p->model->project;
  if (!pr->has_budget)
    return;
  double budget = pr->budget * (p->budget_scale > 0 ? p->budget_scale : 1);
  if (p->monthly_usd <= budget + 1e-9)
    return;
  /* A budget no swap can reach is the finding, not a reason to trade
   * burden, vendors or skills for part of the overrun: when the cheapest
   * qualifying candidate of every slot still costs more than the budget,
   * the first choices stay and the estimate reports the overrun. */
  double floor = p->bills_usd;
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *ch = &p->choices[i];
    double low = ch->cost.usd;
    bool fixed = !ch->tech || str_eqc(ch->need->slot, "compute") || str_eqc(ch->need->slot, "language");
    for (int k = 0; !fixed && k < ch->ncandidates; k++)
      if ((ch->candidates[k].viable || ch->candidates[k].unfamiliar) && ch->candidates[k].usd < low)
        low = ch->candidates[k].usd;
    floor += low;
  }
  if (floor > budget + 1e-9) {
    if (!p->quiet) {
      char b1[32], b2[32], b3[32];
      char b4[32];
      Str bills = p->bills_usd > 0 ? str_printf(a, ", %s of it the spec's integrations' bills", fmt_usd(b4, p->bills_usd))
                                   : S("");
      plan_assume(a, p, "stack.budget",
                  "the stack costs %s a month against a %s budget, and no choice of the slots can reach it (the "
                  "cheapest qualifying technology of every slot still costs %s%.*s): the first choices are kept, "
                  "and the budget or the scope must change",
                  fmt_usd(b1, p->monthly_usd), fmt_usd(b2, budget), fmt_usd(b3, floor), STRF(bills));
    }
    return;
  }
  /* A swap must save a material part of the budget: another vendor for a
   * few cents closes no gap worth its contract and console. */
  double least = budget * plan_figure(p, "budget", "swap-min-share", 0.01);
  for (int round = 0; round < p->nchoices && p->monthly_usd > budget + 1e-9; round++) {
    Choice *best = NULL;
    const Costed *to = NULL;
    double save = fmax(0, least - 1e-9);
    for (int i = 0; i < p->nchoices; i++) {
      Choice *ch = &p->choices[i];
      if (!ch->tech || str_eqc(ch->need->slot, "compute") || str_eqc(ch->need->slot, "language") ||
          !ch->ncandidates)
        continue;
      for (int k = 0; k < ch->ncandidates; k++) {
        const Costed *cd = &ch->candidates[k];
        /* The budget outranks familiarity: a candidate set aside only as
         * new to the team still counts here. */
        if ((cd->viable || cd->unfamiliar) && cd->tech != ch->tech && ch->cost.usd - cd->usd > save + 1e-9)
          save = ch->cost.usd - cd->usd, best = ch, to = cd;
      }
    }
    if (!best)
      break;
    const Tech *old = best->tech;
    double old_usd = best->cost.usd;
    best->tech = to->tech;
    best->cost = *to;
    best->cost.viable = true;
    best->cost.unfamiliar = false;
    p->monthly_usd -= save;
    if (p->quiet)
      continue;
    char b1[32], b2[32];
    reasons(a, p, best, 2);
    Str *because = new(a, Str, best->nbecause + 1);
    because[0] = str_printf(a, "the %s budget: %.*s, the first choice, costs %s a month here", fmt_usd(b1, budget),
                            STRF(old->name), fmt_usd(b2, old_usd));
    for (int k = 0; k < best->nbecause; k++)
      because[k + 1] = best->because[k];
    best->because = because;
    best->nbecause++;
    for (int k = 0; k < best->nrejected; k++)
      for (int q = 0; q < best->ncandidates; q++) {
        const Costed *cd = &best->candidates[q];
        if (cd->unfamiliar && cd->tech != to->tech && str_eq(best->rejected[k].option, cd->tech->id))
          best->rejected[k].why = str_printf(a, "also new to the team, and costs %s a month against %s for %.*s",
                                             fmt_usd(b1, cd->usd), fmt_usd(b2, to->usd), STRF(to->tech->name));
      }
    for (int k = 0; k < best->nrejected; k++)
      if (str_eq(best->rejected[k].option, to->tech->id))
        best->rejected[k] = (Rejected){old->id, str_printf(a, "over the budget: %s a month against %s for %.*s",
                                                           fmt_usd(b1, old_usd), fmt_usd(b2, to->usd),
                                                           STRF(to->tech->name)),
                                       old->name};
  }
}

/* The area of the spec's first region: the part before '-' when the
 * knowledge base knows it as an area (eu-west -> eu), else the whole word. */
static Str region_area(Arena *a, Plan *p) {
  const Project *pr = &p->model->project;
  if (!pr->nregions)
    return (Str){0};
  Str w = pr->regions[0].word;
  Str head = w;
  for (ptrdiff_t i = 0; i < w.n; i++)
    if (w.p[i] == '-') {
      head.n = i;
      break;
    }
  const KbRecord *areas = kb_record(p->kb, "vocab", S("areas"));
  for (int i = 0; areas && i < areas->nitems; i++)
    if (str_ieq(areas->items[i].key, head) || str_ieq(areas->items[i].key, w))
      return areas->items[i].key;
  if (!p->quiet)
    plan_assume(a, p, "stack.region", "region %.*s is not an area the knowledge base knows, so data residency is not checked",
                STRF(w));
  return (Str){0};
}

/* One technology per need, in need order (the code stack's libraries
 * follow the language chosen before them). */
static void choose_all(Arena *a, Plan *p) {
  p->choices = new(a, Choice, p->nneeds);
  p->nchoices = p->nneeds;
  p->monthly_usd = plan_bills(a, p);   /* the integrations' bills, whatever the slots */
  const Tech *language = NULL, *compute = NULL;
  plan_base_facts(a, p);
  for (int i = 0; i < p->nneeds; i++) {
    Choice *ch = &p->choices[i];
    ch->need = &p->needs[i];
    if (str_eqc(ch->need->slot, "gateway") && compute && str_eqc(compute->family, "paas")) {
      /* A platform as a service routes requests itself: no second router. */
      ch->tech = compute;
      ch->cost = (Costed){.tech = compute, .viable = true};
      ch->because = new(a, Str, 1);
      ch->because[ch->nbecause++] =
          str_printf(a, "%.*s terminates TLS and routes requests itself; a load balancer in front would be a "
                        "second router to a platform it cannot reach directly",
                     STRF(compute->name));
      int k = 0;
      for (int t = 0; t < p->kb->ntechs; t++)
        k += slot_matches(ch->need, &p->kb->techs[t]);
      ch->rejected = new(a, Rejected, k);
      for (int t = 0; t < p->kb->ntechs; t++)
        if (slot_matches(ch->need, &p->kb->techs[t]))
          ch->rejected[ch->nrejected++] =
              (Rejected){p->kb->techs[t].id, str_printf(a, "not needed: %.*s routes requests itself", STRF(compute->name)),
                         p->kb->techs[t].name};
      continue;
    }
    choose_one(a, p, ch, language);
    if (str_eqc(ch->need->slot, "compute"))
      compute = ch->tech;
    if (str_eqc(ch->need->slot, "language"))
      language = ch->tech;
    if (ch->tech)
      plan_choice_fact(a, p, ch->need, ch->tech);
    p->monthly_usd += ch->cost.usd;
  }
}

/* Every slot chosen, before the budget is fitted. */
static void choose_stack(Arena *a, Plan *p) {
  const Project *pr = &p->model->project;
  if (!p->skilled)
    p->skilled = new(a, signed char, p->kb->ntechs + 1);
  if (!p->skill_canon)
    p->skill_canon = skill_names(a, p);
  p->cloud = primary_cloud(pr);
  p->area = region_area(a, p);
  bool named = false;
  for (int i = 0; i < pr->nclouds; i++)
    named |= str_eq(pr->clouds[i].word, p->cloud);
  for (int i = 0; i < pr->nskills; i++)
    named |= str_eq(pr->skills[i].word, p->cloud);
  if (!named)
    plan_assume(a, p, "stack.cloud", "the stack is built on AWS: neither the spec nor the team's skills name a cloud");
  /* The stack is chosen jointly: when the compute chosen first leaves a
   * later slot with no candidate (a compatibility rule it triggers rules
   * them all out), that compute is set aside and every slot is chosen
   * again, up to four times; the first stack that fills every slot wins,
   * else the first one made. */
  /* The stack kept when none fills every slot: the one that leaves the
   * fewest slots empty (the first of those), so a slot that no compute can
   * fill (an sms provider under HIPAA) does not keep a compute that empties
   * another one (functions with no priced front door). */
  Choice *first = NULL;
  double first_usd = 0;
  int first_empty = 0, first_excluded = 0;
  for (;;) {
    choose_all(a, p);
    const Choice *empty = NULL, *compute = NULL;
    int nempty = 0;
    for (int i = 0; i < p->nchoices; i++) {
      if (str_eqc(p->choices[i].need->slot, "compute"))
        compute = &p->choices[i];
      else if (!p->choices[i].tech && !nempty++)
        empty = &p->choices[i];
    }
    if (empty && (!first || nempty < first_empty)) {
      first = p->choices;
      first_usd = p->monthly_usd;
      first_empty = nempty;
      first_excluded = p->nexcluded;
    }
    if (!empty || !compute || !compute->tech || p->nexcluded == 4)
      break;
    p->excluded[p->nexcluded] = compute->tech;
    Str rule = {0};
    const Tech *hit = NULL;
    /* name a candidate that only a compatibility rule rules out */
    for (int k = 0; k < empty->ncandidates && !rule.n && !p->quiet; k++) {
      hit = empty->candidates[k].tech;
      rule = plan_rule_violation(a, p, empty->need, hit);
      if (!str_eq(rule, empty->candidates[k].why_not))
        rule = (Str){0};
    }
    p->excluded_why[p->nexcluded] =
        p->quiet ? S("x")
        : rule.n ? str_printf(a, "with it no technology can fill the %.*s slot: %.*s, for one, %.*s",
                              STRF(empty->need->slot), STRF(hit->name), STRF(rule))
                 : str_printf(a, "with it no technology can fill the %.*s slot", STRF(empty->need->slot));
    p->nexcluded++;
  }
  bool filled = true;
  for (int i = 0; i < p->nchoices; i++)
    filled &= p->choices[i].tech != NULL;
  if (!filled && first && first != p->choices) {
    p->choices = first;
    p->monthly_usd = first_usd;
    p->nexcluded = first_excluded;
    plan_base_facts(a, p);
    for (int i = 0; i < p->nchoices; i++)
      if (p->choices[i].tech)
        plan_choice_fact(a, p, p->choices[i].need, p->choices[i].tech);
  }
}

/* The self-hosted parts of the stack chosen (servers the team runs:
 * Keycloak, Cassandra, a proxy), named, when its compute cannot run them;
 * else an empty Str. */
static Str stranded_parts(Arena *a, const Plan *p) {
  const Choice *compute = NULL;
  int n = 0;
  for (int i = 0; i < p->nchoices; i++)
    if (str_eqc(p->choices[i].need->slot, "compute"))
      compute = &p->choices[i];
  if (!compute || !compute->tech || hosts_parts(compute->tech) || str_eqc(p->cloud, "self-hosted"))
    return (Str){0};
  Str names = {0};
  for (int i = 0; i < p->nchoices; i++) {
    const Tech *t = p->choices[i].tech;
    if (!t || t == compute->tech || !str_eqc(t->hosting, "self-hosted"))
      continue;
    names = p->quiet ? S("x") : n ? str_printf(a, "%.*s, %.*s", STRF(names), STRF(t->name)) : t->name;
    n++;
  }
  return names;
}

/* Chosen jointly with the compute: when the stack holds self-hosted parts
 * its compute cannot run, the stack is chosen again knowing that a compute
 * without servers then brings a second platform. */
void plan_choose_joint(Arena *a, Plan *p) {
  p->hosted_parts = (Str){0};
  choose_stack(a, p);
  Str parts = stranded_parts(a, p);
  if (parts.n) {
    p->hosted_parts = parts;
    p->nexcluded = 0;
    choose_stack(a, p);
  }
}

void plan_choose(Arena *a, Plan *p) {
  plan_choose_joint(a, p);
  plan_fit_budget(a, p);
}

/* ---- comparing two technologies ---- */

Comparison plan_compare(Arena *a, Plan *p, const Tech *ta, const Tech *tb) {
  Comparison r = {.winner = -1};
  const Tech *t[2] = {ta, tb};
  for (int i = 0; i < p->nneeds; i++)
    if (str_eq(p->needs[i].slot, ta->slot))
      r.need = &p->needs[i];
  if (!r.need) {
    Need *bare = new(a, Need, 1);
    bare->slot = ta->slot;
    bare->reason = str_printf(a, "fills the %.*s slot", STRF(ta->slot));
    r.need = bare;
  }
  const Tech *language = NULL;
  for (int i = 0; i < p->nchoices; i++)
    if (str_eqc(p->choices[i].need->slot, "language"))
      language = p->choices[i].tech;
  Weights w = slot_weights(a, p, r.need, NULL);
  /* Cost is scored against the dearest viable candidate of the slot, as in
   * the plan, so both give the same verdict. */
  double dearest = 0, least = -1;
  for (int i = 0; i < p->nchoices; i++)
    if (p->choices[i].need == r.need)
      for (int k = 0; k < p->choices[i].ncandidates; k++) {
        const Costed *cd = &p->choices[i].candidates[k];
        if (cd->viable && cd->usd > dearest)
          dearest = cd->usd;
        if (cd->viable && (least < 0 || owned_usd(cd) < least))
          least = owned_usd(cd);
      }
  for (int k = 0; k < 2; k++) {
    r.ruled_out[k] = ruled_out(a, p, r.need, t[k], language, NULL);
    r.c[k] = plan_price(a, p, r.need, t[k]);
    operations(p, r.need, &r.c[k]);
    if (r.c[k].viable && r.c[k].usd > dearest)
      dearest = r.c[k].usd;
    if (r.c[k].viable && (least < 0 || owned_usd(&r.c[k]) < least))
      least = owned_usd(&r.c[k]);
  }
  dearest = fmax(dearest, least);
  double p95[2] = {own_p95(p, ta), own_p95(p, tb)};
  for (int k = 0; k < 2; k++)
    score(p, &w, &r.c[k], dearest, p95[k], NULL);
  bool ok0 = r.c[0].viable && !r.ruled_out[0].n, ok1 = r.c[1].viable && !r.ruled_out[1].n;
  bool miss0 = past_target(p, p95[0]) && meets_in_budget(p, &r.c[1], p95[1]),
       miss1 = past_target(p, p95[1]) && meets_in_budget(p, &r.c[0], p95[0]);
  if (ok0 && ok1 && miss0 != miss1)
    r.winner = miss0 ? 1 : 0;   /* as the plan: missing the p95 target loses */
  else if (ok0 && ok1)
    r.winner = r.c[1].score < r.c[0].score - 1e-9 ? 1 : 0;
  else if (ok0 || ok1)
    r.winner = ok0 ? 0 : 1;
  return r;
}
