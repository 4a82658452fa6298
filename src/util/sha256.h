/* SHA-256 (FIPS 180-4), for the hashes `plinth plan -o` records of the files
 * it writes; the manifest then reads like `sha256sum` output. */
#ifndef PLINTH_SHA256_H
#define PLINTH_SHA256_H

#include <stddef.h>

/* Writes the 64 lowercase hex digits of the hash of p[0..n) and a NUL into hex. */
void sha256_hex(const void *p, ptrdiff_t n, char hex[65]);
/* The same without the processor's SHA extensions (for tests). */
void sha256_hex_portable(const void *p, ptrdiff_t n, char hex[65]);

#endif
