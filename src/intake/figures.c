/* Figures from an idea text (see draft.h): each number bound to the
 * figure named by the words around it in its sentence (users, devices,
 * requests, budget, latency, uptime, deadline, team, ...), and the team's
 * size and level. A figure a spec cannot hold is not taken. */
#include <math.h>
#include <string.h>

#include "draft.h"
#include "nounsint.h"

static void set_fig(Draft *d, FigId f, double v, Str s, bool keep_max) {
  Figure *g = &d->f[f];
  /* a figure a spec cannot hold (numbers stop at 1e15) is not taken */
  if (!isfinite(v) || v > 1e15 || v < 0)
    return;
  if (g->given && !(keep_max && v > g->v))
    return;
  *g = (Figure){.v = v, .given = true, .said = s};
  if (f == F_WRITES)
    d->writes_per_person = false;
}

/* Whether word k is a word of the busiest time that a rate of period per
 * (seconds) is said of. */
static bool peak_word(const Draft *d, int k, double per) {
  static const char *const peak[] = {"peak", "peaks", "peaking", "busiest", "spike", "spikes", "spiking", "burst",
                                     "bursts", 0};
  if (d->w.v[k].kind != W_WORD || !dr_is_list(d, k, peak))
    return false;
  /* a peak with its own factor ("a dinner peak of 6x") is the factor */
  for (int j = k + 1; j <= k + 3 && j <= d->send[k] && j < d->w.n; j++)
    if (d->w.v[j].kind == W_NUMBER && d->w.v[j].unit == NU_FACTOR)
      return false;
  /* a total a day or longer is an average, unless the peak is a day
   * ("on the busiest day") */
  if (per >= 86400)
    return dr_is_list(d, k + 1, (const char *const[]){"day", "days", "week", "weeks", "month", "months", 0});
  return true;
}

/* Whether the rate at word i (per: its period in seconds) is said of the
 * busiest time: "at peak", "peak of", "during peak hours", "on the busiest
 * day", "spikes to". */
static bool said_at_peak(const Draft *d, int i, double per) {
  /* within the rate's clause: "20,000 drivers online at peak, 500k trips
   * a day" says the trips of no peak */
  for (int k = i; k >= i - 4 && k >= d->sstart[i]; k--) {
    if (k < i && peak_word(d, k, per))
      return true;
    if (dr_punct_before(d, k))
      break;
  }
  for (int k = i + 1; k <= i + 8 && k <= d->send[i] && k < d->w.n && !dr_punct_before(d, k); k++)
    if (peak_word(d, k, per))
      return true;
  return false;
}

/* A request rate (per day); the highest is kept, and the lowest beside it. */
static void set_requests(Draft *d, double v, Str s) {
  if (isfinite(v) && v > 0 && v <= 1e15 && (!d->req_low.given || v < d->req_low.v))
    d->req_low = (Figure){.v = v, .given = true, .said = s};
  set_fig(d, F_REQUESTS, v, s, true);
}

/* Two request rates and no peak factor ("50,000 requests per second on
 * sale, normally about 300"): the lower is the average, the higher its
 * peak, and the factor between them the peak. */
