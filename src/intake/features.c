/* Features and integrations from phrases (see draft.h).
 *
 * features_scan reads, sentence by sentence:
 *   notify     a notification word (notify, alert, remind, reminder) or a
 *              channel (email, SMS, text, push) that someone gets or is
 *              sent; its channel is the nearest channel word; "a day
 *              before the appointment", "2 hours before", "the day before
 *              pickup" give `before Entity.time DURATION`;
 *   report     reports, statistics, stats or revenue per period: its name
 *              is the word it reports on ("monthly fuel reports": fuel);
 *   search     "search by town and dates": the fields searched, added to
 *              the entity when it lacks them;
 *   upload     a size cap near a file ("photos up to 10 MB") caps the blob;
 *   dashboard  a dashboard or a (live) map; live pushes updates;
 *   realtime   only where "live" means pushed updates (live updates,
 *              in real time, instantly), never "must be live";
 *   payments   pay, card, checkout or a named provider (PayPal, Mollie):
 *              an integration named after the provider;
 *   retain     keep/store/delete ... N days: the entity's retention.
 * features_render writes the feature and integration lines. */
#include <math.h>
#include <string.h>

#include "draft.h"
#include "nounsint.h"

static const char *const channel_sms[] = {"sms", "text", "texts", "texted", "whatsapp", "twilio", 0};
static const char *const channel_email[] = {"email", "emails", "emailed", "mail", "mailed", "newsletter",
                                            "newsletters", 0};
static const char *const channel_push[] = {"push", 0};
static const char *const notify_words[] = {"notify", "notifies", "notified", "notification", "notifications",
                                           "alert", "alerts", "alerted", "remind", "reminds", "reminder",
                                           "reminders", 0};
static const char *const get_words[] = {"get", "gets", "getting", "receive", "receives", "send", "sends", "sent",
                                        "emailed", "texted", "goes", "go", "mailed", "confirmation",
                                        "confirmations", "receipt", "receipts", "bill", "bills", "digest",
                                        "newsletter", "newsletters", 0};

static const char *channel_at(const Draft *d, int k) {
  /* "paste text", "plain text", "full text": what is written, no message */
  static const char *const content[] = {"plain", "free", "rich", "full", "raw", "of", "some", "any", "formatted", 0};
  static const char *const reach[] = {"send", "sends", "get", "gets", "receive", "receives", 0};
  if (dr_is_list(d, k, (const char *const[]){"text", "texts", 0}) && !dr_punct_before(d, k) &&
      (dr_is_list(d, k - 1, content) || (d->vword[k - 1 >= 0 ? k - 1 : 0] >= 0 && k > 0 && !dr_is_list(d, k - 1, reach))))
    return NULL;
  if (dr_is_list(d, k, channel_sms))
    return "sms";
  if (dr_is_list(d, k, channel_email))
    return "email";
  if (dr_is_list(d, k, channel_push))
    return "push";
  return NULL;
}

static Str ident(Arena *a, Str w) {
  char *p = new(a, char, w.n + 1);
  ptrdiff_t n = 0;
  for (ptrdiff_t k = 0; k < w.n && n < 30; k++) {
    char c = w.p[k];
    if ((c >= 'a' && c <= 'z') || (n > 0 && c >= '0' && c <= '9'))
      p[n++] = c;
    else if ((c == '-' || c == '_') && n > 0 && p[n - 1] != '_')
      p[n++] = '_';
  }
  while (n > 0 && p[n - 1] == '_')
    n--;
  return (Str){p, n};
}

static bool type_word(Str w) {
  static const char *const t[] = {"date", "time", "timestamp", "money", "text", "string", "int", "float", "bool",
                                  "email", "phone", "uuid", "json", "blob", "secret", "enum", "url", "per",
                                  "count", "retain", "grows", "size", "unique", "max", "min", "default", 0};
  return lex_list(w, t);
}

/* The duration said right before word `at` ("2 hours", "a day", "the
 * evening"), in seconds; 0 if none. */
static double lead_time(const Draft *d, int at) {
  const EnWord *x = dr_wd(d, at - 1);
  if (!x)
    return 0;
  if (x->kind == W_NUMBER && x->unit == NU_DURATION && x->value > 0)
    return x->value;
  static const char *const lead[] = {"a", "an", "one", "the", "1", 0};
  static const char *const pw[] = {"day", "hour", "week", "minute", "evening", "night", "morning", 0};
  static const double ps[] = {86400, 3600, 604800, 60, 86400, 86400, 86400};
  for (int k = 0; pw[k]; k++)
    if (x->kind == W_WORD && str_eqc(x->text, pw[k]) && (dr_is_list(d, at - 2, lead) || at - 2 < 0 ||
                                                         (dr_wd(d, at - 2) && dr_wd(d, at - 2)->kind == W_NUMBER)))
      return ps[k] * (dr_wd(d, at - 2) && dr_wd(d, at - 2)->kind == W_NUMBER ? dr_wd(d, at - 2)->value : 1);
  return 0;
}

static void add_note(Draft *d, Note n) {
  for (int i = 0; i < d->nnotes; i++)
    if (!strcmp(d->notes[i].channel.p, n.channel.p) && d->notes[i].ent == n.ent && d->notes[i].before == n.before)
      return;
  if (d->nnotes < MAX_NOTES)
    d->notes[d->nnotes++] = n;
}

/* What a reminder comes before, from the words after "before" (from q to
 * e): an entity's timestamp (added when it has none), else a moment of
 * the main record named by the word ("before the checkout": checkout_at). */
static void before_target(Arena *a, Draft *d, int q, int e, Note *n) {
  int t_ent = q <= e ? d->eat[q] : -1;
  if (t_ent >= 0 && !dr_kind_is(&d->ents[t_ent], "person")) {
    n->ent = t_ent;
    /* "2 days before a loan is due", "before the policy expires": the
     * moment the text names */
    static const char *const moment[] = {"due", "expires", "expire", "ends", "end", "starts", "start", "closes",
                                         "opens", "renews", "lapses", 0};
    static const char *const field[] = {"due_at", "expires_at", "expires_at", "ends_at", "ends_at", "starts_at",
                                        "starts_at", "closes_at", "opens_at", "renews_at", "lapses_at"};
    int mq = q + 1;
    if (mq <= e && dr_is_list(d, mq, (const char *const[]){"is", "are", "gets", "becomes", 0}))
      mq++;
    for (int k = 0; moment[k] && mq <= e && !dr_punct_before(d, q + 1); k++)
      if (dr_is(d, mq, moment[k])) {
        Str f = str_c(field[k]);
        if (dr_has_field(&d->ents[t_ent], str_c(moment[k])))
          f = str_c(moment[k]);   /* the noun's own field ("expires") */
        else if (!dr_has_field(&d->ents[t_ent], f))
          dr_add_field(&d->ents[t_ent], f, S("timestamp"), true);
        n->field = f;
        return;
      }
    Str tf = dr_field_typed(&d->ents[t_ent], "timestamp");
    if (!tf.n)
      tf = dr_field_typed(&d->ents[t_ent], "date");
    if (!tf.n) {
      dr_add_field(&d->ents[t_ent], S("starts_at"), S("timestamp"), false);
      tf = S("starts_at");
    }
    n->field = tf;
  } else {
    int m = -1;
    for (int i = 0; i < d->nents && m < 0; i++)
      if (!d->ents[i].principal && !dr_kind_is(&d->ents[i], "person") && dr_field_typed(&d->ents[i], "timestamp").n &&
          !dr_kind_is(&d->ents[i], "reading"))
        m = i;
    const EnWord *w = dr_wd(d, q);
    Str fname = w && q <= e && w->kind == W_WORD && !type_word(w->text) && w->text.n >= 3
                    ? str_printf(a, "%.*s_at", STRF(ident(a, w->text)))
                    : (Str){0};
    if (fname.n > 3) {
      if (m < 0)
        m = dr_main_ent(d);
      if (m >= 0) {
        dr_add_field(&d->ents[m], fname, S("timestamp"), true);
        n->ent = m, n->field = fname;
      }
    } else if (m >= 0) {
      n->ent = m;
      n->field = dr_field_typed(&d->ents[m], "timestamp");
    }
  }
}

