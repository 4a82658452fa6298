#!/bin/sh
# Pins, lookups by part of a name, and absences explained:
#
#   1. `use SLOT TECH` fills the slot with TECH even against the chooser
#      (over budget, another cloud), the decision and its ADR say "pinned at
#      line N", the other candidates say the spec pins it, and the revisit
#      search never flips a pinned slot;
#   2. `avoid TECH` keeps TECH out, also when the budget binds;
#   3. `plinth compare` and `plinth kb show` take a unique part of an id or
#      name, list the candidates of an ambiguous one and exit 2;
#   4. `plinth explain SPEC SLOT` explains every slot the knowledge base
#      knows, chosen or absent, for each example from 1x to 10,000x users;
#      an absent slot's revisit point lies beyond today's load; an unknown
#      slot is an error with "did you mean".
# The diagnostics (exact stderr, carets) are in tests/diag/pin_*.plinth and
# avoid_*.plinth.
#
# Run from the repository root: PLINTH=./plinth sh tests/pins/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

if ! command -v node >/dev/null 2>&1; then
  echo "FAIL setup: node is required to read the plan JSON"
  echo "0 passed, 1 failed"
  exit 1
fi

# with_lines SRC DST LINE...: SRC with LINEs added after its `project`
# line (inside the project block); fails when the copy does not hold them.
with_lines() {
  src=$1 dst=$2
  shift 2
  n=$(grep -n '^project ' "$src" | head -n 1 | cut -d: -f1)
  [ -n "$n" ] || return 1
  { head -n "$n" "$src"; for l in "$@"; do printf '  %s\n' "$l"; done; tail -n +$((n + 1)) "$src"; } >"$dst"
  for l in "$@"; do grep -qxF "  $l" "$dst" || return 1; done
  cmp -s "$src" "$dst" && return 1
  return 0
}

# decision FILE SLOT EXPR: evaluates EXPR over d (the slot's decision) and
# j (the plan); prints the value.
decision() {
  node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const d = (j.decisions || []).find(x => x.slot === process.argv[2]) || null;
    const v = eval(process.argv[3]);
    console.log(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2" "$3"
}

plan_json() { "$PLINTH" plan "$1" --format json >"$2" 2>"$tmp/err"; }

# ---- 1. pins ----
plan_json examples/shop.plinth "$tmp/shop.json" || bad "shop plans" "$(head -n 3 "$tmp/err")"
base_db=$(decision "$tmp/shop.json" database 'd.choice')
# The checker must fail on a plan without the pin.
if [ "$(decision "$tmp/shop.json" database 'String(d.because[0]).startsWith("pinned at line")')" = true ]; then
  bad "control: an unpinned decision does not say pinned" "$(decision "$tmp/shop.json" database 'd.because')"
else ok "control: an unpinned decision does not say pinned"; fi

if ! with_lines examples/shop.plinth "$tmp/shop-pin.plinth" "use database aws-dynamodb"; then
  bad "shop-pin variant" "the pin line did not go in"
fi
line=$(grep -n "use database aws-dynamodb" "$tmp/shop-pin.plinth" | cut -d: -f1)
if plan_json "$tmp/shop-pin.plinth" "$tmp/shop-pin.json"; then
  got=$(decision "$tmp/shop-pin.json" database 'd.choice')
  [ "$got" = aws-dynamodb ] && ok "pin fills the slot (was $base_db)" || bad "pin fills the slot" "database is $got"
  first=$(decision "$tmp/shop-pin.json" database 'd.because[0]')
  case $first in
  "pinned at line $line: "*) ok "decision says pinned at line $line" ;;
  *) bad "decision says pinned at line $line" "$first" ;;
  esac
  why=$(decision "$tmp/shop-pin.json" database '(d.rejected.find(r => r.option === process.env.BASE) || {}).why' 2>/dev/null)
  why=$(BASE=$base_db decision "$tmp/shop-pin.json" database '(d.rejected.find(r => r.option === process.env.BASE) || {}).why')
  case $why in
  "the spec pins Amazon DynamoDB at line $line") ok "the former winner is rejected for the pin" ;;
  *) bad "the former winner is rejected for the pin" "$base_db: $why" ;;
  esac
  # Unpinned, the compute flips at some scale; pinned, it never does.
  base_c=$(decision "$tmp/shop.json" compute 'd.choice')
  base_to=$(decision "$tmp/shop.json" compute 'd.revisit && d.revisit.to || ""')
  pin_to=""
  if with_lines examples/shop.plinth "$tmp/shop-cpin.plinth" "use compute $base_c" && plan_json "$tmp/shop-cpin.plinth" "$tmp/shop-cpin.json"; then
    pin_to=$(decision "$tmp/shop-cpin.json" compute 'd.revisit && d.revisit.to || ""')
  else pin_to="(the compute pin variant did not plan)"; fi
  if [ -n "$base_to" ] && [ -z "$pin_to" ]; then ok "a pinned slot never flips in the revisit search (unpinned: to $base_to)"
  else bad "a pinned slot never flips in the revisit search" "unpinned to '$base_to', pinned to '$pin_to'"; fi
