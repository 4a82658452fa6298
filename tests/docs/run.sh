#!/bin/sh
# Documents suite: SPEC.md, ARCHITECTURE.md, BACKEND-PLAN.md and DESIGN.md
# for the four examples, tests/golden/specs/*.plinth, the bench generator's
# 100-entity spec and tests/docs/hostile.plinth (quotes, backticks, pipes,
# #, unicode, long names) must
#   - be written by `plinth plan SPEC -o DIR` (exit 0), twice identically;
#   - contain no placeholder ([...], TODO, TBD, <fill, lorem) and no empty
#     section (a heading followed by a heading of the same or a higher
#     level, or by the end of the file);
#   - parse: every ```mermaid block with the real Mermaid parser
#     (tests/validate/mermaid-parse.mjs), every file with markdownlint-cli2
#     under the committed .markdownlint-cli2.jsonc.
# Each checker is first shown a bad file, to prove it can fail.
set -u
PLINTH=${PLINTH:-./plinth}
DOCS="SPEC.md ARCHITECTURE.md BACKEND-PLAN.md DESIGN.md"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# scan FILE: prints each placeholder and empty section; exit 1 if any.
scan() {
  awk '
    BEGIN { bad = 0; level = 0; content = 1 }
    /^```/ { fence = !fence; content = 1; next }
    fence { next }
    tolower($0) ~ /\[\.\.\.\]|(^|[^a-z])(todo|tbd|lorem)([^a-z]|$)|<fill/ {
      printf "%s:%d: placeholder: %s\n", FILENAME, NR, $0; bad = 1
    }
    /^#+ / {
      n = index($0, " ") - 1
      if (level && !content && n <= level) {
        printf "%s:%d: empty section: %s\n", FILENAME, hline, htext; bad = 1
      }
      level = n; content = 0; hline = NR; htext = $0; next
    }
    /[^ ]/ { content = 1 }
    END {
      if (level && !content) { printf "%s:%d: empty section at the end: %s\n", FILENAME, hline, htext; bad = 1 }
      exit bad
    }' "$1"
}

# The checkers can fail.
printf '# A\n\n## B\n\n## C\n\ntext TODO later\n' > "$tmp/bad.md"
if scan "$tmp/bad.md" > "$tmp/scan.out"; then bad "scan rejects an empty section and a TODO"; else
  grep -q "empty section" "$tmp/scan.out" && grep -q placeholder "$tmp/scan.out" && ok "scan rejects an empty section and a TODO" ||
    bad "scan rejects an empty section and a TODO"
fi
printf '# A\n\ntext\n\n## B\n' > "$tmp/bad2.md"
if scan "$tmp/bad2.md" > /dev/null; then bad "scan rejects a heading at the end"; else ok "scan rejects a heading at the end"; fi
printf '# A\n\n```mermaid\nsequenceDiagram\n  a->>b: x; y\n```\n' > "$tmp/bad3.md"
if node tests/validate/mermaid-parse.mjs "$tmp/bad3.md" > /dev/null 2>&1; then bad "mermaid parser rejects a bad block"; else
  ok "mermaid parser rejects a bad block"; fi
printf '# A\n\n# B\n\n| a | b |\n| - |\n' > "$tmp/bad4.md"
if node_modules/.bin/markdownlint-cli2 --config .markdownlint-cli2.jsonc "$tmp/bad4.md" > /dev/null 2>&1; then
  bad "markdownlint rejects a bad file"; else ok "markdownlint rejects a bad file"; fi

# Generate.
mkdir -p "$tmp/gen"
cc -O2 -o "$tmp/gen/gen" bench/gen.c 2>"$tmp/gen/err" && "$tmp/gen/gen" 100 1 > "$tmp/gen/bench100.plinth" ||
  { bad "bench generator builds"; cat "$tmp/gen/err"; }
files=""
for spec in examples/*.plinth tests/golden/specs/*.plinth tests/docs/hostile.plinth "$tmp/gen/bench100.plinth"; do
  [ -f "$spec" ] || continue
  name=$(basename "$spec" .plinth)
  if ! "$PLINTH" plan "$spec" -o "$tmp/a/$name" 2>"$tmp/err" || ! "$PLINTH" plan "$spec" -o "$tmp/b/$name" 2>>"$tmp/err"; then
    bad "$name: plinth plan -o"
    cat "$tmp/err"
    continue
  fi
  for d in $DOCS; do
    f="$tmp/a/$name/$d"
    if [ ! -s "$f" ]; then bad "$name/$d: written"; continue; fi
    if cmp -s "$f" "$tmp/b/$name/$d"; then ok "$name/$d: two runs identical"; else bad "$name/$d: two runs differ"; fi
    if scan "$f" > "$tmp/scan.out"; then ok "$name/$d: no placeholder, no empty section"; else
      bad "$name/$d: placeholder or empty section"; head -5 "$tmp/scan.out"; fi
    files="$files $f"
  done
done

# Parse: one Node process for every Mermaid block, one markdownlint run.
# shellcheck disable=SC2086
if node tests/validate/mermaid-parse.mjs $files > "$tmp/mm.out" 2>&1; then ok "mermaid: $(tail -n 1 "$tmp/mm.out")"; else
  bad "mermaid blocks parse"; grep error "$tmp/mm.out" | head -10; fi
# shellcheck disable=SC2086
if node_modules/.bin/markdownlint-cli2 --config .markdownlint-cli2.jsonc $files > "$tmp/ml.out" 2>&1; then
  ok "markdownlint: $(grep -c . "$tmp/ml.out" >/dev/null; echo "$files" | wc -w | tr -d ' ') files clean"; else
  bad "markdownlint"; grep error "$tmp/ml.out" | head -10; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
