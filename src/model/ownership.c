/* Ownership and rows: the principal, parent links, cycle checks and the row
 * counts down each chain, walked iteratively (a chain of 100,000 entities
 * must not overflow the C stack). */
#include "resolve.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- ownership and rows ---- */

static bool has_secret(const Entity *e) {
  for (int i = 0; i < e->nfields; i++)
    if (e->fields[i].type == FT_SECRET || (e->fields[i].tags & TAG_SECRET))
      return true;
  return false;
}

static const char *const principal_names[] = {"User", "Account", "Customer", "Member", "Person", "Operator", 0};

/* With an external identity provider (oauth, oidc, saml) and no entity that
 * signs in, Plinth adds a User to hang roles and ownership on. It is made
 * before relations are resolved, so specs can point at it. */
void resolve_synthesize_user(Resolver *r, const Ast *ast, const AstEntity **asts, int ndeclared) {
  Model *m = r->m;
  const AstFeature *auth = NULL;
  for (const AstFeature *f = ast->features; f && !auth; f = f->next)
    if (f->kind == FK_AUTH)
      auth = f;
  if (!auth)
    return;
  const AstOption *method = NULL, *roles = NULL;
  for (const AstOption *o = auth->opts; o; o = o->next) {
    if (!strcmp(o->spec->name, "principal"))
      return;
    if (!strcmp(o->spec->name, "method"))
      method = o;
    if (!strcmp(o->spec->name, "roles"))
      roles = o;
  }
  if (!method || !(str_eqc(method->args[0].text, "oauth") || str_eqc(method->args[0].text, "oidc") ||
                   str_eqc(method->args[0].text, "saml")))
    return;
  for (int i = 0; i < ndeclared; i++) {
    for (const AstField *af = asts[i]->fields; af; af = af->next)
      if (af->type == FT_SECRET || (af->tags & TAG_SECRET))
        return;
    for (int k = 0; principal_names[k]; k++)
      if (str_ieq(m->entities[i].name, str_c(principal_names[k])))
        return;
  }
  Entity *u = &m->entities[m->nentities];
  u->index = m->nentities++;
  u->name = S("User");
  u->span = auth->span;
  int nf = roles ? 3 : 2;
  u->fields = new(r->a, Field, nf);
  u->nfields = nf;
  u->fields[0] = (Field){.name = S("subject"), .span = auth->span, .index = 0, .entity = u, .type = FT_STRING,
                         .len = 255, .unique = true};
  u->fields[1] = (Field){.name = S("email"), .span = auth->span, .index = 1, .entity = u, .type = FT_EMAIL,
                         .tags = TAG_PII};
  if (roles) {
    Str *vals = new(r->a, Str, roles->nargs);
    for (int i = 0; i < roles->nargs; i++)
      vals[i] = roles->args[i].text;
    u->fields[2] = (Field){.name = S("role"), .span = auth->span, .index = 2, .entity = u, .type = FT_ENUM,
                           .enum_vals = vals, .nenum = roles->nargs,
                           .def = {.kind = LIT_WORD, .text = vals[0], .span = auth->span}};
  }
  for (int i = 0; i < nf; i++)
    u->fields[i].avg_bytes = resolve_value_bytes(&u->fields[i]);
  resolve_table_put(r, u);
  resolve_assume(r, auth->span, S("auth.principal"),
         "User (subject, email%s) is added to hold the identity provider's users", roles ? ", role" : "");
}

void resolve_principal(Resolver *r) {
  Model *m = r->m;
  Feature *auth = m->auth;
  if (!auth)
    return;
  const Option *o = feature_opt(auth, "principal");
  if (o) {
    m->principal = resolve_table_get(r, o->args[0].text);
    if (!m->principal)
      resolve_unknown_entity(r, o->args[0].text, o->args[0].span, " as principal");
  }
  for (int i = 0; !m->principal && i < m->nentities; i++)
    if (has_secret(&m->entities[i]))
      m->principal = &m->entities[i];
  for (int k = 0; !m->principal && principal_names[k]; k++)
    for (int i = 0; !m->principal && i < m->nentities; i++)
      if (str_ieq(m->entities[i].name, str_c(principal_names[k])))
        m->principal = &m->entities[i];
  const Option *method = feature_opt(auth, "method");
  bool external = method && (str_eqc(method->args[0].text, "oauth") || str_eqc(method->args[0].text, "oidc") ||
                             str_eqc(method->args[0].text, "saml"));
  if (m->principal) {
    m->principal->principal = true;
    if (!o && !has_secret(m->principal) && !external)
      resolve_assume(r, auth->span, S("auth.principal"), "%.*s%s is the entity that signs in", NAMEF(m->principal->name));
  } else if (!o)
    ERR(r, auth->span, "auth needs an entity that signs in: add a 'password secret' field or 'principal Entity'");
}

