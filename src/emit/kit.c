/* The validation and operations kit, printed from the plan's Kit
 * (src/plan/kit.c): services.yaml, asyncapi.yaml, the Postman contract
 * tests, the runbooks and DEPLOYMENT.md, VALIDATION.md and validate.sh,
 * the infrastructure code, and CloudWatch alarms. Nothing here decides. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "emit.h"

static void q(Buf *o, Str s) { esc_yaml(o, s); }

static void ylist(Buf *o, int ind, const char *key, const Str *v, int n) {
  buf_fill(o, ' ', ind);
  buf_printf(o, "%s:", key);
  if (!n) {
    buf_puts(o, " []\n");
    return;
  }
  buf_putc(o, '\n');
  for (int i = 0; i < n; i++) {
    buf_fill(o, ' ', ind + 2);
    buf_puts(o, "- ");
    q(o, v[i]);
    buf_putc(o, '\n');
  }
}

static const Kit *kit(const Plan *p) { return p->kit; }

/* The project name on one line, for comments (esc_comment: nothing can
 * end the line, whatever the name holds). */
static void comment_name(Buf *o, const Plan *p) { esc_comment(o, p->model->project.name); }


/* ---- services.yaml ---- */

void emit_services_kit(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  buf_puts(o, "# Deployable units and modules of ");
  comment_name(o, p);
  buf_puts(o, ", written by plinth plan.\n# Every operation of openapi.yaml is served by exactly one unit; "
              "events are those of asyncapi.yaml.\nproject: ");
  q(o, p->model->project.name);
  buf_puts(o, "\nstyle: ");
  q(o, p->style.choice);
  buf_puts(o, "\nservices:\n");
  if (!k || !k->nunits) {
    buf_puts(o, "  []\n");
    return;
  }
  for (int i = 0; i < k->nunits; i++) {
    const Unit *u = &k->units[i];
    buf_puts(o, "  - name: ");
    q(o, u->name);
    buf_puts(o, "\n    kind: ");
    q(o, u->kind);
    buf_puts(o, "\n    deploy: ");
    q(o, u->deploy);
    buf_putc(o, '\n');
    ylist(o, 4, "responsibilities", u->duties, u->nduties);
    ylist(o, 4, "dependencies", u->depends, u->ndepends);
    buf_puts(o, "    operations:");
    buf_puts(o, u->nops ? "\n" : " []\n");
    for (int x = 0; x < u->nops; x++) {
      const Endpoint *e = &p->api.eps[u->ops[x]];
      buf_puts(o, "      - operationId: ");
      q(o, e->op_id);
      buf_printf(o, "\n        method: %.*s\n        path: ", STRF(e->method));
      Buf path = {0};
      buf_printf(&path, "%.*s%.*s", STRF(p->api.base), STRF(e->path));
      q(o, buf_view(&path));
      buf_free(&path);
      buf_putc(o, '\n');
    }
    ylist(o, 4, "stores", u->stores, u->nstores);
    /* The names services.yaml has always had. */
    buf_puts(o, "    entities:");
    buf_puts(o, u->nentities ? "\n" : " []\n");
    for (int x = 0; x < u->nentities; x++) {
      buf_puts(o, "      - ");
      q(o, u->entities[x]->name);
      buf_putc(o, '\n');
    }
    buf_puts(o, "    apis:");
    buf_puts(o, u->nops ? "\n" : " []\n");
    for (int x = 0; x < u->nops; x++) {
      const Endpoint *e = &p->api.eps[u->ops[x]];
      Buf a = {0};
      buf_printf(&a, "%.*s %.*s%.*s", STRF(e->method), STRF(p->api.base), STRF(e->path));
      buf_puts(o, "      - ");
      q(o, buf_view(&a));
      buf_putc(o, '\n');
      buf_free(&a);
    }
    static const char *const legacy[] = {"datastore", "database", "cache", "cache", "queue", "queue"};
    for (int x = 0; x < 6; x += 2) {
      buf_printf(o, "    %s: ", legacy[x]);
      Str v = {0};
      for (int y = 0; y < u->nstores && !v.n; y++)
        if (str_eqc(u->store_slots[y], legacy[x + 1]) || (x == 4 && str_eqc(u->store_slots[y], "stream")))
          v = u->stores[y];
      if (v.n)
        q(o, v);
      else
        buf_puts(o, "null");
      buf_putc(o, '\n');
    }
    buf_puts(o, "    events:\n");
    ylist(o, 6, "publishes", u->publishes, u->npublishes);
    ylist(o, 6, "subscribes", u->subscribes, u->nsubscribes);
  }
}

/* ---- asyncapi.yaml ---- */

/* A key AsyncAPI accepts for channels, operations and messages. */
static void ident(Buf *o, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    buf_putc(o, (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ? c : '_');
  }
}

/* The schema names written so far, so that each is written once. */
typedef struct {
  Str *v;
  int n, cap;
} Names;

static bool schema_done(const Names *done, Str s) {
  for (int i = 0; i < done->n; i++)
    if (str_eq(done->v[i], s))
      return true;
  return false;
}

