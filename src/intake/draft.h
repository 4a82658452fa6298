/* The draft that `plinth new` builds from an idea text: shared by the
 * passes of src/intake/ and by nothing else.
 *
 *   lexicon.c   the lexicon records of the KB and the word stream helpers
 *   nouns.c     mentions (nouns, cues, skills), the user's own nouns (the
 *               objects of create/post/sell/book/... and the people who do
 *               it), entities and their parents
 *   figures.c   each number bound to the figure its words name
 *   features.c  features and integrations from phrases, and their lines
 *   archetypes.c the archetype features (feed, nearby, shortlink, ...)
 *   questions.c the draft planned again with each assumption varied, and
 *               the questions about the domain
 *   intake.c    the project and entity lines, and the command
 *
 * Everything lives in the caller's arena. Each pass is linear in the text:
 * windows are a few words wide, sentence bounds are computed once, and the
 * lexicon is looked up once per distinct word. */
#ifndef PLINTH_INTAKE_DRAFT_H
#define PLINTH_INTAKE_DRAFT_H

#include "../kb/kb.h"
#include "../util/buf.h"
#include "scan.h"

enum {
  MAX_ENTS = 24, MAX_SKILLS = 16, MAX_WORDS = 200000, IDEA_MAX = 400, MAX_FIELDS = 20, MAX_NOTES = 4,
  MAX_REPORTS = 3, MAX_CUES = 64, MAX_ARCH = 12
};

/* Rows per parent of a record the lexicon gives no `per` (an assumption
 * the draft states beside every `per` line). */
enum { PER_UNKNOWN = 10 };

/* ---- lexicon ---- */

typedef struct {
  Str id, entity, kind;
  const KbVal *words;
  int nwords;
  const KbItem **fields;
  int nfields;
  const KbVal *parents;
  int nparents;
  const KbVal *acts;     /* verbs whose act this noun names (booking: book) */
  int nacts;
  double per;
  Str domain;            /* the domain its fields are the usual ones of, or empty */
} Noun;

typedef struct {
  Str feature;
  const KbVal *words;
  int nwords;
  EnWords *phrases;
  int nphrases;
  /* archetype cues: what the feature applies to */
  const KbVal *target, *kinds;
  int ntarget, nkinds;
  Str entity;
  const KbItem **fields;
  int nfields;
  bool area;             /* the feature is an area of kb/vocab.kb (eu, us, ...): a region */
} Cue;

typedef struct {
  Str id;
  const KbVal *words;
  int nwords;
  const KbVal *implies;  /* skills: the language a framework implies */
  int nimplies;
  Str kind;              /* providers: the integration kind */
} WordSet;

typedef struct {
  Noun *nouns;
  int nnouns;
  Cue *cues;
  int ncues;
  WordSet *skills, *measures, *providers;
  int nskills, nmeasures, nproviders;
} Lexicon;

Lexicon lex_load(Arena *a, const Kb *kb);
bool lex_list(Str w, const char *const *list);
bool lex_in(const KbVal *v, int n, Str w);
/* Is word w one of a cue's words (it names a feature: "likes", "chat")? */
bool lex_cue_word(const Lexicon *lx, Str w);
/* Is word w (or its singular) in measure `id`? */
bool lex_measure(Arena *a, const Lexicon *lx, const char *id, Str w);
/* The noun a word names: itself, its singular, or with `fuzzy` one typo
 * away (then *typo is set). */
const Noun *lex_noun(Arena *a, const Lexicon *lx, Str w, bool fuzzy, bool *typo);
const Noun *lex_noun_id(const Lexicon *lx, const char *id);
bool lex_stop_noun(Str w);
bool lex_common_word(Arena *a, const Lexicon *lx, Str w);

/* ---- the draft ---- */

typedef struct {
  double v;
  bool given;
  Str said;       /* the words of the text that gave it */
  bool at_peak;   /* a rate said of the busiest time ("10k requests/s at peak") */
} Figure;

typedef enum {
  F_USERS, F_ACTIVE, F_REQUESTS, F_WRITES, F_DEVICES, F_INTERVAL, F_PEAK, F_BUDGET, F_P95, F_P99, F_UPTIME,
  F_DEADLINE, F_TEAM, F_COUNT_
} FigId;

typedef struct {
  Str name, type;
  bool from_text;      /* named by the text ("search by town") */
} DField;

typedef struct {
  const Noun *noun;    /* the lexicon's noun, or NULL for a word it lacks */
  Str name;            /* PascalCase, in the user's word */
  Str kind;            /* vocab noun-kinds */
  int parent;          /* index into ents, or -1 */
  bool parent_said;    /* the text said so */
  bool added;          /* not named by the text: the features need it */
  bool principal;
  bool actor;          /* the text has it do things (sellers sell) */
  bool booked;         /* people book it: it belongs to none of them */
  bool fetched;        /* a crawler fetches it: people read it, the crawler writes it */
  bool together;       /* several people edit it at once: shared, and text, not a file */
  int strength;        /* how its name was said: 0 a modifier ("rental marketplace"),
                        * 1 a plain mention, 2 a count, subject or object; a stronger
                        * word for the same lexicon noun renames it */
  Str relname;         /* the relation field to the parent */
  Str said;            /* the word that named it */
  int first;           /* word index of its first mention, or -1 */
  int owner_hint;      /* the entity whose verb took it as an object, or -1 */
  DField f[MAX_FIELDS];
  int nf;
  double per;
  Str per_said;        /* the words that gave per, when the text did */
  Str may_said;        /* "tweets can include images": rows some parents have */
  double retain;       /* seconds, 0 if none */
  Str retain_said;
  double upload_max;   /* bytes, 0 if none */
  Str upload_said;
} DEnt;

