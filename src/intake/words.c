/* The words the nouns pass reads: verbs and what their objects keep,
 * determiners, words that are never nouns, the noun phrase, and whether
 * the words of subscribing or billing take money. */
#include <string.h>

#include "draft.h"
#include "nounsint.h"

/* ---- verbs ---- */

typedef struct {
  const char *w;
  VerbUse use;
} Verb;

/* Base forms; inflections are derived (-s, -es, -ed, -d, -ing). V_SEE
 * verbs name who acts but take no stored object. */
static const Verb verbs[] = {
  {"create", V_KEEP},   {"add", V_KEEP},      {"manage", V_KEEP},   {"share", V_KEEP},    {"save", V_KEEP},
  {"store", V_KEEP},    {"collect", V_KEEP},  {"track", V_LOG},     {"log", V_LOG},       {"record", V_LOG},
  {"submit", V_KEEP},   {"file", V_KEEP},     {"open", V_KEEP},     {"register", V_KEEP}, {"enroll", V_KEEP},
  {"enrol", V_KEEP},    {"join", V_KEEP},     {"follow", V_KEEP},   {"favorite", V_KEEP}, {"favourite", V_KEEP},
  {"review", V_KEEP},   {"rate", V_KEEP},     {"approve", V_KEEP},  {"assign", V_KEEP},   {"dispatch", V_KEEP},
  {"deliver", V_KEEP},  {"request", V_KEEP},  {"offer", V_KEEP},    {"hire", V_KEEP},     {"plan", V_KEEP},
  {"organize", V_KEEP}, {"organise", V_KEEP}, {"edit", V_KEEP},     {"publish", V_TEXT},  {"post", V_TEXT},
  {"write", V_TEXT},    {"send", V_TEXT},     {"paste", V_TEXT},     {"upload", V_FILE},   {"attach", V_FILE},   {"download", V_FILE},   {"list", V_PRICE},
  {"sell", V_PRICE},    {"buy", V_PRICE},     {"purchase", V_PRICE}, {"order", V_PRICE},  {"preorder", V_PRICE},
  {"rent", V_TIME},     {"book", V_TIME},     {"reserve", V_TIME},  {"schedule", V_TIME}, {"rsvp", V_TIME},
  {"borrow", V_TIME},   {"lend", V_KEEP},     {"adopt", V_KEEP},    {"scan", V_LOG},      {"pick", V_KEEP},
  {"accept", V_KEEP},   {"cancel", V_KEEP},   {"confirm", V_KEEP},  {"browse", V_KEEP},   {"host", V_KEEP},
  {"teach", V_KEEP},    {"grade", V_KEEP},    {"take", V_KEEP},     {"run", V_KEEP},      {"answer", V_KEEP},
  {"vote", V_SEE},      {"see", V_KEEP},       {"view", V_KEEP},      {"get", V_KEEP},       {"receive", V_KEEP},
  {"watch", V_KEEP},     {"update", V_SEE},    {"pay", V_SEE},       {"use", V_SEE},       {"want", V_SEE},
  {"check", V_SEE},     {"comment", V_SEE},   {"set", V_SEE},       {"find", V_KEEP},      {"search", V_SEE},
  {"give", V_SEE},      {"look", V_SEE},      {"report", V_LOG},    {"sync", V_SEE},      {"keep", V_KEEP},
  {"unlock", V_KEEP},   {"wash", V_SEE},      {"listen", V_SEE},    {"apply", V_SEE},     {"sign", V_SEE},
  {"donate", V_SEE},    {"play", V_SEE},      {"win", V_SEE},       {"need", V_SEE},      {"visit", V_SEE},
  {"read", V_SEE},      {"refer", V_SEE},     {"claim", V_SEE},     {"drop", V_SEE},      {"reply", V_SEE},
  {"subscribe", V_SEE}, {"stream", V_SEE},    {"chat", V_SEE},      {"leave", V_SEE},     {"make", V_SEE},
  {"help", V_SEE},      {"let", V_SEE},       {"allow", V_SEE},     {"exchange", V_SEE},  {"invite", V_KEEP},
  {"reject", V_KEEP},   {"decline", V_KEEP},  {"inspect", V_KEEP},  {"enter", V_KEEP},    {"input", V_KEEP},
  {"capture", V_KEEP},   {"bill", V_SEE},      {"snap", V_FILE},     {"photograph", V_FILE}, {"start", V_KEEP},     {"replay", V_SEE},
  {"raise", V_KEEP},     {"issue", V_KEEP},     {"verify", V_SEE},     {"validate", V_SEE},   {"triage", V_SEE},    {"bid", V_SEE},       {"choose", V_KEEP},     {"push", V_KEEP},     {"have", V_HAVE},     {"has", V_HAVE},      {"contain", V_HAVE},  {"include", V_HAVE},  {"hold", V_HAVE},
  {0, V_KEEP}};

