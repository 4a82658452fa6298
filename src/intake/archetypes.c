/* Archetype features from phrases (see draft.h and docs/archetypes.md).
 *
 * An archetype cue of kb/lexicon.kb ("followers see", "nearby", "short
 * links", "transcode", "rate limit") names a feature the language has
 * (feed, presence, chat, nearby, crawl, shortlink, leaderboard, counter,
 * media, rate-limit). The cue record says what the feature applies to:
 * `target` words, noun `kinds`, the `entity` added when the text names
 * none, and the `field`s that entity needs. This pass
 *   - before the parents are set (archetypes_prepare): adds the entity a
 *     feature needs when the text names none, and takes back the figures
 *     that belong to the archetype (a follower count is per author, not
 *     the number of users; "drivers send their location every 5 seconds"
 *     is the nearby update interval, not a fleet of devices);
 *   - after (archetypes_scan): picks the entity, in the user's own word,
 *     and reads the options from the figures near the cue (followers,
 *     radius, pages per month, links per month, average size...);
 *   - archetypes_render writes the feature lines.
 * Every option is written only when the text gives its figure; the plan
 * states the KB default for the rest. */
#include <math.h>
#include <string.h>

#include "draft.h"

static const Cue *cue_of(const Draft *d, const char *feature) {
  for (int i = 0; i < d->lx.ncues; i++)
    if (str_eqc(d->lx.cues[i].feature, feature))
      return &d->lx.cues[i];
  return NULL;
}

static Str lower_name(Arena *a, Str n) {
  char *p = new(a, char, n.n + 1);
  for (ptrdiff_t k = 0; k < n.n; k++)
    p[k] = n.p[k] >= 'A' && n.p[k] <= 'Z' ? (char)(n.p[k] - 'A' + 'a') : n.p[k];
  return (Str){p, n.n};
}

/* Does the entity's name end with one of the cue's target words
 * ("Post", "ShortLink", "VideoClip")? */
static bool names_target(Arena *a, const DEnt *e, const Cue *c) {
  Str n = lower_name(a, e->name);
  for (int t = 0; t < c->ntarget; t++) {
    Str w = c->target[t].text;
    if (n.n >= w.n && !memcmp(n.p + n.n - w.n, w.p, (size_t)w.n))
      return true;
  }
  return false;
}

static bool kind_fits(const DEnt *e, const Cue *c) {
  for (int k = 0; k < c->nkinds; k++)
    if (str_eq(e->kind, c->kinds[k].text))
      return true;
  return false;
}

/* The entity a cue's feature applies to: one named by a target word;
 * else the one named nearest after the cue, then before it, of a fitting
 * kind; else the first of a fitting kind. -1 when none fits. */
static int pick(Arena *a, const Draft *d, const Cue *c, const char *feature, bool any_kind) {
  int best = -1;
  /* an entity named by a target word ("walkers", "drivers", "links") */
  for (int i = 0; i < d->nents && best < 0; i++)
    if (!d->ents[i].added && names_target(a, &d->ents[i], c) && (kind_fits(&d->ents[i], c) || any_kind))
      best = i;
  /* "nearby drivers", "restaurants near me": the thing named with the cue;
   * a cue ending in a pronoun ("near them", "close by") follows it */
  int at0 = dr_cue_pos(d, feature), end0 = dr_cue_end(d, feature);
  static const char *const ends[] = {"me", "you", "them", "us", "their", "my", "by", "distance", "there", "online",
                                     "offline", 0};
  bool after_it = at0 >= 0 && dr_is_list(d, end0, ends);
  if (best < 0 && after_it && at0 > d->sstart[at0] && d->eat[at0 - 1] >= 0 &&
      (kind_fits(&d->ents[d->eat[at0 - 1]], c) || names_target(a, &d->ents[d->eat[at0 - 1]], c)))
    best = d->eat[at0 - 1];
  for (int k = end0 + 1; at0 >= 0 && k < d->w.n && k <= end0 + 2 && d->w.v[k].kind != W_BREAK && best < 0; k++)
    if (d->eat[k] >= 0 && (kind_fits(&d->ents[d->eat[k]], c) || names_target(a, &d->ents[d->eat[k]], c)))
      best = d->eat[k];
  for (int k = at0 - 1; at0 >= 0 && k >= d->sstart[at0] && k >= at0 - 2 && best < 0; k--)
    if (d->eat[k] >= 0 && (kind_fits(&d->ents[d->eat[k]], c) || names_target(a, &d->ents[d->eat[k]], c)) &&
        !d->ents[d->eat[k]].principal)
      best = d->eat[k];
  if (best >= 0)
    return best;
  int at = dr_cue_pos(d, feature), end = dr_cue_end(d, feature);
  if (at >= 0) {
    for (int k = end + 1; k < d->w.n && k <= end + 8 && d->w.v[k].kind != W_BREAK && best < 0; k++)
      if (d->eat[k] >= 0 && kind_fits(&d->ents[d->eat[k]], c) && !d->ents[d->eat[k]].principal)
        best = d->eat[k];
    for (int k = at - 1; k >= d->sstart[at] && k >= at - 10 && best < 0; k--)
      if (d->eat[k] >= 0 && kind_fits(&d->ents[d->eat[k]], c) && !d->ents[d->eat[k]].principal)
        best = d->eat[k];
  }
  for (int i = 0; i < d->nents && best < 0; i++)
    if (kind_fits(&d->ents[i], c) && !d->ents[i].principal && !d->ents[i].added &&
        !dr_kind_is(&d->ents[i], "reading") && !dr_kind_is(&d->ents[i], "device"))
      best = i;
  /* the entity the cue itself added ("a URL shortener": Link) */
  for (int i = 0; i < d->nents && best < 0 && c->entity.n; i++)
    if (d->ents[i].added && str_eq(d->ents[i].name, c->entity))
      best = i;
  return best;
}

