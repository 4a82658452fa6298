/* Intake: from plain English to a draft spec, and from symptoms to causes.
 *
 * intake_new reads an idea text with the lexicon of kb/lexicon.kb (nouns,
 * feature cues, skills, figure words) and writes a draft spec that
 * `plinth check` accepts. Every figure or structure the text did not state
 * is written with an `# assumed:` comment. It then plans the draft with
 * each assumed figure pushed low and high, and ends the draft with questions
 * about the assumptions whose change flips a decision.
 *
 * intake_diagnose reads symptom lines and ranks the causes of
 * kb/symptoms.kb. Both write into Bufs; all other memory is in the arena. */
#ifndef PLINTH_INTAKE_H
#define PLINTH_INTAKE_H

#include <stdbool.h>

#include "../kb/kb.h"
#include "../plan/plan.h"
#include "../util/buf.h"

typedef struct {
  Buf *spec;        /* the draft spec */
  Buf *json;        /* when not NULL: the draft's findings as JSON */
  Buf *msg;         /* messages for stderr (an empty or meaningless text) */
  bool no_questions;   /* skip the sensitivity search (the fuzz harness) */
} IntakeOut;

/* Writes the draft for `text`. Never fails: a text with nothing known in
 * it gets a minimal valid skeleton and a message in out->msg. */
void intake_new(Arena *a, const Kb *kb, Str text, IntakeOut *out);

/* Ranks causes for the symptoms in `text` (see docs/intake.md for the
 * format). `plan` (may be NULL) is the plan of the system, for stack
 * examples. Returns the number of causes found. */
int intake_diagnose(Arena *a, const Kb *kb, const Plan *plan, Str text, Buf *md, Buf *json);
/* The same ranking for the runbooks: up to `max` rules of kb/symptoms.kb
 * that the symptom text matches, most likely first. Returns the count. */
int intake_rank(Arena *a, const Kb *kb, Str text, const KbRecord **out, int max);

#endif