else
  bad "shop-pin plans" "$(head -n 4 "$tmp/err")"
fi
# The ADR of the pinned decision says so.
if "$PLINTH" plan "$tmp/shop-pin.plinth" -o "$tmp/out" >/dev/null 2>"$tmp/err"; then
  if grep -rl "pinned at line $line" "$tmp/out" | grep -q "adr\|decisions"; then ok "ADR says pinned at line $line"
  else bad "ADR says pinned at line $line" "$(grep -rl "pinned at line" "$tmp/out" | head -n 3)"; fi
else bad "plan -o with a pin" "$(head -n 3 "$tmp/err")"; fi
# check warns at the pin's line for what it breaks (key-value for ACID data).
"$PLINTH" check "$tmp/shop-pin.plinth" >/dev/null 2>"$tmp/err"
if grep -q "shop-pin.plinth:$line:3: warning: the pinned Amazon DynamoDB breaks a constraint" "$tmp/err"; then
  ok "check warns at the pin's line"
else bad "check warns at the pin's line" "$(cat "$tmp/err")"; fi

# Over budget: the pin stays, the budget fitting leaves it alone.
plan_json examples/telemetry.plinth "$tmp/tel.json"
tel_db=$(decision "$tmp/tel.json" database 'd.choice')
with_lines examples/telemetry.plinth "$tmp/tel-pin.plinth" "use database clickhouse" "use compute aws-ec2" ||
  bad "telemetry pin variant" "the pin lines did not go in"
if plan_json "$tmp/tel-pin.plinth" "$tmp/tel-pin.json"; then
  a=$(decision "$tmp/tel-pin.json" database 'd.choice')
  b=$(decision "$tmp/tel-pin.json" compute 'd.choice')
  [ "$a" = clickhouse ] && [ "$b" = aws-ec2 ] && ok "pins hold under a binding budget (database was $tel_db)" ||
    bad "pins hold under a binding budget" "database $a, compute $b"
else bad "telemetry pins plan" "$(head -n 4 "$tmp/err")"; fi

# The pin outranks the budget also against candidates set aside only as new
# to the team (the budget pass may call on those): Azure Blob pinned on a
# $50 budget where Backblaze B2 and R2 cost less.
if vary tests/iac/specs/iac-bicep.plinth "$tmp/blob.plinth" 's/budget \$500\/month/budget $50\/month/' &&
  with_lines "$tmp/blob.plinth" "$tmp/blob-pin.plinth" "use object-storage azure-blob" &&
  plan_json "$tmp/blob-pin.plinth" "$tmp/blob-pin.json"; then
  got=$(decision "$tmp/blob-pin.json" object-storage 'd.choice')
  [ "$got" = azure-blob ] && ok "a pin holds against a cheaper candidate new to the team" ||
    bad "a pin holds against a cheaper candidate new to the team" "object-storage $got"
else bad "blob pin variant" "$(head -n 4 "$tmp/err" 2>/dev/null)"; fi

# The resolved model lists the pins and avoids as written.
with_lines examples/shop.plinth "$tmp/shop-both.plinth" "use database aws-dynamodb" "avoid heroku render" ||
  bad "shop-both variant" "not written"