static void add_fields(DEnt *e, const Cue *c) {
  for (int k = 0; k < c->nfields; k++) {
    Str name = c->fields[k]->vals[0].text, type = c->fields[k]->vals[1].text;
    /* a leaderboard needs a number to rank by: any int field will do */
    if (str_eqc(type, "int") && (dr_field_typed(e, "int").n || dr_field_typed(e, "float").n))
      continue;
    /* a short key: an existing string field is made unique only by name */
    dr_add_field(e, name, type, false);
  }
}

/* ---- figures near the words ---- */

static bool is_word(const Draft *d, int k, const char *const *list) {
  return k >= 0 && k < d->w.n && d->w.v[k].kind == W_WORD && dr_is_list(d, k, list);
}

/* The word a number counts: past adjectives of the list. */
static int counted(const Draft *d, int i);
/* ... or past one more modifier ("2,000 cooking sites"). */
static bool counts(const Draft *d, int i, const char *const *nouns, int *j);

static int counted(const Draft *d, int i) {
  static const char *const adj[] = {"new", "unique", "short", "distinct", "different", "daily", "monthly",
                                    "weekly", "active", "more", "total", "web", "total", "million", "billion", 0};
  int j = i + 1;
  while (j < d->w.n && j <= d->send[i] && is_word(d, j, adj))
    j++;
  return j <= d->send[i] && j < d->w.n && d->w.v[j].kind == W_WORD ? j : -1;
}

static bool counts(const Draft *d, int i, const char *const *nouns, int *j) {
  *j = counted(d, i);
  if (*j < 0)
    return false;
  if (is_word(d, *j, nouns))
    return true;
  if (!dr_punct_before(d, *j + 1) && is_word(d, *j + 1, nouns)) {
    ++*j;
    return true;
  }
  return false;
}

/* The period of the number at i: its own ("10k/day") or said after the
 * noun it counts (j): "50 million pages a month". */
static double per_of(const Draft *d, int i, int j) {
  int len;
  double p = d->w.v[i].per;
  return p > 0 ? p : j >= 0 ? dr_period(d, j + 1, &len) : 0;
}

/* The first number of `unit` counting a word of `nouns` (a rate when
 * `rate`: *per is its period); -1 if none. */
static int number_of(const Draft *d, const char *const *nouns, NumUnit unit, bool rate, double *per) {
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    int j;
    if (x->kind != W_NUMBER || x->unit != unit || x->value <= 0 || !counts(d, i, nouns, &j))
      continue;
    double p = per_of(d, i, j);
    if ((rate && p <= 0) || (!rate && p > 0))
      continue;
    if (per)
      *per = p;
    return i;
  }
  return -1;
}

/* A number of `unit` within `back` words after a word of `words` in its
 * sentence ("within 3 km", "expire after 30 days"); -1 if none. */
static int number_after(const Draft *d, const char *const *words, NumUnit unit, int back) {
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_NUMBER || x->unit != unit || x->value <= 0)
      continue;
    for (int k = i - 1; k >= d->sstart[i] && k >= i - back; k--)
      if (is_word(d, k, words))
        return i;
  }
  return -1;
}

/* The rate at word i is the feature's (pages a crawler fetches, links
 * created, uploads, counter updates): the plan writes those rows from the
 * feature, so the project's writes do not state it again. */
static void claim_rate(Draft *d, int i) {
  if (d->f[F_WRITES].given && d->f[F_WRITES].said.p == d->w.v[i].text.p) {
    d->f[F_WRITES].given = false;
    d->writes_records = false;
  }
}

static void put_rate(Buf *b, double v, double per) {
  static const double secs[] = {1, 60, 3600, 86400, 604800, 2629800};
  static const char *const names[] = {"s", "min", "hour", "day", "week", "month"};
  int best = 5;
  for (int k = 0; k < 6; k++)
    if (fabs(per - secs[k]) < secs[k] * 0.05)
      best = k;
  double n = v * secs[best] / per;
  dr_put_num(b, n < 1 ? 1 : round(n));
  buf_printf(b, "/%s", names[best]);
}

/* A distance after the number at i: "3 km", "3km", "500 m", "2 miles";
 * the metres, 0 if none. */
static double distance_at(const Draft *d, int i) {
  const EnWord *x = &d->w.v[i];
  if (x->kind != W_NUMBER)
    return 0;
  static const char *const km[] = {"km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", 0};
  static const char *const m[] = {"m", "meter", "meters", "metre", "metres", 0};
  static const char *const mi[] = {"mi", "mile", "miles", 0};
  Str t = x->text;
  if (x->unit == NU_COUNT && x->per == 0) {
    if (is_word(d, i + 1, km))
      return x->value * 1000;
    if (is_word(d, i + 1, m))
      return x->value;
    if (is_word(d, i + 1, mi))
      return x->value * 1609.344;
  }
  /* glued: "3km", "500m" (read as 500 million by the scanner), "2mi" */
  double v = 0;
  ptrdiff_t k = 0;
  while (k < t.n && ((t.p[k] >= '0' && t.p[k] <= '9') || t.p[k] == '.'))
    k++;
  if (!k || k == t.n)
    return 0;
  for (ptrdiff_t q = 0, dot = -1; q < k; q++) {
    if (t.p[q] == '.') {
      dot = q;
      continue;
    }
    v = dot < 0 ? v * 10 + (t.p[q] - '0') : v + (t.p[q] - '0') * pow(10, -(double)(q - dot));
  }
  Str u = {t.p + k, t.n - k};
  if (str_eqc(u, "km"))
    return v * 1000;
  if (str_eqc(u, "m"))
    return v;
  if (str_eqc(u, "mi"))
    return v * 1609.344;
  return 0;
}

static void put_distance(Buf *b, double m) {
  if (m >= 1000 && fmod(m, 1000) == 0)
    buf_printf(b, "%.0fkm", m / 1000);
  else if (m >= 1000)
    buf_printf(b, "%.1fkm", m / 1000);
  else
    buf_printf(b, "%.0fm", m < 1 ? 1 : m);
}

static bool said(const Draft *d, const char *const *words) {
  for (int i = 0; i < d->w.n; i++)
    if (d->w.v[i].kind == W_WORD && dr_is_list(d, i, words))
      return true;
  return false;
}

