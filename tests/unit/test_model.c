/* Unit tests for the resolved model (src/model/resolve.c), driven through the
 * public pipeline in src/driver.h: each test compiles a spec held in a
 * string and checks facts of the Model.
 *
 * Expected figures are computed by hand in the comments next to them:
 *   - row bytes are 56 (tuple header 24 + id 16 + created_at 8 + updated_at 8)
 *     plus, per field, value_bytes(): string(n) n/2+1 (unsized 255/2+1),
 *     text max/4+4 (default 512+4), int/float/money/timestamp 8, bool 1,
 *     date 4, uuid/ref 16, email 32, url 100, phone 16, json 256, secret 61,
 *     enum 8, blob 64; an array is 4 values + 24; a <-> field stores nothing;
 *   - a month is 86400 * 365.25 / 12 = 2,629,800 s, a year 31,557,600 s. */
#include "harness.h"

/* ---- harness ---- */

enum { MAXD = 64 };

typedef struct {
  int n;
  Severity sev[MAXD];
  int line[MAXD];
  char msg[MAXD][256];
} Diags;

static void record(void *ctx, const Diagnostic *d) {
  Diags *r = ctx;
  if (r->n < MAXD) {
    r->sev[r->n] = d->sev;
    r->line[r->n] = d->line;
    snprintf(r->msg[r->n], sizeof r->msg[0], "%s", d->msg);
  }
  r->n++;
}

typedef struct {
  Compilation c;
  Diags d;
  Model *m;
} Run;

static Run *compile(const char *src) {
  Run *r = calloc(1, sizeof *r);
  assert_non_null(r);
  driver_init(&r->c, record, &r->d);
  driver_set_text(&r->c, "t.plinth", str_c(src));
  r->m = driver_compile(&r->c);
  return r;
}

static void done(Run *r) {
  driver_free(&r->c);
  free(r);
}

static void dump(const Run *r) {
  for (int i = 0; i < r->d.n && i < MAXD; i++)
    print_message("  diag %d: line %d: %s\n", (int)r->d.sev[i], r->d.line[i], r->d.msg[i]);
}

/* Compiles a spec that must be valid. */
static Run *ok(const char *src) {
  Run *r = compile(src);
  if (!r->m || r->c.sink.errors) {
    dump(r);
    fail_msg("expected a model, got %d error(s)", r->c.sink.errors);
  }
  return r;
}

static Entity *ent(const Run *r, const char *name) {
  Entity *e = model_entity(r->m, str_c(name));
  if (!e)
    fail_msg("no entity '%s'", name);
  return e;
}

static Field *fld(const Entity *e, const char *name) {
  Field *f = entity_field(e, str_c(name));
  if (!f)
    fail_msg("entity '%.*s' has no field '%s'", (int)e->name.n, e->name.p, name);
  return f;
}

static void near(double got, double want, const char *what) {
  double tol = fabs(want) * 1e-9 + 1e-9;
  if (fabs(got - want) > tol)
    fail_msg("%s: got %.17g, expected %.17g", what, got, want);
}

static const Assumption *assumption(const Model *m, const char *key) {
  for (int i = 0; i < m->nassumptions; i++)
    if (str_eqc(m->assumptions[i].key, key))
      return &m->assumptions[i];
  return NULL;
}

static void has_assumption(const Model *m, const char *key, const char *text) {
  const Assumption *a = assumption(m, key);
  if (!a)
    fail_msg("no assumption '%s'", key);
  if (text && !str_eqc(a->text, text))
    fail_msg("assumption '%s': got \"%.*s\", expected \"%s\"", key, (int)a->text.n, a->text.p, text);
}

static void str_is(Str s, const char *want, const char *what) {
  if (!str_eqc(s, want))
    fail_msg("%s: got \"%.*s\", expected \"%s\"", what, (int)s.n, s.p, want);
}

static bool said(const Run *r, const char *part) {
  for (int i = 0; i < r->d.n && i < MAXD; i++)
    if (strstr(r->d.msg[i], part))
      return true;
  return false;
}

/* Compiles a spec that must fail with exactly `errors` errors, one of whose
 * messages contains `part`. */
static void fails(const char *src, int errors, const char *part) {
  Run *r = compile(src);
  if (r->m || r->c.sink.errors != errors || (part && !said(r, part))) {
    dump(r);
    fail_msg("expected %d error(s) mentioning \"%s\"; got %d, model %s", errors, part ? part : "", r->c.sink.errors,
             r->m ? "returned" : "NULL");
  }
  done(r);
}

/* ---- project defaults and figures ---- */

