/* libFuzzer harness over every emitter.
 *
 * Each input is a spec. When it compiles, the plan is built as `plinth
 * plan -o` builds it (driver_plan_with to DRIVE_DECIDED: plan, revisit,
 * documents' facts, the kit, records) and every artifact row is rendered (emit_all: documents, records,
 * plan.json, the contract, schemas, types, alerts, diagrams laid out as SVG,
 * report.html), then the test bundle (types in every language, probes).
 *
 * Oracles on every file, besides the sanitizers:
 *   - UTF-8, and no hostile code point raw (esc_hostile: controls but tab
 *     and newlines, U+2028/2029, BOM, noncharacters, bidi controls), so
 *     YAML stays in YAML 1.2's printable set and JavaScript, Go, Python
 *     and every comment keep their lines; SQL string literals are data and
 *     skipped;
 *   - .json: well-formed JSON (RFC 8259);
 *   - .svg: well-formed XML (elements balanced, attributes quoted,
 *     references closed);
 *   - .sql: every name after CREATE TABLE, CREATE INDEX, ON, REFERENCES and
 *     ALTER TABLE is a quoted identifier.
 *
 * A custom mutator keeps most mutants valid specs: it picks a name, a
 * string or a number token and replaces it with another of its kind (names
 * from a table of plausible and non-ASCII ones, strings with hostile code
 * points and markup, numbers with units and extremes, option words), and
 * otherwise leaves the bytes to libFuzzer's own mutations. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "emit/emit.h"
#include "kb/kb.h"
#include "plan/plan.h"
#include "spec/lex.h"
#include "util/esc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);

static Arena kb_arena;
static const Kb *kb;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  kb_arena = arena_make(DRIVER_ARENA_BYTES);
  DiagSink sink = {.arena = &kb_arena};
  kb = kb_load(&kb_arena, NULL, &sink);
  if (!kb) {
    fputs("fuzz_emit: the built-in knowledge base does not load\n", stderr);
    abort();
  }
  return 0;
}

static void fail(const char *file, const char *what, Str text, ptrdiff_t at) {
  fprintf(stderr, "fuzz_emit: %s: %s (at byte %td)\n--- around it ---\n", file, what, at);
  ptrdiff_t from = at > 200 ? at - 200 : 0, to = at + 200 < text.n ? at + 200 : text.n;
  fwrite(text.p + from, 1, (size_t)(to - from), stderr);
  fputs("\n---\n", stderr);
  abort();
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcmp(s + n - k, suffix);
}

/* ---- UTF-8 and hostile code points ---- */

static void check_text(const char *file, Str t, bool sql) {
  bool in_str = false;
  for (ptrdiff_t i = 0; i < t.n;) {
    int32_t cp;
    int len = esc_next(t, i, &cp);
    if (cp < 0)
      fail(file, "a byte that is not UTF-8", t, i);
    if (sql && cp == '\'')
      in_str = !in_str;   /* '' inside a literal toggles twice */
    if (esc_hostile(cp) && cp != '\t' && cp != '\n' && cp != '\r' && !(sql && in_str))
      fail(file, "a raw hostile code point", t, i);
    i += len;
  }
}

/* ---- JSON (RFC 8259) ---- */

typedef struct {
  Str t;
  ptrdiff_t i;
  int depth;
} Js;

static void ws(Js *j) {
  while (j->i < j->t.n && strchr(" \t\n\r", j->t.p[j->i]) && j->t.p[j->i])
    j->i++;
}

static bool jstring(Js *j) {
  if (j->i >= j->t.n || j->t.p[j->i] != '"')
    return false;
  for (j->i++; j->i < j->t.n;) {
    unsigned char c = (unsigned char)j->t.p[j->i++];
    if (c == '"')
      return true;
    if (c < 0x20)
      return false;
    if (c == '\\') {
      if (j->i >= j->t.n)
        return false;
      c = (unsigned char)j->t.p[j->i++];
      if (c == 'u') {
        for (int k = 0; k < 4; k++, j->i++)
          if (j->i >= j->t.n || !j->t.p[j->i] || !strchr("0123456789abcdefABCDEF", j->t.p[j->i]))
            return false;
      } else if (!c || !strchr("\"\\/bfnrt", c))
        return false;
    }
  }
  return false;
}