/* A lead time said before "before", "ahead" or "prior" in sentence s..e:
 * the reminder's lead and what it comes before. */
static void note_before(Arena *a, Draft *d, int s, int e, Note *n) {
  for (int k = s; k <= e; k++) {
    bool after = dr_is(d, k, "after");
    if (!dr_is(d, k, "before") && !dr_is(d, k, "ahead") && !dr_is(d, k, "prior") && !after)
      continue;
    double t = lead_time(d, k);
    if (t <= 0)
      continue;
    if (after) {
      /* "3 days after the due date": a field the text names; the spec
       * notifies before a time or on a change, so on that field */
      for (int q = k + 1; q <= e && q <= k + 4 && n->ent < 0 && !dr_punct_before(d, q); q++)
        for (int x = 0; x < d->nents && n->ent < 0; x++)
          if (d->w.v[q].kind == W_WORD && dr_has_field(&d->ents[x], d->w.v[q].text))
            n->ent = x, n->field = d->w.v[q].text;
      if (n->ent < 0)
        continue;
      n->after = true;
      n->said = dr_said(d, k - 2 >= s ? k - 2 : s, k + 3 <= e ? k + 3 : e);
      return;
    }
    n->before = t;
    n->before_said = true;
    n->said = dr_said(d, k - 2 >= s ? k - 2 : s, k + 2 <= e ? k + 2 : e);
    /* before what: an entity, else a word naming a moment of the main record */
    static const char *const det[] = {"the", "a", "an", "their", "his", "her", "its", "each", "every",
                                      "your", "our", "my", "start", "of", 0};
    int q = k + 1;
    while (q <= e && dr_is_list(d, q, det))
      q++;
    if (q <= e && dr_punct_before(d, q))
      q = e + 1;   /* "24 hours before, stylists ...": before nothing named */
    before_target(a, d, q, e, n);
    return;
  }
}

/* Without a lead time: what the notification is about, found near its
 * word (trig) in sentence s..e; a reminder of something timed comes an
 * hour before. False when nothing fits. */
static bool note_subject(Draft *d, int s, int e, int trig, bool remind, Note *n) {
  n->before = 0;
  n->before_said = false;
  int t = -1;
  /* a reminder is about something timed: "due-date reminders" */
  for (int i = 0; remind && i < d->nents && t < 0; i++)
    if (!d->ents[i].principal && dr_field_typed(&d->ents[i], "timestamp").n && !dr_kind_is(&d->ents[i], "reading"))
      t = i;
  if (t < 0)
    t = dr_ent_near(d, trig, 8);
  if (t >= 0 && dr_kind_is(&d->ents[t], "person"))
    t = -1;
  /* else the thing named nearest before it: "send messages ... with
   * push notifications" */
  for (int k = trig - 1; k >= s && t < 0; k--)
    if (d->eat[k] >= 0 && !dr_kind_is(&d->ents[d->eat[k]], "person"))
      t = d->eat[k];
  for (int k = s; k <= e && t < 0; k++)
    if (d->eat[k] >= 0 && !dr_kind_is(&d->ents[d->eat[k]], "person"))
      t = d->eat[k];
  if (remind)
    for (int i = 0; i < d->nents && t < 0; i++)
      if (!d->ents[i].principal && dr_field_typed(&d->ents[i], "timestamp").n &&
          !dr_kind_is(&d->ents[i], "reading"))
        t = i;
  if (t < 0) {
    int msg = dr_first_of_kind(d, "message"), ev = dr_first_of_kind(d, "event");
    t = msg >= 0 ? msg : ev >= 0 ? ev : dr_main_ent(d);
  }
  if (t < 0)
    return false;
  n->ent = t;
  Str tf = dr_field_typed(&d->ents[t], "timestamp");
  if (remind && tf.n && !dr_kind_is(&d->ents[t], "reading")) {
    n->field = tf;
    n->before = 3600;   /* assumed: an hour before */
  }
  return true;
}

static void scan_notes(Arena *a, Draft *d) {
  for (int s = 0; s < d->w.n; s = d->send[s] + 1) {
    int e = d->send[s];
    int trig = -1;
    bool remind = false, get = false;
    int chan = -1;
    for (int k = s; k <= e; k++) {
      if (dr_is_list(d, k, notify_words) && trig < 0)
        trig = k, remind = dr_is(d, k, "remind") || dr_is(d, k, "reminder") || dr_is(d, k, "reminders");
      if (channel_at(d, k) && chan < 0 && !dr_is(d, k - 1, "with") && !dr_is(d, k + 1, "address"))
        chan = k;
      get |= dr_is_list(d, k, get_words);
      /* "the app emails the client", "text residents when ...": the
       * channel as a verb, with whom it reaches after it */
      static const char *const whom[] = {"the", "a", "an", "them", "him", "her", "each", "every", "their", "all",
                                         "our", "you", "users", "people", "everyone", 0};
      get |= channel_at(d, k) && !dr_punct_before(d, k + 1) &&
             (dr_is_list(d, k + 1, whom) || (d->eat[k + 1] >= 0 && dr_kind_is(&d->ents[d->eat[k + 1]], "person")));
    }
    if (trig < 0 && !(chan >= 0 && get))
      continue;
    if (trig < 0)
      trig = chan;
    /* the channel said nearest the notification word: "a confirmation by
     * email and an SMS reminder" reminds by SMS */
    for (int dist = 0, found = 0; dist <= e - s && !found; dist++)
      for (int side = 0; side < 2 && !found; side++) {
        int k = side ? trig + dist : trig - dist;
        if (k >= s && k <= e && channel_at(d, k) && !dr_is(d, k - 1, "with") && !dr_is(d, k + 1, "address"))
          chan = k, found = 1;
      }
    const char *ch = chan >= 0 ? channel_at(d, chan)
                     : dr_has_cue(d, "push") || (dr_has_cue(d, "mobile") && !dr_has_cue(d, "email")) ? "push"
                                                                                                   : "email";
    Note n = {.channel = str_c(ch), .ent = -1, .said = dr_said(d, trig, trig)};
    note_before(a, d, s, e, &n);
    if (n.ent < 0 && !note_subject(d, s, e, trig, remind, &n))
      continue;
    add_note(d, n);
  }
}

