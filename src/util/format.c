/* snprintf, faster for the common conversions (see format.h). The C
 * library's vsnprintf sets up a string stream for every call and prints
 * every double exactly in multiple precision; most of what Plinth prints
 * is text, integers and %.Nf. */
#include "format.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *p;
  size_t size;
  size_t n;   /* the length of the whole text so far */
} Out;

static void put(Out *o, const char *s, size_t k) {
  if (o->n < o->size) {
    size_t room = o->size - 1 - o->n;
    memcpy(o->p + o->n, s, k < room ? k : room);
  }
  o->n += k;
}

static void fill(Out *o, char c, size_t k) {
  if (o->n < o->size) {
    size_t room = o->size - 1 - o->n;
    memset(o->p + o->n, c, k < room ? k : room);
  }
  o->n += k;
}

/* s (k bytes) in a field of `width`. */
static void field(Out *o, const char *s, size_t k, int width, bool left) {
  size_t w = width > 0 ? (size_t)width : 0;
  if (!left && w > k)
    fill(o, ' ', w - k);
  put(o, s, k);
  if (left && w > k)
    fill(o, ' ', w - k);
}

/* An integer in base 10 or 16, with its sign, in a field of `width`
 * padded with spaces (or zeros after the sign). */
static void integer(Out *o, uintmax_t mag, bool neg, int base, bool upper, int width, bool left, bool zero) {
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char b[72];
  int n = 0;
  do {
    b[sizeof b - 1 - n++] = digits[mag % (unsigned)base];
    mag /= (unsigned)base;
  } while (mag);
  size_t len = (size_t)n + neg;
  size_t w = width > 0 ? (size_t)width : 0;
  if (!left && !zero && w > len)
    fill(o, ' ', w - len);
  if (neg)
    put(o, "-", 1);
  if (!left && zero && w > len)
    fill(o, '0', w - len);
  put(o, b + sizeof b - n, (size_t)n);
  if (left && w > len)
    fill(o, ' ', w - len);
}

/* x with `prec` decimals (0 to 9), as %.Nf prints it, from integer
 * arithmetic: false (nothing written) when x is not finite, too large, or
 * so close to a rounding tie that the double x * 10^prec cannot decide. */
static bool fixed(Out *o, double x, int prec) {
  static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (!isfinite(x) || prec < 0 || prec > 9)
    return false;
  double v = fabs(x) * scale[prec];
  if (!(v < 1e15))
    return false;
  double whole = floor(v), frac = v - whole;
  /* v is |x| * 10^prec within half an ulp (v * 1.2e-16). */
  if (fabs(frac - 0.5) < 1e-7 + v * 1e-15)
    return false;
  uint64_t k = (uint64_t)whole + (frac > 0.5);
  char d[40];
  int n = 0;
  do {
    d[sizeof d - 1 - n++] = (char)('0' + k % 10);
    k /= 10;
  } while (k || n <= prec);
  char b[48];
  int m = 0;
  if (signbit(x))
    b[m++] = '-';
  const char *s = d + sizeof d - n;
  memcpy(b + m, s, (size_t)(n - prec));
  m += n - prec;
  if (prec) {
    b[m++] = '.';
    memcpy(b + m, s + n - prec, (size_t)prec);
    m += prec;
  }
  put(o, b, (size_t)m);
  return true;
}

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J, LEN_BIG_L };