/* Records the feature; the options move from `opts` to the arena. */
static void add_arch(Arena *a, Draft *d, const char *kind, int ent, Buf *opts, Str said_) {
  if (d->narch < MAX_ARCH) {
    Arch *x = &d->arch[d->narch++];
    x->kind = str_c(kind);
    x->ent = ent;
    char *p = new(a, char, opts->n + 1);
    if (opts->n)
      memcpy(p, opts->p, (size_t)opts->n);
    x->opts = (Str){p, opts->n};
    x->said = said_;
  }
  buf_free(opts);
}

static Str cue_said(const Draft *d, const char *feature) {
  int at = dr_cue_pos(d, feature);
  return at < 0 ? (Str){0} : dr_said(d, at, dr_cue_end(d, feature));
}

/* ---- before the parents ---- */

static const char *const location_words[] = {"location", "locations", "position", "positions", "gps",
                                             "coordinates", "whereabouts", 0};

/* Sets a cue the lexicon's words missed, at word i. */
static void set_cue(Draft *d, const char *name, int i) {
  for (int c = 0; c < d->ncues; c++)
    if (str_eqc(d->cue_names[c], name) && !d->cue[c]) {
      d->cue[c] = true;
      d->cue_first[c] = d->cue_last[c] = i;
    }
}

void archetypes_prepare(Arena *a, Draft *d) {
  /* "readers follow authors", "fans follow their favourite bands": a follow
   * graph between people, whose posts then fan out (feature feed) */
  static const char *const follow[] = {"follow", "follows", "following", "followed", 0};
  static const char *const det[] = {"their", "other", "the", "each", "favourite", "favorite", "favorite", "some",
                                    "many", "popular", 0};
  for (int i = 0; i < d->w.n && !dr_has_cue(d, "feed"); i++) {
    if (!dr_is_list(d, i, follow) ||
        dr_is_list(d, i - 1, (const char *const[]){"a", "an", "the", "their", "his", "her", "its", "our", "my", "your", 0}))
      continue;
    int k = i + 1;
    while (k < d->w.n && k <= i + 3 && dr_is_list(d, k, det))
      k++;
    const EnWord *x = dr_wd(d, k);
    if (!x || x->kind != W_WORD || k > d->send[i])
      continue;
    bool person = (d->eat[k] >= 0 && dr_kind_is(&d->ents[d->eat[k]], "person")) ||
                  (d->nat[k] && str_eqc(d->nat[k]->kind, "person"));
    static const char *const people[] = {"people", "friends", "creators", "artists", "authors", "users", "accounts",
                                         "bands", "writers", "chefs", "athletes", "brands", "celebrities",
                                         "influencers", "each", "one", 0};
    if (person || dr_is_list(d, k, people))
      set_cue(d, "feed", i);
  }
  /* "drivers send their location every 5 seconds": the nearby update
   * interval, not devices */
  if (dr_has_cue(d, "nearby") && d->f[F_INTERVAL].given && !d->f[F_DEVICES].given) {
    Str s = d->f[F_INTERVAL].said;
    int at = -1;
    for (int i = 0; i < d->w.n && at < 0; i++)
      if (d->w.v[i].off >= s.p - d->text.p)
        at = i;
    bool loc = false;
    for (int k = at >= 0 ? d->sstart[at] : 0; at >= 0 && k <= d->send[at]; k++)
      loc |= is_word(d, k, location_words);
    if (loc) {
      d->nearby_every = d->f[F_INTERVAL].v;
      d->nearby_every_said = s;
      d->f[F_INTERVAL].given = false;
    }
  }
  /* "find pet sitters close by", "ranks teams on a leaderboard", "which
   * friends are online": the plural named with the cue is the thing the
   * feature is about, even when no verb made it an entity */
  static const char *const near_words[] = {"nearby", "leaderboard", "presence", 0};
  static const char *const skip[] = {"a", "an", "the", "on", "in", "of", "by", "to", "for", "with", "their", "our",
                                     "are", "is", "who", "which", "all", "global", "public", "live", 0};
  for (int c = 0; near_words[c]; c++) {
    const Cue *cu = cue_of(d, near_words[c]);
    int at = dr_cue_pos(d, near_words[c]), end = dr_cue_end(d, near_words[c]);
    if (!cu || at < 0)
      continue;
    /* the word the cue is said of: before "close by", "near them", "are
     * online"; after "nearby", "closest"; further only when no entity fits */
    static const char *const ends[] = {"me", "you", "them", "us", "their", "my", "by", "distance", "there",
                                       "online", "offline", 0};
    int adj = dr_is_list(d, end, ends) ? at - 1 : end + 1;
    bool wide = pick(a, d, cu, near_words[c], true) < 0;
    int found = -1;
    for (int dist = 0; dist <= 4 && found < 0 && (dist == 0 || wide); dist++)
      for (int side = 0; side < 2 && found < 0; side++) {
        int k = dist == 0 ? (side ? -1 : adj) : side ? end + dist : at - dist;
        const EnWord *x = dr_wd(d, k);
        if (!x || x->kind != W_WORD || d->sstart[k] != d->sstart[at] || d->eat[k] >= 0 || dr_is_list(d, k, skip))
          continue;
        Str sg = scan_singular(a, x->text);
        bool letters = x->text.n >= 4 && x->text.n <= 30;
        for (ptrdiff_t q = 0; q < x->text.n && letters; q++)
          letters = x->text.p[q] >= 'a' && x->text.p[q] <= 'z';
        if (letters && !str_eq(sg, x->text) && !lex_stop_noun(sg) && !nouns_is_verb(x->text))
          found = k;
      }
    if (found < 0)
      continue;
    Str sg = scan_singular(a, d->w.v[found].text);
    char *p = new(a, char, sg.n + 1);
    memcpy(p, sg.p, (size_t)sg.n);
    p[0] = (char)(p[0] - 'a' + 'A');
    int e = dr_add_entity(d, (Str){p, sg.n}, cu->nkinds ? cu->kinds[0].text : S("thing"));
    if (e < 0)
      continue;
    d->ents[e].added = false;
    d->ents[e].first = found;
    d->ents[e].said = d->w.v[found].text;
    d->ents[e].strength = 2;
    if (dr_kind_is(&d->ents[e], "person"))
      dr_add_field(&d->ents[e], S("name"), S("string(120)"), false);
    for (int q = 0; q < d->w.n; q++)
      if (d->eat[q] < 0 && d->w.v[q].kind == W_WORD && str_eq(scan_singular(a, d->w.v[q].text), sg))
        d->eat[q] = e;
  }
  /* the entity each archetype needs, when the text names none */
  static const char *const need[] = {"feed", "crawl", "shortlink", "media", "reserve", "collab", "exchange", 0};
  for (int k = 0; need[k]; k++) {
    const Cue *c = cue_of(d, need[k]);
    if (!c || !dr_has_cue(d, need[k]) || !c->entity.n || pick(a, d, c, need[k], false) >= 0)
      continue;
    /* media only for the things people upload: video or audio, said */
    Str id = lower_name(a, c->entity);
    char *z = new(a, char, id.n + 1);
    memcpy(z, id.p, (size_t)id.n);
    if (dr_ensure(d, z) < 0)
      dr_add_entity(d, c->entity, S("thing"));
  }
}

