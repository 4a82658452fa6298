/* The draft's project block and entities, then the features (features.c):
 * dr_render writes the whole spec text of a draft. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../model/model.h"
#include "draft.h"

/* A name as the spec writes it: letters, digits, spaces and hyphens, the
 * first letter upper-case, at most 40 bytes. */
static Str clean_name(Arena *a, Str w) {
  char *p = new(a, char, w.n + 1);
  ptrdiff_t n = 0;
  for (ptrdiff_t k = 0; k < w.n && n < 40; k++) {
    char c = w.p[k];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              (c == ' ' && n > 0 && p[n - 1] != ' ');
    if (ok)
      p[n++] = c;
  }
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '-'))
    n--;
  if (n)
    p[0] = (char)(p[0] >= 'a' && p[0] <= 'z' ? p[0] - 'a' + 'A' : p[0]);
  return (Str){p, n};
}

/* The text from word i to word j as written (original case). */
static Str span_of(const Draft *d, int i, int j) {
  ptrdiff_t s = d->w.v[i].off, e = d->w.v[j].off + d->w.v[j].text.n;
  return (Str){d->text.p + s, (e < d->text.n ? e : d->text.n) - s};
}

static bool upper_at(const Draft *d, int i) {
  const EnWord *x = dr_wd(d, i);
  return x && x->kind == W_WORD && x->off < d->text.n && d->text.p[x->off] >= 'A' && d->text.p[x->off] <= 'Z';
}

/* The project's name: "called X" / "named X"; a leading proper noun ("Castaway
 * is ..."); the domain the first sentence names ("recipe sharing app",
 * "platform for holiday rentals", "Greenhouse monitoring:"); else the main
 * record's name. Never a placeholder. */
/* A compound entity name as words: HiveInspection -> "Hive inspection". */
static Str spaced(Arena *a, Str n) {
  char *p = new(a, char, 2 * n.n + 1);
  ptrdiff_t k = 0;
  for (ptrdiff_t i = 0; i < n.n; i++) {
    char c = n.p[i];
    if (i > 0 && c >= 'A' && c <= 'Z') {
      p[k++] = ' ';
      c = (char)(c - 'A' + 'a');
    }
    p[k++] = c;
  }
  return (Str){p, k};
}