static void test_project_defaults(void **state) {
  (void)state;
  Run *r = ok("entity Note {\n"
              "  title string(100)\n"
              "}\n");
  const Project *p = &r->m->project;
  near(p->users, 1000, "users");
  near(p->active, 0.2, "active");
  near(p->actions, 20, "actions");
  near(p->peak, 3, "peak");
  near(p->latency[PCT_P95], 0.3, "p95");
  near(p->latency[PCT_P50], 0, "p50 unset");
  near(p->latency[PCT_P99], 0, "p99 unset");
  near(p->availability, 0.999, "availability");
  near(p->month, 2629800, "month");
  /* 1000 users * 20% active * 20 actions */
  near(p->requests_per_day, 4000, "requests per day");
  assert_false(p->has_requests);
  assert_false(p->has_budget);
  near(p->budget, 0, "budget");
  assert_int_equal(p->team, 2);
  assert_int_equal(p->level, LVL_MID);
  near(p->devices, 0, "devices");
  near(p->writes_per_s, 0, "writes");
  near(p->deadline, 0, "deadline");
  assert_null(r->m->principal);
  assert_null(r->m->auth);
  /* every default is an assumption */
  has_assumption(r->m, "project.users", "1,000 users (the spec gives no users figure)");
  has_assumption(r->m, "project.active", "20% of users are active on a typical day");
  has_assumption(r->m, "project.actions", "each active user makes 20 API requests a day");
  has_assumption(r->m, "project.peak", "the busiest hour carries 3x the average load");
  has_assumption(r->m, "project.availability", NULL);
  has_assumption(r->m, "project.latency.p95", "a p95 latency target of 300ms");
  has_assumption(r->m, "project.budget", NULL);
  has_assumption(r->m, "project.team", "a team of 2 developers");
  has_assumption(r->m, "project.team.level", NULL);
  has_assumption(r->m, "project.deadline", NULL);
  /* no features: no "auth" assumption */
  assert_null(assumption(r->m, "auth"));
  /* the missing project block is a warning, not an error */
  assert_int_equal(r->c.sink.errors, 0);
  assert_true(said(r, "no project block"));
  done(r);
}

static void test_project_figures(void **state) {
  (void)state;
  Run *r = ok("project \"T\" {\n"
              "  idea \"x\"\n"
              "  users 10,000\n"
              "  active 25%\n"
              "  actions 30\n"
              "  peak 5x\n"
              "  budget $600/year\n"
              "  latency p99 400ms\n"
              "  availability 99.95%\n"
              "  team 3 senior\n"
              "  deadline 6 weeks\n"
              "}\n"
              "entity Note {\n"
              "  title string(100)\n"
              "}\n");
  const Project *p = &r->m->project;
  str_is(p->name, "T", "name");
  str_is(p->idea, "x", "idea");
  near(p->users, 10000, "users");
  near(p->active, 0.25, "active");
  near(p->actions, 30, "actions");
  /* derived: 10,000 * 0.25 * 30 = 75,000 */
  near(p->requests_per_day, 75000, "requests per day");
  assert_false(p->has_requests);
  near(p->peak, 5, "peak");
  /* $600 a year is $50 a month (600 * 2,629,800 / 31,557,600) */
  assert_true(p->has_budget);
  near(p->budget, 50, "budget per month");
  near(p->latency[PCT_P99], 0.4, "p99");
  /* p95 derived from p99 as 0.7 * 400ms = 280ms */
  near(p->latency[PCT_P95], 0.28, "p95 from p99");
  has_assumption(r->m, "project.latency.p95", "a p95 target of 280ms, derived from the given percentile");
  near(p->availability, 0.9995, "availability");
  assert_int_equal(p->team, 3);
  assert_int_equal(p->level, LVL_SENIOR);
  /* 6 weeks = 6 * 604,800 s */
  near(p->deadline, 3628800, "deadline");
  assert_null(assumption(r->m, "project.users"));
  assert_null(assumption(r->m, "project.budget"));
  assert_null(assumption(r->m, "project.deadline"));
  done(r);
}

static void test_requests_and_budgets(void **state) {
  (void)state;
  /* requests given: 50,000/day is kept as 50,000 a day */
  Run *r = ok("project \"T\" {\n"
              "  idea \"x\"\n"
              "  users 10000\n"
              "  requests 50,000/day\n"
              "  budget $2,000/month\n"
              "}\n"
              "entity Note {\n"
              "  title string(100)\n"
              "}\n");
  assert_true(r->m->project.has_requests);
  near(r->m->project.requests_per_day, 50000, "requests per day");
  near(r->m->project.budget, 2000, "budget $2,000/month");
  /* actions default without the assumption: requests are given */
  assert_null(assumption(r->m, "project.actions"));
  done(r);

  /* requests per hour: 1,000/hour = 24,000 a day; a bare $ budget is monthly */
  r = ok("project \"T\" {\n"
         "  idea \"x\"\n"
         "  requests 1000/hour\n"
         "  budget $75\n"
         "}\n"
         "entity Note {\n"
         "  title string(100)\n"
         "}\n");
  near(r->m->project.requests_per_day, 24000, "1000/hour");
  near(r->m->project.budget, 75, "budget $75");
  done(r);

  /* a monthly rate at a custom month length: 1M/month with 2.5M s a month is
   * 0.4 requests/s, 34,560 a day */
  r = ok("project \"T\" {\n"
         "  idea \"x\"\n"
         "  seconds-per-month 2.5M\n"
         "  requests 1M/month\n"
         "}\n"
         "entity Note {\n"
         "  title string(100)\n"
         "}\n");
  near(r->m->project.month, 2.5e6, "month");
  near(r->m->project.requests_per_day, 34560, "1M/month at 2.5M s/month");
  done(r);
}

