/* plinth new: an idea text to a draft spec (see intake.h; the passes are
 * described in draft.h). This file writes the project block and the
 * entities, and runs the passes in order. */
#include "intake.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../util/json.h"
#include "draft.h"

/* ---- render ---- */

/* A value changed for the sensitivity search. */

/* Copies s as valid UTF-8 without control characters or quotes, for a
 * string or a comment (invalid bytes become '?', newlines spaces). */
void dr_put_clean(Buf *b, Str s, bool in_string) {
  for (ptrdiff_t i = 0; i < s.n;) {
    unsigned char c = (unsigned char)s.p[i];
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f)
        buf_putc(b, ' ');
      else if (in_string && (c == '"' || c == '\\'))
        buf_putc(b, '\'');
      else
        buf_putc(b, (char)c);
      i++;
      continue;
    }
    int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len && i + len <= s.n;
    for (int k = 1; ok && k < len; k++)
      ok = ((unsigned char)s.p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3) {
      unsigned char c1 = (unsigned char)s.p[i + 1];
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      unsigned char c1 = (unsigned char)s.p[i + 1];
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      buf_put(b, s.p + i, len);
      i += len;
    } else {
      buf_putc(b, '?');
      i++;
    }
  }
}

/* Pads the current line to column `col` for a trailing comment. */
static void pad_to(Buf *b, int col) {
  ptrdiff_t ls = b->n;
  while (ls > 0 && b->p[ls - 1] != '\n')
    ls--;
  ptrdiff_t w = b->n - ls;
  buf_fill(b, ' ', w < col ? col - w : 1);
}

void dr_from_text(Buf *b, Str s) {
  pad_to(b, 30);
  buf_puts(b, "# from the text: \"");
  dr_put_clean(b, s, true);
  buf_puts(b, "\"\n");
}

void dr_assumed(Buf *b, const char *fmt, ...) {
  pad_to(b, 30);
  buf_puts(b, "# assumed: ");
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  buf_puts(b, tmp);
  buf_puts(b, " \xe2\x80\x94 change me\n");
}

double dr_fig(const Draft *d, const Vary *vy, FigId id, double dflt, bool *given) {
  if (vy && vy->fig == (int)id) {
    *given = false;
    return vy->v;
  }
  *given = d->f[id].given;
  return d->f[id].given || d->f[id].v > 0 ? d->f[id].v : dflt;
}

/* Figures as the spec writes them. */
void dr_put_num(Buf *b, double v) {
  if (v == floor(v) && fabs(v) < 1e15)
    buf_printf(b, "%.0f", v);
  else
    buf_printf(b, "%.4g", v);
}