/* ---- after ---- */

static const char *const follower_words[] = {"follower", "followers", 0};

static void feed(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "feed", false);
  if (t < 0)
    return;
  Buf b = {0};
  /* "200 followers on average", "each user has about 300 followers";
   * a maximum ("up to 5 million followers") is not the average */
  static const char *const most[] = {"up", "to", "over", "than", "celebrities", "celebrity", "popular", "famous",
                                     "some", "max", "maximum", "millions", "top", "biggest", "largest", 0};
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    int j;
    if (x->kind != W_NUMBER || x->unit != NU_COUNT || x->per > 0 || (j = counted(d, i)) < 0 ||
        !is_word(d, j, follower_words) || x->value < 1 || x->value > 1e10)
      continue;
    bool max = false;
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 4; k--)
      max |= is_word(d, k, most);
    if (max)
      continue;
    buf_puts(&b, "followers ");
    dr_put_num(&b, x->value);
    break;
  }
  add_arch(a, d, "feed", t, &b, cue_said(d, "feed"));
}

static void presence(Arena *a, Draft *d, const Cue *c) {
  (void)c;
  int t = d->principal;
  if (t < 0)
    return;
  Buf b = {0};
  if (dr_has_cue(d, "mobile"))
    buf_puts(&b, "clients web mobile");
  add_arch(a, d, "presence", t, &b, cue_said(d, "presence"));
}

static void chat(Arena *a, Draft *d) {
  int t = dr_first_of_kind(d, "message");
  if (t < 0)
    return;
  Buf b = {0};
  /* "groups of up to 50 people", "rooms with 20 members" */
  static const char *const per_group[] = {"member", "members", "people", "participants", "users", "persons", 0};
  static const char *const group[] = {"room", "rooms", "group", "groups", "channel", "channels", "conversation",
                                      "conversations", "chat", "chats", "team", "teams", 0};
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    int j;
    if (x->kind != W_NUMBER || x->unit != NU_COUNT || x->per > 0 || x->value < 2 || x->value > 100000 ||
        (j = counted(d, i)) < 0 || !is_word(d, j, per_group))
      continue;
    bool in_group = is_word(d, j + 1, (const char *const[]){"per", "each", "in", 0}) && is_word(d, j + 2, group);
    in_group |= is_word(d, j + 2, group) && is_word(d, j + 1, (const char *const[]){"a", "each", "per", 0});
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 4 && !in_group; k--)
      in_group = is_word(d, k, group);
    if (!in_group)
      continue;
    buf_puts(&b, "members ");
    dr_put_num(&b, x->value);
    break;
  }
  if (dr_has_cue(d, "mobile"))
    buf_printf(&b, "%sclients web mobile", b.n ? "  " : "");
  add_arch(a, d, "chat", t, &b, cue_said(d, "chat"));
}

static void nearby(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "nearby", true);
  if (t < 0)
    return;
  /* the thing found near a place gets its coordinates */
  if (!dr_has_field(&d->ents[t], S("lat")) && !dr_has_field(&d->ents[t], S("latitude")))
    add_fields(&d->ents[t], c);
  Buf b = {0};
  static const char *const within[] = {"within", "radius", "range", "around", "inside", "up", "to", "of", "than", 0};
  for (int i = 0; i < d->w.n; i++) {
    double m = distance_at(d, i);
    if (m <= 0 || m > 1e6)
      continue;
    bool ok = is_word(d, i - 1, within) || is_word(d, i + 2, (const char *const[]){"radius", "away", 0}) ||
              is_word(d, i + 1, (const char *const[]){"radius", "away", 0});
    if (!ok)
      continue;
    buf_puts(&b, "radius ");
    put_distance(&b, m);
    break;
  }
  if (d->nearby_every > 0) {
    buf_printf(&b, "%supdates ", b.n ? "  " : "");
    dr_put_duration(&b, d->nearby_every);
  }
  static const char *const match[] = {"match", "matches", "matched", "matching", "assign", "assigns", "assigned",
                                      "dispatch", "dispatches", "dispatched", "pair", "pairs",
                                      "paired", "request", "requests", "requested", "hail", "hails", 0};
  if (said(d, match))
    buf_printf(&b, "%smatch", b.n ? "  " : "");
  add_arch(a, d, "nearby", t, &b, cue_said(d, "nearby"));
}