/* "block and report others", "report abuse": a report at word k that
 * flags people or content, not one of figures */
static bool flags_abuse(Arena *a, const Draft *d, int k) {
  for (int j = k - 2; j <= k + 1; j++)
    if (j != k && j >= d->sstart[k] && j <= d->send[k] && d->w.v[j].kind == W_WORD &&
        lex_measure(a, &d->lx, "flag", d->w.v[j].text))
      return true;
  return false;
}

static void scan_reports(Arena *a, Draft *d) {
  static const char *const rep[] = {"report", "reports", "reporting", "statistics", "stats", "analytics",
                                     "insights", "summary", "summaries", 0};
  static const char *const money[] = {"revenue", "earnings", "sales", "income", "payouts", "attendance",
                                       "occupancy", "consumption", "usage", "numbers", "figures", "totals", "kpis", 0};
  static const char *const per_adv[] = {"daily", "weekly", "monthly", "hourly", "nightly", "yearly", "annual",
                                        "annually", "quarterly", 0};
  for (int s = 0; s < d->w.n; s = d->send[s] + 1) {
    int e = d->send[s];
    int at = -1;
    bool by_money = false;
    for (int k = s; k <= e && at < 0; k++)
      /* "sensors report readings", "reporting every 15 seconds": a verb;
       * "a report card": a record */
      if (dr_is_list(d, k, rep) && !d->verb_at[k] && !dr_sends_every(d, k) &&
          !(d->eat[k] >= 0 && k + 1 <= e && d->eat[k + 1] == d->eat[k]) && !flags_abuse(a, d, k))
        at = k;
    for (int k = s; k <= e && at < 0; k++)
      if (dr_is_list(d, k, money))
        at = k, by_money = true;
    /* "every morning I get a list of what to bake", "managers receive a
     * weekly digest": a list someone gets, said with its period, is a
     * report (the period is required below) */
    static const char *const list[] = {"list", "lists", "digest", "digests", "overview", "rundown", 0};
    for (int k = s; k <= e && at < 0; k++)
      if (dr_is_list(d, k, list) && !d->verb_at[k] && d->eat[k] < 0 && k - 2 >= s &&
          (dr_is_list(d, k - 2, get_words) || (k - 3 >= s && dr_is_list(d, k - 3, get_words))))
        at = k, by_money = true;
    /* "finance exports invoices monthly": an export each period is a
     * report of what it exports */
    static const char *const export[] = {"export", "exports", "exported", "exporting", 0};
    int exported = -1;
    for (int k = s; k <= e && at < 0; k++)
      if (dr_is_list(d, k, export))
        at = k, by_money = true, exported = k;
    /* "admins see donations per month": a period after things people
     * look at */
    static const char *const look[] = {"see", "sees", "view", "views", "track", "tracks", "get", "gets", "want",
                                       "need", 0};
    bool looks = false;
    for (int k = s; k <= e && !looks; k++)
      looks = dr_is_list(d, k, look);
    for (int k = s + 1; k <= e && at < 0 && looks; k++) {
      int len;
      double p = dr_period(d, k, &len);
      if (p >= 86400 && d->eat[k - 1] >= 0 && !dr_kind_is(&d->ents[d->eat[k - 1]], "person") &&
          !str_eq(scan_singular(a, d->w.v[k - 1].text), d->w.v[k - 1].text))
        at = k - 1, by_money = true;
    }
    if (at < 0)
      continue;
    /* the period */
    Str period = {0};
    int pk = at;           /* where the period is said */
    bool longer = false;   /* "quarterly", "yearly": longer than the longest period */
    /* the period said nearest the report word */
    for (int dist = 0; dist <= e - s && !period.n; dist++)
    for (int side = 0; side < 2 && !period.n; side++) {
      int k = side ? at + dist : at - dist;
      if (k < s || k > e || (side && !dist))
        continue;
      int len;
      double p = dr_period(d, k, &len);
      if (p <= 0 && dr_is(d, k, "every")) {
        const EnWord *y = dr_wd(d, k + 1);
        if (y && y->kind == W_WORD)
          p = str_eqc(y->text, "week") || str_eqc(y->text, "monday") || str_eqc(y->text, "sunday") ? 604800
              : str_eqc(y->text, "month") ? 2629800
              : str_eqc(y->text, "day") || str_eqc(y->text, "night") || str_eqc(y->text, "morning") ||
                      str_eqc(y->text, "evening") ? 86400 : 0;
      }
      if (p > 0)
        period = p <= 3600 ? S("hourly") : p <= 86400 ? S("daily") : p <= 604800 ? S("weekly") : S("monthly");
      else if (dr_is(d, k, "quarterly") || dr_is(d, k, "yearly") || dr_is(d, k, "annual"))
        period = S("monthly"), p = 31557600;
      if (period.n)
        pk = k, longer = p > 2629800;
    }
    if (by_money && !period.n)
      continue;   /* "revenue" alone is no report */
    (void)per_adv;
    /* the name: the word before ("fuel reports"), the money word, or after "of" */
    Str name = {0};
    for (int k = exported + 1; exported >= 0 && k <= e && k <= exported + 3 && !name.n && !dr_punct_before(d, k); k++)
      if (d->eat[k] >= 0)
        name = d->w.v[k].text;
    /* "admins export payroll monthly": a noun no record names is still
     * what the report is of */
    if (exported >= 0 && !name.n && exported + 1 <= e && !dr_punct_before(d, exported + 1) &&
        d->w.v[exported + 1].kind == W_WORD && words_ok(&d->w.v[exported + 1]) && period.n)
      name = d->w.v[exported + 1].text;
    if (exported >= 0 && !name.n)
      continue;
    if (by_money && !name.n)
      name = d->w.v[at].text;
    for (int k = at - 1; k >= s && k >= at - 2 && !name.n; k--) {
      const EnWord *w = &d->w.v[k];
      int len;
      if (w->kind != W_WORD || dr_period(d, k, &len) > 0 || dr_is_list(d, k, per_adv))
        break;
      static const char *const skip[] = {"a", "an", "the", "and", "with", "get", "gets", "see", "sees", "our",
                                         "their", "weekly", "monthly", "daily", "live", "basic", "simple", 0};
      if (lex_list(w->text, skip) || type_word(w->text) || w->text.n < 3)
        break;
      name = w->text;
    }
    /* "a report of the pipeline": the noun past the determiners */
    int of = at + 2;
    while (dr_is(d, at + 1, "of") && of <= e && dr_wd(d, of)->kind == W_WORD && words_determiner(dr_wd(d, of)->text))
      of++;
    if (!name.n && dr_is(d, at + 1, "of") && of <= e && dr_wd(d, of)->kind == W_WORD && !type_word(dr_wd(d, of)->text))
      name = dr_wd(d, of)->text;
    name = ident(a, name.n ? name : S("activity"));
    if (!name.n || type_word(name))
      name = S("activity");
    bool dup = false;
    for (int i = 0; i < d->nreports; i++)
      dup |= str_eq(d->reports[i].name, name);
    if (!dup && d->nreports < MAX_REPORTS)
      d->reports[d->nreports++] = (Report){name, period.n ? period : S("daily"),
                                           longer ? dr_said(d, pk < at ? pk : at, pk < at ? at : pk) : dr_said(d, at, at),
                                           longer};
  }
}