static const char *const irregular_verbs[][2] = {{"sold", "sell"},   {"bought", "buy"},  {"sent", "send"},
                                                 {"wrote", "write"}, {"written", "write"}, {"took", "take"},
                                                 {"taken", "take"},  {"gave", "give"},  {"given", "give"},
                                                 {"ran", "run"},     {"lent", "lend"},  {"kept", "keep"},
                                                 {"paid", "pay"},    {"got", "get"},    {"saw", "see"},
                                                 {"found", "find"},  {"chose", "choose"}, {"chosen", "choose"}, {0, 0}};

/* Verbs whose subject owns what it makes ("bakers sell cakes": each Cake
 * belongs to a Baker); the others relate without owning ("customers order
 * dishes", "guests book stays"). */
bool words_owning_verb(Str w) {
  static const char *const own[] = {"create", "add", "manage", "share", "save", "store", "collect", "track", "log",
                                     "record", "submit", "file", "open", "register", "post", "write", "send",
                                     "upload", "attach", "list", "sell", "publish", "host", "offer", "organize",
                                     "organise", "plan", "edit", "teach", "run", "scan", 0};
  for (int i = 0; own[i]; i++) {
    size_t n = strlen(own[i]);
    if ((size_t)w.n >= n && !memcmp(w.p, own[i], n) && (size_t)w.n <= n + 3)
      return true;
  }
  for (int i = 0; irregular_verbs[i][0]; i++)
    if (str_eqc(w, irregular_verbs[i][0]))
      return words_owning_verb(str_c(irregular_verbs[i][1]));
  return false;
}

bool words_base_verb(Str w, VerbUse *use) {
  char c = w.n ? w.p[0] : 0;
  for (const Verb *v = verbs; v->w; v++)
    if (v->w[0] == c && str_eqc(w, v->w)) {
      *use = v->use;
      return true;
    }
  return false;
}

/* The use of a verb in any of its forms: "sells", "booked", "uploading". */
bool words_verb_of(Str w, VerbUse *use) {
  if (words_base_verb(w, use))
    return true;
  for (int i = 0; irregular_verbs[i][0]; i++)
    if (str_eqc(w, irregular_verbs[i][0]))
      return words_base_verb(str_c(irregular_verbs[i][1]), use);
  static const char *const ends[] = {"s", "es", "ed", "d", "ing", 0};
  char tmp[40];
  /* "verifies", "verified": verify */
  if (w.n > 4 && w.n < (ptrdiff_t)sizeof tmp && (str_eqc((Str){w.p + w.n - 3, 3}, "ies") || str_eqc((Str){w.p + w.n - 3, 3}, "ied"))) {
    memcpy(tmp, w.p, (size_t)(w.n - 3));
    tmp[w.n - 3] = 'y';
    if (words_base_verb((Str){tmp, w.n - 2}, use))
      return true;
  }
  for (int k = 0; ends[k]; k++) {
    ptrdiff_t n = (ptrdiff_t)strlen(ends[k]);
    if (w.n <= n + 1 || w.n - n + 1 >= (ptrdiff_t)sizeof tmp || !str_eqc((Str){w.p + w.n - n, n}, ends[k]))
      continue;
    Str stem = {w.p, w.n - n};
    if (words_base_verb(stem, use))
      return true;
    /* "booking" -> book, "shipped" -> ship, "sharing" -> share */
    memcpy(tmp, stem.p, (size_t)stem.n);
    tmp[stem.n] = 'e';
    if (words_base_verb((Str){tmp, stem.n + 1}, use))
      return true;
    if (stem.n > 2 && stem.p[stem.n - 1] == stem.p[stem.n - 2] && words_base_verb((Str){stem.p, stem.n - 1}, use))
      return true;
  }
  return false;
}

