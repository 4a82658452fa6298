/* Unit tests for the knowledge base's interned names (src/kb/kb.h): record
 * kinds, fact keys and the capabilities the code tests are integers, set
 * by the parser and written by kbgen into the static tables; kb_record
 * finds a record by kind and id through a hash table. Each check runs on
 * the static tables and on the same files parsed at run time. */
#include "harness.h"

static const char *const cap_names[] = {
#define NAME(e, s) s,
    KB_CAPS(NAME)
#undef NAME
};

static const char *const kind_names[] = {
    "",
#define NAME(e, s) s,
    KB_KINDS(NAME)
#undef NAME
};

typedef struct {
  Arena arena;
  const Kb *tables, *parsed;
} Kbs;

static Kbs load(void) {
  Kbs k = {.arena = arena_make(DRIVER_ARENA_BYTES)};
  DiagSink sink = {.arena = &k.arena};
  k.tables = kb_load(&k.arena, NULL, &sink);
  k.parsed = kb_parse_all(&k.arena, NULL, &sink);
  if (!k.tables || !k.parsed)
    fail_msg("the built-in knowledge base does not load");
  return k;
}

/* Every record's kind, fact's key and technology's capabilities agree
 * with their texts. */
static void check_interned(const Kb *kb) {
  int kinds = 0, keys = 0, caps = 0;
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    if (r->kindid == KIND_UNKNOWN || r->kindid != kb_kind(r->kind))
      fail_msg("record %.*s %.*s: kind interned as %d", (int)r->kind.n, r->kind.p, (int)r->id.n, r->id.p,
               (int)r->kindid);
    kinds++;
  }
  for (int t = 0; t < kb->ntechs; t++) {
    const Tech *x = &kb->techs[t];
    for (int f = 0; f < x->nfacts; f++) {
      if (x->facts[f].keyid != kb_key(x->facts[f].key))
        fail_msg("%.*s: fact key %.*s interned as %d", (int)x->id.n, x->id.p, (int)x->facts[f].key.n,
                 x->facts[f].key.p, (int)x->facts[f].keyid);
      keys += x->facts[f].keyid != KEY_OTHER;
    }
    for (int c = 0; c < CAP_COUNT_; c++) {
      bool text = false;
      for (int k = 0; k < x->ncaps; k++)
        text |= str_eqc(x->caps[k], cap_names[c]);
      if (text != tech_has(x, (KbCap)c))
        fail_msg("%.*s: capability %s is %s in its caps, %s in its bits", (int)x->id.n, x->id.p, cap_names[c],
                 text ? "listed" : "not listed", text ? "not set" : "set");
      caps += text;
    }
  }
  /* Not vacuous: the knowledge base has records, keyed facts and tested
   * capabilities. */
  assert_true(kinds > 100);
  assert_true(keys > 100);
  assert_true(caps > 10);
}

static void test_interned(void **state) {
  (void)state;
  Kbs k = load();
  check_interned(k.tables);
  check_interned(k.parsed);
  arena_free(&k.arena);
}

/* Names outside the vocabulary are not interned as one of it. */
static void test_unknown_names(void **state) {
  (void)state;
  assert_int_equal(kb_kind(S("symptom")), KIND_SYMPTOM);
  assert_int_equal(kb_kind(S("symptoms")), KIND_UNKNOWN);
  assert_int_equal(kb_kind(S("sympto")), KIND_UNKNOWN);
  assert_int_equal(kb_kind(S("")), KIND_UNKNOWN);
  assert_int_equal(kb_key(S("price")), KEY_PRICE);
  assert_int_equal(kb_key(S("prices")), KEY_OTHER);
  assert_int_equal(kb_key(S("pric")), KEY_OTHER);
  assert_int_equal(kb_key(S("burden")), KEY_OTHER);
}

/* kb_record against a scan: the first record of each kind and id, NULL
 * for an id or a kind that no record has. */
static void check_lookup(const Kb *kb) {
  char kind[64];
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    snprintf(kind, sizeof kind, "%.*s", (int)r->kind.n, r->kind.p);
    const KbRecord *first = NULL;
    for (int j = 0; j < kb->nrecs && !first; j++)
      if (str_eq(kb->recs[j].kind, r->kind) && str_eq(kb->recs[j].id, r->id))
        first = &kb->recs[j];
    if (kb_record(kb, kind, r->id) != first)
      fail_msg("kb_record(%s, %.*s) is not the first such record", kind, (int)r->id.n, r->id.p);
    /* The same id under every other kind: that kind's record or none. */
    for (int k = 1; k < KIND_COUNT_; k++) {
      const KbRecord *o = kb_record(kb, kind_names[k], r->id);
      if (o && (!str_eqc(o->kind, kind_names[k]) || !str_eq(o->id, r->id)))
        fail_msg("kb_record(%s, %.*s) found a %.*s record", kind_names[k], (int)r->id.n, r->id.p, (int)o->kind.n,
                 o->kind.p);
    }
    char longer[128];
    int n = snprintf(longer, sizeof longer, "%.*sx", (int)r->id.n, r->id.p);
    const KbRecord *other = kb_record(kb, kind, (Str){longer, n});
    if (other && !str_eq(other->id, (Str){longer, n}))
      fail_msg("kb_record(%s, %s) found %.*s", kind, longer, (int)other->id.n, other->id.p);
  }
  assert_null(kb_record(kb, "tech", S("no-such-technology")));
  assert_null(kb_record(kb, "techs", S("aws-rds-postgresql")));
  assert_non_null(kb_record(kb, "tech", S("aws-rds-postgresql")));
  assert_null(kb_record(kb, "a-kind-longer-than-sixty-four-bytes-which-no-record-of-the-schema-has", S("x")));
}

static void test_lookup(void **state) {
  (void)state;
  Kbs k = load();
  check_lookup(k.tables);
  check_lookup(k.parsed);
  arena_free(&k.arena);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_interned),
      cmocka_unit_test(test_unknown_names),
      cmocka_unit_test(test_lookup),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