static void scan_search(Arena *a, Draft *d) {
  d->search_ent = -1;
  int at = dr_cue_pos(d, "search");
  if (at < 0)
    return;
  /* "search rooms by date", "search by ingredient" */
  int t = -1, by = -1;
  for (int i = 0; i < d->w.n; i++) {
    if (!dr_is(d, i, "search") && !dr_is(d, i, "searches") && !dr_is(d, i, "find") && !dr_is(d, i, "filter") &&
        !dr_is(d, i, "browse"))
      continue;
    for (int k = i + 1; k <= d->send[i] && k <= i + 4; k++) {
      if (d->eat[k] >= 0 && !dr_kind_is(&d->ents[d->eat[k]], "person") && t < 0)
        t = d->eat[k];
      if (dr_is(d, k, "by") || (dr_is(d, k, "on") && k == i + 1)) {
        by = k;
        break;
      }
    }
    if (by >= 0) {
      at = i;
      break;
    }
  }
  if (t < 0 || dr_kind_is(&d->ents[t], "reading"))
    t = dr_ent_near(d, at, 4);
  if (t < 0 || dr_kind_is(&d->ents[t], "person") || dr_kind_is(&d->ents[t], "reading") ||
      dr_kind_is(&d->ents[t], "device"))
    t = dr_main_ent(d);
  if (t < 0 || dr_kind_is(&d->ents[t], "reading"))
    return;
  d->search_ent = t;
  d->search_said = dr_said(d, at, by >= 0 ? by + 1 : dr_cue_end(d, "search"));
  for (int k = by + 1; by >= 0 && k <= d->send[by] && k <= by + 6 && d->nsearch_fields < 3; k++) {
    const EnWord *w = &d->w.v[k];
    if (w->kind != W_WORD)
      break;
    if (dr_is(d, k, "and") || dr_is(d, k, "or") || dr_is(d, k, "their") || dr_is(d, k, "the"))
      continue;
    if (k > by + 1 && dr_punct_before(d, k) && d->text.p[d->w.v[k - 1].off + d->w.v[k - 1].text.n] != ',')
      break;
    Str f = ident(a, scan_singular(a, w->text));
    if (f.n < 2 || lex_stop_noun(f))
      break;
    if (type_word(f)) {
      if (str_eqc(f, "date") || str_eqc(f, "time")) {
        Str tf = dr_field_typed(&d->ents[t], "timestamp");
        if (!tf.n)
          tf = dr_field_typed(&d->ents[t], "date");
        if (tf.n)
          d->search_fields[d->nsearch_fields++] = tf;
      }
      continue;
    }
    if (d->eat[k] >= 0 && d->eat[k] != t)
      break;
    dr_add_field(&d->ents[t], f, S("string(100)"), true);
    bool dup = false;
    for (int i = 0; i < d->nsearch_fields; i++)
      dup |= str_eq(d->search_fields[i], f);
    if (!dup)
      d->search_fields[d->nsearch_fields++] = f;
    if (!dr_is(d, k + 1, "and") && !dr_is(d, k + 1, "or") &&
        !(k + 1 < d->w.n && d->text.p[w->off + w->text.n] == ','))
      break;
    if (k + 1 < d->w.n && (nouns_is_verb(d->w.v[k + 1].text) || nouns_is_verb(dr_wd(d, k + 2) ? d->w.v[k + 2].text : S(""))))
      break;   /* "by town and dates, book a stay" */
  }
}

static bool has_avg(Str type) {
  for (ptrdiff_t k = 0; k + 5 <= type.n; k++)
    if (!memcmp(type.p + k, " avg ", 5))
      return true;
  return false;
}

/* "photos up to 10 MB", "(max 20MB)": the cap of the nearest file. */
static void scan_caps(Arena *a, Draft *d) {
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_NUMBER || x->unit != NU_SIZE || x->value <= 0 || x->value > 1e13)
      continue;
    /* "average 1.5 GB, up to 4 GB": an average is no cap */
    static const char *const avg[] = {"average", "avg", "typical", "typically", "usually", "mostly", "mean", 0};
    bool av = false;
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 3 && !dr_punct_before(d, k + 1); k--)
      av |= dr_is_list(d, k, avg);
    /* "each user stores up to 15 GB", "10 GB per user": what a person
     * may keep is a quota, no file's cap; the clause names the person
     * before any file */
    int t = -1;
    int pe = dr_is(d, i + 1, "per") ? i + 2 : -1;
    bool person = (dr_is(d, i + 1, "of") && dr_is(d, i + 2, "storage")) ||
                  (pe >= 0 && pe < d->w.n && (lex_measure(a, &d->lx, "users", d->w.v[pe].text) ||
                                               (d->eat[pe] >= 0 && (dr_kind_is(&d->ents[d->eat[pe]], "person") ||
                                                                    d->ents[d->eat[pe]].principal))));
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 10 && t < 0 && !person && !dr_punct_before(d, k + 1); k--) {
      if (d->eat[k] >= 0 && dr_field_typed(&d->ents[d->eat[k]], "blob").n)
        t = d->eat[k];
      else if (d->eat[k] >= 0 && (dr_kind_is(&d->ents[d->eat[k]], "person") || d->ents[d->eat[k]].principal))
        person = true;
    }
    if (person && !av)
      continue;
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 10 && t < 0; k--)
      if (d->eat[k] >= 0 && dr_field_typed(&d->ents[d->eat[k]], "blob").n)
        t = d->eat[k];
    for (int k = 0; k < d->nents && t < 0; k++)
      if (dr_field_typed(&d->ents[k], "blob").n && (av || d->ents[k].upload_max == 0))
        t = k;
    /* "uploads average 500 KB": the blob's average size */
    if (av && t >= 0 && !person) {
      DEnt *e = &d->ents[t];
      for (int k = 0; k < e->nf; k++)
        if (str_has_prefix(e->f[k].type, S("blob")) && !has_avg(e->f[k].type)) {
          Buf b = {0};
          buf_printf(&b, "%.*s avg ", STRF(e->f[k].type));
          dr_put_size(&b, x->value);
          e->f[k].type = str_printf(a, "%.*s", (int)b.n, b.p);
          buf_free(&b);
          break;
        }
      continue;
    }
    if (av || t < 0 || d->ents[t].upload_max > 0)
      continue;
    d->ents[t].upload_max = x->value;
    d->ents[t].upload_said = dr_said(d, i - 2 >= d->sstart[i] ? i - 2 : i, i);
    /* the cap goes into the blob field's type */
    DEnt *e = &d->ents[t];
    for (int k = 0; k < e->nf; k++)
      if (str_has_prefix(e->f[k].type, S("blob"))) {
        Buf b = {0};
        buf_puts(&b, "blob max ");
        dr_put_size(&b, x->value);
        e->f[k].type = str_printf(a, "%.*s", (int)b.n, b.p);
        buf_free(&b);
        break;
      }
  }
}



