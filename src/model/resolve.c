/* Resolution: Ast -> Model.
 *
 * Passes, each linear in the size of the spec:
 *   1. entities: copy, index by name (hash table), reject duplicates;
 *      synthesise a join entity for every <-> relation;
 *   2. fields: resolve relation targets, check types, defaults and bounds,
 *      estimate stored bytes; record incoming relations on the target;
 *   3. project: normalise figures, fill defaults (each one an Assumption),
 *      check contradictions;
 *   4. features: resolve targets and option fields, pick the principal;
 *   5. ownership: parent links, cycle check, row counts down each chain,
 *      owner-only reachability.
 *
 * This file holds the passes' order (model_resolve); lookups.c the lookups
 * they share; fields.c, project.c, features.c and ownership.c the passes.
 * The ownership walk is iterative with an explicit stack: a chain of
 * 100,000 entities must not overflow the C stack. */
#include "resolve.h"
#include "../util/fmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- the passes, in order ---- */

/* 1. Entities: each declared one copied and indexed by name, duplicates
 * rejected; room is made for one join entity per <-> relation and a User
 * for external sign-in. Returns each entity's declaration, by index. */
static const AstEntity **declare_entities(Resolver *r, const Ast *ast) {
  Model *m = r->m;
  int njoin = 0;
  for (const AstEntity *ae = ast->entities; ae; ae = ae->next)
    for (const AstField *af = ae->fields; af; af = af->next)
      njoin += af->rel == REL_MANY_TO_MANY;
  int cap = ast->nentities + njoin + 1; /* +1: a User for external sign-in */
  m->entities = new(r->a, Entity, cap);
  const AstEntity **asts = new(r->a, const AstEntity *, cap);
  r->tcap = 16;
  while (r->tcap < 2 * (ptrdiff_t)cap)
    r->tcap *= 2;
  r->table = new(r->a, Entity *, r->tcap);
  for (const AstEntity *ae = ast->entities; ae; ae = ae->next) {
    Entity *dup = resolve_table_get(r, ae->name);
    if (dup) {
      ERR(r, ae->span, "duplicate entity '%.*s%s'; the first is at line %d", NAMEF(ae->name), resolve_line(r, dup->span));
      continue;
    }
    Entity *e = &m->entities[m->nentities];
    e->index = m->nentities;
    asts[m->nentities++] = ae;
    e->name = ae->name;
    e->span = ae->span;
    resolve_name_length(r, e->name, e->span, "an entity");
    e->was = ae->was;
    e->was_span = ae->was_span;
    e->retain = ae->retain.set ? ae->retain.v : 0;
    e->retain_span = ae->retain.span;
    if (ae->retain.set && ae->retain.v <= 0)
      ERR(r, ae->retain.span, "a retention period must be positive");
    if (ae->size.set && ae->size.v <= 0)
      ERR(r, ae->size.span, "a row size must be positive");
    if (ae->count.set && (ae->count.v < 0 || ae->count.v != floor(ae->count.v)))
      ERR(r, ae->count.span, "a row count is a whole number, not negative");
    resolve_table_put(r, e);
  }
  return asts;
}

/* 2. Fields of each declared entity, and the entity's own checks. */
static void resolve_fields(Resolver *r, const AstEntity **asts, int ndeclared) {
  Model *m = r->m;
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    const AstEntity *ae = asts[i];
    e->fields = new(r->a, Field, ae->nfields);
    int k = 0;
    for (const AstField *af = ae->fields; af; af = af->next) {
      Field *fl = &e->fields[k];
      fl->index = k++;
      resolve_field(r, e, fl, af);
    }
    e->nfields = k;
    if (!k)
      WARN(r, e->span, "entity '%.*s%s' has no fields", NAMEF(e->name));
    int cols = 0;
    for (int j = 0; j < k; j++)
      cols += e->fields[j].rel != REL_MANY_TO_MANY;
    if (cols > MODEL_MAX_COLUMNS)
      ERR(r, e->span,
          "entity '%.*s%s' has %d columns; PostgreSQL allows 1600 a table and plinth adds 4 (id, created_at, "
          "updated_at, deleted_at), so at most %d fields that are not <-> relations",
          NAMEF(e->name), cols, MODEL_MAX_COLUMNS);
    resolve_was_fields(r, e);
  }
  resolve_was_entities(r, m, ndeclared);
}