static void test_p95_derivations(void **state) {
  (void)state;
  /* from p50: 3 * 100ms = 300ms; from p90: 1.3 * 200ms = 260ms */
  Run *r = ok("project \"T\" {\n  idea \"x\"\n  latency p50 100ms\n}\nentity N {\n  t int\n}\n");
  near(r->m->project.latency[PCT_P95], 0.3, "p95 from p50");
  near(r->m->project.latency[PCT_P50], 0.1, "p50");
  done(r);
  r = ok("project \"T\" {\n  idea \"x\"\n  latency p90 200ms\n}\nentity N {\n  t int\n}\n");
  near(r->m->project.latency[PCT_P95], 0.26, "p95 from p90");
  done(r);
  r = ok("project \"T\" {\n  idea \"x\"\n  latency p95 150ms, p99 1s\n}\nentity N {\n  t int\n}\n");
  near(r->m->project.latency[PCT_P95], 0.15, "p95 given");
  near(r->m->project.latency[PCT_P99], 1, "p99 given");
  assert_null(assumption(r->m, "project.latency.p95"));
  done(r);
}

/* ---- rows ---- */

static const char *const TASKS = "project \"P\" {\n"
                                 "  idea \"x\"\n"
                                 "  users 10k\n"
                                 "}\n"
                                 "entity User {\n"
                                 "  email email unique\n"
                                 "  password secret\n"
                                 "}\n"
                                 "entity Project {\n"
                                 "  owner -> User\n"
                                 "  name string(80)\n"
                                 "  per User ~ 3\n"
                                 "}\n"
                                 "entity Task {\n"
                                 "  project -> Project\n"
                                 "  title string(200)\n"
                                 "  per Project ~ 25\n"
                                 "}\n"
                                 "entity Comment {\n"
                                 "  task -> Task\n"
                                 "  author -> User\n"
                                 "  body text\n"
                                 "}\n"
                                 "entity Label {\n"
                                 "  name string(30)\n"
                                 "}\n"
                                 "feature auth { method jwt }\n"
                                 "feature crud Task { owner-only }\n"
                                 "feature crud Label\n";

static void test_rows_chain(void **state) {
  (void)state;
  Run *r = ok(TASKS);
  Entity *user = ent(r, "User"), *project = ent(r, "Project"), *task = ent(r, "Task"),
         *comment = ent(r, "Comment"), *label = ent(r, "Label");
  /* the principal has one row per user */
  assert_ptr_equal(r->m->principal, user);
  assert_true(user->principal);
  near(user->rows, 10000, "User rows");
  str_is(user->rows_basis, "one per user", "User basis");
  /* per chains multiply: 10k * 3 = 30k, * 25 = 750k */
  near(project->rows, 30000, "Project rows");
  str_is(project->rows_basis, "3 per User", "Project basis");
  near(task->rows, 750000, "Task rows");
  str_is(task->rows_basis, "25 per Project", "Task basis");
  /* no 'per': 10 per parent (the first required ->), recorded */
  near(comment->rows, 7500000, "Comment rows");
  str_is(comment->rows_basis, "10 per Task", "Comment basis");
  has_assumption(r->m, "entity.Comment.per", "10 Comment rows per Task (no 'per' given)");
  assert_null(assumption(r->m, "entity.Task.per"));
  /* a root without count: 1000, recorded */
  near(label->rows, 1000, "Label rows");
  str_is(label->rows_basis, "assumed", "Label basis");
  has_assumption(r->m, "entity.Label.rows", "Label holds 1,000 rows (no parent and no 'count')");
  assert_null(assumption(r->m, "entity.User.rows"));
  done(r);
}

static void test_ownership(void **state) {
  (void)state;
  Run *r = ok(TASKS);
  Entity *user = ent(r, "User"), *project = ent(r, "Project"), *task = ent(r, "Task"),
         *comment = ent(r, "Comment"), *label = ent(r, "Label");
  assert_null(user->parent);
  assert_ptr_equal(project->parent, user);
  assert_ptr_equal(project->parent_field, fld(project, "owner"));
  assert_ptr_equal(task->parent, project);
  assert_ptr_equal(task->parent_field, fld(task, "project"));
  /* the first required -> wins: task, not author */
  assert_ptr_equal(comment->parent, task);
  assert_ptr_equal(comment->parent_field, fld(comment, "task"));
  assert_null(label->parent);
  /* owners along the chain */
  assert_null(user->owner);
  assert_ptr_equal(project->owner, user);
  assert_ptr_equal(task->owner, user);
  assert_ptr_equal(comment->owner, user);
  assert_null(label->owner);
  assert_int_equal(user->depth, 0);
  assert_int_equal(project->depth, 1);
  assert_int_equal(task->depth, 2);
  assert_int_equal(comment->depth, 3);
  /* incoming relations, in declaration order */
  assert_int_equal(user->nincoming, 2);
  assert_ptr_equal(user->incoming[0].from, project);
  assert_ptr_equal(user->incoming[1].from, comment);
  assert_ptr_equal(user->incoming[1].field, fld(comment, "author"));
  assert_int_equal(task->nincoming, 1);
  /* features attach to their entities */
  assert_int_equal(task->nfeatures, 1);
  assert_int_equal(label->nfeatures, 1);
  assert_int_equal(user->nfeatures, 0);
  done(r);
}