Str dr_project_name(Arena *a, const Draft *d) {
  int n = d->w.n;
  for (int i = 0; i + 1 < n; i++)
    if ((dr_is(d, i, "called") || dr_is(d, i, "named")) && d->w.v[i + 1].kind == W_WORD) {
      int j = i + 1;
      while (j + 1 < n && j < i + 3 && upper_at(d, j) && upper_at(d, j + 1) && !dr_punct_before(d, j + 1))
        j++;
      Str nm = clean_name(a, span_of(d, i + 1, j));
      if (nm.n)
        return nm;
    }
  if (!n)
    return S("New project");
  /* "We're a ..." and "I've built ..." are read as "were", "ive" */
  static const char *const starters[] = {"a", "an", "the", "we", "i", "im", "were", "are", "am", "weve", "ive",
                                         "our", "my", "this", "it", "simple", "small", "new", "internal", "online",
                                         "basic", "just", "want", 0};
  /* "Castaway is a podcast host", "Moorly: berths for boats" */
  const EnWord *w0 = &d->w.v[0];
  if (upper_at(d, 0) && w0->kind == W_WORD && !lex_list(w0->text, starters) && !d->nat[0] &&
      (dr_is(d, 1, "is") || dr_is(d, 1, "lets") || dr_is(d, 1, "helps") || dr_is(d, 1, "will") ||
       (n > 1 && dr_punct_before(d, 1) && d->text.p[w0->off + w0->text.n] == ':')))
    return clean_name(a, span_of(d, 0, 0));
  static const char *const heads[] = {"app", "application", "platform", "site", "website", "marketplace",
                                      "service", "tool", "portal", "system", "network", "club", "finder",
                                      "tracker", "software", "saas", "crm", "board", "shop", "store", "planner",
                                      "manager", "hub", "community", "api", "backend", "pipeline", "engine", 0};
  static const char *const skip[] = {"a", "an", "the", "my", "our", "simple", "small", "new", "little", "basic",
                                     "online", "internal", "web", "mobile", "building", "build", "want", "need",
                                     "like", "style", "etsy-like", "uber-like", "airbnb-like", "s", 0};
  int e = d->send[0];
  for (int h = 0; h <= e && h < n; h++) {
    if (!dr_is_list(d, h, heads))
      continue;
    /* "recipe sharing app": the words before the head */
    int s = h;
    while (s > 0 && s > h - 3 && d->w.v[s - 1].kind == W_WORD && !dr_punct_before(d, s) &&
           !dr_is_list(d, s - 1, skip) && !dr_is_list(d, s - 1, starters) && !dr_is(d, s - 1, "for") &&
           !dr_is(d, s - 1, "is") && !dr_is(d, s - 1, "called"))
      s--;
    static const char *const generic[] = {"app", "application", "platform", "site", "website", "service",
                                          "system", "tool", "backend", "api", "software", "saas", "portal", 0};
    if (s < h) {
      bool app = dr_is(d, h, "app") || dr_is(d, h, "application") || dr_is(d, h, "apps");
      Str nm = clean_name(a, span_of(d, s, app ? h - 1 : h));
      if (nm.n >= 3)
        return nm;
    } else if (!dr_is_list(d, h, generic) && (!dr_is(d, h + 1, "for") || d->w.v[h].text.n <= 4))
      return clean_name(a, span_of(d, h, h));   /* "a small CRM for sales teams" */
    /* "platform for holiday rentals", "an app for my bakery" */
    int f = h + 1;
    if (dr_is(d, f, "for") || dr_is(d, f, "to")) {
      int k = f + 1;
      while (k <= e && dr_is_list(d, k, skip))
        k++;
      int m = k;
      while (m + 1 <= e && m < k + 2 && d->w.v[m + 1].kind == W_WORD && !dr_punct_before(d, m + 1) &&
             !dr_is_list(d, m + 1, (const char *const[]){"to", "for", "where", "that", "so", "and", "with", "who",
                                                          "which", "in", "on", "of", "at", "by", 0}))
        m++;
      if (k <= e && d->w.v[k].kind == W_WORD) {
        Str nm = clean_name(a, span_of(d, k, m));
        if (nm.n >= 3)
          return nm;
      }
    }
  }
  /* "Greenhouse monitoring: ...", "A blog where ...": a short opening
   * before punctuation or a word that starts a clause */
  static const char *const clause[] = {"where", "that", "which", "for", "to", "with", "so", "who", "in", "on",
                                       "of", "and", "called", "named", "is", "lets", "helps", "allows", "we", "i",
                                       "where", "because", "like", 0};
  int s0 = 0;
  while (s0 < n && s0 < 3 && dr_is_list(d, s0, starters))
    s0++;
  int k = s0;
  while (k < n && k < s0 + 5 && d->w.v[k].kind == W_WORD && !(k > s0 && dr_punct_before(d, k)) &&
         !dr_is_list(d, k, clause) && !(k > s0 && nouns_is_verb(d->w.v[k].text)))
    k++;
  int kv = -1;
  /* "Car wash chain with 25 sites": a verb's base form right after a
   * singular noun, the phrase going on to its end, is a noun of the name */
  if (k > s0 && k < n && d->w.v[k].kind == W_WORD && !dr_punct_before(d, k) && nouns_is_verb(d->w.v[k].text) &&
      !dr_is_list(d, k, clause) && d->w.v[k].text.p[d->w.v[k].text.n - 1] != 's' &&
      str_eq(scan_singular(a, d->w.v[k - 1].text), d->w.v[k - 1].text) && !(d->nat[k - 1] && str_eqc(d->nat[k - 1]->kind, "person"))) {
    int k2 = k + 1;
    while (k2 < n && k2 < s0 + 5 && d->w.v[k2].kind == W_WORD && !dr_punct_before(d, k2) &&
           !dr_is_list(d, k2, clause) && !nouns_is_verb(d->w.v[k2].text))
      k2++;
    if (k2 > k + 1 && (k2 >= n || d->w.v[k2].kind == W_BREAK || dr_punct_before(d, k2) || dr_is_list(d, k2, clause)))
      kv = k, k = k2;
  }
  bool ends = k >= n || d->w.v[k].kind == W_BREAK || dr_punct_before(d, k) || dr_is_list(d, k, clause) ||
              nouns_is_verb(d->w.v[k].text);
  bool verb = false;
  for (int q = s0; q < k; q++) {
    if (q == kv)
      continue;
    verb |= d->verb_at[q] || nouns_is_verb(d->w.v[q].text);
    /* "Users register, ...": the people who act, not the project */
    verb |= (d->eat[q] >= 0 && dr_kind_is(&d->ents[d->eat[q]], "person")) ||
            (d->nat[q] && str_eqc(d->nat[q]->kind, "person"));
  }
  static const char *const bare[] = {"app", "application", "platform", "site", "website", "service", "system",
                                     "tool", "backend", "api", "software", "idea", "project", "startup", 0};
  if (k == s0 + 1 && dr_is_list(d, s0, bare))
    verb = true;   /* "An app where ...": no name in it */
  if (k > s0 && k <= s0 + 4 && ends && !verb) {
    Str nm = clean_name(a, span_of(d, s0, k - 1));
    if (nm.n >= 3)
      return nm;
  }
  int m = dr_main_ent(d);
  int dev = dr_first_of_kind(d, "device");
  if (dev >= 0 && !d->ents[dev].added)
    return str_printf(a, "%.*s monitoring", STRF(spaced(a, d->ents[dev].name)));
  if (m >= 0)
    return str_printf(a, "%.*s app", STRF(spaced(a, d->ents[m].name)));
  /* only people named ("beekeepers need ..."): the app is theirs */
  if (d->principal >= 0 && !d->ents[d->principal].added)
    return str_printf(a, "%.*s app", STRF(spaced(a, d->ents[d->principal].name)));
  return S("New project");
}

