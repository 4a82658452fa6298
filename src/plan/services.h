/* Services (services.c). */
#ifndef PLINTH_PLAN_SERVICES_H
#define PLINTH_PLAN_SERVICES_H

#include "core.h"

/* With the services style: one service per independent area of the domain
 * (an entity without an owner and everything it owns), plus identity when
 * the spec signs people in. */
typedef struct {
  Str name;              /* "catalog-service" */
  Str topic;             /* "catalog.product.created" */
} ServiceEvent;

typedef struct Service {
  Str name;
  Str *responsibilities;
  int nresponsibilities;
  const Entity **entities;
  int nentities;
  Str *apis;             /* "GET /v1/products" */
  int napis;
  Str *depends;          /* other services' names */
  int ndepends;
  Str datastore, cache, queue;   /* technology names; empty: none */
  Str *publishes, *subscribes;   /* event topics */
  int npublishes, nsubscribes;
} Service;

void plan_services(Arena *a, Plan *p);

#endif
