/* Unit tests for the reports' building blocks: SHA-256 against the FIPS
 * 180-4 examples and `sha256sum` (block-boundary lengths included), and
 * svg_render's success and error paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit/emit.h"
#include "util/sha256.h"

typedef void Hash(const void *p, ptrdiff_t n, char hex[65]);

static void known(Hash *sha256_hex) {
  char h[65];
  sha256_hex("", 0, h);
  assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  sha256_hex("abc", 3, h);
  assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";   /* 56 bytes: padding spills */
  sha256_hex(two, (ptrdiff_t)strlen(two), h);
  assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void lengths(Hash *sha256_hex) {
  /* 55, 64 and 65 bytes of 'a' (checked with sha256sum). */
  char a[65], h[65];
  memset(a, 'a', sizeof a);
  sha256_hex(a, 55, h);
  assert_string_equal(h, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  sha256_hex(a, 64, h);
  assert_string_equal(h, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  sha256_hex(a, 65, h);
  assert_string_equal(h, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
}

/* Both paths: the SHA extensions where the processor has them, and plain C. */
static void test_sha256_known(void **state) {
  (void)state;
  known(sha256_hex);
  known(sha256_hex_portable);
}

static void test_sha256_lengths(void **state) {
  (void)state;
  lengths(sha256_hex);
  lengths(sha256_hex_portable);
}

static void test_sha256_paths_agree(void **state) {
  (void)state;
  enum { N = 100003 };
  unsigned char *b = malloc(N);
  assert_non_null(b);
  uint32_t x = 12345;
  for (int i = 0; i < N; i++)
    b[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 24);
  for (int n = 0; n < N; n += n < 200 ? 1 : 9973) {
    char h1[65], h2[65];
    sha256_hex(b, n, h1);
    sha256_hex_portable(b, n, h2);
    assert_string_equal(h1, h2);
  }
  free(b);
}

/* The hash over parts equals the hash of the whole, whatever the cuts
 * (inside a block, on its edges, across several blocks). */
static void test_sha256_parts(void **state) {
  (void)state;
  enum { N = 4099 };
  unsigned char *b = malloc(N);
  assert_non_null(b);
  uint32_t x = 777;
  for (int i = 0; i < N; i++)
    b[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 24);
  static const int cuts[] = {1, 7, 55, 56, 63, 64, 65, 127, 128, 129, 1000};
  for (int n = 0; n < N; n += n < 300 ? 1 : 977)
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
      char whole[65], parts[65];
      sha256_hex(b, n, whole);
      Sha256 s;
      sha256_init(&s);
      for (int at = 0; at < n; at += cuts[c])
        sha256_update(&s, b + at, n - at < cuts[c] ? n - at : cuts[c]);
      sha256_final_hex(&s, parts);
      assert_string_equal(whole, parts);
    }
  Sha256 s;
  char h[65];
  sha256_init(&s);
  sha256_update(&s, "ab", 2);
  sha256_update(&s, "c", 1);
  sha256_final_hex(&s, h);
  assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  free(b);
}

static void test_svg_ok(void **state) {
  (void)state;
  Buf out = {0}, err = {0};
  assert_true(svg_render(S("digraph g { a -> b [label=\"x & y\"]; }"), &out, &err));
  buf_putc(&out, 0);
  assert_true(!strncmp(out.p, "<svg", 4));
  assert_non_null(strstr(out.p, "x &amp; y"));
  assert_non_null(strstr(out.p, "</svg>"));
  assert_int_equal(err.n, 0);
  buf_free(&out);
  buf_free(&err);
}

static void test_svg_error(void **state) {
  (void)state;
  Buf out = {0}, err = {0};
  assert_false(svg_render(S("digraph g { a -> ; }"), &out, &err));
  assert_true(err.n > 0);
  buf_putc(&err, 0);
  assert_non_null(strstr(err.p, "syntax error"));
  buf_free(&out);
  buf_free(&err);
  /* A good graph after a bad one still renders. */
  assert_true(svg_render(S("graph h { c -- d }"), &out, &err));
  buf_free(&out);
  buf_free(&err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sha256_known),
    cmocka_unit_test(test_sha256_lengths),
    cmocka_unit_test(test_sha256_paths_agree),
    cmocka_unit_test(test_sha256_parts),
    cmocka_unit_test(test_svg_ok),
    cmocka_unit_test(test_svg_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
