/* The knowledge base's interned names: record kinds and fact keys by
 * their text (kb.h), for the parser and the loader alike. */
#include "kb.h"

KbKey kb_key(Str key) {
  static const char *const names[] = {
#define KB_NAME(e, s) [e] = s,
      KB_KEYS(KB_NAME)};
  for (int k = 1; k < KEY_COUNT_; k++)
    if (str_eqc(key, names[k]))
      return (KbKey)k;
  return KEY_OTHER;
}
#undef KB_NAME

KbKind kb_kind(Str kind) {
  static const char *const names[] = {
      [KIND_UNKNOWN] = "",
#define KB_NAME(e, s) [e] = s,
      KB_KINDS(KB_NAME)};
  for (int k = 1; k < KIND_COUNT_; k++)
    if (str_eqc(kind, names[k]))
      return (KbKind)k;
  return KIND_UNKNOWN;
}
#undef KB_NAME
