#!/bin/sh
# Stores of appended rows sized for their analytic scans (docs/capacity.md#scans):
#   1. a store that scans is sized by the largest of its ingest writes, its
#      compressed bytes on disk, the memory those bytes need (1:50 when
#      people query them) and its queries' scans; here the scans are the
#      fullest axis, so `topology.ceiling` names them and the shards carry
#      them (load.scan_bytes_per_s per shard within per_instance); shards
#      for the largest tenant's query spread each tenant's rows by a finer
#      key (the rows' other owner: Person_id hash), so it runs on all;
#   2. a store that writes through one primary (TimescaleDB) is not chosen
#      past one node's scans, and pinned there its topology exceeds,
#      naming the scans, and `plinth check` warns at the pin;
#   3. the bytes its disks hold are the compressed share the estimate bills
#      (load.stored_bytes), and storage shards count those, not the raw
#      rows;
#   4. what the spec leaves out is stated: queries without a window read a
#      day, rows nobody queries are sized for ingest and storage.
# Run from the repository root: PLINTH=./plinth sh tests/scans/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if ! command -v node >/dev/null 2>&1; then
  echo "skipped: node is required to read the plan JSON"
  exit 0
fi

# One fleet's metrics, queried over a day: 2,000 rows a second, every
# query reading the whole day's columns (no tenant to filter on). Writes
# (12k a second at the design load) and storage fit one node.
cat >"$tmp/scan.plinth" <<'EOF'
project "Fleet metrics" {
  idea "A metrics platform: one fleet's hosts report metrics, and engineers query them over the last day."
  users 2k
  reads 1/s
  peak 2x
  availability 99.9%
  team 10 senior { skills go clickhouse postgresql }
  cloud self-hosted
  prefer self-hosted
}

entity Sample {
  metric string(40)
  host string(40)
  value float
  at timestamp
  retain 90 days
}

feature ingest Sample   { rate 2000/s  batch 1000 }
feature query Sample    { window 24h }
EOF
# The same, pinned to TimescaleDB.
sed 's/^  prefer self-hosted$/  prefer self-hosted\n  use events timescaledb/' "$tmp/scan.plinth" >"$tmp/pinned.plinth"
# Large rows nobody queries: 3,000 a second of about 4 KB kept 3 years.
cat >"$tmp/cold.plinth" <<'EOF'
project "Audit archive" {
  idea "An archive of audit records that devices send, kept for years."
  users 100
  peak 2x
  availability 99.9%
  team 5 senior { skills go clickhouse }
  cloud self-hosted
  prefer self-hosted
}

entity Record {
  source string(60)
  body text max 16000
  at timestamp
}

feature ingest Record   { rate 3000/s  batch 500 }
EOF
# Product events of 1,000 projects, each event also naming a person: the
# largest project (1/H(1000), 13%) reads a day of 50,000 events a second
# within a second, more than one node scans: the shards spread each
# project's rows by the person, so that query runs on all of them.
cat >"$tmp/tenant.plinth" <<'EOF'
project "Product events" {
  idea "Product analytics: apps send events, and each project's team explores them."
  users 5k
  reads 1/s
  peak 2x
  availability 99.9%
  team 10 senior { skills go clickhouse postgresql }
  cloud self-hosted
  prefer self-hosted
}

entity Project {
  name string(120)
  count 1000
}

entity Person {
  project -> Project
  distinct_id string(60)
  per Project ~ 1000
}

entity Event {
  project -> Project
  person -> Person
  name string(60)
  at timestamp
  retain 30 days
}

feature ingest Event    { rate 50000/s  batch 1000 }
feature query Event     { window 24h }
EOF
# The first spec without its window.
sed 's/^feature query Sample    { window 24h }$/feature query Sample/' "$tmp/scan.plinth" >"$tmp/nowindow.plinth"
for s in scan pinned cold nowindow tenant; do
  if ! "$PLINTH" plan "$tmp/$s.plinth" --format json >"$tmp/$s.json" 2>"$tmp/$s.err"; then
    bad "plan $s" "$tmp/$s.err"
  fi
done