got=$("$PLINTH" model --json "$tmp/shop-both.plinth" 2>/dev/null | node -e '
  const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(JSON.stringify([j.project.use, j.project.avoid]));')
[ "$got" = '[[{"slot":"database","tech":"aws-dynamodb"}],["heroku","render"]]' ] && ok "model --json lists use and avoid" ||
  bad "model --json lists use and avoid" "$got"

# The JSON outputs of a pinned spec still validate against docs/schema/ (the
# model's `use` and `avoid` included), and a pin without its tech does not.
if [ -f tests/schema/validate.mjs ]; then
  "$PLINTH" model --json "$tmp/shop-both.plinth" >"$tmp/m.json" 2>/dev/null
  "$PLINTH" plan --format json "$tmp/shop-both.plinth" >"$tmp/p.json" 2>/dev/null
  "$PLINTH" check --format json "$tmp/shop-both.plinth" >"$tmp/c.json" 2>/dev/null
  node -e '
    const fs = require("fs");
    const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    j.project.use = [{ slot: "database" }];
    fs.writeFileSync(process.argv[2], JSON.stringify(j));' "$tmp/m.json" "$tmp/m-bad.json"
  if NODE_NO_WARNINGS=1 node tests/schema/validate.mjs model.schema.json "$tmp/m.json" >"$tmp/v" 2>&1 &&
    NODE_NO_WARNINGS=1 node tests/schema/validate.mjs plan.schema.json "$tmp/p.json" >>"$tmp/v" 2>&1 &&
    NODE_NO_WARNINGS=1 node tests/schema/validate.mjs check.schema.json "$tmp/c.json" >>"$tmp/v" 2>&1 &&
    ! NODE_NO_WARNINGS=1 node tests/schema/validate.mjs model.schema.json "$tmp/m-bad.json" >/dev/null 2>&1
  then ok "pinned outputs validate against docs/schema"
  else bad "pinned outputs validate against docs/schema" "$(head -n 5 "$tmp/v")"; fi
fi

# Same input, same bytes.
"$PLINTH" plan "$tmp/shop-pin.plinth" --format json >"$tmp/a.json" 2>/dev/null
"$PLINTH" plan "$tmp/shop-pin.plinth" --format json >"$tmp/b.json" 2>/dev/null
cmp -s "$tmp/a.json" "$tmp/b.json" && ok "pinned plan is deterministic" || bad "pinned plan is deterministic" "two runs differ"

# A library pinned without its language implies the language.
printf 'project "Notes" {\n  idea "People keep notes."\n  users 2k\n  use framework django\n}\n\nentity Note {\n  body text\n}\n\nfeature crud Note\n' >"$tmp/fw.plinth"
if plan_json "$tmp/fw.plinth" "$tmp/fw.json"; then
  lang=$(decision "$tmp/fw.json" language 'd.choice')
  first=$(decision "$tmp/fw.json" language 'd.because[0]')
  fw=$(decision "$tmp/fw.json" framework 'd.choice')
  if [ "$lang" = python ] && [ "$fw" = django ] && [ "$first" = "the spec pins Django at line 4, which is written for Python" ]
  then ok "a pinned framework brings its language"
  else bad "a pinned framework brings its language" "language $lang ($first), framework $fw"; fi
  "$PLINTH" check "$tmp/fw.plinth" 2>&1 | grep -q "warning: the pinned Django" &&
    bad "the implied language leaves the pin nothing to warn about" "$("$PLINTH" check "$tmp/fw.plinth" 2>&1)" ||
    ok "the implied language leaves the pin nothing to warn about"
else bad "framework pin plans" "$(head -n 3 "$tmp/err")"; fi

# ---- 2. avoid ----
plan_json examples/taskflow.plinth "$tmp/tf.json"
tf_db=$(decision "$tmp/tf.json" database 'd.choice')
with_lines examples/taskflow.plinth "$tmp/tf-avoid.plinth" "avoid $tf_db" || bad "taskflow avoid variant" "not written"
aline=$(grep -n "^  avoid $tf_db\$" "$tmp/tf-avoid.plinth" | cut -d: -f1)
if plan_json "$tmp/tf-avoid.plinth" "$tmp/tf-avoid.json"; then
  got=$(decision "$tmp/tf-avoid.json" database 'd.choice')
  why=$(BASE=$tf_db decision "$tmp/tf-avoid.json" database '(d.rejected.find(r => r.option === process.env.BASE) || {}).why')
  if [ "$got" != "$tf_db" ] && [ "$why" = "avoided at line $aline" ]; then ok "avoid rules out $tf_db (now $got)"
  else bad "avoid rules out $tf_db" "chose $got; $tf_db: $why"; fi
else bad "taskflow avoid plans" "$(head -n 4 "$tmp/err")"; fi
# Under a binding budget an avoided technology is still out: avoid every
# compute but one dear one; the budget fitting must not bring one back.
plan_json examples/telemetry.plinth "$tmp/tel.json"
tel_compute=$(decision "$tmp/tel.json" compute 'd.choice')
out="heroku render fly-io digitalocean-app-platform"
case " $out " in *" $tel_compute "*) ;; *) out="$tel_compute $out" ;; esac
with_lines examples/telemetry.plinth "$tmp/tel-avoid.plinth" "avoid $out" ||
  bad "telemetry avoid variant" "not written"
