/* Shared by the contract's parts (api.c, api_names.c, api_data.c, settings.c). */
#ifndef PLINTH_PLAN_APIINT_H
#define PLINTH_PLAN_APIINT_H

#include "plan.h"

/* A set of names (open addressing, in the arena). */
typedef struct {
  Str *keys;
  int n, cap;
  bool fold;     /* compare ignoring ASCII case */
  Arena *table;  /* where the table grows, when not in the names' arena */
} NameSet;

/* c in lowercase (ASCII letters only). */
char names_lower(char c);
/* Records k in s. */
void names_put(Arena *a, NameSet *s, Str k);
/* `base` (shortened to `max`), or base_2, base_3, ... if taken; recorded. */
Str names_claim(Arena *a, NameSet *s, Str base, ptrdiff_t max);
/* ASCII letters, digits and `_`; `-` as `_`; other bytes as x and hex. */
Str names_ascii(Arena *a, Str s);
/* Kebab case of an ASCII type name: CartItem -> cart-item. */
Str names_kebab(Arena *a, Str s);
/* The plural of a kebab-case name. */
Str names_plural(Arena *a, const Kb *kb, Str s);
/* Go: exported CamelCase. */
Str names_go(Arena *a, Str name);

/* Each entity's and field's names per target (api_names.c). */
void api_name_entities(Arena *a, Plan *p);
/* Indexes, full-text tables, partitions and the like (api_data.c). */
void api_data_facts(Arena *a, Plan *p);
/* The data services that run locally in containers (settings.c). */
void api_local_services(Arena *a, Plan *p);
/* What each local store loads at first start (after the key design). */
void api_local_loads(Arena *a, Plan *p);
/* The environment variables (settings.c; after the auth endpoints). */
void api_settings(Arena *a, Plan *p);
/* Payments, webhooks and email as parts of the contract (settings.c). */
void api_integrations(Arena *a, Plan *p);

/* The role that grants roles and that a new organisation's first user
 * takes: f's first value in kb `vocab granting-roles`; empty: none
 * (fields.c). */
Str plan_granting_role(const Plan *p, const Field *f);

#endif