/* verb_of for word k of the text, from the memo of nouns_scan. */
bool words_wverb(const Draft *d, int k, VerbUse *use) {
  if (k < 0 || k >= d->w.n || d->vword[k] < 0)
    return false;
  *use = (VerbUse)d->vword[k];
  return true;
}

/* A verb that acts on the thing named after it ("post recipes"), not one
 * followed by a particle ("log in", "sign up", "pick up"). */
bool words_object_verb(const Draft *d, int i, VerbUse *use) {
  const EnWord *x = dr_wd(d, i);
  if (!x || x->kind != W_WORD || !words_wverb(d, i, use) || *use == V_SEE)
    return false;
  static const char *const particle[] = {"in", "up", "out", "on", "off", "into", "to", "for", "with", "by",
                                         "about", "at", "from", "through", "via", 0};
  static const char *const keep[] = {"keep", "keeps", "kept", "keeping", 0};
  if (lex_list(x->text, keep) && dr_is(d, i + 1, "track"))
    return false;   /* "keep track of": an idiom, not a record kept */
  return !dr_is_list(d, i + 1, particle);
}

bool nouns_is_verb(Str w) {
  VerbUse u;
  return words_verb_of(w, &u);
}

/* Determiners and quantifiers before a noun. */
bool words_determiner(Str w) {
  static const char *const det[] = {"a", "an", "the", "their", "his", "her", "its", "our", "my", "your", "some",
                                    "new", "own", "all", "any", "each", "every", "this", "that", "these",
                                    "those", "more", "several", "multiple", "many", "other", "both", "no",
                                    "one", "two", "three", "few", "s", "extra", "single", 0};
  return lex_list(w, det);
}

/* Words that end a noun phrase or are never its head. */
bool words_not_noun(Str w) {
  static const char *const no[] = {
    "to", "for", "of", "with", "by", "from", "on", "in", "at", "into", "via", "through", "per", "as", "about",
    "after", "before", "when", "while", "and", "or", "but", "so", "that", "which", "who", "where", "if", "then",
    "than", "up", "out", "online", "nearby", "each", "also", "too", "them", "it", "they", "we", "i", "you",
    "he", "she", "me", "us", "him", "everything", "something", "anything", "nothing", "stuff", "things",
    "thing", "is", "are", "was", "be", "can", "will", "may", "should", "must", "could", "would", "do", "does",
    "not", "very", "just", "only", "easily", "quickly", "people", "everyone", "anyone", "someone", "users",
    "user", "one", "ones", "off", "away", "back", "here", "there", "again", "first", "next", "later", "now",
    "today", "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
    "minutes", "time", "times", "date", "dates", "night", "nights", "morning", "evening", "weekend", "season",
    "term", "email", "emails", "sms", "text", "texts", "push", "notification", "notifications", "reminder",
    "reminders", "alert", "alerts", "report", "reports", "dashboard", "dashboards", "map", "maps", "data",
    "info", "information", "app", "apps", "website", "site", "platform", "system", "service", "tool", "api",
    "like", "via", "how", "what", "why", "lot", "lots", "bit", "way", "ways", "kind", "kinds", "sort", "part",
    "money", "cash", "fees", "fee", "online", "offline", "live", "realtime", "instantly", "directly", "well",
    "home", "phone", "phones", "mobile", "web", "browser", "card", "cards", "stripe", "paypal", "gps", "sso",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "sundays",
    "management", "tracking", "booking", "bookings", "everybody", "everyone", "feedback", "around", "over",
    "under", "above", "below", "beyond", "within", "without", "across", "against", "between", "among", "during",
    "until", "most", "many", "some", "few", "several", "all", "limit", "limits", "limiting", "limiter",
    "throttling", "abuse", "please", "expire", "expires", "expiry", "top", "near", "close", "closer", "closest",
    "nearest", "nearby",
    /* adverbs of time and manner ("sold twice", "keep the ledger forever") */
    "twice", "once", "forever", "always", "never", "ever", "together", "anytime", "instead", "already", "soon",
    /* "such as": an example follows */
    "such",
    /* the archetype features' own words name a feature, not a record */
    "leaderboard", "leaderboards", "ranking", "rankings", "scoreboard", "scoreboards", "crawler", "crawlers",
    "shortener", "shorteners", "presence", "transcoding", "upvotes", "timeline", "timelines",
    /* followers, and the celebrities many follow, are people seen through
     * the follow relation, not a record */
    "follower", "followers", "celebrity", "celebrities", "influencer", "influencers", 0};
  return lex_list(w, no);
}

