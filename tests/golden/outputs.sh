# The outputs pinned by golden tests, and how each is produced.
# Sourced by run.sh and update.sh.
OUTPUTS="model.json decisions.md adr.md alerts.yaml"
golden_run() {
  case $1 in
    model.json) "$PLINTH" model --json "$2" ;;
    decisions.md) "$PLINTH" plan --only decisions "$2" ;;
    adr.md) "$PLINTH" plan --only adr "$2" ;;
    alerts.yaml) "$PLINTH" plan --only alerts "$2" ;;
    *) echo "unknown golden output $1" >&2; return 2 ;;
  esac
}
