/* openapi.yaml: OpenAPI 3.1 from p->api's endpoint list and the model's
 * fields. YAML is written as text; every string from the spec goes through
 * esc_yaml, every key too. Paths come in the endpoint list's order, methods
 * of one path being consecutive there. ORDER SCHEMAS: the contract's own
 * schema names are reserved in api.c's name_entities. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/esc.h"
#include "../util/format.h"
#include "emit.h"

static void ind(Buf *o, int n) { buf_fill(o, ' ', n); }

static void q(Buf *o, Str s) { esc_yaml(o, s); }

static void kv(Buf *o, int n, const char *key, Str val) {
  ind(o, n);
  buf_printf(o, "%s: ", key);
  q(o, val);
  buf_putc(o, '\n');
}

static void num(Buf *o, double v) { buf_exact(o, v); }

static const char *status_text(int s) {
  switch (s) {
  case 200: return "OK";
  case 201: return "Created";
  case 202: return "Accepted";
  case 204: return "No Content";
  case 301: return "Moved Permanently";
  case 302: return "Redirect";
  default: return "Response";
  }
}

/* The error-code table is the plan's (api_errors, src/plan/errors.c). */
enum { NERRORS = API_NERRORS };

static const char *error_ref(int status) {
  for (int i = 0; i < NERRORS; i++)
    if (api_errors[i].status == status)
      return api_errors[i].ref;
  return "InternalError";
}

/* ---- field schemas ---- */

static const FieldFacts *facts(const Plan *p, const Field *f) { return &p->api.ents[f->entity->index].ff[f->index]; }

/* The schema of one value of f (not the array), at indent n. */
static void value_schema(Buf *o, const Plan *p, int n, const Field *f, bool nullable) {
  const FieldFacts *ff = facts(p, f);
  if (ff->json_type.n) {
    ind(o, n);
    if (nullable)
      buf_printf(o, "type: [%.*s, \"null\"]\n", STRF(ff->json_type));
    else
      buf_printf(o, "type: %.*s\n", STRF(ff->json_type));
  }
  if (ff->json_format.n) {
    ind(o, n);
    buf_printf(o, "format: %.*s\n", STRF(ff->json_format));
  }
  if (ff->max_len > 0) {
    ind(o, n);
    buf_printf(o, "maxLength: %.0f\n", ff->max_len);
  }
  if (f->type == FT_SECRET) {
    ind(o, n);
    buf_puts(o, "minLength: 8\n");
  }
  if (ff->pattern.n) {
    ind(o, n);
    buf_puts(o, "pattern: ");
    q(o, ff->pattern);
    buf_putc(o, '\n');
  }
  if (f->type == FT_ENUM) {
    ind(o, n);
    buf_puts(o, "enum: [");
    for (int i = 0; i < f->nenum; i++) {
      buf_puts(o, i ? ", " : "");
      q(o, f->enum_vals[i]);
    }
    buf_puts(o, nullable ? ", null]\n" : "]\n");
  }
  if (f->has_min && f->type != FT_MONEY) {
    ind(o, n);
    buf_puts(o, f->min_excl ? "exclusiveMinimum: " : "minimum: ");
    num(o, f->min);
    buf_putc(o, '\n');
  }
  if (f->has_max && f->type != FT_MONEY) {
    ind(o, n);
    buf_puts(o, f->max_excl ? "exclusiveMaximum: " : "maximum: ");
    num(o, f->max);
    buf_putc(o, '\n');
  }
}

static void field_schema(Buf *o, const Plan *p, int n, const Field *f, bool response, bool for_update) {
  bool nullable = f->optional; /* null clears an optional field */
  const FieldFacts *ff = facts(p, f);
  if (f->array) {
    ind(o, n);
    buf_puts(o, nullable ? "type: [array, \"null\"]\n" : "type: array\n");
    ind(o, n);
    buf_puts(o, "items:\n");
    value_schema(o, p, n + 2, f, false);
  } else
    value_schema(o, p, n, f, nullable);
  if (response && ff->role == ROLE_SERVER) {
    ind(o, n);
    buf_puts(o, "readOnly: true\n");
  }
  if (f->type == FT_SECRET) {
    ind(o, n);
    buf_puts(o, "writeOnly: true\n");
  }
  Buf d = {0};
  if (f->rel == REL_MANY_TO_ONE)
    buf_printf(&d, f == f->entity->parent_field ? "id of the %.*s this row belongs to" : "id of the %.*s it names",
               STRF(f->ref->name));
  else if (f->type == FT_BLOB && !response)
    buf_puts(&d, "object-storage key of the file; set through the upload URL endpoint");
  else if (f->type == FT_MONEY) {
    const Project *pr = &p->model->project;
    if (pr->ncurrencies == 1)
      buf_printf(&d, "amount of money in %.*s as an exact decimal string (major unit)", STRF(pr->currencies[0].word));
    else if (pr->ncurrencies > 1)
      buf_puts(&d, "amount of money in the row's currency as an exact decimal string (major unit)");
    else
      buf_puts(&d, "amount of money as an exact decimal string in the currency's major unit");
    if (f->has_min)
      buf_printf(&d, ", %s %.15g", f->min_excl ? "above" : "at least", f->min);
    if (f->has_max)
      buf_printf(&d, ", %s %.15g", f->max_excl ? "below" : "at most", f->max);
  }
  else if (f->type == FT_JSON)
    buf_puts(&d, "any JSON value");
  if ((response && ff->role != ROLE_CLIENT) || !ff->stored)
    buf_printf(&d, "%s%.*s", d.n ? "; " : "", STRF(ff->why));
  if (f->tags & (TAG_PII | TAG_PHI | TAG_PCI))
    buf_printf(&d, "%s%s data", d.n ? "; " : "",
               f->tags & TAG_PHI ? "health" : f->tags & TAG_PCI ? "card" : "personal");
  if (d.n)
    kv(o, n, "description", buf_view(&d));
  buf_free(&d);
  if (f->def.kind != LIT_NONE && !for_update && !(f->def.kind == LIT_WORD && f->type != FT_ENUM)) {
    ind(o, n);
    buf_puts(o, "default: ");
    if (f->def.kind == LIT_NUMBER)
      num(o, f->def.num);
    else if (f->def.kind == LIT_BOOL)
      buf_puts(o, f->def.b ? "true" : "false");
    else
      q(o, f->def.text);
    buf_putc(o, '\n');
  }
  ind(o, n);
  buf_puts(o, "examples: [");
  if (f->array)
    buf_putc(o, '[');
  buf_str(o, ff->sample);
  if (f->array)
    buf_putc(o, ']');
  buf_puts(o, "]\n");
}


/* An uploaded file's size and checksum, declared when the row is created
 * (the presigned POST then enforces them), and in the row its status. */
