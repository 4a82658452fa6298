#!/bin/sh
# Archetypes: one spec per classic problem (tests/archetypes/*.plinth); each
# plan must carry its components (sized, with the formula), its design
# decisions (with alternatives and the computed flip point), its contract
# and its risks. Then each decision is moved across its flip point by
# changing one figure in the spec, and must change its answer. The
# artifacts still pass their consumers: redocly lint on openapi.yaml, the
# Mermaid parser on every diagram, ajv on plan.json.
# markdownlint on the documents. Each checker is first shown a bad input,
# to prove it can fail.
#
# Run from the repository root: PLINTH=./plinth sh tests/archetypes/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
D=tests/archetypes
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export REDOCLY_TELEMETRY=off NODE_NO_WARNINGS=1
NM=node_modules/.bin


# plan NAME SPEC: plan.json in $tmp/NAME.json, exit status kept
plan() {
  "$PLINTH" plan "$2" --format json > "$tmp/$1.json" 2> "$tmp/$1.err"
}

# expect NAME SPEC ASSERTION...: plans SPEC and checks the assertions
expect() {
  name=$1 spec=$2
  shift 2
  if ! plan "$name" "$spec"; then bad "$name: plan failed" "$tmp/$name.err"; return; fi
  if node $D/check.mjs "$tmp/$name.json" "$@" > "$tmp/$name.out" 2>&1; then ok "$name"; else bad "$name" "$tmp/$name.out"; fi
}

# variant NAME SPEC SED: a copy of SPEC edited by SED, at $tmp/NAME.plinth
variant() {
  vary "$2" "$tmp/$1.plinth" "$3"
  echo "$tmp/$1.plinth"
}

# --- the checker fails on a plan that lacks what it asks for
plan probe $D/crawl.plinth
if node $D/check.mjs "$tmp/probe.json" "component:Fan-out service" > /dev/null 2>&1; then
  bad "checker rejects a missing component"; else ok "checker rejects a missing component"; fi
if node $D/check.mjs "$tmp/probe.json" "design:seen-URL test~exact set" > /dev/null 2>&1; then
  bad "checker rejects a wrong design choice"; else ok "checker rejects a wrong design choice"; fi

# --- each archetype: components, decisions with flip points, risks
expect feed $D/feed.plinth "component:Fan-out service" "component:Timeline store" \
  "design:feed fan-out~hybrid" "flip:feed fan-out=10000" risk:celebrity-fan-out risk:timeline-thundering-herd
expect chat $D/chat.plinth "component:Connection gateway" "component:Presence store" "component:Message router" \
  "component:Offline inbox" "component:Receipt tracker" "design:realtime transport~WebSocket" \
  "flip:realtime transport=5000" "design:message store~SQL" "flip:message store=2000" risk:reconnect-storm
expect nearby $D/nearby.plinth "component:Geo index" "component:Matcher" "design:geo index~geohash precision 4" \
  "flip:geo index=4890" risk:location-update-flood
expect crawl $D/crawl.plinth "component:URL frontier" "component:Fetcher pool" "component:Seen-URL and content dedup" \
  "component:Content store and indexer" "component:Re-crawl scheduler" "design:seen-URL test~Bloom filter" \
  "flip:seen-URL test=640000000" risk:crawler-traps-and-bans
expect shortlink $D/shortlink.plinth "component:Key generator" "component:Redirect path" "component:Click events" \
  "component:Expiry sweeper" "design:short key~8 characters" "flip:short key=691.878" "design:redirect status~302" \
  "design:link store~system of record" "flip:link store=100000" risk:key-space-exhaustion
expect leaderboard $D/leaderboard.plinth "component:Counter store" "component:Ranking" "design:counters~database counter" \
  "flip:counters=500" risk:hot-counter-keys
expect media $D/media.plinth "component:Upload ingest" "component:Transcoding pipeline" "component:Media delivery" \
  "design:media delivery~adaptive streaming" "flip:media delivery=20000000" risk:transcode-backlog
expect ratelimit $D/ratelimit.plinth "component:Rate limiter" "design:rate-limit counters~shared counters" \
  "flip:rate-limit counters=250"
expect collab $D/collab.plinth "component:Document sessions" "component:Edit log" \
  "design:concurrent edits~one server per document" "flip:concurrent edits=2" \
  "design:document routing~by document id" "flip:document routing=10000" risk:lost-concurrent-edits
# the document sessions hold sockets and documents in memory: no functions
plan collabfn $D/collab.plinth
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const d = j.decisions.find((x) => x.slot === "compute");
  process.exit(d.choice !== "aws-lambda" && d.rejected.some((r) => r.option === "aws-lambda" && /long-running/.test(r.why)) ? 0 : 1);' "$tmp/collabfn.json"; then
  ok "collab: the document sessions run on long-running compute"; else bad "collab: the document sessions run on long-running compute"; fi
# one editor a document: 25k open documents x 1 MB = 25 GB the compute's
# memory holds (at 75% usable), not only the workers' vCPUs
vary $D/collab.plinth "$tmp/collabmem.plinth" 's/editors 4/editors 1/'
"$PLINTH" plan --format json "$tmp/collabmem.plinth" > "$tmp/collabmem.json" 2> /dev/null
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const t = j.decisions.find((x) => x.slot === "compute").topology;
  const gb = { "0.25 vCPU 0.5 GB": 0.5, "0.5 vCPU 1 GB": 1, "1 vCPU 2 GB": 2, "2 vCPU 4 GB": 4, "4 vCPU node": 16, "2 vCPU node": 8 }[t.instance_class];
  process.exit(gb && t.instances * gb * 0.75 * 1.0737 >= 25 ? 0 : 1);' "$tmp/collabmem.json"; then
  ok "collab: the compute holds the open documents in memory"; else bad "collab: the compute holds the open documents in memory" "$tmp/collabmem.json"; fi