static bool jvalue(Js *j) {
  ws(j);
  if (j->i >= j->t.n)
    return false;
  char c = j->t.p[j->i];
  if (c == '{' || c == '[') {
    if (++j->depth > 500)
      return false;
    char close = c == '{' ? '}' : ']';
    j->i++;
    ws(j);
    if (j->i < j->t.n && j->t.p[j->i] == close) {
      j->i++, j->depth--;
      return true;
    }
    for (;;) {
      if (c == '{') {
        ws(j);
        if (!jstring(j))
          return false;
        ws(j);
        if (j->i >= j->t.n || j->t.p[j->i++] != ':')
          return false;
      }
      if (!jvalue(j))
        return false;
      ws(j);
      if (j->i >= j->t.n)
        return false;
      if (j->t.p[j->i] == ',') {
        j->i++;
        continue;
      }
      if (j->t.p[j->i++] != close)
        return false;
      j->depth--;
      return true;
    }
  }
  if (c == '"')
    return jstring(j);
  static const char *const words[] = {"true", "false", "null"};
  for (int k = 0; k < 3; k++) {
    size_t l = strlen(words[k]);
    if (j->t.n - j->i >= (ptrdiff_t)l && !memcmp(j->t.p + j->i, words[k], l)) {
      j->i += (ptrdiff_t)l;
      return true;
    }
  }
  ptrdiff_t start = j->i;
  if (j->i < j->t.n && j->t.p[j->i] == '-')
    j->i++;
  while (j->i < j->t.n && ((j->t.p[j->i] >= '0' && j->t.p[j->i] <= '9') || strchr(".eE+-", j->t.p[j->i])) &&
         j->t.p[j->i])
    j->i++;
  return j->i > start;
}

static void check_json(const char *file, Str t) {
  Js j = {t, 0, 0};
  bool ok = jvalue(&j);
  ws(&j);
  if (!ok || j.i != t.n)
    fail(file, "malformed JSON", t, j.i);
}

/* ---- XML well-formedness (what Graphviz's SVG uses) ---- */

static bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == ':' || c == '.';
}

static void check_xml(const char *file, Str t) {
  enum { MAXD = 256 };
  Str stack[MAXD];
  int depth = 0;
  bool root_done = false;
  for (ptrdiff_t i = 0; i < t.n;) {
    char c = t.p[i];
    if (c == '&') {
      ptrdiff_t k = i + 1;
      while (k < t.n && k - i < 12 && t.p[k] != ';' && (name_char(t.p[k]) || t.p[k] == '#'))
        k++;
      if (k >= t.n || t.p[k] != ';' || k == i + 1)
        fail(file, "an unclosed or bare '&'", t, i);
      i = k + 1;
      continue;
    }
    if (c != '<') {
      i++;
      continue;
    }
    const char *ends = NULL;
    if (t.n - i >= 4 && !memcmp(t.p + i, "<!--", 4))
      ends = "-->";
    else if (t.n - i >= 2 && (t.p[i + 1] == '?'))
      ends = "?>";
    else if (t.n - i >= 2 && t.p[i + 1] == '!')
      ends = ">";
    if (ends) {
      const char *e = NULL;
      for (ptrdiff_t k = i + 2; k + (ptrdiff_t)strlen(ends) <= t.n && !e; k++)
        if (!memcmp(t.p + k, ends, strlen(ends)))
          e = t.p + k;
      if (!e)
        fail(file, "an unclosed comment or declaration", t, i);
      i = e - t.p + (ptrdiff_t)strlen(ends);
      continue;
    }
    bool closing = i + 1 < t.n && t.p[i + 1] == '/';
    ptrdiff_t k = i + 1 + closing, ns = k;
    while (k < t.n && name_char(t.p[k]))
      k++;
    Str name = {t.p + ns, k - ns};
    if (!name.n)
      fail(file, "a '<' that starts no tag", t, i);
    if (closing) {
      while (k < t.n && strchr(" \t\n\r", t.p[k]) && t.p[k])
        k++;
      if (k >= t.n || t.p[k] != '>' || !depth || !str_eq(stack[depth - 1], name))
        fail(file, "a closing tag that closes nothing open", t, i);
      depth--;
      root_done = !depth;
      i = k + 1;
      continue;
    }
    if (root_done)
      fail(file, "a second root element", t, i);
    /* attributes: name = "value" or 'value' */
    for (;;) {
      while (k < t.n && strchr(" \t\n\r", t.p[k]) && t.p[k])
        k++;
      if (k >= t.n)
        fail(file, "an unclosed tag", t, i);
      if (t.p[k] == '>' || (t.p[k] == '/' && k + 1 < t.n && t.p[k + 1] == '>'))
        break;
      ptrdiff_t an = k;
      while (k < t.n && name_char(t.p[k]))
        k++;
      if (k == an || k >= t.n || t.p[k] != '=' || k + 1 >= t.n || (t.p[k + 1] != '"' && t.p[k + 1] != '\''))
        fail(file, "an attribute without a quoted value", t, k);
      char q = t.p[k + 1];
      k += 2;
      while (k < t.n && t.p[k] != q) {
        if (t.p[k] == '<')
          fail(file, "'<' in an attribute value", t, k);
        k++;
      }
      if (k >= t.n)
        fail(file, "an unclosed attribute value", t, an);
      k++;
    }
    if (t.p[k] == '/') {
      root_done = !depth;
      i = k + 2;
      continue;
    }
    if (depth == MAXD)
      fail(file, "elements nested too deep", t, i);
    stack[depth++] = name;
    i = k + 1;
  }
  if (depth || !root_done)
    fail(file, "elements left open, or no root", t, t.n);
}

