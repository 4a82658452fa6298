/* libFuzzer harness for `plinth new` and `plinth diagnose`.
 *
 * Each input is an idea text. The first byte chooses whether the draft's
 * questions are searched ('?': yes; the search plans the draft
 * a dozen times, so most inputs skip it). The rest goes to intake_new on a heap
 * copy of exactly that many bytes, then to intake_diagnose as symptoms.
 *
 * Oracles besides the sanitizers:
 *   - the draft parses and resolves with no error (`plinth check` accepts
 *     every draft, whatever the text);
 *   - the --json output is well formed.
 * The built-in knowledge base is loaded once and shared. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "intake/intake.h"
#include "model/model.h"
#include "spec/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Arena kb_arena;
static const Kb *kb;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  kb_arena = arena_make(DRIVER_ARENA_BYTES);
  DiagSink sink = {.arena = &kb_arena};
  kb = kb_load(&kb_arena, NULL, &sink);
  if (!kb) {
    fputs("fuzz_intake: the built-in knowledge base does not load\n", stderr);
    abort();
  }
  return 0;
}

static int errors_seen;
static Buf first_error;

static void on_diag(void *ctx, const Diagnostic *d) {
  (void)ctx;
  if (d->sev == SEV_ERROR && errors_seen++ == 0)
    diag_render(&first_error, d);
}

/* A small JSON well-formedness check: balanced brackets outside strings,
 * strings closed, no raw control characters inside them. */
static bool json_ok(const Buf *b) {
  int depth = 0;
  bool in = false;
  for (ptrdiff_t i = 0; i < b->n; i++) {
    unsigned char c = (unsigned char)b->p[i];
    if (in) {
      if (c == '\\')
        i++;
      else if (c == '"')
        in = false;
      else if (c < 0x20)
        return false;
    } else if (c == '"')
      in = true;
    else if (c == '{' || c == '[')
      depth++;
    else if (c == '}' || c == ']') {
      if (--depth < 0)
        return false;
    }
  }
  return !in && depth == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!size)
    return 0;
  bool questions = data[0] == '?';
  size_t n = size - 1;
  char *copy = malloc(n ? n : 1);
  if (n)
    memcpy(copy, data + 1, n);
  Arena a = arena_make(DRIVER_ARENA_BYTES);
  Buf spec = {0}, js = {0}, msg = {0};
  IntakeOut out = {&spec, &js, &msg, !questions};
  intake_new(&a, kb, (Str){copy, (ptrdiff_t)n}, &out);
  if (!json_ok(&js)) {
    fprintf(stderr, "fuzz_intake: malformed JSON\n%.*s\n", (int)js.n, js.p);
    abort();
  }
  /* the draft must compile */
  SourceFile f = {.name = "draft.plinth", .text = buf_view(&spec)};
  errors_seen = 0;
  first_error.n = 0;
  DiagSink sink = {.fn = on_diag, .arena = &a};
  Ast *ast = parse_spec(&a, &f, &sink);
  if (!sink.errors)
    model_resolve(&a, ast, &f, &sink);
  if (sink.errors) {
    fprintf(stderr, "fuzz_intake: the draft does not compile:\n%.*s\n--- draft ---\n%.*s\n", (int)first_error.n,
            first_error.p, (int)spec.n, spec.p);
    abort();
  }
  Buf md = {0}, dj = {0};
  intake_diagnose(&a, kb, NULL, (Str){copy, (ptrdiff_t)n}, &md, &dj);
  if (!json_ok(&dj)) {
    fprintf(stderr, "fuzz_intake: malformed diagnose JSON\n");
    abort();
  }
  buf_free(&md);
  buf_free(&dj);
  buf_free(&spec);
  buf_free(&js);
  buf_free(&msg);
  arena_free(&a);
  free(copy);
  return 0;
}
