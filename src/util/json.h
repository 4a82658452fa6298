/* A small JSON writer into a Buf: pretty-printed with two-space indent, keys
 * written in the order the caller gives (callers keep that order fixed), one
 * number format. Strings are escaped by esc_json (esc.h), the only JSON escaper. */
#ifndef PLINTH_JSON_H
#define PLINTH_JSON_H

#include <stdbool.h>

#include "buf.h"
#include "esc.h"
#include "str.h"

enum { JSON_MAX_DEPTH = 64 };

/* Where the JSON Schemas of Plinth's JSON outputs are published (docs/schema/
 * holds them, one NAME.schema.json per output); each output names its
 * schema in "$schema". */
#define PLINTH_SCHEMA_BASE "https://plinth.dev/schema/1/"

typedef struct {
  Buf *out;
  int depth;
  bool first[JSON_MAX_DEPTH];
  bool after_key;
  const char *schema;   /* when set, the outermost object begins with "$schema": this */
} Json;

void json_obj(Json *j);
void json_arr(Json *j);
void json_end_obj(Json *j);
void json_end_arr(Json *j);
void json_key(Json *j, const char *key);
void json_str(Json *j, Str s);
void json_cstr(Json *j, const char *z);
/* Integers print without a fraction, others with up to 10 significant
 * digits; NaN and infinities print as null. */
void json_num(Json *j, double v);
void json_bool(Json *j, bool b);
void json_null(Json *j);
/* Appends the escaped contents of s (no quotes). */
/* esc_json (the contents of a JSON string) is declared with the other
 * escapers in esc.h. */
/* The number format shared by every output: "%.0f" for integers below
 * 1e15, else "%.10g". Writes at most 32 bytes into buf. */
void fmt_num(char *buf, double v);

#endif