static void schema_add(Names *done, Str s) {
  if (done->n == done->cap) {
    done->cap = done->cap ? done->cap * 2 : 8;
    Str *v = malloc(sizeof *v * (size_t)done->cap);
    if (!v)
      abort();
    if (done->n)
      memcpy(v, done->v, sizeof *v * (size_t)done->n);
    free(done->v);
    done->v = v;
  }
  done->v[done->n++] = s;
}

/* Writes `t` quoted, then frees it. */
static void q_take(Buf *o, Buf *t) {
  q(o, buf_view(t));
  buf_free(t);
}

static void asyncapi_channels(Buf *o, const Kit *k) {
  buf_puts(o, "channels:\n");
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    buf_puts(o, "  ");
    ident(o, e->id);
    buf_puts(o, ":\n    address: ");
    q(o, e->id);
    buf_puts(o, "\n    description: ");
    Buf s = {0};
    buf_printf(&s, "%.*s; carried by %.*s", STRF(e->summary), STRF(e->transport));
    q_take(o, &s);
    buf_puts(o, "\n    messages:\n      ");
    ident(o, e->id);
    buf_puts(o, ":\n        $ref: \"#/components/messages/");
    ident(o, e->id);
    buf_puts(o, "\"\n");
  }
}

/* Each event's send by its producer and receive by its consumer. */
static void asyncapi_operations(Buf *o, const Kit *k) {
  buf_puts(o, "operations:\n");
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    for (int dir = 0; dir < 2; dir++) {
      Str who = dir ? e->consumer : e->producer;
      if (!who.n)
        continue;
      buf_puts(o, dir ? "  receive_" : "  send_");
      ident(o, e->id);
      buf_printf(o, ":\n    action: %s\n    channel:\n      $ref: \"#/channels/", dir ? "receive" : "send");
      ident(o, e->id);
      buf_puts(o, "\"\n    summary: ");
      Buf s = {0};
      buf_printf(&s, "%s by %.*s", dir ? "received" : "sent", STRF(who));
      q_take(o, &s);
      buf_puts(o, "\n    x-unit: ");
      q(o, who);
      buf_puts(o, "\n    messages:\n      - $ref: \"#/channels/");
      ident(o, e->id);
      buf_puts(o, "/messages/");
      ident(o, e->id);
      buf_puts(o, "\"\n");
    }
  }
}

/* An event's message: its headers, payload, and how it is delivered and retried. */
static void asyncapi_message(Buf *o, const Event *e) {
  char b[32];
  buf_puts(o, "    ");
  ident(o, e->id);
  buf_puts(o, ":\n      name: ");
  q(o, e->id);
  buf_puts(o, "\n      title: ");
  q(o, e->id);
  buf_puts(o, "\n      summary: ");
  q(o, e->summary);
  buf_puts(o, "\n      contentType: application/json\n      headers:\n        type: object\n"
              "        required: [event_id]\n        properties:\n          event_id:\n            type: string\n"
              "            description: \"unique per event; consumers ignore one they have processed\"\n"
              "      correlationId:\n        location: \"$message.header#/event_id\"\n"
              "      payload:\n        $ref: \"#/components/schemas/");
  buf_str(o, e->payload);
  buf_puts(o, "\"\n      x-kind: ");
  q(o, e->kind);
  buf_puts(o, "\n      x-transport: ");
  q(o, e->transport);
  buf_puts(o, "\n      x-delivery: ");
  q(o, e->delivery);
  buf_puts(o, "\n      x-ordering-key: ");
  q(o, e->key);
  buf_printf(o, "\n      x-retries:\n        attempts: %d\n", e->attempts);
  buf_printf(o, "        backoff_base_seconds: %s\n", (fmt_num(b, e->backoff_base), b));
  buf_printf(o, "        backoff_max_seconds: %s\n", (fmt_num(b, e->backoff_max), b));
  buf_puts(o, "        dead_letter: ");
  if (e->dead_letter.n)
    q(o, e->dead_letter);
  else
    buf_puts(o, "null");
  buf_putc(o, '\n');
}

