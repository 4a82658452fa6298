/* Shared by the kit's parts (kit.c, iac.c). */
#ifndef PLINTH_PLAN_KITINT_H
#define PLINTH_PLAN_KITINT_H

#include "plan.h"

/* The project or a slot name in lowercase letters, digits and hyphens. */
Str kit_dash(Arena *a, Str s);
/* Appends to an arena array whose capacity is the next power of two. */
void kit_add(Arena *a, Str **arr, int *n, Str s);
/* A kit figure (kb figures kit), or dflt. */
double kit_fig(const Plan *p, const char *name, double dflt);
/* The first value of a vocab record's key, or empty. */
Str kit_vocab(const Plan *p, const char *rec, Str key);
/* Whether text, split at sep, names skill. */
bool kit_names(Str skill, Str text, char sep);
/* The resources, deployables and unit policies of the infrastructure code. */
void plan_kit_iac(Arena *a, Plan *p, Kit *k);
/* The CloudWatch alarms of the plan's alerts, when alert_form is cloudwatch. */
void plan_kit_cloudwatch(Arena *ar, Plan *p, Kit *k);

#endif