/* Sets parent links from `per` or the first required -> relation. */
void resolve_parents(Resolver *r, const AstEntity **asts) {
  for (int i = 0; i < r->m->nentities; i++) {
    Entity *e = &r->m->entities[i];
    const AstEntity *ae = asts[i];
    if (!ae)
      continue;
    if (ae->has_per) {
      Entity *par = resolve_table_get(r, ae->per);
      if (!par)
        resolve_unknown_entity(r, ae->per, ae->per_name_span, " after 'per'");
      else {
        for (int k = 0; k < e->nfields && !e->parent; k++)
          if (e->fields[k].rel == REL_MANY_TO_ONE && e->fields[k].ref == par)
            e->parent = par, e->parent_field = &e->fields[k];
        if (!e->parent && !e->broken)
          ERR(r, ae->per_span, "'per %.*s%s' needs a relation: %.*s%s has no '-> %.*s%s' field", NAMEF(ae->per),
              NAMEF(e->name), NAMEF(ae->per));
      }
      e->has_per = true;
      e->per_n = ae->per_n;
      e->per_span = ae->per_span;
      if (ae->per_n < 0)
        ERR(r, ae->per_span, "an expected count must not be negative");
      else if (ae->per_n == 0)
        WARN(r, ae->per_span, "no %.*s%s rows are expected", NAMEF(e->name));
    } else {
      for (int k = 0; k < e->nfields && !e->parent; k++)
        if (e->fields[k].rel == REL_MANY_TO_ONE && !e->fields[k].optional && e->fields[k].ref &&
            e->fields[k].ref != e)
          e->parent = e->fields[k].ref, e->parent_field = &e->fields[k];
    }
  }
}

#define ROOT_DEFAULT_ROWS 1000.0
#define CHILD_DEFAULT_PER 10.0

/* Rows of an entity whose parent's rows are known (or that has none). */
static void derive_rows(Resolver *r, Entity *e, const AstEntity *ae) {
  Project *p = &r->m->project;
  if (ae && ae->count.set) {
    e->rows = ae->count.v;
    e->rows_basis = S("count given in the spec");
    if (e->parent)
      WARN(r, ae->count.span, "count overrides the rows derived from %.*s%s", NAMEF(e->parent->name));
    return;
  }
  /* The people who sign in and the devices that report are counted by the
   * project's figures, whatever they belong to. */
  if (e->principal) {
    e->rows = p->users;
    e->rows_basis = S("one per user");
    return;
  }
  if (e->device && !e->has_per) {
    e->rows = p->devices;
    e->rows_basis = S("one per device");
    return;
  }
  /* Rows that state their growth and their retention and no count of
   * their own hold what the retention keeps: growth x retention. */
  if (!e->has_per && e->grows > 0 && e->retain > 0 && !(e->parent_field && e->parent_field->unique)) {
    e->rows = e->grows * e->retain;
    e->rows_basis = S("its growth over its retention");
    return;
  }
  if (e->parent) {
    bool one = !e->has_per && e->parent_field && e->parent_field->unique;
    double per = e->has_per ? e->per_n : one ? 1 : CHILD_DEFAULT_PER;
    if (!e->has_per && !one)
      resolve_assume(r, e->span, str_printf(r->a, "entity.%.*s.per", STRF(e->name)),
             "%.0f %.*s%s rows per %.*s%s (no 'per' given)", per, NAMEF(e->name), NAMEF(e->parent->name));
    e->rows = per * e->parent->rows;
    e->rows_basis = one ? str_printf(r->a, "at most one per %.*s (unique)", STRF(e->parent->name))
                        : str_printf(r->a, "%g per %.*s", per, STRF(e->parent->name));
    return;
  }
  {
    e->rows = ROOT_DEFAULT_ROWS;
    e->rows_basis = S("assumed");
    resolve_assume(r, e->span, str_printf(r->a, "entity.%.*s.rows", STRF(e->name)),
           "%.*s%s holds 1,000 rows (no parent and no 'count')", NAMEF(e->name));
  }
}

