/* Figures from an idea text (see draft.h): each number bound to the
 * figure named by the words around it in its sentence (users, devices,
 * requests, budget, latency, uptime, deadline, team, ...), and the team's
 * size and level. A figure a spec cannot hold is not taken. */
#include <math.h>

#include "draft.h"

static void set_fig(Draft *d, FigId f, double v, Str s, bool keep_max) {
  Figure *g = &d->f[f];
  /* a figure a spec cannot hold (numbers stop at 1e15) is not taken */
  if (!isfinite(v) || v > 1e15 || v < 0)
    return;
  if (g->given && !(keep_max && v > g->v))
    return;
  *g = (Figure){v, true, s};
}

/* EnWords skipped between a number and the noun it counts. */
static bool adjective(Arena *a, const Draft *d, Str w) {
  static const char *const adj[] = {"daily", "monthly", "weekly", "active", "concurrent", "registered", "paying",
                                    "unique", "total", "new", "more", "field", "connected", "iot", "smart",
                                    "expected", "initial", "simultaneous", "online", "regular", "happy", "other",
                                    "different", "or", "so", "local", "remote", "full-time", "part-time", "backend",
                                    "frontend", "full-stack", "fullstack", "software", "web", "mobile", "ios",
                                    "android", "api", 0};
  return lex_list(w, adj) || lex_measure(a, &d->lx, "junior", w) ||
         lex_measure(a, &d->lx, "mid", w) || lex_measure(a, &d->lx, "senior", w);
}




/* Is a word of measure `id` within `back` words before or `fwd` after i? */
static bool near(Arena *a, const Draft *d, int i, const char *id, int back, int fwd) {
  int s = d->sstart[i], e = d->send[i];
  for (int k = i - 1; k >= s && k >= i - back; k--)
    if (d->w.v[k].kind == W_WORD && lex_measure(a, &d->lx, id, d->w.v[k].text))
      return true;
  for (int k = i + 1; k <= e && k <= i + fwd; k++)
    if (d->w.v[k].kind == W_WORD && lex_measure(a, &d->lx, id, d->w.v[k].text))
      return true;
  return false;
}

static bool near_word(const Draft *d, int i, const char *const *list, int back, int fwd) {
  int s = d->sstart[i], e = d->send[i];
  for (int k = i - 1; k >= s && k >= i - back; k--)
    if (d->w.v[k].kind == W_WORD && lex_list(d->w.v[k].text, list))
      return true;
  for (int k = i + 1; k <= e && k <= i + fwd; k++)
    if (d->w.v[k].kind == W_WORD && lex_list(d->w.v[k].text, list))
      return true;
  return false;
}


/* Is w (plural or not) the name of a role the text named ("100000
 * policyholders" when policyholders file claims)? */
static bool role_word(Arena *a, const Draft *d, Str w) {
  Str s = scan_singular(a, w);
  for (int i = 0; i < d->nents; i++) {
    Str n = d->ents[i].name;
    if (n.n != s.n || !dr_kind_is(&d->ents[i], "person"))
      continue;
    bool same = true;
    for (ptrdiff_t k = 0; k < n.n && same; k++) {
      char c = n.p[k];
      same = (c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c) == s.p[k];
    }
    if (same)
      return true;
  }
  return false;
}