typedef struct {
  Str channel;         /* email sms push */
  int ent;             /* the entity it is about */
  Str field;           /* a time field for `before`, else empty */
  double before;       /* seconds, 0: `on` */
  bool before_said;
  bool after;          /* said "N after" the field: drafted `on` it */
  Str said;
} Note;

typedef struct {
  Str name, period, said;
  bool longer;         /* the text's period is longer than monthly, the longest a report takes */
} Report;

/* An archetype feature (archetypes.c): `feature KIND Entity { opts }`. */
typedef struct {
  Str kind;
  int ent;             /* -1: the whole API (rate-limit) */
  Str opts;            /* the options the text gave figures for */
  Str said;
} Arch;

typedef struct {
  Str text;
  EnWords w;
  Lexicon lx;
  Figure f[F_COUNT_];
  Str level;
  bool level_given, solo;
  Str skills[MAX_SKILLS];
  int nskills;
  bool cue[MAX_CUES];
  Str cue_names[MAX_CUES];
  int ncues;
  int cue_first[MAX_CUES];   /* word index of the cue's first mention */
  int cue_last[MAX_CUES];    /* and of its last word */
  DEnt ents[MAX_ENTS];
  int nents;
  int principal;       /* -1: none */
  bool active_count;   /* users came from a daily-active figure */
  bool writes_records; /* writes came from records a period ("2,000 orders a day") */
  bool writes_per_user; /* writes said per user ("2 uploads per user per day"): of the active ones */
  bool writes_per_person; /* "users post 2 tweets a day": a rate of each active person */
  int writes_word;      /* the noun of the records the writes count ("orders" of "2,000 orders a day"), or 0 */
  Figure req_low;     /* the lowest request rate said, when several are */
  bool budget_named;  /* the budget came from money beside a word of budget */
  /* counts of things that are neither people nor devices ("60 greenhouses"):
   * singular head and figure, for "each greenhouse has a probe that reports" */
  Str counted[8];
  Figure counted_f[8];
  int ncounted;
  /* the tenant: what the text counts people in ("3,000 agencies with 5 to
   * 50 staff each"): its word, when tenant_said; the entity it names, or
   * -1 (nouns_finish) */
  bool tenant_said;
  int tenant_word;
  int tenant;
  int tenant_looks;    /* whole-text searches for a tenant's count, capped */
  int tenant_people;   /* the word of the people counted in each, when tenant_said */
  double tenant_per;   /* how many in each */
  Str tenant_per_said;
  double tenant_n;     /* how many tenants the text counts, 0 if none */
  Str tenant_n_said;
  /* people counted by role ("5,000 photographers and 60k couples"): each
   * role's largest count and its words; users are their sum */
  Str role_name[8];
  double role_v[8];
  int role_from[8], role_to[8];
  int nroles;
  int recognised;      /* words the lexicon knew */
  int *sstart, *send;  /* each word's sentence bounds (word indexes) */
  const Noun **nat;    /* the lexicon noun each word names, or NULL */
  bool *typo;          /* nat[i] was a typo match */
  int *eat;            /* the entity each word names, or -1 */
  int *verb;           /* for an object of a verb: the verb's word index, else -1 */
  int *subject;        /* for a verb: its subject's word index, else -1 */
  bool *device_word;   /* the word names things that send data every N */
  bool *verb_at;       /* the word is used as a verb (it has a subject or an object) */
  bool *modifier;      /* the word modifies the head of a verb's object */
  signed char *vword;  /* the word's use as a verb of nouns.c's list, or -1 */
  /* features read from phrases (features.c) */
  Note notes[MAX_NOTES];
  int nnotes;
  Report reports[MAX_REPORTS];
  int nreports;
  int search_ent;
  Str search_fields[3];
  int nsearch_fields;
  Str search_said;
  int dash_ent;
  bool dash_live;
  Str dash_said;
  bool pushed;         /* "live" means pushed updates */
  int live_ent;        /* the person watched live ("track the courier live"), or -1 */
  Str live_said;
  Str provider, pay_said;
  Str mfa_said;        /* the words asking for a second factor at sign-in */
  Str sub_said;        /* the word of subscribing or billing that takes money */
  int sub_at;          /* its word index (valid when sub_said is set) */
  Arch arch[MAX_ARCH];
  int narch;
  double per_send;      /* values each device sends at once ("each send 500 metrics every 10 s"), 0 if not said */
  Str per_send_said;
  double nearby_every;  /* seconds between location updates, 0 if not said */
  Str nearby_every_said;
  Str name;            /* the project's name */
  /* dates the text gives (YYYY-MM-DD), with the words that gave them */
  char deadline_date[11], start_date[11];
  Str deadline_date_said, start_date_said;
  Str date_no_year;    /* "by June 1st" with no year anywhere: asked, not guessed */
  /* Settings left out because no stack meets them with the rest: */
  bool drop_region, drop_skills, drop_prefer, drop_compliance;
} Draft;

