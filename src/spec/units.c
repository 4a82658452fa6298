/* Unit suffixes (see units.h). */
#include "units.h"

#include <math.h>

Number num_split(Str t) {
  Number n = {0};
  ptrdiff_t i = 0;
  bool neg = false;
  if (i < t.n && t.p[i] == '-')
    neg = true, i++;
  if (i < t.n && t.p[i] == '$')
    n.dollar = true, i++;
  double v = 0;
  for (; i < t.n && ((t.p[i] >= '0' && t.p[i] <= '9') || t.p[i] == ','); i++)
    if (t.p[i] != ',')
      v = v * 10 + (t.p[i] - '0');
  if (i + 1 < t.n && t.p[i] == '.' && t.p[i + 1] >= '0' && t.p[i + 1] <= '9') {
    double scale = 0.1;
    for (i++; i < t.n && t.p[i] >= '0' && t.p[i] <= '9'; i++, scale /= 10)
      v += (t.p[i] - '0') * scale;
  }
  if (!isfinite(v))
    v = HUGE_VAL;
  n.value = neg ? -v : v;
  n.unit = (Str){t.p + i, t.n - i};
  return n;
}

typedef struct {
  const char *name;
  double mult;
} Unit;

static bool lookup(const Unit *u, Str s, double *mult) {
  for (; u->name; u++)
    if (str_eqc(s, u->name)) {
      *mult = u->mult;
      return true;
    }
  return false;
}

static bool plain(Number n, const char **why) {
  if (n.dollar) {
    *why = "a '$' amount is not allowed here";
    return false;
  }
  return true;
}

bool unit_count(Number n, double *out, const char **why) {
  static const Unit u[] = {{"", 1}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"B", 1e9}, {"G", 1e9}, {0, 0}};
  double m;
  if (!plain(n, why))
    return false;
  if (!lookup(u, n.unit, &m)) {
    *why = "expected a count such as 500, 10k, 1.5M or 2B";
    return false;
  }
  *out = n.value * m;
  return true;
}

bool unit_size(Number n, double *out, const char **why) {
  static const Unit u[] = {{"", 1}, {"B", 1}, {"KB", 1e3}, {"kB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
                           {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}, {0, 0}};
  double m;
  if (!plain(n, why))
    return false;
  if (!lookup(u, n.unit, &m)) {
    *why = "expected a size such as 512, 10KB, 10MB or 1GB";
    return false;
  }
  *out = n.value * m;
  return true;
}

bool unit_distance(Number n, double *out, const char **why) {
  static const Unit u[] = {{"m", 1}, {"km", 1e3}, {"mi", 1609.344}, {0, 0}};
  double m;
  if (!plain(n, why))
    return false;
  if (!lookup(u, n.unit, &m)) {
    *why = "expected a distance such as 500m, 5km or 3mi";
    return false;
  }
  *out = n.value * m;
  return true;
}

bool unit_duration(Number n, double *out, const char **why) {
  static const Unit u[] = {{"ms", 0.001}, {"s", 1}, {"sec", 1}, {"m", 60}, {"min", 60}, {"h", 3600},
                           {"d", 86400}, {"w", 604800}, {0, 0}};
  double m;
  if (!plain(n, why))
    return false;
  if (!lookup(u, n.unit, &m)) {
    *why = "expected a duration such as 200ms, 30s, 5m, 1h or 2d";
    return false;
  }
  *out = n.value * m;
  return true;
}

double unit_duration_word(Str w) {
  static const Unit u[] = {
    {"ms", 0.001}, {"millisecond", 0.001}, {"milliseconds", 0.001}, {"second", 1}, {"seconds", 1},
    {"minute", 60}, {"minutes", 60}, {"hour", 3600}, {"hours", 3600}, {"day", 86400}, {"days", 86400},
    {"week", 604800}, {"weeks", 604800}, {"month", SECONDS_PER_MONTH}, {"months", SECONDS_PER_MONTH},
    {"year", SECONDS_PER_YEAR}, {"years", SECONDS_PER_YEAR}, {0, 0}};
  double m;
  return lookup(u, w, &m) ? m : 0;
}

bool unit_percent(Number n, double *out, const char **why) {
  if (!plain(n, why))
    return false;
  if (!str_eqc(n.unit, "%")) {
    *why = "expected a percentage such as 20%";
    return false;
  }
  *out = n.value / 100.0;
  return true;
}

bool unit_factor(Number n, double *out, const char **why) {
  if (!plain(n, why))
    return false;
  if (!str_eqc(n.unit, "x") && n.unit.n) {
    *why = "expected a factor such as 5x";
    return false;
  }
  *out = n.value;
  return true;
}

bool unit_money(Number n, double *out, const char **why) {
  static const Unit u[] = {{"", 1}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {0, 0}};
  double m;
  if (!n.dollar || !lookup(u, n.unit, &m)) {
    *why = "expected an amount in dollars such as $50 or $2k";
    return false;
  }
  *out = n.value * m;
  return true;
}

double unit_period(Str w) {
  static const Unit u[] = {{"s", 1}, {"sec", 1}, {"second", 1}, {"min", 60}, {"minute", 60}, {"h", 3600},
                           {"hour", 3600}, {"day", 86400}, {"d", 86400}, {"week", 604800},
                           {"month", SECONDS_PER_MONTH}, {"year", SECONDS_PER_YEAR}, {0, 0}};
  double m;
  return lookup(u, w, &m) ? m : 0;
}