# the waiting room flips where the rush passes what the compute carries at
# peak (the load model's peak requests/s: the design load without margin)
# or where the buyers it lets in would pay faster than the payments
# provider takes calls (reserve.payment-writes x requests-per-buyer)
peak=$("$PLINTH" estimate --json $D/reserve.plinth 2>/dev/null | node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0)).load.peak_rps))')
rfig() { awk -v k="$1" '/^figures reserve/ { r = 1 } r && $1 == k { print $2; exit }' kb/archetypes.kb; }
payw=$(rfig payment-writes) perb=$(rfig requests-per-buyer)
flip=$(awk -v a="$peak" -v b="$payw" -v c="$perb" 'BEGIN { print (a < b * c ? a : b * c) }')
expect reserve $D/reserve.plinth "component:Hold manager" "component:Sale ledger" "component:Waiting room" \
  "design:on-sale admission~virtual waiting room" "flip:on-sale admission=$flip" \
  "design:unit holds~conditional UPDATE" "flip:unit holds=500" risk:oversold-units norisk:payment-provider-rate-limit
# every sale calls the payments integration: 500k units in 10 minutes sell
# 139/s, past the 100 calls a second the provider takes (reserve.payment-writes):
# the waiting room lets buyers in at that rate, and the risk says so
expect reserve-paylimit "$(variant reserve-paylimit $D/reserve.plinth 's/units 50k/units 500k/')" \
  risk:payment-provider-rate-limit "sized:Waiting room~lets in $payw/s = the $payw calls a second stripe takes" \
  "design:on-sale admission~the rate the payments provider takes"
# no buyers stated: 200 holds/s x peak 3 = 600 reservations/s, each a sale
# through stripe: a waiting room admits them at its 100/s; with a raised
# limit stated on the integration (rate 1000/s) the checkout carries them
expect reserve-steady-pay "$(variant reserve-steady-pay $D/reserve.plinth 's/buyers 2M  window 10m  hold 10m  units 50k/holds 200\/s/')" \
  "sized:Waiting room~lets in $payw/s" "sized:Sale ledger~sales $payw/s" risk:payment-provider-rate-limit
vary $D/reserve.plinth "$tmp/reserve-raised.plinth" 's/buyers 2M  window 10m  hold 10m  units 50k/holds 200\/s/' \
  's/^integration stripe { kind payments  webhooks }/integration stripe { kind payments  webhooks  rate 1000\/s }/'
expect reserve-raised "$tmp/reserve-raised.plinth" "nocomponent:Waiting room" "sized:Sale ledger~sales 600/s" \
  norisk:payment-provider-rate-limit

# an exchange: 5k orders/s x peak 5 = 25k/s, a quarter on the busiest of
# 200 books (6.25k/s), past the 500 a locked row takes: an in-memory engine
# fed by the journal, partitioned by instrument; one thread (6M x 50%)
# carries all of it
expect exchange $D/exchange.plinth "component:Pre-trade risk" "component:Sequencer and journal" "component:Matching engine" \
  "component:Trade settlement" "component:Market data fan-out" "design:order matching~single-threaded in-memory matching engine" \
  "flip:order matching=500" "design:matching partitions~one engine thread" "flip:matching partitions=3000000" \
  "sized:Sequencer and journal~partitioned by Instrument_id" risk:journal-loss risk:hot-instrument risk:sequence-gaps
# the journal shards by the instrument, never the customer; balances stay
# in the relational record; the engines run on long-running compute
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const s = j.decisions.find((d) => d.slot === "stream"), db = j.decisions.find((d) => d.slot === "database");
  const cpu = j.decisions.find((d) => d.slot === "compute");
  process.exit(s && s.topology.shards > 1 && /Instrument/.test(s.topology.shard_key) && db.choice === "postgresql" &&
    cpu.choice !== "aws-lambda" ? 0 : 1);' "$tmp/exchange.json"; then
  ok "exchange: the journal partitioned by instrument, balances relational"; else bad "exchange: the journal partitioned by instrument, balances relational" "$tmp/exchange.json"; fi
# 20 orders/s x peak 5 x 25% = 25/s on the busiest book: the database matches
expect exchange-small "$(variant exchange-small $D/exchange.plinth 's/grows 5k\/s/grows 20\/s/')" \
  "design:order matching~matching in the database" "nocomponent:Matching engine" "nocomponent:Sequencer and journal" \
  norisk:journal-loss risk:sequence-gaps
# 2M orders/s x peak 5 = 10M/s: four engine threads of 3M, by instrument
expect exchange-big "$(variant exchange-big $D/exchange.plinth 's/grows 5k\/s/grows 2M\/s/')" \
  "design:matching partitions~4 engine partitions" "sized:Matching engine~4 partitions by Instrument_id"
# the contract: an order is placed, cancelled (202, kept), never edited;
# the book is public market data; trades and book updates on the sockets
rm -rf "$tmp/exchange-o"
"$PLINTH" plan $D/exchange.plinth -o "$tmp/exchange-o" > /dev/null 2>&1
if awk '/^  "\/orders\/\{orderId\}":/ { p = 1; next } /^  "/ { p = 0 } p && /^    patch:/ { bad = 1 } p && /^    delete:/ { d = 1 }
        p && d && /"202":/ { ok = 1 } END { exit !(ok && !bad) }' "$tmp/exchange-o/openapi.yaml" &&
   grep -q '^  "/instruments/{instrumentId}/book":' "$tmp/exchange-o/openapi.yaml" &&
   awk '/"OrderCreate":/ { p = 1 } /"OrderUpdate":/ { p = 0 } p && /"(status|filled|fill_price)":/ { bad = 1 } END { exit bad }' "$tmp/exchange-o/openapi.yaml" &&
   $NM/redocly lint --extends=spec "$tmp/exchange-o/openapi.yaml" > "$tmp/lint.out" 2>&1; then
  ok "exchange: POST and DELETE (202) orders, no PATCH, the server owns fills, GET the book (redocly)"; else bad "exchange: POST and DELETE (202) orders, no PATCH, the server owns fills, GET the book (redocly)" "$tmp/lint.out"; fi