/* words */
void dr_bounds(Arena *a, Draft *d);
const EnWord *dr_wd(const Draft *d, int i);
bool dr_is(const Draft *d, int i, const char *z);
bool dr_is_list(const Draft *d, int i, const char *const *list);
Str dr_said(const Draft *d, int i, int j);
/* A period phrase at word i ("a day", "per second", "/month", "daily"):
 * its seconds, and *len words; 0 if none. */
bool dr_live_view(const Draft *d, int i);
double dr_period(const Draft *d, int i, int *len);
/* How often something happens, said at word i ("every 5 minutes", "once
 * per second", "twice an hour"): its seconds, and *len words; 0 if none. */
double dr_every(const Draft *d, int i, int *len);
/* Are words i-1 and i separated by punctuation in the text? */
bool dr_punct_before(const Draft *d, int i);
/* Does verb v say that its subject sends data every N (nouns.c)? */
bool dr_sends_every(const Draft *d, int v);
bool dr_has_cue(const Draft *d, const char *name);
/* Is the product the text opens with one of `what` ("a payments service")? (words.c) */
bool dr_product_is(const Draft *d, const char *const *what);
/* a word of subscribing or billing that takes money (features.c); sets sub_said */
bool dr_money_taken(Arena *a, Draft *d);
int dr_cue_pos(const Draft *d, const char *name);
int dr_cue_end(const Draft *d, const char *name);

/* entities (nouns.c) */
void nouns_scan(Arena *a, Draft *d);
/* Is w a verb of the intake's list, in any form? */
bool nouns_is_verb(Str w);
void nouns_build(Arena *a, Draft *d);
/* After the figures: what the features need, the principal, parents. */
void nouns_finish(Arena *a, Draft *d);
bool dr_kind_is(const DEnt *e, const char *k);
int dr_first_of_kind(const Draft *d, const char *kind);
int dr_main_ent(const Draft *d);
int dr_ent_near(const Draft *d, int at, int fwd);
bool dr_owned(const Draft *d, int e);
/* Does someone other than the principal act on e's rows? */
bool dr_shared(const Draft *d, int e);
Str dr_field_typed(const DEnt *e, const char *prefix);
Str dr_text_field(const DEnt *e);
bool dr_has_field(const DEnt *e, Str name);
void dr_add_field(DEnt *e, Str name, Str type, bool from_text);
/* drops relations to entities no longer in the draft (entities.c) */
void ents_prune_refs(Draft *d);
int dr_ensure(Draft *d, const char *id);
/* Adds an entity the lexicon does not know, in the user's word; its index
 * or -1 when full. */
int dr_add_entity(Draft *d, Str name, Str kind);

/* figures (figures.c) */
void figures_scan(Arena *a, Draft *d);

/* features (features.c) */
void features_scan(Arena *a, Draft *d);
void features_render(const Draft *d, Buf *b);

/* archetype features (archetypes.c): before nouns_finish, the entities
 * they need and the figures that are theirs; after, the features */
void archetypes_prepare(Arena *a, Draft *d);
void archetypes_scan(Arena *a, Draft *d);
void archetypes_render(const Draft *d, Buf *b);

/* A value changed for the sensitivity search. */
typedef struct {
  int fig;        /* FigId, or -1 for none; F_COUNT_ for the team level */
  double v;
  Str level;
} Vary;

/* rendering (render.c): the project's name, and the whole draft */
Str dr_project_name(Arena *a, const Draft *d);
void dr_render(Arena *a, const Draft *d, const Vary *vy, Buf *b);
/* writing helpers (put.c) */
void dr_put_clean(Buf *b, Str s, bool in_string);
void dr_from_text(Buf *b, Str s);
/* A comment quoting the text: # LEAD"s"TAIL — change me */
void dr_quoted(Buf *b, const char *lead, Str s, const char *tail);
const char *dr_article(Str name);
void dr_assumed(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dr_put_num(Buf *b, double v);
void dr_put_duration(Buf *b, double s);
void dr_put_size(Buf *b, double bytes);
double dr_fig(const Draft *d, const Vary *vy, FigId id, double dflt, bool *given);

/* questions (questions.c) */
typedef struct {
  const char *ask;       /* a literal or arena text */
  int flips;
  Str changes;
  Str at;
  bool domain;           /* about the domain, not a figure */
} Finding;

/* Does `spec` plan (and pass the review with `review`)? */
bool questions_plans(Arena *a, const Kb *kb, Str spec, bool review);
/* Writes the questions after the draft; returns how many, -1 when the draft
 * does not plan. */
int questions_ask(Arena *a, const Kb *kb, const Draft *d, Str base_text, Buf *b, Finding *top, int max);

#endif