static char *put_num(char *p, int v) {
  char d[12];
  int n = 0;
  do {
    d[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n)
    *p++ = d[--n];
  return p;
}

/* A conversion as the C library reads it: the flags as written (and '-'
 * for a negative '*' width), the width and precision as numbers, the
 * length modifier `len` (the value's own type), the conversion. */
typedef struct {
  const char *flags;
  int nflags, width, prec;
  bool star_left;
} Spec;

static void spec_text(char *b, const Spec *sp, const char *len, char conv) {
  *b++ = '%';
  if (sp->star_left)
    *b++ = '-';
  memcpy(b, sp->flags, (size_t)sp->nflags);
  b += sp->nflags;
  if (sp->width >= 0)
    b = put_num(b, sp->width);
  if (sp->prec >= 0) {
    *b++ = '.';
    b = put_num(b, sp->prec);
  }
  while (*len)
    *b++ = *len++;
  *b++ = conv;
  *b = 0;
}

/* One conversion through the C library, its value fetched by the caller
 * and passed as the type `len` names. */
#define LIBC(len, value)                                                                                               \
  do {                                                                                                                 \
    char spec_[48];                                                                                                    \
    spec_text(spec_, &sp, len, conv);                                                                                  \
    char tmp_[256];                                                                                                    \
    int k_ = snprintf(tmp_, sizeof tmp_, spec_, value);                                                                \
    if (k_ < 0)                                                                                                        \
      failed = true;                                                                                                   \
    else if ((size_t)k_ < sizeof tmp_)                                                                                 \
      put(&o, tmp_, (size_t)k_);                                                                                       \
    else {                                                                                                             \
      char *big_ = malloc((size_t)k_ + 1);                                                                             \
      if (!big_)                                                                                                       \
        failed = true;                                                                                                 \
      else {                                                                                                           \
        snprintf(big_, (size_t)k_ + 1, spec_, value);                                                                   \
        put(&o, big_, (size_t)k_);                                                                                     \
        free(big_);                                                                                                    \
      }                                                                                                                \
    }                                                                                                                  \
  } while (0)

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int format_v(char *out, size_t size, const char *fmt, va_list ap) {
  Out o = {out, size, 0};
  va_list args;
  va_copy(args, ap);
  bool failed = false, other = false;
  const char *f = fmt;
  while (*f && !failed && !other) {
    const char *pc = strchr(f, '%');
    if (!pc) {
      put(&o, f, strlen(f));
      break;
    }
    put(&o, f, (size_t)(pc - f));
    const char *flags = ++pc;
    bool left = false, zero = false, plain = true;
    for (;; pc++) {
      if (*pc == '-')
        left = true;
      else if (*pc == '0')
        zero = true;
      else if (*pc == '+' || *pc == ' ' || *pc == '#' || *pc == '\'')
        plain = false;
      else
        break;
    }
    size_t nflags = (size_t)(pc - flags);
    int width = -1, prec = -1;
    bool star_left = false;
    if (*pc == '*') {
      width = va_arg(args, int);
      pc++;
      if (width < 0) {
        star_left = left = true;
        width = width == INT_MIN ? INT_MAX : -width;
      }
    } else if (*pc >= '0' && *pc <= '9') {
      width = 0;
      while (*pc >= '0' && *pc <= '9' && width < 1000000)
        width = width * 10 + (*pc++ - '0');
    }
    if (*pc == '.') {
      pc++;
      if (*pc == '*') {
        prec = va_arg(args, int);
        pc++;
        if (prec < 0)
          prec = -1;
      } else {
        prec = 0;
        while (*pc >= '0' && *pc <= '9' && prec < 1000000)
          prec = prec * 10 + (*pc++ - '0');
      }
    }
    if ((width >= 1000000 || prec >= 1000000)) {
      other = true;
      break;
    }
    int len = LEN_NONE;
    if (*pc == 'h')
      len = *++pc == 'h' ? (pc++, LEN_HH) : LEN_H;
    else if (*pc == 'l')
      len = *++pc == 'l' ? (pc++, LEN_LL) : LEN_L;
    else if (*pc == 'z')
      pc++, len = LEN_Z;
    else if (*pc == 't')
      pc++, len = LEN_T;
    else if (*pc == 'j')
      pc++, len = LEN_J;
    else if (*pc == 'L')
      pc++, len = LEN_BIG_L;
    char conv = *pc;
    if (!conv) {
      other = true;
      break;
    }
    f = pc + 1;
    Spec sp = {flags, (int)nflags, width, prec, star_left};
    switch (conv) {
    case '%':
      if (nflags || width >= 0 || prec >= 0 || len)
        other = true;
      else
        put(&o, "%", 1);
      break;
    case 'c': {
      int c = va_arg(args, int);
      if (len)
        other = true;   /* %lc: a wide character */
      else if (plain && !zero && prec < 0) {
        char ch = (char)c;
        field(&o, &ch, 1, width, left);
      } else
        LIBC("", c);
      break;
    }
    case 's': {
      const char *s = va_arg(args, const char *);
      if (len)
        other = true;   /* %ls: a wide string */
      else if (s && plain && !zero)
        field(&o, s, prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s), width, left);
      else
        LIBC("", s);
      break;
    }
    case 'd':
    case 'i': {
      intmax_t v;
      switch (len) {
      case LEN_L: v = va_arg(args, long); break;
      case LEN_LL: v = va_arg(args, long long); break;
      case LEN_Z: v = va_arg(args, ptrdiff_t); break;   /* the signed size_t */
      case LEN_T: v = va_arg(args, ptrdiff_t); break;
      case LEN_J: v = va_arg(args, intmax_t); break;
      case LEN_NONE: v = va_arg(args, int); break;
      case LEN_H: v = (short)va_arg(args, int); break;
      case LEN_HH: v = (signed char)va_arg(args, int); break;
      default: other = true; v = 0; break;
      }
      if (other)
        break;
      if (plain && prec < 0)
        integer(&o, v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v, v < 0, 10, false, width, left, zero);
      else
        LIBC("j", v);
      break;
    }
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      uintmax_t v;
      switch (len) {
      case LEN_L: v = va_arg(args, unsigned long); break;
      case LEN_LL: v = va_arg(args, unsigned long long); break;
      case LEN_Z: v = va_arg(args, size_t); break;
      case LEN_T: v = (uintmax_t)va_arg(args, ptrdiff_t); break;
      case LEN_J: v = va_arg(args, uintmax_t); break;
      case LEN_NONE: v = va_arg(args, unsigned); break;
      case LEN_H: v = (unsigned short)va_arg(args, unsigned); break;
      case LEN_HH: v = (unsigned char)va_arg(args, unsigned); break;
      default: other = true; v = 0; break;
      }
      if (other)
        break;
      if (plain && prec < 0 && conv != 'o')
        integer(&o, v, false, conv == 'u' ? 10 : 16, conv == 'X', width, left, zero);
      else
        LIBC("j", v);
      break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      if (len == LEN_BIG_L) {
        long double v = va_arg(args, long double);
        LIBC("L", v);
      } else if (len != LEN_NONE && len != LEN_L) {
        other = true;
      } else {
        double v = va_arg(args, double);
        if (!(conv == 'f' && plain && !zero && width < 0 && prec >= 0 && fixed(&o, v, prec)))
          LIBC("", v);
      }
      break;
    case 'p': {
      void *v = va_arg(args, void *);
      LIBC("", v);
      break;
    }
    default:
      other = true;   /* %n, %m, wide or unknown: the C library does the whole text */
      break;
    }
  }
  va_end(args);
  if (other)
    return vsnprintf(out, size, fmt, ap);
  if (size)
    out[o.n < size ? o.n : size - 1] = 0;
  return failed || o.n > INT_MAX ? -1 : (int)o.n;
}
#pragma GCC diagnostic pop

int format_s(char *out, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = format_v(out, size, fmt, ap);
  va_end(ap);
  return n;
}
