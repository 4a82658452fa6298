#!/bin/sh
# Reports suite: what `plinth plan -o DIR` and `--format md|html|json` write,
# checked by the tools that consume it.
#
#   1. every example and golden spec, and tests/reports/specs/hostile.plinth
#      (quotes, backslashes, markup, non-ASCII): alerts.yaml passes promtool, every SVG
#      passes xmllint, services.yaml parses as YAML, the ADRs
#      and the combined Markdown pass markdownlint and the Mermaid parser,
#      no output holds a placeholder, and generating twice gives identical
#      bytes (in a fresh folder and in place);
#   2. report.html in headless Chromium: the three SVG diagrams are in the
#      DOM, no script, and a screenshot is taken (build/reports-*.png);
#   3. decision records: numbers survive regeneration; a changed decision
#      writes a new record that supersedes the old one (whose status line,
#      and only that, changes); an index entry that is malformed stops -o;
#      --date and SOURCE_DATE_EPOCH date new records, kept ones keep theirs;
#   4. edit detection: a file a person edited is left alone with a warning,
#      overwritten with --force; a file plinth never wrote is left alone;
#      no temporary file is left behind; the manifest is sha256sum's format;
#   5. --format md|html|json print the combined documents, which equal the
#      files -o writes; --only and the default output keep working.
#
# Run from the repository root (tests/run.sh does):
#   PLINTH=./plinth sh tests/reports/run.sh
# Prints "ok NAME" per pass, details per failure, last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
BIN=node_modules/.bin
MDLINT="$BIN/markdownlint-cli2 --config tests/reports/.markdownlint-cli2.jsonc"
PLACEHOLDERS='\[\.\.\.\]|TODO|TBD|<fill|[Ll]orem'

check() { # NAME COMMAND...: passes when the command succeeds
  what=$1
  shift
  if out=$("$@" 2>&1); then ok "$what"; else bad "$what" "$out"; fi
}

for t in promtool xmllint node chromium sha256sum; do
  command -v $t >/dev/null 2>&1 || { bad "setup: $t is missing (sh scripts/install-deps.sh)"; echo "$pass passed, $fail failed"; exit 1; }
done

