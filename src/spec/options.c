/* Feature and integration option tables: which options each kind takes and
 * how their values are written. docs/language.md documents the same tables;
 * grep 'ORDER FEATURE_KINDS' when adding a kind. */
#include "ast.h"

#define W(...) ((const char *const[]){__VA_ARGS__, 0})

static const OptSpec auth_opts[] = {
  {"method", OA_WORD, W("jwt", "session", "oauth", "oidc", "apikey", "magic-link", "saml", "passkey"), "how users authenticate"},
  {"roles", OA_WORDS, 0, "role names; the first is the default for new users"},
  {"providers", OA_WORDS, 0, "identity providers for oauth/oidc (google, apple, github, ...)"},
  {"mfa", OA_FLAG, 0, "require a second factor"},
  {"principal", OA_WORD, 0, "the entity that signs in (default: the first entity with a secret field)"},
  {0},
};
static const OptSpec crud_opts[] = {
  {"owner-only", OA_FLAG, 0, "each row is visible only to the user who owns it"},
  {"public", OA_FLAG, 0, "reads need no authentication"},
  {"read-only", OA_FLAG, 0, "no create, update or delete through the API"},
  {"search", OA_FIELDS, 0, "fields matched by the list endpoint's q parameter"},
  {"filter", OA_FIELDS, 0, "fields the list endpoint filters on"},
  {"sort", OA_FIELDS, 0, "fields the list endpoint sorts by"},
  {"paginate", OA_OPT_WORD, W("cursor", "page"), "paginate lists (default cursor)"},
  {"roles", OA_WORDS, 0, "roles allowed to write"},
  {"cache", OA_DURATION, 0, "cache reads for this long"},
  {"soft-delete", OA_FLAG, 0, "keep deleted rows with a deleted_at mark"},
  {"audit", OA_FLAG, 0, "record every change in the audit log"},
  {0},
};
static const OptSpec search_opts[] = {
  {"full-text", OA_FLAG, 0, "ranked full-text search over text fields"},
  {"fields", OA_FIELDS, 0, "fields to index (default: string and text fields)"},
  {"facets", OA_FIELDS, 0, "fields to count matches by"},
  {"fuzzy", OA_FLAG, 0, "tolerate typos"},
  {"autocomplete", OA_FLAG, 0, "prefix suggestions while typing"},
  {0},
};
static const OptSpec upload_opts[] = {
  {"types", OA_WORDS, 0, "accepted kinds of file (image, pdf, video, ...)"},
  {"public", OA_FLAG, 0, "files are readable without signing"},
  {"scan", OA_FLAG, 0, "scan uploads for malware"},
  {0},
};
static const OptSpec notify_opts[] = {
  {"digest", OA_DURATION, 0, "batch notifications into one per period"},
  {"roles", OA_WORDS, 0, "roles that receive it"},
  {0},
};
static const OptSpec realtime_opts[] = {
  {"deliver", OA_FIELD, 0, "the relation whose members receive each row (a room, a channel)"},
  {"order", OA_WORD, W("per-room", "per-key", "global", "none"), "ordering guarantee"},
  {"presence", OA_FLAG, 0, "show who is online"},
  {"typing", OA_FLAG, 0, "typing indicators"},
  {"receipts", OA_FLAG, 0, "read receipts"},
  {0},
};
static const OptSpec history_opts[] = {
  {"paginate", OA_OPT_WORD, W("cursor", "page"), "paginate history (default cursor)"},
  {"search", OA_FIELDS, 0, "fields searchable in history"},
  {0},
};
static const OptSpec ingest_opts[] = {
  {"batch", OA_COUNT, 0, "rows per ingest request"},
  {"at-least-once", OA_FLAG, 0, "delivery may repeat; writes are idempotent"},
  {"exactly-once", OA_FLAG, 0, "deduplicate on an idempotency key"},
  {"at-most-once", OA_FLAG, 0, "losses are acceptable"},
  {"rate", OA_RATE, 0, "rows per second when the project's writes figure does not apply"},
  {0},
};
static const OptSpec query_opts[] = {
  {"window", OA_DURATIONS, 0, "time windows queried (1h 24h 30d)"},
  {"downsample", OA_FLAG, 0, "keep rollups for long windows"},
  {"group", OA_FIELDS, 0, "fields to group by"},
  {"aggregate", OA_WORDS, W("avg", "min", "max", "sum", "count", "p50", "p95", "p99"), "aggregates computed"},
  {0},
};
static const OptSpec report_opts[] = {
  {"format", OA_WORDS, W("csv", "pdf", "xlsx", "json", "html"), "formats produced"},
  {"email", OA_FLAG, 0, "mail the report to staff"},
  {"owner-only", OA_FLAG, 0, "each owner gets a report of their own rows (a statement per user)"},
  {0},
};
static const OptSpec dashboard_opts[] = {
  {"live", OA_FLAG, 0, "push updates to open dashboards"},
  {"refresh", OA_DURATION, 0, "refresh interval when not live"},
  {"roles", OA_WORDS, 0, "roles that may see it"},
  {0},
};
static const OptSpec integration_opts[] = {
  {"kind", OA_WORD, W("payments", "email", "sms", "push", "storage", "analytics", "crm", "maps", "search",
                      "auth", "ai", "messaging", "shipping", "accounting", "other"), "what the service does"},
  {"webhooks", OA_FLAG, 0, "the service calls us back"},
  {"fallback", OA_WORD, 0, "a second provider to fail over to"},
  {"rate", OA_RATE, 0, "the provider's rate limit"},
  {"charge", OA_MONEY, 0, "payments: what one payment charges on average (default: the knowledge base's average order)"},
  {0},
};