# with no crud the feature still places, reads and cancels each trader's
# own orders
vary $D/exchange.plinth "$tmp/exchange-nocrud.plinth" '/^feature crud Order/d'
"$PLINTH" plan "$tmp/exchange-nocrud.plinth" --only openapi > "$tmp/exnc.yaml" 2> /dev/null
if awk '/^  "\/orders":/ { p = 1 } /^  "\/orders\/\{orderId\}":/ { p = 2 } /^  "\/(auth|instruments)/ { p = 0 }
        p == 1 && /^    post:/ { post = 1 } p == 2 && /^    delete:/ { del = 1 } p && /x-owner-only: true/ { own++ }
        END { exit !(post && del && own >= 3) }' "$tmp/exnc.yaml" &&
   $NM/redocly lint --extends=spec "$tmp/exnc.yaml" > "$tmp/lint.out" 2>&1; then
  ok "exchange without crud: place and cancel one's own orders (redocly)"; else bad "exchange without crud: place and cancel one's own orders (redocly)" "$tmp/lint.out"; fi
if grep -q 'address: "instrument.trade"' "$tmp/exchange-o/asyncapi.yaml" && grep -q 'address: "instrument.book"' "$tmp/exchange-o/asyncapi.yaml" &&
   grep -q '^    "TradePrint":' "$tmp/exchange-o/asyncapi.yaml" && grep -q 'required: \[instrument_id, sequence, changes\]' "$tmp/exchange-o/asyncapi.yaml" &&
   node tests/kit/asyncapi.cjs "$tmp/exchange-o/asyncapi.yaml" > "$tmp/async.out" 2>&1; then
  ok "exchange: trade and book channels in asyncapi.yaml (@asyncapi/parser)"; else bad "exchange: trade and book channels in asyncapi.yaml (@asyncapi/parser)" "$tmp/async.out"; fi

# --- each decision flips when its figure crosses the computed point
# a nearby listing (no 'match') has no dispatch Matcher; the project's
# devices and interval are the movers: 30k / 5 s x peak 3 = 18k updates/s
expect nearby-list "$(variant nearby-list $D/nearby.plinth 's/ updates 4s match//; s/^  active 20%/&\n  peak 3x\n  devices 30k\n  interval 5s/')" \
  "component:Geo index" "nocomponent:Matcher"
if node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const g = j.components.find((k) => k.name === "Geo index");
  process.exit(g && Math.abs(g.value - 18000) <= 180 ? 0 : 1);' "$tmp/nearby-list.json"; then
  ok "nearby: the project's devices and interval are the movers"; else bad "nearby: the project's devices and interval are the movers"; fi
expect feed-read "$(variant feed-read $D/feed.plinth 's/followers 200/followers 20k/')" "design:feed fan-out~fan-out on read"
expect feed-write "$(variant feed-write $D/feed.plinth 's/users 50M/users 5k/')" "design:feed fan-out~fan-out on write"
expect feed-celebrity "$(variant feed-celebrity $D/feed.plinth 's/celebrity 10k/celebrity 100/')" "design:feed fan-out~fan-out on read" \
  "flip:feed fan-out=100"
expect presence-small "$(variant presence-small $D/chat.plinth 's/users 20M/users 10k/; /feature chat/d')" \
  "design:realtime transport~long polling" "nocomponent:Message router"
expect presence-big "$(variant presence-big $D/chat.plinth 's/users 20M/users 2M/; /feature chat/d')" \
  "design:realtime transport~WebSocket"
expect chat-wide "$(variant chat-wide $D/chat.plinth 's/members 3/members 3 messages 5k\/s/')" "design:message store~wide-column" \
  "class:events=Message"
expect nearby-4800m "$(variant nearby-4800m $D/nearby.plinth 's/radius 5km/radius 4800m/')" \
  "design:geo index~geohash precision 5" "flip:geo index=1220"
expect nearby-1km "$(variant nearby-1km $D/nearby.plinth 's/radius 5km/radius 1km/')" "design:geo index~geohash precision 6"
expect crawl-small "$(variant crawl-small $D/crawl.plinth 's/pages 1B\/month/pages 1M\/month/')" "design:seen-URL test~exact set"
# a write request costs more than keeping a 100 KB page 30 days: segments;
# a 2 MB page costs more to keep than to write: one object each
expect crawl-segments $D/crawl.plinth "design:content store layout~segment files" "flip:content store layout=220562"
expect crawl-objects "$(variant crawl-objects $D/crawl.plinth 's/pages 1B\/month/pages 1B\/month page-size 2MB/')" \
  "design:content store layout~one object per page"
expect shortlink-301 "$(variant shortlink-301 $D/shortlink.plinth 's/analytics/no-analytics/')" \
  "design:redirect status~301" "nocomponent:Click events"
expect shortlink-9 "$(variant shortlink-9 $D/shortlink.plinth 's/links 100M\/month/links 2B\/month/')" "design:short key~9 characters"
expect shortlink-kv "$(variant shortlink-kv $D/shortlink.plinth 's/analytics/analytics redirects 40k\/s/')" "design:link store~key-value"
# the project's stated reads and writes are a shortener's redirects and
# links (10B and 50M a month: 200 reads per link, 19 links/s, 8 characters),
# and a counter on its links counts the redirects: 15.2k/s at peak 4
expect shortlink-stated "$(variant shortlink-stated $D/shortlink.plinth 's/^  active 5%$/&\n  reads 10B\/month\n  writes 50M\/month\n  peak 4x/; s/links 100M\/month //; s/^feature shortlink.*/&\nfeature counter Link/')" \
  "sized:Redirect path~200 reads per link" "design:short key~8 characters" "design:counters~in-memory" "sized:Counter store~increments 15.2k/s"
# counts under a locked row's rate stay a column: no counter store
expect counter-column "$(variant counter-column $D/leaderboard.plinth '/^feature leaderboard/d')" \
  "design:counters~database counter" "nocomponent:Counter store"
expect counter-hot "$(variant counter-hot $D/leaderboard.plinth 's/^feature counter Score$/feature counter Score { updates 50k\/s }/')" \
  "design:counters~in-memory"
expect media-small "$(variant media-small $D/media.plinth 's/uploads 500\/hour/uploads 500\/hour size 10MB/')" \
  "design:media delivery~progressive"
