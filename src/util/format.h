/* snprintf's contract, faster for what Plinth prints most: text (%s,
 * %.*s, with a width), integers (%d, %ld, %zu, %x, zero-padded), %c, %%
 * and fixed-point numbers (%.Nf) written from integer arithmetic. Any
 * other conversion or flag goes to the C library's snprintf, one
 * conversion at a time, so every format gives snprintf's characters. */
#ifndef PLINTH_FORMAT_H
#define PLINTH_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* As vsnprintf: at most size - 1 characters and a NUL into out (when size
 * > 0); returns the length of the whole text, or -1 on an error. */
int format_v(char *out, size_t size, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
int format_s(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
