/* Unit tests for the contract's plan (src/plan/api.c, keys.c): the endpoint
 * list other documents reuse, the physical names (clashes, case folding,
 * 63-byte limit) and the key-value variant of the key design, which no
 * example reaches through the decision engine. */
#include "harness.h"

static int ndiag;

static Plan *plan_of(Compilation *c, const char *text) {
  harness_load(c, text, &ndiag);
  return driver_plan(c, NULL);
}

static const Endpoint *find(const Plan *p, const char *op) {
  for (int i = 0; i < p->api.neps; i++)
    if (str_eqc(p->api.eps[i].op_id, op))
      return &p->api.eps[i];
  return NULL;
}

static bool has_error(const Endpoint *e, int status) {
  for (int i = 0; i < e->nerrors; i++)
    if (e->errors[i] == status)
      return true;
  return false;
}

static const char taskflow[] =
    "project \"T\" { idea \"Tasks.\" }\n"
    "entity User { email email unique; password secret }\n"
    "entity Task { owner -> User; title string(200); per User ~ 5 }\n"
    "entity Attachment { task -> Task; file blob max 1MB }\n"
    "feature auth { method jwt }\n"
    "feature crud Task { owner-only paginate page }\n"
    "feature crud Attachment { owner-only }\n"
    "feature upload Attachment.file\n";

static void test_endpoints(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, taskflow);
  assert_non_null(p);
  assert_true(str_eqc(p->api.base, "/v1"));
  /* jwt: register, login, refresh, logout, me. */
  const char *auth[] = {"register", "login", "refresh", "logout", "me"};
  for (int i = 0; i < 5; i++) {
    const Endpoint *e = find(p, auth[i]);
    assert_non_null(e);
    assert_int_equal(e->kind, EP_AUTH);
  }
  const Endpoint *l = find(p, "listTasks");
  assert_non_null(l);
  assert_true(str_eqc(l->method, "GET") && str_eqc(l->path, "/tasks"));
  assert_true(l->auth && l->owner_only && l->read);
  assert_true(str_eqc(l->paginate, "page"));
  assert_int_equal(l->success, 200);
  assert_true(has_error(l, 401) && has_error(l, 429) && has_error(l, 500));
  const Endpoint *g = find(p, "getTask");
  assert_true(str_eqc(g->path, "/tasks/{taskId}") && has_error(g, 404) && has_error(g, 403));
  const Endpoint *d = find(p, "deleteTask");
  assert_int_equal(d->success, 204);
  /* Attachments are owned by a task: their collection is nested under it. */
  const Endpoint *la = find(p, "listAttachments");
  assert_true(str_eqc(la->path, "/tasks/{taskId}/attachments"));
  assert_ptr_equal(la->parent, model_entity(p->model, S("Task")));
  const Endpoint *up = find(p, "uploadAttachmentFile");
  assert_non_null(up);
  assert_true(str_eqc(up->method, "POST") && str_eqc(up->path, "/attachments/{attachmentId}/file"));
  /* Errors are ascending and unique. */
  for (int i = 0; i < p->api.neps; i++)
    for (int k = 1; k < p->api.eps[i].nerrors; k++)
      assert_true(p->api.eps[i].errors[k - 1] < p->api.eps[i].errors[k]);
  driver_free(&c);
}

static const char clashes[] =
    "project \"N\" { idea \"Names.\" }\n"
    "entity user { ID string(8); name string(20) }\n"
    "entity User { order int }\n"
    "entity Une_entité_dont_le_nom_dépasse_largement_les_soixante_trois_octets_a { n int }\n"
    "entity Une_entité_dont_le_nom_dépasse_largement_les_soixante_trois_octets_b { n int }\n"
    "feature crud user\nfeature crud User\n";