static void crawl(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "crawl", false);
  if (t < 0)
    return;
  add_fields(&d->ents[t], c);
  /* Fetched pages come from the web, not from the people who sign in: none
   * of them owns one unless the text says so. */
  if (!d->ents[t].parent_said && d->ents[t].parent == d->principal)
    d->ents[t].parent = -1;
  d->ents[t].fetched = !d->ents[t].parent_said;
  Buf b = {0};
  static const char *const pages[] = {"page", "pages", "url", "urls", "document", "documents", "webpage",
                                      "webpages", "sites", "listings", "products", "articles", 0};
  double per = 0;
  int i = number_of(d, pages, NU_COUNT, true, &per);
  if (i >= 0) {
    buf_puts(&b, "pages ");
    put_rate(&b, d->w.v[i].value, per);
    claim_rate(d, i);
  }
  static const char *const hosts[] = {"sites", "websites", "domains", "hosts", "shops", "stores", 0};
  i = number_of(d, hosts, NU_COUNT, false, NULL);
  if (i >= 0) {
    buf_printf(&b, "%shosts ", b.n ? "  " : "");
    dr_put_num(&b, d->w.v[i].value);
  }
  /* "re-crawl every week", "refresh each page monthly" */
  static const char *const again[] = {"recrawl", "re-crawl", "recrawls", "re-crawls", "recrawling", "re-crawling", "recrawled", "re-crawled", "revisit", "revisited",
                                      "refresh", "refreshed", "again", "updated", "re-fetch", "refetch", 0};
  for (int k = 0; k < d->w.n; k++) {
    if (!is_word(d, k, again))
      continue;
    double p = 0;
    for (int q = k; q <= d->send[k] && p <= 0; q++) {
      int len;
      if (dr_is(d, q, "every") || dr_is(d, q, "each"))
        p = dr_period(d, q, &len);
      if (p <= 0 && d->w.v[q].kind == W_WORD)
        p = dr_period(d, q, &len);
      if (p <= 0 && d->w.v[q].kind == W_NUMBER && d->w.v[q].unit == NU_DURATION && dr_is(d, q - 1, "every"))
        p = d->w.v[q].value;
    }
    if (p >= 3600) {
      buf_printf(&b, "%srecrawl ", b.n ? "  " : "");
      dr_put_duration(&b, p);
      break;
    }
  }
  /* politeness: "one request per second per host", "wait 2 seconds between" */
  static const char *const between[] = {"between", "per", "politeness", "delay", "wait", 0};
  for (int k = 0; k < d->w.n; k++) {
    const EnWord *x = &d->w.v[k];
    if (x->kind != W_NUMBER || x->unit != NU_DURATION || x->value <= 0 || x->value > 3600)
      continue;
    bool host = false;
    for (int q = d->sstart[k]; q <= d->send[k]; q++)
      host |= is_word(d, q, hosts) || dr_is(d, q, "host") || dr_is(d, q, "site") || dr_is(d, q, "domain");
    bool near_between = is_word(d, k - 1, between) || is_word(d, k + 1, between) || is_word(d, k - 2, between);
    if (host && near_between) {
      buf_printf(&b, "%spoliteness ", b.n ? "  " : "");
      dr_put_duration(&b, x->value);
      break;
    }
  }
  add_arch(a, d, "crawl", t, &b, cue_said(d, "crawl"));
}

static void shortlink(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "shortlink", true);
  if (t < 0 || dr_kind_is(&d->ents[t], "person"))
    return;
  add_fields(&d->ents[t], c);
  Buf b = {0};
  static const char *const links[] = {"link", "links", "url", "urls", "shortlinks", "aliases", "codes", 0};
  double per = 0;
  int i = number_of(d, links, NU_COUNT, true, &per);
  if (i >= 0) {
    buf_puts(&b, "links ");
    put_rate(&b, d->w.v[i].value, per);
    claim_rate(d, i);
  }
  static const char *const clicks[] = {"click", "clicks", "redirect", "redirects", "visit", "visits", "hit", "hits",
                                       "views", "opens", 0};
  i = number_of(d, clicks, NU_COUNT, true, &per);
  if (i >= 0) {
    buf_printf(&b, "%sredirects ", b.n ? "  " : "");
    put_rate(&b, d->w.v[i].value, per);
  }
  /* no click counting: "no tracking", "we don't track", "privacy" */
  bool none = false;
  for (int k = 0; k < d->w.n && !none; k++)
    none = (dr_is(d, k, "no") || dr_is(d, k, "without") || dr_is(d, k, "dont") || dr_is(d, k, "don't") ||
            dr_is(d, k, "never") || dr_is(d, k, "not")) &&
           (is_word(d, k + 1, (const char *const[]){"tracking", "track", "analytics", "stats", "counting", 0}) ||
            is_word(d, k + 2, (const char *const[]){"tracking", "track", "analytics", "stats", "counting", 0}));
  static const char *const analytics[] = {"analytics", "stats", "statistics", "clicks", "click", "tracking", 0};
  if (none)
    buf_printf(&b, "%sno-analytics", b.n ? "  " : "");
  else if (said(d, analytics))
    buf_printf(&b, "%sanalytics", b.n ? "  " : "");
  static const char *const expire[] = {"expire", "expires", "expiry", "expiration", "expiring", "expired", "after",
                                       "valid", "last", "lasts", "deleted", 0};
  i = number_after(d, expire, NU_DURATION, 4);
  if (i >= 0 && d->w.v[i].value >= 60) {
    buf_printf(&b, "%sexpire ", b.n ? "  " : "");
    dr_put_duration(&b, d->w.v[i].value);
  }
  add_arch(a, d, "shortlink", t, &b, cue_said(d, "shortlink"));
}

static void leaderboard(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "leaderboard", true);
  if (t < 0)
    t = d->principal;
  if (t < 0)
    return;
  add_fields(&d->ents[t], c);
  Buf b = {0};
  for (int i = 1; i < d->w.n; i++)
    if (d->w.v[i].kind == W_NUMBER && d->w.v[i].unit == NU_COUNT && dr_is(d, i - 1, "top") &&
        d->w.v[i].value >= 1 && d->w.v[i].value <= 1e6 && d->w.v[i].per == 0) {
      buf_puts(&b, "top ");
      dr_put_num(&b, d->w.v[i].value);
      break;
    }
  static const char *const upd[] = {"score", "scores", "update", "updates", "game", "games", "match", "matches",
                                    "point", "points", "result", "results", "runs", 0};
  double per = 0;
  int i = number_of(d, upd, NU_COUNT, true, &per);
  if (i >= 0) {
    buf_printf(&b, "%supdates ", b.n ? "  " : "");
    put_rate(&b, d->w.v[i].value, per);
    /* "100 million matches a day": each writes scores, the project's
     * writes when the text gives no other */
    int plen = 0;
    if (!d->f[F_WRITES].given && per > 0 && dr_period(d, i + 2, &plen) > 0)
      d->f[F_WRITES] = (Figure){.v = d->w.v[i].value / per, .given = true, .said = dr_said(d, i, i + 1 + plen)},
      d->writes_records = true;
  }
  add_arch(a, d, "leaderboard", t, &b, cue_said(d, "leaderboard"));
}