# ---- 1. every spec ----
mdfiles=
combined=
for spec in examples/*.plinth tests/golden/specs/*.plinth tests/reports/specs/*.plinth; do
  name=$(basename "$spec" .plinth)
  d=$tmp/$name
  if ! "$PLINTH" plan "$spec" -o "$d" >"$tmp/out" 2>"$tmp/err"; then
    bad "$name: plan -o" "$(cat "$tmp/err")"
    continue
  fi
  ok "$name: plan -o"
  # CloudWatch plans get CloudFormation alarms, Datadog and New Relic plans
  # their own JSON (tests/kit checks those).
  if [ ! -f "$d/alerts.yaml" ]; then
    n=$(grep -c '"name": ' "$d"/alerts.*.json)
  elif grep -q '^AWSTemplateFormatVersion' "$d/alerts.yaml"; then
    n=$(grep -c 'Runbook: runbooks/' "$d/alerts.yaml")
  else
    check "$name: promtool check rules alerts.yaml" promtool check rules "$d/alerts.yaml"
    n=$(grep -c '^      - alert: ' "$d/alerts.yaml")
  fi
  if [ "$n" -ge 3 ]; then ok "$name: $n alerting rules"; else bad "$name: only $n alerting rules"; fi
  if grep -qi '<script' "$d/report.html"; then bad "$name: report.html has a script element"; else ok "$name: report.html has no script"; fi
  for svg in "$d"/diagrams/*.svg; do
    check "$name: xmllint $(basename "$svg")" xmllint --noout "$svg"
  done
  if [ -f "$d/services.yaml" ] && consumers; then
    check "$name: services.yaml parses as YAML" node -e '
      const y = require("js-yaml").load(require("fs").readFileSync(process.argv[1], "utf8"));
      if (!Array.isArray(y.services) || y.services.length < 1) throw new Error("no unit");
      for (const s of y.services)
        for (const k of ["name", "kind", "deploy", "responsibilities", "dependencies", "operations", "stores", "apis", "datastore", "cache", "queue", "events"])
          if (!(k in s)) throw new Error(s.name + " has no " + k);' "$d/services.yaml"
    check "$name: every service API is an operation of openapi.yaml" node -e '
      const yaml = require("js-yaml"), fs = require("fs");
      const svc = yaml.load(fs.readFileSync(process.argv[1], "utf8"));
      const api = yaml.load(fs.readFileSync(process.argv[2], "utf8"));
      const base = new URL(api.servers[0].url, "http://x").pathname.replace(/\/$/, "");
      let n = 0;
      for (const s of svc.services)
        for (const a of s.apis) {
          const [method, path] = a.split(" ");
          const op = api.paths[path.slice(base.length)];
          if (!path.startsWith(base) || !op || !op[method.toLowerCase()]) throw new Error(s.name + ": " + a + " is not in openapi.yaml");
          n++;
        }
      if (!n) throw new Error("no service API at all");' "$d/services.yaml" "$d/openapi.yaml"
  fi
  "$PLINTH" plan --format md "$spec" >"$d/combined.md" 2>/dev/null
  mdfiles="$mdfiles $d/*.md $d/adr/*.md"
  combined="$combined $d/combined.md"
  if hits=$(grep -rlE "$PLACEHOLDERS" "$d"); then bad "$name: placeholder in output" "$hits"; else ok "$name: no placeholder"; fi
  # An empty section: a heading followed directly by another heading of the same or a higher level.
  if hits=$(awk 'FNR == 1 { fence = 0 } /^```/ { fence = !fence } fence { next }
                 /^#+ / { l = index($0, " ") - 1; if (prev && l <= prev) print FILENAME ": " last; prev = l; last = $0; next }
                 NF { prev = 0 }' "$d"/adr/*.md "$d/combined.md"); [ -n "$hits" ]; then
    bad "$name: empty section" "$hits"
  else
    ok "$name: no empty section"
  fi
  if left=$(find "$d" -name '*.tmp*'); [ -n "$left" ]; then bad "$name: temporary files left" "$left"; else ok "$name: no temporary file left"; fi
  check "$name: manifest checks with sha256sum -c" sh -c "cd '$d' && sha256sum --quiet -c .plinth-manifest"
  "$PLINTH" plan "$spec" -o "$tmp/$name.again" 2>/dev/null
  check "$name: a second run gives identical bytes" diff -r -x combined.md "$d" "$tmp/$name.again"
  "$PLINTH" plan "$spec" -o "$d" 2>"$tmp/err"
  if grep -q ' 0 written' "$tmp/err" && diff -r -x combined.md "$d" "$tmp/$name.again" >/dev/null; then
    ok "$name: regenerating in place rewrites nothing"
  else
    bad "$name: regenerating in place" "$(cat "$tmp/err")"
  fi
done
# One run of each Node validator over every spec's files (each costs a second
# or two to start); on the plain lane only (tests/lib.sh, consumers).
if consumers; then
  check "markdownlint on every spec's documents, records and combined document" $MDLINT $mdfiles
  check "Mermaid blocks of every combined document parse" node tests/validate/mermaid-parse.mjs $combined
fi
[ -f "$tmp/bazaar/services.yaml" ] && ok "bazaar: services.yaml written for the services style" ||
  bad "bazaar: no services.yaml"
[ -f "$tmp/taskflow/services.yaml" ] && ok "taskflow: services.yaml written for a serverless plan too" ||
  bad "taskflow: no services.yaml for a serverless plan"

# ---- 2. report.html in Chromium ----
CHROME="chromium --headless --no-sandbox --disable-gpu --disable-background-networking --user-data-dir=$tmp/chrome"
consumers || echo "# report.html in Chromium: on the plain lane"
for name in $(consumers && echo chat bazaar); do
  page=$tmp/$name/report.html
  if grep -qi '<script' "$page"; then bad "$name: report.html has a script"; else ok "$name: report.html has no script"; fi
  if grep -qE '<(img|script|link|iframe|object|embed)[^>]*(src|href)=' "$page"; then bad "$name: report.html loads something"; else ok "$name: report.html is self-contained"; fi
  timeout 60 $CHROME --dump-dom "file://$page" >"$tmp/dom.html" 2>/dev/null
  n=0
  for id in diagram-architecture diagram-er diagram-paths; do
    grep -q "<figure id=\"$id\"><svg" "$tmp/dom.html" 2>/dev/null || \
      tr -d '\n' <"$tmp/dom.html" | grep -q "<figure id=\"$id\"> *<svg" && n=$((n + 1))
  done
  if [ "$n" = 3 ]; then ok "$name: Chromium's DOM has the three SVG diagrams"; else bad "$name: $n of 3 SVG diagrams in the DOM"; fi
  mkdir -p build
  rm -f "build/reports-${SUITE_LABEL:-plain}-$name.png"
  timeout 60 $CHROME --screenshot="$PWD/build/reports-${SUITE_LABEL:-plain}-$name.png" --window-size=1280,2000 "file://$page" >/dev/null 2>&1
  if [ -s "build/reports-${SUITE_LABEL:-plain}-$name.png" ]; then ok "$name: screenshot build/reports-${SUITE_LABEL:-plain}-$name.png"; else bad "$name: no screenshot"; fi
done

# ---- 3. decision records ----
d=$tmp/records
"$PLINTH" plan examples/taskflow.plinth -o "$d" 2>/dev/null
cp "$d/adr/index.txt" "$tmp/index.1"
db=$(awk -F'\t' '$2 == "database" { print $1 }' "$tmp/index.1")
dbfile=$(awk -F'\t' '$2 == "database" { print $6 }' "$tmp/index.1")
cp "$d/adr/$dbfile" "$tmp/db.1"
top=$(awk -F'\t' '!/^#/ { n = $1 } END { print n + 0 }' "$tmp/index.1")
"$PLINTH" plan examples/taskflow.plinth -o "$d" 2>/dev/null
check "records: regenerating keeps every number" cmp "$tmp/index.1" "$d/adr/index.txt"
# Much larger, with a $20,000 budget, and the database pinned to RDS
# PostgreSQL: the database decision changes (at 5M users DynamoDB stays the
# cheapest store once a relational class must hold the 183 GB working set).
vary examples/taskflow.plinth "$tmp/big.plinth" 's/^  users .*/  users 5M/' 's/^  budget .*/  budget $20000\/month\n  use database aws-rds-postgresql/'
"$PLINTH" plan "$tmp/big.plinth" -o "$d" --date 2026-12-01 2>/dev/null
new=$(awk -F'\t' '$2 == "database" && $4 == "accepted" { print $1 }' "$d/adr/index.txt")
status=$(awk -F'\t' -v n="$db" '$1 == n { print $4 }' "$d/adr/index.txt")
if [ -n "$new" ] && [ "$new" -gt "$top" ] && [ "$status" = "superseded by $new" ]; then
  ok "records: the changed database decision is record $new, superseding $db"