static void test_names(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, clashes);
  assert_non_null(p);
  const ApiEntity *e = p->api.ents;
  /* Types: ASCII, capital first, unique with their variants. */
  assert_true(str_eqc(e[0].type, "User"));
  assert_true(str_eqc(e[1].type, "User_2"));
  assert_true(str_eqc(e[0].plural, "users"));
  assert_true(str_eqc(e[1].plural, "user-2s"));
  /* Tables: unique ignoring case (SQLite folds it). */
  assert_true(str_eqc(e[0].table, "user"));
  assert_true(str_eqc(e[1].table, "User_2"));
  /* Columns: ID clashes with id ignoring case. */
  assert_true(str_eqc(e[0].cols[0], "ID_2"));
  /* Long names: at most 63 bytes, distinct, the same on every run. */
  assert_true(e[2].table.n <= 63 && e[3].table.n <= 63);
  assert_false(str_eq(e[2].table, e[3].table));
  Compilation c2;
  Plan *q = plan_of(&c2, clashes);
  assert_true(str_eq(e[2].table, q->api.ents[2].table));
  for (int i = 0; i < p->model->nentities; i++)
    for (int k = 0; k < p->api.ents[i].nidx; k++)
      assert_true(p->api.ents[i].idx_name[k].n <= 63);
  driver_free(&c2);
  driver_free(&c);
}

static const char ledger[] =
    "project \"L\" {\n  idea \"Readings.\"\n  users 500\n  devices 50k\n  writes 5000/s\n"
    "  team 8 senior { skills go cassandra cql }\n  budget $30000/month\n}\n"
    "entity Device { serial string(40) unique }\n"
    "entity Reading { device -> Device; at timestamp; value float; per Device ~ 3M; retain 13 months }\n"
    "entity Alert { device -> Device; metric string(40) }\n"
    "feature auth { method oidc }\n"
    "feature ingest Reading { batch 100 }\n"
    "feature crud Alert { filter metric }\n";

static void test_keys(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, ledger);
  assert_non_null(p);
  /* Readings go to the events store (Cassandra for a team that knows
   * it); devices and alerts stay in the relational system of record, so
   * the key design covers the readings only. */
  assert_true(str_eqc(p->api.db_family, "relational"));
  assert_true(str_eqc(p->api.keys_slot, "events"));
  assert_true(str_eqc(p->api.keys_family, "wide-column"));
  assert_true(p->api.nkeys > 0);
  for (int i = 0; i < p->api.nkeys; i++)
    assert_true(str_eqc(p->api.keys[i].entity->name, "Reading"));
  bool day = false;
  for (int i = 0; i < p->api.nkeys; i++)
    day |= p->api.keys[i].main && str_eqc(p->api.keys[i].bucket, "day");
  assert_true(day);
  /* The design for a whole wide-column database: every entity, filters too
   * (one store holds every row, so none is the events store's). */
  p->api.keys_slot = S("database");
  for (int i = 0; i < p->model->nentities; i++)
    p->api.ents[i].store = S("database");
  plan_keys(&c.arena, p);
  bool bucket = false, filter = false;
  for (int i = 0; i < p->api.nkeys; i++) {
    const KeyTable *t = &p->api.keys[i];
    assert_true(t->npk > 0 && t->name.n <= 48);
    if (str_eqc(t->entity->name, "Reading") && t->main)
      bucket = str_eqc(t->bucket, "day") && str_eqc(t->pk[1], "at_day");
    if (str_eqc(t->entity->name, "Alert") && t->npk == 2 && str_eqc(t->pk[1], "metric"))
      filter = true;
  }
  assert_true(bucket);
  assert_true(filter);
  /* The key-value variant: one table and three overloaded indexes. */
  p->api.keys_family = S("key-value");
  plan_keys(&c.arena, p);
  for (int i = 0; i < p->api.nkeys; i++) {
    const KeyTable *t = &p->api.keys[i];
    if (t->main)
      assert_true(str_eqc(t->name, "table"));
    else
      assert_true(str_eqc(t->name, "GSI1") || str_eqc(t->name, "GSI2") || str_eqc(t->name, "GSI3"));
  }
  driver_free(&c);
}

