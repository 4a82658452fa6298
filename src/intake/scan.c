/* English scanner (see scan.h).
 *
 * Two passes. The first cuts the bytes into raw pieces: words, numeric
 * literals with the letters glued to them ("10k", "200ms", "5x"), currency
 * signs, '%', '/' and sentence breaks. The second folds pieces into EnWords:
 * a literal or a run of number words, then its multipliers ("5 million"),
 * its unit ("ms", "percent", "dollars") and an immediate period ("a day",
 * "/month"). Each fold looks at a bounded number of pieces, so the whole
 * scan is linear. */
#include "scan.h"

#include <math.h>
#include <string.h>

#include "../spec/units.h"

typedef enum { R_WORD, R_NUM, R_CUR, R_PCT, R_SLASH, R_BREAK } RawKind;

typedef struct {
  RawKind kind;
  Str text;        /* words lower-cased; literals as written */
  ptrdiff_t off;
  double value;    /* literals: the digits */
  Str suffix;      /* literals: letters glued after the digits */
} Raw;

static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }

/* A space grouping thousands at t[i] ("50 000", "1 200 000", also a
 * no-break space) after a group of 1 to 3 digits: the separator's length,
 * or 0. The next group is three digits that end the word. */
static ptrdiff_t space_group(Str t, ptrdiff_t i, int group) {
  if (group < 1 || group > 3 || i >= t.n)
    return 0;
  ptrdiff_t n = t.p[i] == ' ' ? 1
                : i + 1 < t.n && (unsigned char)t.p[i] == 0xc2 && (unsigned char)t.p[i + 1] == 0xa0 ? 2
                : i + 2 < t.n && (unsigned char)t.p[i] == 0xe2 && (unsigned char)t.p[i + 1] == 0x80 &&
                          (unsigned char)t.p[i + 2] == 0xaf ? 3 : 0;
  ptrdiff_t k = i + n;
  if (!n || k + 3 > t.n || !is_digit((unsigned char)t.p[k]) || !is_digit((unsigned char)t.p[k + 1]) ||
      !is_digit((unsigned char)t.p[k + 2]))
    return 0;
  if (k + 3 < t.n && (is_alnum((unsigned char)t.p[k + 3]) ||
                      ((t.p[k + 3] == '.' || t.p[k + 3] == ',') && k + 4 < t.n && is_digit((unsigned char)t.p[k + 4]))))
    return 0;
  return n;
}

/* A dot grouping thousands at t[i] ("15.000", "1.200.000", as much of
 * Europe writes them) after a group of 1 to 3 digits that does not start
 * with 0: true when three digits follow that end the number, and no scale
 * word follows ("1.500 million" keeps its decimal point). */
static bool dot_group(Str t, ptrdiff_t i, ptrdiff_t start, int group) {
  if (group < 1 || group > 3 || t.p[start] == '0' || i + 3 >= t.n || t.p[i] != '.')
    return false;
  for (int d = 1; d <= 3; d++)
    if (!is_digit((unsigned char)t.p[i + d]))
      return false;
  ptrdiff_t k = i + 4;
  if (k < t.n && (is_alnum((unsigned char)t.p[k]) || t.p[k] == ','))
    return false;
  if (k + 1 < t.n && t.p[k] == '.' && is_digit((unsigned char)t.p[k + 1]))
    return dot_group(t, k, start, 3);
  while (k < t.n && t.p[k] == ' ')
    k++;
  static const char *const scales[] = {"million", "billion", "thousand", "mn", "bn", "mil", "k", "m", 0};
  ptrdiff_t e = k;
  while (e < t.n && is_alpha((unsigned char)t.p[e]))
    e++;
  for (const char *const *w = scales; *w; w++)
    if (str_ieq((Str){t.p + k, e - k}, str_c(*w)))
      return false;
  return true;
}

static bool word_is(Str w, const char *const *list) {
  for (; *list; list++)
    if (str_eqc(w, *list))
      return true;
  return false;
}

/* ---- pass 1: raw pieces ---- */