/* Archetypes. Every option has a default in kb/archetypes.kb, stated as an
 * assumption when the spec leaves it out. */
static const OptSpec feed_opts[] = {
  {"followers", OA_COUNT, 0, "average followers per author"},
  {"celebrity", OA_COUNT, 0, "followers above which an author's posts are pulled at read time"},
  {"posts", OA_RATE, 0, "new items per second (default: the entity's growth or the project's writes)"},
  {"timeline", OA_COUNT, 0, "items kept per precomputed timeline"},
  {0},
};
static const OptSpec presence_opts[] = {
  {"session", OA_DURATION, 0, "average time a client stays connected a day"},
  {"heartbeat", OA_DURATION, 0, "how often a connected client says it is alive"},
  {"clients", OA_WORDS, W("web", "mobile", "desktop", "legacy-web", "iot"), "kinds of client that connect"},
  {0},
};
static const OptSpec chat_opts[] = {
  {"session", OA_DURATION, 0, "average time a client stays connected a day"},
  {"members", OA_COUNT, 0, "average members per conversation"},
  {"messages", OA_RATE, 0, "messages sent per second (default: the entity's growth or the project's writes)"},
  {"receipts", OA_FLAG, 0, "delivered and read receipts"},
  {"offline", OA_DURATION, 0, "how long undelivered messages wait for an offline member"},
  {"clients", OA_WORDS, W("web", "mobile", "desktop", "legacy-web", "iot"), "kinds of client that connect"},
  {0},
};
static const OptSpec nearby_opts[] = {
  {"radius", OA_DISTANCE, 0, "search radius, as in 5km"},
  {"updates", OA_DURATION, 0, "how often each moving item reports its location"},
  {"movers", OA_COUNT, 0, "items reporting locations at the peak (default: a share of active users)"},
  {"match", OA_FLAG, 0, "match a request to the best nearby item (dispatch), not only list them"},
  {0},
};
static const OptSpec crawl_opts[] = {
  {"pages", OA_RATE, 0, "pages fetched, as in 1B/month"},
  {"politeness", OA_DURATION, 0, "minimum delay between two fetches from one host"},
  {"hosts", OA_COUNT, 0, "distinct hosts crawled"},
  {"recrawl", OA_DURATION, 0, "how often a page is fetched again"},
  {"page-size", OA_SIZE, 0, "average fetched page"},
  {0},
};
static const OptSpec shortlink_opts[] = {
  {"links", OA_RATE, 0, "new keys created, as in 100M/month"},
  {"redirects", OA_RATE, 0, "reads by key, as in 10B/month (default: reads per link from kb/archetypes.kb)"},
  {"analytics", OA_FLAG, 0, "count every click (makes each redirect reach the server)"},
  {"no-analytics", OA_FLAG, 0, "no click counting: redirects may be cached by browsers"},
  {"expire", OA_DURATION, 0, "default lifetime of a key"},
  {"years", OA_COUNT, 0, "years of creation the key space must hold"},
  {0},
};
static const OptSpec counter_opts[] = {
  {"updates", OA_RATE, 0, "increments per second (default: the project's writes)"},
  {"top", OA_COUNT, 0, "entries shown in a ranking"},
  {0},
};
static const OptSpec media_opts[] = {
  {"uploads", OA_RATE, 0, "files uploaded, as in 500/hour (default: the entity's growth)"},
  {"size", OA_SIZE, 0, "average uploaded file"},
  {"renditions", OA_COUNT, 0, "encoded versions of each file (resolutions, formats)"},
  {"views", OA_COUNT, 0, "average views per file"},
  {"watch", OA_DURATION, 0, "time each active user streams a day, as in 2h"},
  {"medium", OA_WORD, W("video", "audio", "clip", "image"), "what the files play: the bitrate and the daily play time"},
  {0},
};
static const OptSpec ratelimit_opts[] = {
  {"limit", OA_RATE, 0, "requests allowed per client, as in 100/min"},
  {"algorithm", OA_WORD, W("token-bucket", "sliding-window", "fixed-window"), "how the limit is counted"},
  {"by", OA_WORD, W("user", "ip", "key"), "what a client is"},
  {0},
};

