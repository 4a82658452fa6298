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
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT


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

# Every section the issue names, in every example's documents; the
# diagrams ARCHITECTURE.md must draw (one sequence diagram for
# authentication and one per feature or integration).
need_spec="Assumptions|Technology stack decisions|Framework and runtime|Key dependencies|Development tools|Database architecture|System and version|Connection management|Migration strategy|Backup and recovery|Frontend integration|API contract summary|Authentication endpoints|Data model|Entities|Relationships and constraints|Indexing strategy|Integration architecture|Configuration management|Environment variables|Secrets per environment|Feature flags|Validation at start-up|Development environment setup|Requirements|Install steps|Testing framework|Build and deployment|Promotion and rollback|Implementation validation checklist|Next-phase handoff|Risks|Decision points"
need_arch="Assumptions|Architecture pattern|System context|Containers|Components of the API|Component designs|API design|Error Code Reference|Key flows|Deployment|Pipeline|Data architecture|Caching strategy|Security|Authentication|Authorization model and roles|Data protection|API security|Integrations|Performance requirements and strategy|Monitoring, logging and alerts|Technical risks|Development estimates|Review checklist"
need_backend="Executive summary|Assumptions|Architecture overview|Technology selection|API design|Data models|Infrastructure requirements|Deployment strategy|Integrations|Security|Performance and scalability|Implementation phases|Testing strategy|Risk assessment|Success criteria|Handoff"
need_design="Requirements summary|Functional|Non-functional|Assumptions|High-Level Architecture|Key components|Technology|Data model|Security considerations|Trade-offs|Pros|Cons and what to watch|When to revisit"
for spec in examples/*.plinth; do
  name=$(basename "$spec" .plinth)
  for pair in "SPEC.md:$need_spec" "ARCHITECTURE.md:$need_arch" "BACKEND-PLAN.md:$need_backend" "DESIGN.md:$need_design"; do
    d=${pair%%:*}
    missing=$(printf '%s\n' "${pair#*:}" | tr '|' '\n' | while IFS= read -r h; do
      grep -qx "#* $h" "$tmp/a/$name/$d" || printf '%s; ' "$h"; done)
    if [ -z "$missing" ]; then ok "$name/$d: every section"; else bad "$name/$d: missing sections: $missing"; fi
  done
  f="$tmp/a/$name/ARCHITECTURE.md"
  want=$(grep -cE '^(feature|integration) ' "$spec")   # auth's flow stands for feature auth
  got=$(grep -c '^sequenceDiagram' "$f")
  kinds=$(for k in C4Context C4Container C4Component erDiagram; do grep -qx "$k" "$f" && printf '%s ' "$k"; done)
  if [ "$got" -eq "$want" ] && [ "$kinds" = "C4Context C4Container C4Component erDiagram " ] &&
     [ "$(grep -c '^flowchart' "$f")" -ge 2 ]; then
    ok "$name/ARCHITECTURE.md: C4, ER, deployment, pipeline and $got sequence diagrams"
  else
    bad "$name/ARCHITECTURE.md: diagrams: $got sequence of $want, kinds '$kinds'"
  fi
  # A cache decision (the plan's `absent` list may name the slot too).
  if "$PLINTH" plan --format json "$spec" 2>/dev/null |
     node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8")); process.exit(j.decisions.some(d => d.slot === "cache" && d.choice) ? 0 : 1)'; then
    if grep -qx '### Keys, TTLs and invalidation' "$f" && grep -q '^| .* s (spec) \|^| .* s (default) ' "$f"; then
      ok "$name/ARCHITECTURE.md: cache keys, TTLs and invalidation"
    else bad "$name/ARCHITECTURE.md: a cache is chosen but its keys and TTLs are missing"; fi
  fi
done
# The documents agree with the artifacts beside them: SPEC.md lists the
# settings of .env.example, by name and in order.
for spec in examples/*.plinth; do
  name=$(basename "$spec" .plinth)
  grep -v '^#' "$tmp/a/$name/.env.example" | sed -n 's/^\([A-Z0-9_]*\)=.*/\1/p' > "$tmp/env.a"
  sed -n '/^### Environment variables/,/^### /p' "$tmp/a/$name/SPEC.md" | sed -n 's/^| `\([A-Z0-9_]*\)`.*/\1/p' > "$tmp/env.b"
  if [ -s "$tmp/env.a" ] && cmp -s "$tmp/env.a" "$tmp/env.b"; then ok "$name: SPEC.md lists the settings of .env.example"; else
    bad "$name: SPEC.md and .env.example disagree"; diff "$tmp/env.a" "$tmp/env.b" | head -5; fi
done
printf '# A\n\n## Assumptions\n\ntext\n' > "$tmp/c.md"
if grep -qx "#* Data model" "$tmp/c.md"; then bad "section check sees a missing section"; else ok "section check sees a missing section"; fi

# Parse: one Node process for every Mermaid block, one markdownlint run
# (on the plain lane: tests/lib.sh, consumers).
if ! consumers; then
  echo "# the Mermaid parser and markdownlint: on the plain lane"
# shellcheck disable=SC2086
elif node tests/validate/mermaid-parse.mjs $files > "$tmp/mm.out" 2>&1; then ok "mermaid: $(tail -n 1 "$tmp/mm.out")"; else
  bad "mermaid blocks parse"; grep error "$tmp/mm.out" | head -10; fi
# shellcheck disable=SC2086
if ! consumers; then
  :
elif node_modules/.bin/markdownlint-cli2 --config .markdownlint-cli2.jsonc $files > "$tmp/ml.out" 2>&1; then
  ok "markdownlint: $(grep -c . "$tmp/ml.out" >/dev/null; echo "$files" | wc -w | tr -d ' ') files clean"; else
  bad "markdownlint"; grep error "$tmp/ml.out" | head -10; fi

summary
