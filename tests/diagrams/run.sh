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

# Layouts reused by their key: `plan -o` into a folder that holds a diagram
# laid out from the same DOT text (the key before </svg>, the file as the
# manifest records it) takes it from there; a changed DOT or key is laid
# out again, and the folder ends as a fresh run's.
# mark FILE: the file with a line no layout writes, recorded in the
# manifest as Plinth's (so only reuse can keep the line).
mark() {
  sed '1a<!-- kept from the earlier run -->' "$1/$2" >"$tmp/marked" && cat "$tmp/marked" >"$1/$2"
  h=$(sha256sum "$1/$2" | cut -d' ' -f1)
  sed "s|^[0-9a-f]*  $2\$|$h  $2|" "$1/.plinth-manifest" >"$tmp/manifest" && cat "$tmp/manifest" >"$1/.plinth-manifest"
}
spec=examples/taskflow.plinth
r=$tmp/reuse
if "$PLINTH" plan -o "$r" "$spec" >/dev/null 2>&1 && "$PLINTH" plan -o "$tmp/fresh" "$spec" >/dev/null 2>&1; then
  grep -q '^<!-- plinth layout [0-9a-f]\{64\} -->$' "$r/diagrams/er.svg" && ok reuse.key_in_svg || bad reuse.key_in_svg "no key before </svg> in er.svg"
  mark "$r" diagrams/er.svg
  mark "$r" diagrams/context.svg
  # context.svg's key no longer its DOT's: laid out again.
  sed 's/^\(<!-- plinth layout [0-9a-f]*\)[0-9a-f]\( -->\)$/\1x\2/' "$r/diagrams/context.svg" >"$tmp/k" && cat "$tmp/k" >"$r/diagrams/context.svg"
  h=$(sha256sum "$r/diagrams/context.svg" | cut -d' ' -f1)
  sed "s|^[0-9a-f]*  diagrams/context.svg\$|$h  diagrams/context.svg|" "$r/.plinth-manifest" >"$tmp/manifest" && cat "$tmp/manifest" >"$r/.plinth-manifest"
  "$PLINTH" plan -o "$r" "$spec" >/dev/null 2>"$tmp/err"
  if grep -q 'kept from the earlier run' "$r/diagrams/er.svg"; then ok reuse.same_dot_kept; else bad reuse.same_dot_kept "er.svg was laid out again from the same DOT"; fi
  if cmp -s "$r/diagrams/context.svg" "$tmp/fresh/diagrams/context.svg"; then ok reuse.other_key_laid_out; else bad reuse.other_key_laid_out "context.svg with another key was kept"; fi
  # The ER diagram's DOT changes with a new field: laid out again, and
  # every diagram is a fresh run's.
  vary "$spec" "$tmp/more.plinth" 's/^  file  blob max 10MB$/  file  blob max 10MB\
  caption string(80)?/'
  "$PLINTH" plan -o "$r" "$tmp/more.plinth" >/dev/null 2>"$tmp/err"
  "$PLINTH" plan -o "$tmp/fresh2" "$tmp/more.plinth" >/dev/null 2>&1
  if diff -r "$r/diagrams" "$tmp/fresh2/diagrams" >"$tmp/d" && cmp -s "$r/report.html" "$tmp/fresh2/report.html"; then
    ok reuse.changed_dot_laid_out
  else
    bad reuse.changed_dot_laid_out "$tmp/d"
  fi
  # An SVG edited by hand (the manifest not matching) is never a source.
  printf '<!-- edited -->\n' >>"$r/diagrams/deployment.svg"
  "$PLINTH" plan -o "$r" "$spec" >/dev/null 2>"$tmp/err"
  if grep -q 'deployment.svg was edited' "$tmp/err" && ! grep -q 'edited -->' "$r/report.html"; then ok reuse.edited_not_reused; else bad reuse.edited_not_reused "$tmp/err"; fi
else
  bad reuse.plan "plan -o failed"
fi

summary