static void requests_peak(Draft *d) {
  Figure *rq = &d->f[F_REQUESTS], *lo = &d->req_low;
  if (!rq->given || !lo->given || d->f[F_PEAK].given || rq->v < lo->v * 1.5)
    return;
  double f = rq->v / lo->v;
  d->f[F_PEAK] = (Figure){.v = f >= 10 ? floor(f + 0.5) : floor(f * 10 + 0.5) / 10, .given = true, .said = rq->said};
  *rq = *lo;
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


static bool plain_count(const Draft *d, int i) {
  const EnWord *x = dr_wd(d, i);
  return x && x->kind == W_NUMBER && x->unit == NU_COUNT && x->per <= 0 && x->value >= 1;
}

/* A range of counts that ends at number i ("5 to 50", "4-20", "between 5
 * and 50"): the word of its low end, else i. */
static int range_start(const Draft *d, int i) {
  int s = d->sstart[i];
  if (i - 2 >= s && plain_count(d, i - 2) && (dr_is(d, i - 1, "to") || (dr_is(d, i - 1, "and") &&
                                                                        dr_is(d, i - 3, "between"))))
    return i - 2;
  if (i - 1 >= s && plain_count(d, i - 1) && d->w.v[i - 1].value < d->w.v[i].value) {
    const EnWord *lo = &d->w.v[i - 1], *hi = &d->w.v[i];
    ptrdiff_t k = lo->off + lo->text.n;
    bool dash = false;
    for (; k < hi->off && k < d->text.n; k++) {
      unsigned char c = (unsigned char)d->text.p[k];
      if (c == '-' || c == 0x80 || c == 0x93 || c == 0x94 || c == 0xe2)   /* -, en or em dash */
        dash = true;
      else if (c != ' ')
        return i;
    }
    if (dash)
      return i - 1;
  }
  return i;
}

/* The count of the things whose singular is w, said anywhere ("250 firms"),
 * or 0. */
static double count_of(Arena *a, const Draft *d, Str w, Str *said) {
  Str s = scan_singular(a, w);
  for (int k = 0; k < d->ncounted; k++)
    if (str_eq(d->counted[k], s)) {
      *said = d->counted_f[k].said;
      return d->counted_f[k].v;
    }
  for (int k = 0; k + 1 < d->w.n; k++)
    if (plain_count(d, k) && d->w.v[k + 1].kind == W_WORD && str_eq(scan_singular(a, d->w.v[k + 1].text), s)) {
      *said = dr_said(d, k, k + 1);
      return d->w.v[k].value;
    }
  return 0;
}

/* People counted in each of something ("300 companies with 20 users each",
 * "500 studios of 4-20 designers each", "12 lawyers per firm", "30 staff in
 * each clinic"): how many of the things, and the thing's word noted as the
 * tenant; 0 when the count is not per thing. r: the count's first word, j:
 * the people's word; *from and *to widen to the words said. */
static double per_tenant(Arena *a, Draft *d, int r, int j, int *from, int *to) {
  int s = d->sstart[r], e = d->send[r];
  if (j + 1 <= e && dr_is(d, j + 1, "each")) {
    int k = r - 1;
    static const char *const approx[] = {"about", "around", "roughly", "approximately", "approx", "some", "up", "to",
                                         "typically", "usually", "between", 0};
    while (k >= s && k >= r - 3 && dr_is_list(d, k, approx))
      k--;
    static const char *const link[] = {"with", "of", "having", "and", 0};
    bool linked = k >= s && dr_is_list(d, k, link);
    if (!linked && !(k >= s && dr_punct_before(d, k + 1)))
      return 0;
    int t = linked ? k - 1 : k;   /* the things' head */
    if (t < s || d->w.v[t].kind != W_WORD || (linked && dr_punct_before(d, t + 1)))
      return 0;
    for (int c = t - 1; c >= s && c >= t - 3; c--) {
      if (plain_count(d, c)) {
        d->tenant_said = true, d->tenant_word = t;
        d->tenant_n = d->w.v[c].value, d->tenant_n_said = dr_said(d, c, t);
        *from = c, *to = j + 1;
        return d->w.v[c].value;
      }
      if (d->w.v[c].kind != W_WORD || dr_punct_before(d, c + 1))
        break;
    }
    return 0;
  }
  int t = -1;
  if (j + 2 <= e && dr_is(d, j + 1, "per") && d->w.v[j + 2].kind == W_WORD)
    t = j + 2;
  else if (j + 3 <= e && dr_is_list(d, j + 1, (const char *const[]){"in", "at", "for", 0}) && dr_is(d, j + 2, "each") &&
           d->w.v[j + 3].kind == W_WORD)
    t = j + 3;
  /* each look reads the whole text: a few, so the pass stays linear */
  Str csaid = {0};
  double c = t >= 0 && !d->tenant_said && d->tenant_looks++ < 4 ? count_of(a, d, d->w.v[t].text, &csaid) : 0;
  if (c >= 1) {
    d->tenant_said = true, d->tenant_word = t;
    d->tenant_n = c, d->tenant_n_said = csaid;
    *to = t;
  }
  return c;
}

/* People counted: the generic words (users, people, accounts) give the
 * users figure directly; a role's count ("5,000 photographers") is kept
 * per role, and the roles' sum is the users figure when it is larger
 * (roles_sum). */
static void add_role(Arena *a, Draft *d, Str noun, double v, int from, int to) {
  static const char *const generic[] = {"user", "users", "people", "person", "persons", "account", "accounts",
                                        "signup", "signups", "mau", "dau", "visitor", "visitors", 0};
  if (lex_list(noun, generic) || !isfinite(v) || v < 0 || v > 1e15) {
    set_fig(d, F_USERS, v, dr_said(d, from, to), true);
    return;
  }
  Str r = scan_singular(a, noun);
  for (int k = 0; k < d->nroles; k++)
    if (str_eq(d->role_name[k], r)) {
      if (v > d->role_v[k])
        d->role_v[k] = v, d->role_from[k] = from, d->role_to[k] = to;
      return;
    }
  if (d->nroles < 8) {
    int k = d->nroles++;
    d->role_name[k] = r, d->role_v[k] = v, d->role_from[k] = from, d->role_to[k] = to;
  } else
    set_fig(d, F_USERS, v, dr_said(d, from, to), true);
}

/* The entity of a role counted ("clinicians": Clinician), or -1. */
static int role_ent(Arena *a, const Draft *d, Str role) {
  Str name = str_printf(a, "%.*s", STRF(role));
  if (name.n)
    ((char *)name.p)[0] = (char)(name.p[0] >= 'a' && name.p[0] <= 'z' ? name.p[0] - 'a' + 'A' : name.p[0]);
  for (int i = 0; i < d->nents; i++)
    if (str_eq(d->ents[i].name, name))
      return i;
  return -1;
}

static void roles_sum(Arena *a, Draft *d) {
  double sum = 0;
  int lo = -1, hi = -1, big = -1;
  /* "40,000 clinicians record encounters for 3 million patients": people
   * counted as whom the records are for, who do nothing in the text, are
   * served, not users who sign in, beside another role counted */
  static const char *const served[] = {"for", "of", "about", 0};
  bool quiet[8] = {false}, any_acts = false;
  for (int k = 0; k < d->nroles; k++) {
    int e = role_ent(a, d, d->role_name[k]);
    quiet[k] = e >= 0 && !d->ents[e].actor && dr_is_list(d, d->role_from[k] - 1, served);
    any_acts |= !quiet[k];
  }
  /* "50k families, 4 members each": the families hold the people counted
   * in each, they add none of their own */
  Str held = d->tenant_said && d->tenant_people >= 0 && d->tenant_word >= 0 && d->tenant_word < d->w.n
                 ? scan_singular(a, d->w.v[d->tenant_word].text)
                 : (Str){0};
  for (int k = 0; k < d->nroles; k++) {
    if ((held.n && str_eq(d->role_name[k], held) && d->nroles > 1) || (quiet[k] && any_acts))
      continue;
    sum += d->role_v[k];
    lo = lo < 0 || d->role_from[k] < lo ? d->role_from[k] : lo;
    hi = d->role_to[k] > hi ? d->role_to[k] : hi;
    if (big < 0 || d->role_v[k] > d->role_v[big])
      big = k;
  }
  if (big < 0)
    return;
  /* the words of every role when they are said together, else the largest */
  Str said = d->nroles == 1 || hi - lo > 24 ? dr_said(d, d->role_from[big], d->role_to[big]) : dr_said(d, lo, hi);
  if (d->nroles > 1 && hi - lo > 24)
    sum = d->role_v[big];
  set_fig(d, F_USERS, sum, said, true);
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

/* The noun a count counts, past adjectives (at *j, or empty); notes
 * whether an adjective says active and the level one names ("4 senior
 * developers"). "4 seniors": the level word is the noun. */
static Str counted_noun(Arena *a, Draft *d, int i, int e, int *j, Str *level, bool *active_adj) {
  *j = i + 1;
  *active_adj = false;
  *level = (Str){0};
  while (*j <= e && d->w.v[*j].kind == W_WORD && adjective(a, d, d->w.v[*j].text)) {
    Str w = d->w.v[*j].text;
    *active_adj |= str_eqc(w, "active") || str_eqc(w, "daily") || str_eqc(w, "concurrent");
    if (lex_measure(a, &d->lx, "junior", w))
      *level = S("junior");
    else if (lex_measure(a, &d->lx, "mid", w))
      *level = S("mid");
    else if (lex_measure(a, &d->lx, "senior", w))
      *level = S("senior");
    (*j)++;
  }
  Str noun = *j <= e && d->w.v[*j].kind == W_WORD ? d->w.v[*j].text : (Str){0};
  if (!noun.n && level->n && *j - 1 > i)
    noun = d->w.v[*j - 1].text, (*j)--;
  return noun;
}

/* "50 million users, 10 million daily active", "10 million of them active
 * daily", "of whom 10 million are active each day": a count the words
 * after it call active, with no noun of its own, counts the active users;
 * *j is the last of those words. */
static bool active_count(const Draft *d, int i, int e, int *j) {
  static const char *const them[] = {"them", "those", "these", 0};
  static const char *const be[] = {"are", "were", "is", 0};
  static const char *const when[] = {"daily", "active", "each", "every", "a", "per", "day", 0};
  int k = i + 1;
  if (dr_is(d, k, "of") && dr_is_list(d, k + 1, them) && !dr_punct_before(d, k + 1))
    k += 2;
  if (k <= e && dr_is_list(d, k, be) && !dr_punct_before(d, k))
    k++;
  bool active = false;
  for (; k <= e && k <= i + 6 && dr_is_list(d, k, when) && !dr_punct_before(d, k); k++)
    active |= dr_is(d, k, "active"), *j = k;
  return active && (k > e || dr_punct_before(d, k) || dr_is(d, k, "and"));
}

/* A duration: a latency percentile, an interval ("every 5 minutes"), a
 * latency target, a deadline, or a bare figure in ms. */
static void bind_duration(Arena *a, Draft *d, int i) {
  double v = d->w.v[i].value;
  const EnWord *x = &d->w.v[i];
  int s = d->sstart[i];
  static const char *const pct[] = {"p50", "p90", "p95", "p99", 0};
  static const char *const every[] = {"every", "each", 0};
  static const char *const within[] = {"in", "within", "by", "after", "next", 0};
  for (int k = i - 1; k >= s && k >= i - 3; k--)
    if (d->w.v[k].kind == W_WORD && lex_list(d->w.v[k].text, pct)) {
      if (v > 0 && v <= 600)
        set_fig(d, str_eqc(d->w.v[k].text, "p99") ? F_P99 : F_P95, v, dr_said(d, k, i), false);
      return;
    }
  /* "under 50 ms at p99", "200 ms p95": the percentile after the figure */
  for (int k = i + 1; k <= d->send[i] && k <= i + 2 && !dr_punct_before(d, k); k++)
    if (d->w.v[k].kind == W_WORD && lex_list(d->w.v[k].text, pct)) {
      if (v > 0 && v <= 600)
        set_fig(d, str_eqc(d->w.v[k].text, "p99") ? F_P99 : F_P95, v, dr_said(d, i, k), false);
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
}

/* A number with a unit: money is the budget (a month's worth, unless it is
 * a price), a percent uptime or the active share, a duration, a factor the
 * peak. per: the rate's period in seconds, 0 if none. */
static void bind_measure(Arena *a, Draft *d, int i, double per) {
  const EnWord *x = &d->w.v[i];
  int e = d->send[i];
  double v = x->value;
  switch (x->unit) {
  case NU_MONEY: {
    /* money beside a word of budget ("Budget $40,000 a month") is the
     * budget, whatever money came before it ("subscribe at $10 a month") */
    bool price = near(a, d, i, "price", 3, 0);
    bool named = !price && near(a, d, i, "budget", 4, 3);
    if (!named && (price || dr_is(d, i + 1, "per") || dr_is(d, i + 1, "each")))
      return;
    double month = per > 0 ? v * 2629800.0 / per : v;
    if (named && !d->budget_named)
      d->f[F_BUDGET].given = false;
    if (named || !d->budget_named)
      set_fig(d, F_BUDGET, month, dr_said(d, i, i), false);
    d->budget_named |= named && d->f[F_BUDGET].given;
    return;
  }
  case NU_PERCENT:
    if ((near(a, d, i, "uptime", 3, 3) || v >= 99) && v >= 90 && v < 100)
      set_fig(d, F_UPTIME, v, dr_said(d, i, i + 1 <= e ? i + 1 : i), false);
    else if (near(a, d, i, "active", 3, 4) && v > 0 && v <= 100)
      set_fig(d, F_ACTIVE, v, dr_said(d, i, i + 1 <= e ? i + 1 : i), false);
    return;
  case NU_DURATION: bind_duration(a, d, i); return;
  case NU_FACTOR:
    /* "3 times a minute" is how often, not the peak; "10x more reads than
     * writes" compares two things, "5x faster" too */
    if (i + 1 <= e && !dr_punct_before(d, i + 1) &&
        (dr_is_list(d, i + 1, (const char *const[]){"more", "less", "fewer", "as", "faster", "cheaper", "bigger",
                                                     "larger", "smaller", "slower", 0}) ||
         (i + 2 <= e && dr_is(d, i + 2, "than"))))
      return;
    if (v >= 1 && v <= 1000 && x->per <= 0)
      set_fig(d, F_PEAK, v, dr_said(d, i, i + 1 <= e ? i + 1 : i), false);
    return;
  case NU_SIZE:
  case NU_COUNT:
    return;
  }
}

/* A team's size ("a team of 4", "3 developers", "2 seniors") and level;
 * false when the count is no team. */
static bool bind_team(Arena *a, Draft *d, int i, Str noun, int j, Str level) {
  double v = d->w.v[i].value;
  static const char *const team_of[] = {"team", "crew", 0};
  bool team_before = i >= 2 && dr_is(d, i - 1, "of") && d->w.v[i - 2].kind == W_WORD &&
                     lex_list(d->w.v[i - 2].text, team_of);
  bool team_noun = noun.n && (lex_measure(a, &d->lx, "team", noun) || lex_measure(a, &d->lx, "junior", noun) ||
                              lex_measure(a, &d->lx, "mid", noun) || lex_measure(a, &d->lx, "senior", noun));
  /* "8,000 freelancers" who create invoices: a role of the domain, the
   * users, not the team that builds it */
  if (team_noun && !team_before && role_word(a, d, noun))
    team_noun = false;
  if (!((team_before || team_noun) && v >= 1 && v <= 10000 && v == floor(v)))
    return false;
  set_fig(d, F_TEAM, v, dr_said(d, team_before ? i - 2 : i, noun.n ? j : i), false);
  if (level.n && !d->level_given)
    d->level = level, d->level_given = true;
  if (noun.n && !d->level_given) {
    if (lex_measure(a, &d->lx, "junior", noun))
      d->level = S("junior"), d->level_given = true;
    else if (lex_measure(a, &d->lx, "senior", noun))
      d->level = S("senior"), d->level_given = true;
  }
  return true;
}

/* Is the noun at j the subject of a verb a few words on, in its clause,
 * that sends data every N ("couriers on bikes send ... every 15 seconds")? */
static bool reports_every(const Draft *d, int j) {
  for (int k = j + 1; k <= d->send[j] && k <= j + 5; k++) {
    if (dr_punct_before(d, k))
      return false;
    if (dr_sends_every(d, k))
      return true;
  }
  return false;
}

/* Devices counted in each of several things: "each of our 40 greenhouses
 * has about 30 sensors", "40 greenhouses with 30 sensors each", "30
 * sensors per greenhouse" (the greenhouses counted before): the number of
 * things, else 0; [from, to] is the span said. */
static double things_holding(Arena *a, Draft *d, int i, int j, int *from, int *to) {
  int s = d->sstart[i], e = d->send[i];
  static const char *const approx[] = {"about", "around", "roughly", "approximately", "approx", "some", "up", "to",
                                       "typically", "usually", 0};
  static const char *const link[] = {"has", "have", "having", "with", "contains", "contain", "holds", "hold", 0};
  int k = i - 1;
  while (k >= s && k >= i - 3 && dr_is_list(d, k, approx))
    k--;
  if (k > s && dr_is_list(d, k, link) && !dr_punct_before(d, k + 1)) {
    int t = k - 1;
    if (dr_is(d, t, "each") || dr_is(d, t, "all"))
      t--;
    for (int c = t - 1; t > s && c >= s && c >= t - 3 && !dr_punct_before(d, t + 1); c--) {
      if (plain_count(d, c) && d->w.v[t].kind == W_WORD &&
          !str_eq(scan_singular(a, d->w.v[t].text), d->w.v[t].text)) {
        *from = c;
        return d->w.v[c].value;
      }
      if (d->w.v[c].kind != W_WORD || dr_punct_before(d, c + 1))
        break;
    }
  }
  int t = -1;
  if (j + 2 <= e && dr_is(d, j + 1, "per") && d->w.v[j + 2].kind == W_WORD)
    t = j + 2;
  else if (j + 3 <= e && dr_is_list(d, j + 1, (const char *const[]){"in", "on", "at", 0}) &&
           (dr_is(d, j + 2, "each") || dr_is(d, j + 2, "every")) && d->w.v[j + 3].kind == W_WORD)
    t = j + 3;
  Str csaid;
  double c = t >= 0 && d->tenant_looks++ < 4 ? count_of(a, d, d->w.v[t].text, &csaid) : 0;
  if (c >= 1)
    *to = t;
  return c >= 1 ? c : 0;
}

/* A count of people (users, or active users with a period or adjective),
 * devices, requests or writes; noun at j, its period `per` said in plen
 * words after it. */
static void bind_count(Arena *a, Draft *d, int i, Str noun, int j, double per, int plen, bool active_adj) {
  int e = d->send[i];
  double v = d->w.v[i].value;
  /* with a follow graph, a follower count is per author (feature feed) */
  if (dr_has_cue(d, "feed") && (str_eqc(noun, "followers") || str_eqc(noun, "follower")))
    return;
  bool typo;
  const Noun *n = lex_noun(a, &d->lx, noun, false, &typo);
  bool person = (n && str_eqc(n->kind, "person")) || lex_measure(a, &d->lx, "users", noun) ||
                (d->eat[j] >= 0 && dr_kind_is(&d->ents[d->eat[j]], "person")) || role_word(a, d, noun);
  bool device = (n && str_eqc(n->kind, "device")) || lex_measure(a, &d->lx, "devices", noun) || d->device_word[j];
  /* "5,000 soil sensors": the counted noun may follow a modifier */
  static const char *const function[] = {"per", "a", "an", "each", "every", "of", "in", "for", "to", "at", "by", "on",
                                          "from", "with", "and", "or", "than", "more", "less", 0};
  if (!person && !device && (!n || str_eqc(n->kind, "thing") || str_eqc(n->kind, "group")) && j + 1 <= e &&
      d->w.v[j + 1].kind == W_WORD && !dr_punct_before(d, j + 1) && !lex_list(noun, function)) {
    Str n2 = d->w.v[j + 1].text;
    const Noun *m2 = lex_noun(a, &d->lx, n2, false, &typo);
    if ((m2 && str_eqc(m2->kind, "device")) || lex_measure(a, &d->lx, "devices", n2) || d->device_word[j + 1])
      device = true, j++;
    else if ((m2 && str_eqc(m2->kind, "person")) || lex_measure(a, &d->lx, "users", n2))
      person = true, j++;
  }
  /* "8,000 industrial air compressors": past several modifiers, the
   * phrase's head is what is counted */
  int end, h = !person && !device ? words_phrase_head(d, j, &end, false) : -1;
  if (h > j + 1 && h <= j + 3) {
    Str nh = d->w.v[h].text;
    const Noun *mh = lex_noun(a, &d->lx, nh, false, &typo);
    if ((mh && str_eqc(mh->kind, "device")) || lex_measure(a, &d->lx, "devices", nh) || d->device_word[h])
      device = true, j = h;
    else if ((mh && str_eqc(mh->kind, "person")) || lex_measure(a, &d->lx, "users", nh) ||
             (d->eat[h] >= 0 && dr_kind_is(&d->ents[d->eat[h]], "person")))
      person = true, j = h;
  }
  /* "monitoring for 900 refrigerated containers", "a fleet of 300 vans":
   * the things a system monitors or tracks are what report to it */
  if (!person && !device && per <= 0) {
    static const char *const watch[] = {"monitor", "monitors", "monitoring", "monitored", "track", "tracks",
                                        "tracking", "tracked", "fleet", 0};
    int k = i - 1;
    if (k >= d->sstart[i] && (dr_is(d, k, "for") || dr_is(d, k, "of")))
      k--;
    device = k >= d->sstart[i] && !dr_punct_before(d, k + 1) && dr_is_list(d, k, watch);
    if (device && j + 1 <= e && d->w.v[j + 1].kind == W_WORD && !dr_punct_before(d, j + 1))
      j++;   /* the head after a modifier, for the quote */
  }
  if (per > 0 && lex_measure(a, &d->lx, "requests", noun)) {
    Str s = dr_said(d, i, j + plen);
    set_requests(d, v * 86400 / per, s);
    if (d->f[F_REQUESTS].said.p == s.p)
      d->f[F_REQUESTS].at_peak = said_at_peak(d, i, per);
    return;
  }
  if (per > 0 && lex_measure(a, &d->lx, "writes", noun) && !person) {
    Str s = dr_said(d, i, j + plen);
    set_fig(d, F_WRITES, v / per, s, true);
    if (d->f[F_WRITES].said.p == s.p)
      d->writes_records = false, d->f[F_WRITES].at_peak = said_at_peak(d, i, per), d->writes_word = j;
    return;
  }
  /* "300 couriers on bikes send their position every 15 seconds": people
   * who report every N do so through a device each, so they count both */
  if (person && per <= 0 && !active_adj && reports_every(d, j))
    set_fig(d, F_DEVICES, v, dr_said(d, i, j), true);
  if (person) {
    /* "500k visitors a month", "300,000 visitors a year": over a week or
     * longer, the people who use it at all */
    if (active_adj || (per > 0 && per < 7 * 86400)) {
      d->active_count = true;
      set_fig(d, F_ACTIVE, v, dr_said(d, i, j + plen), true);
    } else {
      /* "300 companies with 20 users each", "3,000 agencies with 5 to 50
       * staff each", "250 firms, 12 lawyers per firm": the people of
       * every one, at the range's mean */
      int from = range_start(d, i), to = j + plen;
      if (from < i)
        v = (d->w.v[from].value + v) / 2;
      double nt = per > 0 ? 0 : per_tenant(a, d, from, j, &from, &to);
      if (nt > 0 && d->tenant_people < 0)
        d->tenant_people = j, d->tenant_per = v, d->tenant_per_said = dr_said(d, from, to);
      if (nt > 0)
        v *= nt;
      add_role(a, d, d->w.v[j].kind == W_WORD ? d->w.v[j].text : noun, v, from, to);
    }
    return;
  }
  if (device) {
    int from = i, to = j;
    double each = things_holding(a, d, i, j, &from, &to);
    set_fig(d, F_DEVICES, each > 0 ? v * each : v, dr_said(d, from, to), true);
    return;
  }
  if (per <= 0 && d->ncounted < 8) {
    int hd = h >= j && h <= j + 3 ? h : j;
    d->counted[d->ncounted] = scan_singular(a, hd > j ? d->w.v[hd].text : noun);
    d->counted_f[d->ncounted++] = (Figure){.v = v, .given = true, .said = dr_said(d, i, hd)};
  }
  /* "2,000 orders a day", "25k refills a week": records the text names,
   * in the lexicon or not, grow at the rate: writes */
  bool record = n || (d->eat[j] >= 0 && !dr_kind_is(&d->ents[d->eat[j]], "person") &&
                      !dr_kind_is(&d->ents[d->eat[j]], "device"));
  if (per > 0 && record) {
    /* "users post 2 tweets a day": after people and their verb, the rate
     * of each of them */
    int k = i - 1, sb = d->sstart[i];
    bool each = k - 1 >= sb && d->w.v[k].kind == W_WORD && d->w.v[k - 1].kind == W_WORD &&
                !dr_punct_before(d, k) && !dr_punct_before(d, i) &&
                (lex_measure(a, &d->lx, "users", d->w.v[k - 1].text) || role_word(a, d, d->w.v[k - 1].text) ||
                 (d->eat[k - 1] >= 0 && dr_kind_is(&d->ents[d->eat[k - 1]], "person")));
    Str s = dr_said(d, i, j + plen);
    if (each && d->f[F_WRITES].given)
      return;
    set_fig(d, F_WRITES, v / per, s, !each);
    if (d->f[F_WRITES].said.p == s.p)
      d->writes_records = true, d->f[F_WRITES].at_peak = said_at_peak(d, i, per), d->writes_word = j,
      d->writes_per_person = each;
  }
}

/* Is number i joined to the next word by a hyphen alone ("a 5-person team")? */
static bool hyphen_after(const Draft *d, int i) {
  const EnWord *x = &d->w.v[i], *y = dr_wd(d, i + 1);
  if (!y)
    return false;
  ptrdiff_t k = x->off + x->text.n;
  return k < y->off && y->off - k == 1 && k < d->text.n && d->text.p[k] == '-';
}

/* "clicks arrive as events, roughly 40k per second at peak": a rate with
 * no noun of its own counts the nearest thing its sentence named before
 * it (a word for requests or writes, or a record that is no one). */
static bool rate_of_before(Arena *a, Draft *d, int i) {
  const EnWord *x = &d->w.v[i];
  for (int k = i - 1; k >= d->sstart[i] && k >= i - 12; k--) {
    if (d->w.v[k].kind == W_NUMBER)
      return false;   /* that number's own noun */
    if (d->w.v[k].kind != W_WORD)
      continue;
    Str w = d->w.v[k].text, s = dr_said(d, k, i);
    bool req = lex_measure(a, &d->lx, "requests", w), wr = lex_measure(a, &d->lx, "writes", w);
    int e = d->eat[k];
    bool rec = !req && !wr && e >= 0 && !d->ents[e].principal && !dr_kind_is(&d->ents[e], "person") &&
               !dr_kind_is(&d->ents[e], "device");
    if (req) {
      set_requests(d, x->value * 86400 / x->per, s);
      if (d->f[F_REQUESTS].said.p == s.p)
        d->f[F_REQUESTS].at_peak = said_at_peak(d, i, x->per);
      return true;
    }
    if (wr || rec) {
      set_fig(d, F_WRITES, x->value / x->per, s, true);
      if (d->f[F_WRITES].said.p == s.p)
        d->writes_records = rec, d->f[F_WRITES].at_peak = said_at_peak(d, i, x->per);
      return true;
    }
  }
  return false;
}

/* The figure number i gives: a measure by its unit, else a count of
 * requests, a team, people, devices or writes by the noun it counts. */
static void bind_number(Arena *a, Draft *d, int i) {
  const EnWord *x = &d->w.v[i];
  int e = d->send[i];
  double v = x->value;
  int j;
  bool active_adj;
  Str level;
  Str noun = counted_noun(a, d, i, e, &j, &level, &active_adj);
  /* "250k listeners at the same time", "2,000 players online at once":
   * people counted together are the concurrent ones */
  int t = j + 1 <= e && dr_is(d, j + 1, "online") ? j + 2 : j + 1;
  if (noun.n && t <= e && !dr_punct_before(d, t) &&
      (dr_is(d, t, "simultaneously") || dr_is(d, t, "concurrently") ||
       (dr_is(d, t, "at") && (dr_is(d, t + 1, "once") || (dr_is(d, t + 1, "the") && dr_is(d, t + 2, "same") &&
                                                           dr_is(d, t + 3, "time"))))))
    active_adj = true;
  if (noun.n && j > i && dr_punct_before(d, i + 1) && !hyphen_after(d, i))
    noun = (Str){0};   /* "in 1080p, and members ...": not a count of members */
  int ja;
  if (x->unit == NU_COUNT && active_count(d, i, e, &ja))
    noun = S("users"), j = ja, active_adj = true;
  /* "100 million daily active users out of 400 million registered": a
   * count of people's adjective alone counts the people named before it */
  if (x->unit == NU_COUNT && !noun.n && j - 1 > i && !active_adj &&
      dr_is_list(d, j - 1, (const char *const[]){"registered", "total", "signed-up", "paying", 0}))
    for (int k = i - 1; k >= d->sstart[i]; k--)
      if (d->w.v[k].kind == W_WORD && lex_measure(a, &d->lx, "users", d->w.v[k].text)) {
        noun = d->w.v[k].text, j--;
        break;
      }
  double per = x->per;
  int plen = 0;
  /* "half a million page views a month", "500 sensor readings a minute":
   * a rate counts the phrase's head */
  int pl2;
  if (noun.n && j + 1 <= e && d->w.v[j + 1].kind == W_WORD && !dr_punct_before(d, j + 1) &&
      !lex_measure(a, &d->lx, "requests", noun) && !lex_measure(a, &d->lx, "writes", noun) &&
      (lex_measure(a, &d->lx, "requests", d->w.v[j + 1].text) || lex_measure(a, &d->lx, "writes", d->w.v[j + 1].text)) &&
      (per > 0 || dr_period(d, j + 2, &pl2) > 0))
    noun = d->w.v[++j].text;
  if (per == 0 && noun.n)
    per = dr_period(d, j + 1, &plen);
  if (x->unit != NU_COUNT) {
    bind_measure(a, d, i, per);
    return;
  }
  if (v <= 0 || v > 1e12)
    return;
  static const char *const rps[] = {"rps", "qps", "tps", "req", "reqs", 0};
  if (noun.n && lex_list(noun, rps)) {
    Str s = dr_said(d, i, j);
    set_requests(d, v * 86400, s);
    if (d->f[F_REQUESTS].said.p == s.p)
      d->f[F_REQUESTS].at_peak = said_at_peak(d, i, 1);
    return;
  }
  if (x->per > 0 && (!noun.n || (!words_ok(&d->w.v[j]) && d->eat[j] < 0)) && rate_of_before(a, d, i))
    return;
  if (bind_team(a, d, i, noun, j, level) || !noun.n)
    return;
  /* "about 40 per household per month", "5 orders per customer a week":
   * a rate per counted thing, times their count ("20k households") */
  int q = str_eqc(noun, "per") ? j : j + 1 <= e && dr_is(d, j + 1, "per") ? j + 1 : -1;
  int ql;
  double qp = q >= 0 && q + 2 <= e && d->w.v[q + 1].kind == W_WORD ? dr_period(d, q + 2, &ql) : 0;
  int ql2;
  if (qp > 0 && dr_period(d, q + 1, &ql2) <= 0 && d->tenant_looks++ < 4) {
    Str csaid;
    double c = count_of(a, d, d->w.v[q + 1].text, &csaid);
    if (c >= 1 && lex_measure(a, &d->lx, "requests", noun)) {
      set_requests(d, v * c * 86400 / qp, dr_said(d, i, q + 1 + ql));
      return;
    }
    if (c >= 1 && (str_eqc(noun, "per") || !lex_measure(a, &d->lx, "users", noun))) {
      Str s = dr_said(d, i, q + 1 + ql);
      set_fig(d, F_WRITES, v * c / qp, s, true);
      if (d->f[F_WRITES].said.p == s.p)
        d->writes_records = true, d->writes_word = j,
        d->writes_per_user = lex_measure(a, &d->lx, "users", d->w.v[q + 1].text) &&
                             d->f[F_USERS].given && c == d->f[F_USERS].v;
      return;
    }
  }
  bind_count(a, d, i, noun, j, per, plen, active_adj);
}

/* ---- dates ---- */

static int month_at(const Draft *d, int i) {
  static const char *const names[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december", 0};
  static const char *const abbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                     "dec", 0};
  const EnWord *x = dr_wd(d, i);
  if (!x || x->kind != W_WORD)
    return 0;
  for (int k = 0; names[k]; k++)
    if (str_eqc(x->text, names[k]) || str_eqc(x->text, abbr[k]) || (k == 8 && str_eqc(x->text, "sept")))
      return k + 1;
  return 0;
}

static int month_days(int y, int m) {
  static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return md[m - 1] + (m == 2 && leap);
}

/* A day of the month at word i ("1st", "21", "3rd"), or 0. */
static int day_at(const Draft *d, int i) {
  const EnWord *x = dr_wd(d, i);
  if (!x || x->kind != W_NUMBER || x->unit != NU_COUNT || x->per > 0 || x->value < 1 || x->value > 31 ||
      x->value != floor(x->value) || x->spelled)
    return 0;
  return (int)x->value;
}

static int year_at(const Draft *d, int i) {
  const EnWord *x = dr_wd(d, i);
  if (!x || x->kind != W_NUMBER || x->unit != NU_COUNT || x->per > 0 || x->value < 1970 || x->value > 2200 ||
      x->value != floor(x->value) || x->text.n != 4)
    return 0;
  return (int)x->value;
}

typedef struct {
  int y, m, day;       /* day 0: the month only */
  int first, last;     /* word span */
  bool end;            /* the month only, said as "in"/"during"/"end of": its last day */
} TextDate;

/* Dates in the text: "June 1st", "1 June 2027", "June 1, 2027", "March",
 * "2027-06-01" (scanned as 2027, -06, -01 or as one piece). */
static int text_dates(const Draft *d, TextDate *out, int max) {
  int n = 0;
  for (int i = 0; i < d->w.n && n < max; i++) {
    /* ISO: the number's source spelling */
    const EnWord *x = &d->w.v[i];
    if (x->kind == W_NUMBER && d->text.p + x->off + 10 <= d->text.p + d->text.n) {
      Str t = {d->text.p + x->off, 10};
      bool iso = true;
      for (int k = 0; k < 10 && iso; k++)
        iso = k == 4 || k == 7 ? t.p[k] == '-' : t.p[k] >= '0' && t.p[k] <= '9';
      if (iso) {
        int y = (t.p[0] - '0') * 1000 + (t.p[1] - '0') * 100 + (t.p[2] - '0') * 10 + (t.p[3] - '0');
        int m = (t.p[5] - '0') * 10 + (t.p[6] - '0'), dd = (t.p[8] - '0') * 10 + (t.p[9] - '0');
        int last = i;
        while (last + 1 < d->w.n && d->w.v[last + 1].off < x->off + 10)
          last++;
        if (y >= 1970 && m >= 1 && m <= 12 && dd >= 1 && dd <= month_days(y, m))
          out[n++] = (TextDate){y, m, dd, i, last, false};
        i = last;
        continue;
      }
    }
    int m = month_at(d, i);
    if (!m)
      continue;
    TextDate t = {0, m, 0, i, i, false};
    if (day_at(d, i + 1) && !dr_punct_before(d, i + 1)) {            /* June 1st */
      t.day = day_at(d, i + 1), t.last = i + 1;
    } else if (day_at(d, i - 1) && !dr_punct_before(d, i)) {         /* 1 June */
      t.day = day_at(d, i - 1), t.first = i - 1;
    } else if (dr_is(d, i - 1, "of") && day_at(d, i - 2)) {          /* 1st of June */
      t.day = day_at(d, i - 2), t.first = i - 2;
    }
    if (year_at(d, t.last + 1))
      t.y = year_at(d, t.last + 1), t.last++;
    /* "may" and "march" are also verbs: only with a day or a year */
    if ((m == 5 || m == 3) && !t.day && !t.y)
      continue;
    if (!t.day && (dr_is(d, t.first - 1, "in") || dr_is(d, t.first - 1, "during") || dr_is(d, t.first - 1, "of") ||
                   dr_is(d, t.first - 1, "end")))
      t.end = true;
    if (t.day && t.y && t.day > month_days(t.y, m))
      continue;
    out[n++] = t;
    i = t.last;
  }
  return n;
}

/* Is the date at [first, ...] said as a deadline or as a start? */
static int date_role(const Draft *d, int first) {
  static const char *const due[] = {"by", "before", "until", "launch", "launches", "launching", "live", "ship",
                                    "ships", "shipping", "release", "released", "deadline", "ready", "done", "due",
                                    "finished", "finish", "open", "opens", "mvp", "go-live", "golive", 0};
  static const char *const begin[] = {"start", "starts", "starting", "started", "begin", "begins", "beginning",
                                      "kick", "kickoff", "kicks", "from", "since", 0};
  for (int k = first - 1; k >= d->sstart[first] && k >= first - 5; k--) {
    if (dr_is_list(d, k, begin))
      return 2;
    if (dr_is_list(d, k, due))
      return 1;
  }
  return 0;
}

static void put_date(char out[11], int y, int m, int day) {
  int v[3] = {y % 10000, m % 100, day % 100}, w[3] = {4, 2, 2}, k = 0;
  for (int f = 0; f < 3; f++) {
    if (f)
      out[k++] = '-';
    for (int q = w[f] - 1, p = 1; q >= 0; q--, p *= 10)
      out[k + q] = (char)('0' + v[f] / p % 10);
    k += w[f];
  }
  out[10] = 0;
}

static void scan_dates(Draft *d) {
  TextDate t[8];
  int n = text_dates(d, t, 8);
  int dl = -1, st = -1;
  for (int k = 0; k < n; k++) {
    int r = date_role(d, t[k].first);
    if (r == 1 && dl < 0)
      dl = k;
    else if (r == 2 && st < 0)
      st = k;
  }
  if (dl < 0 && st < 0)
    return;
  /* a missing year: the other date's; none anywhere is asked, not guessed */
  int year = 0;
  for (int k = 0; k < n && !year; k++)
    year = t[k].y;
  char buf[11];
  for (int pass = 0; pass < 2; pass++) {
    int k = pass == 0 ? st : dl;
    if (k < 0)
      continue;
    TextDate *x = &t[k];
    int y = x->y ? x->y : year;
    if (!y) {
      if (pass == 1)
        d->date_no_year = dr_said(d, x->first - 1 >= d->sstart[x->first] ? x->first - 1 : x->first, x->last);
      continue;
    }
    int day = x->day ? x->day : x->end ? month_days(y, x->m) : 1;
    /* a deadline without its year falls after the start */
    if (pass == 1 && !x->y && d->start_date[0]) {
      char cand[11];
      put_date(cand, y, x->m, day);
      if (strcmp(cand, d->start_date) <= 0)
        y++, day = x->day ? x->day : x->end ? month_days(y, x->m) : 1;
    }
    put_date(buf, y, x->m, day);
    Str said = dr_said(d, x->first - 1 >= d->sstart[x->first] ? x->first - 1 : x->first, x->last);
    if (pass == 0)
      memcpy(d->start_date, buf, 11), d->start_date_said = said;
    else
      memcpy(d->deadline_date, buf, 11), d->deadline_date_said = said;
  }
}

/* The devices each thing has, listed after "has" up to the verb of
 * sending: "3 temperature cables and a level sensor" is 4; a device said
 * without a count is one. */
static double devices_listed(const Draft *d, int from, int to, int *end) {
  double sum = 0, item = 0;
  *end = from;
  for (int t = from; t <= to; t++) {
    const EnWord *x = &d->w.v[t];
    if (dr_sends_every(d, t) || dr_is(d, t, "that") || dr_is(d, t, "which"))
      break;
    *end = t;
    if (t > from && (dr_is(d, t, "and") || dr_punct_before(d, t)))
      sum += item, item = 0;
    if (x->kind == W_NUMBER && x->unit == NU_COUNT && x->per <= 0 && x->value >= 1 && x->value <= 1000 && item <= 0)
      item = x->value;
    else if ((dr_is(d, t, "a") || dr_is(d, t, "an") || dr_is(d, t, "one")) && item <= 0)
      item = 1;
  }
  sum += item;
  return sum < 1 ? 1 : sum;
}

/* "60 cold rooms; each cold room has a probe that sends the temperature
 * every minute": one device in each of the counted things, so the things'
 * count is the devices'; "every silo has 3 cables and a level sensor
 * reporting ...": four in each. */
static void each_has_device(Arena *a, Draft *d) {
  static const char *const has[] = {"has", "have", "with", "gets", "carries", "contains", 0};
  for (int i = 0; i + 2 < d->w.n; i++) {
    if (!dr_is(d, i, "each") && !dr_is(d, i, "every"))
      continue;
    int k = i + 1;
    while (k <= i + 3 && k + 1 <= d->send[i] && !dr_is_list(d, k + 1, has) && !dr_punct_before(d, k + 1))
      k++;
    if (k > i + 3 || k + 1 > d->send[i] || !dr_is_list(d, k + 1, has) || d->w.v[k].kind != W_WORD)
      continue;
    bool sends = false;
    for (int v = k + 2; v <= d->send[i] && !sends; v++)
      sends = dr_sends_every(d, v);
    Str x = scan_singular(a, d->w.v[k].text);
    int end;
    double each = sends ? devices_listed(d, k + 2, d->send[i], &end) : 0;
    if (d->f[F_DEVICES].given && each <= 1)
      continue;
    for (int c = 0; sends && c < d->ncounted; c++)
      if (str_eq(d->counted[c], x))
        set_fig(d, F_DEVICES, d->counted_f[c].v * each, each > 1 ? dr_said(d, i, end) : d->counted_f[c].said, true);
  }
}

static bool plural_noun(Arena *a, Str w) { return w.n > 3 && !str_eq(scan_singular(a, w), w); }

/* "60 plows with GPS trackers sending their position every 5 sec": the
 * devices are not counted, the things that carry one each are. */
static void things_with_devices(Arena *a, Draft *d) {
  for (int i = 0; i + 3 < d->w.n && !d->f[F_DEVICES].given; i++) {
    if (!plain_count(d, i) || d->w.v[i + 1].kind != W_WORD || !dr_is(d, i + 2, "with") ||
        dr_punct_before(d, i + 1) || dr_punct_before(d, i + 2) || !plural_noun(a, d->w.v[i + 1].text))
      continue;
    for (int k = i + 3; k <= i + 5 && k <= d->send[i] && !dr_punct_before(d, k); k++) {
      bool typo;
      const Noun *n = lex_noun(a, &d->lx, d->w.v[k].text, false, &typo);
      bool device = (n && str_eqc(n->kind, "device")) || lex_measure(a, &d->lx, "devices", d->w.v[k].text) ||
                    d->device_word[k];
      bool sends = false;
      for (int v = k + 1; device && v <= k + 3 && v <= d->send[i] && !sends; v++)
        sends = dr_sends_every(d, v);
      if (sends) {
        set_fig(d, F_DEVICES, d->w.v[i].value, dr_said(d, i, k), false);
        break;
      }
    }
  }
}

void figures_scan(Arena *a, Draft *d) {
  d->tenant_people = -1;
  scan_dates(d);
  for (int i = 0; i < d->w.n; i++)
    if (d->w.v[i].kind == W_NUMBER)
      bind_number(a, d, i);
  requests_peak(d);
  roles_sum(a, d);
  /* A daily-active count, or an active percentage read as a count. */
  Figure *act = &d->f[F_ACTIVE];
  if (d->active_count && act->given) {
    if (d->f[F_USERS].given && d->f[F_USERS].v >= act->v)
      act->v = 100 * act->v / d->f[F_USERS].v;
    else {
      d->f[F_USERS] = (Figure){.v = act->v * 5, .given = false, .said = act->said};
      act->v = 20;
      act->given = false;
    }
    if (act->v < 1)
      act->v = 1;
  }
  /* "2 uploads per user per day" with the active share said: the active
   * users upload */
  if (d->writes_per_user && act->given && d->f[F_USERS].given && act->v < 100)
    d->f[F_WRITES].v *= act->v / 100;
  else
    d->writes_per_user = false;
  /* "streams 40 values once per second", "reports 3 times an hour": how
   * often, after a verb of sending data in the clause */
  for (int i = 0; i < d->w.n && !d->f[F_INTERVAL].given; i++) {
    int plen;
    double every = dr_is(d, i, "every") || dr_is(d, i, "each") ? 0 : dr_every(d, i, &plen);
    bool sent = false;
    for (int v = i - 1; every > 0 && v >= d->sstart[i] && v >= i - 8 && !sent; v--)
      sent = dr_sends_every(d, v);
    if (sent && every < 86400)
      d->f[F_INTERVAL] = (Figure){.v = every, .given = true, .said = dr_said(d, i, i + plen - 1)};
  }
  /* "servers each send 500 metrics every 10 seconds": a count of values
   * between a verb of sending and its interval is sent at once */
  for (int v = 0; v < d->w.n && d->per_send <= 0; v++) {
    if (!dr_sends_every(d, v))
      continue;
    for (int k = v + 1; k + 1 <= d->send[v] && k <= v + 4; k++) {
      const EnWord *x = &d->w.v[k];
      int plen;
      if (x->kind != W_NUMBER || x->unit != NU_COUNT || x->per > 0 || x->value <= 1 || x->value > 100000 ||
          dr_punct_before(d, k + 1) || d->w.v[k + 1].kind != W_WORD)
        continue;
      for (int t = k + 2; t <= k + 4 && t <= d->send[v]; t++)
        if (dr_every(d, t, &plen) > 0) {
          d->per_send = x->value, d->per_send_said = dr_said(d, k, t + plen - 1);
          break;
        }
      break;
    }
  }
  /* team: "I'm a junior developer", "just me"; "every minute" */
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_WORD)
      continue;
    int plen;
    double every = str_eqc(x->text, "every") ? dr_period(d, i, &plen) : 0;
    if (every > 0 && every <= 86400 && !d->f[F_INTERVAL].given)
      d->f[F_INTERVAL] = (Figure){.v = every, .given = true, .said = dr_said(d, i, i + 1)};
    bool solo = lex_measure(a, &d->lx, "solo", x->text) ||
                (str_eqc(x->text, "i") && (dr_is(d, i + 1, "am") || dr_is(d, i + 1, "know"))) ||
                (str_eqc(x->text, "just") && dr_is(d, i + 1, "me")) ||
                /* "Team: me (Python)", "the team is me" */
                (str_eqc(x->text, "me") && (dr_is(d, i - 1, "team") || (dr_is(d, i - 1, "is") && dr_is(d, i - 2, "team")) ||
                                            (i >= 2 && d->w.v[i - 1].kind == W_BREAK && d->w.v[i - 1].text.n &&
                                             d->w.v[i - 1].text.p[0] == ':' && dr_is(d, i - 2, "team"))));
    if (solo && !d->f[F_TEAM].given) {
      d->f[F_TEAM] = (Figure){.v = 1, .given = true, .said = dr_said(d, i, i + 3 < d->w.n ? i + 3 : d->w.n - 1)};
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
  each_has_device(a, d);
  things_with_devices(a, d);
  /* "10 000 cars" to rent out: things count as devices only when the text
   * has something report, or tracks or monitors them */
  bool reports = d->f[F_INTERVAL].given || dr_has_cue(d, "ingest") || dr_has_cue(d, "track") ||
                 dr_has_cue(d, "dashboard");
  for (int i = 0; i < d->w.n && !reports; i++)
    reports = d->device_word[i];
  for (int i = 0; i < d->nents && !reports; i++)   /* "devices sending readings" */
    reports = dr_kind_is(&d->ents[i], "reading") && !d->ents[i].added;
  if (d->f[F_DEVICES].given && !reports)
    d->f[F_DEVICES] = (Figure){0};
}

