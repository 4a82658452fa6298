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

/* ---- services.yaml ---- */

void emit_services_kit(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  buf_puts(o, "# Deployable units and modules of ");
  buf_str(o, p->model->project.name);
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

static bool schema_done(const Str *done, int n, Str s) {
  for (int i = 0; i < n; i++)
    if (str_eq(done[i], s))
      return true;
  return false;
}

void emit_asyncapi(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  buf_puts(o, "# AsyncAPI 3.0 contract of the events ");
  buf_str(o, p->model->project.name);
  buf_puts(o, " moves, written by plinth plan.\n# Payload schemas are openapi.yaml's (same names, same shapes).\n"
              "asyncapi: 3.0.0\ninfo:\n  title: ");
  Buf t = {0};
  buf_printf(&t, "%.*s events", STRF(p->model->project.name));
  q(o, buf_view(&t));
  buf_free(&t);
  buf_puts(o, "\n  version: \"1.0.0\"\n  description: ");
  char b[32];
  Buf d = {0};
  buf_printf(&d, "Every event the plan moves: %d in all. Each message says how it is delivered (x-delivery), what orders "
                 "it (x-ordering-key) and how it is retried (x-retries).",
             k ? k->nevents : 0);
  q(o, buf_view(&d));
  buf_free(&d);
  buf_puts(o, "\ndefaultContentType: application/json\n");
  if (!k || !k->nevents) {
    buf_puts(o, "channels: {}\noperations: {}\n");
    return;
  }
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
    q(o, buf_view(&s));
    buf_free(&s);
    buf_puts(o, "\n    messages:\n      ");
    ident(o, e->id);
    buf_puts(o, ":\n        $ref: \"#/components/messages/");
    ident(o, e->id);
    buf_puts(o, "\"\n");
  }
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
      q(o, buf_view(&s));
      buf_free(&s);
      buf_puts(o, "\n    x-unit: ");
      q(o, who);
      buf_puts(o, "\n    messages:\n      - $ref: \"#/channels/");
      ident(o, e->id);
      buf_puts(o, "/messages/");
      ident(o, e->id);
      buf_puts(o, "\"\n");
    }
  }
  buf_puts(o, "components:\n  messages:\n");
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
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
  buf_puts(o, "  schemas:\n");
  Str *done = NULL;
  int ndone = 0, cap = 0;
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (e->entity && !schema_done(done, ndone, p->api.ents[e->entity->index].type)) {
      openapi_entity_schemas(o, p, e->entity, false);
      Str ty = p->api.ents[e->entity->index].type;
      if (ndone == cap) {
        cap = cap ? cap * 2 : 8;
        Str *v = malloc(sizeof *v * (size_t)cap);
        if (!v)
          abort();
        if (ndone)
          memcpy(v, done, sizeof *v * (size_t)ndone);
        free(done);
        done = v;
      }
      done[ndone++] = ty;
    }
  }
  bool webhook = false;
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (str_eqc(e->payload, "WebhookEvent") && !webhook) {
      openapi_webhook_schema(o);
      webhook = true;
    }
    if (!e->own_schema || schema_done(done, ndone, e->payload))
      continue;
    if (ndone == cap) {
      cap = cap ? cap * 2 : 8;
      Str *v = malloc(sizeof *v * (size_t)cap);
      if (!v)
        abort();
      if (ndone)
        memcpy(v, done, sizeof *v * (size_t)ndone);
      free(done);
      done = v;
    }
    done[ndone++] = e->payload;
    buf_puts(o, "    ");
    q(o, e->payload);
    if (str_eqc(e->payload, "ReportJob")) {
      buf_puts(o, ":\n      type: object\n      required: [report, period_start, period_end]\n      properties:\n"
                  "        report:\n          type: string\n        period_start:\n          type: string\n"
                  "          format: date-time\n        period_end:\n          type: string\n          format: date-time\n");
      continue;
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
  free(done);
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

void emit_postman(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  Json j = {.out = o};
  json_obj(&j);
  json_key(&j, "info");
  json_obj(&j);
  json_key(&j, "name");
  Buf t = {0};
  buf_printf(&t, "%.*s contract tests", STRF(p->model->project.name));
  json_str(&j, buf_view(&t));
  buf_free(&t);
  json_key(&j, "description");
  json_cstr(&j, "Generated by plinth plan from the plan's endpoint list: per operation a valid request, each required "
                "field left out, each bound broken, no credentials, and another user's row. Run: newman run "
                "contract-tests.postman_collection.json --env-var baseUrl=http://HOST/v1");
  json_key(&j, "schema");
  json_cstr(&j, "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
  json_end_obj(&j);
  json_key(&j, "variable");
  json_arr(&j);
  static const char *const vars[][2] = {
    {"baseUrl", "http://localhost:8080/v1"}, {"token", "user-a-credential"}, {"otherToken", "user-b-credential"}};
  for (int i = 0; i < 3; i++) {
    json_obj(&j);
    json_key(&j, "key");
    json_cstr(&j, vars[i][0]);
    json_key(&j, "value");
    json_cstr(&j, vars[i][1]);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_key(&j, "item");
  json_arr(&j);
  for (int i = 0; k && i < k->ncases;) {
    int op = k->cases[i].op;
    const Endpoint *x = &p->api.eps[op];
    json_obj(&j);
    json_key(&j, "name");
    json_str(&j, x->op_id);
    json_key(&j, "item");
    json_arr(&j);
    for (; i < k->ncases && k->cases[i].op == op; i++) {
      const ContractCase *c = &k->cases[i];
      json_obj(&j);
      json_key(&j, "name");
      json_str(&j, c->name);
      json_key(&j, "request");
      json_obj(&j);
      json_key(&j, "method");
      json_str(&j, x->method);
      json_key(&j, "header");
      json_arr(&j);
      if (c->body.n)
        header(&j, S("Content-Type"), S("application/json"));
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
        header(&j, k->auth_header, buf_view(&v));
        buf_free(&v);
      }
      if (c->prefer.n)
        header(&j, S("Prefer"), c->prefer);
      for (ptrdiff_t z = 0; z < c->headers.n;) {
        ptrdiff_t e = z;
        while (e < c->headers.n && c->headers.p[e] != '\n')
          e++;
        Str line = {c->headers.p + z, e - z};
        ptrdiff_t colon = 0;
        while (colon < line.n && line.p[colon] != ':')
          colon++;
        if (colon < line.n)
          header(&j, (Str){line.p, colon}, (Str){line.p + colon + 2, line.n - colon - 2});
        z = e + 1;
      }
      json_end_arr(&j);
      json_key(&j, "url");
      Buf url = {0};
      buf_printf(&url, "{{baseUrl}}%.*s", STRF(c->path));
      json_str(&j, buf_view(&url));
      buf_free(&url);
      if (c->body.n) {
        json_key(&j, "body");
        json_obj(&j);
        json_key(&j, "mode");
        json_cstr(&j, "raw");
        json_key(&j, "raw");
        json_str(&j, c->body);
        json_end_obj(&j);
      }
      json_end_obj(&j);
      json_key(&j, "event");
      json_arr(&j);
      json_obj(&j);
      json_key(&j, "listen");
      json_cstr(&j, "test");
      json_key(&j, "script");
      json_obj(&j);
      json_key(&j, "type");
      json_cstr(&j, "text/javascript");
      json_key(&j, "exec");
      json_arr(&j);
      Buf line = {0};
      buf_printf(&line, "pm.test(\"%s: status %d\", function () { pm.response.to.have.status(%d); });",
                 case_kind[c->kind], c->expect, c->expect);
      json_str(&j, buf_view(&line));
      if (c->expect >= 400) {
        line.n = 0;
        buf_puts(&line, "pm.test(\"error body has a code\", function () { "
                        "pm.expect(pm.response.json().error.code).to.be.a('string'); });");
        json_str(&j, buf_view(&line));
      }
      buf_free(&line);
      json_end_arr(&j);
      json_end_obj(&j);
      json_end_obj(&j);
      json_end_arr(&j);
      json_end_obj(&j);
    }
    json_end_arr(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(o, '\n');
}