static void test_optional_relation_is_not_a_parent(void **state) {
  (void)state;
  Run *r = ok("entity A {\n"
              "  name string(10)\n"
              "}\n"
              "entity B {\n"
              "  a -> A?\n"
              "}\n");
  Entity *b = ent(r, "B");
  assert_null(b->parent);
  near(b->rows, 1000, "B is a root");
  /* a self-relation is not a parent either */
  done(r);
  r = ok("entity Node {\n"
         "  up -> Node\n"
         "}\n");
  assert_null(ent(r, "Node")->parent);
  near(ent(r, "Node")->rows, 1000, "Node rows");
  done(r);
}

static void test_one_to_one_unique(void **state) {
  (void)state;
  Run *r = ok("project \"P\" {\n"
              "  idea \"x\"\n"
              "  users 2500\n"
              "}\n"
              "entity User {\n"
              "  email email unique\n"
              "  password secret\n"
              "}\n"
              "entity Profile {\n"
              "  user -> User unique\n"
              "  bio text max 400\n"
              "}\n"
              "entity Setting {\n"
              "  user -> User\n"
              "  key string(40)\n"
              "}\n"
              "feature auth { method session }\n");
  Entity *profile = ent(r, "Profile"), *setting = ent(r, "Setting");
  /* unique -> : at most one per parent, and no assumption about it */
  near(profile->rows, 2500, "Profile rows");
  str_is(profile->rows_basis, "at most one per User (unique)", "Profile basis");
  assert_null(assumption(r->m, "entity.Profile.per"));
  /* plain -> : 10 per parent */
  near(setting->rows, 25000, "Setting rows");
  has_assumption(r->m, "entity.Setting.per", NULL);
  /* Profile: 56 + ref 16 + text max 400 (400/4 + 4 = 104) = 176 */
  near(profile->row_bytes, 176, "Profile row bytes");
  done(r);
}

static void test_count_and_per(void **state) {
  (void)state;
  Run *r = ok("entity Country {\n"
              "  name string(60)\n"
              "  count 250\n"
              "}\n"
              "entity City {\n"
              "  country -> Country\n"
              "  name string(60)\n"
              "  per Country ~ 0.2\n"
              "}\n");
  near(ent(r, "Country")->rows, 250, "Country rows");
  str_is(ent(r, "Country")->rows_basis, "count given in the spec", "Country basis");
  assert_null(assumption(r->m, "entity.Country.rows"));
  /* 250 * 0.2 = 50 */
  near(ent(r, "City")->rows, 50, "City rows");
  str_is(ent(r, "City")->rows_basis, "0.2 per Country", "City basis");
  assert_true(ent(r, "City")->has_per);
  near(ent(r, "City")->per_n, 0.2, "per_n");
  done(r);
}