/* Walks every entity's parent chain with an explicit stack, reporting
 * cycles, then derives rows from the root down. state: 0 new, 1 on the
 * stack, 2 done. */
void resolve_chains(Resolver *r, const AstEntity **asts) {
  Model *m = r->m;
  int n = m->nentities;
  unsigned char *state = new(r->a, unsigned char, n);
  Entity **stack = new(r->a, Entity *, n + 1);
  for (int i = 0; i < n; i++) {
    int sp = 0;
    Entity *e = &m->entities[i];
    while (e && state[e->index] == 0) {
      state[e->index] = 1;
      stack[sp++] = e;
      e = e->parent;
    }
    if (e && state[e->index] == 1) {
      /* Cycle: e is on the stack. Report once at e and cut its link. The
       * hint names a required relation of the cycle; when every one is
       * optional already, the links come from 'per' lines. */
      const Entity *req = NULL, *per = NULL;
      const Entity *x = e;
      do {
        if (x->parent_field && !x->parent_field->optional && !req)
          req = x;
        if (x->has_per && !per)
          per = x;
        x = x->parent;
      } while (x && x != e);
      if (req)
        ERR(r, e->parent_field ? e->parent_field->span : e->span,
            "ownership cycle through %.*s%s: make one of the relations in the cycle optional with '?', such as "
            "%.*s%s.%.*s%s",
            NAMEF(e->name), NAMEF(req->name), NAMEF(req->parent_field->name));
      else
        ERR(r, e->parent_field ? e->parent_field->span : e->span,
            "ownership cycle through %.*s%s: its relations are optional already, the 'per' lines make the owners; "
            "remove one of them, such as the 'per' of %.*s%s",
            NAMEF(e->name), NAMEF(per ? per->name : e->name));
      e->parent = NULL;
      e->parent_field = NULL;
    }
    while (sp > 0) {
      Entity *x = stack[--sp];
      derive_rows(r, x, asts[x->index]);
      if (x->parent) {
        x->depth = x->parent->depth + 1;
        x->owner = x->parent->principal ? x->parent : x->parent->owner;
      }
      if (!isfinite(x->rows) || x->rows > 1e18) {
        ERR(r, x->per_span.len ? x->per_span : x->span, "%.*s%s would hold more than 1e18 rows; check the 'per' figures",
            NAMEF(x->name));
        x->rows = 1e18;
      }
      state[x->index] = 2;
    }
  }
}

void resolve_row_sizes(Model *m, const AstEntity **asts) {
  for (int i = 0; i < m->nentities; i++) {
    Entity *e = &m->entities[i];
    double b = 0, blob = 0;
    for (int k = 0; k < e->nfields; k++) {
      b += e->fields[k].avg_bytes;
      blob += e->fields[k].blob_bytes;
    }
    if (asts[i] && asts[i]->size.set)
      b = asts[i]->size.v;
    e->content_bytes = b;
    e->row_bytes = b + ROW_OVERHEAD;
    e->blob_bytes = blob;
  }
}


/* Was an error already reported on this entity's ownership chain? */
bool resolve_chain_broken(const Entity *e) {
  for (int n = 0; e && n < 1000000; e = e->parent, n++)
    if (e->broken)
      return true;
  return false;
}

const Entity *model_tenant(const Model *m) {
  const Entity *pr = m->principal;
  return pr && pr->parent && pr->parent != pr && !pr->parent->principal ? pr->parent : NULL;
}

bool model_reaches(const Model *m, const Entity *e, const Entity *t) {
  for (int n = 0; e && n <= m->nentities; n++, e = e->parent)   /* bounded: a cycle is reported elsewhere */
    if (e == t)
      return true;
  return false;
}