else
  bad "records: supersede (old $db now '$status', new '$new', top $top)" "$(cat "$d/adr/index.txt")"
fi
if diff "$tmp/db.1" "$d/adr/$dbfile" | grep '^[<>]' | grep -qv 'status: '; then
  bad "records: the superseded record changed beyond its status" "$(diff "$tmp/db.1" "$d/adr/$dbfile")"
elif grep -q "^status: superseded by $new\$" "$d/adr/$dbfile"; then
  ok "records: only the old record's status line changed"
else
  bad "records: old record's status" "$(head -4 "$d/adr/$dbfile")"
fi
newfile=$(awk -F'\t' -v n="$new" '$1 == n { print $6 }' "$d/adr/index.txt")
if grep -q '^date: 2026-12-01$' "$d/adr/$newfile" && grep -q "^Supersedes\|Supersedes record $db" "$d/adr/$newfile"; then
  ok "records: the new record has --date and names the one it supersedes"
else
  bad "records: new record" "$(head -12 "$d/adr/$newfile")"
fi
# (the queue stays SQS at 5M users; compute, style and storage move)
kept=$(awk -F'\t' '$2 == "queue" { print $1 " " $5 }' "$d/adr/index.txt")
if [ -n "$kept" ] && [ "$kept" = "$(awk -F'\t' '$2 == "queue" { print $1 " " $5 }' "$tmp/index.1")" ]; then
  ok "records: an unchanged decision keeps its number and date"