void dr_put_duration(Buf *b, double s) {
  if (s < 1)
    buf_printf(b, "%.0fms", s * 1000 < 1 ? 1 : s * 1000);
  else if (s < 120 && s == floor(s))
    buf_printf(b, "%.0fs", s);
  else if (s < 7200)
    buf_printf(b, "%.0fm", s / 60 < 1 ? 1 : floor(s / 60 + 0.5));
  else if (s < 2 * 86400)
    buf_printf(b, "%.0fh", floor(s / 3600 + 0.5));
  else if (s < 8 * 7 * 86400)
    buf_printf(b, "%.0f days", floor(s / 86400 + 0.5));
  else if (fabs(s / 2629800.0 - floor(s / 2629800.0 + 0.5)) < 0.02)
    buf_printf(b, "%.0f months", floor(s / 2629800.0 + 0.5));
  else
    buf_printf(b, "%.0f weeks", floor(s / 604800 + 0.5));
}

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
static Str project_name(Arena *a, const Draft *d) {
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
  static const char *const starters[] = {"a", "an", "the", "we", "i", "im", "our", "my", "this", "it", "simple",
                                         "small", "new", "internal", "online", "basic", "just", "want", 0};
  /* "Castaway is a podcast host", "Moorly: berths for boats" */
  const EnWord *w0 = &d->w.v[0];
  if (upper_at(d, 0) && w0->kind == W_WORD && !lex_list(w0->text, starters) && !d->nat[0] &&
      (dr_is(d, 1, "is") || dr_is(d, 1, "lets") || dr_is(d, 1, "helps") || dr_is(d, 1, "will") ||
       (n > 1 && dr_punct_before(d, 1) && d->text.p[w0->off + w0->text.n] == ':')))
    return clean_name(a, span_of(d, 0, 0));
  static const char *const heads[] = {"app", "application", "platform", "site", "website", "marketplace",
                                      "service", "tool", "portal", "system", "network", "club", "finder",
                                      "tracker", "software", "saas", "crm", "board", "shop", "store", "planner",
                                      "manager", "hub", "community", "api", "backend", 0};
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
  bool ends = k >= n || d->w.v[k].kind == W_BREAK || dr_punct_before(d, k) || dr_is_list(d, k, clause) ||
              nouns_is_verb(d->w.v[k].text);
  bool verb = false;
  for (int q = s0; q < k; q++) {
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
    return str_printf(a, "%.*s monitoring", STRF(d->ents[dev].name));
  if (m >= 0)
    return str_printf(a, "%.*s app", STRF(d->ents[m].name));
  return S("New project");
}

static bool compliance(const Draft *d, const char *w) { return dr_has_cue(d, w); }

static bool health(const Draft *d) {
  for (int i = 0; i < d->nents; i++)
    if (d->ents[i].noun && (str_eqc(d->ents[i].noun->id, "patient") || str_eqc(d->ents[i].noun->id, "prescription")))
      return true;
  return false;
}

static void render_project(const Draft *d, const Vary *vy, Buf *b) {
  bool g;
  buf_puts(b, "project \"");
  dr_put_clean(b, d->name, true);
  buf_puts(b, "\" {\n  idea \"");
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
  buf_puts(b, "\"\n");

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
  if (d->f[F_REQUESTS].given && !(vy && vy->fig == F_USERS)) {
    double rq = d->f[F_REQUESTS].v;
    double au = users * active / 100;
    if (rq < au)
      rq = au;
    buf_puts(b, "  requests ");
    dr_put_num(b, floor(rq + 0.5));
    buf_puts(b, "/day");
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
  if (d->f[F_WRITES].given) {
    buf_puts(b, "  writes ");
    double wr = d->f[F_WRITES].v;
    dr_put_num(b, wr >= 10 ? floor(wr + 0.5) : floor(wr * 1000 + 0.5) / 1000);
    buf_puts(b, "/s");
    dr_from_text(b, d->f[F_WRITES].said);
  }
  if (d->f[F_INTERVAL].given && (d->f[F_DEVICES].given || devices_assumed)) {
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
  if (d->nskills && !d->drop_prefer && !d->drop_skills) {
    buf_puts(b, "  prefer existing > managed > self-hosted");
    dr_assumed(b, "what the team knows comes first");
  } else if (dr_has_cue(d, "selfhost")) {
    buf_puts(b, "  prefer self-hosted > managed\n");
  } else if (dr_has_cue(d, "opensource")) {
    buf_puts(b, "  prefer open-source > managed\n");
  }
  static const char *const regimes[] = {"gdpr", "hipaa", "pci", "soc2", "ccpa", "ferpa", 0};
  Buf said_c = {0}, assumed_c = {0};
  for (int i = 0; regimes[i]; i++)
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
  if (dr_has_cue(d, "eu") && !d->drop_region) {
    buf_puts(b, "  region eu");
    dr_from_text(b, dr_said(d, dr_cue_pos(d, "eu"), dr_cue_end(d, "eu")));
  }
  if (d->drop_region || d->drop_skills || d->drop_prefer || d->drop_compliance) {
    buf_printf(b, "  # left out: %s", d->drop_region ? "region " : "");
    if (d->drop_skills) {   /* the user's words stay in the draft */
      buf_puts(b, "skills");
      for (int i = 0; i < d->nskills; i++)
        buf_printf(b, " %.*s", STRF(d->skills[i]));
      buf_putc(b, ' ');
    }
    buf_printf(b, "%s%s(no technology in the knowledge base meets them with the rest) \xe2\x80\x94 check\n",
               d->drop_prefer ? "prefer " : "", d->drop_compliance ? "compliance " : "");
  }
  if (d->f[F_DEADLINE].given) {
    buf_puts(b, "  deadline ");
    dr_put_duration(b, d->f[F_DEADLINE].v < 2 * 86400 ? 2 * 86400 : d->f[F_DEADLINE].v);
    dr_from_text(b, d->f[F_DEADLINE].said);
  }
  buf_puts(b, "}\n");
}

/* "a" or "an" before a name. */
static const char *article(Str name) {
  char c = name.n ? name.p[0] : 'x';
  return strchr("AEIOUaeiou", c) ? "an" : "a";
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
        dr_assumed(b, "each %.*s belongs to %s %.*s", STRF(e->name), article(p->name), STRF(p->name));
    }
    if (dr_kind_is(e, "message") && d->principal >= 0 && e->parent != d->principal && e->parent >= 0 &&
        !str_eqc(e->relname, "author")) {   /* one field per name: the parent may already be the author */
      buf_printf(b, "  author -> %.*s", STRF(d->ents[d->principal].name));
      dr_assumed(b, "%s %.*s writes each %.*s", article(d->ents[d->principal].name), STRF(d->ents[d->principal].name),
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
    if (e->parent >= 0) {
      const DEnt *p = &d->ents[e->parent];
      buf_printf(b, "  per %.*s ~ ", STRF(p->name));
      dr_put_num(b, e->per);
      dr_assumed(b, "about %g %.*s rows per %.*s", e->per, STRF(e->name), STRF(p->name));
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

void dr_put_size(Buf *b, double bytes) {
  if (bytes >= 1e9 && fmod(bytes, 1e9) == 0)
    buf_printf(b, "%.0fGB", bytes / 1e9);
  else if (bytes >= 1e6 && fmod(bytes, 1e6) == 0)
    buf_printf(b, "%.0fMB", bytes / 1e6);
  else
    buf_printf(b, "%.0fKB", ceil(bytes / 1e3) < 1 ? 1 : ceil(bytes / 1e3));
}

static Str copy_str(Arena *a, Str s) {
  char *p = new(a, char, s.n + 1);
  if (s.n)
    memcpy(p, s.p, (size_t)s.n);
  return (Str){p, s.n};
}

/* ---- the command ---- */

static void json_figures(Json *j, const Draft *d) {
  static const char *const names[] = {"users", "active_percent", "requests_per_day", "writes_per_second",
                                      "devices", "interval_seconds", "peak", "budget_per_month",
                                      "p95_seconds", "p99_seconds", "availability_percent", "deadline_seconds",
                                      "team"};
  json_key(j, "figures");
  json_obj(j);
  for (int i = 0; i < F_COUNT_; i++) {
    if (!d->f[i].given)
      continue;
    json_key(j, names[i]);
    json_num(j, d->f[i].v);
  }
  json_end_obj(j);
}

void intake_new(Arena *a, const Kb *kb, Str text, IntakeOut *out) {
  Draft *d = new(a, Draft, 1);
  d->text = text;
  d->lx = lex_load(a, kb);
  d->w = scan_text(a, text, MAX_WORDS);
  dr_bounds(a, d);
  nouns_scan(a, d);
  nouns_build(a, d);
  figures_scan(a, d);
  nouns_finish(a, d);
  features_scan(a, d);
  d->name = project_name(a, d);
  int given = 0;
  for (int i = 0; i < F_COUNT_; i++)
    given += d->f[i].given;
  bool empty = !d->nents && !given && !d->nskills;
  Buf *b = out->spec;
  buf_puts(b, "# A draft spec written by `plinth new` from an idea text. Lines marked\n"
              "# \"assumed\" are guesses: check each, change it, then run `plinth plan`.\n");
  if (empty) {
    buf_puts(out->msg, "plinth new: found nothing to build on in the text (no domain nouns, features or figures); "
                       "writing a minimal skeleton to fill in\n");
    buf_puts(b, "# The text named no entity, feature or figure Plinth knows: this is a\n"
                "# skeleton: add the records it keeps (see docs/language.md, section 4).\n");
  }
  ptrdiff_t start = b->n;
  dr_render(a, d, NULL, b);
  /* A draft whose settings no stack meets together loses them one by one,
   * the least certain first, until it plans. */
  bool *drops[] = {&d->drop_prefer, &d->drop_region, &d->drop_compliance, &d->drop_skills};   /* the skills the user named go last */
  bool plans = out->no_questions || questions_plans(a, kb, copy_str(a, (Str){b->p + start, b->n - start}), true);
  for (int step = 0; step <= 4 && !plans; step++) {
    for (int k = 0; k < 4; k++)
      *drops[k] = step == 4 || k == step;
    b->n = start;
    dr_render(a, d, NULL, b);
    plans = questions_plans(a, kb, copy_str(a, (Str){b->p + start, b->n - start}), true);
  }
  Str spec = {b->p + start, b->n - start};
  Str copy = copy_str(a, spec);
  Finding top[4];
  int nq = out->no_questions ? 0 : questions_ask(a, kb, d, copy, b, top, 4);
  if (nq < 0)
    buf_puts(out->msg, "plinth new: the draft does not plan cleanly; run 'plinth check' on it\n");
  if (out->json) {
    Json j = {.out = out->json, .schema = PLINTH_SCHEMA_BASE "new.schema.json"};
    json_obj(&j);
    json_key(&j, "plinth_new");
    json_num(&j, 1);
    json_key(&j, "empty");
    json_bool(&j, empty);
    json_key(&j, "project");
    json_str(&j, d->name);
    json_key(&j, "entities");
    json_arr(&j);
    for (int o = -1; o < d->nents; o++) {   /* the principal first, as in the draft */
      int i = o < 0 ? d->principal : o;
      if (i < 0 || (o >= 0 && i == d->principal))
        continue;
      json_obj(&j);
      json_key(&j, "name");
      json_str(&j, d->ents[i].name);
      json_key(&j, "parent");
      if (d->ents[i].parent >= 0)
        json_str(&j, d->ents[d->ents[i].parent].name);
      else
        json_null(&j);
      json_key(&j, "principal");
      json_bool(&j, d->ents[i].principal);
      json_key(&j, "from_text");
      json_bool(&j, !d->ents[i].added);
      json_end_obj(&j);
    }
    json_end_arr(&j);
    json_key(&j, "features");
    json_arr(&j);
    for (ptrdiff_t i = 0; i < copy.n;) {
      ptrdiff_t e = i;
      while (e < copy.n && copy.p[e] != '\n')
        e++;
      Str line = {copy.p + i, e - i};
      if (str_has_prefix(line, S("feature ")) || str_has_prefix(line, S("integration "))) {
        ptrdiff_t k = 0, words = 0;
        while (k < line.n && words < 3) {
          if (line.p[k] == ' ' || line.p[k] == '{')
            words++;
          if (words < 3)
            k++;
        }
        while (k > 0 && line.p[k - 1] == ' ')
          k--;
        json_str(&j, (Str){line.p, k});
      }
      i = e + 1;
    }
    json_end_arr(&j);
    json_key(&j, "skills");
    json_arr(&j);
    for (int i = 0; i < d->nskills; i++)
      json_str(&j, d->skills[i]);
    json_end_arr(&j);
    json_figures(&j, d);
    json_key(&j, "questions");
    json_arr(&j);
    for (int i = 0; i < nq; i++) {
      json_obj(&j);
      json_key(&j, "ask");
      json_cstr(&j, top[i].ask);
      json_key(&j, "at");
      json_str(&j, top[i].at);
      json_key(&j, "flips");
      json_num(&j, top[i].flips);
      json_key(&j, "changes");
      json_str(&j, top[i].changes);
      json_end_obj(&j);
    }
    json_end_arr(&j);
    json_key(&j, "spec");
    json_str(&j, buf_view(b));
    json_end_obj(&j);
    buf_putc(out->json, '\n');
  }
}