/* Units a count is said in ("2 miles", "40 values"), never things. */
bool words_unit(Str w) {
  static const char *const units[] = {"miles", "kilometres", "kilometers", "km", "kms", "meters", "metres", "feet",
                                      "inches", "kilos", "kgs", "pounds", "lbs", "tons", "tonnes", "litres", "liters",
                                      "gallons", "kwh", "watts", "degrees", "points", "stars", "steps", "clicks",
                                      "views", "times", "languages", "countries", "cities", "seats", "pages", "words",
                                      "characters", "digits", "percent", "dollars", "euros", "cents", "servers",
                                      "instances", "nodes", "regions", "zones", "rows", "records", "values", 0};
  return lex_list(w, units);
}

/* Attributes: "the delivery status" is about the delivery. */
static bool attribute(Str w) {
  static const char *const at[] = {"status", "location", "locations", "position", "positions", "availability",
                                   "schedule", "schedules", "price", "prices", "rate", "rates", "name",
                                   "names", "details", "profile", "profiles", "level", "type", "types",
                                   "history", "progress", "count", "number", "list", "lists", "levels",
                                   "statuses", "details", "counts", "numbers", "histories", 0};
  return lex_list(w, at);
}

bool words_feature_noun(Str w) {
  static const char *const f[] = {"reminder", "reminders", "notification", "notifications", "alert", "alerts",
                                  "report", "reports", "email", "emails", "dashboard", "dashboards", "search",
                                  "statistics", "stats", "updates", "sms", "texts", 0};
  return lex_list(w, f);
}

bool words_ok(const EnWord *x) {
  if (!x || x->kind != W_WORD || x->text.n < 3 || x->text.n > 40)
    return false;
  for (ptrdiff_t k = 0; k < x->text.n; k++)
    if (!((x->text.p[k] >= 'a' && x->text.p[k] <= 'z') || (x->text.p[k] == '-' && k > 0 && k + 1 < x->text.n)))
      return false;
  Str w = x->text;
  if (w.n > 4 && str_eqc((Str){w.p + w.n - 2, 2}, "ly"))
    return false;
  return !words_not_noun(w) && !lex_stop_noun(w);
}

bool words_past_form(Str w) {
  /* need, feed, speed, proceed: -eed is a base form, but agreed, freed */
  static const char *const eed[] = {"agreed", "freed", "guaranteed", "decreed", "refereed", 0};
  if (w.n > 3 && str_eqc((Str){w.p + w.n - 3, 3}, "eed") && !lex_list(w, eed))
    return false;
  if (w.n > 3 && str_eqc((Str){w.p + w.n - 2, 2}, "ed"))
    return true;
  static const char *const past[] = {"sold", "bought", "sent", "paid", "kept", "given", "taken", "written",
                                     "done", "made", "held", 0};
  return lex_list(w, past);
}