static void bind_number(Arena *a, Draft *d, int i) {
  const EnWord *x = &d->w.v[i];
  int s = d->sstart[i], e = d->send[i];
  double v = x->value;
  /* the noun a count counts, past adjectives */
  int j = i + 1;
  bool active_adj = false;
  Str level = {0};
  while (j <= e && d->w.v[j].kind == W_WORD && adjective(a, d, d->w.v[j].text)) {
    Str w = d->w.v[j].text;
    active_adj |= str_eqc(w, "active") || str_eqc(w, "daily") || str_eqc(w, "concurrent");
    if (lex_measure(a, &d->lx, "junior", w))
      level = S("junior");
    else if (lex_measure(a, &d->lx, "mid", w))
      level = S("mid");
    else if (lex_measure(a, &d->lx, "senior", w))
      level = S("senior");
    j++;
  }
  Str noun = j <= e && d->w.v[j].kind == W_WORD ? d->w.v[j].text : (Str){0};
  /* "4 seniors": the level word is the noun */
  if (!noun.n && level.n && j - 1 > i)
    noun = d->w.v[j - 1].text, j--;
  double per = x->per;
  int plen = 0;
  if (per == 0 && noun.n)
    per = dr_period(d, j + 1, &plen);
  static const char *const price[] = {"price", "priced", "prices", "fee", "fees", "sell", "sells", "selling",
                                      "charge", "charges", "ticket", "tickets", "costs", "worth", "pay", "pays",
                                      "salary", "salaries", "earn", "earns", 0};
  static const char *const pct[] = {"p50", "p90", "p95", "p99", 0};
  static const char *const every[] = {"every", "each", 0};
  static const char *const within[] = {"in", "within", "by", "after", "next", 0};
  switch (x->unit) {
  case NU_MONEY: {
    if (near_word(d, i, price, 3, 0) || dr_is(d, i + 1, "per") || dr_is(d, i + 1, "each"))
      return;
    double month = per > 0 ? v * 2629800.0 / per : v;
    set_fig(d, F_BUDGET, month, dr_said(d, i, i), false);
    return;
  }
  case NU_PERCENT:
    if ((near(a, d, i, "uptime", 3, 3) || v >= 99) && v >= 90 && v < 100)
      set_fig(d, F_UPTIME, v, dr_said(d, i, i + 1 <= e ? i + 1 : i), false);
    else if (near(a, d, i, "active", 3, 4) && v > 0 && v <= 100)
      set_fig(d, F_ACTIVE, v, dr_said(d, i, i + 1 <= e ? i + 1 : i), false);
    return;
  case NU_DURATION: {
    for (int k = i - 1; k >= s && k >= i - 3; k--)
      if (d->w.v[k].kind == W_WORD && lex_list(d->w.v[k].text, pct)) {
        if (v > 0 && v <= 600)
          set_fig(d, str_eqc(d->w.v[k].text, "p99") ? F_P99 : F_P95, v, dr_said(d, k, i), false);
        return;
      }
    if (near_word(d, i, every, 2, 0) && v <= 86400 && v > 0) {
      set_fig(d, F_INTERVAL, v, dr_said(d, i - 1 >= s ? i - 1 : i, i), false);
      return;
    }
    if (near(a, d, i, "latency", 4, 2) && v > 0 && v <= 60) {
      set_fig(d, F_P95, v, dr_said(d, i, i), false);
      return;
    }
    if (v >= 86400 && (near(a, d, i, "deadline", 6, 2) || near_word(d, i, within, 1, 0))) {
      set_fig(d, F_DEADLINE, v, dr_said(d, i - 1 >= s ? i - 1 : i, i), false);
      return;
    }
    if (v > 0 && v < 10 && x->text.n && str_has_prefix((Str){x->text.p + x->text.n - 2, 2}, S("ms")))
      set_fig(d, F_P95, v, dr_said(d, i, i), false);
    return;
  }
  case NU_FACTOR:
    if (v >= 1 && v <= 1000)
      set_fig(d, F_PEAK, v, dr_said(d, i, i + 1 <= e ? i + 1 : i), false);
    return;
  case NU_SIZE:
    return;
  case NU_COUNT:
    break;
  }
  if (v <= 0 || v > 1e12)
    return;
  static const char *const rps[] = {"rps", "qps", "tps", "req", "reqs", 0};
  if (noun.n && lex_list(noun, rps)) {
    set_fig(d, F_REQUESTS, v * 86400, dr_said(d, i, j), true);
    return;
  }
  static const char *const team_of[] = {"team", "crew", 0};
  bool team_before = i >= 2 && dr_is(d, i - 1, "of") && d->w.v[i - 2].kind == W_WORD &&
                     lex_list(d->w.v[i - 2].text, team_of);
  bool team_noun = noun.n && (lex_measure(a, &d->lx, "team", noun) || lex_measure(a, &d->lx, "junior", noun) ||
                              lex_measure(a, &d->lx, "mid", noun) || lex_measure(a, &d->lx, "senior", noun));
  if ((team_before || team_noun) && v >= 1 && v <= 10000 && v == floor(v)) {
    set_fig(d, F_TEAM, v, dr_said(d, team_before ? i - 2 : i, noun.n ? j : i), false);
    if (level.n && !d->level_given)
      d->level = level, d->level_given = true;
    if (noun.n && !d->level_given) {
      if (lex_measure(a, &d->lx, "junior", noun))
        d->level = S("junior"), d->level_given = true;
      else if (lex_measure(a, &d->lx, "senior", noun))
        d->level = S("senior"), d->level_given = true;
    }
    return;
  }
  if (!noun.n)
    return;
  /* with a follow graph, a follower count is per author (feature feed) */
  if (dr_has_cue(d, "feed") && (str_eqc(noun, "followers") || str_eqc(noun, "follower")))
    return;
  bool typo;
  const Noun *n = lex_noun(a, &d->lx, noun, false, &typo);
  bool person = (n && str_eqc(n->kind, "person")) || lex_measure(a, &d->lx, "users", noun) ||
                (d->eat[j] >= 0 && dr_kind_is(&d->ents[d->eat[j]], "person")) || role_word(a, d, noun);
  bool device = (n && str_eqc(n->kind, "device")) || lex_measure(a, &d->lx, "devices", noun) || d->device_word[j];
  /* "5,000 soil sensors": the counted noun may follow a modifier */
  if (!person && !device && !n && j + 1 <= e && d->w.v[j + 1].kind == W_WORD && !dr_punct_before(d, j + 1)) {
    Str n2 = d->w.v[j + 1].text;
    const Noun *m2 = lex_noun(a, &d->lx, n2, false, &typo);
    if ((m2 && str_eqc(m2->kind, "device")) || lex_measure(a, &d->lx, "devices", n2) || d->device_word[j + 1])
      device = true, j++;
    else if ((m2 && str_eqc(m2->kind, "person")) || lex_measure(a, &d->lx, "users", n2))
      person = true, j++;
  }
  if (per > 0 && lex_measure(a, &d->lx, "requests", noun)) {
    set_fig(d, F_REQUESTS, v * 86400 / per, dr_said(d, i, j + plen), true);
    return;
  }
  if (per > 0 && lex_measure(a, &d->lx, "writes", noun) && !person) {
    set_fig(d, F_WRITES, v / per, dr_said(d, i, j + plen), true);
    return;
  }
  if (person) {
    if (active_adj || per > 0) {
      d->active_count = true;
      set_fig(d, F_ACTIVE, v, dr_said(d, i, j + plen), true);
    } else
      set_fig(d, F_USERS, v, dr_said(d, i, j), true);
    return;
  }
  if (device) {
    set_fig(d, F_DEVICES, v, dr_said(d, i, j), true);
    return;
  }
  if (per > 0 && n)   /* "2,000 orders a day": writes */
    set_fig(d, F_WRITES, v / per, dr_said(d, i, j + plen), true);
}