/* One join entity for each <-> relation, owned by the declaring side. */
static void add_join_entities(Resolver *r, int ndeclared) {
  Model *m = r->m;
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      Field *fl = &e->fields[k];
      if (fl->rel != REL_MANY_TO_MANY || !fl->ref)
        continue;
      Str jname = str_printf(r->a, "%.*s_%.*s", STRF(e->name), STRF(fl->name));
      if (resolve_table_get(r, jname)) {
        ERR(r, fl->span, "the join entity '%.*s%s' for this relation clashes with a declared entity", NAMEF(jname));
        continue;
      }
      Entity *j = &m->entities[m->nentities];
      j->index = m->nentities++;
      j->name = jname;
      j->span = fl->span;
      j->join = true;
      j->fields = new(r->a, Field, 2);
      j->nfields = 2;
      Str left = str_lower_first(r->a, e->name);
      Str right = fl->name;
      if (str_eq(left, right))
        left = str_printf(r->a, "%.*s_of", STRF(left));
      j->fields[0] = (Field){.name = left, .span = fl->span, .index = 0, .entity = j, .type = FT_REF,
                             .rel = REL_MANY_TO_ONE, .ref = e, .avg_bytes = 16};
      j->fields[1] = (Field){.name = right, .span = fl->span, .index = 1, .entity = j, .type = FT_REF,
                             .rel = REL_MANY_TO_ONE, .ref = fl->ref, .avg_bytes = 16};
      j->parent = e;
      j->parent_field = &j->fields[0];
      j->has_per = true;
      j->per_n = 4;
      j->per_span = fl->span;
      resolve_assume(r, fl->span, str_printf(r->a, "entity.%.*s.per", STRF(jname)), "each %.*s%s links to 4 %.*s%s on average",
             NAMEF(e->name), NAMEF(fl->ref->name));
      resolve_table_put(r, j);
    }
  }
}

/* Incoming relations on each target: count, then fill. */
static void link_incoming(Resolver *r) {
  Model *m = r->m;
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields; k++) {
      Field *fl = &m->entities[i].fields[k];
      if (fl->rel == REL_MANY_TO_ONE && fl->ref)
        fl->ref->nincoming++;
    }
  for (int i = 0; i < m->nentities; i++) {
    Entity *e = &m->entities[i];
    e->incoming = new(r->a, Ref, e->nincoming);
    e->nincoming = 0;
  }
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields; k++) {
      Field *fl = &m->entities[i].fields[k];
      if (fl->rel == REL_MANY_TO_ONE && fl->ref)
        fl->ref->incoming[fl->ref->nincoming++] = (Ref){&m->entities[i], fl};
    }
}

/* Growth rates, which depend on the project's month length. */
static void resolve_growth(Resolver *r, const AstEntity **asts) {
  Model *m = r->m;
  for (int i = 0; i < m->nentities; i++) {
    const AstEntity *ae = asts[i];
    if (!ae || !ae->grows.set)
      continue;
    if (ae->grows.v < 0)
      ERR(r, ae->grows.span, "a growth rate must not be negative");
    m->entities[i].grows = resolve_rate(&ae->grows, m->project.month);
    m->entities[i].grows_span = ae->grows.span;
  }
}

/* 4. Features: each resolved, auth kept once, duplicates rejected. */
static void resolve_features(Resolver *r, const Ast *ast) {
  Model *m = r->m;
  m->features = new(r->a, Feature, ast->nfeatures);
  r->fcap = 16;
  while (r->fcap < 2 * (ptrdiff_t)ast->nfeatures)
    r->fcap *= 2;
  r->ftable = new(r->a, Feature *, r->fcap);
  for (const AstFeature *af = ast->features; af; af = af->next) {
    Feature *ft = &m->features[m->nfeatures];
    ft->index = m->nfeatures++;
    resolve_feature(r, ft, af);
    if (ft->kind == FK_AUTH) {
      if (m->auth)
        ERR(r, af->span, "auth is declared twice; the first is at line %d", resolve_line(r, m->auth->span));
      else
        m->auth = ft;
    }
    /* Duplicates: one hash set over (kind, entity, field) and (kind, name). */
    Feature *o = resolve_dup_feature(r, ft);
    if (o)
      ERR(r, af->kind == FK_INTEGRATION ? af->name_span : af->span, "%s %.*s%s is declared twice; the first is at line %d",
          feature_specs[ft->kind].name, NAMEF(ft->entity ? ft->entity->name : ft->name), resolve_line(r, o->span));
  }
}

/* Devices: the owner of each ingested entity, the thing that sends its
 * rows, is what the project's `devices` counts; its own owners (a home, a
 * site) are counted by their own figures. */
static void mark_devices(Model *m) {
  if (!(m->project.devices > 0))
    return;
  for (int i = 0; i < m->nfeatures; i++) {
    Entity *owner = m->features[i].kind == FK_INGEST && m->features[i].entity ? m->features[i].entity->parent : NULL;
    if (owner && owner != m->features[i].entity && !owner->principal)
      owner->device = true;
  }
}

/* A project that states its writes and whose one writer is a crawl with
 * no `pages` of its own: the writes are the pages that crawl fetches, so
 * the crawl takes them as its `pages` and people's traffic goes without
 * them. With an ingest (device rows) or devices the writes stay theirs. */