static bool compliance(const Draft *d, const char *w) { return dr_has_cue(d, w); }

static bool health(const Draft *d) {
  for (int i = 0; i < d->nents; i++)
    if (d->ents[i].noun && (str_eqc(d->ents[i].noun->id, "patient") || str_eqc(d->ents[i].noun->id, "prescription")))
      return true;
  return false;
}

/* The idea line: the text trimmed, cut at IDEA_MAX on a character
 * boundary. */
static void put_idea(const Draft *d, Buf *b) {
  Str idea = d->text;
  while (idea.n && (unsigned char)idea.p[0] <= ' ')
    idea.p++, idea.n--;
  while (idea.n && (unsigned char)idea.p[idea.n - 1] <= ' ')
    idea.n--;
  if (idea.n > IDEA_MAX) {
    idea.n = IDEA_MAX;
    while (idea.n && ((unsigned char)idea.p[idea.n] & 0xC0) == 0x80)
      idea.n--;
  }
  if (!idea.n)
    idea = S("Describe the idea here.");
  dr_put_clean(b, idea, true);
}

/* Does the text s contain the lower-case word w, in any case? */
static bool said_has(Str s, const char *w) {
  ptrdiff_t n = (ptrdiff_t)strlen(w);
  for (ptrdiff_t i = 0; i + n <= s.n; i++) {
    ptrdiff_t k = 0;
    while (k < n && (s.p[i + k] | 0x20) == w[k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

/* The load: users, the active share, requests, devices, writes, their
 * interval and the peak factor; each said in the text or assumed. */
static void put_load(const Draft *d, const Vary *vy, Buf *b) {
  bool g;
  double users = dr_fig(d, vy, F_USERS, 1000, &g);
  buf_puts(b, "  users ");
  dr_put_num(b, floor(users + 0.5));
  if (g)
    dr_from_text(b, d->f[F_USERS].said);
  else if (d->active_count && !(vy && vy->fig == F_USERS))
    dr_assumed(b, "the %s daily active are 20%% of all users", "stated");
  else
    dr_assumed(b, "%.0f users", users);
  double active = dr_fig(d, vy, F_ACTIVE, 20, &g);
  buf_printf(b, "  active %.0f%%", active < 1 ? 1 : active > 100 ? 100 : active);
  if (g)
    dr_from_text(b, d->f[F_ACTIVE].said);
  else
    dr_assumed(b, "%.0f%% daily active users", active);
  /* A rate said of the busiest time is the peak: the spec's rates are
   * averages, so it is the rate over the peak factor. */
  bool gp;
  double peak_f = dr_fig(d, vy, F_PEAK, 3, &gp);
  if (d->f[F_REQUESTS].given && !(vy && vy->fig == F_USERS)) {
    bool at_peak = d->f[F_REQUESTS].at_peak && peak_f > 0;
    double rq = d->f[F_REQUESTS].v / (at_peak ? peak_f : 1);
    double au = users * active / 100;
    if (rq < au)
      rq = au;
    buf_puts(b, "  requests ");
    dr_put_num(b, floor(rq + 0.5));
    buf_puts(b, "/day");
    if (at_peak)
      dr_quoted(b, "from the text: ", d->f[F_REQUESTS].said, " at peak, so the average is it / the peak factor");
    else
      dr_from_text(b, d->f[F_REQUESTS].said);
  }
  /* things that send data every N, with no count: a count is assumed */
  bool device_ent = false;
  for (int i = 0; i < d->nents; i++)
    device_ent |= dr_kind_is(&d->ents[i], "device") && !d->ents[i].added;
  bool devices_assumed = !d->f[F_DEVICES].given && device_ent && d->f[F_INTERVAL].given;
  if (d->f[F_DEVICES].given || (vy && vy->fig == F_DEVICES) || devices_assumed) {
    double dv = dr_fig(d, vy, F_DEVICES, 100, &g);
    buf_puts(b, "  devices ");
    dr_put_num(b, floor(dv + 0.5));
    if (g)
      dr_from_text(b, d->f[F_DEVICES].said);
    else
      dr_assumed(b, "%.0f devices", dv);
  }
  /* "100,000 servers each send 500 metrics every 10 seconds": the write
   * rate is devices x values ÷ interval, which says the interval too */
  bool at_once = d->per_send > 1 && !d->f[F_WRITES].given && d->f[F_INTERVAL].given && d->f[F_INTERVAL].v > 0 &&
                 (d->f[F_DEVICES].given || devices_assumed);
  if (at_once) {
    double dv = dr_fig(d, vy, F_DEVICES, 100, &g);
    buf_puts(b, "  writes ");
    dr_put_num(b, floor(dv * d->per_send / d->f[F_INTERVAL].v + 0.5));
    buf_puts(b, "/s");
    dr_quoted(b, "from the text: devices x ", d->per_send_said, "");
  }
  if (d->f[F_WRITES].given) {
    buf_puts(b, "  writes ");
    double wr = d->f[F_WRITES].v;
    /* records created a period ("20,000 parcels a day") come on top of
     * what the devices send: the write rate is both */
    double dv = dr_fig(d, vy, F_DEVICES, 100, &g), iv = d->f[F_INTERVAL].v;
    bool both = d->writes_records && (d->f[F_DEVICES].given || devices_assumed) && d->f[F_INTERVAL].given && iv > 0;
    bool at_peak = d->f[F_WRITES].at_peak && peak_f > 0 && !both;
    if (at_peak)
      wr /= peak_f;
    if (both)
      wr += dv / iv;
    if (d->writes_per_person)
      wr *= users * active / 100;
    /* a slow rate keeps the period the text said it in ("40,000 orders
     * per day" is writes 40000/day, not 0.463/s) */
    static const char *const pname[] = {"minute", "hour", "day", "week", "month", "year", 0};
    static const double psec[] = {60, 3600, 86400, 604800, 2629800, 31557600};
    int pk = 2;
    for (int k = 0; pname[k]; k++)
      if (said_has(d->f[F_WRITES].said, pname[k]))
        pk = k;
    if (said_has(d->f[F_WRITES].said, "daily"))
      pk = 2;
    if (!both && wr < 10 && wr * psec[pk] >= 1) {
      dr_put_num(b, floor(wr * psec[pk] + 0.5));
      buf_printf(b, "/%s", pname[pk]);
    } else {
      dr_put_num(b, wr >= 10 ? floor(wr + 0.5) : floor(wr * 1000 + 0.5) / 1000);
      buf_puts(b, "/s");
    }
    if (both)
      dr_quoted(b, "devices \xc3\xb7 interval, plus ", d->f[F_WRITES].said, "");
    else if (at_peak)
      dr_quoted(b, "from the text: ", d->f[F_WRITES].said, " at peak, so the average is it / the peak factor");
    else if (d->writes_per_user || d->writes_per_person)
      dr_quoted(b, "from the text: ", d->f[F_WRITES].said, " of the daily active users");
    else
      dr_from_text(b, d->f[F_WRITES].said);
  }
  if (d->f[F_INTERVAL].given && (d->f[F_DEVICES].given || devices_assumed) && !at_once) {
    buf_puts(b, "  interval ");
    dr_put_duration(b, d->f[F_INTERVAL].v);
    dr_from_text(b, d->f[F_INTERVAL].said);
  }
  double peak = dr_fig(d, vy, F_PEAK, 3, &g);
  buf_puts(b, "  peak ");
  dr_put_num(b, peak);
  buf_putc(b, 'x');
  if (g)
    dr_from_text(b, d->f[F_PEAK].said);
  else
    dr_assumed(b, "the busiest hour carries %gx the average load", peak);
}

/* The budget, the latency targets and the availability. */
static void put_targets(const Draft *d, const Vary *vy, Buf *b) {
  bool g;
  if (d->f[F_BUDGET].given || (vy && vy->fig == F_BUDGET)) {
    double bu = dr_fig(d, vy, F_BUDGET, 0, &g);
    buf_puts(b, "  budget $");
    dr_put_num(b, floor(bu + 0.5));
    buf_puts(b, "/month");
    if (g)
      dr_from_text(b, d->f[F_BUDGET].said);
    else
      dr_assumed(b, "a budget of $%.0f a month", bu);
  } else
    buf_puts(b, "  # assumed: no budget cap (add 'budget $N/month' if there is one) \xe2\x80\x94 change me\n");
  double p95 = dr_fig(d, vy, F_P95, 0, &g);
  bool g99;
  double p99 = dr_fig(d, vy, F_P99, 0, &g99);
  if (p95 > 0 && p99 > 0 && p99 < p95)
    p99 = p95;
  if (p95 > 0 || p99 > 0) {
    buf_puts(b, "  latency");
    if (p95 > 0)
      buf_puts(b, " p95 "), dr_put_duration(b, p95);
    if (p99 > 0)
      buf_puts(b, " p99 "), dr_put_duration(b, p99);
    if (g || g99)
      dr_from_text(b, d->f[g ? F_P95 : F_P99].said);
    else
      dr_assumed(b, "a p95 target of %.0f ms", p95 * 1000);
  } else {
    buf_puts(b, "  latency p95 300ms");
    dr_assumed(b, "a p95 latency target of 300 ms");
  }
  double up = dr_fig(d, vy, F_UPTIME, 99.9, &g);
  buf_puts(b, "  availability ");
  buf_printf(b, "%.10g%%", up);
  if (g)
    dr_from_text(b, d->f[F_UPTIME].said);
  else
    dr_assumed(b, "%.10g%% availability", up);
}

/* Whether the text states an operations preference. */
static bool said_prefer(const Draft *d) {
  return dr_has_cue(d, "existing") || dr_has_cue(d, "selfhost") || dr_has_cue(d, "opensource");
}

/* The team, its level and skills, and what it prefers. */
static void put_team(const Draft *d, const Vary *vy, Buf *b) {
  bool g;
  double team = dr_fig(d, vy, F_TEAM, 2, &g);
  Str level = vy && vy->fig == F_COUNT_ ? vy->level : d->level_given ? d->level : S("mid");
  bool lg = d->level_given && !(vy && vy->fig == F_COUNT_);
  buf_printf(b, "  team %.0f %.*s", team < 1 ? 1 : team > 10000 ? 10000 : floor(team), STRF(level));
  if (d->nskills && !d->drop_skills) {
    buf_puts(b, " { skills");
    for (int i = 0; i < d->nskills; i++)
      buf_printf(b, " %.*s", STRF(d->skills[i]));
    buf_puts(b, " }");
  }
  if (g && lg)
    dr_from_text(b, d->f[F_TEAM].said);
  else if (g)
    dr_assumed(b, "the team is of %.*s level (the text gives %.0f)", STRF(level), team);
  else if (lg)
    dr_assumed(b, "a team of %.0f (the text gives the level)", team);
  else
    dr_assumed(b, "a team of %.0f %.*s-level developers", team, STRF(level));
  /* A preference is the owner's call, said in the text; skills alone are
   * weighed in each choice at the plan's default, not put first. */
  if (d->drop_prefer)
    ;
  else if (dr_has_cue(d, "existing")) {
    buf_puts(b, "  prefer existing > managed > self-hosted");
    dr_from_text(b, dr_said(d, dr_cue_pos(d, "existing"), dr_cue_end(d, "existing")));
  } else if (dr_has_cue(d, "selfhost")) {
    buf_puts(b, "  prefer self-hosted > managed\n");
  } else if (dr_has_cue(d, "opensource")) {
    buf_puts(b, "  prefer open-source > managed\n");
  } else if (d->nskills && !d->drop_skills) {
    buf_puts(b, "  # no `prefer`: the text states none, so the plan prefers managed over self-hosted"
                " and weighs the team's skills in each choice\n");
  }
}

/* The areas the text places its users or data in (kb/vocab.kb areas,
 * each a cue of kb/lexicon.kb), in the order it names them: "in Ohio"
 * gives us, "in Frankfurt" eu, "must stay in Canada" ca. */
static void put_region(const Draft *d, Buf *b) {
  if (d->drop_region)
    return;
  int order[MAX_CUES], n = 0;
  for (int c = 0; c < d->ncues && c < d->lx.ncues; c++)
    if (d->cue[c] && d->lx.cues[c].area) {
      int k = n++;
      for (; k > 0 && d->cue_first[order[k - 1]] > d->cue_first[c]; k--)
        order[k] = order[k - 1];
      order[k] = c;
    }
  if (!n)
    return;
  buf_puts(b, "  region");
  for (int k = 0; k < n; k++)
    buf_printf(b, " %.*s", STRF(d->cue_names[order[k]]));
  dr_from_text(b, dr_said(d, d->cue_first[order[0]], d->cue_last[order[0]]));
}

/* Compliance regimes said or implied by the data, the region, and what was
 * left out because nothing in the knowledge base meets it. */
static void put_compliance(const Draft *d, Buf *b) {
  /* The regimes a spec accepts (kb/vocab.kb), each said by its cue. */
  const char *const *regimes = &spec_words ? spec_words.compliance : NULL;
  Buf said_c = {0}, assumed_c = {0};
  for (int i = 0; regimes && regimes[i]; i++)
    if (compliance(d, regimes[i]))
      buf_printf(&said_c, " %s", regimes[i]);
  if (!compliance(d, "hipaa") && health(d))
    buf_puts(&assumed_c, " hipaa");
  if (!compliance(d, "gdpr") && dr_has_cue(d, "eu"))
    buf_puts(&assumed_c, " gdpr");
  if ((said_c.n || assumed_c.n) && !d->drop_compliance) {
    buf_puts(b, "  compliance");
    buf_put(b, said_c.p, said_c.n);
    buf_put(b, assumed_c.p, assumed_c.n);
    if (assumed_c.n)
      dr_assumed(b, "%.*s applies to this data", (int)(assumed_c.n - 1), assumed_c.p + 1);
    else
      buf_putc(b, '\n');
  }
  buf_free(&said_c);
  buf_free(&assumed_c);
  put_region(d, b);
  bool dropped_prefer = d->drop_prefer && said_prefer(d);
  if (d->drop_region || d->drop_skills || dropped_prefer || d->drop_compliance) {
    buf_printf(b, "  # left out: %s", d->drop_region ? "region " : "");
    if (d->drop_skills) {   /* the user's words stay in the draft */
      buf_puts(b, "skills");
      for (int i = 0; i < d->nskills; i++)
        buf_printf(b, " %.*s", STRF(d->skills[i]));
      buf_putc(b, ' ');
    }
    buf_printf(b, "%s%s(no technology in the knowledge base meets them with the rest) \xe2\x80\x94 check\n",
               dropped_prefer ? "prefer " : "", d->drop_compliance ? "compliance " : "");
  }
}

/* The start date and the deadline, as dates or a duration. */
static void put_dates(const Draft *d, Buf *b) {
  if (d->start_date[0]) {
    buf_printf(b, "  start %s", d->start_date);
    dr_from_text(b, d->start_date_said);
  }
  if (d->deadline_date[0]) {
    buf_printf(b, "  deadline %s", d->deadline_date);
    if (d->start_date[0])
      dr_from_text(b, d->deadline_date_said);
    else
      dr_quoted(b, "from the text: ", d->deadline_date_said, "; add 'start YYYY-MM-DD' to schedule against it");
  } else if (d->date_no_year.n) {
    buf_puts(b, "  # deadline YYYY-MM-DD");
    dr_quoted(b, "the text says ", d->date_no_year, " with no year: write the date, and 'start YYYY-MM-DD'");
  } else if (d->f[F_DEADLINE].given) {
    buf_puts(b, "  deadline ");
    dr_put_duration(b, d->f[F_DEADLINE].v < 2 * 86400 ? 2 * 86400 : d->f[F_DEADLINE].v);
    dr_from_text(b, d->f[F_DEADLINE].said);
  }
}

static void render_project(const Draft *d, const Vary *vy, Buf *b) {
  buf_puts(b, "project \"");
  dr_put_clean(b, d->name, true);
  buf_puts(b, "\" {\n  idea \"");
  put_idea(d, b);
  buf_puts(b, "\"\n");
  put_load(d, vy, b);
  put_targets(d, vy, b);
  put_team(d, vy, b);
  put_compliance(d, b);
  put_dates(d, b);
  buf_puts(b, "}\n");
}


static void render_entities(Arena *a, const Draft *d, Buf *b) {
  bool pw = !dr_has_cue(d, "oauth") && !dr_has_cue(d, "oidc");
  for (int o = -1; o < d->nents; o++) {
    int i = o < 0 ? d->principal : o;
    if (i < 0 || (o >= 0 && i == d->principal))
      continue;
    const DEnt *e = &d->ents[i];
    buf_printf(b, "\nentity %.*s {", STRF(e->name));
    if (e->said.n)
      dr_from_text(b, e->said);
    else if (e->principal && e->added)
      dr_assumed(b, "people sign in as %.*s", STRF(e->name));
    else
      dr_assumed(b, "the features need %.*s", STRF(e->name));
    if (e->parent >= 0) {
      const DEnt *p = &d->ents[e->parent];
      buf_printf(b, "  %.*s -> %.*s", STRF(e->relname), STRF(p->name));
      if (e->parent_said)
        buf_puts(b, "\n");
      else
        dr_assumed(b, "each %.*s belongs to %s %.*s", STRF(e->name), dr_article(p->name), STRF(p->name));
    }
    if (dr_kind_is(e, "message") && d->principal >= 0 && e->parent != d->principal && e->parent >= 0 &&
        !str_eqc(e->relname, "author")) {   /* one field per name: the parent may already be the author */
      buf_printf(b, "  author -> %.*s", STRF(d->ents[d->principal].name));
      dr_assumed(b, "%s %.*s writes each %.*s", dr_article(d->ents[d->principal].name), STRF(d->ents[d->principal].name),
              STRF(e->name));
    }
    for (int k = 0; k < e->nf; k++) {
      Str n = e->f[k].name, t = e->f[k].type;
      if (str_eq(n, e->relname) || (str_eqc(n, "author") && dr_kind_is(e, "message")) ||
          (e->principal && str_eqc(n, "password")))
        continue;
      buf_printf(b, "  %.*s %.*s", STRF(n), STRF(t));
      if (e->f[k].from_text)
        buf_puts(b, "\n");
      else if (k == 0)
        dr_assumed(b, "the usual fields for %.*s", STRF(e->name));
      else
        buf_putc(b, '\n');
    }
    if (e->principal && pw) {
      buf_puts(b, "  password secret");
      dr_assumed(b, "people sign in with a password");
    }
    /* "3,000 agencies with ...": the tenants' rows */
    if (e->parent < 0 && d->tenant >= 0 && e == &d->ents[d->tenant] && d->tenant_n >= 1) {
      buf_puts(b, "  count ");
      dr_put_num(b, floor(d->tenant_n + 0.5));
      dr_from_text(b, d->tenant_n_said);
    }
    if (e->parent >= 0) {
      const DEnt *p = &d->ents[e->parent];
      buf_printf(b, "  per %.*s ~ ", STRF(p->name));
      dr_put_num(b, e->per);
      if (e->per_said.n)
        dr_from_text(b, e->per_said);
      else if (e->may_said.n)
        dr_quoted(b, "assumed: ", e->may_said, ", so about one per parent");
      else
        dr_assumed(b, "about %g %.*s rows per %.*s", e->per, STRF(e->name), STRF(p->name));
    }
    /* "10 million transactions a day": the records the writes count grow
     * at that rate */
    int ww = d->writes_word;
    if (ww > 0 && ww < d->w.n && d->eat[ww] >= 0 && &d->ents[d->eat[ww]] == e && !dr_kind_is(e, "reading") &&
        !d->writes_per_person &&
        d->f[F_WRITES].given && !d->f[F_WRITES].at_peak && d->f[F_WRITES].v * 86400 >= 1) {
      buf_puts(b, "  grows ");
      dr_put_num(b, floor(d->f[F_WRITES].v * 86400 + 0.5));
      buf_puts(b, "/day");
      dr_from_text(b, d->f[F_WRITES].said);
    }
    if (e->retain > 0) {
      buf_puts(b, "  retain ");
      double y = e->retain / 31557600.0, dd = e->retain / 86400;
      if (y >= 1 && fabs(y - floor(y + 0.5)) < 0.01)
        buf_printf(b, "%.0f year%s", floor(y + 0.5), floor(y + 0.5) == 1 ? "" : "s");
      else if (dd >= 1 && fabs(dd - floor(dd + 0.5)) < 0.01)
        buf_printf(b, "%.0f days", floor(dd + 0.5));
      else
        dr_put_duration(b, e->retain);
      dr_from_text(b, e->retain_said);
    }
    buf_puts(b, "}\n");
  }
  (void)a;
}

void dr_render(Arena *a, const Draft *d, const Vary *vy, Buf *b) {
  render_project(d, vy, b);
  render_entities(a, d, b);
  features_render(d, b);
}
