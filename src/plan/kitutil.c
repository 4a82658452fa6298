/* The small helpers the kit's parts share (kitint.h): names in
 * lowercase with hyphens, arena arrays, kit figures and vocabulary. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "kitint.h"

Str kit_dash(Arena *a, Str s) {
  char *o = new(a, char, s.n * 2 + 1);
  int n = 0;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c >= 'A' && c <= 'Z') {
      if (n && i && s.p[i - 1] >= 'a' && s.p[i - 1] <= 'z')
        o[n++] = '-';
      c = (char)(c - 'A' + 'a');
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      if (!n || o[n - 1] == '-')
        continue;
      c = '-';
    }
    o[n++] = c;
  }
  while (n && o[n - 1] == '-')
    n--;
  if (!n)
    o[n++] = 'x';
  return (Str){o, n};
}

/* Appends to an arena array whose capacity is the next power of two. */
void kit_add(Arena *a, Str **arr, int *n, Str s) {
  if (*n == 0 || (*n >= 4 && !(*n & (*n - 1)))) {
    Str *v = new(a, Str, *n ? *n * 2 : 4);
    if (*n)
      memcpy(v, *arr, sizeof *v * (size_t)*n);
    *arr = v;
  }
  (*arr)[(*n)++] = s;
}

double kit_fig(const Plan *p, const char *name, double dflt) {
  double v = kb_figure(p->kb, "kit", name, NULL);
  return isnan(v) ? dflt : v;
}

Str kit_vocab(const Plan *p, const char *rec, Str key) {
  const KbRecord *r = kb_record(p->kb, "vocab", str_c(rec));
  for (int i = 0; r && i < r->nitems; i++)
    if (str_eq(r->items[i].key, key) && r->items[i].nvals)
      return r->items[i].vals[0].text;
  return (Str){0};
}

/* ---- skills ---- */

/* A skill names a technology when it is the technology's id, one of the
 * id's hyphenated words, or a word of its name, unless the skill is only
 * a vendor or a language (kb kit-generic-skills). */
bool kit_names(Str skill, Str text, char sep) {
  ptrdiff_t i = 0;
  while (i < text.n) {
    ptrdiff_t j = i;
    while (j < text.n && text.p[j] != sep && text.p[j] != ' ' && (sep != 0 || isalnum((unsigned char)text.p[j])))
      j++;
    if (j > i && str_ieq((Str){text.p + i, j - i}, skill))
      return true;
    i = j + 1;
  }
  return false;
}
