/* Numbers with units, as written in specs and knowledge-base files.
 *
 * A TK_NUMBER token is split into a value and a unit suffix; what the suffix
 * means depends on what the grammar expects at that place (5m is five minutes
 * as a cache TTL, 1M is a million users), so each unit_* function accepts the
 * suffixes of one kind of quantity and normalises to a base unit. They return
 * false with a message in *why when the suffix does not fit. */
#ifndef PLINTH_UNITS_H
#define PLINTH_UNITS_H

#include <stdbool.h>

#include "../util/str.h"

typedef struct {
  double value;   /* sign included; $ and grouping commas removed */
  Str unit;       /* letters or "%" after the digits; may be empty */
  bool dollar;
} Number;

Number num_split(Str tok);

/* Plain counts: 10, 10k, 1.5M, 2B. */
bool unit_count(Number n, double *out, const char **why);
/* Byte sizes: 512, 10KB, 10MB, 1GB, 2TB (decimal), KiB MiB GiB (binary). */
bool unit_size(Number n, double *out, const char **why);
/* Metres: 500m, 5km, 3mi. */
bool unit_distance(Number n, double *out, const char **why);
/* Durations to seconds: 200ms, 10s, 5m, 5min, 1h, 2d, 3w. */
bool unit_duration(Number n, double *out, const char **why);
/* Duration words after a bare number: "6 weeks", "2 years". Seconds per unit or 0. */
double unit_duration_word(Str word);
/* "20%" to 0.20. */
bool unit_percent(Number n, double *out, const char **why);
/* "5x" to 5. */
bool unit_factor(Number n, double *out, const char **why);
/* "$50" to 50. */
bool unit_money(Number n, double *out, const char **why);
/* Seconds in a rate's period word: s, sec, second, min, minute, h, hour, day, week, month, year; 0 if unknown. */
double unit_period(Str word);

#define SECONDS_PER_DAY 86400.0
/* A month is 365.25/12 days (30.44). */
#define SECONDS_PER_MONTH (SECONDS_PER_DAY * 365.25 / 12.0)
#define SECONDS_PER_YEAR (SECONDS_PER_DAY * 365.25)

#endif