static void counter(Arena *a, Draft *d, const Cue *c) {
  int at = dr_cue_pos(d, "counter"), end = dr_cue_end(d, "counter");
  int t = -1;
  /* the counted thing: named after the cue ("view counts on videos"),
   * else before it ("each post shows its likes") */
  for (int k = end + 1; k < d->w.n && k <= end + 6 && d->w.v[k].kind != W_BREAK && t < 0; k++)
    if (d->eat[k] >= 0 && kind_fits(&d->ents[d->eat[k]], c))
      t = d->eat[k];
  for (int k = at - 1; at >= 0 && k >= d->sstart[at] && t < 0; k--)
    if (d->eat[k] >= 0 && kind_fits(&d->ents[d->eat[k]], c))
      t = d->eat[k];
  if (t < 0)
    t = dr_main_ent(d);
  if (t < 0 || dr_kind_is(&d->ents[t], "person") || dr_kind_is(&d->ents[t], "reading"))
    return;
  /* a short link's clicks are counted by its analytics */
  for (int i = 0; i < d->narch; i++)
    if (d->arch[i].ent == t && str_eqc(d->arch[i].kind, "shortlink"))
      return;
  Buf b = {0};
  static const char *const upd[] = {"like", "likes", "view", "views", "vote", "votes", "upvotes", "plays", "clicks",
                                    0};
  double per = 0;
  int i = number_of(d, upd, NU_COUNT, true, &per);
  if (i >= 0) {
    buf_puts(&b, "updates ");
    put_rate(&b, d->w.v[i].value, per);
    claim_rate(d, i);
  }
  add_arch(a, d, "counter", t, &b, cue_said(d, "counter"));
}

static void media(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "media", false);
  if (t < 0)
    return;
  Buf b = {0};
  Str ename = lower_name(a, d->ents[t].name);
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    int j;
    if (x->kind != W_NUMBER || x->unit != NU_COUNT || (j = counted(d, i)) < 0 || per_of(d, i, j) <= 0)
      continue;
    Str w = scan_singular(a, d->w.v[j].text);
    if (str_eq(w, ename) || str_eqc(w, "upload") || str_eqc(w, "video") || str_eqc(w, "file")) {
      buf_puts(&b, "uploads ");
      put_rate(&b, x->value, per_of(d, i, j));
      claim_rate(d, i);
      break;
    }
  }
  static const char *const avg[] = {"average", "avg", "typical", "typically", "about", "around", "roughly",
                                    "usually", "mostly", "~", 0};
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_NUMBER || x->unit != NU_SIZE || x->value <= 0 || x->value > 1e13)
      continue;
    bool av = false;
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 3; k--)
      av |= is_word(d, k, avg);
    if (av) {
      buf_printf(&b, "%ssize ", b.n ? "  " : "");
      dr_put_size(&b, x->value);
      break;
    }
  }
  /* renditions: "in 4 resolutions", or the resolutions listed (480p, 720p, 1080p) */
  static const char *const rend[] = {"resolutions", "renditions", "qualities", "bitrates", "formats", "sizes",
                                     "versions", 0};
  int nr = 0, np = 0;
  for (int i = 0; i < d->w.n && !nr; i++)
    if (d->w.v[i].kind == W_NUMBER && d->w.v[i].unit == NU_COUNT && is_word(d, counted(d, i), rend) &&
        d->w.v[i].value >= 1 && d->w.v[i].value <= 20)
      nr = (int)d->w.v[i].value;
  for (int i = 0; i < d->w.n; i++) {
    Str s = d->w.v[i].text;
    bool p = s.n >= 4 && s.n <= 6 && (s.p[s.n - 1] == 'p' || s.p[s.n - 1] == 'P');
    for (ptrdiff_t k = 0; p && k < s.n - 1; k++)
      p = s.p[k] >= '0' && s.p[k] <= '9';
    np += p;
  }
  if (!nr && np >= 2 && np <= 20)
    nr = np;
  if (nr) {
    buf_printf(&b, "%srenditions ", b.n ? "  " : "");
    dr_put_num(&b, nr);
  }
  add_arch(a, d, "media", t, &b, cue_said(d, "media"));
}

static void ratelimit(Arena *a, Draft *d) {
  Buf b = {0};
  static const char *const reqs[] = {"request", "requests", "call", "calls", "req", "reqs", "api", "hits",
                                     "messages", "posts", "tries", "attempts", 0};
  int at = dr_cue_pos(d, "ratelimit");
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    int j;
    if (x->kind != W_NUMBER || x->unit != NU_COUNT || !counts(d, i, reqs, &j) || per_of(d, i, j) <= 0)
      continue;
    /* the limit is said with the cue, or "per user / per client / per key" */
    bool per_client = false;
    for (int k = j + 1; k <= d->send[i] && k <= j + 8; k++)
      per_client |= (dr_is(d, k, "per") || dr_is(d, k, "each") || dr_is(d, k, "every")) &&
                    is_word(d, k + 1, (const char *const[]){"user", "client", "ip", "key", "account", "customer",
                                                            "token", "address", "api", 0});
    if (!per_client && !(at >= 0 && d->sstart[at] == d->sstart[i]))
      continue;
    buf_puts(&b, "limit ");
    put_rate(&b, x->value, per_of(d, i, j));
    break;
  }
  const char *by = NULL;
  for (int k = 0; k < d->w.n && !by; k++) {
    if (!dr_is(d, k, "per") && !dr_is(d, k, "each") && !dr_is(d, k, "by"))
      continue;
    int q = k + 1;
    if (dr_is(d, q, "api") || dr_is(d, q, "ip"))
      by = dr_is(d, q, "api") ? "key" : "ip";
    else if (is_word(d, q, (const char *const[]){"user", "users", "account", "accounts", "customer", "customers", 0}))
      by = "user";
    else if (is_word(d, q, (const char *const[]){"key", "keys", "token", "tokens", 0}))
      by = "key";
  }
  if (by)
    buf_printf(&b, "%sby %s", b.n ? "  " : "", by);
  add_arch(a, d, "rate-limit", -1, &b, cue_said(d, "ratelimit"));
}