/* A payload schema of the event's own (not an entity's); its name is written. */
static void own_payload(Buf *o, const Plan *p, const Event *e) {
  if (str_eqc(e->payload, "PresenceChange")) {
    buf_puts(o, ":\n      type: object\n      required: [user_id, online, at]\n      properties:\n"
                "        user_id:\n          type: string\n        online:\n          type: boolean\n"
                "        at:\n          type: string\n          format: date-time\n");
    return;
  }
  if (str_eqc(e->payload, "Receipt")) {
    buf_puts(o, ":\n      type: object\n      required: [message_id, member_id, state, at]\n      properties:\n"
                "        message_id:\n          type: string\n        member_id:\n          type: string\n"
                "        state:\n          type: string\n          enum: [delivered, read]\n"
                "        at:\n          type: string\n          format: date-time\n");
    return;
  }
  if (str_eqc(e->payload, "EditOperation") || str_eqc(e->payload, "CursorPosition")) {
    bool edit = str_eqc(e->payload, "EditOperation");
    buf_puts(o, edit ? ":\n      type: object\n      required: [document_id, user_id, version, ops]\n      properties:\n"
                     : ":\n      type: object\n      required: [document_id, user_id, anchor, head]\n      properties:\n");
    buf_puts(o, "        document_id:\n          type: string\n        user_id:\n          type: string\n");
    buf_puts(o, edit ? "        version:\n          type: integer\n          minimum: 0\n        ops:\n          type: array\n"
                       "          minItems: 1\n          items:\n            type: object\n"
                     : "        anchor:\n          type: integer\n          minimum: 0\n        head:\n          type: integer\n"
                       "          minimum: 0\n");
    return;
  }
  if (str_eqc(e->payload, "TradePrint") || str_eqc(e->payload, "BookUpdate")) {
    /* a trade, or the changed price levels of a book: each a side, a
     * price and a size, in the journal's sequence */
    bool trade = str_eqc(e->payload, "TradePrint");
    buf_printf(o, ":\n      type: object\n      required: [instrument_id, sequence, %s]\n      properties:\n"
                  "        instrument_id:\n          type: string\n        sequence:\n          type: integer\n"
                  "          minimum: 0\n", trade ? "side, price, size, at" : "changes");
    int in = trade ? 8 : 14;
    if (!trade)
      buf_puts(o, "        changes:\n          type: array\n          items:\n            type: object\n"
                  "            required: [side, price, size]\n            properties:\n");
    buf_printf(o, "%*sside:\n%*stype: string\n%*senum: [buy, sell]\n%*sprice:\n%*stype: string\n%*ssize:\n"
                  "%*stype: string\n", in, "", in + 2, "", in + 2, "", in, "", in + 2, "", in, "", in + 2, "");
    if (trade)
      buf_puts(o, "        at:\n          type: string\n          format: date-time\n");
    return;
  }
  if (str_eqc(e->payload, "ReportJob")) {
    buf_puts(o, ":\n      type: object\n      required: [report, period_start, period_end]\n      properties:\n"
                "        report:\n          type: string\n        period_start:\n          type: string\n"
                "          format: date-time\n        period_end:\n          type: string\n          format: date-time\n");
    return;
  }
  buf_puts(o, ":\n      type: object\n      required: [channel, send_at");
  if (e->entity)
    buf_puts(o, ", row");
  buf_puts(o, "]\n      properties:\n        channel:\n          type: string\n        send_at:\n          type: string\n"
              "          format: date-time\n");
  if (e->entity) {
    buf_puts(o, "        row:\n          $ref: \"#/components/schemas/");
    buf_str(o, p->api.ents[e->entity->index].type);
    buf_puts(o, "\"\n");
  }
}

/* The payload schemas, each once: the entities' (openapi.yaml's), the
 * webhook event's, then the events' own. */
static void asyncapi_schemas(Buf *o, const Plan *p, const Kit *k) {
  buf_puts(o, "  schemas:\n");
  Names done = {0};
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (e->entity && !schema_done(&done, p->api.ents[e->entity->index].type)) {
      openapi_entity_schemas(o, p, e->entity, false);
      schema_add(&done, p->api.ents[e->entity->index].type);
    }
  }
  bool webhook = false;
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (str_eqc(e->payload, "WebhookEvent") && !webhook) {
      openapi_webhook_schema(o);
      webhook = true;
    }
    if (!e->own_schema || schema_done(&done, e->payload))
      continue;
    schema_add(&done, e->payload);
    buf_puts(o, "    ");
    q(o, e->payload);
    own_payload(o, p, e);
  }
  free(done.v);
}

void emit_asyncapi(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  buf_puts(o, "# AsyncAPI 3.0 contract of the events ");
  comment_name(o, p);
  buf_puts(o, " moves, written by plinth plan.\n# Payload schemas are openapi.yaml's (same names, same shapes).\n"
              "asyncapi: 3.0.0\ninfo:\n  title: ");
  Buf t = {0};
  buf_printf(&t, "%.*s events", STRF(p->model->project.name));
  q_take(o, &t);
  buf_puts(o, "\n  version: \"1.0.0\"\n  description: ");
  buf_printf(&t, "Every event the plan moves: %d in all. Each message says how it is delivered (x-delivery), what orders "
                 "it (x-ordering-key) and how it is retried (x-retries).",
             k ? k->nevents : 0);
  q_take(o, &t);
  buf_puts(o, "\ndefaultContentType: application/json\n");
  if (!k || !k->nevents) {
    buf_puts(o, "channels: {}\noperations: {}\n");
    return;
  }
  asyncapi_channels(o, k);
  asyncapi_operations(o, k);
  buf_puts(o, "components:\n  messages:\n");
  for (int i = 0; i < k->nevents; i++)
    asyncapi_message(o, &k->events[i]);
  asyncapi_schemas(o, p, k);
}

/* ---- contract-tests.postman_collection.json ---- */