void figures_scan(Arena *a, Draft *d) {
  for (int i = 0; i < d->w.n; i++)
    if (d->w.v[i].kind == W_NUMBER)
      bind_number(a, d, i);
  /* A daily-active count, or an active percentage read as a count. */
  Figure *act = &d->f[F_ACTIVE];
  if (d->active_count && act->given) {
    if (d->f[F_USERS].given && d->f[F_USERS].v >= act->v)
      act->v = 100 * act->v / d->f[F_USERS].v;
    else {
      d->f[F_USERS] = (Figure){act->v * 5, false, act->said};
      act->v = 20;
      act->given = false;
    }
    if (act->v < 1)
      act->v = 1;
  }
  /* team: "I'm a junior developer", "just me"; "every minute" */
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_WORD)
      continue;
    int plen;
    double every = str_eqc(x->text, "every") ? dr_period(d, i, &plen) : 0;
    if (every > 0 && every <= 86400 && !d->f[F_INTERVAL].given)
      d->f[F_INTERVAL] = (Figure){every, true, dr_said(d, i, i + 1)};
    bool solo = lex_measure(a, &d->lx, "solo", x->text) ||
                (str_eqc(x->text, "i") && (dr_is(d, i + 1, "am") || dr_is(d, i + 1, "know"))) ||
                (str_eqc(x->text, "just") && dr_is(d, i + 1, "me"));
    if (solo && !d->f[F_TEAM].given) {
      d->f[F_TEAM] = (Figure){1, true, dr_said(d, i, i + 3 < d->w.n ? i + 3 : d->w.n - 1)};
      d->solo = true;
    }
    if (!d->level_given && (near(a, d, i, "team", 3, 3) || near(a, d, i, "solo", 3, 0))) {
      if (lex_measure(a, &d->lx, "junior", x->text))
        d->level = S("junior"), d->level_given = true;
      else if (lex_measure(a, &d->lx, "mid", x->text))
        d->level = S("mid"), d->level_given = true;
      else if (lex_measure(a, &d->lx, "senior", x->text))
        d->level = S("senior"), d->level_given = true;
    }
  }
}

