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
  if (base == 10)   /* a constant divisor: a multiply, not a division */
    do {
      b[sizeof b - 1 - n++] = (char)('0' + mag % 10);
      mag /= 10;
    } while (mag);
  else
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

/* x as %.Pg prints it where that is %.Nf with the fraction's trailing
 * zeros removed: |x| rounded to P digits is 10^X or more (X >= 0) and
 * under 10^P, and N = P - 1 - X is at most 9. False (nothing written)
 * otherwise, or where fixed() cannot decide. */
static bool general(Out *o, double x, int prec) {
  static const double ten[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};
  double a = fabs(x);
  if (!(a >= 1) || prec > 16 || !(a < ten[prec]))
    return false;
  int e = 0;   /* 10^e <= a < 10^(e+1): powers of ten to 10^22 are exact doubles */
  while (e + 1 < prec && a >= ten[e + 1])
    e++;
  for (;;) {
    char b[48];
    Out t = {b, sizeof b, 0};
    if (prec - 1 - e > 9 || !fixed(&t, x, prec - 1 - e))
      return false;
    b[t.n] = 0;
    const char *dot = strchr(b, '.');
    size_t whole = (dot ? (size_t)(dot - b) : t.n) - (b[0] == '-');
    if (whole > (size_t)e + 1) {   /* rounded up to 10^(e+1): one digit fewer after the point */
      if (++e >= prec)
        return false;   /* the exponent form */
      continue;
    }
    if (dot) {
      while (b[t.n - 1] == '0')
        t.n--;
      if (b[t.n - 1] == '.')
        t.n--;
    }
    put(o, b, t.n);
    return true;
  }
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

/* A conversion as format_v reads it: the Spec, what its flags ask for,
 * and the length modifier (LEN_*) and conversion letter. */
typedef struct {
  Spec sp;
  bool left, zero, plain;   /* '-', '0', none of "+ #'" */
  int len;
  char conv;
} Conv;

/* What a conversion came to: written, the C library failed, or one the
 * C library must do with the whole text. */
typedef enum { DONE, FAILED, OTHER } Result;

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

/* A value handed to the C library, of the type its length modifier
 * names. */
typedef struct {
  enum { V_INT, V_TEXT, V_INTMAX, V_UINTMAX, V_DOUBLE, V_LDOUBLE, V_PTR } type;
  union {
    int i;
    const char *s;
    intmax_t j;
    uintmax_t u;
    double d;
    long double ld;
    void *p;
  } as;
} Value;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int lib_text(char *b, size_t n, const char *spec, const Value *v) {
  switch (v->type) {
  case V_INT: return snprintf(b, n, spec, v->as.i);
  case V_TEXT: return snprintf(b, n, spec, v->as.s);
  case V_INTMAX: return snprintf(b, n, spec, v->as.j);
  case V_UINTMAX: return snprintf(b, n, spec, v->as.u);
  case V_DOUBLE: return snprintf(b, n, spec, v->as.d);
  case V_LDOUBLE: return snprintf(b, n, spec, v->as.ld);
  default: return snprintf(b, n, spec, v->as.p);
  }
}
#pragma GCC diagnostic pop

/* One conversion through the C library, its value fetched by the caller
 * and `len` naming its type. */
static Result libc(Out *o, const Conv *c, const char *len, Value v) {
  char spec[48];
  spec_text(spec, &c->sp, len, c->conv);
  char tmp[256];
  int k = lib_text(tmp, sizeof tmp, spec, &v);
  if (k < 0)
    return FAILED;
  if ((size_t)k < sizeof tmp) {
    put(o, tmp, (size_t)k);
    return DONE;
  }
  char *big = malloc((size_t)k + 1);
  if (!big)
    return FAILED;
  lib_text(big, (size_t)k + 1, spec, &v);
  put(o, big, (size_t)k);
  free(big);
  return DONE;
}

/* A width or precision after `pc`: a number, or '*' taken from args
 * (-1 when neither). */
static inline int count(const char **pc, va_list *args, bool *star) {
  *star = **pc == '*';
  if (*star) {
    ++*pc;
    return va_arg(*args, int);
  }
  if (**pc < '0' || **pc > '9')
    return -1;
  int v = 0;
  while (**pc >= '0' && **pc <= '9' && v < 1000000)
    v = v * 10 + (*(*pc)++ - '0');
  return v;
}

/* Reads the conversion after a '%' at pc into *c, taking a '*' width or
 * precision from args; returns what follows it, or NULL when the C
 * library must do the whole text (no conversion letter, a width or
 * precision of a million or more). */
static const char *read_conv(const char *pc, va_list *args, Conv *c) {
  *c = (Conv){.sp = {.flags = pc}, .plain = true};
  for (;; pc++) {
    if (*pc == '-')
      c->left = true;
    else if (*pc == '0')
      c->zero = true;
    else if (*pc == '+' || *pc == ' ' || *pc == '#' || *pc == '\'')
      c->plain = false;
    else
      break;
  }
  Spec *sp = &c->sp;
  sp->nflags = (int)(pc - sp->flags);
  bool star;
  sp->width = count(&pc, args, &star);
  if (star && sp->width < 0) {
    sp->star_left = c->left = true;
    sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
  }
  sp->prec = -1;
  if (*pc == '.') {
    pc++;
    sp->prec = count(&pc, args, &star);
    if (sp->prec < 0)
      sp->prec = star ? -1 : 0;   /* a negative '*' is none; "%.f" is 0 */
  }
  if (sp->width >= 1000000 || sp->prec >= 1000000)
    return NULL;
  if (*pc == 'h')
    c->len = *++pc == 'h' ? (pc++, LEN_HH) : LEN_H;
  else if (*pc == 'l')
    c->len = *++pc == 'l' ? (pc++, LEN_LL) : LEN_L;
  else if (*pc == 'z')
    pc++, c->len = LEN_Z;
  else if (*pc == 't')
    pc++, c->len = LEN_T;
  else if (*pc == 'j')
    pc++, c->len = LEN_J;
  else if (*pc == 'L')
    pc++, c->len = LEN_BIG_L;
  c->conv = *pc;
  return c->conv ? pc + 1 : NULL;
}

/* %d and %i. */
static Result put_signed(Out *o, const Conv *c, va_list *args) {
  intmax_t v;
  switch (c->len) {
  case LEN_L: v = va_arg(*args, long); break;
  case LEN_LL: v = va_arg(*args, long long); break;
  case LEN_Z: v = va_arg(*args, ptrdiff_t); break;   /* the signed size_t */
  case LEN_T: v = va_arg(*args, ptrdiff_t); break;
  case LEN_J: v = va_arg(*args, intmax_t); break;
  case LEN_NONE: v = va_arg(*args, int); break;
  case LEN_H: v = (short)va_arg(*args, int); break;
  case LEN_HH: v = (signed char)va_arg(*args, int); break;
  default: return OTHER;
  }
  if (!c->plain || c->sp.prec >= 0)
    return libc(o, c, "j", (Value){V_INTMAX, {.j = v}});
  integer(o, v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v, v < 0, 10, false, c->sp.width, c->left, c->zero);
  return DONE;
}

/* %u, %x, %X and %o. */
static Result put_unsigned(Out *o, const Conv *c, va_list *args) {
  uintmax_t v;
  switch (c->len) {
  case LEN_L: v = va_arg(*args, unsigned long); break;
  case LEN_LL: v = va_arg(*args, unsigned long long); break;
  case LEN_Z: v = va_arg(*args, size_t); break;
  case LEN_T: v = (uintmax_t)va_arg(*args, ptrdiff_t); break;
  case LEN_J: v = va_arg(*args, uintmax_t); break;
  case LEN_NONE: v = va_arg(*args, unsigned); break;
  case LEN_H: v = (unsigned short)va_arg(*args, unsigned); break;
  case LEN_HH: v = (unsigned char)va_arg(*args, unsigned); break;
  default: return OTHER;
  }
  if (!c->plain || c->sp.prec >= 0 || c->conv == 'o')
    return libc(o, c, "j", (Value){V_UINTMAX, {.u = v}});
  integer(o, v, false, c->conv == 'u' ? 10 : 16, c->conv == 'X', c->sp.width, c->left, c->zero);
  return DONE;
}

/* %f, %e, %g and %a in either case: %.Nf of a double in place. */
static Result put_float(Out *o, const Conv *c, va_list *args) {
  if (c->len == LEN_BIG_L)
    return libc(o, c, "L", (Value){V_LDOUBLE, {.ld = va_arg(*args, long double)}});
  if (c->len != LEN_NONE && c->len != LEN_L)
    return OTHER;
  double v = va_arg(*args, double);
  if (c->conv == 'f' && c->plain && !c->zero && c->sp.width < 0 && c->sp.prec >= 0 && fixed(o, v, c->sp.prec))
    return DONE;
  if (c->conv == 'g' && c->plain && !c->zero && c->sp.width < 0 &&
      general(o, v, c->sp.prec < 0 ? 6 : c->sp.prec == 0 ? 1 : c->sp.prec))
    return DONE;
  return libc(o, c, "", (Value){V_DOUBLE, {.d = v}});
}

static Result convert(Out *o, const Conv *c, va_list *args) {
  const Spec *sp = &c->sp;
  switch (c->conv) {
  case '%':
    if (sp->nflags || sp->width >= 0 || sp->prec >= 0 || c->len)
      return OTHER;
    put(o, "%", 1);
    return DONE;
  case 'c': {
    int ch = va_arg(*args, int);
    if (c->len)
      return OTHER;   /* %lc: a wide character */
    if (!c->plain || c->zero || sp->prec >= 0)
      return libc(o, c, "", (Value){V_INT, {.i = ch}});
    char b = (char)ch;
    field(o, &b, 1, sp->width, c->left);
    return DONE;
  }
  case 's': {
    const char *s = va_arg(*args, const char *);
    if (c->len)
      return OTHER;   /* %ls: a wide string */
    if (!s && sp->prec == 0 && c->plain && !c->zero) {
      field(o, "", 0, sp->width, c->left);   /* "%.*s" of an empty Str {NULL, 0} */
      return DONE;
    }
    if (!s || !c->plain || c->zero)
      return libc(o, c, "", (Value){V_TEXT, {.s = s}});
    field(o, s, sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s), sp->width, c->left);
    return DONE;
  }
  case 'd':
  case 'i':
    return put_signed(o, c, args);
  case 'u':
  case 'x':
  case 'X':
  case 'o':
    return put_unsigned(o, c, args);
  case 'f':
  case 'F':
  case 'e':
  case 'E':
  case 'g':
  case 'G':
  case 'a':
  case 'A':
    return put_float(o, c, args);
  case 'p':
    return libc(o, c, "", (Value){V_PTR, {.p = va_arg(*args, void *)}});
  default:
    return OTHER;   /* %n, %m, wide or unknown: the C library does the whole text */
  }
}