static void test_row_bytes(void **state) {
  (void)state;
  Run *r = ok("entity Item {\n"
              "  sku    string(32) unique\n"  /* 32/2 + 1 = 17 */
              "  name   string\n"             /* 255/2 + 1 = 128.5 */
              "  code   string max 50\n"      /* 50/2 + 1 = 26 */
              "  notes  text max 4000\n"      /* 4000/4 + 4 = 1004 */
              "  qty    int\n"                /* 8 */
              "  price  money\n"              /* 8 */
              "  ratio  float\n"              /* 8 */
              "  active bool\n"               /* 1 */
              "  born   date\n"               /* 4 */
              "  at     timestamp\n"          /* 8 */
              "  uid    uuid\n"               /* 16 */
              "  mail   email\n"              /* 32 */
              "  site   url\n"                /* 100 */
              "  tel    phone\n"              /* 16 */
              "  meta   json\n"               /* 256 */
              "  state  enum(a, b)\n"         /* 8 */
              "  pic    blob max 10MB\n"      /* 64; 5 MB in object storage */
              "  tags   string(20)[]\n"       /* (20/2 + 1) * 4 + 24 = 68 */
              "  maybe  int?\n"               /* 8 */
              "}\n");
  Entity *e = ent(r, "Item");
  /* 17 + 128.5 + 26 + 1004 + 8 + 8 + 8 + 1 + 4 + 8 + 16 + 32 + 100 + 16 + 256
   * + 8 + 64 + 68 + 8 = 1780.5, plus 56 overhead = 1836.5 */
  near(e->row_bytes, 1836.5, "Item row bytes");
  near(fld(e, "name")->avg_bytes, 128.5, "unsized string");
  near(fld(e, "code")->len, 50, "string max 50 becomes string(50)");
  near(fld(e, "tags")->avg_bytes, 68, "string array");
  near(fld(e, "pic")->blob_bytes, 5e6, "blob max 10MB: half of the max");
  near(e->blob_bytes, 5e6, "entity blob bytes");
  assert_true(fld(e, "mail")->tags & TAG_PII);
  assert_true(fld(e, "tel")->tags & TAG_PII);
  assert_false(fld(e, "site")->tags & TAG_PII);
  assert_true(fld(e, "maybe")->optional);
  assert_true(fld(e, "sku")->unique);
  assert_int_equal(fld(e, "state")->nenum, 2);
  assert_int_equal(e->nfields, 19);
  assert_int_equal(fld(e, "maybe")->index, 18);
  done(r);

  /* defaults: text 516, blob without max: 1 MB assumed, x4 in an array */
  r = ok("entity Doc {\n"
         "  body  text\n"        /* 512 + 4 = 516 */
         "  file  blob\n"        /* 64 */
         "  pics  blob[]\n"      /* 64 * 4 + 24 = 280 */
         "  key   secret\n"      /* 61 */
         "}\n");
  e = ent(r, "Doc");
  /* 56 + 516 + 64 + 280 + 61 = 977 */
  near(e->row_bytes, 977, "Doc row bytes");
  near(fld(e, "file")->blob_bytes, 1e6, "blob default");
  near(fld(e, "pics")->blob_bytes, 4e6, "blob array");
  near(e->blob_bytes, 5e6, "Doc blob bytes");
  has_assumption(r->m, "field.Doc.file.size", "Doc.file: objects average 1 MB (no max given)");
  done(r);
}

static void test_join_entity(void **state) {
  (void)state;
  Run *r = ok("entity Post {\n"
              "  title string(100)\n"
              "  tags <-> Tag\n"
              "  count 300\n"
              "}\n"
              "entity Tag {\n"
              "  name string(30) unique\n"
              "}\n");
  assert_int_equal(r->m->nentities, 3);
  Entity *post = ent(r, "Post"), *tag = ent(r, "Tag"), *j = ent(r, "Post_tags");
  assert_true(j->join);
  assert_false(post->join);
  assert_int_equal(j->nfields, 2);
  str_is(j->fields[0].name, "post", "left field");
  str_is(j->fields[1].name, "tags", "right field");
  assert_ptr_equal(j->fields[0].ref, post);
  assert_ptr_equal(j->fields[1].ref, tag);
  assert_int_equal(j->fields[0].rel, REL_MANY_TO_ONE);
  assert_ptr_equal(j->parent, post);
  /* 4 links per Post, recorded: 300 * 4 = 1200 */
  near(j->rows, 1200, "join rows");
  has_assumption(r->m, "entity.Post_tags.per", "each Post links to 4 Tag on average");
  /* join row: 56 + 16 + 16 = 88; the <-> field itself stores nothing:
   * Post = 56 + string(100) 51 = 107 */
  near(j->row_bytes, 88, "join row bytes");
  near(post->row_bytes, 107, "Post row bytes");
  near(fld(post, "tags")->avg_bytes, 0, "<-> field bytes");
  assert_int_equal(fld(post, "tags")->rel, REL_MANY_TO_MANY);
  assert_ptr_equal(fld(post, "tags")->ref, tag);
  /* incoming: Post and Tag are each referenced by the join */
  assert_int_equal(post->nincoming, 1);
  assert_ptr_equal(post->incoming[0].from, j);
  assert_int_equal(tag->nincoming, 1);
  assert_ptr_equal(tag->incoming[0].field, &j->fields[1]);
  done(r);

  /* a self relation whose field is named like the entity: friend <-> Friend */
  r = ok("entity Friend {\n"
         "  name string(10)\n"
         "  friend <-> Friend\n"
         "}\n");
  j = ent(r, "Friend_friend");
  str_is(j->fields[0].name, "friend_of", "left field renamed");
  str_is(j->fields[1].name, "friend", "right field");
  done(r);
}

/* ---- principal ---- */

static void test_principal_secret_first(void **state) {
  (void)state;
  /* a secret field beats the name User */
  Run *r = ok("entity User {\n"
              "  name string(50)\n"
              "}\n"
              "entity Login {\n"
              "  user -> User\n"
              "  password secret\n"
              "}\n"
              "feature auth { method jwt }\n");
  assert_ptr_equal(r->m->principal, ent(r, "Login"));
  assert_true(ent(r, "Login")->principal);
  assert_false(ent(r, "User")->principal);
  /* the principal is counted by users even though it has a parent */
  near(ent(r, "Login")->rows, 1000, "Login rows");
  str_is(ent(r, "Login")->rows_basis, "one per user", "Login basis");
  /* chosen by its secret: no assumption */
  assert_null(assumption(r->m, "auth.principal"));
  assert_true(fld(ent(r, "Login"), "password")->tags & TAG_SECRET);
  done(r);
}

