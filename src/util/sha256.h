/* SHA-256 (FIPS 180-4), for the hashes `plinth plan -o` records of the files
 * it writes; the manifest then reads like `sha256sum` output. */
#ifndef PLINTH_SHA256_H
#define PLINTH_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* Writes the 64 lowercase hex digits of the hash of p[0..n) and a NUL into hex. */
void sha256_hex(const void *p, ptrdiff_t n, char hex[65]);
/* The same without the processor's SHA extensions (for tests). */
void sha256_hex_portable(const void *p, ptrdiff_t n, char hex[65]);

/* The same hash over text given in parts (a file written or read in chunks). */
typedef struct {
  uint32_t h[8];
  unsigned char buf[64];
  int nbuf;
  uint64_t total;
} Sha256;
void sha256_init(Sha256 *s);
void sha256_update(Sha256 *s, const void *p, ptrdiff_t n);
void sha256_final_hex(Sha256 *s, char hex[65]);

#endif
