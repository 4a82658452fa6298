#!/bin/sh
# Every diagram Plinth draws: each SVG file of `plan -o` and each SVG inline
# in report.html is well-formed XML (xmllint), ids are unique in the page,
# the C4 views carry their notation and legend, the container SVG draws the
# same elements as the Mermaid C4Container view, there is a sequence diagram
# per Mermaid sequence and a gantt of the roadmap, and the Mermaid blocks
# stay in the Markdown.
# Run from the repository root: PLINTH=./plinth sh tests/diagrams/run.sh
# Prints "ok NAME" per pass and last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT


if ! command -v xmllint >/dev/null; then
  echo "skipped: xmllint is not installed"
  exit 0
fi

# The checker first sees a bad SVG and must reject it.
printf '<svg xmlns="http://www.w3.org/2000/svg"><g><text>a & b</text></svg>\n' >"$tmp/bad.svg"
if xmllint --noout "$tmp/bad.svg" 2>/dev/null; then bad xmllint.rejects_bad "accepted a broken SVG"; else ok xmllint.rejects_bad; fi

# inline_svgs HTML DIR: every <svg>...</svg> of the page as DIR/N.svg.
inline_svgs() {
  mkdir -p "$2"
  awk -v dir="$2" '
    /<svg/ { on = 1; n++; sub(/.*<svg/, "<svg") }
    on { print > (dir "/" n ".svg") }
    /<\/svg>/ && on { on = 0; close(dir "/" n ".svg") }' "$1"
}

for spec in examples/*.plinth tests/golden/specs/*.plinth; do
  [ -f "$spec" ] || continue
  name=$(basename "$spec" .plinth)
  out="$tmp/$name"
  if ! "$PLINTH" plan -o "$out" "$spec" >/dev/null 2>"$tmp/err"; then
    grep -q 'error:' "$tmp/err" && continue # a spec with errors has no plan
    bad "$name.plan" "$(head -n 3 "$tmp/err")"
    continue
  fi
  badsvg=
  n=0
  for f in "$out"/diagrams/*.svg; do
    n=$((n + 1))
    xmllint --noout "$f" 2>/dev/null || badsvg="$badsvg $(basename "$f")"
    if grep -q 'could not be laid out' "$f"; then badsvg="$badsvg $(basename "$f")(layout failed)"; fi
  done
  if [ -z "$badsvg" ] && [ $n -ge 8 ]; then ok "$name.svg_files_valid ($n)"; else bad "$name.svg_files_valid" "$n files, bad:$badsvg"; fi

  inline_svgs "$out/report.html" "$tmp/$name.inline"
  badsvg=
  m=0
  for f in "$tmp/$name.inline"/*.svg; do
    m=$((m + 1))
    xmllint --noout "$f" 2>/dev/null || badsvg="$badsvg $(basename "$f")"
  done
  # Every SVG file is inline in the page once.
  if [ -z "$badsvg" ] && [ $m -eq $n ]; then ok "$name.report_svgs_valid ($m)"; else bad "$name.report_svgs_valid" "$m inline of $n files, bad:$badsvg"; fi
  dup=$(grep -o ' id="[^"]*"' "$out/report.html" | sort | uniq -d | head -n 3 | tr '\n' ' ')
  if [ -z "$dup" ]; then ok "$name.report_ids_unique"; else bad "$name.report_ids_unique" "$dup"; fi

  # C4 notation and a legend in the three views.
  for v in context architecture components; do
    if grep -q 'Legend' "$out/diagrams/$v.svg" && grep -Eq '\[(Person|Software System|Container|Component|External System)' "$out/diagrams/$v.svg"
    then ok "$name.c4_notation.$v"; else bad "$name.c4_notation.$v" "no legend or no [kind] in $v.svg"; fi
  done

  # The container SVG draws the elements of the Mermaid C4Container block.
  want=$(awk '/^C4Container/{on=1} on && /^```/{on=0} on' "$out/ARCHITECTURE.md" |
    grep -cE '^ *(Person|Container|ContainerDb|ContainerQueue|System_Ext|SystemDb_Ext|SystemQueue_Ext)\(')
  rels=$(awk '/^C4Container/{on=1} on && /^```/{on=0} on' "$out/ARCHITECTURE.md" | grep -c '^ *Rel(')
  got=$(grep -cE '^ *"[a-z0-9_]+" \[' "$out/diagrams/architecture.dot")
  edges=$(grep -cE '^ *"[a-z0-9_]+" -> "[a-z0-9_]+" ' "$out/diagrams/architecture.dot")
  if [ "$want" -gt 0 ] && [ "$want" = "$got" ] && [ "$rels" = "$edges" ]; then ok "$name.container_same_as_mermaid ($got nodes, $edges edges)"
  else bad "$name.container_same_as_mermaid" "mermaid $want elements $rels relations, dot $got nodes $edges edges"; fi
  if grep -q 'Worker' "$out/ARCHITECTURE.md" && ! grep -q 'Worker' "$out/diagrams/architecture.svg"; then
    bad "$name.container_has_worker" "the Mermaid view has a worker, the SVG has not"
  fi

  # A sequence diagram per Mermaid sequence, a gantt of the roadmap.
  seqs=$(grep -c '^sequenceDiagram' "$out/ARCHITECTURE.md")
  files=$(ls "$out"/diagrams/sequence-*.svg 2>/dev/null | wc -l)
  if [ "$seqs" -gt 0 ] && [ "$seqs" = "$files" ]; then ok "$name.sequences ($files)"; else bad "$name.sequences" "$seqs in the Markdown, $files SVG"; fi
  tasks=$(grep -c '<rect x=[^>]*rx="3"' "$out/diagrams/roadmap.svg")
  rtasks=$("$PLINTH" roadmap --json "$spec" 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).tasks.length))' 2>/dev/null)
  if [ -n "$rtasks" ] && [ "$tasks" = "$rtasks" ]; then ok "$name.gantt ($tasks tasks)"; else bad "$name.gantt" "$tasks bars, roadmap has '$rtasks' tasks"; fi

  # The Mermaid blocks stay in the Markdown.
  for b in C4Context C4Container C4Component sequenceDiagram; do
    grep -q "^$b" "$out/ARCHITECTURE.md" || bad "$name.mermaid_kept" "no $b block in ARCHITECTURE.md"
  done
done

summary
