# The outputs pinned by golden tests, and how each is produced.
# Sourced by run.sh and update.sh.
OUTPUTS="model.json decisions.md openapi.yaml schema.sql"
golden_run() {
  case $1 in
    model.json) "$PLINTH" model --json "$2" ;;
    decisions.md) "$PLINTH" plan --only decisions "$2" ;;
    openapi.yaml) "$PLINTH" plan --only openapi "$2" ;;
    schema.sql) "$PLINTH" plan --only sql "$2" ;;
    *) echo "unknown golden output $1" >&2; return 2 ;;
  esac
}
