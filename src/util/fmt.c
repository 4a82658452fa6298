/* Engineer's number notation (see fmt.h). */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

/* Three significant figures, trailing zeros dropped: 12.7, 450, 0.58.
 * Writes at most 20 bytes. */
static void sig3(char *buf, double v) {
  if (v == 0) {
    strcpy(buf, "0");
    return;
  }
  double a = fabs(v);
  int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.1 ? 3 : a >= 0.01 ? 4 : 6;
  format_s(buf, 20, "%.*f", decimals, v);
  if (strchr(buf, '.')) {
    size_t n = strlen(buf);
    while (buf[n - 1] == '0')
      buf[--n] = 0;
    if (buf[n - 1] == '.')
      buf[--n] = 0;
  }
}

char *fmt_count(char *buf, double v) {
  static const char *const suffix[] = {"", "k", "M", "B", "T"};
  int i = 0;
  double a = fabs(v);
  while (a >= 1000 && i < 4) {
    a /= 1000;
    v /= 1000;
    i++;
  }
  char n[20];
  sig3(n, v);
  format_s(buf, 32, "%s%s", n, suffix[i]);
  return buf;
}

char *fmt_bytes(char *buf, double v) {
  static const char *const unit[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  int i = 0;
  while (fabs(v) >= 1000 && i < 6) {
    v /= 1000;
    i++;
  }
  char n[20];
  sig3(n, v);
  format_s(buf, 32, "%s %s", n, unit[i]);
  return buf;
}

char *fmt_usd(char *buf, double v) {
  if (fabs(v) >= 100)
    format_s(buf, 32, "$%.0f", v);
  else if (fabs(v) >= 0.01 || v == 0)
    format_s(buf, 32, "$%.2f", v);
  else {
    char n[20];
    sig3(n, v);
    format_s(buf, 32, "$%s", n);
  }
  return buf;
}

char *fmt_price(char *buf, double v) {
  if (v >= 100 || !(v > 0)) {
    format_s(buf, 32, "$%.0f", v);
    return buf;
  }
  /* Four significant figures, at least two decimals: $0.016, $0.04937, $0.20. */
  int d = 3 - (int)floor(log10(v));
  if (d < 2)
    d = 2;
  if (d > 12)
    d = 12;
  format_s(buf, 32, "$%.*f", d, v);
  size_t n = strlen(buf);
  char *dot = strchr(buf, '.');
  while (dot && buf[n - 1] == '0' && (size_t)(buf + n - 1 - dot) > 2)
    buf[--n] = 0;
  return buf;
}

char *fmt_ms(char *buf, double seconds) {
  char n[20];
  sig3(n, seconds * 1000);
  format_s(buf, 32, "%s ms", n);
  return buf;
}