static void test_principal_by_name(void **state) {
  (void)state;
  /* no secret: the names are tried in order User, Account, Customer, Member,
   * ... regardless of declaration order */
  Run *r = ok("project \"P\" {\n"
              "  idea \"x\"\n"
              "  users 400\n"
              "}\n"
              "entity Member {\n"
              "  name string(50)\n"
              "}\n"
              "entity Account {\n"
              "  name string(50)\n"
              "}\n"
              "feature auth { method magic-link }\n"
              "feature crud Member\n");
  assert_ptr_equal(r->m->principal, ent(r, "Account"));
  near(ent(r, "Account")->rows, 400, "Account rows");
  near(ent(r, "Member")->rows, 1000, "Member rows (a root)");
  has_assumption(r->m, "auth.principal", "Account is the entity that signs in");
  done(r);

  /* names match without regard to case */
  r = ok("entity user {\n"
         "  name string(50)\n"
         "}\n"
         "feature auth { method jwt }\n");
  assert_ptr_equal(r->m->principal, ent(r, "user"));
  done(r);

  /* an explicit principal wins over a secret field */
  r = ok("entity Staff {\n"
         "  name string(50)\n"
         "}\n"
         "entity User {\n"
         "  password secret\n"
         "}\n"
         "feature auth { method jwt principal Staff }\n");
  assert_ptr_equal(r->m->principal, ent(r, "Staff"));
  assert_false(ent(r, "User")->principal);
  done(r);

  /* without auth nobody signs in, and User is an ordinary root */
  r = ok("entity User {\n"
         "  password secret\n"
         "}\n");
  assert_null(r->m->principal);
  near(ent(r, "User")->rows, 1000, "User rows without auth");
  done(r);
}

static void test_principal_external(void **state) {
  (void)state;
  Run *r = ok("project \"G\" {\n"
              "  idea \"x\"\n"
              "  users 500\n"
              "}\n"
              "entity Device {\n"
              "  serial string(40) unique\n"
              "}\n"
              "feature auth { method oidc  roles operator admin }\n"
              "feature crud Device\n");
  assert_int_equal(r->m->nentities, 2);
  Entity *u = ent(r, "User");
  assert_ptr_equal(r->m->principal, u);
  assert_true(u->principal);
  assert_int_equal(u->nfields, 3);
  Field *sub = fld(u, "subject"), *mail = fld(u, "email"), *role = fld(u, "role");
  assert_int_equal(sub->type, FT_STRING);
  near(sub->len, 255, "subject length");
  assert_true(sub->unique);
  assert_int_equal(mail->type, FT_EMAIL);
  assert_true(mail->tags & TAG_PII);
  assert_int_equal(role->type, FT_ENUM);
  assert_int_equal(role->nenum, 2);
  str_is(role->enum_vals[0], "operator", "first role");
  str_is(role->enum_vals[1], "admin", "second role");
  str_is(role->def.text, "operator", "default role");
  near(u->rows, 500, "User rows");
  /* 56 + subject 255/2+1 = 128.5 + email 32 + enum 8 = 224.5 */
  near(u->row_bytes, 224.5, "User row bytes");
  has_assumption(r->m, "auth.principal", "User (subject, email, role) is added to hold the identity provider's users");
  done(r);

  /* oauth without roles: two fields */
  r = ok("entity Device {\n"
         "  serial string(40)\n"
         "}\n"
         "feature auth { method oauth providers google }\n"
         "feature crud Device\n");
  Entity *v = ent(r, "User");
  assert_int_equal(v->nfields, 2);
  /* 56 + 128.5 + 32 = 216.5 */
  near(v->row_bytes, 216.5, "User row bytes without roles");
  has_assumption(r->m, "auth.principal", "User (subject, email) is added to hold the identity provider's users");
  done(r);

  /* an existing User is used, not replaced */
  r = ok("entity User {\n"
         "  name string(50)\n"
         "}\n"
         "feature auth { method oidc }\n");
  assert_int_equal(r->m->nentities, 1);
  assert_ptr_equal(r->m->principal, ent(r, "User"));
  assert_int_equal(ent(r, "User")->nfields, 1);
  done(r);
}

/* ---- devices ---- */