expect ratelimit-one "$(variant ratelimit-one $D/ratelimit.plinth 's/users 2M/users 10k/')" "design:rate-limit counters~in-process"
# one connected-people figure for the plan (the longest session stated,
# presence's gateway included), and 'editors 50' the most on one document,
# not every document's: open documents = connections / 3 (kb typical)
plan collab-many "$(variant collab-many $D/collab.plinth 's/editors 4/editors 50 session 2h/; s/^feature crud Document.*/&\nfeature presence Writer/')"
if node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const k = (n) => j.components.find((c) => c.name === n) || {};
  const gw = k("Connection gateway").value, docs = k("Document sessions").value;
  process.exit(Math.abs(gw - docs * 3) <= gw * 0.01 ? 0 : 1);' "$tmp/collab-many.json"; then
  ok "collab: one connection count; editors is the most on a document"; else bad "collab: one connection count; editors is the most on a document"; fi
# the editors' operations and cursors are the collab contract's channels
rm -rf "$tmp/collab-o"
"$PLINTH" plan $D/collab.plinth -o "$tmp/collab-o" > /dev/null 2>&1
if grep -q 'address: "document.edit"' "$tmp/collab-o/asyncapi.yaml" && grep -q 'address: "document.cursor"' "$tmp/collab-o/asyncapi.yaml" &&
   grep -q 'required: \[document_id, user_id, version, ops\]' "$tmp/collab-o/asyncapi.yaml" &&
   node tests/kit/asyncapi.cjs "$tmp/collab-o/asyncapi.yaml" > "$tmp/async.out" 2>&1; then
  ok "collab: edit and cursor channels in asyncapi.yaml (@asyncapi/parser)"; else bad "collab: edit and cursor channels in asyncapi.yaml (@asyncapi/parser)" "$tmp/async.out"; fi
expect collab-solo "$(variant collab-solo $D/collab.plinth 's/editors 4/editors 1/')" "design:concurrent edits~last write wins"
expect collab-offline "$(variant collab-offline $D/collab.plinth 's/editors 4/editors 4  offline/')" "design:concurrent edits~CRDT"
# 20k users: 50 connections at peak, 25 edits/s, one server
expect collab-small "$(variant collab-small $D/collab.plinth 's/users 2M/users 20k/')" "design:document routing~one session server"
# 50k buyers in 10 minutes x 20 requests = 1.67k/s, under the 2.78k/s at peak
expect reserve-small "$(variant reserve-small $D/reserve.plinth 's/buyers 2M/buyers 50k/')" \
  "design:on-sale admission~no waiting room" "nocomponent:Waiting room"
# steady trade: 200 holds/s x peak 3 x 3 tries = 1.8k attempts/s; a tenth on
# the hottest seat (180/s) is a row's work, all of them on a pool's one
# stock row is not
expect reserve-steady "$(variant reserve-steady $D/reserve.plinth 's/buyers 2M  window 10m  hold 10m  units 50k/holds 200\/s/; /^integration stripe/d')" \
  "design:unit holds~conditional UPDATE" "nocomponent:Waiting room"
expect reserve-pool "$(variant reserve-pool $D/reserve.plinth 's/buyers 2M  window 10m  hold 10m  units 50k/holds 200\/s  pool/; /^integration stripe/d')" \
  "design:unit holds~in-memory store" "flip:unit holds=500"
# a count field (seats_left) makes the entity a pool: its rows are counts,
# not units, so the sale is not cut to the rows sold within the window
plan reserve-count "$(variant reserve-count $D/reserve.plinth 's/^  label string(20)$/  seats_left int >= 0/; s/  units 50k//')"
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const s = j.components.find((k) => k.name === "Sale ledger");
  process.exit(s && /count/.test(s.purpose) && !/units within/.test(s.sized_by) &&
    j.estimate.assumptions.some((a) => /pool of units/.test(a.text || a)) ? 0 : 1);' "$tmp/reserve-count.json"; then
  ok "reserve: a count field makes a pool, whose rows are not units"; else bad "reserve: a count field makes a pool, whose rows are not units" "$tmp/reserve-count.json"; fi

# --- a rate a feature states is the rows its entity gains: storage and writes
# reconciled (a chat that sends 5k messages a second stores them and writes
# them; a crawler's pages are rows written by its workers, not API requests,
# and its rows are the URLs fetched within one re-crawl interval)
growth() {
  "$PLINTH" estimate --json "$1" > "$tmp/est.json" 2> "$tmp/est.err" && node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const [name, rate, writes, cap, reqs] = process.argv.slice(2).map((x, i) => i ? Number(x) : x);
    const e = j.storage.entities.find((x) => x.name === name), m = j.load.seconds_per_month;
    const near = (a, b) => Math.abs(a - b) <= Math.abs(b) * 0.01;
    const why = [];
    if (e.growth_basis !== "feature") why.push(`basis ${e.growth_basis}`);
    if (!near(e.rows_per_month, rate * m)) why.push(`rows/month ${e.rows_per_month}, wanted ${rate * m}`);
    if (!(j.load.writes_per_s >= writes * 0.99)) why.push(`writes ${j.load.writes_per_s}, wanted at least ${writes}`);
    if (cap > 0 && !near(e.bytes_3y / e.content_bytes, cap)) why.push(`rows at 3 years ${e.bytes_3y / e.content_bytes}, wanted ${cap}`);
    if (reqs > 0 && !(j.load.requests_per_day <= reqs)) why.push(`requests ${j.load.requests_per_day}/day, wanted at most ${reqs}`);
    if (why.length) { console.log(why.join("; ")); process.exit(1); }' "$tmp/est.json" "$2" "$3" "$4" "$5" "$6" > "$tmp/est.out" 2>&1
}
if growth "$(variant chat-rate $D/chat.plinth 's/members 3/members 3 messages 5k\/s/')" Message 5000 5000 0 0; then
  ok "chat: 5k messages/s stated are Message rows and writes"; else bad "chat: 5k messages/s stated are Message rows and writes" "$tmp/est.out" "$tmp/est.err"; fi
# 1B pages a month re-fetched every 30 days: 380/s x 2,592,000 s = 986M URLs; the 1k users' 4,000 requests a day stay theirs
if growth $D/crawl.plinth Page 380.266 380.266 985650000 4000; then
  ok "crawl: fetched pages are rows written by the workers, one per URL"; else bad "crawl: fetched pages are rows written by the workers, one per URL" "$tmp/est.out" "$tmp/est.err"; fi
