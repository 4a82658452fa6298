#!/bin/sh
# plinth serve under wrk: POST /api/plan with the TaskFlow spec on
# 127.0.0.1 only, for DURATION seconds (default 60). Reports plans per
# second, the latency percentiles (p50, p99), and the server's resident
# memory after the first second and at the end; PASS/FAIL against the
# targets: at least 2,000 plans a second, memory at the end within 10% of
# the first second's. Exits 1 if a target fails, 2 on a setup error.
# Knobs: PLINTH (default ./plinth), DURATION, THREADS (server workers,
# default 2), CONNS (wrk connections, default 16), SPEC, VARY. The server
# keeps its last answers by the spec's hash, so the same body is planned
# once; VARY=1 appends a different comment to every request's spec, and
# then every request is planned (the figure for a page whose user types).
set -u
PLINTH=${PLINTH:-./plinth}
DURATION=${DURATION:-60}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
SPEC=${SPEC:-examples/taskflow.plinth}
VARY=${VARY:-0}
command -v wrk >/dev/null || { echo "bench: wrk is not installed" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$PLINTH" serve --listen 127.0.0.1:0 --threads "$THREADS" 2>"$tmp/err" &
pid=$!
base=
for _ in $(seq 50); do
  base=$(sed -n 's|^plinth serve: \(http://127\.0\.0\.1:[0-9]*\)/ .*|\1|p' "$tmp/err")
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "bench: the server did not start: $(cat "$tmp/err")" >&2; exit 2; }
cat >"$tmp/post.lua" <<EOS
local f = io.open("$SPEC", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
if $VARY == 1 then
  local n = 0
  request = function()
    n = n + 1
    return wrk.format(nil, nil, nil, wrk.body .. "# request " .. tostring(tid) .. "-" .. n .. "\\n")
  end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
EOS
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$tmp/post.lua" "$base/api/plan" >"$tmp/wrk" 2>&1 &
wpid=$!
sleep 1
rss1=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status")
wait $wpid
rss2=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status")
# The server's CPU (user + system, in clock ticks) over the whole run: per
# request, it does not depend on what else the machine is running.
ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
hz=$(getconf CLK_TCK)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
res=$(grep '^RESULT' "$tmp/wrk")
[ -n "$res" ] || { echo "bench: wrk failed: $(tail -n 5 "$tmp/wrk")" >&2; exit 2; }
v() { printf '%s\n' "$res" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
rps=$(v rps)
echo "serve: $rps plans/s, p50 $(v p50_ms) ms, p99 $(v p99_ms) ms, $(v errors) socket errors, $(v non2xx) non-2xx" \
  "($THREADS workers, $CONNS connections, ${DURATION} s, VARY=$VARY)"
echo "serve: resident memory $rss1 KiB after 1 s, $rss2 KiB at the end"
awk -v t="$ticks" -v hz="$hz" -v rps="$rps" -v d="$DURATION" \
  'BEGIN{printf "serve: %.3f ms of server CPU per request (%.1f s of CPU over %d s)\n", t / hz * 1000 / (rps * d), t / hz, d}'
fail=0
if awk "BEGIN{exit !($rps >= 2000)}"; then echo "PASS at least 2,000 plans/s"; else echo "FAIL at least 2,000 plans/s ($rps)"; fail=1; fi
if awk "BEGIN{exit !($rss2 <= $rss1 * 1.1)}"; then echo "PASS memory flat"; else echo "FAIL memory flat ($rss1 -> $rss2 KiB)"; fail=1; fi
exit $fail
