#!/bin/sh
# plinth serve: the HTTP API against the CLI (same bytes), its refusals
# (422, 413, 404, 405, 403, 400), plinth diff's bytes, 100 parallel requests, a client sending a
# byte a second dropped, server-sent events when the watched spec changes,
# the security headers; then the page in the Debian Chromium (browser.js).
# The server listens on 127.0.0.1 only, on a free port, and is stopped here.
# Run from the repository root: PLINTH=./plinth sh tests/serve/run.sh
# Prints "ok NAME" per pass and last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$PWD/$PLINTH ;; esac
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
pid=
stop() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  pid=
}
trap 'stop; rm -rf "$tmp"' EXIT


for tool in curl node; do
  if ! command -v $tool >/dev/null; then
    echo "skipped: $tool is not installed"
    exit 0
  fi
done

# A refusal before any server: a malformed address, and a warning for one
# that is not loopback (192.0.2.1 is a documentation address no machine
# has, so the bind fails and nothing listens).
"$PLINTH" serve --listen nowhere >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "not an address" "$tmp/err"; then ok listen.malformed; else bad listen.malformed "exit $rc: $(cat "$tmp/err")"; fi
"$PLINTH" serve --listen 192.0.2.1:0 >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "warning: 192.0.2.1:0 is reachable from other machines" "$tmp/err"; then ok listen.not_loopback_warns
else bad listen.not_loopback_warns "exit $rc: $(cat "$tmp/err")"; fi

cp examples/taskflow.plinth "$tmp/watched.plinth"
"$PLINTH" serve --listen 127.0.0.1:0 --timeout 3 "$tmp/watched.plinth" 2>"$tmp/serve.err" &
pid=$!
base=
for _ in $(seq 50); do
  base=$(sed -n 's|^plinth serve: \(http://127\.0\.0\.1:[0-9]*\)/ .*|\1|p' "$tmp/serve.err")
  [ -n "$base" ] && break
  sleep 0.1
done
if [ -z "$base" ]; then
  bad start "no address printed: $(cat "$tmp/serve.err")"
  echo "$pass passed, $fail failed"
  exit 1
fi
ok start