static const OptSpec reserve_opts[] = {
  {"units", OA_COUNT, 0, "units on sale at once, as in 50k seats (default: the entity's rows)"},
  {"buyers", OA_COUNT, 0, "people who try to reserve when a sale opens, as in 2M"},
  {"window", OA_DURATION, 0, "how long the rush lasts once a sale opens"},
  {"hold", OA_DURATION, 0, "how long a unit stays held while its buyer pays"},
  {"holds", OA_RATE, 0, "reservations tried in steady trade, as in 20k/day (default: the project's writes)"},
  {"pool", OA_FLAG, 0, "any unit serves (general admission, stock of one product), not a unit the buyer picks"},
  {0},
};

static const OptSpec collab_opts[] = {
  {"editors", OA_COUNT, 0, "people editing one document at once"},
  {"offline", OA_FLAG, 0, "edits made offline merge when the device reconnects"},
  {"session", OA_DURATION, 0, "connected time per active user a day"},
  {0},
};

static const OptSpec exchange_opts[] = {
  {"orders", OA_RATE, 0, "orders placed and cancelled, as in 50k/s (default: the entity's growth)"},
  {"instruments", OA_COUNT, 0, "instruments traded, each with its own order book (symbols, markets, pairs)"},
  {"session", OA_DURATION, 0, "time a trader watches the market data a day"},
  {0},
};

/* ORDER FEATURE_KINDS: indexed by FeatureKind. */
const FeatureSpec feature_specs[FK_COUNT_] = {
  [FK_AUTH] = {"auth", auth_opts},
  [FK_CRUD] = {"crud", crud_opts},
  [FK_SEARCH] = {"search", search_opts},
  [FK_UPLOAD] = {"upload", upload_opts},
  [FK_NOTIFY] = {"notify", notify_opts},
  [FK_REALTIME] = {"realtime", realtime_opts},
  [FK_HISTORY] = {"history", history_opts},
  [FK_INGEST] = {"ingest", ingest_opts},
  [FK_QUERY] = {"query", query_opts},
  [FK_REPORT] = {"report", report_opts},
  [FK_DASHBOARD] = {"dashboard", dashboard_opts},
  [FK_FEED] = {"feed", feed_opts},
  [FK_PRESENCE] = {"presence", presence_opts},
  [FK_CHAT] = {"chat", chat_opts},
  [FK_NEARBY] = {"nearby", nearby_opts},
  [FK_CRAWL] = {"crawl", crawl_opts},
  [FK_SHORTLINK] = {"shortlink", shortlink_opts},
  [FK_LEADERBOARD] = {"leaderboard", counter_opts},
  [FK_COUNTER] = {"counter", counter_opts},
  [FK_MEDIA] = {"media", media_opts},
  [FK_RATELIMIT] = {"rate-limit", ratelimit_opts},
  [FK_RESERVE] = {"reserve", reserve_opts},
  [FK_COLLAB] = {"collab", collab_opts},
  [FK_EXCHANGE] = {"exchange", exchange_opts},
  [FK_INTEGRATION] = {"integration", integration_opts},
};

/* Other spellings of the archetype kinds. */
const FeatureAlias feature_aliases[] = {
  {"timeline", FK_FEED},       {"fanout", FK_FEED},          {"online", FK_PRESENCE},
  {"messaging", FK_CHAT},      {"geo", FK_NEARBY},           {"proximity", FK_NEARBY},
  {"crawler", FK_CRAWL},       {"shortener", FK_SHORTLINK},  {"short-link", FK_SHORTLINK},
  {"ranking", FK_LEADERBOARD}, {"video", FK_MEDIA},          {"transcode", FK_MEDIA},
  {"ratelimit", FK_RATELIMIT}, {"throttle", FK_RATELIMIT},   {"booking", FK_RESERVE},
  {"reservation", FK_RESERVE}, {"co-edit", FK_COLLAB},        {"collaboration", FK_COLLAB},
  {"matching", FK_EXCHANGE},   {"order-book", FK_EXCHANGE},
  {0, FK_COUNT_},
};
