/* Parser for spec files: tokens to an Ast.
 *
 * Hand-written recursive descent over the token array from lex_all. Items in
 * blocks end at a newline or ';'. Errors go to the sink; after an error the
 * parser skips to the next item or declaration and goes on, so one run
 * reports several independent mistakes. The returned Ast is complete only
 * when the sink counted no errors. */
#ifndef PLINTH_PARSE_H
#define PLINTH_PARSE_H

#include "../util/arena.h"
#include "../util/diag.h"
#include "ast.h"

/* Largest spec accepted, in bytes. */
#define SPEC_MAX_BYTES (16 << 20)

Ast *parse_spec(Arena *a, const SourceFile *f, DiagSink *sink);

/* Name of a field type, for messages and output ("string", "timestamp", ...). */
const char *field_type_name(FieldType t);
const char *feature_kind_name(FeatureKind k);

#endif
