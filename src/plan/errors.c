/* The error-code table of the API: one body shape, these codes. The
 * OpenAPI document (components and x-error-codes) and the documents' error
 * references print it, so they cannot disagree. ORDER ERRORS: ascending
 * status. */
#include "api.h"
#include "core.h"

const ApiError api_errors[API_NERRORS] = {
  {400, "VALIDATION_ERROR", "BadRequest", "the request is malformed or a field breaks its rule", false},
  {401, "UNAUTHORIZED", "Unauthorized", "no valid credentials were sent", false},
  {403, "FORBIDDEN", "Forbidden", "signed in, but not allowed to do this", false},
  {404, "RESOURCE_NOT_FOUND", "NotFound", "no such row, or it belongs to another user", false},
  {409, "CONFLICT", "Conflict", "a unique value is taken, a referenced row is missing or in use, or the row's state does not allow the change", false},
  {429, "RATE_LIMIT_EXCEEDED", "TooManyRequests", "too many requests; wait for Retry-After seconds", true},
  {500, "INTERNAL_ERROR", "InternalError", "an unexpected failure on the server", true},
};

const ApiError *api_error(int status) {
  for (int i = 0; i < API_NERRORS; i++)
    if (api_errors[i].status == status)
      return &api_errors[i];
  return &api_errors[API_NERRORS - 1];
}

/* Money records (a row with a money field) outlive the user who made them:
 * tax and accounting law keep them, so erasing the user anonymises it. */
bool plan_kept_record(const Entity *e) {
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type == FT_MONEY)
      return e->owner && e->parent == e->owner;
  return false;
}

/* A foreign key's ON DELETE: rows owned by their parent (and join rows) go
 * with it, except money records owned by a user; an optional reference is
 * cleared; any other blocks the delete. */
const char *plan_on_delete(const Entity *e, const Field *f) {
  bool owning = e->join || (e->parent_field == f && !f->optional && !(f->ref && f->ref->principal && plan_kept_record(e)));
  return owning ? "CASCADE" : f->optional ? "SET NULL" : "RESTRICT";
}

/* Whether a field stays out of the create body: the plan's field facts
 * decide (src/plan/fields.c: owners, parents, files, lifecycle state,
 * derived values, readonly fields). */
bool api_server_set(const Plan *p, const Entity *e, const Field *f) { return !p->api.ents[e->index].ff[f->index].in_create; }