else
  bad "records: queue record changed: $kept"
fi
cp "$d/adr/index.txt" "$tmp/index.2"
"$PLINTH" plan "$tmp/big.plinth" -o "$d" 2>/dev/null
check "records: regenerating the changed spec keeps every number" cmp "$tmp/index.2" "$d/adr/index.txt"
consumers && check "records: markdownlint on superseded and new records" $MDLINT "$d/adr/*.md"
# A slot the plan no longer has is deprecated; when it comes back it gets a new number.
vary examples/taskflow.plinth "$tmp/small.plinth" '/^entity Attachment {/,/^}/d' '/Attachment/d' '/notify/d'
d3=$tmp/deprecate
"$PLINTH" plan examples/taskflow.plinth -o "$d3" 2>/dev/null
s3=$(awk -F'\t' '$2 == "object-storage" { print $1 " " $6 }' "$d3/adr/index.txt")
"$PLINTH" plan "$tmp/small.plinth" -o "$d3" 2>/dev/null
st=$(awk -F'\t' -v n="${s3%% *}" '$1 == n { print $4 }' "$d3/adr/index.txt")
if [ "$st" = deprecated ] && grep -q '^status: deprecated$' "$d3/adr/${s3#* }"; then
  ok "records: the object-storage record is deprecated when uploads leave the spec"
else
  bad "records: deprecation ($s3: '$st')" "$(cat "$d3/adr/index.txt")"
fi
"$PLINTH" plan examples/taskflow.plinth -o "$d3" 2>/dev/null
back=$(awk -F'\t' '$2 == "object-storage" && $4 == "accepted" { print $1 }' "$d3/adr/index.txt")
if [ -n "$back" ] && [ "$back" -gt "${s3%% *}" ]; then ok "records: a returning slot gets a new record ($back)"; else bad "records: returning slot '$back'"; fi
d2=$tmp/epoch
SOURCE_DATE_EPOCH=1767225600 "$PLINTH" plan examples/taskflow.plinth -o "$d2" 2>/dev/null
if grep -q '^date: 2026-01-01$' "$d2/adr/0001-"*.md && SOURCE_DATE_EPOCH=1780000000 "$PLINTH" plan --only adr examples/taskflow.plinth | grep -q '^date: 2026-05-28$'; then
  ok "records: SOURCE_DATE_EPOCH dates new records"
else
  bad "records: SOURCE_DATE_EPOCH"
fi
"$PLINTH" plan examples/taskflow.plinth -o "$tmp/baddate" --date 2026-13-01 >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q 'YYYY-MM-DD' "$tmp/err" && [ ! -e "$tmp/baddate" ]; then ok "records: a bad --date is a usage error"; else bad "records: bad --date (exit $rc)" "$(cat "$tmp/err")"; fi
printf '0001\tstyle\tserverless\taccepted\tsoon\t0001-x.md\n' >>"$d/adr/index.txt"
cp -r "$d" "$tmp/before"
"$PLINTH" plan "$tmp/big.plinth" -o "$d" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q 'index.txt:[0-9]*:' "$tmp/err" && diff -r "$tmp/before" "$d" >/dev/null; then
  ok "records: a malformed index stops -o before anything is written"
else
  bad "records: malformed index (exit $rc)" "$(cat "$tmp/err")"
fi

# ---- 4. edit detection ----
d=$tmp/edits
"$PLINTH" plan examples/shop.plinth -o "$d" 2>/dev/null
printf '\nOur own note.\n' >>"$d/DECISIONS.md"
cp "$d/DECISIONS.md" "$tmp/edited"
"$PLINTH" plan examples/shop.plinth -o "$d" 2>"$tmp/err"
if cmp -s "$tmp/edited" "$d/DECISIONS.md" && grep -q 'warning: .*DECISIONS.md was edited since plinth wrote it; left alone' "$tmp/err"; then
  ok "edits: an edited file is left alone with a warning"
else
  bad "edits: edited file" "$(cat "$tmp/err")"