/* The head of the noun phrase starting at word i (past determiners):
 * its word index, and in *end the last word of the phrase; -1 if none. */
int words_phrase_head(const Draft *d, int i, int *end, bool listed) {
  int e = d->send[i < d->w.n ? i : d->w.n - 1];
  int k = i, guard = 0;
  while (k <= e && k < d->w.n && d->w.v[k].kind == W_WORD && words_determiner(d->w.v[k].text) && guard++ < 3) {
    if (k > i && dr_punct_before(d, k))
      return -1;
    k++;
  }
  if (k > e || k >= d->w.n || (dr_punct_before(d, k) && !(listed && k == i)))
    return -1;
  static const char *const modifier[] = {"gps", "live", "realtime", "real-time", "online", "digital", "daily",
                                          "weekly", "monthly", "yearly", "hourly", "public", "private", "custom",
                                          "shared", "personal", "current", "recent", "raw", "local", "time", "date", 0};
  if (k < e && dr_is_list(d, k, modifier) && !dr_punct_before(d, k + 1))
    k++;
  /* "the approved purchase order", "a signed contract": after a
   * determiner a past participle is an adjective */
  VerbUse pu;
  if (k > i && k < e && words_past_form(d->w.v[k].text) && words_wverb(d, k, &pu) && !d->nat[k] &&
      !dr_punct_before(d, k + 1))
    k++;
  int head = -1, last = -1, prev = -1;
  VerbUse u;
  for (int n = 0; k <= e && n < 3; k++, n++) {
    const EnWord *x = &d->w.v[k];
    if (n > 0 && dr_punct_before(d, k))
      break;
    if (head >= 0 && x->kind == W_WORD && words_feature_noun(x->text))
      return -1;   /* "due-date reminders": a feature, not a record */
    if (!words_ok(x) || (n > 0 && words_determiner(x->text)))
      break;
    if (n == 0 && words_base_verb(x->text, &u) && u == V_SEE && !d->nat[k])
      return -1;   /* "stay and pay by card": a verb, not a thing */
    if (n == 0 && words_past_form(x->text) && words_wverb(d, k, &u) && !d->nat[k])
      return -1;   /* "get paid", "get notified" */
    /* "every repair done on a vehicle", "orders placed by phone": a past
     * participle after the head ends the phrase */
    if (n > 0 && head >= 0 && words_past_form(x->text) && x->text.n >= 4 && !d->nat[k] &&
        !(x->text.n == 4 && str_eqc((Str){x->text.p + 2, 2}, "ed")))
      break;
    if (n > 0 && words_wverb(d, k, &u) && !d->nat[k]) {
      static const char *const after[] = {"with", "for", "to", "of", "on", "in", "by", "and", "or", "from", "at", 0};
      bool noun = k + 1 > e || dr_punct_before(d, k + 1) || dr_is_list(d, k + 1, after);
      /* "their manager approves or rejects": two verbs joined are the
       * head's verbs, not a compound of it */
      VerbUse u2;
      if (noun && k + 2 <= e && !dr_punct_before(d, k + 1) && dr_is_list(d, k + 1, (const char *const[]){"and", "or", 0}) &&
          !dr_punct_before(d, k + 2) && words_wverb(d, k + 2, &u2) && !d->nat[k + 2] && x->text.p[x->text.n - 1] == 's' &&
          d->w.v[k + 2].text.p[d->w.v[k + 2].text.n - 1] == 's')
        noun = false;
      if (!noun)
        break;
    }
    /* "a reserve price", "the list price": a verb before a price says
     * which price it is, it names no thing */
    VerbUse hv;
    if (head >= 0 && n == 1 && (str_eqc(x->text, "price") || str_eqc(x->text, "prices")) && !d->nat[head] &&
        words_base_verb(d->w.v[head].text, &hv))
      return -1;
    if (head >= 0 && attribute(x->text))
      break;   /* "delivery status": the delivery */
    prev = head;
    head = k;
    last = k;
  }
  if (head >= 0 && attribute(d->w.v[head].text) && !d->nat[head])
    head = -1;
  /* "a battery runs low", "keep the fridges cold": an adjective that ends
   * the phrase is the verb's complement, no thing */
  static const char *const adj[] = {"low", "high", "late", "empty", "full", "dry", "short", "busy", "hot", "cold",
                                    "warm", "ready", "idle", "overdue", "down", "offline", "available", "free", 0};
  if (head >= 0 && dr_is_list(d, head, adj) && !d->nat[head])
    head = last = prev;   /* "keep the fridge cold": the fridge */
  *end = last;
  return head;
}