static void crawl_takes_writes(Resolver *r, const AstProject *ap) {
  Model *m = r->m;
  if (!ap->writes.set || ap->devices.set || !(m->project.writes_per_s > 0))
    return;
  Feature *crawl = NULL;
  for (int i = 0; i < m->nfeatures; i++) {
    Feature *f = &m->features[i];
    if (f->kind == FK_INGEST || (f->kind == FK_CRAWL && crawl))
      return;
    if (f->kind == FK_CRAWL)
      crawl = f;
  }
  if (!crawl || !crawl->entity || feature_opt(crawl, "pages"))
    return;
  const OptSpec *spec = feature_specs[FK_CRAWL].opts;
  while (spec->name && strcmp(spec->name, "pages"))
    spec++;
  if (!spec->name)
    return;
  Option *opts = new(r->a, Option, crawl->nopts + 1);
  if (crawl->nopts)
    memcpy(opts, crawl->opts, sizeof *opts * crawl->nopts);
  OptArg *arg = new(r->a, OptArg, 1);
  *arg = (OptArg){.num = m->project.writes_per_s, .span = ap->writes.span};
  opts[crawl->nopts] = (Option){.spec = spec, .span = ap->writes.span, .args = arg, .nargs = 1};
  crawl->opts = opts;
  crawl->nopts++;
  m->project.writes_per_s = 0;
  char b[32];
  resolve_assume(r, ap->writes.span, S("project.writes"),
                 "the project's writes (%s a month) are the pages crawl %.*s fetches, its only writer; "
                 "people's writes come from users and actions",
                 fmt_count(b, arg->num * m->project.month), STRF(crawl->entity->name));
}

/* owner-only on an entity whose chain misses the principal. A principal
 * Plinth added for an identity provider (User) is not named, since the
 * spec never wrote it: the hint names an entity of the chain that is a role
 * of auth (principal Clinician), if any. */
static void owner_only_error(Resolver *r, const Entity *e, const Option *oo) {
  const Model *m = r->m;
  const Entity *pr = m->principal;
  if (!(pr->span.off == m->auth->span.off && pr->span.len == m->auth->span.len)) {
    ERR(r, oo->span, "owner-only: %.*s%s has no chain of required relations to %.*s%s", NAMEF(e->name), NAMEF(pr->name));
    return;
  }
  const Option *roles = feature_opt(m->auth, "roles");
  const Entity *cand = NULL;
  const Entity *c = e;
  for (int n = 0; c && !cand && n <= m->nentities; n++, c = c->parent)   /* bounded: a cycle is reported later */
    for (int i = 0; roles && i < roles->nargs && !cand; i++)
      if (str_ieq(roles->args[i].text, c->name))
        cand = c;
  if (cand)
    ERR(r, oo->span, "owner-only: %.*s%s has no owner: the spec names no entity that signs in; add 'principal %.*s%s' to feature auth",
        NAMEF(e->name), NAMEF(cand->name));
  else
    ERR(r, oo->span, "owner-only: %.*s%s has no owner: the spec names no entity that signs in; add 'principal ENTITY' to "
        "feature auth and give %.*s%s a chain of required relations to it", NAMEF(e->name), NAMEF(e->name));
}

/* The features of each entity, and the checks that need ownership:
 * owner-only reaches the principal or its organisation (model_tenant),
 * roles are declared in auth. */
static void index_features(Resolver *r) {
  Model *m = r->m;
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].entity)
      m->features[i].entity->nfeatures++;
  for (int i = 0; i < m->nentities; i++) {
    m->entities[i].features = new(r->a, Feature *, m->entities[i].nfeatures);
    m->entities[i].nfeatures = 0;
  }
  for (int i = 0; i < m->nfeatures; i++) {
    Feature *ft = &m->features[i];
    if (ft->entity)
      ft->entity->features[ft->entity->nfeatures++] = ft;
    const Option *oo = feature_opt(ft, "owner-only");
    if (oo && ft->entity) {
      if (!m->auth)
        ERR(r, oo->span, "owner-only needs a 'feature auth' to know who the owner is");
      else if (m->principal && ft->entity != m->principal && ft->entity->owner != m->principal &&
               !(model_tenant(m) && model_reaches(m, ft->entity, model_tenant(m))) && !resolve_chain_broken(ft->entity))
        owner_only_error(r, ft->entity, oo);
    }
    const Option *ro = feature_opt(ft, "roles");
    if (ro && m->auth && ft->kind != FK_AUTH) {
      const Option *declared = feature_opt(m->auth, "roles");
      if (!declared) {
        ERR(r, ro->span, "roles need a list in feature auth: add 'roles %.*s%s' there", NAMEF(ro->args[0].text));
        continue;
      }
      for (int k = 0; k < ro->nargs; k++) {
        bool ok = false;
        for (int j = 0; declared && j < declared->nargs; j++)
          ok |= str_eq(declared->args[j].text, ro->args[k].text);
        if (!ok)
          ERR(r, ro->args[k].span, "role '%.*s%s' is not declared in feature auth's roles", NAMEF(ro->args[k].text));
      }
    }
  }
}