fi
"$PLINTH" plan examples/shop.plinth -o "$d" 2>"$tmp/err"
grep -q 'DECISIONS.md was edited' "$tmp/err" && ok "edits: the warning repeats on the next run" || bad "edits: warning not repeated"
"$PLINTH" plan examples/shop.plinth -o "$d" --force 2>"$tmp/err"
"$PLINTH" plan --only decisions examples/shop.plinth >"$tmp/fresh"
if cmp -s "$tmp/fresh" "$d/DECISIONS.md" && ! grep -q warning "$tmp/err"; then
  ok "edits: --force overwrites it"
else
  bad "edits: --force" "$(cat "$tmp/err")"
fi
check "edits: the manifest matches after --force" sh -c "cd '$d' && sha256sum --quiet -c .plinth-manifest"
mkdir -p "$tmp/foreign"
echo '{"mine": true}' >"$tmp/foreign/plan.json"
"$PLINTH" plan examples/shop.plinth -o "$tmp/foreign" 2>"$tmp/err"
if grep -q '"mine"' "$tmp/foreign/plan.json" && grep -q 'plan.json exists and plinth did not write it' "$tmp/err"; then
  ok "edits: a file plinth never wrote is left alone"
else
  bad "edits: foreign file" "$(cat "$tmp/err")"
fi
if sort -c -k2 "$d/.plinth-manifest" 2>/dev/null; then ok "edits: the manifest is sorted by path"; else bad "edits: manifest order"; fi

# ---- 5. combined documents on standard output ----
d=$tmp/chat
"$PLINTH" plan --format json examples/chat.plinth >"$tmp/plan.json"
check "format json equals plan.json" cmp "$tmp/plan.json" "$d/plan.json"
check "plan.json has the model, estimate, decisions, style, patterns, roadmap, risks (with the review), records and alerts" node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const k of ["model", "estimate", "decisions", "style", "patterns", "records", "alerts", "services", "roadmap", "risks"])
    if (!(k in j)) throw new Error("no " + k);
  if (!j.model.entities.length || !j.estimate.assumptions) throw new Error("model or assumptions missing");
  if (!j.risks.review) throw new Error("no review");' "$tmp/plan.json"
if dup=$(sed -n 's/^  "\([a-z_]*\)":.*/\1/p' "$tmp/plan.json" | sort | uniq -d); [ -n "$dup" ]; then
  bad "plan.json repeats top-level keys (JSON.parse keeps only the last)" "$dup"
else
  ok "plan.json has each top-level key once"
fi
"$PLINTH" plan --format html examples/chat.plinth >"$tmp/report.html"
check "format html equals report.html" cmp "$tmp/report.html" "$d/report.html"
"$PLINTH" plan --format md examples/chat.plinth >"$tmp/all.md"
docs=$(find "$d" -name '*.md' ! -name combined.md | wc -l)
toc=$(grep -c '^- \[.*\](#.*) (.*\.md)$' "$tmp/all.md")
h1=$(awk '/^(```|~~~)/ { fence = !fence } !fence && /^# / { n++ } END { print n + 0 }' "$tmp/all.md")
if [ "$docs" = "$toc" ] && [ "$h1" = 1 ]; then
  ok "format md: one document, a contents entry for each of the $docs Markdown files"
else
  bad "format md: $toc contents entries for $docs files, $h1 top-level headings"
fi
"$PLINTH" plan examples/chat.plinth >"$tmp/default.md"
check "plan without --format still prints the decisions" cmp "$tmp/default.md" "$d/DECISIONS.md"
"$PLINTH" plan --only alerts examples/chat.plinth >"$tmp/alerts.json"
check "--only alerts prints the alerts file (chat: CloudWatch, alerts.yaml)" cmp "$tmp/alerts.json" "$d/alerts.yaml"
"$PLINTH" plan --format pdf examples/chat.plinth >/dev/null 2>&1
[ $? = 2 ] && ok "an unknown format is a usage error" || bad "unknown format accepted"
"$PLINTH" plan --force examples/chat.plinth >/dev/null 2>&1
[ $? = 2 ] && ok "--force without -o is a usage error" || bad "--force without -o accepted"

summary