static void upload_props(Buf *o, const ApiEntity *ae, const Field *f, bool response) {
  const Str *c = &ae->up[3 * f->index];
  bool null = f->optional;
  if (response) {
    ind(o, 8);
    q(o, c[0]);
    buf_puts(o, ":\n          type: string\n          enum: [pending, stored, rejected]\n          readOnly: true\n"
                "          description: \"the file: pending until its upload is confirmed with the declared size and checksum\"\n"
                "          examples: [\"pending\"]\n");
  }
  ind(o, 8);
  q(o, c[1]);
  buf_printf(o, ":\n          type: %s\n          minimum: 1\n", null ? "[integer, \"null\"]" : "integer");
  if (f->max_size > 0)
    buf_printf(o, "          maximum: %.0f\n", f->max_size);
  buf_puts(o, "          description: \"the file's size in bytes, declared at creation\"\n          examples: [1024]\n");
  ind(o, 8);
  q(o, c[2]);
  buf_printf(o, ":\n          type: %s\n          pattern: \"^[0-9a-f]{64}$\"\n", null ? "[string, \"null\"]" : "string");
  buf_puts(o, "          description: \"hex SHA-256 of the file, declared at creation\"\n"
              "          examples: [\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"]\n");
}

/* The row's currency, one of the spec's; given at creation when the client
 * writes a money field, else the server's. */
static void currency_prop(Buf *o, const Plan *p, const ApiEntity *ae, bool response) {
  const Project *pr = &p->model->project;
  ind(o, 8);
  q(o, ae->cur);
  buf_puts(o, ":\n          type: string\n          enum: [");
  for (int i = 0; i < pr->ncurrencies; i++) {
    buf_puts(o, i ? ", " : "");
    q(o, pr->currencies[i].word);
  }
  buf_puts(o, "]\n");
  if (response && !ae->cur_client)
    buf_puts(o, "          readOnly: true\n");
  buf_puts(o, ae->cur_client ? "          description: \"ISO 4217 code of every amount in the row; given at creation, never changed\"\n"
                             : "          description: \"ISO 4217 code of every amount in the row; set by the server\"\n");
  buf_puts(o, "          examples: [");
  q(o, pr->currencies[0].word);
  buf_puts(o, "]\n");
}

/* The organisation a tenant sign-up creates, as the property `rel` of the
 * register body: its fields the client gives at creation. */
static void org_body(Buf *o, const Plan *p, const Entity *org, const Field *rel) {
  const ApiEntity *oa = &p->api.ents[org->index];
  ind(o, 8);
  q(o, rel->name);
  buf_puts(o, ":\n          type: object\n          additionalProperties: false\n");
  Buf d = {0};
  buf_printf(&d, "the new %.*s", STRF(org->name));
  kv(o, 10, "description", buf_view(&d));
  buf_free(&d);
  bool any = false;
  for (int k = 0; k < org->nfields; k++)
    if (oa->ff[k].required && oa->ff[k].stored) {
      buf_puts(o, any ? ", " : "          required: [");
      q(o, org->fields[k].name);
      any = true;
    }
  if (any)
    buf_puts(o, "]\n");
  any = false;
  for (int k = 0; k < org->nfields; k++) {
    if (!oa->ff[k].in_create || !oa->ff[k].stored || org->fields[k].type == FT_BLOB)
      continue;
    buf_puts(o, any ? "" : "          properties:\n");
    any = true;
    ind(o, 12);
    q(o, org->fields[k].name);
    buf_puts(o, ":\n");
    field_schema(o, p, 14, &org->fields[k], false, false);
  }
  if (!any)
    buf_puts(o, "          properties: {}\n");
}

void openapi_entity_schemas(Buf *o, const Plan *p, const Entity *e, bool with_page) {
  const ApiEntity *ae = &p->api.ents[e->index];
  /* The row as the API returns it. */
  ind(o, 4);
  q(o, ae->type);
  buf_puts(o, ":\n      type: object\n");
  kv(o, 6, "description", e->name);
  buf_puts(o, "      required: [id");
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (!f->optional && ae->ff[k].in_response) {
      buf_puts(o, ", ");
      q(o, f->name);
    }
  }
  buf_puts(o, ", created_at, updated_at]\n      properties:\n");
  buf_puts(o, "        id:\n          type: string\n          format: uuid\n          readOnly: true\n"
              "          examples: [\"0b7e2a4c-5d1f-4e8a-9c3b-6f2d8e1a7b40\"]\n");
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (!ae->ff[k].in_response)
      continue;
    ind(o, 8);
    q(o, f->name);
    buf_puts(o, ":\n");
    field_schema(o, p, 10, f, true, false);
  }
  for (int k = 0; k < e->nfields; k++)
    if (ae->up[3 * k].n)
      upload_props(o, ae, &e->fields[k], true);
  if (ae->cur.n)
    currency_prop(o, p, ae, true);
  static const char *const ts[] = {"created_at", "updated_at", "deleted_at"};
  for (int t = 0; t < (ae->soft_delete ? 3 : 2); t++)
    buf_printf(o, "        %s:\n          type: %s\n          format: date-time\n          readOnly: true\n"
                  "          examples: [\"2026-01-01T09:00:00Z\"]\n",
               ts[t], t == 2 ? "[string, \"null\"]" : "string");
  /* Create and update bodies; no update body when nothing is the client's to change. */
  bool updatable = false;
  for (int k = 0; k < e->nfields; k++)
    updatable |= ae->ff[k].in_update;
  /* The principal's tenant sign-up body: its create body and the new
   * organisation (api.signup_org). */
  const Entity *org = e->principal ? p->api.signup_org : NULL;
  for (int v = 0; v < 3; v++) {
    bool upd = v == 1;
    if ((upd && !updatable) || (v == 2 && !org))
      continue;
    ind(o, 4);
    Buf name = {0};
    buf_printf(&name, "%.*s%s", STRF(ae->type), upd ? "Update" : v == 2 ? "Register" : "Create");
    q(o, buf_view(&name));
    buf_free(&name);
    buf_puts(o, ":\n      type: object\n      additionalProperties: false\n");
    if (v == 2) {
      Buf d = {0};
      buf_printf(&d, "a tenant sign-up: creates the %.*s and its first %.*s", STRF(org->name), STRF(e->name));
      if (p->api.signup_role.n)
        buf_printf(&d, ", who takes the role %.*s", STRF(p->api.signup_role));
      kv(o, 6, "description", buf_view(&d));
      buf_free(&d);
    }
    if (upd)
      buf_puts(o, "      minProperties: 1\n");
    bool any = false;
    for (int k = 0; k < e->nfields && !upd; k++) {
      const Field *f = &e->fields[k];
      if (!ae->ff[k].required)
        continue;
      buf_puts(o, any ? ", " : "      required: [");
      q(o, f->name);
      any = true;
    }
    for (int k = 0; k < e->nfields && !upd; k++)
      for (int j = 1; j < 3 && ae->up[3 * k].n && !e->fields[k].optional; j++) {
        buf_puts(o, any ? ", " : "      required: [");
        q(o, ae->up[3 * k + j]);
        any = true;
      }
    if (!upd && ae->cur_client) {
      buf_puts(o, any ? ", " : "      required: [");
      q(o, ae->cur);
      any = true;
    }
    if (v == 2) {
      buf_puts(o, any ? ", " : "      required: [");
      q(o, e->parent_field->name);
      any = true;
    }
    if (any)
      buf_puts(o, "]\n");
    bool props = false;
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (!(upd ? ae->ff[k].in_update : ae->ff[k].in_create))
        continue;
      if (!props)
        buf_puts(o, "      properties:\n");
      props = true;
      ind(o, 8);
      q(o, f->name);
      buf_puts(o, ":\n");
      field_schema(o, p, 10, f, false, upd);
    }
    for (int k = 0; k < e->nfields && !upd; k++)
      if (ae->up[3 * k].n) {
        if (!props)
          buf_puts(o, "      properties:\n");
        props = true;
        upload_props(o, ae, &e->fields[k], false);
      }
    if (!upd && ae->cur_client) {
      if (!props)
        buf_puts(o, "      properties:\n");
      props = true;
      currency_prop(o, p, ae, false);
    }
    if (v == 2) {
      if (!props)
        buf_puts(o, "      properties:\n");
      props = true;
      org_body(o, p, org, e->parent_field);
    }
    if (!props)
      buf_puts(o, "      properties: {}\n");
  }
  if (!with_page)
    return;
  ind(o, 4);
  Buf page = {0};
  buf_printf(&page, "%.*sPage", STRF(ae->type));
  q(o, buf_view(&page));
  buf_free(&page);
  buf_puts(o, ":\n      type: object\n      required: [data, page]\n      properties:\n        data:\n"
              "          type: array\n          items:\n            $ref: ");
  Buf ref = {0};
  buf_printf(&ref, "#/components/schemas/%.*s", STRF(ae->type));
  q(o, buf_view(&ref));
  buf_free(&ref);
  buf_puts(o, "\n        page:\n          $ref: \"#/components/schemas/PageInfo\"\n");
}