/* A notification on every row of an ingested entity: one message per
 * reading, which is a flood of mail, not an alert. */
static void warn_notify_ingested(Resolver *r) {
  const Model *m = r->m;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *n = &m->features[i];
    if (n->kind != FK_NOTIFY || n->trigger != TRIG_ON || !n->entity || feature_opt(n, "digest"))
      continue;
    for (int k = 0; k < n->entity->nfeatures; k++)
      if (n->entity->features[k]->kind == FK_INGEST) {
        WARN(r, n->span,
             "notify %.*s%s on %.*s%s sends a message for every ingested row; notify on an entity the rows raise "
             "(an Alert written when a reading crosses a threshold), or add 'digest DURATION'",
             NAMEF(n->name), NAMEF(n->entity->name));
        break;
      }
  }
}

/* Lifecycles and derived values, which name states, roles and other
 * entities' fields; a state field no one can change is pointed out. */
static void resolve_field_rules(Resolver *r, const AstEntity **asts, int ndeclared) {
  Model *m = r->m;
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    int k = 0;
    for (const AstField *af = asts[i]->fields; af && k < e->nfields; af = af->next, k++) {
      if (af->ntrans)
        resolve_lifecycle(r, &e->fields[k], af);
      if (af->derived)
        resolve_derived(r, e, &e->fields[k], af);
      if (af->role == ROLE_MARK_WRITABLE && (af->derived || af->ntrans))
        ERR(r, af->role_span, "'%.*s%s' is %s, so the client cannot write it", NAMEF(af->name),
            af->derived ? "derived" : "changed only by its transitions");
      /* A state field is the server's (src/plan/fields.c): say so where the
       * API would otherwise offer no way to change it. */
      bool crud = false;
      for (int fi = 0; fi < e->nfeatures; fi++)
        crud |= e->features[fi]->kind == FK_CRUD && !feature_has(e->features[fi], "read-only");
      if (crud && af->type == FT_ENUM && !af->array && !af->ntrans && !af->role &&
          (str_eqc(af->name, "status") || str_eqc(af->name, "state")))
        WARN(r, af->span, "'%.*s%s' is set by the server only: declare its transitions, as in { %.*s%s -> %.*s%s by owner }, "
             "or mark it writable", NAMEF(af->name), NAMEF(af->enum_vals[0]), NAMEF(af->enum_vals[af->nenum > 1 ? 1 : 0]));
    }
  }
}

/* Declared entities no feature or relation uses. */
static void warn_unused(Resolver *r, int ndeclared) {
  Model *m = r->m;
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    if (!e->nfeatures && !e->nincoming && !e->parent && !e->principal && m->nfeatures)
      WARN(r, e->span, "entity '%.*s%s' is not used by any feature or relation", NAMEF(e->name));
  }
}

Model *model_resolve(Arena *a, const Ast *ast, const SourceFile *f, DiagSink *sink) {
  Resolver r = {.a = a, .f = f, .d = sink};
  Model *m = r.m = new(a, Model, 1);
  m->file = f;

  /* 1. entities, and one join entity per <-> relation */
  const AstEntity **asts = declare_entities(&r, ast);
  int ndeclared = m->nentities;
  resolve_synthesize_user(&r, ast, asts, ndeclared);

  /* 2. fields (join entities are appended as <-> fields are met) */
  resolve_fields(&r, asts, ndeclared);
  add_join_entities(&r, ndeclared);
  link_incoming(&r);

  /* 3. project, then growth rates that depend on its month length */
  resolve_project(&r, &ast->project);
  resolve_growth(&r, asts);

  /* 4. features */
  resolve_features(&r, ast);
  if (!m->auth && m->nfeatures)
    resolve_assume(&r, ((Span){0, 0}), S("auth"), "no auth feature: the API is open, so it suits internal use only");
  resolve_principal(&r);
  resolve_media_sizes(&r);
  crawl_takes_writes(&r, &ast->project);

  /* 5. ownership, rows, sizes */
  resolve_parents(&r, asts);
  mark_devices(m);
  resolve_chains(&r, asts);
  resolve_row_sizes(m, asts);

  /* features per entity, and checks that need ownership */
  index_features(&r);
  warn_notify_ingested(&r);
  resolve_field_rules(&r, asts, ndeclared);
  warn_unused(&r, ndeclared);

  m->assumptions = r.asm_buf;
  m->nassumptions = r.nasm;
  return sink->errors ? NULL : m;
}