if plan_json "$tmp/tel-avoid.plinth" "$tmp/tel-avoid.json"; then
  got=$(decision "$tmp/tel-avoid.json" compute 'd.choice')
  case " $out " in
  *" $got "*) bad "avoided computes stay out under the budget" "chose $got" ;;
  *) ok "avoided computes stay out under the budget (was $tel_compute, now $got)" ;;
  esac
else bad "telemetry avoid plans" "$(head -n 4 "$tmp/err")"; fi

# A pin that puts the stack over budget: check warns at the pin's line with
# both prices (exact texts are in tests/diag; prices move with the KB).
cat >"$tmp/budget.plinth" <<'EOF'
project "Pins" {
  idea "A small notes app: people sign in and keep notes."
  users 2k
  budget $20/month
  use database aws-aurora-serverless-v2
}

entity User {
  email email unique
  password secret
}

entity Note {
  owner -> User
  body text
}

feature auth { method jwt }
feature crud Note { owner-only }
EOF
"$PLINTH" check "$tmp/budget.plinth" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "budget.plinth:5:3: warning: the pinned Amazon Aurora Serverless v2 (PostgreSQL-compatible) costs \\$[0-9.]* a month where the best alternative costs \\$[0-9.]*, and the stack is over the budget" "$tmp/err"
then ok "a pin over budget is kept, with a warning at its line"
else bad "a pin over budget is kept, with a warning at its line" "exit $rc: $(cat "$tmp/err")"; fi

# A pin that forces a topology past a provider limit is kept, marked as
# exceeding in the JSON, and check warns at its line.
sp=tests/laws/specs/pinned-past-limit.plinth
pl=$(grep -n "^  use compute heroku" "$sp" | cut -d: -f1)
plan_json "$sp" "$tmp/past.json"
"$PLINTH" check "$sp" >/dev/null 2>"$tmp/err"
if [ -s "$tmp/past.json" ] && grep -q "pinned-past-limit.plinth:$pl:3: warning: the pinned Heroku breaks a constraint the chooser enforces: " "$tmp/err" &&
  [ "$(decision "$tmp/past.json" compute 'd.choice + " " + Boolean(d.topology && d.topology.exceeds)')" = "heroku true" ]
then ok "a pin past a provider limit is kept, marked and warned about"
else bad "a pin past a provider limit is kept, marked and warned about" "$(cat "$tmp/err")"; fi

# Avoiding, one by one, every database the plan picks ends in an error that
# names the slot, whatever the knowledge base holds.
avoid=""
verdict=""
for i in $(seq 1 40); do
  if [ -n "$avoid" ]; then with_lines "$tmp/budget.plinth" "$tmp/av.plinth" "avoid$avoid" || { verdict="variant not written"; break; }
  else cp "$tmp/budget.plinth" "$tmp/av.plinth"; fi
  sed -i '/^  use database /d; /^  budget /d' "$tmp/av.plinth"
  if "$PLINTH" plan "$tmp/av.plinth" --format json >"$tmp/av.json" 2>"$tmp/err"; then
    db=$(decision "$tmp/av.json" database 'd.choice')
    case " $avoid " in *" $db "*) verdict="chose avoided $db"; break ;; esac
    avoid="$avoid $db"
  else
    verdict=$(grep -o "error: 'avoid' \\(leaves the database slot with no candidate\\|rules out every technology for the database slot\\)" "$tmp/err" | head -n 1)
    [ -n "$verdict" ] || verdict="other error: $(head -n 2 "$tmp/err")"
    break
  fi
done
case $verdict in
"error: 'avoid' "*) ok "avoiding every database the plan picks is an error naming the slot ($(echo $avoid | wc -w) avoided)" ;;
*) bad "avoiding every database the plan picks is an error naming the slot" "${verdict:-no error after 40 rounds}: avoid$avoid" ;;
esac

# ---- 3. lookups by part ----
if "$PLINTH" compare dynamodb postgres >"$tmp/cmp" 2>"$tmp/err" && head -n 1 "$tmp/cmp" | grep -q "Amazon DynamoDB or PostgreSQL"; then
  ok "compare dynamodb postgres"
else bad "compare dynamodb postgres" "$(head -n 2 "$tmp/cmp") $(cat "$tmp/err")"; fi
"$PLINTH" compare aws sql >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "^plinth compare: 'aws' names [0-9]* technologies; say which:" "$tmp/err" &&
  grep -q "^  aws-elasticache " "$tmp/err"; then ok "compare: an ambiguous part lists the candidates, exit 2"