static void ref(Buf *o, const char *kind, Str type, const char *suffix) {
  Buf r = {0};
  buf_printf(&r, "#/components/%s/%.*s%s", kind, STRF(type), suffix);
  buf_puts(o, "$ref: ");
  q(o, buf_view(&r));
  buf_free(&r);
  buf_putc(o, '\n');
}

static void json_body(Buf *o, int n, const char *kind, Str type, const char *suffix) {
  ind(o, n);
  buf_puts(o, "content:\n");
  ind(o, n + 2);
  buf_puts(o, "application/json:\n");
  ind(o, n + 4);
  buf_puts(o, "schema:\n");
  ind(o, n + 6);
  ref(o, kind, type, suffix);
}

static void path_params(Buf *o, Str path) {
  bool any = false;
  for (ptrdiff_t i = 0; i < path.n; i++) {
    if (path.p[i] != '{')
      continue;
    ptrdiff_t j = i + 1;
    while (j < path.n && path.p[j] != '}')
      j++;
    if (!any)
      buf_puts(o, "      parameters:\n");
    any = true;
    buf_puts(o, "        - name: ");
    q(o, (Str){path.p + i + 1, j - i - 1});
    buf_puts(o, "\n          in: path\n          required: true\n          schema:\n            type: string\n"
                "            format: uuid\n");
    i = j;
  }
}

/* The "parameters:" key, before the first parameter of an operation. */
static void open_params(Buf *o, bool *open) {
  if (!*open)
    buf_puts(o, "      parameters:\n");
  *open = true;
}

static void query_param(Buf *o, const Plan *p, bool *open, Str name, const char *desc, const Field *f, const char *type_line) {
  open_params(o, open);
  buf_puts(o, "        - name: ");
  q(o, name);
  buf_puts(o, "\n          in: query\n          required: false\n");
  kv(o, 10, "description", str_c(desc));
  buf_puts(o, "          schema:\n");
  if (f)
    value_schema(o, p, 12, f, false);
  else {
    ind(o, 12);
    buf_puts(o, type_line);
    buf_putc(o, '\n');
  }
}

/* An option's words as the values of a string enum, closing its line. */
static void enum_words(Buf *o, const Option *opt) {
  for (int k = 0; k < opt->nargs; k++) {
    buf_puts(o, k ? ", " : "");
    q(o, opt->args[k].text);
  }
  buf_puts(o, "]\n");
}

static void pagination_params(Buf *o, const Plan *p, const Endpoint *x, bool *open) {
  char lim[96];
  format_s(lim, sizeof lim, "type: integer\n            minimum: 1\n            maximum: %.0f\n            default: %.0f",
           p->api.max_page_size, p->api.page_size);
  if (str_eqc(x->paginate, "cursor")) {
    query_param(o, p, open, S("cursor"), "opaque cursor from page.next_cursor of the previous page", NULL, "type: string");
    query_param(o, p, open, S("limit"), "rows per page", NULL, lim);
  } else if (str_eqc(x->paginate, "page")) {
    query_param(o, p, open, S("page"), "page number, from 1", NULL, "type: integer\n            minimum: 1\n            default: 1");
    query_param(o, p, open, S("per_page"), "rows per page", NULL, lim);
  }
}

/* A list's filters, one filter[field] each, and its sort: each field
 * ascending, or descending with a leading -. */
static void list_params(Buf *o, const Plan *p, const Feature *f, bool *open) {
  const Option *fl = feature_opt(f, "filter");
  for (int k = 0; fl && k < fl->nargs; k++) {
    if (!fl->fields[k])
      continue;
    Buf nm = {0};
    buf_printf(&nm, "filter[%.*s]", STRF(fl->fields[k]->name));
    query_param(o, p, open, buf_view(&nm), "only rows with this value", fl->fields[k], NULL);
    buf_free(&nm);
  }
  const Option *so = feature_opt(f, "sort");
  if (!so)
    return;
  open_params(o, open);
  buf_puts(o, "        - name: sort\n          in: query\n          required: false\n"
              "          description: \"a field to sort by; a leading - sorts descending\"\n"
              "          schema:\n            type: string\n            enum: [");
  for (int k = 0; k < so->nargs; k++) {
    Str n = so->args[k].text;
    buf_puts(o, k ? ", " : "");
    q(o, n);
    buf_puts(o, ", ");
    Buf d = {0};
    buf_printf(&d, "-%.*s", STRF(n));
    q(o, buf_view(&d));
    buf_free(&d);
  }
  buf_puts(o, "]\n");
}

