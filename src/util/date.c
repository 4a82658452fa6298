/* Calendar dates (see date.h). The day-number conversions are Howard
 * Hinnant's days_from_civil and civil_from_days. */
#include "date.h"

#include <stdio.h>

static long from_civil(long y, long m, long d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long date_days(Str s) {
  if (s.n != 10 || s.p[4] != '-' || s.p[7] != '-')
    return -1;
  long v[3] = {0, 0, 0};
  static const int start[] = {0, 5, 8}, len[] = {4, 2, 2};
  for (int k = 0; k < 3; k++)
    for (int i = 0; i < len[k]; i++) {
      char c = s.p[start[k] + i];
      if (c < '0' || c > '9')
        return -1;
      v[k] = v[k] * 10 + (c - '0');
    }
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0;
  if (v[0] < 1970 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > mdays[v[1] - 1] + (v[1] == 2 && leap))
    return -1;
  return from_civil(v[0], v[1], v[2]);
}

void date_format(long z, char out[DATE_BYTES]) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  snprintf(out, DATE_BYTES, "%04ld-%02d-%02d", y, (int)(m % 100), (int)(d % 100));
}

int date_weekday(long days) {
  long w = (days + 3) % 7;   /* 1970-01-01 was a Thursday (3) */
  return (int)(w < 0 ? w + 7 : w);
}

long date_working_between(long from, long to) {
  if (to <= from)
    return 0;
  long n = to - from, weeks = n / 7, count = weeks * 5;
  for (long d = from + weeks * 7; d < to; d++)
    count += date_weekday(d) < 5;
  return count;
}

long date_after_working(long from, long n) {
  if (n <= 0)
    return from;
  while (date_weekday(from) >= 5)
    from++;
  long weeks = (n - 1) / 5, d = from + weeks * 7, left = (n - 1) % 5;
  while (left > 0) {
    d++;
    if (date_weekday(d) < 5)
      left--;
  }
  return d;
}
