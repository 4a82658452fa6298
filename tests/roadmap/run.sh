#!/bin/sh
# Roadmap and risks, end to end on the examples:
#   - `plinth roadmap --json` keeps the schedule's invariants (deps before
#     starts, one task per developer at a time, the critical path a chain
#     adding up to the CPM length), for the team and for --devs N;
#   - ROADMAP.md's gantt chart parses with the real Mermaid parser;
#   - which risks fire for each example is pinned, and removing the cause
#     from the spec removes the risk (adding it adds it).
# Run from the repository root: PLINTH=./plinth sh tests/roadmap/run.sh
# Prints "ok NAME" per pass and last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT


team() { sed -n 's/^  team \([0-9]*\).*/\1/p' "$1"; }

# ---- schedule invariants ----
for spec in examples/*.plinth; do
  n=$(basename "$spec" .plinth)
  for devs in "" 1 3; do
    if [ -n "$devs" ]; then want=$devs; set -- --devs "$devs"; else want=$(team "$spec"); set --; fi
    if "$PLINTH" roadmap --json "$@" "$spec" >"$tmp/$n.json" 2>"$tmp/err"; then
      out=$(node tests/roadmap/schedule.mjs "$want" "$tmp/$n.json")
      [ "$out" = ok ] && ok "$n.schedule.devs$want" || bad "$n.schedule.devs$want" "$out"
    else
      bad "$n.schedule.devs$want" "exit $? $(head -n 3 "$tmp/err")"
    fi
  done
done

# More developers never lengthen these schedules; one developer takes the sum.
d1=$("$PLINTH" roadmap --json --devs 1 examples/shop.plinth | node -e 'const r=JSON.parse(require("fs").readFileSync(0));let s=0;for(const t of r.tasks)s+=t.days;console.log(r.duration_days===s?"sum":"no")')
[ "$d1" = sum ] && ok shop.one_dev_takes_the_sum || bad shop.one_dev_takes_the_sum "$d1"
a=$("$PLINTH" roadmap --json --devs 2 examples/shop.plinth | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).duration_days)')
b=$("$PLINTH" roadmap --json --devs 8 examples/shop.plinth | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).duration_days)')
awk -v a="$a" -v b="$b" 'BEGIN { exit !(b <= a) }' && ok shop.more_devs_not_longer || bad shop.more_devs_not_longer "$a then $b"

"$PLINTH" roadmap --devs 0 examples/shop.plinth >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "whole number" "$tmp/err" && ok devs_zero_is_usage_error || bad devs_zero_is_usage_error "$(cat "$tmp/err")"

# Taskflow overshoots its 6 weeks; the JSON says by how much and what to cut.
"$PLINTH" roadmap --json examples/taskflow.plinth | node -e '
  const r = JSON.parse(require("fs").readFileSync(0));
  const d = r.deadline;
  const okay = d && d.days === 30 && !d.on_track && d.overshoot_days > 0 && d.cut_first[0] === "notify-task";
  console.log(okay ? "ok" : JSON.stringify(d));' >"$tmp/out"
[ "$(cat "$tmp/out")" = ok ] && ok taskflow.deadline_overshoot || bad taskflow.deadline_overshoot "$(cat "$tmp/out")"
"$PLINTH" roadmap --json examples/chat.plinth | node -e '
  const d = JSON.parse(require("fs").readFileSync(0)).deadline; console.log(d && d.on_track ? "ok" : JSON.stringify(d));' >"$tmp/out"
[ "$(cat "$tmp/out")" = ok ] && ok chat.deadline_on_track || bad chat.deadline_on_track "$(cat "$tmp/out")"

# A deadline under one working day is a deadline (0 days), not none, and a
# deadline shorter than the critical path says so: no team meets it.
for d in "1 day" "2 weeks"; do
  n=taskflow.deadline_past_critical_$(echo "$d" | tr ' ' _)
  vary examples/taskflow.plinth "$tmp/short.plinth" "s/^  deadline 6 weeks\$/  deadline $d/" || continue
  "$PLINTH" roadmap --json "$tmp/short.plinth" | node -e '
    const d = JSON.parse(require("fs").readFileSync(0)).deadline;
    console.log(d && !d.on_track && d.critical_path_longer === true && d.devs_needed === 0 ? "ok" : JSON.stringify(d));' >"$tmp/out"
  "$PLINTH" check "$tmp/short.plinth" 2>"$tmp/err"
  "$PLINTH" roadmap "$tmp/short.plinth" >"$tmp/short.md"
  if [ "$(cat "$tmp/out")" != ok ]; then bad "$n" "$(cat "$tmp/out")"
  elif ! grep -q 'past the deadline of .*; the critical path alone takes 27.5 working days, longer than the deadline with any number of developers: move the deadline$' "$tmp/err"; then
    bad "$n" "$(grep -m1 deadline "$tmp/err")"
  elif grep -q 'of 0 working days\|sets no deadline' "$tmp/err" "$tmp/short.md"; then bad "$n" "0 working days, or no deadline, printed"
  elif [ "$d" = "1 day" ] && ! grep -q 'past the deadline of less than one working day;' "$tmp/err"; then
    bad "$n" "$(grep -m1 deadline "$tmp/err")"
  elif ! grep -q '^The critical path alone takes 27.5 working days, longer than the deadline' "$tmp/short.md"; then
    bad "$n" "ROADMAP.md does not say the critical path is longer"
  else ok "$n"; fi
done

# ---- the gantt parses ----
for spec in examples/*.plinth; do
  "$PLINTH" roadmap "$spec" >"$tmp/$(basename "$spec" .plinth).ROADMAP.md"
done
if out=$(node tests/validate/mermaid-parse.mjs "$tmp"/*.ROADMAP.md 2>&1); then
  case $out in *"4 blocks parsed, 0 failed"*) ok gantt_parses ;; *) bad gantt_parses "$out" ;; esac
else
  bad gantt_parses "$out"
fi

# ---- ROADMAP.md and RISKS.md lint, hostile names included ----
for spec in examples/*.plinth tests/docs/hostile.plinth; do
  [ -f "$spec" ] || continue
  n=$(basename "$spec" .plinth)
  "$PLINTH" plan --only roadmap "$spec" >"$tmp/lint-$n.ROADMAP.md"
  "$PLINTH" plan --only risks "$spec" >"$tmp/lint-$n.RISKS.md"
done
if out=$(node_modules/.bin/markdownlint-cli2 --config .markdownlint-cli2.jsonc "$tmp"/lint-*.md 2>&1); then
  ok markdownlint
else
  bad markdownlint "$(printf '%s\n' "$out" | tail -n 5)"
fi
if out=$(node tests/validate/mermaid-parse.mjs "$tmp"/lint-*.ROADMAP.md 2>&1); then ok gantt_parses_hostile; else
  bad gantt_parses_hostile "$out"; fi

# ---- risks ----
# risks SPEC: the ids of the risks that fire, sorted, one line.
risks() { "$PLINTH" plan --only risks "$1" | sed -n 's/^| [0-9][0-9]* | .* (`\([a-z0-9-]*\)`) | .*/\1/p' | sort | tr '\n' ' '; }