static void nearby_params(Buf *o, const Feature *f, bool *open) {
  open_params(o, open);
  double r = feature_opt(f, "radius") ? feature_opt(f, "radius")->args[0].num : 5000;
  buf_puts(o, "        - name: lat\n          in: query\n          required: true\n          description: \"latitude of the point\"\n"
              "          schema:\n            type: number\n            minimum: -90\n            maximum: 90\n"
              "        - name: lng\n          in: query\n          required: true\n          description: \"longitude of the point\"\n"
              "          schema:\n            type: number\n            minimum: -180\n            maximum: 180\n"
              "        - name: radius\n          in: query\n          required: false\n          description: \"metres around the point\"\n"
              "          schema:\n            type: number\n            exclusiveMinimum: 0\n");
  buf_printf(o, "            maximum: %.0f\n            default: %.0f\n", r, r);
}

/* A window in seconds as "7d", "24h", "5m" or "30s", the largest unit that divides it. */
static void window_word(Buf *o, double s) {
  if (fmod(s, 86400) == 0)
    buf_printf(o, "\"%.0fd\"", s / 86400);
  else if (fmod(s, 3600) == 0)
    buf_printf(o, "\"%.0fh\"", s / 3600);
  else if (fmod(s, 60) == 0)
    buf_printf(o, "\"%.0fm\"", s / 60);
  else
    buf_printf(o, "\"%.0fs\"", s);
}

/* An aggregate query's window and, where it groups, the field to group by. */
static void query_params(Buf *o, const Feature *f, bool *open) {
  const Option *w = feature_opt(f, "window");
  open_params(o, open);
  buf_puts(o, "        - name: window\n          in: query\n          required: true\n"
              "          description: \"the time window to aggregate over, ending now\"\n"
              "          schema:\n            type: string\n            enum: [");
  if (w)
    for (int k = 0; k < w->nargs; k++) {
      buf_puts(o, k ? ", " : "");
      window_word(o, w->args[k].num);
    }
  else
    buf_puts(o, "\"1h\", \"24h\"");
  buf_puts(o, "]\n");
  const Option *g = feature_opt(f, "group");
  if (g) {
    buf_puts(o, "        - name: group\n          in: query\n          required: false\n"
                "          description: \"a field to group the results by\"\n"
                "          schema:\n            type: string\n            enum: [");
    enum_words(o, g);
  }
}

/* The sign-in redirect's parameters, and the callback's code and state. */
static void auth_params(Buf *o, const Plan *p, const Endpoint *x, bool *open) {
  if (str_eqc(x->auth_step, "authorize")) {
    const Option *pv = feature_opt(x->feature, "providers");
    open_params(o, open);
    buf_puts(o, "        - name: redirect_uri\n          in: query\n          required: true\n"
                "          description: \"where to return after signing in; must be registered\"\n"
                "          schema:\n            type: string\n            format: uri\n");
    if (pv) {
      buf_puts(o, "        - name: provider\n          in: query\n          required: true\n"
                  "          description: \"the identity provider to sign in with\"\n"
                  "          schema:\n            type: string\n            enum: [");
      enum_words(o, pv);
    }
  }
  if (str_eqc(x->auth_step, "callback") && !str_eqc(p->api.method, "saml")) {
    open_params(o, open);
    buf_puts(o, "        - name: code\n          in: query\n          required: true\n          schema:\n            type: string\n"
                "        - name: state\n          in: query\n          required: true\n"
                "          description: \"the state sent with the authorization request, checked against CSRF\"\n"
                "          schema:\n            type: string\n");
  }
}

static void webhook_headers(Buf *o, bool *open) {
  open_params(o, open);
  buf_puts(o, "        - name: Webhook-Signature\n          in: header\n          required: true\n"
              "          description: \"hex HMAC-SHA256 of the timestamp, a dot and the raw body, keyed with the shared "
              "webhook secret; compared in constant time, and the request refused when it differs\"\n"
              "          schema:\n            type: string\n"
              "        - name: Webhook-Timestamp\n          in: header\n          required: true\n"
              "          description: \"Unix seconds when the event was sent; older than 5 minutes is refused, against replays\"\n"
              "          schema:\n            type: integer\n"
              "        - name: Webhook-Id\n          in: header\n          required: true\n"
              "          description: \"the event's id: a delivery whose id was seen before is acknowledged with 200 and not "
              "processed again (idempotency)\"\n          schema:\n            type: string\n            maxLength: 200\n");
}

/* Query parameters: path ids, then pagination, search, filters and sort. */
static void parameters(Buf *o, const Plan *p, const Endpoint *x) {
  size_t mark = (size_t)o->n;
  void (*spill)(void *, Buf *) = o->spill;   /* none while a mark is compared */
  o->spill = NULL;
  if (x->kind != EP_REDIRECT)   /* its key is not an id: described below */
    path_params(o, x->path);
  bool open = (size_t)o->n != mark;
  o->spill = spill;
  pagination_params(o, p, x, &open);
  const Feature *f = x->feature;
  if (x->kind == EP_SEARCH)
    query_param(o, p, &open, S("q"), "words to match, ranked by relevance", NULL, "type: string\n            minLength: 1\n            maxLength: 200");
  if ((x->kind == EP_LIST || x->kind == EP_HISTORY) && feature_opt(f, "search"))
    query_param(o, p, &open, S("q"), "words matched against the searched fields", NULL, "type: string\n            maxLength: 200");
  if (x->kind == EP_LIST)
    list_params(o, p, f, &open);
  if (x->kind == EP_REDIRECT)
    buf_puts(o, "      parameters:\n        - name: code\n          in: path\n          required: true\n"
                "          description: \"the short key\"\n          schema:\n            type: string\n"
                "            pattern: \"^[0-9A-Za-z]{1,16}$\"\n");
  if (x->kind == EP_NEARBY)
    nearby_params(o, f, &open);
  if (x->kind == EP_BOOK) {
    open_params(o, &open);
    buf_puts(o, "        - name: depth\n          in: query\n          required: false\n"
                "          description: \"price levels on each side\"\n          schema:\n            type: integer\n"
                "            minimum: 1\n            maximum: 1000\n            default: 50\n");
  }
  if (x->kind == EP_QUERY)
    query_params(o, f, &open);
  if (x->kind == EP_AUTH)
    auth_params(o, p, x, &open);
  if (x->kind == EP_INGEST && feature_has(f, "exactly-once")) {
    open_params(o, &open);
    buf_puts(o, "        - name: Idempotency-Key\n          in: header\n          required: true\n"
                "          description: \"a key unique to this batch; a repeated key is acknowledged without writing twice\"\n"
                "          schema:\n            type: string\n            maxLength: 200\n");
  }
  if (x->kind == EP_WEBHOOK)
    webhook_headers(o, &open);
}

