# The outputs pinned by golden tests, and how each is produced.
# Sourced by run.sh and update.sh.
OUTPUTS="model.json decisions.md roadmap.md risks.md spec.md architecture.md backend.md design.md adr.md alerts.yaml openapi.yaml schema.sql"
# plinth new on the spec's own idea line; plinth diagnose for its stack.
OUTPUTS="$OUTPUTS draft.plinth diagnose.md"
# The validation and operations kit's contracts.
OUTPUTS="$OUTPUTS services.yaml asyncapi.yaml"
# The contracts of stores that are not the SQL database (nothing for most).
OUTPUTS="$OUTPUTS stores.txt"
golden_run() {
  case $1 in
    model.json) "$PLINTH" model --json "$2" ;;
    decisions.md) "$PLINTH" plan --only decisions "$2" ;;
    roadmap.md) "$PLINTH" plan --only roadmap "$2" ;;
    risks.md) "$PLINTH" plan --only risks "$2" ;;
    spec.md) "$PLINTH" plan --only spec "$2" ;;
    architecture.md) "$PLINTH" plan --only architecture "$2" ;;
    backend.md) "$PLINTH" plan --only backend "$2" ;;
    design.md) "$PLINTH" plan --only design "$2" ;;
    adr.md) "$PLINTH" plan --only adr "$2" ;;
    alerts.yaml) "$PLINTH" plan --only alerts "$2" ;;
    openapi.yaml) "$PLINTH" plan --only openapi "$2" ;;
    schema.sql) "$PLINTH" plan --only sql "$2" 2>/dev/null || echo "(no schema.sql: the database does not speak SQL)" ;;
    stores.txt) for a in events-sql dynamodb cql collections; do
                  "$PLINTH" plan --only "$a" "$2" 2>/dev/null && echo "(--only $a)"
                done; true ;;
    services.yaml) "$PLINTH" plan --only services "$2" ;;
    asyncapi.yaml) "$PLINTH" plan --only asyncapi "$2" ;;
    draft.plinth) sed -n 's/^ *idea "\(.*\)"$/\1/p' "$2" | head -n 1 | "$PLINTH" new - 2>/dev/null ;;
    diagnose.md) "$PLINTH" diagnose --spec "$2" "p95 went from 120 ms to 2.5 s under load" "database cpu at 92%" \
                   "memory grows until restart" ;;
    *) echo "unknown golden output $1" >&2; return 2 ;;
  esac
}