# node: print the events decision's topology facts the checks read.
cat >"$tmp/ev.js" <<'EOF'
const j = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const d = j.decisions.find(x => x.slot === "events") || {};
const t = d.topology || {}, ld = t.load || {}, per = t.per_instance || {};
const out = {
  choice: d.choice, shards: t.shards, key: t.shard_key || "", ceiling: t.ceiling || "", exceeds: t.exceeds || false,
  scan: ld.scan_bytes_per_s || 0, scan_per: per.scan_bytes_per_s || 0, bytes: ld.bytes || 0,
  stored: ld.stored_bytes || 0, storage_per: per.storage_bytes || 0, mem: per.memory_bytes || 0,
  ratio: per.storage_per_memory || 0,
  assumptions: JSON.stringify((j.estimate && j.estimate.assumptions) || []),
  billed_gb: ((j.estimate.cost.lines.find(l => l.slot === "events") || {}).formula || []).join(" | "),
};
for (const [k, v] of Object.entries(out)) console.log(k + "=" + String(v).replace(/\n/g, " "));
EOF
val() { grep "^$2=" "$tmp/$1.vals" | head -n 1 | cut -d= -f2-; }
for s in scan pinned cold nowindow tenant; do
  [ -s "$tmp/$s.json" ] && node "$tmp/ev.js" "$tmp/$s.json" >"$tmp/$s.vals" 2>&1 || : >"$tmp/$s.vals"
done

# ---- 1. scans size the store ----
ceil=$(val scan ceiling)
case $ceil in
scans*) ok "scan: the ceiling names the scans ($ceil)" ;;
*) bad "scan: the ceiling names the scans" "ceiling: $ceil" "$tmp/scan.vals" ;;
esac
if node -e '
  const [scan, per, shards] = process.argv.slice(1).map(Number);
  process.exit(scan > 0 && per > 0 && shards > 1 && scan / shards <= per * (1 + 1e-9) ? 0 : 1)' \
  "$(val scan scan)" "$(val scan scan_per)" "$(val scan shards)"; then
  ok "scan: $(val scan shards) shards carry $(val scan scan) bytes/s of scans at $(val scan scan_per) a node"
else bad "scan: the shards carry the scans" "$tmp/scan.vals"; fi

# The largest tenant's query: shards spread each tenant by a finer key.
case "$(val tenant shards) $(val tenant key) $(val tenant ceiling)" in
[2-9]*" Person_id hash "*"largest tenant's query"*) ok "tenant: $(val tenant shards) shards by Person_id hash for the largest project's query" ;;
*) bad "tenant: shards spread the largest tenant by the person" "$tmp/tenant.vals" ;;
esac

# ---- 2. a store that writes through one primary is not chosen past one node's scans ----
if [ "$(val scan choice)" != timescaledb ] && [ -n "$(val scan choice)" ]; then ok "scan: not TimescaleDB ($(val scan choice))"
else bad "scan: not TimescaleDB past one node's scans" "$tmp/scan.vals"; fi
case $(val pinned exceeds) in
*scans*) ok "pinned: TimescaleDB exceeds, naming the scans" ;;
*) bad "pinned: TimescaleDB exceeds, naming the scans" "$tmp/pinned.vals" ;;
esac
if "$PLINTH" check "$tmp/pinned.plinth" >"$tmp/check.out" 2>&1; :; then :; fi
if grep -q "warning" "$tmp/check.out" && grep -q "scans" "$tmp/check.out"; then ok "pinned: plinth check warns at the pin"
else bad "pinned: plinth check warns at the pin" "$tmp/check.out"; fi

# ---- 3. the compressed bytes, decided once ----
if node -e '
  const [bytes, stored, per, shards] = process.argv.slice(1).map(Number);
  process.exit(stored > 0 && Math.abs(stored / bytes - 0.1) < 1e-6 && shards <= Math.max(1, Math.ceil(stored / per)) ? 0 : 1)' \
  "$(val cold bytes)" "$(val cold stored)" "$(val cold storage_per)" "$(val cold shards)"; then
  ok "cold: stored $(val cold stored) of $(val cold bytes) raw bytes in $(val cold shards) shard(s)"
else bad "cold: the disks hold the compressed share, and storage shards count it" "$tmp/cold.vals"; fi
case $(val cold billed_gb) in
*"GB stored"*) ok "cold: the estimate bills the stored bytes" ;;
*) bad "cold: the estimate bills the stored bytes" "$tmp/cold.vals" ;;
esac
case $(val cold ceiling) in
*"1:130"*) ok "cold: data nobody queries is held at 1:130 memory to storage ($(val cold ceiling))" ;;
*) [ "$(val cold ratio)" = 130 ] && ok "cold: data nobody queries is held at 1:130 memory to storage" ||
  bad "cold: data nobody queries is held at 1:130 memory to storage" "$tmp/cold.vals" ;;
esac

# ---- 4. what the spec leaves out is stated ----
case $(val cold assumptions) in
*"no query or dashboard reads Record"*) ok "cold: the assumptions say nobody queries the rows" ;;
*) bad "cold: the assumptions say nobody queries the rows" "$tmp/cold.vals" ;;
esac
case $(val nowindow assumptions) in
*"queries over Sample read its last day of rows"*) ok "nowindow: the assumptions state the day a query reads" ;;
*) bad "nowindow: the assumptions state the day a query reads" "$tmp/nowindow.vals" ;;
esac
summary