static void scan_dashboard(Draft *d) {
  static const char *const dash[] = {"dashboard", "dashboards", "map", "maps", "overview", "monitor",
                                     "monitoring", 0};
  static const char *const pushed[] = {"realtime", "real-time", "instantly", "instant", "instantaneous", 0};
  static const char *const live_of[] = {"update", "updates", "feed", "feeds", "score", "scores", "chat",
                                        "tracking", "stream", "streaming", "location", "position", 0};
  d->dash_ent = -1;
  d->live_ent = -1;
  for (int i = 0; i < d->w.n; i++) {
    if (dr_is_list(d, i, pushed) || (dr_is(d, i, "live") && dr_is_list(d, i + 1, live_of)) ||
        (dr_is(d, i, "real") && dr_is(d, i + 1, "time")) || (dr_is(d, i, "right") && dr_is(d, i + 1, "away")))
      d->pushed = true;
    /* "organizers watch sales live": a verb of looking, its object, then
     * "live" closing the clause is a live view of that object */
    static const char *const look[] = {"watch", "watches", "see", "sees", "follow", "follows", "view", "views",
                                       "track", "tracks", "monitor", "monitors", 0};
    if (d->dash_ent < 0 && dr_is(d, i, "live") && (i == d->send[i] || dr_punct_before(d, i + 1)))
      for (int k = i - 1; k >= d->sstart[i] && k >= i - 4 && d->dash_ent < 0 && !dr_punct_before(d, k + 1); k--)
        if (dr_is_list(d, k, look))
          for (int q = k + 1; q < i && d->dash_ent < 0; q++) {
            if (d->eat[q] >= 0 && !dr_kind_is(&d->ents[d->eat[q]], "person"))
              d->dash_ent = d->eat[q], d->dash_live = true, d->dash_said = dr_said(d, k, i);
            else if (d->eat[q] >= 0 && d->live_ent < 0 && !d->ents[d->eat[q]].principal)
              /* "customers track the courier live": the person's updates
               * are pushed to who watches */
              d->live_ent = d->eat[q], d->live_said = dr_said(d, k, i), d->pushed = true;
          }
    if (d->dash_ent >= 0 || !(dr_is_list(d, i, dash) || dr_live_view(d, i)))
      continue;
    /* "monitoring" names a dashboard only when no dashboard or map is said */
    if (dr_is_list(d, i, (const char *const[]){"monitor", "monitoring", "overview", 0})) {
      bool better = false;
      for (int k = i + 1; k < d->w.n && !better; k++)
        better = dr_is_list(d, k, (const char *const[]){"dashboard", "dashboards", "map", "maps", 0}) || dr_live_view(d, k);
      if (better)
        continue;
    }
    int t = -1;
    for (int k = 0; k < d->nents && t < 0; k++)
      if (dr_kind_is(&d->ents[k], "reading"))
        t = k;
    /* "a live board of every ward": what the view is of */
    if (dr_is(d, i + 1, "of") && !dr_punct_before(d, i + 1))
      for (int k = i + 2; k <= d->send[i] && k <= i + 4 && t < 0 && !dr_punct_before(d, k); k++)
        if (d->eat[k] >= 0 && !dr_kind_is(&d->ents[d->eat[k]], "person"))
          t = d->eat[k];
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 8 && t < 0; k--)
      if (d->eat[k] >= 0 && !dr_kind_is(&d->ents[d->eat[k]], "person"))
        t = d->eat[k];
    if (t < 0)
      t = dr_main_ent(d);
    if (t < 0)
      continue;
    d->dash_ent = t;
    d->dash_said = dr_said(d, i - 1 >= 0 && dr_is(d, i - 1, "live") ? i - 1 : i, i);
    for (int k = d->sstart[i]; k <= d->send[i]; k++)
      d->dash_live |= dr_is(d, k, "live") || dr_is_list(d, k, pushed) || (dr_is(d, k, "real") && dr_is(d, k + 1, "time"));
  }
}

/* "A payments service for online merchants", "a payment gateway": the
 * product the text opens with is payments itself, whose core no
 * payment provider is integrated for. */
static bool sells_payments(const Draft *d) {
  static const char *const pay[] = {"payment", "payments", "billing", "card", "cards", 0};
  return dr_product_is(d, pay);
}

/* Whether a word of paying says money comes in: not "pay" naming a
 * thing ("such as pay slips"), nor payments the system sends out ("sent
 * to the treasury", measure outgoing). */
static bool charges(Arena *a, const Draft *d) {
  const Cue *cu = NULL;
  for (int k = 0; k < d->lx.ncues && !cu; k++)
    if (str_eqc(d->lx.cues[k].feature, "pay"))
      cu = &d->lx.cues[k];
  if (!cu)
    return true;
  for (int i = 0; i < d->w.n; i++) {
    if (d->w.v[i].kind != W_WORD || !lex_in(cu->words, cu->nwords, d->w.v[i].text))
      continue;
    const EnWord *nx = dr_wd(d, i + 1);
    bool named = str_eqc(d->w.v[i].text, "pay") && i > 0 && !dr_punct_before(d, i) && !dr_punct_before(d, i + 1) &&
                 (words_determiner(d->w.v[i - 1].text) || words_not_noun(d->w.v[i - 1].text)) && nx &&
                 nx->kind == W_WORD && words_ok(nx) && !lex_in(cu->words, cu->nwords, nx->text);
    bool out = false;
    for (int k = i + 1; k <= d->send[i] && k <= i + 4 && !out && !dr_punct_before(d, k); k++)
      out = d->w.v[k].kind == W_WORD && lex_measure(a, &d->lx, "outgoing", d->w.v[k].text);
    /* "no payments in the app", "without paying": no money comes in */
    bool neg = false;
    for (int k = i - 1; k >= d->sstart[i] && k >= i - 3 && !neg && !dr_punct_before(d, k + 1); k--)
      neg = d->w.v[k].kind == W_WORD && lex_measure(a, &d->lx, "negation", d->w.v[k].text);
    if (!named && !out && !neg)
      return true;
  }
  return false;
}

