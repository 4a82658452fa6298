/* The error-code table of the API: one body shape, these codes. The
 * OpenAPI document (components and x-error-codes) and the documents' error
 * references print it, so they cannot disagree. ORDER ERRORS: ascending
 * status. */
#include "plan.h"

const ApiError api_errors[API_NERRORS] = {
  {400, "VALIDATION_ERROR", "BadRequest", "the request is malformed or a field breaks its rule", false},
  {401, "UNAUTHORIZED", "Unauthorized", "no valid credentials were sent", false},
  {403, "FORBIDDEN", "Forbidden", "signed in, but not allowed to do this", false},
  {404, "RESOURCE_NOT_FOUND", "NotFound", "no such row, or it belongs to another user", false},
  {409, "CONFLICT", "Conflict", "a unique value is taken or a referenced row is missing or in use", false},
  {429, "RATE_LIMIT_EXCEEDED", "TooManyRequests", "too many requests; wait for Retry-After seconds", true},
  {500, "INTERNAL_ERROR", "InternalError", "an unexpected failure on the server", true},
};

const ApiError *api_error(int status) {
  for (int i = 0; i < API_NERRORS; i++)
    if (api_errors[i].status == status)
      return &api_errors[i];
  return &api_errors[API_NERRORS - 1];
}

/* A foreign key's ON DELETE: rows owned by their parent (and join rows) go
 * with it; an optional reference is cleared; any other blocks the delete. */
const char *plan_on_delete(const Entity *e, const Field *f) {
  bool owning = e->join || (e->parent_field == f && !f->optional);
  return owning ? "CASCADE" : f->optional ? "SET NULL" : "RESTRICT";
}

/* Whether a field is set by the server in create and update bodies: the
 * owner (from the token), the parent of a nested collection (from the
 * path), and files (through the upload URL). */
bool api_server_set(const Plan *p, const Entity *e, const Field *f) {
  if (f->rel == REL_MANY_TO_MANY)
    return true;
  if (f->rel == REL_MANY_TO_ONE && p->model->auth && f->ref == p->model->principal && e->parent_field == f)
    return true;
  if (f->rel == REL_MANY_TO_ONE && e->parent_field == f && e->parent && e->parent != p->model->principal && !e->join)
    return true;
  return f->type == FT_BLOB;
}