/* Field roles, lifecycles and derived sums (src/plan/fields.c), on a spec
 * that is not the shop: a ticket desk. */
static const char desk[] =
    "project \"D\" { idea \"Tickets.\" }\n"
    "entity Agent { email email unique; password secret }\n"
    "entity Ticket {\n"
    "  agent -> Agent\n"
    "  state enum(new, open, solved, closed) { new -> open by support; open -> solved by support\n"
    "    solved -> closed by system; new, open -> closed by owner }\n"
    "  ref string(12) immutable\n"
    "  subject string(80)\n"
    "  grand_total money\n"
    "  per Agent ~ 3\n"
    "}\n"
    "entity Charge { ticket -> Ticket; amount money; per Ticket ~ 2 }\n"
    "feature auth { method jwt  roles agent support }\n"
    "feature crud Ticket { owner-only }\n"
    "feature crud Charge { owner-only }\n";

static const FieldFacts *ff(const Plan *p, const char *ent, const char *field) {
  const Entity *e = model_entity(p->model, str_c(ent));
  return &p->api.ents[e->index].ff[entity_field(e, str_c(field))->index];
}

static void test_field_facts(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, desk);
  assert_non_null(p);
  /* The owner comes from the token, the state from its operations, the
   * money total over Charge rows from the server; ref once, subject always. */
  assert_int_equal(ff(p, "Ticket", "agent")->role, ROLE_SERVER);
  assert_int_equal(ff(p, "Ticket", "state")->role, ROLE_SERVER);
  assert_int_equal(ff(p, "Ticket", "grand_total")->role, ROLE_SERVER);
  assert_int_equal(ff(p, "Ticket", "ref")->role, ROLE_IMMUTABLE);
  assert_true(ff(p, "Ticket", "ref")->in_create && !ff(p, "Ticket", "ref")->in_update);
  assert_int_equal(ff(p, "Ticket", "subject")->role, ROLE_CLIENT);
  assert_int_equal(ff(p, "Charge", "ticket")->role, ROLE_SERVER);   /* from the path */
  /* A charge is in a payment flow (kb money-records): its amount is given
   * once, and the API deletes no charge. */
  assert_int_equal(ff(p, "Charge", "amount")->role, ROLE_IMMUTABLE);
  assert_null(find(p, "deleteCharge"));
  assert_non_null(find(p, "getCharge"));
  /* Lengths and money from kb/contracts.kb: email 320, a decimal string. */
  assert_true(ff(p, "Agent", "email")->max_len == 320);
  assert_true(str_eqc(ff(p, "Ticket", "grand_total")->json_type, "string"));
  assert_true(str_eqc(ff(p, "Ticket", "grand_total")->sql_pg, "numeric(19,4)"));
  /* New tickets start as new: the one state no transition reaches. */
  assert_int_equal(ff(p, "Ticket", "state")->initial, 0);
  /* Operations: open (support), solve (support), close (owner); solved ->
   * closed by system adds none. Paths are the actions. */
  const Endpoint *open = find(p, "openTicket"), *solve = find(p, "solveTicket"), *close = find(p, "closeTicket");
  assert_non_null(open);
  assert_non_null(solve);
  assert_non_null(close);
  assert_true(str_eqc(solve->path, "/tickets/{ticketId}/solve"));
  assert_true(str_eqc(close->path, "/tickets/{ticketId}/close"));
  assert_int_equal(solve->nroles, 1);
  assert_true(str_eqc(solve->roles[0], "support"));
  assert_true(close->owner_only && close->nroles == 0);
  assert_int_equal(close->life->nfrom, 2);   /* from new or open */
  assert_true(has_error(close, 409));
  driver_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_endpoints),
    cmocka_unit_test(test_names),
    cmocka_unit_test(test_keys),
    cmocka_unit_test(test_field_facts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