static void scan_payments(Arena *a, Draft *d) {
  const Lexicon *lx = &d->lx;
  for (int i = 0; i < d->w.n && !d->provider.n; i++)
    for (int p = 0; p < lx->nproviders; p++)
      if (str_eqc(lx->providers[p].kind, "payments") &&
          d->w.v[i].kind == W_WORD && d->eat[i] < 0 &&
          lex_in(lx->providers[p].words, lx->providers[p].nwords, d->w.v[i].text)) {
        d->provider = lx->providers[p].id;
        d->pay_said = dr_said(d, i, i);
        break;
      }
  if (!d->provider.n && dr_has_cue(d, "pay") && !sells_payments(d) && charges(a, d)) {
    d->provider = S("stripe");
    d->pay_said = (Str){0};
  }
  if (!d->provider.n && dr_has_cue(d, "subscribe") && dr_money_taken(a, d)) {
    d->provider = S("stripe");
    d->pay_said = d->sub_said;
  }
}

static void scan_retain(Draft *d) {
  static const char *const keep[] = {"keep", "keeps", "kept", "retain", "retains", "retained", "store", "stored",
                                     "stores", "delete", "deleted", "purge", "purged", "archive", "archived",
                                     "retention", "hold", "held", "replay", "replays", "rewatch", "rewatches", 0};
  for (int s = 0; s < d->w.n; s = d->send[s] + 1) {
    int e = d->send[s], kw = -1, num = -1;
    double val = 0;
    for (int k = s; k <= e; k++) {
      if (dr_is_list(d, k, keep) && kw < 0)
        kw = k;
      const EnWord *x = &d->w.v[k];
      if (kw >= 0 && num < 0 && x->kind == W_NUMBER && x->unit == NU_DURATION && x->value >= 86400 &&
          x->value <= 100 * 31557600.0)
        num = k, val = x->value;
      /* "keep it for a year": one of the period */
      int len = 0;
      double p = kw >= 0 && num < 0 && k + 2 <= e && dr_is(d, k, "for") && !dr_is(d, k + 1, "each") &&
                 !dr_is(d, k + 1, "every") && !dr_is(d, k + 1, "per") ? dr_period(d, k + 1, &len) : 0;
      if (p >= 86400)
        num = k + len, val = p;
    }
    if (kw < 0 || num < 0)
      continue;
    int t = -1;
    for (int k = kw + 1; k < num && t < 0; k++)
      if (d->eat[k] >= 0 && !d->ents[d->eat[k]].principal)
        t = d->eat[k];
    /* "invoices ... must be kept": the nearest thing (no person) named
     * before the verb in its sentence, or after a pronoun ("they must be
     * kept") in the sentence before */
    static const char *const pron[] = {"they", "it", "these", "those", "them", 0};
    bool pronoun = false;
    for (int k = kw - 1; k >= s && t < 0; k--) {
      pronoun |= dr_is_list(d, k, pron);
      if (d->eat[k] >= 0 && !d->ents[d->eat[k]].principal && !dr_kind_is(&d->ents[d->eat[k]], "person"))
        t = d->eat[k];
    }
    for (int k = s - 1; pronoun && s > 0 && k >= d->sstart[s - 1] && t < 0; k--)
      if (d->eat[k] >= 0 && !d->ents[d->eat[k]].principal && !dr_kind_is(&d->ents[d->eat[k]], "person"))
        t = d->eat[k];
    for (int k = 0; k < d->nents && t < 0; k++)
      if (dr_kind_is(&d->ents[k], "reading"))
        t = k;
    if (t < 0)
      t = dr_main_ent(d);
    if (t < 0 || d->ents[t].retain > 0)
      continue;
    d->ents[t].retain = val;
    d->ents[t].retain_said = dr_said(d, kw, num);
  }
}

/* "alerts when a reading crosses a threshold": a notification on every
 * ingested row would send one message per reading; the alert is a row of
 * its own, written when a reading calls for it, and the notice goes out
 * on that row. */
static void alert_rows(Arena *a, Draft *d) {
  for (int i = 0; i < d->nnotes; i++) {
    Note *n = &d->notes[i];
    if (n->before > 0 || n->ent < 0 || !dr_kind_is(&d->ents[n->ent], "reading"))
      continue;
    int al = -1;
    for (int k = 0; k < d->nents && al < 0; k++)
      if (str_eqc(d->ents[k].name, "Alert"))
        al = k;
    if (al < 0) {
      al = dr_add_entity(d, S("Alert"), S("event"));
      if (al < 0)
        return;
      DEnt *e = &d->ents[al];
      e->parent = n->ent;
      Str pn = d->ents[n->ent].name;
      char *rel = new(a, char, pn.n + 1);
      for (ptrdiff_t k = 0; k < pn.n; k++)
        rel[k] = (char)(k == 0 && pn.p[k] >= 'A' && pn.p[k] <= 'Z' ? pn.p[k] + 32 : pn.p[k]);
      e->relname = ident(a, (Str){rel, pn.n});
      e->per = 0.001;
      dr_add_field(e, S("level"), S("enum(warning, critical)"), false);
      dr_add_field(e, S("message"), S("string(200)"), false);
    }
    if (al == n->ent)
      continue;
    n->ent = al;
    n->field = (Str){0};
  }
}

/* "2FA mandatory", "two-factor login", "MFA for admins": sign-in asks for
 * a second factor (measure mfa). */
static void scan_mfa(Arena *a, Draft *d) {
  for (int i = 0; i < d->w.n && !d->mfa_said.n; i++) {
    const EnWord *x = &d->w.v[i];
    Str w = x->text;
    /* "2FA", "2 factor", "two factor" */
    bool two = x->kind == W_NUMBER && x->value == 2 &&
               (str_ieq(w, S("2fa")) || (dr_is(d, i + 1, "factor") && !dr_punct_before(d, i + 1)));
    if (two || (x->kind == W_WORD && lex_measure(a, &d->lx, "mfa", w)))
      d->mfa_said = dr_said(d, i, two && !str_ieq(w, S("2fa")) ? i + 1 : i);
  }
}

void features_scan(Arena *a, Draft *d) {
  scan_payments(a, d);
  scan_mfa(a, d);
  scan_search(a, d);
  scan_caps(a, d);
  scan_notes(a, d);
  alert_rows(a, d);
  scan_reports(a, d);
  scan_dashboard(d);
  scan_retain(d);
}

/* ---- the lines ---- */

static void put_lead(Buf *b, double s) {
  if (fmod(s, 86400) == 0)
    s == 86400 ? buf_puts(b, "1d") : buf_printf(b, "%.0f days", s / 86400);
  else if (fmod(s, 3600) == 0)
    buf_printf(b, "%.0fh", s / 3600);
  else if (fmod(s, 60) == 0)
    buf_printf(b, "%.0fm", s / 60);
  else
    buf_printf(b, "%.0fs", s < 1 ? 1 : floor(s));
}

/* The auth feature: the method the text implies, the principal and, when
 * two or more kinds of people act, their roles. */
