/* Shared by the nouns pass's parts (nouns.c, words.c, entities.c), figures.c and features.c. */
#ifndef PLINTH_INTAKE_NOUNSINT_H
#define PLINTH_INTAKE_NOUNSINT_H

#include "draft.h"

/* What a verb's object keeps. */
typedef enum { V_KEEP, V_TIME, V_FILE, V_PRICE, V_TEXT, V_LOG, V_SEE, V_HAVE } VerbUse;

/* ---- words (words.c) ---- */

/* Verbs whose subject owns what it makes ("bakers sell cakes"). */
bool words_owning_verb(Str w);
/* Whether w is a verb's base form; its use in *use. */
bool words_base_verb(Str w, VerbUse *use);
/* The use of a verb in any of its forms: "sells", "booked", "uploading". */
bool words_verb_of(Str w, VerbUse *use);
/* verb_of for word k of the text, from the memo of nouns_scan. */
bool words_wverb(const Draft *d, int k, VerbUse *use);
/* A verb that acts on the thing named after it ("post recipes"). */
bool words_object_verb(const Draft *d, int i, VerbUse *use);
/* Determiners and quantifiers before a noun. */
bool words_determiner(Str w);
/* Words that end a noun phrase or are never its head. */
bool words_not_noun(Str w);
/* Units a count is said in ("2 miles"), never things. */
bool words_unit(Str w);
/* Words that name a feature, not a thing kept (reminders, reports). */
bool words_feature_noun(Str w);
/* Whether a text word can be one of the user's nouns. */
bool words_ok(const EnWord *x);
/* Whether w is a past form ("-ed", or irregular: sold, paid, ...). */
bool words_past_form(Str w);
/* The head of the noun phrase starting at word i (past determiners):
 * its word index, and in *end the last word of the phrase; -1 if none. */
int words_phrase_head(const Draft *d, int i, int *end, bool listed);

/* ---- entities (entities.c) ---- */

/* The entity named name, or -1. */
int ents_named(const Draft *d, Str name);
/* The entity of lexicon noun n, or -1. */
int ents_of_noun(const Draft *d, const Noun *n);
/* A new entity in *e, with the lexicon noun's fields. */
void ents_init(DEnt *e, const Noun *n, Str name, Str kind, Str said, bool added, int first);
/* Adds an entity; its index, or -1 when the draft is full. */
int ents_new(Draft *d, const Noun *n, Str name, Str kind, Str said, bool added, int first);

#endif