/* ---- SQL: names are quoted identifiers ---- */

static void check_sql(const char *file, Str t) {
  static const char *const before[] = {"CREATE TABLE ", "CREATE INDEX ", " ON ", "REFERENCES ", "ALTER TABLE ",
                                       "CREATE UNIQUE INDEX ", "INSERT INTO ", 0};
  bool in_str = false, in_comment = false;
  for (ptrdiff_t i = 0; i < t.n; i++) {
    char c = t.p[i];
    if (in_comment) {
      in_comment = c != '\n';
      continue;
    }
    if (c == '\'') {
      in_str = !in_str;
      continue;
    }
    if (in_str)
      continue;
    if (c == '-' && i + 1 < t.n && t.p[i + 1] == '-') {
      in_comment = true;
      continue;
    }
    for (int k = 0; before[k]; k++) {
      size_t l = strlen(before[k]);
      if (t.n - i > (ptrdiff_t)l && !memcmp(t.p + i, before[k], l)) {
        ptrdiff_t j = i + (ptrdiff_t)l;
        static const char *const skip[] = {"IF NOT EXISTS ", "COLUMN ", "TABLE ", 0};
        for (int w = 0; skip[w]; w++)
          if (!strncmp(t.p + j, skip[w], strlen(skip[w])))
            j += (ptrdiff_t)strlen(skip[w]);
        /* ON DELETE / ON UPDATE / ON CONFLICT are clauses, not names. */
        static const char *const clause[] = {"DELETE", "UPDATE", "CONFLICT", "VIRTUAL", 0};
        bool is_clause = false;
        for (int w = 0; clause[w]; w++)
          is_clause |= !strncmp(t.p + j, clause[w], strlen(clause[w]));
        if (t.p[j] != '"' && !is_clause)
          fail(file, "a name that is not a quoted identifier", t, j);
      }
    }
  }
}

static void check_file(const OutFile *f) {
  Str t = buf_view(&f->text);
  bool sql = ends_with(f->path, ".sql");
  check_text(f->path, t, sql);
  if (ends_with(f->path, ".json"))
    check_json(f->path, t);
  else if (ends_with(f->path, ".svg") && !str_has_prefix(t, S("<!-- plinth: this diagram could not")))
    check_xml(f->path, t);
  else if (sql)
    check_sql(f->path, t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size ? size : 1);
  if (!text)
    return 0;
  if (size)
    memcpy(text, data, size);
  Compilation c;
  driver_init(&c, NULL, NULL);
  driver_set_text(&c, "fuzz.plinth", (Str){text, (ptrdiff_t)size});
  c.kb = kb;   /* loaded once, above: the driver does not load it again */
  if (driver_plan_with(&c, &(DriveOpts){.depth = DRIVE_DECIDED})) {
    OutFiles files = {0};
    emit_all(c.plan, &files);
    const Artifact *bundle = emit_artifact("test-bundle");
    if (bundle && bundle->emit_many)
      bundle->emit_many(c.plan, &files);
    for (int i = 0; i < files.n; i++)
      check_file(&files.v[i]);
    outfiles_free(&files);
  }
  driver_free(&c);
  free(text);
  return 0;
}