static void rate_headers(Buf *o, int n) {
  ind(o, n);
  buf_puts(o, "headers:\n");
  static const char *const h[] = {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"};
  for (int i = 0; i < 3; i++) {
    ind(o, n + 2);
    buf_printf(o, "%s:\n", h[i]);
    ind(o, n + 4);
    buf_printf(o, "$ref: \"#/components/headers/%s\"\n", h[i]);
  }
}

static void request_body(Buf *o, const Plan *p, const Endpoint *x) {
  const ApiEntity *ae = x->entity ? &p->api.ents[x->entity->index] : NULL;
  const char *schema = NULL;
  Str type = {0};
  switch (x->kind) {
  case EP_CREATE: type = ae->type, schema = "Create"; break;
  case EP_UPDATE: type = ae->type, schema = "Update"; break;
  case EP_UPLOAD:
    if (!x->read && x->field->max_size > 0) {
      /* The spec's size cap, in the contract: the presigned POST's policy carries the same limit. */
      buf_puts(o, "      requestBody:\n        required: true\n        content:\n          application/json:\n"
                  "            schema:\n              type: object\n              additionalProperties: false\n"
                  "              required: [content_type, size, sha256]\n              properties:\n"
                  "                content_type:\n                  type: string\n                  examples: [\"image/png\"]\n"
                  "                size:\n                  type: integer\n                  minimum: 1\n");
      buf_printf(o, "                  maximum: %.0f\n", x->field->max_size);
      buf_puts(o, "                  description: \"bytes; larger files are refused here and by the storage policy\"\n"
                  "                sha256:\n                  type: string\n                  pattern: \"^[0-9a-f]{64}$\"\n");
      return;
    }
    if (!x->read)
      type = S("UploadRequest"), schema = "";
    break;
  case EP_WEBHOOK: type = S("WebhookEvent"), schema = ""; break;
  case EP_INGEST: {
    double batch = fmax(1, p->load.ingest_batch);   /* the plan's, one per request when rows are followed live (capacity.c) */
    buf_puts(o, "      requestBody:\n        required: true\n        content:\n          application/json:\n"
                "            schema:\n              type: object\n              required: [items]\n"
                "              properties:\n                items:\n                  type: array\n"
                "                  minItems: 1\n");
    buf_printf(o, "                  maxItems: %.0f\n                  items:\n                    ", batch);
    ref(o, "schemas", ae->type, "Create");
    return;
  }
  case EP_AUTH: {
    Str s = x->auth_step;
    if (str_eqc(s, "register") && !str_eqc(p->api.method, "apikey") && !str_eqc(p->api.method, "passkey") && ae)
      type = ae->type, schema = p->api.signup_org ? "Register" : "Create";
    else if (str_eqc(s, "login") && (str_eqc(p->api.method, "jwt") || str_eqc(p->api.method, "session")))
      type = S("LoginRequest"), schema = "";
    else if (str_eqc(s, "refresh"))
      type = S("RefreshRequest"), schema = "";
    else if (str_eqc(s, "request"))
      type = S("MagicLinkRequest"), schema = "";
    else if (str_eqc(s, "login") && str_eqc(p->api.method, "magic-link"))
      type = S("MagicLinkVerify"), schema = "";
    else if (str_eqc(p->api.method, "passkey") && (str_eqc(s, "register") || str_eqc(s, "login")))
      type = S("PasskeyCredential"), schema = "";
    else if (str_eqc(s, "callback") && str_eqc(p->api.method, "saml")) {
      buf_puts(o, "      requestBody:\n        required: true\n        content:\n          application/x-www-form-urlencoded:\n"
                  "            schema:\n              type: object\n              required: [SAMLResponse]\n"
                  "              properties:\n                SAMLResponse:\n                  type: string\n"
                  "                RelayState:\n                  type: string\n");
      return;
    }
    break;
  }
  default: break;
  }
  if (!schema)
    return;
  buf_puts(o, "      requestBody:\n        required: true\n");
  json_body(o, 8, "schemas", type, schema);
}

static void success(Buf *o, const Plan *p, const Endpoint *x) {
  const ApiEntity *ae = x->entity ? &p->api.ents[x->entity->index] : NULL;
  buf_printf(o, "        \"%d\":\n", x->success);
  kv(o, 10, "description", str_c(status_text(x->success)));
  if (x->kind == EP_REDIRECT) {
    buf_puts(o, "          headers:\n            Location:\n              description: \"the link's target URL\"\n"
                "              schema:\n                type: string\n                format: uri\n");
    return;
  }
  if (x->success == 302) {
    buf_puts(o, "          headers:\n            Location:\n              description: \"the identity provider's sign-in page\"\n"
                "              schema:\n                type: string\n                format: uri\n");
    return;
  }
  rate_headers(o, 10);
  if (x->success == 204)
    return;
  Str type = {0};
  const char *suffix = "";
  switch (x->kind) {
  case EP_LIST: case EP_SEARCH: case EP_HISTORY: case EP_NEARBY: type = ae->type, suffix = "Page"; break;
  case EP_GET: case EP_CREATE: case EP_UPDATE: case EP_TRANSITION: case EP_DELETE: type = ae->type; break;   /* a 202 cancel: the order as it stands */
  case EP_UPLOAD: type = x->read ? S("DownloadUrl") : S("UploadUrl"); break;
  case EP_INGEST: type = S("IngestAccepted"); break;
  case EP_BOOK: type = S("BookDepth"); break;
  case EP_QUERY: type = S("Aggregate"); break;
  case EP_WEBHOOK: type = S("Received"); break;
  case EP_CHECKOUT: type = S("CheckoutSession"); break;
  case EP_AUTH: {
    Str s = x->auth_step;
    bool tokens = str_eqc(s, "login") || str_eqc(s, "refresh") || str_eqc(s, "callback");
    bool cookie = str_eqc(p->api.method, "session") || str_eqc(p->api.method, "passkey") || str_eqc(p->api.method, "saml");
    if (str_eqc(s, "request")) {
      type = S("Received");
      break;
    }
    if (str_eqc(p->api.method, "apikey") && str_eqc(s, "register"))
      type = S("ApiKey");
    else if (tokens && !cookie)
      type = S("AuthTokens");
    else if (ae)
      type = ae->type;
    else
      type = S("Received");
    if (cookie && (tokens || str_eqc(s, "register")))
      buf_puts(o, "            Set-Cookie:\n              description: \"the session cookie: HttpOnly, Secure, SameSite=Lax\"\n"
                  "              schema:\n                type: string\n");
    break;
  }
  default: break;
  }
  json_body(o, 10, "schemas", type, suffix);
}

static void operation(Buf *o, const Plan *p, const Endpoint *x) {
  ind(o, 4);
  for (ptrdiff_t i = 0; i < x->method.n; i++)
    buf_putc(o, (char)(x->method.p[i] | 0x20));
  buf_puts(o, ":\n");
  kv(o, 6, "operationId", x->op_id);
  kv(o, 6, "summary", x->summary);
  Buf d = {0};
  if (x->tenant)
    buf_printf(&d, "Scoped to the caller's %.*s: a signed-in user sees and changes only the rows of their own %.*s; "
                   "another %.*s's row answers 404.", STRF(x->tenant->name), STRF(x->tenant->name), STRF(x->tenant->name));
  else if (x->owner_only)
    buf_puts(&d, "Owner only: a signed-in user sees and changes only their own rows; another user's row answers 404.");
  if (x->kind == EP_CREATE || x->kind == EP_UPDATE)
    buf_printf(&d, "%sValidated against the schema; a failed rule answers 400 VALIDATION_ERROR with the field.", d.n ? " " : "");
  if (x->nroles) {
    buf_printf(&d, "%sRole%s: ", d.n ? " " : "", x->nroles > 1 ? "s" : "");
    for (int k = 0; k < x->nroles; k++)
      buf_printf(&d, "%s%.*s", k ? ", " : "", STRF(x->roles[k]));
    buf_puts(&d, x->kind == EP_TRANSITION && !x->owner_only && x->nroles && x->life && x->life->nby > x->nroles
                     ? " or the row's owner; anyone else answers 403." : "; anyone else answers 403.");
  }
  if (x->kind == EP_CHECKOUT) {
    const ApiEntity *ae = &p->api.ents[x->entity->index];
    buf_printf(&d, "%sCreates a hosted checkout session at %.*s and returns its URL: card details never reach this API. "
                   "The session id is stored in %.*s; the provider's signed webhook later records %.*s and moves the row on.",
               d.n ? " " : "", STRF(x->feature->name), STRF(ae->pay_checkout), STRF(ae->pay_payment));
  }
  if (x->kind == EP_UPLOAD && !x->read)
    buf_printf(&d, "%sA presigned POST: the storage policy limits the file to the declared size%s; the row's file status stays "
                   "pending until the upload is confirmed with its size and checksum.",
               d.n ? " " : "", x->field->max_size > 0 ? "" : " (none declared)");
  if (x->kind == EP_WEBHOOK && p->api.events_table.n)
    buf_printf(&d, "%sThe event id is recorded in %.*s in the same transaction as its effect; a replayed id is acknowledged and ignored.",
               d.n ? " " : "", STRF(p->api.events_table));
  if (x->kind == EP_TRANSITION) {
    const Lifecycle *l = x->life;
    buf_printf(&d, "%sSets %.*s to %.*s; from any other state it answers 409 CONFLICT and changes nothing. The database "
                   "refuses any change of %.*s outside the declared transitions.",
               d.n ? " " : "", STRF(l->field->name), STRF(l->field->enum_vals[l->to]), STRF(l->field->name));
  }
  if (x->kind == EP_DELETE && p->api.ents[x->entity->index].soft_delete)
    buf_printf(&d, "%sSoft delete: the row is marked deleted and no longer listed.", d.n ? " " : "");
  if (x->kind == EP_REDIRECT)
    buf_printf(&d, "%sAnswers %d with the target in Location%s; an unknown or expired key answers 404. Anyone with the key may "
                   "follow it; nobody but its owner may list or change it.", d.n ? " " : "", x->success,
               x->success == 302 ? " and records a click event" : " (browsers cache it)");
  if (x->kind == EP_BOOK)
    buf_printf(&d, "%sThe matching engine's book as of the sequence number it carries; a client that keeps it current "
                   "applies the book updates after that number.", d.n ? " " : "");
  if (x->kind == EP_NEARBY)
    buf_printf(&d, "%sCandidates come from the geo index's cells around the point and are filtered by exact distance.", d.n ? " " : "");
  if (x->kind == EP_INGEST) {
    const Feature *f = x->feature;
    buf_printf(&d, "%sRows are queued and written asynchronously%s.", d.n ? " " : "",
               feature_has(f, "exactly-once") ? "; a repeated Idempotency-Key writes nothing twice"
               : feature_has(f, "at-least-once") ? "; delivery may repeat, and writes are idempotent on the row id" : "");
  }
  const ApiEntity *fz = x->frozen_by ? &p->api.ents[x->entity->index] : NULL;
  if (fz)
    buf_printf(&d, "%sRefused with 409 CONFLICT %.*s: the record's content stays as issued.", d.n ? " " : "", STRF(fz->frozen));
  if (d.n)
    kv(o, 6, "description", buf_view(&d));
  buf_free(&d);
  if (fz) {
    buf_printf(o, "      x-frozen-when:\n        record: %.*s\n        field: ", STRF(p->api.ents[x->frozen_by->index].type));
    q(o, fz->frozen_field->name);
    buf_puts(o, "\n        states: [");
    for (int v = 0, n = 0; v < fz->frozen_field->nenum; v++)
      if (fz->frozen_states >> v & 1) {
        buf_puts(o, n++ ? ", " : "");
        q(o, fz->frozen_field->enum_vals[v]);
      }
    buf_puts(o, "]\n");
  }
  buf_puts(o, "      tags: [");
  if (x->kind == EP_AUTH)
    buf_puts(o, "auth");
  else if (x->kind == EP_WEBHOOK)
    buf_puts(o, "webhooks");
  else
    q(o, p->api.ents[x->entity->index].type);
  buf_puts(o, "]\n");
  if (x->tenant)
    buf_printf(o, "      x-tenant-scope: %.*s\n", STRF(x->tenant->name));
  else if (x->owner_only)
    buf_puts(o, "      x-owner-only: true\n");
  if (x->nroles) {
    buf_puts(o, "      x-roles: [");
    for (int k = 0; k < x->nroles; k++) {
      buf_puts(o, k ? ", " : "");
      q(o, x->roles[k]);
    }
    buf_puts(o, "]\n");
  }
  if (!x->auth)
    buf_puts(o, "      security: []\n");
  else {
    const char *scheme = str_eqc(p->api.method, "session") || str_eqc(p->api.method, "passkey") || str_eqc(p->api.method, "saml")
                             ? "cookieAuth" : str_eqc(p->api.method, "apikey") ? "apiKeyAuth" : "bearerAuth";
    buf_printf(o, "      security:\n        - %s: []\n", scheme);
  }
  parameters(o, p, x);
  request_body(o, p, x);
  buf_puts(o, "      responses:\n");
  success(o, p, x);
  for (int i = 0; i < x->nerrors; i++)
    buf_printf(o, "        \"%d\":\n          $ref: \"#/components/responses/%s\"\n", x->errors[i], error_ref(x->errors[i]));
}

static void own_schemas(Buf *o, const Plan *p) {
  const Api *api = &p->api;
  buf_puts(o, "    Error:\n      type: object\n      required: [error]\n      properties:\n        error:\n"
              "          type: object\n          required: [code, message, retryable]\n          properties:\n"
              "            code:\n              type: string\n              enum: [");
  for (int i = 0; i < NERRORS; i++)
    buf_printf(o, "%s%s", i ? ", " : "", api_errors[i].code);
  buf_puts(o, "]\n            message:\n              type: string\n            retryable:\n              type: boolean\n"
              "              description: \"whether the same request may succeed if sent again later\"\n"
              "            details:\n              type: array\n              items:\n                type: object\n"
              "                required: [field, issue]\n                properties:\n                  field:\n"
              "                    type: string\n                  issue:\n                    type: string\n"
              "            request_id:\n              type: string\n");
  buf_puts(o, "    PageInfo:\n      type: object\n      properties:\n        next_cursor:\n          type: [string, \"null\"]\n"
              "          description: \"pass as cursor to get the next page; null on the last page\"\n"
              "        has_more:\n          type: boolean\n        page:\n          type: integer\n"
              "        per_page:\n          type: integer\n        total:\n          type: integer\n");
  buf_puts(o, "    UploadRequest:\n      type: object\n      required: [content_type, size, sha256]\n      properties:\n"
              "        content_type:\n          type: string\n          examples: [\"image/png\"]\n        size:\n"
              "          type: integer\n          minimum: 1\n        sha256:\n          type: string\n"
              "          pattern: \"^[0-9a-f]{64}$\"\n");
  buf_puts(o, "    UploadUrl:\n      type: object\n      required: [upload_url, fields, key, expires_at]\n      properties:\n"
              "        upload_url:\n          type: string\n          format: uri\n"
              "          description: \"POST the file here as multipart/form-data with the fields below, then the file\"\n"
              "        fields:\n          type: object\n          additionalProperties:\n            type: string\n"
              "          description: \"the signed policy (content-length-range holds the size cap)\"\n"
              "        key:\n          type: string\n"
              "        expires_at:\n          type: string\n          format: date-time\n");
  buf_puts(o, "    DownloadUrl:\n      type: object\n      required: [download_url, expires_at]\n      properties:\n"
              "        download_url:\n          type: string\n          format: uri\n"
              "        expires_at:\n          type: string\n          format: date-time\n");
  buf_puts(o, "    IngestAccepted:\n      type: object\n      required: [accepted]\n      properties:\n"
              "        accepted:\n          type: integer\n");
  buf_puts(o, "    Aggregate:\n      type: object\n      required: [window, buckets]\n      properties:\n"
              "        window:\n          type: string\n        buckets:\n          type: array\n          items:\n"
              "            type: object\n            required: [start, values]\n            properties:\n"
              "              start:\n                type: string\n                format: date-time\n"
              "              group:\n                type: string\n              values:\n                type: object\n"
              "                additionalProperties:\n                  type: number\n");
  openapi_webhook_schema(o);
  for (int i = 0; i < api->neps; i++)
    if (api->eps[i].kind == EP_BOOK) {
      buf_puts(o, "    BookDepth:\n      type: object\n      required: [sequence, bids, asks]\n      properties:\n"
                  "        sequence:\n          type: integer\n          minimum: 0\n");
      for (int side = 0; side < 2; side++)
        buf_printf(o, "        %s:\n          type: array\n          items:\n            type: object\n"
                      "            required: [price, size]\n            properties:\n              price:\n"
                      "                type: string\n              size:\n                type: string\n",
                   side ? "asks" : "bids");
      break;
    }
  if (api->payable)
    buf_puts(o, "    CheckoutSession:\n      type: object\n      required: [checkout_url, session_id, expires_at]\n      properties:\n"
                "        checkout_url:\n          type: string\n          format: uri\n"
                "          description: \"the provider's hosted payment page; send the user there\"\n"
                "        session_id:\n          type: string\n        expires_at:\n          type: string\n          format: date-time\n");
  buf_puts(o, "    Received:\n      type: object\n      required: [received]\n      properties:\n        received:\n"
              "          type: boolean\n");
  if (!api->method.n)
    return;
  buf_puts(o, "    AuthTokens:\n      type: object\n      required: [access_token, token_type, expires_in]\n      properties:\n"
              "        access_token:\n          type: string\n        refresh_token:\n          type: string\n"
              "        token_type:\n          type: string\n          enum: [Bearer]\n        expires_in:\n"
              "          type: integer\n          description: \"seconds until the access token expires\"\n");
  buf_puts(o, "    RefreshRequest:\n      type: object\n      required: [refresh_token]\n      properties:\n"
              "        refresh_token:\n          type: string\n");
  buf_puts(o, "    MagicLinkRequest:\n      type: object\n      required: [email]\n      properties:\n"
              "        email:\n          type: string\n          format: email\n");
  buf_puts(o, "    MagicLinkVerify:\n      type: object\n      required: [token]\n      properties:\n"
              "        token:\n          type: string\n");
  buf_puts(o, "    PasskeyCredential:\n      type: object\n      required: [credential]\n      properties:\n"
              "        credential:\n          type: object\n          description: \"the WebAuthn response of the browser\"\n");
  buf_puts(o, "    ApiKey:\n      type: object\n      required: [id, key]\n      properties:\n        id:\n"
              "          type: string\n        key:\n          type: string\n          description: \"shown once; stored hashed\"\n");
  /* Login: the principal's sign-in name and its secret. */
  const Entity *pr = p->model->principal;
  const Field *idf = NULL, *sec = NULL;
  for (int k = 0; pr && k < pr->nfields; k++) {
    const Field *f = &pr->fields[k];
    if (!idf && f->unique && (f->type == FT_EMAIL || f->type == FT_STRING || f->type == FT_PHONE))
      idf = f;
    if (!sec && (f->type == FT_SECRET || (f->tags & TAG_SECRET)))
      sec = f;
  }
  buf_puts(o, "    LoginRequest:\n      type: object\n      required: [");
  q(o, idf ? idf->name : S("username"));
  buf_puts(o, ", ");
  q(o, sec ? sec->name : S("password"));
  buf_puts(o, "]\n      properties:\n        ");
  q(o, idf ? idf->name : S("username"));
  buf_puts(o, ":\n          type: string\n        ");
  q(o, sec ? sec->name : S("password"));
  buf_puts(o, ":\n          type: string\n          format: password\n          writeOnly: true\n");
}

void openapi_webhook_schema(Buf *o) {
  buf_puts(o, "    WebhookEvent:\n      type: object\n      required: [id, type]\n      properties:\n        id:\n"
              "          type: string\n          description: \"the provider's event id; processed once\"\n        type:\n"
              "          type: string\n      additionalProperties: true\n");
}

void emit_openapi(const Plan *p, Buf *o) {
  const Model *m = p->model;
  const Api *api = &p->api;
  buf_puts(o, "# OpenAPI 3.1 contract, generated by plinth from the spec. Do not edit by hand.\nopenapi: 3.1.0\ninfo:\n");
  Buf t = {0};
  buf_printf(&t, "%.*s API", STRF(m->project.name));
  kv(o, 2, "title", buf_view(&t));
  buf_free(&t);
  buf_puts(o, "  version: \"1.0.0\"\n");
  Buf d = {0};
  buf_str(&d, m->project.idea);
  char b[32];
  buf_printf(&d, "%sErrors use one shape (components/schemas/Error) and the codes in x-error-codes. "
                 "Every client may send %s requests a minute; the RateLimit headers say how many remain.",
             d.n ? "\n\n" : "", fmt_count(b, api->rate_per_min));
  kv(o, 2, "description", buf_view(&d));
  buf_free(&d);
  buf_puts(o, "  license:\n    name: \"Proprietary\"\n    identifier: \"LicenseRef-Proprietary\"\n");
  buf_puts(o, "servers:\n  - url: ");
  q(o, api->base);
  buf_puts(o, "\n    description: \"this API, version 1; a breaking change gets a new base path\"\n");
  /* Tags. */
  ptrdiff_t tags_at = o->n;
  void (*spill)(void *, Buf *) = o->spill;   /* none while a mark is compared */
  o->spill = NULL;
  buf_puts(o, "tags:\n");
  if (api->method.n)
    buf_puts(o, "  - name: auth\n    description: \"signing in and out\"\n");
  for (int i = 0; i < m->nentities; i++)
    if (api->ents[i].exposed) {
      buf_puts(o, "  - name: ");
      q(o, api->ents[i].type);
      buf_puts(o, "\n    description: ");
      q(o, m->entities[i].name);
      buf_putc(o, '\n');
    }
  bool hooks = false;
  for (int i = 0; i < api->neps; i++)
    hooks |= api->eps[i].kind == EP_WEBHOOK;
  if (hooks)
    buf_puts(o, "  - name: webhooks\n    description: \"events outside services send us\"\n");
  if (o->n == tags_at + 6) {
    o->n = tags_at;
    buf_puts(o, "tags: []\n");
  }
  o->spill = spill;
  /* Paths: methods of one path are consecutive in the endpoint list. */
  buf_puts(o, "paths:\n");
  if (!api->neps)
    o->n -= 1, buf_puts(o, " {}\n");
  for (int i = 0; i < api->neps; i++) {
    const Endpoint *x = &api->eps[i];
    if (!i || !str_eq(api->eps[i - 1].path, x->path)) {
      ind(o, 2);
      q(o, x->path);
      buf_puts(o, ":\n");
      if (x->kind == EP_REDIRECT)   /* short URLs live at the domain's root, not under the API's base */
        buf_puts(o, "    servers:\n      - url: \"/\"\n        description: \"the short domain's root\"\n");
    }
    operation(o, p, x);
  }
  /* Components. */
  buf_puts(o, "components:\n");
  if (api->method.n) {
    buf_puts(o, "  securitySchemes:\n");
    if (str_eqc(api->method, "session") || str_eqc(api->method, "passkey") || str_eqc(api->method, "saml"))
      buf_puts(o, "    cookieAuth:\n      type: apiKey\n      in: cookie\n      name: session\n"
                  "      description: \"an opaque session id in an HttpOnly, Secure, SameSite=Lax cookie; writes also need the X-CSRF-Token header\"\n");
    else if (str_eqc(api->method, "apikey"))
      buf_puts(o, "    apiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-API-Key\n"
                  "      description: \"a key issued by POST /auth/keys, stored hashed\"\n");
    else {
      buf_puts(o, "    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n      description: ");
      if (str_eqc(api->method, "oauth") || str_eqc(api->method, "oidc"))
        buf_puts(o, "\"an access token from the identity provider (authorization code flow with PKCE); its signature is checked against the provider's published keys\"\n");
      else
        buf_puts(o, "\"a short-lived access token (15 minutes) from /auth/login; a refresh token renews it\"\n");
    }
  }
  buf_puts(o, "  headers:\n");
  buf_printf(o, "    RateLimit-Limit:\n      description: \"requests allowed per minute\"\n      schema:\n        type: integer\n"
                "      example: %.0f\n", api->rate_per_min);
  buf_puts(o, "    RateLimit-Remaining:\n      description: \"requests left in the current minute\"\n      schema:\n        type: integer\n"
              "    RateLimit-Reset:\n      description: \"seconds until the window resets\"\n      schema:\n        type: integer\n"
              "    Retry-After:\n      description: \"seconds to wait before retrying\"\n      schema:\n        type: integer\n");
  buf_puts(o, "  responses:\n");
  for (int i = 0; i < NERRORS; i++) {
    buf_printf(o, "    %s:\n      description: \"%d %s: %s\"\n", api_errors[i].ref, api_errors[i].status, api_errors[i].code, api_errors[i].text);
    if (api_errors[i].status == 429)
      buf_puts(o, "      headers:\n        Retry-After:\n          $ref: \"#/components/headers/Retry-After\"\n");
    buf_printf(o, "      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/Error\"\n"
                  "          example:\n            error:\n              code: %s\n              message: \"%s\"\n"
                  "              retryable: %s\n              request_id: \"req_01HZX3\"\n",
               api_errors[i].code, api_errors[i].text, api_errors[i].retry ? "true" : "false");
  }
  buf_puts(o, "  schemas:\n");
  own_schemas(o, p);
  for (int i = 0; i < m->nentities; i++)
    if (api->ents[i].exposed || (m->principal == &m->entities[i] && api->method.n))
      openapi_entity_schemas(o, p, &m->entities[i], true);
  buf_puts(o, "x-error-codes:\n");
  for (int i = 0; i < NERRORS; i++)
    buf_printf(o, "  - code: %s\n    status: %d\n    retryable: %s\n    meaning: \"%s\"\n", api_errors[i].code, api_errors[i].status,
               api_errors[i].retry ? "true" : "false", api_errors[i].text);
}