/* Units buyers compete for: how many, who rushes when a sale opens and
 * within how long, how long a unit stays held, and whether any unit
 * serves (a pool). */
static void reserve(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "reserve", true);
  if (t < 0 || dr_kind_is(&d->ents[t], "person"))
    return;
  add_fields(&d->ents[t], c);
  /* A unit on sale belongs to what is sold (a concert's seats, a hotel's
   * rooms), not to a buyer: the first other thing of the text. */
  if (!d->ents[t].parent_said && d->ents[t].parent == d->principal) {
    d->ents[t].parent = -1;
    for (int k = 0; k < d->nents && d->ents[t].parent < 0; k++)
      if (k != t && !d->ents[k].principal && !d->ents[k].added &&
          (dr_kind_is(&d->ents[k], "thing") || dr_kind_is(&d->ents[k], "event") || dr_kind_is(&d->ents[k], "group")))
        d->ents[t].parent = k;
  }
  Buf b = {0};
  static const char *const units[] = {"seat", "seats", "ticket", "tickets", "room", "rooms", "spot", "spots",
                                      "slot", "slots", "unit", "units", "item", "items", "places", 0};
  int i = number_of(d, units, NU_COUNT, false, NULL);
  /* or counted by the unit's own noun ("500 sneakers go on sale") */
  for (int k = 0; k < d->w.n && i < 0; k++) {
    int j = counted(d, k);
    if (d->w.v[k].kind == W_NUMBER && d->w.v[k].unit == NU_COUNT && d->w.v[k].value > 0 && j >= 0 &&
        d->eat[j] == t && d->w.v[k].per <= 0)
      i = k;
  }
  if (i >= 0) {
    buf_puts(&b, "units ");
    dr_put_num(&b, d->w.v[i].value);
  }
  /* the rush: people counted in a sentence where they try, compete or
   * queue ("2 million fans try to buy 50,000 seats within 10 minutes") */
  static const char *const people[] = {"fans", "buyers", "people", "users", "customers", "shoppers", "visitors",
                                       "attendees", "bidders", 0};
  static const char *const rush[] = {"try", "tries", "trying", "compete", "competing", "rush", "rushing", "queue",
                                     "queueing", "scramble", "wait", "waiting", "race", 0};
  for (int k = 0; k < d->w.n; k++) {
    const EnWord *x = &d->w.v[k];
    int j;
    if (x->kind != W_NUMBER || x->unit != NU_COUNT || x->value <= 0 || !counts(d, k, people, &j))
      continue;
    bool rushing = false;
    for (int q = j + 1; q <= d->send[k] && q <= j + 3 && !rushing; q++)
      rushing = is_word(d, q, rush);
    if (!rushing)
      continue;
    buf_printf(&b, "%sbuyers ", b.n ? "  " : "");
    dr_put_num(&b, x->value);
    /* "within 10 minutes", "in 5 minutes" in the same sentence */
    for (int q = k; q <= d->send[k]; q++)
      if (d->w.v[q].kind == W_NUMBER && d->w.v[q].unit == NU_DURATION && d->w.v[q].value > 0 &&
          (dr_is(d, q - 1, "within") || dr_is(d, q - 1, "in") || dr_is(d, q - 1, "first"))) {
        buf_puts(&b, "  window ");
        dr_put_duration(&b, d->w.v[q].value);
        break;
      }
    break;
  }
  static const char *const held[] = {"held", "hold", "holds", "reserved", "kept", "locked", 0};
  i = number_after(d, held, NU_DURATION, 4);
  if (i >= 0) {
    buf_printf(&b, "%shold ", b.n ? "  " : "");
    dr_put_duration(&b, d->w.v[i].value);
  }
  static const char *const pools[] = {"stock", "inventory", "general", "flash", 0};
  if (said(d, pools))
    buf_printf(&b, "%spool", b.n ? "  " : "");
  add_arch(a, d, "reserve", t, &b, cue_said(d, "reserve"));
}

/* Documents several people edit at once: how many at a time, and whether
 * they edit offline. */
static void collab(Arena *a, Draft *d, const Cue *c) {
  int t = pick(a, d, c, "collab", true);
  if (t < 0 || dr_kind_is(&d->ents[t], "person"))
    return;
  /* what people edit together is shared with them, and is text: a file
   * field of its noun becomes its body */
  DEnt *en = &d->ents[t];
  en->together = true;
  for (int k = 0; k < en->nf; k++)
    if (str_has_prefix(en->f[k].type, S("blob")) && !en->f[k].from_text)
      en->f[k] = (DField){.name = S("body"), .type = S("text")};
  Buf b = {0};
  static const char *const people[] = {"people", "editors", "users", "writers", "designers", "members",
                                       "collaborators", "teammates", 0};
  static const char *const at[] = {"up", "to", "once", "same", "together", "simultaneously", "concurrently", 0};
  for (int k = 0; k < d->w.n; k++) {
    const EnWord *x = &d->w.v[k];
    int j;
    if (x->kind != W_NUMBER || x->unit != NU_COUNT || x->value < 1 || x->value > 1000 || x->per > 0 ||
        !counts(d, k, people, &j))
      continue;
    bool together = false;
    for (int q = k - 2; q <= j + 6 && q <= d->send[k]; q++)
      together |= q >= d->sstart[k] && is_word(d, q, at);
    if (!together)
      continue;
    buf_puts(&b, "editors ");
    dr_put_num(&b, x->value);
    break;
  }
  static const char *const off[] = {"offline", 0};
  if (said(d, off))
    buf_printf(&b, "%soffline", b.n ? "  " : "");
  add_arch(a, d, "collab", t, &b, cue_said(d, "collab"));
}