pin() {
  got=$(risks "examples/$1.plinth")
  [ "$got" = "$2" ] && ok "$1.risks_pinned" || bad "$1.risks_pinned" "got: $got"
}
pin chat "availability-miss p95-miss sensitive-data-duties sensitive-no-retention single-region-9999 unbounded-fan-out "
pin shop "availability-miss p95-miss pci-scope sensitive-data-duties sensitive-no-retention third-party-no-fallback webhook-spoofing "
pin taskflow "availability-miss bus-factor deadline-overshoot junior-serverless-debugging sensitive-data-duties sensitive-no-retention "
pin telemetry "hot-partitions ingest-backpressure sensitive-data-duties sensitive-no-retention "

# cause NAME RISK EXAMPLE SED [present]: after the edit the risk is gone
# (it was there before), or with "present" it appears (it was not there).
cause() {
  name=$1 risk=$2 ex=examples/$3.plinth edit=$4 want=${5:-gone}
  vary "$ex" "$tmp/edit.plinth" "$edit" || return
  before=$(risks "$ex")
  after=$(risks "$tmp/edit.plinth")
  case " $before" in *" $risk "*) was=1 ;; *) was=0 ;; esac
  case " $after" in *" $risk "*) is=1 ;; *) is=0 ;; esac
  if [ "$want" = gone ] && [ $was = 1 ] && [ $is = 0 ]; then ok "$name"
  elif [ "$want" = present ] && [ $was = 0 ] && [ $is = 1 ]; then ok "$name"
  else bad "$name" "before: $before; after: $after"; fi
}
cause shop.fallbacks_remove_third_party third-party-no-fallback shop 's/kind payments  webhooks/kind payments  webhooks  fallback adyen/; s/{ kind email }/{ kind email  fallback ses }/'
cause shop.no_webhooks_removes_spoofing webhook-spoofing shop 's/kind payments  webhooks/kind payments  fallback adyen/'
cause shop.retention_removes_forever sensitive-no-retention shop 's/^  phone  string(20)?$/  phone  string(20)?\n  retain 3 years/'
cause shop.no_pci_removes_scope pci-scope shop 's/compliance pci gdpr/compliance gdpr/'
# The shop's functions run about 11 instances at once (111 req/s x 100 ms):
# no connection risk; at a peak of 80x, 110 instances outgrow a small
# database's connections and the risk appears.
cause shop.burst_adds_connection_exhaustion serverless-connection-exhaustion shop 's/^  peak 8x$/  peak 80x/' present
cause chat.no_deliver_removes_fan_out unbounded-fan-out chat 's/{ deliver room  order per-room }/{ order per-room }/'
cause chat.lower_target_removes_single_region single-region-9999 chat 's/availability 99.99%/availability 99.95%/'
# Two regions the knowledge base places are deployed (docs/capacity.md#regions),
# so the risk goes; a region it cannot place deploys nothing, so with one
# such word beside a known one the plan is one region and the risk stays.
if vary examples/chat.plinth "$tmp/edit.plinth" 's/^  deadline 9 months$/  deadline 9 months\n  region us-east eu-west/'; then
  case " $(risks "$tmp/edit.plinth")" in
    *" single-region-9999 "*) bad chat.deployed_regions_remove_single_region "two deployed regions kept the single-region risk" ;;
    *) ok chat.deployed_regions_remove_single_region ;;
  esac