static void header(Json *j, Str key, Str value) {
  json_obj(j);
  json_key(j, "key");
  json_str(j, key);
  json_key(j, "value");
  json_str(j, value);
  json_end_obj(j);
}

static const char *const case_kind[] = {"valid", "required", "bounds", "no-auth", "not-owner"};

static void postman_info(Json *j, const Plan *p) {
  json_key(j, "info");
  json_obj(j);
  json_key(j, "name");
  Buf t = {0};
  buf_printf(&t, "%.*s contract tests", STRF(p->model->project.name));
  json_str(j, buf_view(&t));
  buf_free(&t);
  json_key(j, "description");
  json_cstr(j, "Generated by plinth plan from the plan's endpoint list: per operation a valid request, each required "
               "field left out, each bound broken, no credentials, and another user's row. Run: newman run "
               "contract-tests.postman_collection.json --env-var baseUrl=http://HOST/v1");
  json_key(j, "schema");
  json_cstr(j, "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
  json_end_obj(j);
  json_key(j, "variable");
  json_arr(j);
  static const char *const vars[][2] = {
    {"baseUrl", "http://localhost:8080/v1"}, {"token", "user-a-credential"}, {"otherToken", "user-b-credential"}};
  for (int i = 0; i < 3; i++) {
    json_obj(j);
    json_key(j, "key");
    json_cstr(j, vars[i][0]);
    json_key(j, "value");
    json_cstr(j, vars[i][1]);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* A case's headers: the body's type, the credential in the API's own
 * header format (%s: the user's token variable), Prefer, then its own
 * "Name: value" lines. */
static void case_headers(Json *j, const Kit *k, const ContractCase *c) {
  json_key(j, "header");
  json_arr(j);
  if (c->body.n)
    header(j, S("Content-Type"), S("application/json"));
  if (c->token && k->auth_header.n) {
    Buf v = {0};
    const char *var = c->token == 2 ? "{{otherToken}}" : "{{token}}";
    Str f = k->auth_format;
    for (ptrdiff_t z = 0; z < f.n; z++)
      if (z + 1 < f.n && f.p[z] == '%' && f.p[z + 1] == 's') {
        buf_puts(&v, var);
        z++;
      } else
        buf_putc(&v, f.p[z]);
    header(j, k->auth_header, buf_view(&v));
    buf_free(&v);
  }
  if (c->prefer.n)
    header(j, S("Prefer"), c->prefer);
  for (ptrdiff_t z = 0; z < c->headers.n;) {
    ptrdiff_t e = z;
    while (e < c->headers.n && c->headers.p[e] != '\n')
      e++;
    Str line = {c->headers.p + z, e - z};
    ptrdiff_t colon = 0;
    while (colon < line.n && line.p[colon] != ':')
      colon++;
    if (colon < line.n)
      header(j, (Str){line.p, colon}, (Str){line.p + colon + 2, line.n - colon - 2});
    z = e + 1;
  }
  json_end_arr(j);
}

static void case_request(Json *j, const Kit *k, const Endpoint *x, const ContractCase *c) {
  json_key(j, "request");
  json_obj(j);
  json_key(j, "method");
  json_str(j, x->method);
  case_headers(j, k, c);
  json_key(j, "url");
  Buf url = {0};
  buf_printf(&url, "{{baseUrl}}%.*s", STRF(c->path));
  json_str(j, buf_view(&url));
  buf_free(&url);
  if (c->body.n) {
    json_key(j, "body");
    json_obj(j);
    json_key(j, "mode");
    json_cstr(j, "raw");
    json_key(j, "raw");
    json_str(j, c->body);
    json_end_obj(j);
  }
  json_end_obj(j);
}

/* The test script: the expected status, and an error code on a refusal. */
static void case_tests(Json *j, const ContractCase *c) {
  json_key(j, "event");
  json_arr(j);
  json_obj(j);
  json_key(j, "listen");
  json_cstr(j, "test");
  json_key(j, "script");
  json_obj(j);
  json_key(j, "type");
  json_cstr(j, "text/javascript");
  json_key(j, "exec");
  json_arr(j);
  Buf line = {0};
  buf_printf(&line, "pm.test(\"%s: status %d\", function () { pm.response.to.have.status(%d); });",
             case_kind[c->kind], c->expect, c->expect);
  json_str(j, buf_view(&line));
  if (c->expect >= 400) {
    line.n = 0;
    buf_puts(&line, "pm.test(\"error body has a code\", function () { "
                    "pm.expect(pm.response.json().error.code).to.be.a('string'); });");
    json_str(j, buf_view(&line));
  }
  buf_free(&line);
  json_end_arr(j);
  json_end_obj(j);
  json_end_obj(j);
  json_end_arr(j);
}

static void postman_case(Json *j, const Kit *k, const Endpoint *x, const ContractCase *c) {
  json_obj(j);
  json_key(j, "name");
  json_str(j, c->name);
  case_request(j, k, x, c);
  if (c->expect >= 300 && c->expect < 400) {
    json_key(j, "protocolProfileBehavior");
    json_obj(j);
    json_key(j, "followRedirects");
    json_bool(j, false);
    json_end_obj(j);
  }
  case_tests(j, c);
  json_end_obj(j);
}

void emit_postman(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  Json j = {.out = o};
  json_obj(&j);
  postman_info(&j, p);
  json_key(&j, "item");
  json_arr(&j);
  /* Each operation's cases made as they are printed, in a scratch arena
   * (plan_kit_cases): never all of them at once. */
  Arena scratch = arena_make(k ? (ptrdiff_t)1 << 30 : 1 << 12);
  for (int op = 0; k && op < p->api.neps; op++) {
    Arena a = scratch;
    const ContractCase *cases;
    int ncases = plan_kit_cases(&a, p, op, &cases);
    if (!ncases)
      continue;
    const Endpoint *x = &p->api.eps[op];
    json_obj(&j);
    json_key(&j, "name");
    json_str(&j, x->op_id);
    json_key(&j, "item");
    json_arr(&j);
    for (int i = 0; i < ncases; i++)
      postman_case(&j, k, x, &cases[i]);
    json_end_arr(&j);
    json_end_obj(&j);
  }
  arena_free(&scratch);
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(o, '\n');
}

/* ---- runbooks/ and DEPLOYMENT.md ---- */

static const KbItem *item(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key))
      return &r->items[i];
  return NULL;
}

static void runbook(const Plan *p, const Runbook *rb, const PromRule *r, Buf *o) {
  const Kit *k = kit(p);
  md_hs(o, 1, "Runbook: ", rb->alert, "");
  buf_printf(o, "Alert `%.*s` (%.*s), defined in %.*s%s. Fires when %.*s is %.*s.\n\n", STRF(rb->alert),
             STRF(r->severity), STRF(k->alerts_file), str_eqc(k->alert_form, "cloudwatch") ? " (CloudWatch alarms)" : "",
             STRF(r->what), STRF(r->condition));
  md_h(o, 2, "What it means here");
  md_s(o, rb->meaning);
  buf_puts(o, "\n\n");
  md_h(o, 2, "What to open");
  for (int i = 0; i < rb->nqueries; i++) {
    buf_puts(o, "- ");
    md_s(o, rb->queries[i]);
    buf_putc(o, '\n');
  }
  buf_putc(o, '\n');
  md_h(o, 2, "Likely causes, most likely first");
  buf_puts(o, "Ranked by `plinth diagnose`'s rule set (kb/symptoms.kb) for this alert's symptoms.\n\n");
  if (!rb->ncauses)
    buf_puts(o, "No rule of the set matches; start from the steps below.\n");
  for (int i = 0; i < rb->ncauses; i++) {
    const KbRecord *c = rb->causes[i];
    buf_printf(o, "%d. **", i + 1);
    md_s(o, rec_text(c, "name"));
    buf_printf(o, "** (`%.*s`). ", STRF(c->id));
    md_s(o, rec_text(c, "fix"));
    buf_putc(o, '\n');
    const KbItem *ev = item(c, "evidence");
    if (ev && ev->nvals) {
      buf_puts(o, "   Look for: ");
      md_s(o, ev->vals[0].text);
      buf_puts(o, "\n");
    }
  }
  buf_putc(o, '\n');
  md_h(o, 2, "Mitigation");
  for (int i = 0; i < rb->nsteps; i++) {
    buf_printf(o, "%d. ", i + 1);
    md_s(o, rb->steps[i]);
    buf_putc(o, '\n');
  }
  for (int i = 0; rb->ncauses && i < 1; i++) {
    const KbItem *now = item(rb->causes[0], "now");
    for (int v = 0; now && v < now->nvals; v++) {
      buf_printf(o, "%d. ", rb->nsteps + v + 1);
      md_s(o, now->vals[v].text);
      buf_putc(o, '\n');
    }
  }
  buf_putc(o, '\n');
  md_h(o, 2, "When to escalate");
  md_s(o, rb->escalate);
  buf_puts(o, "\n");
}

/* A duration for people: 45 seconds, 5 minutes, 1 hour, 2 days. */
static char *duration(char *b, double s) {
  const char *unit = "second";
  double v = s;
  if (s >= 86400 && fmod(s, 86400) == 0)
    v = s / 86400, unit = "day";
  else if (s >= 3600 && fmod(s, 3600) == 0)
    v = s / 3600, unit = "hour";
  else if (s >= 60)
    v = s / 60, unit = "minute";
  snprintf(b, 32, "%.3g %s%s", v, unit, v == 1 ? "" : "s");
  return b;
}

static void deployment(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  const DocFacts *d = p->docs;
  char b1[32], b2[32];
  md_hs(o, 1, "Deployment guide: ", p->model->project.name, "");
  buf_puts(o, "How a release reaches production, how to roll it back, and the restore drill. The figures come from the "
              "plan; the alerts and their runbooks are in [runbooks](runbooks/).\n\n");
  md_h(o, 2, "Release");
  const Tech *iac = plan_tech(p, "iac");
  buf_puts(o, "1. Validate the kit: `sh validate.sh` (see [VALIDATION.md](VALIDATION.md)).\n");
  buf_printf(o, "2. Apply the infrastructure in `%.*s/` with %.*s", STRF(k->iac_dir), STRF(iac ? iac->name : S("the IaC tool")));
  if (k->iac_command.n)
    buf_printf(o, ": `%.*s`", STRF(k->iac_command));
  buf_puts(o, ".\n");
  if (d && d->migrations.n) {
    buf_puts(o, "3. Migrate the schema: ");
    md_s(o, d->migrations);
    buf_puts(o, "\n");
  }
  if (d)
    buf_printf(o, "%d. Deploy to %.0f%% of traffic for %.0f minutes; promote when no alert fires and the error rate stays "
                  "under %.2g%%.\n",
               d && d->migrations.n ? 4 : 3, d->canary_share * 100, d->canary_minutes, p->api.error_budget * 100);
  buf_putc(o, '\n');
  md_h(o, 2, "Rollback");
  const Tech *ct = plan_tech(p, "compute");
  buf_printf(o, "Roll back when a release raises an alert during the canary or after promotion. On %.*s: ",
             STRF(ct ? ct->name : S("the compute")));
  md_s(o, k->rollback.n ? k->rollback : S("redeploy the previous release"));
  buf_puts(o, ". Schema migrations ship backward compatible (expand, then contract a release later), so the previous "
              "release runs against the new schema.\n\n");
  md_h(o, 2, "Restore-from-backup drill");
  if (d) {
    buf_printf(o, "Run it once before launch and then every quarter. Recovery point objective (RPO): %s; recovery time "
                  "objective (RTO): %s.\n\n",
               duration(b1, d->rpo), duration(b2, d->rto));
    buf_puts(o, "1. Backups: ");
    md_s(o, d->backup);
    buf_puts(o, d->backup.n && d->backup.p[d->backup.n - 1] == '.' ? "\n" : ".\n");
  }
  buf_puts(o, "2. Restore the latest point in time into a new, separate database instance; note the time the "
              "restore started.\n3. Point a staging build at it and run the contract tests "
              "(`newman run contract-tests.postman_collection.json --env-var baseUrl=STAGING/v1`).\n"
              "4. Compare the newest row's timestamp with the time of the restore point: the gap must be within the "
              "RPO; the time from step 2 to a passing step 3 must be within the RTO.\n"
              "5. Record both figures in the drill log, then delete the restored instance.\n");
}

void emit_runbooks(const Plan *p, OutFiles *out) {
  const Kit *k = kit(p);
  if (!k)
    return;
  for (int i = 0; i < k->nrunbooks; i++) {
    Buf path = {0};
    buf_str(&path, k->runbooks[i].file);
    buf_putc(&path, 0);
    runbook(p, &k->runbooks[i], &p->alerts[i], outfiles_add(out, path.p));
    buf_free(&path);
  }
  deployment(p, outfiles_add(out, "DEPLOYMENT.md"));
}

/* ---- VALIDATION.md and validate.sh ---- */

void emit_validation_md(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  md_hs(o, 1, "Validation: ", p->model->project.name, "");
  buf_puts(o, "The quality gates this plan must pass, and the commands that check them. `sh validate.sh` runs the "
              "commands in order and stops with a non-zero status when one fails; a check whose tool is not installed "
              "is reported as skipped, never as passed.\n\n");
  md_h(o, 2, "Quality gates");
  MdTable t;
  md_table(&t, 3, "gate", "passes when", "checked by");
  for (int i = 0; k && i < k->ngates; i++) {
    md_cells(&t, k->gates[i].name);
    md_cells(&t, k->gates[i].criterion);
    md_cells(&t, k->gates[i].how);
  }
  md_table_end(&t, o);
  if (k && k->nnew) {
    buf_puts(o, "Technologies new to the team (a proof of concept each): ");
    for (int i = 0; i < k->nnew; i++) {
      buf_puts(o, i ? ", " : "");
      md_s(o, k->new_techs[i]);
    }
    buf_puts(o, ".\n\n");
  }
  md_h(o, 2, "Commands");
  md_table(&t, 3, "check", "command", "passes when");
  for (int i = 0; k && i < k->nchecks; i++) {
    const Check *c = &k->checks[i];
    md_cells(&t, c->name);
    if (c->command.n) {
      md_cell_begin(&t);
      buf_putc(md_cell_buf(&t), '`');
      esc_md_code(md_cell_buf(&t), c->command);
      buf_putc(md_cell_buf(&t), '`');
      md_cell_end(&t);
    } else
      md_cell(&t, "none for this choice");
    md_cells(&t, c->criterion);
  }
  md_table_end(&t, o);
  for (int i = 0; k && i < k->nchecks; i++)
    if (k->checks[i].note.n) {
      buf_puts(o, "- ");
      md_s(o, k->checks[i].name);
      buf_puts(o, ": ");
      md_s(o, k->checks[i].note);
      buf_putc(o, '\n');
    }
  md_end(o);
}

/* A shell word in single quotes. */
static void sh_q(Buf *o, Str s) {
  buf_putc(o, '\'');
  for (ptrdiff_t i = 0; i < s.n; i++)
    if (s.p[i] == '\'')
      buf_puts(o, "'\\''");
    else
      buf_putc(o, s.p[i]);
  buf_putc(o, '\'');
}

void emit_validate_sh(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  buf_puts(o, "#!/bin/sh\n# Validation commands for ");
  comment_name(o, p);
  buf_puts(o, ", written by plinth plan (see VALIDATION.md).\n"
              "# Usage: BASE_URL=https://staging.example.com/v1 TOKEN=... sh validate.sh\n"
              "# Without BASE_URL the contract tests run against a mock of openapi.yaml and the load test is skipped.\n"
              "set -u\ncd \"$(dirname \"$0\")\" || exit 2\npass=0\nfail=0\nskip=0\n"
              "run() {  # NAME TOOL COMMAND\n"
              "  if ! command -v \"$2\" >/dev/null 2>&1; then echo \"skipped $1: $2 is not installed\"; skip=$((skip + 1)); return; fi\n"
              "  if sh -c \"$3\"; then echo \"ok $1\"; pass=$((pass + 1)); else echo \"FAIL $1\"; fail=$((fail + 1)); fi\n"
              "}\nMOCK=\nif [ -z \"${BASE_URL:-}\" ] && command -v npx >/dev/null 2>&1; then\n  ");
  buf_puts(o, "sh -c ");
  sh_q(o, k ? k->mock_command : (Str){0});
  buf_puts(o, " >/dev/null 2>&1 &\n  MOCK=$!\n  i=0\n  while [ $i -lt 120 ] && ! curl -s -o /dev/null http://127.0.0.1:4010/; do sleep 0.5; i=$((i + 1)); done\n"
              "  BASE_URL=http://127.0.0.1:4010\nfi\n"
              "stop() { [ -n \"$MOCK\" ] && { pkill -P \"$MOCK\" 2>/dev/null; kill \"$MOCK\" 2>/dev/null; }; }\ntrap stop EXIT\n"
              "export BASE_URL=${BASE_URL:-} TOKEN=${TOKEN:-}\n");
  for (int i = 0; k && i < k->nchecks; i++) {
    const Check *c = &k->checks[i];
    if (!c->command.n) {
      buf_puts(o, "echo ");
      sh_q(o, c->name);
      buf_puts(o, "': no command for this choice'\nskip=$((skip + 1))\n");
      continue;
    }
    /* The tool is the command's first word after any `cd DIR &&`. */
    Str cmd = c->command, tool = cmd;
    ptrdiff_t s = 0;
    if (str_has_prefix(cmd, S("cd "))) {
      while (s + 1 < cmd.n && !(cmd.p[s] == '&' && cmd.p[s + 1] == '&'))
        s++;
      s += 2;
      while (s < cmd.n && cmd.p[s] == ' ')
        s++;
    }
    ptrdiff_t e = s;
    while (e < cmd.n && cmd.p[e] != ' ')
      e++;
    tool = (Str){cmd.p + s, e - s};
    bool needs_build = str_eqc(c->name, "load test at design load");
    if (needs_build)
      buf_puts(o, "if [ -z \"$MOCK\" ]; then\n  ");
    buf_puts(o, "run ");
    sh_q(o, c->name);
    buf_putc(o, ' ');
    sh_q(o, tool);
    buf_putc(o, ' ');
    sh_q(o, cmd);
    buf_putc(o, '\n');
    if (needs_build)
      buf_puts(o, "else\n  echo 'skipped load test at design load: set BASE_URL to a deployed build'\n  skip=$((skip + 1))\nfi\n");
  }
  buf_puts(o, "echo \"$pass passed, $fail failed, $skip skipped\"\n[ \"$fail\" -eq 0 ]\n");
}

/* ---- alerts.yaml as a CloudFormation template of CloudWatch alarms ---- */

static void logical_id(Buf *o, Str s) {
  bool up = true;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      up = true;
      continue;
    }
    buf_putc(o, up && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
    up = false;
  }
}

static void alarm_name(Buf *o, const Plan *p, Str name) {
  Buf n = {0};
  for (ptrdiff_t i = 0; i < p->model->project.name.n; i++) {
    char c = p->model->project.name.p[i];
    buf_putc(&n, (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '-');
  }
  buf_printf(&n, "-%.*s", STRF(name));
  q(o, buf_view(&n));
  buf_free(&n);
}

static void metric(Buf *o, int ind, Str ns, Str name, Str dim) {
  buf_fill(o, ' ', ind);
  buf_puts(o, "Namespace: ");
  q(o, ns);
  buf_putc(o, '\n');
  buf_fill(o, ' ', ind);
  buf_puts(o, "MetricName: ");
  q(o, name);
  buf_putc(o, '\n');
  if (dim.n) {
    buf_fill(o, ' ', ind);
    buf_printf(o, "Dimensions:\n");
    buf_fill(o, ' ', ind + 2);
    buf_printf(o, "- Name: %.*s\n", STRF(dim));
    buf_fill(o, ' ', ind + 4);
    buf_printf(o, "Value:\n");
    buf_fill(o, ' ', ind + 6);
    buf_printf(o, "Ref: %.*s\n", STRF(dim));
  }
}

void emit_cloudwatch_alarms(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  char b[32];
  buf_puts(o, "# CloudWatch alarms for ");
  comment_name(o, p);
  buf_puts(o, ", written by plinth plan from the spec's targets and kb/reports.kb.\n"
              "# A CloudFormation template; each alarm's description ends with its runbook.\n"
              "# Check with: aws cloudformation validate-template --template-body file://alerts.yaml\n"
              "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: ");
  Buf d = {0};
  buf_printf(&d, "CloudWatch alarms of %.*s (%d alerts)", STRF(p->model->project.name), p->nalerts);
  q(o, buf_view(&d));
  buf_free(&d);
  buf_puts(o, "\nParameters:\n  AlarmTopicArn:\n    Type: String\n    Description: \"the SNS topic that pages "
              "(critical) or opens a ticket (warning)\"\n");
  Str seen[16];
  int nseen = 0;
  for (int i = 0; i < k->nalarms; i++) {
    Str dm = k->alarms[i].dim;
    bool dup = !dm.n;
    for (int x = 0; x < nseen && !dup; x++)
      dup = str_eq(seen[x], dm);
    if (dup || nseen == 16)
      continue;
    seen[nseen++] = dm;
    buf_printf(o, "  %.*s:\n    Type: String\n    Description: \"the %.*s dimension of the metric (from the "
                  "infrastructure's outputs)\"\n",
               STRF(dm), STRF(dm));
  }
  buf_puts(o, "Resources:\n");
  for (int i = 0; i < k->nalarms; i++) {
    const CwAlarm *a = &k->alarms[i];
    const PromRule *r = &p->alerts[a->rule];
    const Runbook *rb = &k->runbooks[a->rule];
    bool child = false;
    for (int x = 0; x < k->nalarms; x++)
      child |= k->alarms[x].of[0] == i || k->alarms[x].of[1] == i;
    buf_puts(o, "  ");
    logical_id(o, a->name);
    buf_printf(o, ":\n    Type: AWS::CloudWatch::%s\n    Properties:\n      AlarmName: ",
               a->of[0] >= 0 ? "CompositeAlarm" : "Alarm");
    alarm_name(o, p, a->name);
    buf_puts(o, "\n      AlarmDescription: ");
    Buf desc = {0};
    if (child)
      buf_printf(&desc, "One window of %.*s; it notifies through the composite alarm.", STRF(r->name));
    else
      buf_printf(&desc, "%.*s. Runbook: %.*s", STRF(r->summary), STRF(rb->file));
    if (desc.n > 1024)
      desc.n = 1024;
    q(o, buf_view(&desc));
    buf_free(&desc);
    buf_putc(o, '\n');
    if (!child)
      buf_puts(o, "      AlarmActions:\n        - Ref: AlarmTopicArn\n");
    if (a->of[0] >= 0) {
      buf_puts(o, "      AlarmRule: ");
      Buf rule = {0};
      for (int x = 0; x < 2; x++) {
        Buf nm = {0};
        alarm_name(&nm, p, k->alarms[a->of[x]].name);
        buf_printf(&rule, "%sALARM(%.*s)", x ? " AND " : "", (int)nm.n, nm.p);
        buf_free(&nm);
      }
      q(o, buf_view(&rule));
      buf_free(&rule);
      buf_putc(o, '\n');
      continue;
    }
    buf_printf(o, "      ComparisonOperator: GreaterThanThreshold\n      EvaluationPeriods: %d\n", a->evals);
    fmt_num(b, a->threshold);
    buf_printf(o, "      Threshold: %s\n      TreatMissingData: notBreaching\n", b);
    if (a->metric2.n) {
      fmt_num(b, a->period);
      buf_puts(o, "      Metrics:\n        - Id: ratio\n          Expression: \"errors / requests\"\n"
                  "          ReturnData: true\n        - Id: errors\n          ReturnData: false\n"
                  "          MetricStat:\n            Metric:\n");
      metric(o, 14, a->ns, a->metric, a->dim);
      buf_printf(o, "            Period: %s\n            Stat: %.*s\n", b, STRF(a->stat));
      buf_puts(o, "        - Id: requests\n          ReturnData: false\n          MetricStat:\n            Metric:\n");
      metric(o, 14, a->ns2, a->metric2, a->dim);
      buf_printf(o, "            Period: %s\n            Stat: %.*s\n", b, STRF(a->stat));
      continue;
    }
    metric(o, 6, a->ns, a->metric, a->dim);
    fmt_num(b, a->period);
    buf_printf(o, "      Period: %s\n", b);
    if (str_has_prefix(a->stat, S("p")))
      buf_printf(o, "      ExtendedStatistic: %.*s\n", STRF(a->stat));
    else
      buf_printf(o, "      Statistic: %.*s\n", STRF(a->stat));
  }
}