/* "a monthly subscription per location", "subscribe to a teacher for $12",
 * "billed yearly": a word of subscribing or billing takes money when its
 * sentence says a price (an amount that is no budget, or a word of price)
 * or the word has a period beside it; "subscribe to shows" takes none. */
bool dr_money_taken(Arena *a, Draft *d) {
  const Lexicon *lx = &d->lx;
  const Cue *cu = NULL;
  for (int k = 0; k < lx->ncues && !cu; k++)
    if (str_eqc(lx->cues[k].feature, "subscribe"))
      cu = &lx->cues[k];
  static const char *const price[] = {"price", "prices", "priced", "pricing", "premium", "plan", "plans", "tier",
                                      "tiers", "fee", "fees", "invoice", "invoices", 0};
  static const char *const period[] = {"monthly", "yearly", "annual", "annually", "weekly", "quarterly", 0};
  for (int i = 0; cu && i < d->w.n; i++) {
    if (d->w.v[i].kind != W_WORD || !lex_in(cu->words, cu->nwords, d->w.v[i].text))
      continue;
    if (dr_is(d, i - 1, "free") || dr_is(d, i - 2, "free"))
      continue;   /* "a free weekly subscription" */
    /* "we bill each studio", "billed yearly": billing is taking money;
     * "split the bill" is a bill of the domain */
    static const char *const bill[] = {"bill", "bills", "billed", "billing", 0};
    int len;
    bool taken = (dr_is_list(d, i, bill) && !words_determiner(d->w.v[i > 0 ? i - 1 : i].text)) ||
                 dr_is_list(d, i - 1, period) || dr_is_list(d, i + 1, period) || dr_period(d, i + 1, &len) > 0;
    bool budget = false;
    for (int k = d->sstart[i]; k <= d->send[i]; k++)
      budget |= d->w.v[k].kind == W_WORD && lex_measure(a, &d->lx, "budget", d->w.v[k].text);
    for (int k = d->sstart[i]; k <= d->send[i] && !taken; k++)
      taken = dr_is_list(d, k, price) || (d->w.v[k].kind == W_NUMBER && d->w.v[k].unit == NU_MONEY && !budget);
    if (taken) {
      d->sub_said = dr_said(d, i, i);
      d->sub_at = i;
      return true;
    }
  }
  return false;
}

/* Is the product the text opens with one of `what` itself ("a payments
 * service", "a notification platform")? A word of `what` right before a
 * word for a product, in the first words of the first sentence. */
bool dr_product_is(const Draft *d, const char *const *what) {
  static const char *const product[] = {"service", "platform", "processor", "processing", "gateway", "provider",
                                        "api", "network", "company", "startup", "system", "infrastructure", 0};
  int e = d->w.n ? d->send[0] : -1;
  for (int i = 0; i < e && i < 8; i++)
    if (dr_is_list(d, i, what) && dr_is_list(d, i + 1, product) && !dr_punct_before(d, i + 1))
      return true;
  return false;
}