fi
if vary examples/chat.plinth "$tmp/edit.plinth" 's/^  deadline 9 months$/  deadline 9 months\n  region us-east mars/'; then
  case " $(risks "$tmp/edit.plinth")" in
    *" single-region-9999 "*) ok chat.unplaced_region_keeps_single_region ;;
    *) bad chat.unplaced_region_keeps_single_region "a region word the knowledge base cannot place silenced the single-region risk" ;;
  esac
fi
cause taskflow.second_dev_removes_bus_factor bus-factor taskflow 's/team 1 junior/team 2 junior/'
cause taskflow.later_deadline_removes_overshoot deadline-overshoot taskflow 's/deadline 6 weeks/deadline 20 weeks/'
cause taskflow.tighter_budget_adds_margin budget-margin taskflow 's/budget \$50\/month/budget $36\/month/' present
cause telemetry.smaller_budget_adds_over over-budget telemetry 's/budget \$3000\/month/budget $1000\/month/' present
cause telemetry.no_ingest_removes_backpressure ingest-backpressure telemetry 's/^  writes 5000\/s$/  writes 50\/s/'
cause taskflow.self_hosted_adds_no_backups no-backups taskflow 's/^  deadline 6 weeks$/  deadline 6 weeks\n  cloud self-hosted/' present
cause taskflow.unknown_language_adds_skills_gap skills-gap taskflow 's/skills typescript node aws/skills aws/' present
cause taskflow.fallback_none_to_start third-party-no-fallback taskflow 's/^feature notify email before Task.due 1h$/feature notify email before Task.due 1h\nintegration postmark { kind email }/' present