static void put_auth(const Draft *d, Buf *b) {
  int pr = d->principal;
  if (pr < 0)
    return;
  const char *method = dr_has_cue(d, "saml")   ? "saml"
                       : dr_has_cue(d, "oidc")  ? "oidc"
                       : dr_has_cue(d, "oauth") ? "oauth"
                                                : "jwt";
  buf_printf(b, "feature auth { method %s  principal %.*s", method, STRF(d->ents[pr].name));
  if (!strcmp(method, "oauth")) {
    /* the identity providers the text names, in the lexicon's order; Google
     * when it names none */
    const Lexicon *lx = &d->lx;
    int n = 0;
    for (int p = 0; p < lx->nproviders; p++) {
      if (!str_eqc(lx->providers[p].kind, "identity"))
        continue;
      bool said = false;
      for (int i = 0; i < d->w.n && !said; i++)
        said = d->w.v[i].kind == W_WORD && lex_in(lx->providers[p].words, lx->providers[p].nwords, d->w.v[i].text);
      if (said)
        buf_printf(b, "%s %.*s", n++ ? "" : "  providers", STRF(lx->providers[p].id));
    }
    if (!n)
      buf_puts(b, "  providers google");
  }
  /* roles the text names: the people who act, when there are two or more */
  int nroles = 0;
  for (int i = 0; i < d->nents; i++)
    nroles += dr_kind_is(&d->ents[i], "person") && (d->ents[i].actor || d->ents[i].principal);
  if (nroles >= 2) {
    buf_puts(b, "  roles");
    for (int i = 0, n = 0; i < d->nents && n < 6; i++)
      if (dr_kind_is(&d->ents[i], "person") && (d->ents[i].actor || d->ents[i].principal)) {
        buf_putc(b, ' ');
        for (ptrdiff_t k = 0; k < d->ents[i].name.n; k++) {
          char c = d->ents[i].name.p[k];
          if (k > 0 && c >= 'A' && c <= 'Z')
            buf_putc(b, '_');   /* PetOwner: pet_owner */
          buf_putc(b, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
        }
        n++;
      }
  }
  if (d->mfa_said.n)
    buf_puts(b, "  mfa");
  buf_puts(b, " }");
  if (dr_has_cue(d, "auth") || dr_has_cue(d, "oauth") || dr_has_cue(d, "oidc")) {
    const char *c = dr_has_cue(d, "auth") ? "auth" : dr_has_cue(d, "oidc") ? "oidc" : "oauth";
    dr_from_text(b, dr_said(d, dr_cue_pos(d, c), dr_cue_pos(d, c)));
  } else
    dr_assumed(b, "%.*s signs in with %s tokens", STRF(d->ents[pr].name), method);
}

/* One crud feature per entity, owner-only where the principal owns it. */
static void put_cruds(const Draft *d, Buf *b) {
  int pr = d->principal;
  for (int i = 0; i < d->nents; i++) {
    const DEnt *e = &d->ents[i];
    if (e->principal || dr_kind_is(e, "reading"))
      continue;
    bool own = pr >= 0 && dr_owned(d, i) && !dr_kind_is(e, "group") && !dr_kind_is(e, "message") &&
               !dr_kind_is(e, "person") && !dr_kind_is(e, "device");
    /* rows a feed fans out, and theirs, are read by others than the owner */
    bool fanned = false;
    for (int k = 0; k < d->narch && !fanned; k++)
      for (int x = i, guard = 0; x >= 0 && guard < MAX_ENTS && !fanned; x = d->ents[x].parent, guard++)
        fanned = str_eqc(d->arch[k].kind, "feed") && d->arch[k].ent == x;
    own &= !fanned;
    /* rows another role acts on (approves, verifies, sees) are theirs too,
     * and a thing that acts itself ("venues publish events") is a party */
    bool shared = own && (dr_shared(d, i) || e->actor);
    bool together = own && !shared && e->together;
    own &= !shared && !together;
    /* money rows kept under a balance (a ledger's or a wallet's
     * transactions) are entries the system writes when money moves */
    bool entry = dr_kind_is(e, "money") && e->parent >= 0 && dr_has_field(&d->ents[e->parent], S("balance"));
    buf_printf(b, "feature crud %.*s { %s%spaginate }", STRF(e->name), own ? "owner-only  " : "",
               e->fetched || entry ? "read-only  " : "");
    if (entry)
      dr_assumed(b, "%.*s rows are written by the system as money moves, never by clients", STRF(e->name));
    else if (fanned)
      dr_assumed(b, "the %.*s rows fan out to other people's feeds", STRF(e->name));
    else if (shared)
      dr_assumed(b, "other roles than the %.*s act on the %.*s rows: each role's access is for you to say",
                 STRF(d->ents[pr].name), STRF(e->name));
    else if (together)
      dr_assumed(b, "people edit the %.*s rows together: who may read and who may edit each is for you to say",
                 STRF(e->name));
    else if (own)
      dr_assumed(b, "each %.*s sees only their own %.*s rows", STRF(d->ents[pr].name), STRF(e->name));
    else if (e->fetched)
      dr_assumed(b, "people read the %.*s rows the crawler writes", STRF(e->name));
    else
      buf_putc(b, '\n');
  }
}

/* Search over the entity the text searches: its fields, or full text. */
static void put_search(const Draft *d, Buf *b) {
  if (d->search_ent >= 0) {
    const DEnt *e = &d->ents[d->search_ent];
    if (d->nsearch_fields) {
      buf_printf(b, "feature search %.*s { fields", STRF(e->name));
      for (int i = 0; i < d->nsearch_fields; i++)
        buf_printf(b, " %.*s", STRF(d->search_fields[i]));
      buf_puts(b, " }");
      dr_from_text(b, d->search_said);
    } else if (dr_text_field(e).n) {
      buf_printf(b, "feature search %.*s { full-text }", STRF(e->name));
      dr_from_text(b, d->search_said);
    }
  }
}

/* An upload for each entity with a file. */
static void put_uploads(const Draft *d, Buf *b) {
  for (int i = 0; i < d->nents; i++) {
    const DEnt *e = &d->ents[i];
    Str blob = dr_field_typed(e, "blob");
    if (!blob.n)
      continue;
    buf_printf(b, "feature upload %.*s.%.*s", STRF(e->name), STRF(blob));
    if (e->upload_said.n)
      dr_from_text(b, e->upload_said);
    else if (dr_has_cue(d, "upload"))
      dr_from_text(b, dr_said(d, dr_cue_pos(d, "upload"), dr_cue_end(d, "upload")));
    else
      dr_assumed(b, "people upload the %.*s files", STRF(e->name));
  }
}

/* Messages delivered live to their room; true when written. */
static bool put_room_realtime(const Draft *d, Buf *b) {
  bool chat = dr_has_cue(d, "chat");
  int msg = dr_first_of_kind(d, "message");
  if ((chat || d->pushed) && msg >= 0 && d->ents[msg].parent >= 0 && dr_kind_is(&d->ents[d->ents[msg].parent], "group")) {
    buf_printf(b, "feature realtime %.*s { deliver %.*s  order per-room }", STRF(d->ents[msg].name),
               STRF(d->ents[msg].relname));
    if (chat)
      dr_from_text(b, dr_said(d, dr_cue_pos(d, "chat"), dr_cue_end(d, "chat")));
    else
      dr_assumed(b, "messages reach the room as they are sent");
    return true;
  }
  return false;
}

/* History of the messages, or of the main entity when the text asks. */
static void put_history(const Draft *d, Buf *b) {
  bool chat = dr_has_cue(d, "chat");
  int msg = dr_first_of_kind(d, "message");
  if (dr_has_cue(d, "history") || (chat && msg >= 0)) {
    int t = msg >= 0 ? msg : dr_main_ent(d);
    if (t >= 0 && !dr_kind_is(&d->ents[t], "reading")) {
      buf_printf(b, "feature history %.*s { paginate }", STRF(d->ents[t].name));
      if (dr_has_cue(d, "history"))
        dr_from_text(b, dr_said(d, dr_cue_pos(d, "history"), dr_cue_end(d, "history")));
      else
        dr_assumed(b, "people scroll back through %.*s history", STRF(d->ents[t].name));
    }
  }
}

/* Ingest and time-window queries for each entity of readings. */
static void put_ingest(const Draft *d, Buf *b) {
  for (int i = 0; i < d->nents; i++)
    if (dr_kind_is(&d->ents[i], "reading") &&
        /* locations sent for a nearby search are its updates, not an ingest */
        !(d->nearby_every > 0 && d->ents[i].noun && str_eqc(d->ents[i].noun->id, "location"))) {
      buf_printf(b, "feature ingest %.*s { at-least-once", STRF(d->ents[i].name));
      double dv = d->f[F_DEVICES].v, iv = d->f[F_INTERVAL].v;
      bool from_devices = d->f[F_DEVICES].given && d->f[F_INTERVAL].given && iv > 0;
      /* no devices: the rows come at the write rate the text said ("50
       * million events per day") */
      bool from_writes = !from_devices && d->f[F_WRITES].given && !d->writes_records && d->f[F_WRITES].v > 0;
      /* a rate said of another entity's rows ("300,000 orders a day") is
       * not this one's */
      int ww = d->writes_word;
      from_writes &= !(ww > 0 && ww < d->w.n && d->eat[ww] >= 0 && d->eat[ww] != i);
      /* values sent together are one request of that batch */
      double each = from_devices && d->per_send > 1 ? d->per_send : 1;
      if (from_devices && (!d->f[F_WRITES].given || d->writes_records) && dv * each / iv <= 1e9) {
        buf_printf(b, "  rate %.0f/s", ceil(dv * each / iv) < 1 ? 1 : ceil(dv * each / iv));
        if (each > 1)
          buf_printf(b, "  batch %.0f", each);
      }
      else if (from_writes && d->f[F_WRITES].v <= 1e9)
        buf_printf(b, "  rate %.0f/s", ceil(d->f[F_WRITES].v));
      buf_puts(b, " }");
      if (from_devices && each > 1)
        dr_quoted(b, "from the text: devices x ", d->per_send_said, "");
      else if (from_devices)
        dr_from_text(b, d->f[F_INTERVAL].said);
      else if (from_writes)
        dr_from_text(b, d->f[F_WRITES].said);
      else
        dr_assumed(b, "devices send %.*s rows, retried on failure", STRF(d->ents[i].name));
      buf_printf(b, "feature query %.*s { window 1h 24h 30d  downsample }", STRF(d->ents[i].name));
      dr_assumed(b, "people look at the last hour, day and month");
    }
}

/* A dashboard, or else live updates of the main entity when the text
 * pushes them and no room already has them. */
static void put_dashboard(const Draft *d, Buf *b, bool room_realtime) {
  if (d->dash_ent >= 0) {
    buf_printf(b, "feature dashboard %.*s%s", STRF(d->ents[d->dash_ent].name), d->dash_live ? " { live }" : "");
    dr_from_text(b, d->dash_said);
  } else if (d->pushed && !room_realtime && d->live_ent >= 0) {
    buf_printf(b, "feature realtime %.*s", STRF(d->ents[d->live_ent].name));
    dr_from_text(b, d->live_said);
  } else if (d->pushed && !room_realtime) {
    int t = dr_main_ent(d);
    if (t >= 0 && !dr_kind_is(&d->ents[t], "reading")) {
      buf_printf(b, "feature realtime %.*s", STRF(d->ents[t].name));
      dr_from_text(b, dr_said(d, dr_cue_pos(d, "live"), dr_cue_end(d, "live")));
    }
  }
}

/* Notifications: a reminder before a date, or on a change. */
static void put_notes(const Draft *d, Buf *b) {
  for (int i = 0; i < d->nnotes; i++) {
    const Note *n = &d->notes[i];
    const DEnt *e = &d->ents[n->ent];
    if (n->before > 0 && n->field.n) {
      buf_printf(b, "feature notify %.*s before %.*s.%.*s ", STRF(n->channel), STRF(e->name), STRF(n->field));
      put_lead(b, n->before);
      if (n->before_said)
        dr_from_text(b, n->said);
      else
        dr_assumed(b, "a reminder an hour before %.*s.%.*s", STRF(e->name), STRF(n->field));
    } else if (n->after) {
      buf_printf(b, "feature notify %.*s on %.*s.%.*s", STRF(n->channel), STRF(e->name), STRF(n->field));
      dr_quoted(b, "from the text: ", n->said, ", drafted on the field: a notice comes before a time or on a change");
    } else {
      buf_printf(b, "feature notify %.*s on %.*s", STRF(n->channel), STRF(e->name));
      dr_from_text(b, n->said);
    }
  }
}

/* Reports and the payments integration. */
static void put_reports_and_payments(const Draft *d, Buf *b) {
  for (int i = 0; i < d->nreports; i++) {
    buf_printf(b, "feature report %.*s %.*s", STRF(d->reports[i].name), STRF(d->reports[i].period));
    if (d->reports[i].longer)   /* the language's periods end at monthly */
      dr_quoted(b, "from the text: ", d->reports[i].said, ", made monthly: the longest period a report takes");
    else
      dr_from_text(b, d->reports[i].said);
  }
  if (d->provider.n) {
    buf_printf(b, "integration %.*s { kind payments  webhooks }", STRF(d->provider));
    if (d->pay_said.n)
      dr_from_text(b, d->pay_said);
    else
      dr_from_text(b, dr_said(d, dr_cue_pos(d, "pay"), dr_cue_end(d, "pay")));
  }
}

void features_render(const Draft *d, Buf *b) {
  if (!d->nents)
    return;
  buf_putc(b, '\n');
  put_auth(d, b);
  put_cruds(d, b);
  put_search(d, b);
  put_uploads(d, b);
  bool room_realtime = put_room_realtime(d, b);
  put_history(d, b);
  put_ingest(d, b);
  put_dashboard(d, b, room_realtime);
  put_notes(d, b);
  put_reports_and_payments(d, b);
  archetypes_render(d, b);
}