# req NAME METHOD PATH [BODY_FILE]: status in $tmp/NAME.code, headers, body.
req() {
  n=$1 m=$2 p=$3
  if [ $# -ge 4 ]; then
    curl -s -X "$m" -D "$tmp/$n.h" -o "$tmp/$n.body" -w '%{http_code}' --data-binary "@$4" "$base$p" >"$tmp/$n.code"
  else
    curl -s -X "$m" -D "$tmp/$n.h" -o "$tmp/$n.body" -w '%{http_code}' "$base$p" >"$tmp/$n.code"
  fi
}
# status NAME WANT: the last req's status
status() {
  if [ "$(cat "$tmp/$1.code")" = "$2" ]; then ok "$1"; else bad "$1" "status $(cat "$tmp/$1.code"), expected $2: $(head -c 300 "$tmp/$1.body")"; fi
}

req health GET /api/health
status health 200

# The same bytes as the CLI, for every example.
for spec in examples/*.plinth; do
  name=$(basename "$spec" .plinth)
  req "plan.$name" POST /api/plan "$spec"
  "$PLINTH" plan --format json "$spec" >"$tmp/cli.json" 2>/dev/null
  if [ "$(cat "$tmp/plan.$name.code")" = 200 ] && cmp -s "$tmp/cli.json" "$tmp/plan.$name.body"; then ok "plan.same_bytes.$name"
  else bad "plan.same_bytes.$name" "status $(cat "$tmp/plan.$name.code"), $(cmp "$tmp/cli.json" "$tmp/plan.$name.body" 2>&1)"; fi
done
# Answers are kept by the spec's hash: asked again, each example gets its own
# bytes back, and a spec of the same length that differs in one figure
# gets its own plan, not the one kept for the original.
kept=0
for spec in examples/*.plinth; do
  name=$(basename "$spec" .plinth)
  req "again.$name" POST /api/plan "$spec"
  if cmp -s "$tmp/plan.$name.body" "$tmp/again.$name.body"; then kept=$((kept + 1))
  else bad "plan.kept.$name" "$(cmp "$tmp/plan.$name.body" "$tmp/again.$name.body" 2>&1)"; fi
done
[ "$kept" -eq "$(ls examples/*.plinth | wc -l)" ] && ok "plan.kept_answers_same_bytes ($kept)"
sed 's|budget \$50/month|budget \$90/month|' examples/taskflow.plinth >"$tmp/budget90.plinth"
req plan.edited POST /api/plan "$tmp/budget90.plinth"
"$PLINTH" plan --format json "$tmp/budget90.plinth" >"$tmp/cli.json" 2>/dev/null
if ! cmp -s examples/taskflow.plinth "$tmp/budget90.plinth" && cmp -s "$tmp/cli.json" "$tmp/plan.edited.body" &&
  ! cmp -s "$tmp/plan.taskflow.body" "$tmp/plan.edited.body"; then ok plan.edited_spec_not_the_kept_answer
else bad plan.edited_spec_not_the_kept_answer "$(cmp "$tmp/cli.json" "$tmp/plan.edited.body" 2>&1)"; fi
req estimate POST /api/estimate examples/shop.plinth
"$PLINTH" estimate --json examples/shop.plinth >"$tmp/cli.json" 2>/dev/null
if cmp -s "$tmp/cli.json" "$tmp/estimate.body"; then ok estimate.same_bytes; else bad estimate.same_bytes "$(head -c 200 "$tmp/estimate.body")"; fi
printf 'a shop where people buy handmade furniture and pay by card' >"$tmp/idea.txt"
req new POST /api/new "$tmp/idea.txt"
"$PLINTH" new --json - <"$tmp/idea.txt" >"$tmp/cli.json" 2>/dev/null
if [ "$(cat "$tmp/new.code")" = 200 ] && cmp -s "$tmp/cli.json" "$tmp/new.body"; then ok new.same_bytes
else bad new.same_bytes "status $(cat "$tmp/new.code"): $(head -c 200 "$tmp/new.body")"; fi

# json_get FILE EXPR: a value from a JSON file (node: the test's only JSON reader).
json_get() { node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(eval(process.argv[2]))' "$1" "$2"; }

# A spec error: 422 with the diagnostic at its line and column.
{ cat examples/taskflow.plinth; printf '\nentity {\n'; } >"$tmp/broken.plinth"
line=$(($(wc -l <examples/taskflow.plinth) + 2))
req plan.error POST /api/plan "$tmp/broken.plinth"
status plan.error 422
got=$(json_get "$tmp/plan.error.body" 'd.diagnostics.filter(x=>x.severity==="error").map(x=>[x.file,x.line,x.col].join(":")).join(" ")')
if [ "$got" = "<request>:$line:8" ]; then ok plan.error.diagnostic_place; else bad plan.error.diagnostic_place "got '$got', expected <request>:$line:8"; fi
keys=$(json_get "$tmp/plan.error.body" 'Object.keys(d).join(",")+"|"+Object.keys(d.diagnostics[0]).join(",")')
if [ "$keys" = "diagnostics|file,line,col,severity,message" ]; then ok plan.error.shape; else bad plan.error.shape "$keys"; fi
req check.error POST /api/check "$tmp/broken.plinth"
status check.error 422
req check.warnings POST /api/check examples/shop.plinth
status check.warnings 200
"$PLINTH" check --format json examples/shop.plinth >"$tmp/cli.json" 2>/dev/null
want=$(json_get "$tmp/cli.json" 'd.findings.map(x=>x.line+":"+x.column+" "+x.message).join("|")')
got=$(json_get "$tmp/check.warnings.body" 'd.diagnostics.map(x=>x.line+":"+x.col+" "+x.message).join("|")')
if [ -n "$want" ] && [ "$want" = "$got" ]; then ok check.same_findings_as_cli; else bad check.same_findings_as_cli "cli '$want' server '$got'"; fi

# Bodies over 16 MiB: refused from Content-Length, and when sent chunked.
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' '#' >"$tmp/big"
req big POST /api/plan "$tmp/big"
status big 413
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/big" "$base/api/plan")
if [ "$code" = 413 ]; then ok big.chunked; else bad big.chunked "status $code"; fi
head -c $((16 * 1024 * 1024 - 10)) /dev/zero | tr '\0' '#' >"$tmp/under"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary "@$tmp/under" "$base/api/check")
if [ "$code" = 200 ] || [ "$code" = 422 ]; then ok big.just_under_is_read; else bad big.just_under_is_read "status $code"; fi

req unknown GET /api/nothing
status unknown 404
req unknown.page GET /etc/passwd
status unknown.page 404
req wrong_method GET /api/plan
status wrong_method 405
if grep -qi '^Allow: POST' "$tmp/wrong_method.h"; then ok wrong_method.allow; else bad wrong_method.allow "$(cat "$tmp/wrong_method.h")"; fi
req wrong_method.page DELETE /
status wrong_method.page 405
# POST /api/diff: the two specs as form fields, the bytes of plinth diff --json
# for the same file names.
mkdir "$tmp/d"
cp examples/taskflow.plinth "$tmp/d/a.plinth"
vary examples/taskflow.plinth "$tmp/d/b.plinth" 's/users 10000/users 200000/' 's/deadline 6 weeks/deadline 8 weeks/'
(cd "$tmp/d" && "$PLINTH" diff --json a.plinth b.plinth >cli.json 2>/dev/null; "$PLINTH" diff --json --only cost a.plinth b.plinth >cli-cost.json 2>/dev/null)
for q in "" "?only=cost"; do
  want=$tmp/d/cli.json
  [ -n "$q" ] && want=$tmp/d/cli-cost.json
  code=$(curl -s -o "$tmp/d/srv.json" -w '%{http_code}' -F "old=@$tmp/d/a.plinth" -F "new=@$tmp/d/b.plinth" "$base/api/diff$q")
  if [ "$code" = 200 ] && [ -s "$want" ] && cmp -s "$want" "$tmp/d/srv.json"; then ok "diff.same_bytes$q"
  else bad "diff.same_bytes$q" "status $code: $(cmp "$want" "$tmp/d/srv.json" 2>&1)"; fi
done
code=$(curl -s -o "$tmp/d/err.json" -w '%{http_code}' -F "old=@$tmp/d/a.plinth" -F "new=@$tmp/broken.plinth" "$base/api/diff")
if [ "$code" = 422 ] && grep -q '"file": "broken.plinth"' "$tmp/d/err.json"; then ok diff.error_422; else bad diff.error_422 "status $code: $(head -c 300 "$tmp/d/err.json")"; fi
# NEW's findings are kept past NEW's own allocations (they once overwrote
# its syntax tree: a crash on any NEW with an error the resolver finds).
vary examples/taskflow.plinth "$tmp/d/neg.plinth" 's/users 10000/users -1/'
code=$(curl -s -o "$tmp/d/err.json" -w '%{http_code}' -F "old=@$tmp/d/a.plinth" -F "new=@$tmp/d/neg.plinth" "$base/api/diff")
if [ "$code" = 422 ] && grep -q 'must not be negative' "$tmp/d/err.json"; then ok diff.resolver_error_422; else bad diff.resolver_error_422 "status $code: $(head -c 300 "$tmp/d/err.json")"; fi
req diff.not_a_form POST /api/diff examples/shop.plinth
status diff.not_a_form 400
code=$(curl -s -o /dev/null -w '%{http_code}' -F "old=@$tmp/d/a.plinth" -F "new=@$tmp/d/b.plinth" "$base/api/diff?only=everything")
if [ "$code" = 400 ]; then ok diff.bad_only; else bad diff.bad_only "status $code"; fi
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example:80' "$base/api/health")
if [ "$code" = 403 ]; then ok host.rebinding_refused; else bad host.rebinding_refused "status $code"; fi

# Artifacts: every file plan -o writes, the same bytes, from the watched
# spec (GET) and from a request's (POST).
"$PLINTH" plan -o "$tmp/out" "$tmp/watched.plinth" 2>/dev/null
nfiles=0
badfiles=
for f in $(cd "$tmp/out" && find . -type f ! -name '.plinth*' | sed 's|^\./||' | sort); do
  nfiles=$((nfiles + 1))
  curl -s -o "$tmp/art" "$base/api/artifact/$f"
  cmp -s "$tmp/art" "$tmp/out/$f" || badfiles="$badfiles $f"
done
if [ "$nfiles" -gt 20 ] && [ -z "$badfiles" ]; then ok "artifact.get_all_same_bytes ($nfiles files)"; else bad artifact.get_all_same_bytes "$nfiles files, differ:$badfiles"; fi
"$PLINTH" plan -o "$tmp/shop" examples/shop.plinth 2>/dev/null
req artifact.post POST /api/artifact/schema.sql examples/shop.plinth
if cmp -s "$tmp/artifact.post.body" "$tmp/shop/schema.sql"; then ok artifact.post_same_bytes; else bad artifact.post_same_bytes "status $(cat "$tmp/artifact.post.code")"; fi
if grep -qi '^Content-Type: application/sql' "$tmp/artifact.post.h"; then ok artifact.type; else bad artifact.type "$(grep -i content-type "$tmp/artifact.post.h")"; fi
req artifact.none GET /api/artifact/nothing.txt
status artifact.none 404
req artifacts POST /api/artifacts examples/shop.plinth
n=$(json_get "$tmp/artifacts.body" 'd.files.length')
want=$(cd "$tmp/shop" && find . -type f ! -name '.plinth*' | wc -l)
if [ "$n" = "$want" ]; then ok artifacts.list; else bad artifacts.list "$n files listed, plan -o writes $want"; fi

# Security headers: a CSP on the page and the API, no CORS anywhere.
req page GET /
status page 200
if grep -qi "^Content-Security-Policy: default-src 'none'; script-src 'self'" "$tmp/page.h"; then ok page.csp; else bad page.csp "$(cat "$tmp/page.h")"; fi
curl -s -D "$tmp/cors.h" -o /dev/null -H 'Origin: http://evil.example' --data-binary @examples/shop.plinth "$base/api/plan"
curl -s -D "$tmp/pre.h" -o /dev/null -X OPTIONS -H 'Origin: http://evil.example' -H 'Access-Control-Request-Method: POST' "$base/api/plan"
if cat "$tmp"/*.h | grep -qi '^Access-Control-'; then bad no_cors "$(grep -il '^Access-Control-' "$tmp"/*.h)"; else ok no_cors; fi
if grep -qi "^Content-Security-Policy:" "$tmp/cors.h"; then ok api.csp; else bad api.csp "$(cat "$tmp/cors.h")"; fi
for a in app.js app.css; do
  code=$(curl -s -o "$tmp/$a" -w '%{http_code}' "$base/$a")
  if [ "$code" = 200 ] && cmp -s "$tmp/$a" "src/serve/page/$a"; then ok "page.$a"; else bad "page.$a" "status $code"; fi
done

# 100 requests at once, each answered with the CLI's bytes.
"$PLINTH" plan --format json examples/taskflow.plinth >"$tmp/want.json" 2>/dev/null
mkdir "$tmp/par"
seq 100 | xargs -P 100 -I{} sh -c 'curl -s -o "$1/par/$2" -w "%{http_code} %{errormsg}\n" --data-binary @examples/taskflow.plinth "$3/api/plan" >"$1/par/$2.code"' sh "$tmp" {} "$base"
same=0
for i in $(seq 100); do cmp -s "$tmp/par/$i" "$tmp/want.json" && same=$((same + 1)); done
if [ $same -eq 100 ]; then ok parallel.100_same_bytes
else bad parallel.100_same_bytes "$same of 100 identical; answers: $(cat "$tmp"/par/*.code | sort | uniq -c | tr '\n' ' ')"; fi

# A client sending one byte a second is dropped after the timeout (3 s
# here), well before it would finish its request.
node -e '
const net = require("net");
const u = new URL(process.argv[1]);
const req = "POST /api/plan HTTP/1.1\r\nHost: " + u.host + "\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100);
const s = net.connect(+u.port, u.hostname);
const t0 = Date.now();
let i = 0, timer;
s.on("connect", () => { timer = setInterval(() => { if (i < req.length) s.write(req[i++]); }, 1000); });
s.on("error", () => {});
s.on("close", () => { clearInterval(timer); console.log(((Date.now() - t0) / 1000).toFixed(1), i); process.exit(0); });
setTimeout(() => { console.log("open", i); process.exit(0); }, 12000);
' "$base" >"$tmp/slow" 2>&1
read -r secs sent <"$tmp/slow"
if [ "$secs" != open ] && awk "BEGIN{exit !($secs >= 2.5 && $secs <= 9)}"; then ok "slow_client.dropped (after $secs s, $sent bytes)"
else bad slow_client.dropped "$(cat "$tmp/slow")"; fi
req health.after_slow GET /api/health
status health.after_slow 200

# Server-sent events: an edit of the watched spec is pushed.
curl -s -N --max-time 6 "$base/api/events" >"$tmp/events" &
cpid=$!
sleep 0.6
vary examples/taskflow.plinth "$tmp/watched.new" 's/users 10000/users 20000/' && mv "$tmp/watched.new" "$tmp/watched.plinth"
wait $cpid
if grep -q '"generation":1' "$tmp/events" && grep -q '"generation":2' "$tmp/events"; then ok events.pushed; else bad events.pushed "$(cat "$tmp/events")"; fi
req spec GET /api/spec
if [ "$(json_get "$tmp/spec.body" 'd.generation+" "+/users 20000/.test(d.text)')" = "2 true" ]; then ok events.spec_text
else bad events.spec_text "$(head -c 200 "$tmp/spec.body")"; fi

# The page in a real browser.
if [ -x /usr/bin/chromium ] && [ -d node_modules/puppeteer-core ]; then
  # Screenshots kept for people to look at, one folder per build (make test
  # runs the plain and the sanitized suites side by side).
  shots=build/serve-shots-${SUITE_LABEL:-plain}
  rm -rf "$shots/downloads"
  mkdir -p "$shots"
  timeout 120 node tests/serve/browser.js "$base/" examples/taskflow.plinth "$shots" >"$tmp/browser" 2>&1
  rc=$?
  while IFS= read -r l; do
    case $l in
    "ok "*) ok "browser.${l#ok }" ;;
    "FAIL "*) bad "browser.${l#FAIL }" "" ;;
    esac
  done <"$tmp/browser"
  if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$tmp/browser"; then bad browser "exit $rc: $(tail -n 3 "$tmp/browser")"; fi
else
  echo "browser tests skipped: no /usr/bin/chromium or puppeteer-core"
fi

# The knowledge base is loaded once, --kb layer included: the layer's
# record is in the plan, and breaking the layer after the start changes
# nothing (read again per request, it would fail every plan).
stop
mkdir "$tmp/kb"
# The layer renames the database the plan chooses.
"$PLINTH" plan --format json examples/taskflow.plinth >"$tmp/plain.json" 2>/dev/null
dbid=$(json_get "$tmp/plain.json" 'd.decisions.find(x=>x.slot==="database").choice')
for f in kb/*.kb; do awk -v id="$dbid" '$1 == "tech" && $2 == id {on=1} on {print} on && /^}/ {exit}' "$f"; done |
  sed 's/^\(  name  *\)"\(.*\)"/\1"\2 (local price list)"/' >"$tmp/kb/extra.kb"
"$PLINTH" serve --listen 127.0.0.1:0 --kb "$tmp/kb" 2>"$tmp/serve2.err" &
pid=$!
base=
for _ in $(seq 50); do
  base=$(sed -n 's|^plinth serve: \(http://127\.0\.0\.1:[0-9]*\)/ .*|\1|p' "$tmp/serve2.err")
  [ -n "$base" ] && break
  sleep 0.1
done
"$PLINTH" plan --format json --kb "$tmp/kb" examples/taskflow.plinth >"$tmp/cli.json" 2>/dev/null
printf 'tech {{{ nonsense\n' >"$tmp/kb/extra.kb"
req kb_once POST /api/plan examples/taskflow.plinth
if [ "$(cat "$tmp/kb_once.code")" = 200 ] && cmp -s "$tmp/cli.json" "$tmp/kb_once.body" && grep -q 'local price list' "$tmp/kb_once.body"; then ok kb.loaded_once
else bad kb.loaded_once "status $(cat "$tmp/kb_once.code"): $(head -c 200 "$tmp/kb_once.body")"; fi
"$PLINTH" serve --listen 127.0.0.1:0 --kb "$tmp/kb" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "extra.kb:1:6: error" "$tmp/err"; then ok kb.broken_at_start_refused; else bad kb.broken_at_start_refused "exit $rc: $(cat "$tmp/err")"; fi

# SIGTERM stops it cleanly.
kill "$pid"
wait "$pid"
rc=$?
pid=
if [ $rc -eq 0 ] && grep -q "plinth serve: stopped" "$tmp/serve2.err"; then ok stop.sigterm; else bad stop.sigterm "exit $rc: $(tail -n 3 "$tmp/serve.err")"; fi

# A watched spec that is a FIFO no one writes to reads as empty: the
# server comes up instead of waiting in open(2) for a writer.
mkfifo "$tmp/fifo.plinth"
"$PLINTH" serve --listen 127.0.0.1:0 "$tmp/fifo.plinth" >/dev/null 2>"$tmp/fifo.err" &
fpid=$!
up=
for _ in $(seq 50); do
  grep -q '^plinth serve: http://127\.0\.0\.1:[0-9]*/' "$tmp/fifo.err" && up=1 && break
  sleep 0.1
done
kill "$fpid" 2>/dev/null
wait "$fpid" 2>/dev/null
if [ -n "$up" ]; then ok watch.fifo_does_not_block; else bad watch.fifo_does_not_block "not up in 5 s: $(head -c 300 "$tmp/fifo.err")"; fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