# ---- the calendar: a date deadline counts from the spec's start date ----
# taskflow's 6 weeks as dates: start Monday 2026-03-02, deadline Monday
# 2026-04-13 = 42 calendar days = 30 working days; the schedule's working
# days end on a weekday counted past the weekends.
if vary examples/taskflow.plinth "$tmp/cal.plinth" 's/^  deadline 6 weeks$/  start 2026-03-02\n  deadline 2026-04-13/'; then
  "$PLINTH" roadmap --json "$tmp/cal.plinth" >"$tmp/cal.json" 2>/dev/null
  "$PLINTH" roadmap --json examples/taskflow.plinth >"$tmp/weeks.json" 2>/dev/null
  got=$(python3 -c '
import json, sys, datetime
r = json.load(open(sys.argv[1])); w = json.load(open(sys.argv[2]))
d = r["deadline"]
start = datetime.date(2026, 3, 2)
n = -(-int(r["duration_days"] * 1000 + 0.5) // 1000) if r["duration_days"] != int(r["duration_days"]) else int(r["duration_days"])
day, left = start, n - 1
while left > 0:
    day += datetime.timedelta(days=1)
    if day.weekday() < 5: left -= 1
ok = d["days"] == 30 and d["date"] == "2026-04-13" and r["start_date"] == "2026-03-02" and \
     r["finish_date"] == day.isoformat() and d["on_track"] == w["deadline"]["on_track"] and \
     d["days"] == w["deadline"]["days"]
print("yes" if ok else "no %s %s %s %s" % (d, r["start_date"], r["finish_date"], day))' "$tmp/cal.json" "$tmp/weeks.json")
  if [ "$got" = yes ]; then ok "calendar.dates_equal_weeks"; else bad "calendar.dates_equal_weeks" "$got"; fi
  "$PLINTH" plan -o "$tmp/calout" "$tmp/cal.plinth" >/dev/null 2>&1
  if grep -q "^Work starts on 2026-03-02; at this pace the last task ends on 2026-0[3-9]-[0-9][0-9], .* the deadline of 2026-04-13 (30 working days)" "$tmp/calout/ROADMAP.md"; then
    ok "calendar.roadmap_md_dates"; else bad "calendar.roadmap_md_dates" "$(grep -m1 'Work starts' "$tmp/calout/ROADMAP.md")"; fi
  # a later deadline fits; an earlier one does not
  vary "$tmp/cal.plinth" "$tmp/late.plinth" 's/deadline 2026-04-13/deadline 2026-12-01/'
  vary "$tmp/cal.plinth" "$tmp/early.plinth" 's/deadline 2026-04-13/deadline 2026-03-09/'
  a=$("$PLINTH" roadmap --json "$tmp/late.plinth" | python3 -c 'import json,sys; print(json.load(sys.stdin)["deadline"]["on_track"])')
  b=$("$PLINTH" roadmap --json "$tmp/early.plinth" | python3 -c 'import json,sys; d=json.load(sys.stdin)["deadline"]; print(d["on_track"], d["days"])')
  if [ "$a" = True ] && [ "$b" = "False 5" ]; then ok "calendar.fits_or_not"; else bad "calendar.fits_or_not" "late $a, early $b"; fi
  # without a start, a date deadline is not checked, and says so
  vary "$tmp/cal.plinth" "$tmp/nostart.plinth" 's/^  start 2026-03-02$//'
  c=$("$PLINTH" roadmap --json "$tmp/nostart.plinth" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["deadline"], r["start_date"])')
  if [ "$c" = "None None" ] && "$PLINTH" model "$tmp/nostart.plinth" | grep -q "add 'start YYYY-MM-DD'"; then
    ok "calendar.no_start_not_checked"; else bad "calendar.no_start_not_checked" "$c"; fi
  # each milestone is dated: its working day counted from the start
  m=$(python3 -c '
import json, sys, datetime, math
r = json.load(open(sys.argv[1]))
def nth(n):
    day, left = datetime.date(2026, 3, 2), n - 1
    while left > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5: left -= 1
    return day.isoformat()
bad = [m["name"] for m in r["milestones"] if m["date"] != nth(max(1, math.ceil(m["day"] - 1e-9)))]
print("yes" if not bad else "no %s" % bad)' "$tmp/cal.json")
  if [ "$m" = yes ]; then ok "calendar.milestone_dates"; else bad "calendar.milestone_dates" "$m"; fi
  # the same spec, the same bytes
  "$PLINTH" roadmap --json "$tmp/cal.plinth" >"$tmp/cal2.json" 2>/dev/null
  if cmp -s "$tmp/cal.json" "$tmp/cal2.json"; then ok "calendar.deterministic"; else bad "calendar.deterministic" "differs"; fi
else
  bad "calendar.setup" "the taskflow deadline line was not replaced"
fi

summary