static void test_devices(void **state) {
  (void)state;
  Run *r = ok("project \"G\" {\n"
              "  idea \"x\"\n"
              "  users 500\n"
              "  devices 50k\n"
              "}\n"
              "entity Device {\n"
              "  serial string(40) unique\n"
              "}\n"
              "entity Reading {\n"
              "  device -> Device\n"
              "  value float\n"
              "  per Device ~ 100\n"
              "}\n"
              "feature ingest Reading\n");
  Entity *d = ent(r, "Device"), *rd = ent(r, "Reading");
  assert_true(d->device);
  assert_false(rd->device);
  near(d->rows, 50000, "Device rows");
  str_is(d->rows_basis, "one per device", "Device basis");
  near(rd->rows, 5e6, "Reading rows");
  near(r->m->project.devices, 50000, "devices");
  /* each device reports once a minute by default: 50,000 / 60 writes/s */
  near(r->m->project.interval, 60, "interval");
  near(r->m->project.writes_per_s, 50000.0 / 60.0, "writes per s");
  has_assumption(r->m, "project.interval", "each device reports once a minute");
  done(r);

  /* an explicit interval: 50k devices every 10 s = 5,000 writes/s */
  r = ok("project \"G\" {\n"
         "  idea \"x\"\n"
         "  devices 50k\n"
         "  interval 10s\n"
         "}\n"
         "entity Device {\n"
         "  serial string(40)\n"
         "}\n"
         "entity Reading {\n"
         "  device -> Device\n"
         "  value float\n"
         "}\n"
         "feature ingest Reading\n");
  near(r->m->project.writes_per_s, 5000, "writes per s");
  /* no 'per': the default 10 per device */
  near(ent(r, "Reading")->rows, 500000, "Reading rows");
  done(r);

  /* without a devices figure, nothing is a device */
  r = ok("entity Device {\n"
         "  serial string(40)\n"
         "}\n"
         "entity Reading {\n"
         "  device -> Device\n"
         "}\n"
         "feature ingest Reading\n");
  assert_false(ent(r, "Device")->device);
  near(ent(r, "Device")->rows, 1000, "Device rows without devices");
  done(r);
}

/* ---- entity figures ---- */

static void test_retain_and_grows(void **state) {
  (void)state;
  Run *r = ok("entity Event {\n"
              "  at timestamp\n"
              "  retain 2 years\n"
              "  grows 8640/day\n"
              "}\n"
              "entity Log {\n"
              "  at timestamp\n"
              "  retain 30d\n"
              "}\n");
  /* 2 * 31,557,600 s; 8640 a day = 0.1/s */
  near(ent(r, "Event")->retain, 63115200, "retain 2 years");
  near(ent(r, "Event")->grows, 0.1, "grows 8640/day");
  near(ent(r, "Log")->retain, 2592000, "retain 30d");
  near(ent(r, "Log")->grows, 0, "no growth given");
  done(r);
}

/* ---- errors ---- */

static void test_error_counts(void **state) {
  (void)state;
  fails("entity A {\n  b -> Missing\n}\n", 1, "unknown entity 'Missing'");
  fails("entity Order {\n  x int\n}\nentity B {\n  o -> Ordr\n}\n", 1, "did you mean 'Order'?");
  fails("entity A {\n  x int\n}\nentity A {\n  y int\n}\n", 1, "duplicate entity 'A'");
  fails("entity A {\n  b -> B\n}\nentity B {\n  a -> A\n}\n", 1, "ownership cycle");
  fails("entity A {\n  id int\n}\n", 1, "'id' is added to every entity");
  fails("entity A {\n  x int @\n}\n", 1, "unexpected character '@'");
  fails("project \"T\" {\n  idea \"x\"\n  active 0%\n}\nentity N {\n  t int\n}\n", 1, "active share of 0%");
  fails("project \"T\" {\n  idea \"x\"\n  active 150%\n}\nentity N {\n  t int\n}\n", 1, "cannot exceed 100%");
  fails("project \"T\" {\n  idea \"x\"\n  availability 100%\n}\nentity N {\n  t int\n}\n", 1, "100% availability");
  fails("project \"T\" {\n  idea \"x\"\n  peak 0.5x\n}\nentity N {\n  t int\n}\n", 1, "peak factor");
  fails("project \"T\" {\n  idea \"x\"\n  users 1.5\n}\nentity N {\n  t int\n}\n", 1, "whole number");
  fails("project \"T\" {\n  idea \"x\"\n  team 0\n}\nentity N {\n  t int\n}\n", 1, "a team is a whole number");
  fails("project \"T\" {\n  idea \"x\"\n  latency p50 500ms, p99 100ms\n}\nentity N {\n  t int\n}\n", 1,
        "a lower percentile cannot be slower");
  fails("project \"T\" {\n  idea \"x\"\n  users 10MB\n}\n", 1, "expected a count");
  fails("project \"T\" {\n  idea \"x\"\n  budget $5/hour\n}\n", 1, "a budget is per day, week, month or year");
  fails("entity A {\n  x int\n}\nentity B {\n  y int\n  per A ~ 3\n}\n", 1, "needs a relation");
  fails("entity A {\n  x int\n}\nfeature auth { method jwt }\n", 1, "auth needs an entity that signs in");
  fails("entity A {\n  x int\n}\nfeature auth { method jwt principal Nobody }\n", 1, "unknown entity 'Nobody'");
  fails("entity Post {\n  tags <-> Tag\n}\nentity Tag {\n  n int\n}\nentity Post_tags {\n  n int\n}\n", 1,
        "clashes with a declared entity");
  /* two independent mistakes are both reported */
  fails("entity A {\n  b -> Nope\n  id int\n}\n", 2, "unknown entity 'Nope'");
}

