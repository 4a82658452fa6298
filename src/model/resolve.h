/* The resolver's shared state and the passes' entry points (src/model/
 * resolve.c runs them in order): internal to src/model. */
#ifndef PLINTH_MODEL_RESOLVE_H
#define PLINTH_MODEL_RESOLVE_H

#include "model.h"

#include "../spec/parse.h"
#include "../spec/units.h"

typedef struct {
  Arena *a;
  const SourceFile *f;
  DiagSink *d;
  Model *m;
  Entity **table;        /* open addressing by name */
  ptrdiff_t tcap;
  Assumption *asm_buf;
  int nasm, asm_cap;
  Feature **ftable;      /* features by kind and target, for duplicates */
  ptrdiff_t fcap;
} Resolver;

#define ERR(r, sp, ...) diag_at((r)->d, (r)->f, SEV_ERROR, (sp).off, (sp).len ? (sp).len : 1, __VA_ARGS__)
#define WARN(r, sp, ...) diag_at((r)->d, (r)->f, SEV_WARNING, (sp).off, (sp).len ? (sp).len : 1, __VA_ARGS__)

/* Per row: tuple header 24 + id 16 + created_at 8 + updated_at 8. */
#define ROW_OVERHEAD 56.0

/* Shared lookups and records (resolve.c). */
int resolve_line(Resolver *r, Span s);
void resolve_assume(Resolver *r, Span sp, Str key, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void resolve_table_put(Resolver *r, Entity *e);
Entity *resolve_table_get(Resolver *r, Str name);
void resolve_unknown_entity(Resolver *r, Str name, Span sp, const char *what);
Field *resolve_lookup_field(Resolver *r, Entity *e, Str name, Span sp);

/* Fields (fields.c). */
double resolve_value_bytes(const Field *f);
void resolve_name_length(Resolver *r, Str name, Span sp, const char *what);
void resolve_field(Resolver *r, Entity *e, Field *f, const AstField *af);
void resolve_was_fields(Resolver *r, const Entity *e);
void resolve_was_entities(Resolver *r, const Model *m, int n);
void resolve_lifecycle(Resolver *r, Field *f, const AstField *af);
void resolve_derived(Resolver *r, Entity *e, Field *f, const AstField *af);

/* The project block (project.c). */
double resolve_rate(const Fig *f, double month);
void resolve_project(Resolver *r, const AstProject *ap);

/* Features (features.c). */
void resolve_feature(Resolver *r, Feature *ft, const AstFeature *af);
Feature *resolve_dup_feature(Resolver *r, Feature *f);

/* Ownership and rows (ownership.c). */
void resolve_synthesize_user(Resolver *r, const Ast *ast, const AstEntity **asts, int ndeclared);
void resolve_principal(Resolver *r);
void resolve_parents(Resolver *r, const AstEntity **asts);
void resolve_chains(Resolver *r, const AstEntity **asts);
void resolve_row_sizes(Model *m, const AstEntity **asts);
bool resolve_chain_broken(const Entity *e);

void resolve_media_sizes(Resolver *r);

#endif