static Raw *raw_scan(Arena *a, Str t, int *nout, int max) {
  int cap = 0, n = 0;
  Raw *v = NULL;
  ptrdiff_t i = 0;
  while (i < t.n && (!max || n < max)) {
    unsigned char c = (unsigned char)t.p[i];
    if (is_alpha(c)) {
      ptrdiff_t s = i;
      while (i < t.n && (is_alnum((unsigned char)t.p[i]) || t.p[i] == '\'' ||
                         (t.p[i] == '-' && i + 1 < t.n && is_alnum((unsigned char)t.p[i + 1]))))
        i++;
      ptrdiff_t len = i - s;
      char *w = new(a, char, len);
      ptrdiff_t k = 0;
      for (ptrdiff_t j = s; j < i; j++) {
        char ch = t.p[j];
        if (ch == '\'')
          continue;
        w[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
      }
      Raw *r = push(a, v, n, cap);
      *r = (Raw){R_WORD, {w, k}, s, 0, {0}};
      continue;
    }
    if (is_digit(c) || (c == '.' && i + 1 < t.n && is_digit((unsigned char)t.p[i + 1]))) {
      ptrdiff_t s = i;
      double val = 0;
      int digits = 0, group = 0;
      while (i < t.n) {
        ptrdiff_t sp = space_group(t, i, group);
        if (is_digit((unsigned char)t.p[i])) {
          if (digits < 18)
            val = val * 10 + (t.p[i] - '0');
          else
            val *= 10;
          digits++, group++;
          i++;
        } else if (t.p[i] == ',' && digits && i + 3 < t.n && is_digit((unsigned char)t.p[i + 1]) &&
                   is_digit((unsigned char)t.p[i + 2]) && is_digit((unsigned char)t.p[i + 3]) &&
                   !(i + 4 < t.n && is_digit((unsigned char)t.p[i + 4])))
          i++, group = 0;
        else if (sp)
          i += sp, group = 0;
        else if (t.p[i] == '.' && dot_group(t, i, s, group))
          i++, group = 0;
        else
          break;
      }
      /* "2,5 million", "1,5 GB": a comma before one or two digits and a
       * scale, unit or percent is a decimal comma */
      bool dcomma = false;
      if (i + 1 < t.n && t.p[i] == ',' && digits >= 1 && digits <= 3 && digits == group &&
          is_digit((unsigned char)t.p[i + 1])) {
        ptrdiff_t q = i + 1;
        while (q < t.n && q < i + 4 && is_digit((unsigned char)t.p[q]))
          q++;
        ptrdiff_t nd = q - i - 1;
        if (q < t.n && t.p[q] == ' ')
          q++;
        dcomma = nd <= 2 && q < t.n && (is_alpha((unsigned char)t.p[q]) || t.p[q] == '%');
      }
      if (i + 1 < t.n && (t.p[i] == '.' || dcomma) && is_digit((unsigned char)t.p[i + 1])) {
        double scale = 0.1;
        for (i++; i < t.n && is_digit((unsigned char)t.p[i]); i++, scale /= 10)
          val += (t.p[i] - '0') * scale;
      }
      /* scientific notation: "1e30", "2.5E-3" */
      if (i + 1 < t.n && (t.p[i] == 'e' || t.p[i] == 'E')) {
        ptrdiff_t k = i + 1;
        bool neg = false;
        if (k < t.n && (t.p[k] == '+' || t.p[k] == '-'))
          neg = t.p[k++] == '-';
        int ex = 0, nd = 0;
        for (; k < t.n && is_digit((unsigned char)t.p[k]); k++, nd++)
          if (ex < 1000)
            ex = ex * 10 + (t.p[k] - '0');
        if (nd && !(k < t.n && is_alpha((unsigned char)t.p[k]))) {
          val *= pow(10, neg ? -ex : ex);
          i = k;
        }
      }
      ptrdiff_t ss = i;
      while (i < t.n && is_alpha((unsigned char)t.p[i]))
        i++;
      if (!isfinite(val))
        val = 1e300;
      Raw *r = push(a, v, n, cap);
      *r = (Raw){R_NUM, {t.p + s, i - s}, s, val, {t.p + ss, i - ss}};
      continue;
    }
    Raw *r = NULL;
    if (c == '$')
      r = push(a, v, n, cap), *r = (Raw){R_CUR, S("$"), i, 0, {0}}, i++;
    else if (c == 0xE2 && i + 2 < t.n && (unsigned char)t.p[i + 1] == 0x82 && (unsigned char)t.p[i + 2] == 0xAC)
      r = push(a, v, n, cap), *r = (Raw){R_CUR, S("eur"), i, 0, {0}}, i += 3;
    else if (c == 0xC2 && i + 1 < t.n && (unsigned char)t.p[i + 1] == 0xA3)
      r = push(a, v, n, cap), *r = (Raw){R_CUR, S("gbp"), i, 0, {0}}, i += 2;
    else if (c == '%')
      r = push(a, v, n, cap), *r = (Raw){R_PCT, S("%"), i, 0, {0}}, i++;
    else if ((c == '+' || c == '&') && i && t.p[i - 1] == ' ' && i + 1 < t.n && t.p[i + 1] == ' ')
      /* "position + activity", "photos & videos": a list's "and" */
      r = push(a, v, n, cap), *r = (Raw){R_WORD, S("and"), i, 0, {0}}, i++;
    else if (c == '/')
      r = push(a, v, n, cap), *r = (Raw){R_SLASH, S("/"), i, 0, {0}}, i++;
    else if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n') {
      bool brk = c == '\n' || c == ';' || i + 1 >= t.n || t.p[i + 1] == ' ' || t.p[i + 1] == '\n' ||
                 t.p[i + 1] == '\t' || t.p[i + 1] == '\r' || t.p[i + 1] == '"';
      if (brk && !(n && v[n - 1].kind == R_BREAK))
        r = push(a, v, n, cap), *r = (Raw){R_BREAK, {t.p + i, 1}, i, 0, {0}};
      i++;
    } else
      i++;
  }
  *nout = n;
  return v;
}

