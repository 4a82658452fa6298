/* Calendar dates (YYYY-MM-DD) as day numbers, for schedules that must be
 * the same whatever day they are computed: every date comes from the spec,
 * never from the clock. Proleptic Gregorian calendar; day 0 is 1970-01-01,
 * a Thursday. */
#ifndef PLINTH_UTIL_DATE_H
#define PLINTH_UTIL_DATE_H

#include "str.h"

/* The day number of "YYYY-MM-DD", or -1 when it is not a calendar date. */
long date_days(Str ymd);
/* Room for a formatted date: a year past 9999 takes more digits. */
enum { DATE_BYTES = 32 };
/* Writes the day as "YYYY-MM-DD" (more year digits past 9999) into out. */
void date_format(long days, char out[DATE_BYTES]);
/* 0 Monday ... 6 Sunday. */
int date_weekday(long days);
/* Working days (Monday to Friday) from `from` up to, not including, `to`. */
long date_working_between(long from, long to);
/* The day on which `n` working days, begun on `from`, are done: the n-th
 * working day counted from `from` (itself included when a working day). */
long date_after_working(long from, long n);

#endif
