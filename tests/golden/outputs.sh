# The outputs pinned by golden tests, and how each is produced.
# Sourced by run.sh and update.sh.
OUTPUTS="model.json decisions.md"
# plinth new on the spec's own idea line; plinth diagnose for its stack.
OUTPUTS="$OUTPUTS draft.plinth diagnose.md"
golden_run() {
  case $1 in
    model.json) "$PLINTH" model --json "$2" ;;
    decisions.md) "$PLINTH" plan --only decisions "$2" ;;
    draft.plinth) sed -n 's/^ *idea "\(.*\)"$/\1/p' "$2" | head -n 1 | "$PLINTH" new - 2>/dev/null ;;
    diagnose.md) "$PLINTH" diagnose --spec "$2" "p95 went from 120 ms to 2.5 s under load" "database cpu at 92%" \
                   "memory grows until restart" ;;
    *) echo "unknown golden output $1" >&2; return 2 ;;
  esac
}