static void test_row_overflow(void **state) {
  (void)state;
  /* 1000 * 1e6 * 1e6 = 1e15, then * 1e6 = 1e21 > 1e18: one error at D */
  fails("entity A {\n  x int\n}\n"
        "entity B {\n  a -> A\n  per A ~ 1M\n}\n"
        "entity C {\n  b -> B\n  per B ~ 1M\n}\n"
        "entity D {\n  c -> C\n  per C ~ 1M\n}\n",
        1, "D would hold more than 1e18 rows");
}

static void test_error_limit(void **state) {
  (void)state;
  /* 30 separate bad characters ("@ ! " x 15, so no three messages in a
   * row repeat): 20 errors, then the stop note, and no model */
  char src[64];
  for (int i = 0; i < 30; i++)
    src[2 * i] = i % 2 ? '!' : '@', src[2 * i + 1] = ' ';
  src[60] = '\n';
  src[61] = 0;
  Run *r = compile(src);
  assert_null(r->m);
  assert_int_equal(r->c.sink.errors, 20);
  assert_true(r->c.sink.stop);
  assert_int_equal(r->d.n, 21);
  assert_int_equal(r->d.sev[20], SEV_NOTE);
  assert_string_equal(r->d.msg[20], "too many errors; stopping");
  done(r);
}

static void test_size_overrides(void **state) {
  (void)state;
  /* an entity's `size` replaces the field estimate (overhead still added);
   * a field's `avg` replaces that field's estimate */
  Run *r = ok("entity Blobby {\n"
              "  body text\n"
              "  size 2KB\n"
              "}\n"
              "entity Note {\n"
              "  body text avg 300B\n"   /* 300 instead of 516 */
              "  title string(100)\n"    /* 51 */
              "}\n"
              "entity Pic {\n"
              "  file blob avg 2MB\n"    /* 64 in the row, 2 MB stored */
              "}\n");
  /* 2,000 + 56 */
  near(ent(r, "Blobby")->content_bytes, 2000, "Blobby content");
  near(ent(r, "Blobby")->row_bytes, 2056, "Blobby row bytes");
  /* 300 + 51 + 56 = 407 */
  near(ent(r, "Note")->content_bytes, 351, "Note content");
  near(ent(r, "Note")->row_bytes, 407, "Note row bytes");
  near(ent(r, "Pic")->row_bytes, 120, "Pic row bytes");
  near(ent(r, "Pic")->blob_bytes, 2e6, "Pic blob bytes");
  assert_null(assumption(r->m, "field.Pic.file.size"));
  done(r);
}

static void test_warnings_keep_model(void **state) {
  (void)state;
  /* warnings do not block the model: an idle entity and a $0 budget */
  Run *r = ok("project \"T\" {\n"
              "  idea \"x\"\n"
              "  budget $0/month\n"
              "}\n"
              "entity A {\n"
              "  x int\n"
              "}\n"
              "entity Idle {\n"
              "  y int\n"
              "}\n"
              "feature crud A\n");
  assert_int_equal(r->c.sink.errors, 0);
  assert_true(said(r, "entity 'Idle' is not used by any feature or relation"));
  assert_true(said(r, "a budget of $0 leaves only free tiers"));
  assert_false(said(r, "entity 'A' is not used"));
  assert_true(r->m->project.has_budget);
  near(r->m->project.budget, 0, "budget");
  /* features exist but no auth: recorded */
  has_assumption(r->m, "auth", NULL);
  done(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_project_defaults),
    cmocka_unit_test(test_project_figures),
    cmocka_unit_test(test_requests_and_budgets),
    cmocka_unit_test(test_p95_derivations),
    cmocka_unit_test(test_rows_chain),
    cmocka_unit_test(test_ownership),
    cmocka_unit_test(test_optional_relation_is_not_a_parent),
    cmocka_unit_test(test_one_to_one_unique),
    cmocka_unit_test(test_count_and_per),
    cmocka_unit_test(test_row_bytes),
    cmocka_unit_test(test_join_entity),
    cmocka_unit_test(test_principal_secret_first),
    cmocka_unit_test(test_principal_by_name),
    cmocka_unit_test(test_principal_external),
    cmocka_unit_test(test_devices),
    cmocka_unit_test(test_retain_and_grows),
    cmocka_unit_test(test_error_counts),
    cmocka_unit_test(test_row_overflow),
    cmocka_unit_test(test_error_limit),
    cmocka_unit_test(test_warnings_keep_model),
    cmocka_unit_test(test_size_overrides),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