int format_v(char *out, size_t size, const char *fmt, va_list ap) {
  Out o = {out, size, 0};
  va_list args;
  va_copy(args, ap);
  Result r = DONE;
  const char *f = fmt;
  while (r == DONE && *f) {
    const char *pc = strchr(f, '%');
    if (!pc) {
      put(&o, f, strlen(f));
      break;
    }
    put(&o, f, (size_t)(pc - f));
    Conv c;
    /* The commonest conversions, without flags or width (read_conv would
     * find just that), written here: %s and %.*s of a string, %d, %.Nf
     * of a value fixed() prints. The rest go through convert. */
    if (pc[1] == 's') {
      const char *s = va_arg(args, const char *);
      f = pc + 2;
      if (s) {
        put(&o, s, strlen(s));
        continue;
      }
      c = (Conv){.sp = {.flags = pc + 1, .width = -1, .prec = -1}, .plain = true, .conv = 's'};
      r = libc(&o, &c, "", (Value){V_TEXT, {.s = s}});
      continue;
    }
    if (pc[1] == 'd') {
      int v = va_arg(args, int);
      integer(&o, v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v, v < 0, 10, false, -1, false, false);
      f = pc + 2;
      continue;
    }
    if (pc[1] == '.' && pc[2] >= '0' && pc[2] <= '9' && pc[3] == 'f') {
      double v = va_arg(args, double);
      f = pc + 4;
      if (fixed(&o, v, pc[2] - '0'))
        continue;
      c = (Conv){.sp = {.flags = pc + 1, .width = -1, .prec = pc[2] - '0'}, .plain = true, .conv = 'f'};
      r = libc(&o, &c, "", (Value){V_DOUBLE, {.d = v}});
      continue;
    }
    if (pc[1] == '.' && pc[2] == '*' && pc[3] == 's') {
      int prec = va_arg(args, int);
      const char *s = va_arg(args, const char *);
      f = pc + 4;
      if (s)
        put(&o, s, prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
      if (s || prec == 0)   /* "%.*s" of an empty Str {NULL, 0}: nothing */
        continue;
      c = (Conv){.sp = {.flags = pc + 1, .width = -1, .prec = prec < 0 ? -1 : prec}, .plain = true, .conv = 's'};
      r = libc(&o, &c, "", (Value){V_TEXT, {.s = s}});
      continue;
    }
    f = read_conv(pc + 1, &args, &c);
    r = f ? convert(&o, &c, &args) : OTHER;
  }
  va_end(args);
  if (r == OTHER)
    return vsnprintf(out, size, fmt, ap);
  if (size)
    out[o.n < size ? o.n : size - 1] = 0;
  return r == FAILED || o.n > INT_MAX ? -1 : (int)o.n;
}

int format_s(char *out, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = format_v(out, size, fmt, ap);
  va_end(ap);
  return n;
}