else bad "compare: an ambiguous part lists the candidates, exit 2" "exit $rc: $(head -n 3 "$tmp/err")"; fi
# A part that is ambiguous alone ("google": a dozen technologies) is read in the other's slot.
if "$PLINTH" compare google redis >"$tmp/cmp" 2>"$tmp/err" && head -n 1 "$tmp/cmp" | grep -q "for cache"; then
  ok "compare: the other technology's slot settles a part"
else bad "compare: the other technology's slot settles a part" "$(head -n 1 "$tmp/cmp") $(cat "$tmp/err")"; fi
"$PLINTH" kb show dynamodb >"$tmp/show" 2>"$tmp/err" && head -n 1 "$tmp/show" | grep -q "^aws-dynamodb: " &&
  ok "kb show dynamodb" || bad "kb show dynamodb" "$(head -n 1 "$tmp/show") $(cat "$tmp/err")"
"$PLINTH" kb show mongo >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "^  mongodb-atlas " "$tmp/err" && grep -q "^  mongodb " "$tmp/err" &&
  ok "kb show: ambiguous part, exit 2" || bad "kb show: ambiguous part, exit 2" "exit $rc: $(cat "$tmp/err")"
"$PLINTH" kb show no-such-thing >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "no technology 'no-such-thing'" "$tmp/err" && ok "kb show: unknown id, exit 2 (as compare)" ||
  bad "kb show: unknown id, exit 2 (as compare)" "exit $rc: $(cat "$tmp/err")"

# ---- 4. every slot explainable, chosen or absent ----
slots=$("$PLINTH" kb list | awk '{print $2}' | sort -u)
nslots=$(echo "$slots" | wc -l)
for ex in examples/*.plinth; do
  base=$(basename "$ex" .plinth)
  for k in 1 10000; do
    v=$tmp/$base-x$k.plinth
    if [ $k = 1 ]; then cp "$ex" "$v"
    else
      node -e '
        const fs = require("fs");
        const [src, dst, k] = process.argv.slice(1);
        const mult = { "": 1, k: 1e3, M: 1e6, B: 1e9 };
        let n = 0;
        const out = fs.readFileSync(src, "utf8").replace(/^(\s*users\s+)([0-9.]+)([kMB]?)\s*$/m,
          (_, pre, num, suf) => { n++; return pre + String(Math.round(Number(num) * mult[suf] * Number(k))); });
        if (n !== 1) process.exit(1);
        fs.writeFileSync(dst, out);' "$ex" "$v" "$k" || { bad "explain.$base-x$k" "no users line to scale"; continue; }
      cmp -s "$ex" "$v" && { bad "explain.$base-x$k" "the variant is the example itself"; continue; }
    fi
    bad_slots=""
    for s in $slots; do
      if ! "$PLINTH" explain "$v" "$s" >"$tmp/ex" 2>"$tmp/err"; then
        bad_slots="$bad_slots $s(exit)"
        continue
      fi
      if grep -q "^### $s: none" "$tmp/ex"; then
        # an absence says why, and its revisit point is beyond today's load
        [ "$(grep -c . "$tmp/ex")" -ge 3 ] || bad_slots="$bad_slots $s(no why)"
        grep -q "^Revisit " "$tmp/ex" || bad_slots="$bad_slots $s(no revisit)"
        f=$(sed -n "s/.*(\(about \)\{0,1\}\([0-9.]*\)x today's).*/\2/p" "$tmp/ex" | head -n 1)
        if [ -n "$f" ] && ! awk -v f="$f" 'BEGIN { exit !(f > 1) }'; then bad_slots="$bad_slots $s(revisit ${f}x)"; fi
      fi
    done
    [ -z "$bad_slots" ] && ok "explain: all $nslots slots of $base-x$k" || bad "explain: all slots of $base-x$k" "$bad_slots"
  done
done
"$PLINTH" explain examples/shop.plinth databse >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -qxF "plinth explain: unknown slot 'databse'; did you mean 'database'?" "$tmp/err" &&
  ok "explain: unknown slot, did you mean" || bad "explain: unknown slot, did you mean" "exit $rc: $(cat "$tmp/err")"
"$PLINTH" explain examples/taskflow.plinth cache >"$tmp/ex" 2>&1
grep -q "^no cache: .*reads" "$tmp/ex" && grep -q "^Revisit at 2k reads" "$tmp/ex" &&
  ok "explain: an absent cache gives the read rate and the revisit point" ||
  bad "explain: an absent cache gives the read rate and the revisit point" "$(cat "$tmp/ex")"

summary