/* Orders matched in a book per instrument: the order's own shape (side,
 * price and size the trader sends; what filled and the status, the
 * server's), the instrument it trades, and `instruments` when the text
 * counts them ("150 trading pairs"). */
static void exchange(Arena *a, Draft *d, const Cue *c) {
  static const char *const instr[] = {"pair", "pairs", "instrument", "instruments", "symbol", "symbols", "ticker",
                                      "tickers", "stock", "stocks", "coin", "coins", "token", "tokens", "contract",
                                      "contracts", "security", "securities", "market", "markets", 0};
  int in = -1;
  for (int k = 0; k < d->w.n && in < 0; k++)
    if (d->eat[k] >= 0 && is_word(d, k, instr) && !dr_kind_is(&d->ents[d->eat[k]], "person"))
      in = d->eat[k];
  /* the orders, never the instrument they trade ("500 markets") */
  int t = pick(a, d, c, "exchange", true);
  if (t == in || t < 0) {
    if ((t = dr_add_entity(d, c->entity, S("money"))) < 0)
      return;
    d->ents[t].parent = d->principal;
    d->ents[t].relname = S("owner");
  }
  if (dr_kind_is(&d->ents[t], "person"))
    return;
  DEnt *e = &d->ents[t];
  /* "bids and asks are matched": a bid is one side of an order, and the
   * book holds both sides as the cue's entity (no row hangs under it yet) */
  static const char *const sides[] = {"Bid", "Ask", "Offer", 0};
  bool side = false, held = false;
  for (int k = 0; sides[k]; k++)
    side |= str_eqc(e->name, sides[k]);
  for (int k = 0; side && k < d->nents; k++)
    held |= d->ents[k].parent == t;
  if (side && !held)
    e->name = c->entity;
  /* a shop order's usual total and shipping lifecycle, and a bid's single
   * amount, are not a book's: side, price and size are */
  int n = 0;
  for (int k = 0; k < e->nf; k++)
    if (e->f[k].from_text ||
        !(str_eqc(e->f[k].name, "status") || str_eqc(e->f[k].name, "total") || str_eqc(e->f[k].name, "amount")))
      e->f[n++] = e->f[k];
  e->nf = n;
  add_fields(e, c);
  dr_add_field(e, S("status"), S("enum(open, partial, filled, cancelled) = open readonly"), false);
  if (in < 0 && (in = dr_add_entity(d, S("Instrument"), S("thing"))) >= 0)
    dr_add_field(&d->ents[in], S("symbol"), S("string(20) unique"), false);
  if (in < 0)
    return;
  /* an instrument is the market's, no trader's */
  if (!d->ents[in].parent_said && d->ents[in].parent == d->principal)
    d->ents[in].parent = -1;
  if (d->ents[t].parent != in) {
    Str name = d->ents[in].name;
    char *low = new(a, char, name.n + 1);
    for (ptrdiff_t q = 0; q < name.n; q++)
      low[q] = (char)(name.p[q] >= 'A' && name.p[q] <= 'Z' ? name.p[q] - 'A' + 'a' : name.p[q]);
    dr_add_field(&d->ents[t], (Str){low, name.n}, str_printf(a, "-> %.*s", STRF(name)), false);
  }
  Buf b = {0};
  int i = number_of(d, instr, NU_COUNT, false, NULL);
  if (i >= 0) {
    buf_puts(&b, "instruments ");
    dr_put_num(&b, d->w.v[i].value);
  }
  add_arch(a, d, "exchange", t, &b, cue_said(d, "exchange"));
}

void archetypes_scan(Arena *a, Draft *d) {
  const Cue *c;
  if (dr_has_cue(d, "feed") && (c = cue_of(d, "feed")))
    feed(a, d, c);
  if (dr_has_cue(d, "presence") && (c = cue_of(d, "presence")))
    presence(a, d, c);
  if (dr_has_cue(d, "chat"))
    chat(a, d);
  if (dr_has_cue(d, "nearby") && (c = cue_of(d, "nearby")))
    nearby(a, d, c);
  if (dr_has_cue(d, "crawl") && (c = cue_of(d, "crawl")))
    crawl(a, d, c);
  if (dr_has_cue(d, "shortlink") && (c = cue_of(d, "shortlink")))
    shortlink(a, d, c);
  if (dr_has_cue(d, "leaderboard") && (c = cue_of(d, "leaderboard")))
    leaderboard(a, d, c);
  if (dr_has_cue(d, "counter") && (c = cue_of(d, "counter")))
    counter(a, d, c);
  if (dr_has_cue(d, "media") && (c = cue_of(d, "media")))
    media(a, d, c);
  if (dr_has_cue(d, "ratelimit"))
    ratelimit(a, d);
  if (dr_has_cue(d, "reserve") && (c = cue_of(d, "reserve")))
    reserve(a, d, c);
  if (dr_has_cue(d, "collab") && (c = cue_of(d, "collab")))
    collab(a, d, c);
  if (dr_has_cue(d, "exchange") && (c = cue_of(d, "exchange")))
    exchange(a, d, c);
}

void archetypes_render(const Draft *d, Buf *b) {
  for (int i = 0; i < d->narch; i++) {
    const Arch *x = &d->arch[i];
    buf_printf(b, "feature %.*s", STRF(x->kind));
    if (x->ent >= 0)
      buf_printf(b, " %.*s", STRF(d->ents[x->ent].name));
    if (x->opts.n)
      buf_printf(b, " { %.*s }", STRF(x->opts));
    if (x->said.n)
      dr_from_text(b, x->said);
    else
      dr_assumed(b, "the text implies %.*s", STRF(x->kind));
  }
}
