#!/bin/sh
# Pathological inputs: generated on the fly (no huge files in the tree),
# each run under a timeout. Every case asserts that plinth
#   - did not crash or hang (exit status 0, 1 or 2; never 124 or >= 128),
#   - printed no sanitizer report on stderr,
#   - gave the expected outcome (an exit status, and a message where the
#     outcome is an error).
# Run from the repository root:
#   PLINTH=./plinth sh tests/patho/run.sh
#   PLINTH=build/asan/plinth sh tests/patho/run.sh
# PATHO_TIMEOUT (seconds per run, default 20) and PATHO_SKIP (space-separated
# case names) are for local use. Prints "ok NAME" per passing case and, last,
# "N passed, M failed"; exits non-zero when a case fails.
set -u
PLINTH=${PLINTH:-./plinth}
LIMIT=${PATHO_TIMEOUT:-20}
SKIP=${PATHO_SKIP:-}
LC_ALL=C
export LC_ALL

case $PLINTH in
/*) ;;
*) PLINTH=$PWD/$PLINTH ;;
esac
if [ ! -x "$PLINTH" ]; then
  echo "patho: no plinth binary at $PLINTH (set PLINTH)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/plinth-patho.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
EX=$PWD/examples
. tests/lib.sh

# ---- running plinth ----

# run ARGS...: plinth with ARGS; sets rc, stdout in $T/out, stderr in $T/err.
run() {
  timeout -k 5 "$lim" "$PLINTH" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

# run_stdin FILE ARGS...: the same with FILE on standard input.
run_stdin() {
  f=$1
  shift
  timeout -k 5 "$lim" "$PLINTH" "$@" <"$f" >"$T/out" 2>"$T/err"
  rc=$?
}

# run_capped MB ARGS...: the same with stdout limited to MB megabytes
# (ulimit -f counts 512-byte blocks); going over sets rc to 128+SIGXFSZ.
run_capped() {
  mb=$1
  shift
  (ulimit -f $((mb * 2048)) && exec timeout -k 5 "$lim" "$PLINTH" "$@") >"$T/out" 2>"$T/err"
  rc=$?
}

# run_small_stack ARGS...: the same with a 1100 KiB stack (Lua's test).
run_small_stack() {
  (ulimit -s 1100 && exec timeout -k 5 "$lim" "$PLINTH" "$@") >"$T/out" 2>"$T/err"
  rc=$?
}

# limit SECONDS: a shorter time limit for the rest of this case (tiny
# inputs: anything slower is a hang, and the suite stays fast when one is).
limit() { if [ "$1" -lt "$LIMIT" ]; then lim=$1; fi; }

# ---- assertions on the last run; each failure adds to $problem ----

flaw() { problem="$problem${problem:+; }$*"; }

# status WANT: no crash, no hang, no sanitizer report, exit status WANT.
status() {
  if [ "$rc" -eq 124 ]; then
    flaw "timed out after ${lim}s"
  elif [ "$rc" -ge 128 ]; then
    flaw "killed by signal $((rc - 128))"
  elif [ "$rc" -gt 2 ]; then
    flaw "exit status $rc (not 0, 1 or 2)"
  elif [ "$rc" -ne "$1" ]; then
    flaw "exit status $rc, expected $1"
  fi
  if grep -Eq 'Sanitizer|runtime error:|^==[0-9]+==|^SUMMARY: ' "$T/err"; then
    flaw "sanitizer report on stderr"
  fi
}

err_has() { grep -Fq -- "$1" "$T/err" || flaw "stderr lacks '$1'"; }
out_has() { grep -Fq -- "$1" "$T/out" || flaw "stdout lacks '$1'"; }

# err_max BYTES: the diagnostics stay small (names and lines are clipped).
err_max() {
  n=$(wc -c <"$T/err")
  [ "$n" -le "$1" ] || flaw "stderr is $n bytes (limit $1)"
}

# utf8 FILE WHAT: FILE is valid UTF-8 (checked with iconv, when there is one).
if command -v iconv >/dev/null 2>&1; then
  utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || flaw "$2 is not valid UTF-8"; }
else
  utf8() { :; }
fi

# ---- the harness ----

t() {
  name=$1
  case " $SKIP " in
  *" $name "*)
    echo "skip $name"
    return
    ;;
  esac
  problem=""
  rc=0
  lim=$LIMIT
  : >"$T/out"
  : >"$T/err"
  "case_$name"
  if [ -z "$problem" ]; then
    ok "$name"
  else
    bad "$name: $problem"
    if [ -s "$T/err" ]; then
      echo "  stderr (first 1500 bytes, other than printable ASCII as '?'):"
      head -c 1500 "$T/err" | tr -c '\n\040-\176' '?' | sed 's/^/  | /'
      echo
    fi
  fi
}

# ---- generators (awk; deterministic) ----

# big NAME BYTES CHAR: a string variable of BYTES copies of CHAR for awk -v.
# (awk doubles a string until it is long enough.)
AWK_BIG='function big(c, n,   s) { s = c; while (length(s) < n) s = s s; return substr(s, 1, n) }'

# ---- cases ----

# 100,000 '{' after an entity name: reported, not recursed into.
case_deep_braces_entity() {
  awk 'BEGIN { printf "entity A "; for (i = 0; i < 100000; i++) printf "{"; print "" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "expected '}' to close 'entity' at line 1"
  err_max 4000
}

# 100,000 '{' at top level, then as many '}'.
case_deep_braces_top() {
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{"; for (i = 0; i < 100000; i++) printf "}"; print "" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "expected 'project', 'entity', 'feature' or 'integration', found '{'"
  err_max 4000
}

# 100,000 '(' in an enum, and in a string length.
case_deep_parens() {
  awk 'BEGIN { printf "entity A {\n  x enum"; for (i = 0; i < 100000; i++) printf "(";
               printf "\n  y string"; for (i = 0; i < 100000; i++) printf "(";
               print "\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "error:"
  err_max 4000
}

# 100,000 '{' opening a feature's option block and a team's skills block.
case_deep_braces_blocks() {
  awk 'BEGIN { printf "project \"P\" {\n  team 3 "; for (i = 0; i < 100000; i++) printf "{";
               printf "\n}\nentity A {\n  x int\n}\nfeature crud A ";
               for (i = 0; i < 100000; i++) printf "{"; print "" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "error:"
  err_max 8000
}

# A 1 MB identifier as an entity name: over the 255-byte name limit
# (OpenAPI's YAML keys), one error with the name clipped in the message.
case_huge_ident_entity() {
  awk -v n=1000000 "$AWK_BIG"' BEGIN { print "entity " big("A", n) " {\n  x int\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "is 1000000 bytes long; the limit is 255"
  err_max 4000
}

# A 1 MB identifier as a field type: an unknown type, its name clipped.
case_huge_ident_type() {
  awk -v n=1000000 "$AWK_BIG"' BEGIN { print "entity A {\n  x " big("T", n) "\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unknown type 'TTTT"
  err_has "...'"
  err_max 4000
}

# A 1 MB identifier in a relation, to an entity that does not exist.
case_huge_ident_relation() {
  awk -v n=1000000 "$AWK_BIG"' BEGIN { print "entity A {\n  x -> " big("R", n) "\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unknown entity 'RRRR"
  err_max 4000
}

# A 1 MB entity name referred to with one byte changed, and a 1 MB field
# reference: the did-you-mean search must not run an edit distance over
# megabytes.
case_huge_ident_misspelt() {
  awk -v n=1000000 "$AWK_BIG"' BEGIN {
    s = big("N", n)
    print "entity " s " {\n  x int\n}"
    print "entity B {\n  y -> " substr(s, 1, n - 1) "M\n}"
    print "feature notify email on " s "." big("x", n) }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unknown entity 'NNNN"
  err_has "has no field 'xxxx"
  err_max 4000
  # The parser's suggestions: a 1 MB option name and a 1 MB misspelt keyword.
  awk -v n=1000000 "$AWK_BIG"' BEGIN {
    print "entity B {\n  x int\n}"
    print "feature crud B { " big("p", n) " }"
    print "entit" big("y", n) " C {\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unknown option 'pppp"
  err_has "found 'entityyyy"
  err_max 4000
}

# A 1 MB number and a 1 MB string.
case_huge_number_string() {
  awk -v n=1000000 "$AWK_BIG"' BEGIN {
    print "project \"" big("s", n) "\" {\n  idea \"" big("i", n) "\"\n  users " big("9", n) "\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "number out of range"
  err_max 4000
}

# 100,000 entities: valid, and every command finishes.
case_many_entities() {
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "entity E%d {\n  x int\n  y string(20)\n}\n", i }' >"$T/in"
  run check "$T/in"
  status 0
  err_has "100000 entities"
  run model --json "$T/in"
  status 0
  out_has '"E99999"'
  run estimate "$T/in"
  status 0
}

# 200,001 entities: the entity limit.
case_entity_limit() {
  awk 'BEGIN { for (i = 0; i <= 200000; i++) printf "entity E%d {\n}\n", i }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "too many entities (limit is 200000)"
}

# A chain of 100,000 entities, each owned by the previous one.
case_ownership_chain() {
  awk 'BEGIN { print "entity E0 {\n  x int\n}"
               for (i = 1; i < 100000; i++) printf "entity E%d {\n  p -> E%d\n  per E%d ~ 1\n}\n", i, i - 1, i - 1 }' >"$T/in"
  run check "$T/in"
  status 0
  err_has "100000 entities"
  run estimate "$T/in"
  status 0
}

# The same chain through `model --json`, whose output must not grow with
# the square of the chain's length: 100,000 unrelated entities make about
# 115 MB of JSON in 2 s under ASan, so 512 MB and 10 s are plenty.
case_ownership_chain_json() {
  awk 'BEGIN { print "entity E0 {\n  x int\n}"
               for (i = 1; i < 100000; i++) printf "entity E%d {\n  p -> E%d\n  per E%d ~ 1\n}\n", i, i - 1, i - 1 }' >"$T/in"
  limit 10
  run_capped 512 model --json "$T/in"
  if [ "$rc" -eq $((128 + 25)) ]; then
    flaw "model --json wrote over 512 MB for a 4.8 MB spec (output quadratic in the chain length?)"
    rc=0
  fi
  status 0
  : >"$T/out"
}

# The same chain declared from the leaf up, and closed into one big cycle.
case_ownership_cycle() {
  awk 'BEGIN { for (i = 99999; i >= 0; i--) printf "entity E%d {\n  p -> E%d\n}\n", i, (i + 1) % 100000 }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "ownership cycle"
}

# Limits inside one declaration: fields, enum values, list words.
case_item_limits() {
  awk 'BEGIN { printf "entity A {\n"; for (i = 0; i < 5000; i++) printf "  f%d int\n", i; print "}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "too many fields in one entity (limit is 4096)"
  awk 'BEGIN { printf "entity A {\n  x enum(v0"; for (i = 1; i < 100000; i++) printf ", v%d", i; print ")\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "too many enum values (limit is 4096)"
  awk 'BEGIN { printf "project \"P\" {\n  region"; for (i = 0; i < 100000; i++) printf " r%d", i; print "\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "too many words in one list (limit is 4096)"
  awk 'BEGIN { printf "entity A {\n  x int\n}\nfeature query A { window"; for (i = 0; i < 100000; i++) printf " %dh", i + 1; print " }" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "too many values (limit is 4096)"
}

# 100,000 features on one entity and 100,000 integrations.
case_many_features() {
  awk 'BEGIN { print "entity A {\n  x int\n}"; for (i = 0; i < 100000; i++) print "feature crud A { paginate }";
               for (i = 0; i < 100000; i++) printf "integration s%d { kind email }\n", i }' >"$T/in"
  run check "$T/in"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || flaw "exit status $rc"
  status "$rc"
}

# 100,000 errors: the sink stops after 20 and says so.
case_many_errors() {
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "entity E%d {\n  x strng\n}\n", i }' >"$T/in"
  run check "$T/in"
  status 1
  # 100,000 identical errors: three shown, the rest one note with the count.
  err_has "99997 more errors like the one at line 2, the last here"
  err_max 8000
}

# A NUL byte in an entity.
case_nul_entity() {
  limit 5
  printf 'entity A {\n  x\000 int\n}\n' >"$T/in"
  run check "$T/in"
  status 1
  err_has "NUL byte in input"
}

# A NUL byte alone on a line of the project block.
case_nul_project() {
  limit 5
  printf 'project "P" {\n\000\n  users 10\n}\n' >"$T/in"
  run check "$T/in"
  status 1
  err_has "NUL byte in input"
}

# An unexpected character alone on a line of the project block.
case_bad_char_project() {
  limit 5
  printf 'project "P" {\n  @\n  users 10\n}\n' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unexpected character '@'"
}

# Invalid UTF-8 in identifiers: a stray byte, an overlong, a surrogate,
# a truncated sequence at the end of the file.
case_utf8_ident() {
  limit 5
  printf 'entity A\377 {\n  x int\n}\nentity B {\n  \300\200 int\n  y\355\240\200 int\n}\nentity C\342\202' >"$T/in"
  run check "$T/in"
  status 1
  err_has "invalid UTF-8 byte 0xFF"
  err_has "invalid UTF-8 byte 0xC0"
  err_has "invalid UTF-8 byte 0xED"
  utf8 "$T/err" "stderr"
}

# Invalid UTF-8 in a comment: ignored, and any rendered line stays valid.
case_utf8_comment() {
  limit 5
  printf '# \377\376 \300\200 \355\240\200\nentity A { # \377\n  x int # \342\202\n}\n' >"$T/in"
  run check "$T/in"
  status 0
  utf8 "$T/err" "stderr"
  printf 'entity A {\n  x int @ # \377\300\200\n}\n' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unexpected character '@'"
  utf8 "$T/err" "stderr"
}

# Invalid UTF-8 in strings: refused, or at least never copied into the
# JSON output (RFC 8259 requires UTF-8).
case_utf8_string() {
  limit 5
  printf 'project "P\377" {\n  idea "\300\200 and \355\240\200"\n}\nentity A {\n  x string = "\342\202"\n}\n' >"$T/in"
  run model --json "$T/in"
  if [ "$rc" -eq 0 ]; then
    status 0
    utf8 "$T/out" "model --json output"
  else
    status 1
  fi
  utf8 "$T/err" "stderr"
}

# 17 MiB, just over the 16 MiB limit by a byte, and exactly the limit.
case_size_limit() {
  awk 'BEGIN { s = "#"; while (length(s) < 1023) s = s "x"; for (i = 0; i < 17 * 1024; i++) print s }' >"$T/in"
  run check "$T/in"
  status 2
  err_has "larger than the 16 MiB limit"
  run_stdin "$T/in" check -
  status 2
  err_has "larger than the 16 MiB limit"
  awk 'BEGIN { s = "#"; while (length(s) < 1023) s = s "x"; for (i = 0; i < 16 * 1024; i++) print s }' >"$T/in"
  run check "$T/in"
  status 0
  printf ' ' >>"$T/in"
  run check "$T/in"
  status 2
  err_has "larger than the 16 MiB limit"
}

case_empty_file() {
  limit 5
  : >"$T/in"
  run check "$T/in"
  status 0
  err_has "0 entities"
  run model --json "$T/in"
  status 0
  out_has "{"
  run estimate "$T/in"
  status 0
}

case_only_comments() {
  awk 'BEGIN { for (i = 0; i < 1000; i++) printf "# comment %d { ( \" [\n", i; printf "# no newline at the end" }' >"$T/in"
  run check "$T/in"
  status 0
  err_has "0 entities"
}

# Only blank lines, spaces, tabs and CRs.
case_only_blanks() {
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf " \t\r\n" }' >"$T/in"
  run check "$T/in"
  status 0
  err_has "0 entities"
}

# 1 MB of pseudo-random bytes (awk's generator, seed 42).
case_random_bytes() {
  awk 'BEGIN { srand(42); for (i = 0; i < 1000000; i++) printf "%c", int(rand() * 256) }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "error:"
  err_max 40000
}

# 1 MB of random tokens of the language, with newlines: exercises error
# recovery in every block.
case_random_tokens() {
  awk 'BEGIN { srand(42)
    n = split("project entity feature integration { } ( ) [ ] -> <-> ~ = ? . , ; : > >= < <= / " \
              "\"s\" 10 10k $5 20% 5x 200ms 50,000/day users team skills idea budget latency p95 " \
              "int string(10) text enum(a,b) blob money -> per A B User ~ count retain grows size " \
              "auth crud upload notify email on before every realtime deliver order query window " \
              "report daily kind payments unique max min optional @ # \n \n \n", w, " ")
    w[n + 1] = "\n"; w[n + 2] = "}"; w[n + 3] = "{"; n += 3
    for (len = 0; len < 1000000;) { t = w[int(rand() * n) + 1]; printf "%s ", t; len += length(t) + 1 } }' >"$T/in"
  run check "$T/in"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || flaw "exit status $rc"
  status "$rc"
  err_max 40000
}

# A 1 MB line with the error at its end, at its start, and in the middle
# of multibyte characters: the renderer clips the line to a window.
case_long_line() {
  awk -v n=1000000 "$AWK_BIG"' BEGIN { print "entity A {\n  x int" big(" ", n) "@\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unexpected character '@'"
  err_has "..."
  err_max 2000
  awk -v n=1000000 "$AWK_BIG"' BEGIN { print "entity A {\n  x int @ #" big("y", n) "\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "..."
  err_max 2000
  awk -v n=300000 "$AWK_BIG"' BEGIN { print "entity A {\n  x int # " big("\303\251\342\202\254", n) "\n  y int " big("\360\237\230\200", n) " @ " big("\303\251", n) "\n}" }' >"$T/in"
  run check "$T/in"
  status 1
  err_has "unexpected character '@'"
  err_max 2000
  utf8 "$T/err" "stderr"
}

# CRLF line endings: the same model as with LF.
case_crlf() {
  for ex in "$EX"/*.plinth; do
    awk '{ printf "%s\r\n", $0 }' "$ex" >"$T/in"
    run model --json "$ex"
    mv "$T/out" "$T/lf"
    run model --json "$T/in"
    status 0
    cmp -s "$T/lf" "$T/out" || flaw "$(basename "$ex"): CRLF model differs from LF"
  done
  printf 'entity A {\r\n  x int @\r\n}\r\n' >"$T/in"
  run check "$T/in"
  status 1
  grep -q "$(printf '\r')" "$T/err" && flaw "a CR reached the rendered diagnostic"
  :
}

# Standard input via '-'.
case_stdin() {
  run_stdin "$EX/taskflow.plinth" check -
  status 0
  err_has "<stdin>: "
  run_stdin "$EX/taskflow.plinth" model --json -
  status 0
  mv "$T/out" "$T/stdin"
  run model --json "$EX/taskflow.plinth"
  cmp -s "$T/stdin" "$T/out" || flaw "model from stdin differs from the file's"
  printf 'entity A {\n  x strng\n}\n' >"$T/in"
  run_stdin "$T/in" check -
  status 1
  err_has "<stdin>:2:5: error: unknown type 'strng'"
  run_stdin /dev/null check -
  status 0
}

case_missing_file() {
  limit 5
  run check "$T/does-not-exist.plinth"
  status 2
  err_has "cannot open"
  err_has "does-not-exist.plinth"
}

case_directory() {
  limit 5
  mkdir -p "$T/dir.plinth"
  run check "$T/dir.plinth"
  status 2
  err_has "plinth: "
  err_has "dir.plinth"
}

# The examples with a 1100 KiB stack, and deep nesting with it.
case_small_stack() {
  for ex in "$EX"/*.plinth; do
    for cmd in check model estimate; do
      run_small_stack "$cmd" "$ex"
      status 0
      [ -z "$problem" ] || { flaw "($cmd $(basename "$ex"))"; return; }
    done
    run_small_stack model --json "$ex"
    status 0
  done
  awk 'BEGIN { printf "entity A "; for (i = 0; i < 100000; i++) printf "{"; print "" }' >"$T/in"
  run_small_stack check "$T/in"
  status 1
}

# A deadline a thousand million years away: the roadmap's gantt chart
# draws a bounded number of week lines, not one per week.
case_far_deadline() {
  limit 20
  sed 's/deadline 6 weeks/deadline 99999999999999 weeks/' "$EX/taskflow.plinth" >"$T/in"
  run plan -o "$T/plan" "$T/in"
  status 0
  [ -f "$T/plan/diagrams/roadmap.svg" ] || flaw "no diagrams/roadmap.svg"
  rm -rf "$T/plan"
}

# A FIFO no process writes to, as the spec and as diff's second spec:
# opening it must not wait for a writer (it reads as an empty spec).
case_fifo() {
  limit 10
  mkfifo "$T/fifo" || { flaw "mkfifo failed"; return; }
  run check "$T/fifo"
  status 0
  err_has "0 entities"
  run diff "$EX/taskflow.plinth" "$T/fifo"
  [ "$rc" -ne 124 ] || flaw "diff waited for a writer"
  # In a --kb folder, a FIFO is an empty file and a folder named *.kb an
  # I/O error, not an empty file.
  mkdir -p "$T/kb/dir.kb"
  mv "$T/fifo" "$T/kb/fifo.kb"
  run kb check --kb "$T/kb"
  status 2
  err_has "dir.kb': Is a directory"
  rm -rf "$T/kb"
}

# A load of a thousand million million reads a second: every store's
# copies are counted in range (no int overflow in the topology), and the
# spec plans or fails with a diagnostic.
case_absurd_load() {
  limit 20
  cat >"$T/in" <<'EOF'
project "Self" {
  users 1000000000000000
  requests 999999999999999/s
  peak 1000000x
  budget $0/month
  availability 99.99999%
}
entity Node {
  parent -> Node?
  next -> Node?
  name string(255)
}
entity A {
  b -> B?
}
entity B {
  a -> A?
  per A ~ 1000000
}
feature crud Node { search name paginate }
feature crud A
feature realtime Node
feature notify email on Node.name
EOF
  run plan --format json "$T/in"
  [ "$rc" -le 1 ] || flaw "exit status $rc"
  status "$rc"
  grep -q -- '"instances": -' "$T/out" && flaw "a negative instance count"
  :
}

# Work starting on the last four-digit date: the days after it are in
# year 10000, not wrapped round to year 0000.
case_last_start_date() {
  limit 10
  sed 's/deadline 6 weeks/start 9999-12-31/' "$EX/taskflow.plinth" >"$T/in"
  run roadmap "$T/in"
  status 0
  out_has "starts on 9999-12-31; at this pace the last task ends on 10000-"
  grep -q ' 0000-' "$T/out" && flaw "a date wrapped round to year 0000"
  :
}

# A --kb folder of 1,100 small files: every one is loaded (the last by
# name holds the only error), each costing its own size, not the 4 MiB
# limit (the binary before read 1,024 of them, in readdir's order, into
# 4 MiB each and ran out of memory).
case_kb_many_files() {
  limit 10
  mkdir -p "$T/kb"
  awk -v d="$T/kb" 'BEGIN { for (i = 1; i <= 1100; i++) { f = sprintf("%s/f%04d.kb", d, i)
    printf "vocab v%04d {\n  w%d \"meaning\"\n}\n", i, i >f; close(f) } }'
  printf 'vocab zz {\n  w @\n}\n' >"$T/kb/f1100.kb"
  run kb check --kb "$T/kb"
  status 1
  err_has "f1100.kb:2:5: error: unexpected character '@'"
  rm -rf "$T/kb"
}

# A --kb folder whose self-run node has no vCPUs: the sizer gives such a
# node no class (it divided by the 0, and printed a NaN price: undefined
# behaviour under UBSan), and every slot is still planned or "cannot".
case_kb_zero_node() {
  limit 20
  mkdir -p "$T/kb"
  awk '/^figures self-hosted \{/, /^\}/' kb/planning.kb | sed 's/^  node-vcpu  *2 /  node-vcpu 0 /' >"$T/kb/node.kb"
  grep -q '^  node-vcpu 0 ' "$T/kb/node.kb" || flaw "setup: no node-vcpu figure to change"
  run plan --format json --kb "$T/kb" "$EX/taskflow.plinth"
  status 0
  grep -qiw 'nan' "$T/out" && flaw "NaN in the plan"
  rm -rf "$T/kb"
}

# Command-line words quoted back in usage errors: a 100 KB word clipped,
# invalid UTF-8 and an escape sequence shown as '?' (the binary before
# echoed all 100 KB, and the raw bytes).
case_cli_words() {
  limit 10
  w=$(awk -v n=100000 "$AWK_BIG"' BEGIN { print big("w", n) }')
  for args in "kb show" "compare aws-s3" "explain $EX/taskflow.plinth" "check $EX/taskflow.plinth"; do
    # shellcheck disable=SC2086
    run $args "$w"
    status 2
    err_has "wwww...'"
    err_max 600
  done
  run kb show "$(printf 'a\377b\033[31m')"
  status 2
  err_has "no technology 'a?b?[31m'"
  utf8 "$T/err" "stderr"
}

for c in deep_braces_entity deep_braces_top deep_parens deep_braces_blocks \
  huge_ident_entity huge_ident_type huge_ident_relation huge_ident_misspelt huge_number_string \
  many_entities entity_limit ownership_chain ownership_chain_json ownership_cycle item_limits \
  many_features many_errors nul_entity nul_project bad_char_project utf8_ident utf8_comment \
  utf8_string size_limit empty_file only_comments only_blanks random_bytes random_tokens \
  long_line crlf stdin missing_file directory small_stack far_deadline fifo absurd_load last_start_date \
  kb_many_files kb_zero_node cli_words; do
  t "$c"
done

summary