/* ---- pass 2: numbers ---- */

typedef struct {
  const char *w;
  double v;
} NumWord;

static const NumWord small_words[] = {
  {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
  {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14},
  {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
  {"thirty", 30}, {"forty", 40}, {"fourty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
  {"ninety", 90}, {0, 0}};

static const NumWord scale_words[] = {
  {"hundred", 100}, {"thousand", 1e3}, {"k", 1e3}, {"million", 1e6}, {"millions", 1e6}, {"mn", 1e6},
  {"mil", 1e6}, {"billion", 1e9}, {"bn", 1e9}, {"trillion", 1e12}, {"dozen", 12}, {"thousands", 1e3},
  {"hundreds", 100}, {0, 0}};

static bool num_word(const NumWord *t, Str w, double *v) {
  for (; t->w; t++)
    if (str_eqc(w, t->w)) {
      *v = t->v;
      return true;
    }
  return false;
}

/* "twenty-five" -> 25; false unless every part is a small number word. */
static bool small_value(Str w, double *v) {
  if (num_word(small_words, w, v))
    return true;
  const char *dash = memchr(w.p, '-', (size_t)w.n);
  if (!dash)
    return false;
  double x, y;
  Str l = {w.p, dash - w.p}, r = {dash + 1, w.n - (dash - w.p) - 1};
  if (num_word(small_words, l, &x) && num_word(small_words, r, &y) && x >= 20 && y < 10) {
    *v = x + y;
    return true;
  }
  return false;
}

typedef struct {
  const char *w;
  NumUnit unit;
  double mult;
} UnitWord;

/* Units written as a separate word, or glued to the digits. */
static const UnitWord unit_words[] = {
  {"ms", NU_DURATION, 0.001}, {"msec", NU_DURATION, 0.001}, {"millisecond", NU_DURATION, 0.001},
  {"milliseconds", NU_DURATION, 0.001}, {"s", NU_DURATION, 1}, {"sec", NU_DURATION, 1}, {"secs", NU_DURATION, 1},
  {"second", NU_DURATION, 1}, {"seconds", NU_DURATION, 1}, {"min", NU_DURATION, 60}, {"mins", NU_DURATION, 60},
  {"minute", NU_DURATION, 60}, {"minutes", NU_DURATION, 60}, {"h", NU_DURATION, 3600}, {"hr", NU_DURATION, 3600},
  {"hrs", NU_DURATION, 3600}, {"hour", NU_DURATION, 3600}, {"hours", NU_DURATION, 3600},
  {"d", NU_DURATION, 86400}, {"day", NU_DURATION, 86400}, {"days", NU_DURATION, 86400},
  {"w", NU_DURATION, 604800}, {"wk", NU_DURATION, 604800}, {"wks", NU_DURATION, 604800},
  {"week", NU_DURATION, 604800}, {"weeks", NU_DURATION, 604800}, {"mo", NU_DURATION, SECONDS_PER_MONTH},
  {"month", NU_DURATION, SECONDS_PER_MONTH}, {"months", NU_DURATION, SECONDS_PER_MONTH},
  {"yr", NU_DURATION, SECONDS_PER_YEAR}, {"yrs", NU_DURATION, SECONDS_PER_YEAR},
  {"year", NU_DURATION, SECONDS_PER_YEAR}, {"years", NU_DURATION, SECONDS_PER_YEAR},
  {"percent", NU_PERCENT, 1}, {"pct", NU_PERCENT, 1}, {"dollars", NU_MONEY, 1}, {"dollar", NU_MONEY, 1},
  {"usd", NU_MONEY, 1}, {"bucks", NU_MONEY, 1}, {"euros", NU_MONEY, 1}, {"euro", NU_MONEY, 1},
  {"eur", NU_MONEY, 1}, {"pounds", NU_MONEY, 1}, {"gbp", NU_MONEY, 1}, {"x", NU_FACTOR, 1},
  {"times", NU_FACTOR, 1}, {"b", NU_SIZE, 1}, {"bytes", NU_SIZE, 1}, {"kb", NU_SIZE, 1e3},
  {"kilobytes", NU_SIZE, 1e3}, {"mb", NU_SIZE, 1e6}, {"megabytes", NU_SIZE, 1e6}, {"gb", NU_SIZE, 1e9},
  {"gigabytes", NU_SIZE, 1e9}, {"tb", NU_SIZE, 1e12}, {"terabytes", NU_SIZE, 1e12}, {"kib", NU_SIZE, 1024.0},
  {"mib", NU_SIZE, 1048576.0}, {"gib", NU_SIZE, 1073741824.0}, {0, 0, 0}};

static const UnitWord *unit_word(Str w) {
  for (const UnitWord *u = unit_words; u->w; u++)
    if (str_ieq(w, str_c(u->w)))
      return u;
  return NULL;
}

static double period_word(Str w) {
  static const char *const words[] = {"s", "sec", "second", "min", "minute", "h", "hr", "hour", "d", "day",
                                      "week", "wk", "mo", "month", "yr", "year", "night", 0};
  static const double secs[] = {1, 1, 1, 60, 60, 3600, 3600, 3600, 86400, 86400, 604800, 604800,
                                SECONDS_PER_MONTH, SECONDS_PER_MONTH, SECONDS_PER_YEAR, SECONDS_PER_YEAR, 86400};
  for (int i = 0; words[i]; i++)
    if (str_eqc(w, words[i]))
      return secs[i];
  return 0;
}

static double adverb_period(Str w) {
  static const char *const words[] = {"daily", "nightly", "hourly", "weekly", "monthly", "yearly", "annually",
                                      "annual", "secondly", 0};
  static const double secs[] = {86400, 86400, 3600, 604800, SECONDS_PER_MONTH, SECONDS_PER_YEAR,
                                SECONDS_PER_YEAR, SECONDS_PER_YEAR, 1};
  for (int i = 0; words[i]; i++)
    if (str_eqc(w, words[i]))
      return secs[i];
  return 0;
}

/* A period phrase at raw[i]: "/day", "per day", "a day", "an hour", "each
 * month", "every second", "per sec". Sets *len to the pieces used. */
static double period_at(const Raw *r, int n, int i, int *len) {
  if (i >= n)
    return 0;
  if (r[i].kind == R_SLASH && i + 1 < n && r[i + 1].kind == R_WORD) {
    double p = period_word(r[i + 1].text);
    if (p > 0) {
      *len = 2;
      return p;
    }
  }
  if (r[i].kind != R_WORD)
    return 0;
  static const char *const lead[] = {"per", "a", "an", "each", "every", 0};
  if (word_is(r[i].text, lead) && i + 1 < n && r[i + 1].kind == R_WORD) {
    double p = period_word(r[i + 1].text);
    if (p > 0) {
      *len = 2;
      return p;
    }
  }
  return 0;
}

/* The multiplier of a literal's glued suffix for counts ("10k", "1.5M"). */
static bool count_suffix(Str s, double *m) {
  static const NumWord t[] = {{"k", 1e3}, {"m", 1e6}, {"mm", 1e6}, {"mn", 1e6}, {"mil", 1e6}, {"b", 1e9},
                              {"bn", 1e9}, {"st", 1}, {"nd", 1}, {"rd", 1}, {"th", 1}, {0, 0}};
  if (!s.n) {
    *m = 1;
    return true;
  }
  for (const NumWord *x = t; x->w; x++)
    if (str_ieq(s, str_c(x->w))) {
      *m = x->v;
      return true;
    }
  return false;
}

/* A number being read from raw tokens r[i..j). */
typedef struct {
  int j;                 /* the next token */
  double v;
  NumUnit unit;
  double umult;          /* the unit's multiplier to its base unit */
  bool money, spelled;
  Str spell;
} Num;

/* A digit literal at r[n->j], with its glued suffix: a count multiplier
 * ("10k"), thousands or millions of money, or a unit ("5ms", "2h"). */
static void literal_number(Str text, const Raw *r, int i, Num *n) {
  int j = n->j;
  n->v = r[j].value;
  Str suf = r[j].suffix;
  double m;
  const UnitWord *u;
  if (count_suffix(suf, &m))
    n->v *= m;
  else if (n->money && (str_ieq(suf, S("k")) || str_ieq(suf, S("m"))))
    n->v *= str_ieq(suf, S("k")) ? 1e3 : 1e6;
  else if ((u = unit_word(suf)) != NULL) {
    n->unit = u->unit;
    n->umult = u->mult;
  } else if (str_ieq(suf, S("mins")) || str_ieq(suf, S("min")))
    n->unit = NU_DURATION, n->umult = 60;
  /* other glued letters: the digits stand alone */
  n->spell = (Str){text.p + r[j].off, r[j].text.n};
  if (n->money)
    n->spell = (Str){text.p + r[i].off, r[j].off + r[j].text.n - r[i].off};
  n->j = j + 1;
}

/* Number words from r[n->j]: "fifty thousand", "a million", "one hundred
 * and five"; false when none start there. */
static bool spelled_number(Str text, const Raw *r, int nr, Num *n) {
  int j = n->j;
  double total = 0, group = 0, sv;
  bool any = false;
  int k = j;
  while (k < nr && r[k].kind == R_WORD) {
    Str w = r[k].text;
    bool lead = (str_eqc(w, "a") || str_eqc(w, "an") || str_eqc(w, "half")) && !any && k + 1 < nr &&
                r[k + 1].kind == R_WORD && num_word(scale_words, r[k + 1].text, &sv) && !str_eqc(r[k + 1].text, "k");
    if (lead) {
      group = str_eqc(w, "half") ? 0.5 : 1;
      any = true;
      k++;
      continue;
    }
    /* "a couple of thousand", "a few hundred", "several thousand" */
    if (!any) {
      int q = k;
      double f = 0;
      if (str_eqc(w, "a") && q + 1 < nr && r[q + 1].kind == R_WORD && str_eqc(r[q + 1].text, "couple")) {
        f = 2, q += 2;
        if (q < nr && r[q].kind == R_WORD && str_eqc(r[q].text, "of"))
          q++;
      } else if (str_eqc(w, "a") && q + 1 < nr && r[q + 1].kind == R_WORD && str_eqc(r[q + 1].text, "few"))
        f = 3, q += 2;
      else if (str_eqc(w, "several"))
        f = 5, q += 1;
      if (f > 0 && q < nr && r[q].kind == R_WORD && num_word(scale_words, r[q].text, &sv) && sv >= 100 &&
          !str_eqc(r[q].text, "k")) {
        group = f;
        any = true;
        k = q;
        continue;
      }
    }
    /* "three and a half thousand" */
    if (any && str_eqc(w, "and") && k + 3 < nr && str_eqc(r[k + 1].text, "a") && str_eqc(r[k + 2].text, "half") &&
        r[k + 3].kind == R_WORD && num_word(scale_words, r[k + 3].text, &sv) && !str_eqc(r[k + 3].text, "k")) {
      group += 0.5;
      k += 3;
      continue;
    }
    if (str_eqc(w, "half") && any == false && k + 2 < nr && str_eqc(r[k + 1].text, "a") &&
        num_word(scale_words, r[k + 2].text, &sv)) {
      group = 0.5;
      any = true;
      k += 2;
      continue;
    }
    if (small_value(w, &sv)) {
      group += sv;
      any = true;
      k++;
      continue;
    }
    if (any && num_word(scale_words, w, &sv) && !str_eqc(w, "k")) {
      if (sv == 100)
        group = (group > 0 ? group : 1) * 100;
      else {
        total += (group > 0 ? group : 1) * sv;
        group = 0;
      }
      k++;
      continue;
    }
    if (any && str_eqc(w, "and") && k + 1 < nr && r[k + 1].kind == R_WORD && small_value(r[k + 1].text, &sv)) {
      k++;
      continue;
    }
    break;
  }
  if (!any)
    return false;
  n->v = total + group;
  n->spelled = true;
  n->spell = (Str){text.p + r[j].off, r[k - 1].off + r[k - 1].text.n - r[j].off};
  n->j = k;
  return true;
}

/* What follows the number: multipliers written apart ("5 million"), a
 * currency sign after the digits, "%" or a unit word; then its value in
 * the base unit, and the rate's period ("a day", "daily"). Returns it. */
static double number_tail(const Raw *r, int nr, Num *n) {
  int j = n->j;
  double sv;
  while (n->unit == NU_COUNT && j < nr && r[j].kind == R_WORD && num_word(scale_words, r[j].text, &sv))
    n->v *= sv, j++;
  if (n->unit == NU_COUNT && j < nr && r[j].kind == R_CUR)
    n->money = true, j++;
  if (n->unit == NU_COUNT && j < nr && r[j].kind == R_PCT)
    n->unit = NU_PERCENT, j++;
  else if (n->unit == NU_COUNT && !n->money && j < nr && r[j].kind == R_WORD) {
    const UnitWord *u = unit_word(r[j].text);
    if (u && !(u->unit == NU_SIZE && str_eqc(r[j].text, "b"))) {
      n->unit = u->unit;
      n->umult = u->mult;
      j++;
      if (n->unit == NU_PERCENT && j < nr && str_eqc(r[j].text, "cent"))
        j++;
    } else if (str_eqc(r[j].text, "per") && j + 1 < nr && str_eqc(r[j + 1].text, "cent")) {
      n->unit = NU_PERCENT;
      j += 2;
    }
  }
  if (n->money)
    n->unit = NU_MONEY;
  n->v *= n->umult;
  double per = 0;
  int len = 0;
  if (n->unit != NU_DURATION && n->unit != NU_PERCENT) {
    if ((per = period_at(r, nr, j, &len)) != 0)
      j += len;
    else if (j < nr && r[j].kind == R_WORD && (per = adverb_period(r[j].text)) != 0)
      j++;
  }
  if (!isfinite(n->v))
    n->v = 1e300;
  n->j = j;
  return per;
}

EnWords scan_text(Arena *a, Str text, int max_words) {
  int nr;
  Raw *r = raw_scan(a, text, &nr, max_words);
  EnWords out = {new(a, EnWord, nr + 1), 0};
  for (int i = 0; i < nr;) {
    Raw *x = &r[i];
    if (x->kind == R_BREAK) {
      if (out.n && out.v[out.n - 1].kind != W_BREAK)
        out.v[out.n++] = (EnWord){W_BREAK, x->text, x->off, 0, NU_COUNT, 0, false};
      i++;
      continue;
    }
    if (x->kind == R_PCT || x->kind == R_SLASH || x->kind == R_CUR) {
      bool cur_num = x->kind == R_CUR && i + 1 < nr && r[i + 1].kind == R_NUM;
      if (!cur_num) {
        out.v[out.n++] = (EnWord){W_WORD, x->text, x->off, 0, NU_COUNT, 0, false};
        i++;
        continue;
      }
    }
    /* A number starts here: a currency sign and a literal, a literal, or
     * a run of number words. */
    Num n = {.j = i, .unit = NU_COUNT, .umult = 1};
    if (r[n.j].kind == R_CUR)
      n.money = true, n.j++;
    bool have = false;
    if (r[n.j].kind == R_NUM) {
      literal_number(text, r, i, &n);
      have = true;
    } else if (r[n.j].kind == R_WORD)
      have = spelled_number(text, r, nr, &n);
    if (!have) {
      out.v[out.n++] = (EnWord){W_WORD, x->text, x->off, 0, NU_COUNT, 0, false};
      i++;
      continue;
    }
    double per = number_tail(r, nr, &n);
    int j = n.j;
    /* the spelling runs to the end of the last piece folded in */
    ptrdiff_t end = r[j - 1].off + (r[j - 1].kind == R_WORD || r[j - 1].kind == R_NUM ? r[j - 1].text.n : 1);
    if (end > r[i].off && end <= text.n)
      n.spell = (Str){text.p + r[i].off, end - r[i].off};
    out.v[out.n++] = (EnWord){W_NUMBER, n.spell, r[i].off, n.v, n.unit, per, n.spelled};
    i = j;
  }
  return out;
}

/* ---- words ---- */

Str scan_singular(Arena *a, Str w) {
  static const char *const irregular[][2] = {
    {"people", "person"}, {"children", "child"}, {"men", "man"}, {"women", "woman"}, {"mice", "mouse"},
    {"geese", "goose"}, {"feet", "foot"}, {"teeth", "tooth"}, {"data", "data"}, {"media", "media"},
    {"series", "series"}, {"species", "species"}, {"news", "news"}, {"analyses", "analysis"},
    {"indices", "index"}, {"statuses", "status"}, {"buses", "bus"}, {"quizzes", "quiz"}, {"leaves", "leave"},
    {"movies", "movie"}, {"cookies", "cookie"}, {"lives", "life"}, {"wives", "wife"}, {"knives", "knife"},
    {"shelves", "shelf"}, {"halves", "half"}, {"calves", "calf"}, {"wolves", "wolf"}, {"menus", "menu"},
    {"gurus", "guru"}, {"emus", "emu"}, {"haikus", "haiku"}, {"skis", "ski"}, {"taxis", "taxi"},
    {"wikis", "wiki"}, {"emojis", "emoji"}, {"kiwis", "kiwi"}, {"safaris", "safari"}, {"bikinis", "bikini"},
    {0, 0}};
  for (int i = 0; irregular[i][0]; i++)
    if (str_eqc(w, irregular[i][0]))
      return str_c(irregular[i][1]);
  if (w.n < 4 || w.p[w.n - 1] != 's')
    return w;   /* "gps", "sms", "bus": no plural of three letters */
  Str s2 = {w.p + w.n - 2, 2};
  if (str_eqc(s2, "ss") || str_eqc(s2, "us") || str_eqc(s2, "is"))
    return w;
  if (w.n > 3 && str_eqc((Str){w.p + w.n - 3, 3}, "ies"))
    return str_printf(a, "%.*sy", (int)(w.n - 3), w.p);
  if (w.n > 4) {
    Str s4 = {w.p + w.n - 4, 4};
    Str s3 = {w.p + w.n - 3, 3};
    if (str_eqc(s4, "ches") || str_eqc(s4, "shes") || str_eqc(s4, "sses") || str_eqc(s3, "xes") ||
        str_eqc(s3, "zes"))
      return (Str){w.p, w.n - 2};
  }
  return (Str){w.p, w.n - 1};
}

int scan_distance(Str a, Str b, int limit) {
  if (a.n > 64 || b.n > 64)
    return str_eq(a, b) ? 0 : limit + 1;
  ptrdiff_t d = a.n - b.n;
  if (d < 0)
    d = -d;
  if (d > limit)
    return limit + 1;
  /* Optimal string alignment over three rows. */
  int rows[3][65];
  int *pp = rows[0], *p = rows[1], *c = rows[2];
  for (int j = 0; j <= b.n; j++)
    p[j] = j;
  for (int i = 1; i <= a.n; i++) {
    c[0] = i;
    int best = c[0];
    for (int j = 1; j <= b.n; j++) {
      int cost = a.p[i - 1] != b.p[j - 1];
      int x = p[j] + 1, y = c[j - 1] + 1, z = p[j - 1] + cost;
      int m = x < y ? x : y;
      m = m < z ? m : z;
      if (i > 1 && j > 1 && a.p[i - 1] == b.p[j - 2] && a.p[i - 2] == b.p[j - 1] && pp[j - 2] + 1 < m)
        m = pp[j - 2] + 1;
      c[j] = m;
      if (m < best)
        best = m;
    }
    if (best > limit)
      return limit + 1;
    int *t = pp;
    pp = p;
    p = c;
    c = t;
  }
  return p[b.n] > limit ? limit + 1 : p[b.n];
}