# the same rate stated as the project's writes, the crawl being its only
# writer: the crawl fetches them, and people's requests stay 4,000 a day
if growth "$(variant crawl-writes $D/crawl.plinth 's/^  users 1k/  users 1k\
  writes 1B\/month/; s/ { pages 1B\/month }//')" Page 380.266 380.266 985650000 4000; then
  ok "crawl: the project's writes are the pages its only writer fetches"; else bad "crawl: the project's writes are the pages its only writer fetches" "$tmp/est.out" "$tmp/est.err"; fi
# the feed states no rate: its Post rows grow by the assumed yearly growth
if growth $D/feed.plinth Post 1 0 0 0; then
  bad "growth: the checker rejects a rate no feature states"; else ok "growth: the checker rejects a rate no feature states"; fi

# an archetype's events are its entity's own rows, not the project's whole
# write rate: with 20 likes a post, the feed fans out the posts only
plan feed-likes "$(variant feed-likes $D/feed.plinth 's/^feature feed/entity Like { post -> Post; user -> User; per Post ~ 20 }\nfeature feed/')"
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const post = j.estimate.storage.entities.find((e) => e.name === "Post");
  const fan = j.components.find((k) => k.name === "Fan-out service");
  const want = post.rows_per_month / j.estimate.load.seconds_per_month * 3 * 200;
  if (!(Math.abs(fan.value - want) <= want * 0.01)) { console.log(`deliveries ${fan.value}/s, wanted ${want}/s`); process.exit(1); }' \
  "$tmp/feed-likes.json" > "$tmp/fl.out" 2>&1; then
  ok "feed: the fan-out is the Post rows the plan grows, not every write"; else bad "feed: the fan-out is the Post rows the plan grows, not every write" "$tmp/fl.out"; fi

# a media file with no stated average is a media upload (kb media.size,
# 200 MB), not the generic 1 MB file; a stated watch time streams whatever
# the file's size: 1M active users x 1 h x 3 GB an hour x 30.4 days
plan media-file "$(variant media-file $D/media.plinth 's/^  title string$/&\n  clip blob/')"
plan media-watch "$(variant media-watch $D/media.plinth 's/^  title string$/&\n  clip blob max 10MB/; s/uploads 500\/hour/& watch 1h/')"
if node -e '
  const rd = (f) => JSON.parse(require("fs").readFileSync(f, "utf8"));
  const [file, watch] = process.argv.slice(1).map(rd), why = [];
  const clip = file.model.entities.find((e) => e.name === "Video").fields.find((f) => f.name === "clip");
  if (clip.blob_bytes !== 200e6) why.push(`clip averages ${clip.blob_bytes} B, wanted 200 MB`);
  const cdn = watch.components.find((k) => k.name === "Media delivery"), want = 1e6 * 3e9 * 2629800 / 86400;
  if (!(Math.abs(cdn.value - want) <= want * 0.01)) why.push(`delivery ${cdn.value} B a month, wanted ${want}`);
  if (why.length) { console.log(why.join("; ")); process.exit(1); }' "$tmp/media-file.json" "$tmp/media-watch.json" > "$tmp/mw.out" 2>&1; then
  ok "media: a file is a media upload; a stated watch time is the delivery"; else bad "media: a file is a media upload; a stated watch time is the delivery" "$tmp/mw.out"; fi

# ingest: one batch size, decided in the plan (kb ingest.batch, stated),
# is the rows a request carries for capacity and the contract's maxItems:
# 100k rows/s are 100 requests/s, not 100k
printf 'project "Pulse" {\n  idea "x"\n  users 1k\n  writes 100k/s\n}\nentity Event {\n  name string(100)\n  at timestamp\n  retain 30 days\n}\nfeature ingest Event\n' > "$tmp/batch.plinth"
rm -rf "$tmp/batch"
"$PLINTH" plan "$tmp/batch.plinth" -o "$tmp/batch" > /dev/null 2>&1
"$PLINTH" estimate --json "$tmp/batch.plinth" > "$tmp/batch.json" 2> /dev/null
if grep -q 'maxItems: 1000$' "$tmp/batch/openapi.yaml" && grep -q 'ingest.batch' "$tmp/batch/SPEC.md" &&
   node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
     process.exit(j.load.requests_per_day < 100e3 / 1000 * 86400 * 2 ? 0 : 1);' "$tmp/batch.json"; then
  ok "ingest: one batch size for capacity and the contract"; else bad "ingest: one batch size for capacity and the contract" "$tmp/batch.json"; fi

# a cache there for a component (the seen-URL set) holds no copies of the
# record that 0.3 reads/s do not call for
plan crawlcache $D/crawl.plinth
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = j.data_classes.find((x) => x.class === "cache");
  process.exit(j.decisions.some((d) => d.slot === "cache") && !(c && (c.copies || []).length) ? 0 : 1);' "$tmp/crawlcache.json"; then
  ok "crawl: the cache holds the seen-URL set, no copies of the record"; else bad "crawl: the cache holds the seen-URL set, no copies of the record"; fi