/* ---- the mutator ---- */

static uint32_t rnd(uint32_t *s) {
  *s ^= *s << 13, *s ^= *s >> 17, *s ^= *s << 5;
  return *s;
}

static const char *const names[] = {
  "User", "Task", "Order", "order", "select", "default", "default_author", "Café", "Ünïcødé", "日本語", "x",
  "A_b-c", "id", "created_at", "user", "Users", "status", "type", "TABLE", "Entity_2", "ЖЖЖ", "𝔘𝔫𝔦",
  "loooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooong", "ab-cd", "_x", "per", "count",
};
static const char *const strings[] = {
  "\"A\\nb: [\"", "\"\xe2\x80\xa8\xe2\x80\xa9\xc2\x85\xef\xbb\xbf\"", "\"\xef\xbf\xbf\xef\xbf\xbe\xf4\x8f\xbf\xbf\"",
  "\"\xe2\x80\xae\xe2\x81\xa6rtl\xe2\x81\xa9\"", "\"\xc2\x9b\x31m\xc2\x80\"", "\"</script><!-- & -->\"",
  "\"{job=\\\"x\\\"} --- | `x` # y\"", "\"'; DROP TABLE x; --\"", "\"\\t\\\\\\\"\"", "\"\"", "\"\x01\x07\x1b[31m\x7f\"",
  "\"%s%n{{x}}${x}\"", "\"Ünïcødé 日本語 𝔘\"",
};
static const char *const numbers[] = {
  "0", "1", "-1", "10k", "1.5M", "2B", "1e15", "999999999999999", "50,000", "$0", "$1e15", "$50", "10%",
  "100%", "0.5%", "10MB", "1GB", "1h", "200ms", "3s", "5x", "1000000", "7", "0.0001",
};

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed) {
  uint32_t s = seed | 1;
  if (rnd(&s) % 4 == 0 || !size)
    return LLVMFuzzerMutate(data, size, max);
  /* The tokens that can change without breaking the grammar. */
  enum { MAXT = 4096 };
  static ptrdiff_t off[MAXT], len[MAXT];
  static TokenKind kind[MAXT];
  int nt = 0;
  for (ptrdiff_t i = 0; i < (ptrdiff_t)size && nt < MAXT;) {
    TokenKind k;
    ptrdiff_t l = lex_token((const char *)data + i, (ptrdiff_t)size - i, &k);
    if (l <= 0)
      break;
    if (k == TK_IDENT || k == TK_STRING || k == TK_NUMBER)
      off[nt] = i, len[nt] = l, kind[nt++] = k;
    i += l;
  }
  if (!nt)
    return LLVMFuzzerMutate(data, size, max);
  int t = (int)(rnd(&s) % (uint32_t)nt);
  char rep[256];
  const char *r;
  if (kind[t] == TK_STRING)
    r = strings[rnd(&s) % (sizeof strings / sizeof *strings)];
  else if (kind[t] == TK_NUMBER)
    r = numbers[rnd(&s) % (sizeof numbers / sizeof *numbers)];
  else if (rnd(&s) % 3 == 0) {
    /* Another name already in the spec: a reference that resolves. */
    int u = (int)(rnd(&s) % (uint32_t)nt);
    ptrdiff_t l = kind[u] == TK_IDENT && len[u] < (ptrdiff_t)sizeof rep ? len[u] : 0;
    memcpy(rep, data + off[u], (size_t)l);
    rep[l] = 0;
    r = l ? rep : names[0];
  } else
    r = names[rnd(&s) % (sizeof names / sizeof *names)];
  size_t rl = strlen(r);
  size_t nsize = size - (size_t)len[t] + rl;
  if (nsize > max)
    return LLVMFuzzerMutate(data, size, max);
  char tmp[256];
  memcpy(tmp, r, rl);
  memmove(data + off[t] + rl, data + off[t] + len[t], size - (size_t)(off[t] + len[t]));
  memcpy(data + off[t], tmp, rl);
  return nsize;
}
