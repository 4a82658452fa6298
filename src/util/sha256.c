/* SHA-256 over a buffer in one call: blocks of 64 bytes, the last one padded
 * with 0x80, zeros and the bit length (FIPS 180-4, section 5.1.1). On x86-64
 * processors with the SHA extensions the blocks go through them (about ten
 * times faster: -o hashes every file it writes); elsewhere, plain C. */
#include "sha256.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define SHA256_NI 1
#endif

static const uint32_t K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(uint32_t h[8], const unsigned char *b) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 | (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = bb;
    bb = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += bb;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

#ifdef SHA256_NI
/* Four rounds per step with sha256rnds2; the message schedule with
 * sha256msg1/msg2 over the last four 4-word groups (Intel's SHA extensions
 * guide). The state is kept as ABEF and CDGH, as the instructions want. */
__attribute__((target("sha,sse4.1"))) static void blocks_ni(uint32_t h[8], const unsigned char *p, ptrdiff_t n) {
  const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);   /* CDAB */
  __m128i s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);  /* EFGH */
  __m128i s0 = _mm_alignr_epi8(t, s1, 8);                                          /* ABEF */
  s1 = _mm_blend_epi16(s1, t, 0xF0);                                               /* CDGH */
  for (; n > 0; n--, p += 64) {
    __m128i a0 = s0, a1 = s1, m[4];
    for (int i = 0; i < 4; i++)
      m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), swap);
    /* Group g's four rounds (m[g & 3] holds W[4g..4g+3]). The message
     * schedule runs ahead of the rounds, as in Intel's reference: during
     * group g, msg2 finishes W for group g + 1 and msg1 starts it for group
     * g + 3, so neither waits on the rounds. Unrolled: m stays in registers. */
#pragma GCC unroll 16
    for (int g = 0; g < 16; g++) {
      __m128i k = _mm_add_epi32(m[g & 3], _mm_loadu_si128((const __m128i *)&K[4 * g]));
      s1 = _mm_sha256rnds2_epu32(s1, s0, k);
      if (g >= 3 && g <= 14) {
        __m128i w = _mm_add_epi32(m[(g + 1) & 3], _mm_alignr_epi8(m[g & 3], m[(g + 3) & 3], 4));
        m[(g + 1) & 3] = _mm_sha256msg2_epu32(w, m[g & 3]);
      }
      s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(k, 0x0E));
      if (g >= 1 && g <= 12)
        m[(g + 3) & 3] = _mm_sha256msg1_epu32(m[(g + 3) & 3], m[g & 3]);
    }
    s0 = _mm_add_epi32(s0, a0);
    s1 = _mm_add_epi32(s1, a1);
  }
  t = _mm_shuffle_epi32(s0, 0x1B);                  /* FEBA */
  s1 = _mm_shuffle_epi32(s1, 0xB1);                 /* DCHG */
  s0 = _mm_blend_epi16(t, s1, 0xF0);                /* DCBA */
  s1 = _mm_alignr_epi8(s1, t, 8);                   /* ABEF */
  _mm_storeu_si128((__m128i *)&h[0], s0);
  _mm_storeu_si128((__m128i *)&h[4], s1);
}

static bool has_sha_ni(void) {
  /* A property of the processor: computed once. Atomic, as the server's
   * threads may ask at the same time (each would compute the same value). */
  static _Atomic int known = -1;
  int k = known;
  if (k < 0) {
    unsigned a, b, c, d;
    k = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1) && __get_cpuid(1, &a, &b, &c, &d) &&
        (c >> 19 & 1);   /* SHA and SSE4.1 */
    known = k;
  }
  return k;
}
#endif

static void blocks(uint32_t h[8], const unsigned char *p, ptrdiff_t n, bool portable) {
#ifdef SHA256_NI
  if (!portable && has_sha_ni()) {
    blocks_ni(h, p, n);
    return;
  }
#else
  (void)portable;
#endif
  for (; n > 0; n--, p += 64)
    block(h, p);
}

void sha256_init(Sha256 *s) {
  static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memset(s, 0, sizeof *s);
  memcpy(s->h, h0, sizeof h0);
}

static void update(Sha256 *s, const void *p, ptrdiff_t n, bool portable) {
  const unsigned char *c = p;
  s->total += (uint64_t)n;
  if (s->nbuf) {
    ptrdiff_t take = 64 - s->nbuf < n ? 64 - s->nbuf : n;
    memcpy(s->buf + s->nbuf, c, (size_t)take);
    s->nbuf += (int)take;
    c += take;
    n -= take;
    if (s->nbuf < 64)
      return;
    blocks(s->h, s->buf, 1, portable);
    s->nbuf = 0;
  }
  blocks(s->h, c, n / 64, portable);
  c += n / 64 * 64;
  s->nbuf = (int)(n % 64);
  if (s->nbuf)
    memcpy(s->buf, c, (size_t)s->nbuf);
}

static void final_hex(Sha256 *s, char hex[65], bool portable) {
  unsigned char last[128] = {0};
  ptrdiff_t rest = s->nbuf;
  if (rest)
    memcpy(last, s->buf, (size_t)rest);
  last[rest] = 0x80;
  int len = rest < 56 ? 64 : 128;
  uint64_t bits = s->total * 8;
  for (int k = 0; k < 8; k++)
    last[len - 1 - k] = (unsigned char)(bits >> (8 * k));
  blocks(s->h, last, len / 64, portable);
  static const char digits[] = "0123456789abcdef";
  for (int k = 0; k < 32; k++) {
    unsigned v = (s->h[k / 4] >> (24 - 8 * (k % 4))) & 0xff;
    hex[2 * k] = digits[v >> 4];
    hex[2 * k + 1] = digits[v & 15];
  }
  hex[64] = 0;
}

void sha256_update(Sha256 *s, const void *p, ptrdiff_t n) { update(s, p, n, false); }
void sha256_final_hex(Sha256 *s, char hex[65]) { final_hex(s, hex, false); }

static void hash(const void *p, ptrdiff_t n, char hex[65], bool portable) {
  Sha256 s;
  sha256_init(&s);
  update(&s, p, n, portable);
  final_hex(&s, hex, portable);
}

void sha256_hex(const void *p, ptrdiff_t n, char hex[65]) { hash(p, n, hex, false); }
void sha256_hex_portable(const void *p, ptrdiff_t n, char hex[65]) { hash(p, n, hex, true); }