# background work runs on the compute: the transcoders' vCPUs are in its
# topology, and a function billed while each fetch waits loses to instances
plan mediaw $D/media.plinth
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = j.decisions.find((d) => d.slot === "compute").topology;
  process.exit(/100 vCPU for the background workers \(66.7 busy/.test(c.ceiling) ? 0 : 1);' "$tmp/mediaw.json"; then
  ok "media: the transcoders' 66.7 vCPUs are in the compute topology"; else bad "media: the transcoders' 66.7 vCPUs are in the compute topology"; fi
vary $D/crawl.plinth "$tmp/crawlfn.plinth" 's/users 1k/users 1k\n  use compute aws-lambda/'
"$PLINTH" estimate "$tmp/crawlfn.plinth" > "$tmp/crawlfn.txt" 2> "$tmp/crawlfn.err"
# 380 pages/s x 0.5 s in flight x 0.5 GB x 2.63M s: 250M GB-s a month, about $4,200 at $0.0000166667
if awk '$1 == "compute" && /Lambda/ { gsub(/[$,]/, "", $NF); found = $NF + 0 > 3000 } END { exit !found }' "$tmp/crawlfn.txt"; then
  ok "crawl: a function is billed while each fetch waits"; else bad "crawl: a function is billed while each fetch waits" "$tmp/crawlfn.txt" "$tmp/crawlfn.err"; fi

# the content store's pages are billed in object storage: 986M URLs x 100 KB
# = 98.6 TB at $0.023 a GB-month is about $2,270, with 1B reads at $0.40/M
"$PLINTH" estimate $D/crawl.plinth > "$tmp/crawls3.txt" 2> /dev/null
if awk '$1 == "object-storage" { gsub(/[$,]/, "", $NF); found = $NF + 0 > 2500 && $NF + 0 < 3500 } END { exit !found }' "$tmp/crawls3.txt"; then
  ok "crawl: the fetched pages are billed in object storage"; else bad "crawl: the fetched pages are billed in object storage" "$tmp/crawls3.txt"; fi

# a media row brings its file (the feature's size when no file field says)
# and keeps its renditions: 500/hour x 730 h x 200 MB x (1 + 4 x 50%) =
# 219 TB a month stored; each is viewed 50 times in half-size renditions:
# 1.83 PB a month out, through a CDN that may serve video (not Cloudflare's
# self-serve CDN, whose terms exclude it)
"$PLINTH" estimate --json $D/media.plinth > "$tmp/mediab.json" 2> /dev/null
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const near = (a, b) => Math.abs(a - b) <= b * 0.01;
  process.exit(near(j.storage.blob_bytes_3y - j.storage.blob_bytes_now, 36 * 219e12) && j.bandwidth.egress_bytes_per_month >= 1.82e15 ? 0 : 1);' "$tmp/mediab.json"; then
  ok "media: files and renditions stored, views delivered"; else bad "media: files and renditions stored, views delivered" "$tmp/mediab.json"; fi
# streamed files are delivered by the audience, not per file: 1M active
# users x 2 h a day x 3 GB an hour x 30.44 days = 183 PB a month
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = j.components.find((x) => x.name === "Media delivery");
  process.exit(Math.abs(c.value - 1.826e17) < 0.01e17 && j.estimate.bandwidth.egress_bytes_per_month >= c.value &&
    /= active users 1M x 2 h a day x 3 GB an hour/.test(c.sized_by) ? 0 : 1);' "$tmp/media.json" 2>/dev/null; then
  ok "media: streamed files delivered from active users x watch time x bitrate"; else bad "media: streamed files delivered from active users x watch time x bitrate" "$(grep -o '"Media delivery"[^}]*' "$tmp/media.json")"; fi
# the medium sets the bitrate and the play time: an audio file (its field
# says so) streams at 72 MB an hour for 1 h a day: 1M x 72 MB x 30.44 days
# = 2.19 PB; a video on fewer than one Album in ten is a part of the
# product, delivered per view (10k x 50 x 75 MB), not 2 h of HD a day
printf 'project "Tunes" {\n  idea "x"\n  users 10M\n  active 10%%\n}\nentity Album {\n  title string\n}\nentity Track {\n  album -> Album\n  audio blob avg 8MB\n  per Album ~ 10\n}\nentity Video {\n  album -> Album\n  file blob avg 150MB\n  per Album ~ 0.1\n}\nfeature media Track\nfeature media Video\n' > "$tmp/medium.plinth"
"$PLINTH" estimate --json "$tmp/medium.plinth" > "$tmp/medium.json" 2> "$tmp/medium.err"
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const e = j.bandwidth.egress_bytes_per_month, want = 1e6 * 72e6 * 2629800 / 86400 + 1e4 * 50 * 75e6;
  process.exit(e >= want && e <= want * 1.05 ? 0 : 1);' "$tmp/medium.json"; then
  ok "media: the medium sets the bitrate; a minor part of the product is delivered per view"; else bad "media: the medium sets the bitrate; a minor part of the product is delivered per view" "$tmp/medium.json" "$tmp/medium.err"; fi
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const d = j.decisions.find((x) => x.slot === "cdn");
  process.exit(d.choice !== "cloudflare-cdn" && d.rejected.some((r) => r.option === "cloudflare-cdn" && /video-delivery/.test(r.why)) ? 0 : 1);' "$tmp/media.json"; then
  ok "media: the CDN may serve video"; else bad "media: the CDN may serve video"; fi

# the transcoders keep CPUs busy around the clock: no burstable nodes even
# at a 99% target, and large nodes over a thousand small ones
for av in "" "  availability 99%" "  availability 99.9%"; do
  vary $D/media.plinth "$tmp/mediak.plinth" "s/users 10M/users 10M\n  use compute aws-eks\n$av/"
  "$PLINTH" plan --format json "$tmp/mediak.plinth" > "$tmp/mediak.json" 2> "$tmp/mediak.err"
  if node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const t = j.decisions.find((d) => d.slot === "compute").topology;
    process.exit(t.instance_class === "16 vCPU node" && t.instances <= 8 ? 0 : 1);' "$tmp/mediak.json"; then
    ok "media: steady 16 vCPU nodes for the transcoders (${av:-no target})"; else bad "media: steady 16 vCPU nodes for the transcoders (${av:-no target})" "$tmp/mediak.json"; fi
done

# redirects a short link states are API reads: 40k/s reach the load model
# (and the compute sized for them), not only the redirect path's cache
vary $D/shortlink.plinth "$tmp/slreads.plinth" 's/analytics/analytics redirects 40k\/s/'
"$PLINTH" estimate --json "$tmp/slreads.plinth" > "$tmp/slreads.json" 2> /dev/null
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.exit(j.load.reads_per_s >= 40000 && j.load.avg_rps >= 40000 ? 0 : 1);' "$tmp/slreads.json"; then
  ok "shortlink: stated redirects are API reads"; else bad "shortlink: stated redirects are API reads" "$tmp/slreads.json"; fi

# fetchers in private subnets reach the web through the NAT gateway, which
# bills every GB: 380 pages/s x 100 KB x 2.63M s = 100k GB, $4,500 a month
vary $D/crawl.plinth "$tmp/crawlnat.plinth" 's/users 1k/users 1k\n  use compute aws-fargate/'
"$PLINTH" explain "$tmp/crawlnat.plinth" compute > "$tmp/crawlnat.txt" 2>&1
if grep -q "NAT data processing: 100k GB a month" "$tmp/crawlnat.txt"; then
  ok "crawl: the NAT gateway bills the fetched pages"; else bad "crawl: the NAT gateway bills the fetched pages" "$tmp/crawlnat.txt"; fi

# the shards split the data the store holds most of: a billion crawled
# pages with no owner are not keyed by the owner of a small table beside them
sed 's/pages 1B\/month/pages 100B\/month/' $D/crawl.plinth > "$tmp/crawlkey.plinth"
printf 'entity Analyst {\n  name string\n  count 1000\n}\nentity Note {\n  owner -> Analyst\n  text string\n  per Analyst ~ 5\n}\n' >> "$tmp/crawlkey.plinth"
"$PLINTH" plan --format json "$tmp/crawlkey.plinth" > "$tmp/crawlkey.json" 2> "$tmp/crawlkey.err"
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const t = j.decisions.find((d) => d.slot === "database").topology;
  process.exit(t.shards > 1 && !/Analyst/.test(t.shard_key || "") ? 0 : 1);' "$tmp/crawlkey.json"; then
  ok "crawl: the pages shard by their own key, not a small table's owner"; else bad "crawl: the pages shard by their own key, not a small table's owner" "$tmp/crawlkey.json" "$tmp/crawlkey.err"; fi

# the media component states the plan's own storage: with every figure
# assumed, 10k uploads a month x 200 MB x (1 + 4 x 50%) = 6 TB a month kept,
# as the Upload ingest and Media delivery components say
printf 'project "Bare" {\n  idea "Defaults only."\n  users 100k\n}\nentity Item {\n  code string unique\n}\nfeature media Item\n' > "$tmp/baremedia.plinth"
"$PLINTH" estimate --json "$tmp/baremedia.plinth" > "$tmp/baremedia.json" 2> "$tmp/baremedia.err"
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const m = (j.storage.blob_bytes_3y - j.storage.blob_bytes_now) / 36;
  process.exit(Math.abs(m - 6e12) <= 6e10 ? 0 : 1);' "$tmp/baremedia.json"; then
  ok "media: assumed uploads are the entity's stored rows"; else bad "media: assumed uploads are the entity's stored rows" "$tmp/baremedia.json" "$tmp/baremedia.err"; fi

# --- `feature KEYWORD Entity` alone plans, its defaults stated as assumptions
for k in feed presence chat nearby crawl shortlink leaderboard counter media exchange; do
  printf 'project "Bare" {\n  idea "Defaults only."\n  users 100k\n}\nentity Item {\n  code string unique\n}\nfeature %s Item\n' "$k" > "$tmp/bare-$k.plinth"
  rm -rf "$tmp/bare-$k"
  if "$PLINTH" plan "$tmp/bare-$k.plinth" -o "$tmp/bare-$k" > /dev/null 2> "$tmp/bare.err" &&
     grep -q "kb/archetypes.kb\|from the project's writes" "$tmp/bare-$k/SPEC.md" &&
     grep -q "^## Design decisions" "$tmp/bare-$k/DECISIONS.md"; then ok "bare $k: plans with stated defaults"
  else bad "bare $k: plans with stated defaults" "$tmp/bare.err"; fi
done
printf 'project "Bare" {\n  idea "Defaults only."\n  users 100k\n}\nentity Item {\n  name string\n}\nfeature crud Item\nfeature rate-limit\n' > "$tmp/bare-rl.plinth"
if "$PLINTH" plan "$tmp/bare-rl.plinth" --format json > "$tmp/bare-rl.json" 2> "$tmp/bare.err" &&
   node $D/check.mjs "$tmp/bare-rl.json" "component:Rate limiter" > /dev/null; then ok "bare rate-limit: plans"; else bad "bare rate-limit: plans" "$tmp/bare.err"; fi

# --- contracts
"$PLINTH" plan $D/shortlink.plinth --only openapi > "$tmp/sl.yaml" 2> /dev/null
if grep -q '^  "/{code}":' "$tmp/sl.yaml" && grep -q '"302":' "$tmp/sl.yaml" && grep -q 'Location:' "$tmp/sl.yaml"; then
  ok "shortlink: GET /{code} answers 302 with Location"; else bad "shortlink: GET /{code} answers 302 with Location"; fi
if grep -q '^    \(patch\|delete\):' "$tmp/sl.yaml" || grep -q 'operationId: "listLinks"' "$tmp/sl.yaml"; then
  bad "shortlink without sign-in: no list, update or delete"; else ok "shortlink without sign-in: no list, update or delete"; fi
"$PLINTH" plan "$tmp/shortlink-301.plinth" --only openapi > "$tmp/sl301.yaml" 2> /dev/null
if grep -q '"301":' "$tmp/sl301.yaml"; then ok "shortlink no-analytics: 301"; else bad "shortlink no-analytics: 301"; fi
cat > "$tmp/paste.plinth" <<'EOF'
project "Paste" {
  idea "Pastes with accounts."
  users 1M
}
entity User {
  email string unique pii
  password secret
}
entity Paste {
  owner -> User
  code string unique
  body text
}
feature auth
feature crud Paste { public }
feature shortlink Paste
EOF
"$PLINTH" plan "$tmp/paste.plinth" --only openapi > "$tmp/paste.yaml" 2> /dev/null
# list, update and delete of a public keyed resource stay owner-only and signed-in
if awk '/^  "\/pastes/ { p = 1 } /^  "\/\{code\}"/ { p = 0 } p && /^    (get|patch|delete):/ { m = $1 } p && /security: \[\]/ && m != "get:" { bad = 1 }
        p && /x-owner-only: true/ { n++ } END { exit !(n >= 3 && !bad) }' "$tmp/paste.yaml"; then
  ok "shortlink with sign-in: strangers may not list or change"; else bad "shortlink with sign-in: strangers may not list or change"; fi
"$PLINTH" plan $D/nearby.plinth --only openapi > "$tmp/nb.yaml" 2> /dev/null
if grep -q '^  "/drivers/nearby":' "$tmp/nb.yaml" && grep -q 'name: lat' "$tmp/nb.yaml" && grep -q 'name: radius' "$tmp/nb.yaml"; then
  ok "nearby: geo query in the API"; else bad "nearby: geo query in the API"; fi
rm -rf "$tmp/chat-o"
"$PLINTH" plan $D/chat.plinth -o "$tmp/chat-o" > /dev/null 2>&1
if grep -q 'presence (online, offline' "$tmp/chat-o/SPEC.md" && grep -q 'receipt (delivered, read' "$tmp/chat-o/SPEC.md"; then
  ok "chat: presence and receipts in the realtime protocol"; else bad "chat: presence and receipts in the realtime protocol"; fi
if grep -q 'address: "user.presence"' "$tmp/chat-o/asyncapi.yaml" && grep -q 'address: "message.receipt"' "$tmp/chat-o/asyncapi.yaml" &&
   node tests/kit/asyncapi.cjs "$tmp/chat-o/asyncapi.yaml" > "$tmp/async.out" 2>&1; then
  ok "chat: presence and receipts in asyncapi.yaml (@asyncapi/parser)"; else bad "chat: presence and receipts in asyncapi.yaml (@asyncapi/parser)" "$tmp/async.out"; fi
if grep -q 'Expiry sweeper' "$tmp/bare-shortlink/ARCHITECTURE.md" && grep -q 'Click events' "$tmp/bare-shortlink/ROADMAP.md"; then
  ok "shortlink: sweeper and click events in the architecture and roadmap"; else bad "shortlink: sweeper and click events in the architecture and roadmap"; fi

# the realtime choice holds the connections: a plan capped below them is out
if node -e '
  const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const r = d.decisions.find((c) => c.slot === "realtime");
  const capped = r.rejected.some((x) => /the priced plan holds/.test(x.why));
  process.exit(r.choice !== "pusher-channels" && capped ? 0 : 1);' "$tmp/chat.json"; then
  ok "chat: the realtime service holds 375k connections"; else bad "chat: the realtime service holds 375k connections"; fi

# a feed's list cache is per-user timelines: a post bumps no shared version
vary $D/feed.plinth "$tmp/feedcrud.plinth" 's/^feature feed Post.*/feature crud Post\n&/'
rm -rf "$tmp/feedcrud"
"$PLINTH" plan "$tmp/feedcrud.plinth" -o "$tmp/feedcrud" > /dev/null 2>&1
if grep -q 'timeline:{userId}' "$tmp/feedcrud/ARCHITECTURE.md" && ! grep -q 'bump the Post list version' "$tmp/feedcrud/ARCHITECTURE.md"; then
  ok "feed: no list version bumped on every post"; else bad "feed: no list version bumped on every post"; fi

if "$PLINTH" estimate $D/nearby.plinth 2> /dev/null | grep -q '^  Geo index  *updates [0-9.k]*/s = movers'; then
  ok "estimate: components with their formulas"; else bad "estimate: components with their formulas"; fi

# --- artifacts through their consumers (each shown a bad input first)
printf 'openapi: 3.1.0\npaths: {}\n' > "$tmp/bad.yaml"
if $NM/redocly lint --extends=spec "$tmp/bad.yaml" > /dev/null 2>&1; then bad "redocly rejects a bad document"; else ok "redocly rejects a bad document"; fi
for y in sl sl301 paste nb; do
  if $NM/redocly lint --extends=spec "$tmp/$y.yaml" > "$tmp/lint.out" 2>&1; then ok "redocly: $y"; else bad "redocly: $y" "$tmp/lint.out"; fi
done
printf '# A\n\n```mermaid\nsequenceDiagram\n  a->>b: x; y\n```\n' > "$tmp/badm.md"
if node tests/validate/mermaid-parse.mjs "$tmp/badm.md" > /dev/null 2>&1; then bad "mermaid rejects a bad block"; else ok "mermaid rejects a bad block"; fi
files=
for k in feed presence chat nearby crawl shortlink leaderboard counter media exchange; do
  files="$files $tmp/bare-$k/ARCHITECTURE.md $tmp/bare-$k/DESIGN.md"
done
files="$files $tmp/chat-o/ARCHITECTURE.md $tmp/chat-o/BACKEND-PLAN.md $tmp/exchange-o/ARCHITECTURE.md"
if node tests/validate/mermaid-parse.mjs $files > "$tmp/mm.out" 2>&1; then ok "mermaid: $(tail -n 1 "$tmp/mm.out")"; else bad "mermaid blocks parse" "$tmp/mm.out"; fi
printf '# A\n\n\n## B  \n' > "$tmp/badmd.md"
if $NM/markdownlint-cli2 --config .markdownlint-cli2.jsonc "$tmp/badmd.md" > /dev/null 2>&1; then
  bad "markdownlint rejects a bad file"; else ok "markdownlint rejects a bad file"; fi
mds=
for k in feed presence chat nearby crawl shortlink leaderboard counter media exchange; do
  mds="$mds $tmp/bare-$k/SPEC.md $tmp/bare-$k/ARCHITECTURE.md $tmp/bare-$k/DECISIONS.md $tmp/bare-$k/RISKS.md $tmp/bare-$k/ROADMAP.md"
done
if $NM/markdownlint-cli2 --config .markdownlint-cli2.jsonc $mds $tmp/chat-o/*.md > "$tmp/mdl.out" 2>&1; then
  ok "markdownlint: the archetypes' documents"; else bad "markdownlint: the archetypes' documents" "$tmp/mdl.out"; fi
vary "$tmp/feed.json" "$tmp/badplan.json" 's/"kind": "service"/"kind": "bogus"/'
if node tests/schema/validate.mjs plan.schema.json "$tmp/badplan.json" > /dev/null 2>&1; then
  bad "ajv rejects a bad component"; else ok "ajv rejects a bad component"; fi
if node tests/schema/validate.mjs plan.schema.json "$tmp"/feed.json "$tmp"/chat.json "$tmp"/nearby.json "$tmp"/crawl.json \
     "$tmp"/shortlink.json "$tmp"/leaderboard.json "$tmp"/media.json "$tmp"/ratelimit.json "$tmp"/exchange.json > "$tmp/ajv.out" 2>&1; then
  ok "ajv: plan.json of every archetype"; else bad "ajv: plan.json of every archetype" "$tmp/ajv.out"; fi

# --- same input, same bytes
"$PLINTH" plan $D/chat.plinth --format json > "$tmp/again.json" 2> /dev/null
if cmp -s "$tmp/again.json" "$tmp/chat.json"; then ok "deterministic"; else bad "deterministic"; fi

summary
