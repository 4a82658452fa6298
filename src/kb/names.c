/* The knowledge base's interned names: record kinds and fact keys by
 * their text (kb.h), for the parser and the loader alike. */
#include "kb.h"

#define KB_NAME(e, s) [e] = s,
static const char *const key_names[] = {KB_KEYS(KB_NAME)};
static const char *const kind_names[] = {[KIND_UNKNOWN] = "", KB_KINDS(KB_NAME)};
#undef KB_NAME

/* The index of `s` among names[1..n-1], or 0. */
static int index_of(const char *const *names, int n, Str s) {
  for (int k = 1; k < n; k++)
    if (names[k] && str_eqc(s, names[k]))
      return k;
  return 0;
}

KbKey kb_key(Str key) {
  int k = index_of(key_names, KEY_COUNT_, key);
  return k ? (KbKey)k : KEY_OTHER;
}

KbKind kb_kind(Str kind) { return (KbKind)index_of(kind_names, KIND_COUNT_, kind); }
