/* Unit tests for the sizer (src/plan/topology.c): each topology is worked
 * out by hand from the knowledge base's ceilings in the comment above its
 * assertions. */
#include "harness.h"

static Plan *plan_of(Compilation *c, const char *spec) { return harness_plan(c, spec, NULL); }

static const Tech *tech(const Plan *p, const char *id) {
  const Tech *t = kb_tech(p->kb, str_c(id));
  if (!t)
    fail_msg("no technology %s", id);
  return t;
}

static void near_(double got, double want, const char *what, int line) {
  if (!(fabs(got - want) <= fabs(want) * 1e-9 + 1e-9))
    fail_msg("line %d: %s: got %.17g, expected %.17g", line, what, got, want);
}
#define near(got, want) near_((got), (want), #got, __LINE__)

static void is(Str s, const char *want) {
  if (!str_eqc(s, want))
    fail_msg("got '%.*s', expected '%s'", (int)s.n, s.p, want);
}

static const char *spec = "project \"T\" {\n idea \"x\"\n users 1000\n availability 99.9%\n cloud aws\n}\n"
                          "entity User { email email; password secret }\n"
                          "entity Note { owner -> User; title string(100) }\n"
                          "feature auth { method session }\nfeature crud Note\n";

/* 3,000 writes/s and 10,000 reads/s on RDS PostgreSQL at 99.9% (2 zones).
 * Unsharded first: db.m7g.large carries 2,000 writes/s (too few); db.m7g.xlarge
 * 4,000: one primary. Reads: 10,000 / 20,000 per instance: no replica. A
 * standby in the second zone: 2 instances, 2 x $0.336 x 730 = $490.56; the
 * 2xlarge would cost twice that. Headroom on writes: 1 - 3,000 / 4,000. */
static void test_class_then_standby(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("database")};
  Demand d = {.writes = 3000, .reads = 10000, .zones = 2, .min_nodes = 2, .shard_key = S("User_id")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m7g.xlarge");
  assert_int_equal(t.shards, 1);
  assert_int_equal(t.replicas, 0);
  assert_int_equal(t.standbys, 1);
  assert_int_equal(t.instances, 2);
  assert_int_equal(t.zones, 2);
  near(t.headroom, 0.25);
  assert_false(t.exceeds);
  assert_true(t.shard_key.n == 0);
  Costed cd = plan_price(&c.arena, p, &n, tech(p, "aws-rds-postgresql"));
  (void)cd;
  driver_free(&c);
}

/* Reads past one instance: 1,000 writes/s and 90,000 reads/s. db.m7g.large
 * (2,000 writes, 10,000 reads): 8 replicas; db.m7g.xlarge (20,000 reads):
 * ceil(4.5) - 1 = 4 replicas, 5 x $0.336 = $1.68/h; db.m7g.2xlarge (40,000):
 * 2 replicas, 3 x $0.672 = $2.016/h; db.m7g.large: 9 x $0.168 = $1.512/h,
 * the cheapest (burstable t4g classes are not candidates at 99.9%). RDS
 * promotes a read replica by hand, so a Multi-AZ standby fails over: 8
 * replicas and 1 standby, 10 instances. */
static void test_replicas_for_reads(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("database")};
  Demand d = {.writes = 1000, .reads = 90000, .zones = 2, .min_nodes = 2};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m7g.large");
  assert_int_equal(t.replicas, 8);
  assert_int_equal(t.standbys, 1);
  assert_int_equal(t.instances, 10);
  is(t.deployment, "multi-az");
  assert_int_equal(t.shards, 1);
  driver_free(&c);
}

/* 60,000 writes/s: no single primary carries it (db.m7g.16xlarge: 25,000).
 * With a shard key, within RDS's 40-instance quota, each shard weighed with
 * a DBA's share of it ($15,700 / 40 = $392.50 a month): db.m7g.xlarge,
 * ceil(60,000 / 4,000) = 15 shards, each with a standby: 30 x $0.336 x 730
 * = $7,358.40 + $5,887.50; db.m7g.2xlarge: 8 shards, 16 x $0.672 x 730 =
 * $7,848.96 + $3,140 = $10,988.96, the cheapest; 4xlarge: 5 shards,
 * $9,811.20 + $1,962.50, 7% dearer, within the 25% that buys fewer shards;
 * large: 30 shards, 60 instances, past the quota. So 5 shards of
 * db.m7g.4xlarge. Without a shard key: cannot, naming the ceiling. */
static void test_shards_for_writes(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("database")};
  Demand d = {.writes = 60000, .reads = 0, .zones = 2, .min_nodes = 2, .shard_key = S("User_id")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m7g.4xlarge");
  assert_int_equal(t.shards, 5);
  assert_int_equal(t.instances, 10);
  is(t.shard_key, "User_id");
  near(t.instances * size->value * 730, 9811.2);
  d.shard_key = (Str){0};
  assert_false(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  assert_true(t.exceeds);
  assert_non_null(strstr(t.exceeds_why.p, "one primary of"));
  driver_free(&c);
}

/* Heroku: 2.4 vCPU needs 3 dynos (1 vCPU each when unstated); Basic runs
 * one per process type, so Standard-1X: 3 x $25. */
static void test_dynos_per_process_type(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("compute")};
  Demand d = {.vcpu = 2.4, .zones = 2, .min_nodes = 2};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "heroku"), &d, &t, &size));
  is(t.instance_class, "Standard-1X");
  assert_int_equal(t.instances, 3);
  near(size->value, 25);
  /* One dyno's worth fits Basic only when one instance is enough. */
  d.vcpu = 0.5, d.min_nodes = 1, d.zones = 1;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "heroku"), &d, &t, &size));
  is(t.instance_class, "Basic");
  assert_int_equal(t.instances, 1);
  driver_free(&c);
}

/* DynamoDB: partitions from its per-partition limits: 5,000 writes / 1,000
 * = 5; 9,000 reads / 3,000 = 3; 50 GB / 10 GB = 5: 5 partitions, sized by
 * writes, with no headroom left on them (5,000 / 5,000). */
static void test_partitions(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("events")};
  Demand d = {.writes = 5000, .reads = 9000, .bytes = 50e9, .zones = 2, .shard_key = S("Device_id + time bucket")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-dynamodb"), &d, &t, &size));
  assert_int_equal(t.shards, 5);
  is(t.instance_class, "on-demand partitions");
  near(t.headroom, 0);
  is(t.shard_key, "Device_id + time bucket");
  driver_free(&c);
}

/* A self-run broker at 99.99%: a quorum of 3 nodes across 3 zones. */
static void test_quorum(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("queue")};
  Demand d = {.zones = 3, .min_nodes = 3};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "rabbitmq"), &d, &t, &size));
  assert_int_equal(t.instances, 3);
  assert_int_equal(t.zones, 3);
  driver_free(&c);
}

/* From 99.95% the copy in the other zone is a readable replica rather
 * than a standby where that replica fails over by itself: PostgreSQL we
 * run (its failover manager promotes the hot standby) gets 1 replica and
 * no standby. RDS promotes a read replica by hand, and 2 zones are no
 * Multi-AZ DB cluster, so the same 3,000 writes/s and 10,000 reads/s give
 * db.m7g.xlarge with a Multi-AZ standby and no replica (the reads do not
 * need one), 2 instances. */
static void test_readable_standby(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, "project \"T\" {\n idea \"x\"\n users 1000\n availability 99.95%\n cloud aws\n}\n"
                        "entity User { email email; password secret }\n"
                        "entity Note { owner -> User; title string(100) }\n"
                        "feature auth { method session }\nfeature crud Note\n");
  Need n = {.slot = S("database")};
  Demand d = {.writes = 3000, .reads = 10000, .zones = 2, .min_nodes = 2, .shard_key = S("User_id")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m7g.xlarge");
  assert_int_equal(t.replicas, 0);
  assert_int_equal(t.standbys, 1);
  assert_int_equal(t.instances, 2);
  is(t.deployment, "multi-az");
  assert_non_null(strstr(t.why.p, "promoted by hand"));
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "postgresql"), &d, &t, &size));
  assert_int_equal(t.replicas, 1);
  assert_int_equal(t.standbys, 0);
  driver_free(&c);
}

/* Two standbys are a Multi-AZ DB cluster, which accepts only the classes
 * kb/ lists for its `cluster` mode. 300 writes/s and 1,000 reads/s in 3
 * zones below 99.95% (standbys, not readable replicas): db.t4g.small
 * (400 writes/s, $0.032/h) would carry them, but burstable classes are not
 * offered in a cluster; the cheapest class that is, db.m6gd.large (2,000
 * writes/s, $0.187/h), gets a writer and two standbys: 3 instances. In
 * two zones one standby is a Multi-AZ DB instance; at 99.9% burstable
 * classes are not candidates (AWS: T classes for non-production servers
 * only), so db.m7g.large ($0.168/h). */
static void test_cluster_mode_classes(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("database")};
  Demand d = {.writes = 300, .reads = 1000, .zones = 3, .min_nodes = 3, .shard_key = S("User_id")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m6gd.large");
  assert_int_equal(t.standbys, 2);
  assert_int_equal(t.replicas, 0);
  assert_int_equal(t.instances, 3);
  near(t.headroom, 1 - 300.0 / 2000);
  /* Two zones: one standby, a Multi-AZ DB instance, of a general-purpose
   * class. */
  d.zones = d.min_nodes = 2;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m7g.large");
  assert_int_equal(t.standbys, 1);
  is(t.deployment, "multi-az");
  driver_free(&c);
}

/* At 99.99% the copy in each of the other two zones is readable: on RDS,
 * which offers clusters, that is a Multi-AZ DB cluster (its standbys fail
 * over by themselves and serve reads), so the same 300 writes/s take
 * db.m6gd.large, not the burstable class: 2 readable copies, deployment
 * "cluster". Below 3 zones (99.95%) no cluster can be formed and a read
 * replica is promoted by hand: a Multi-AZ standby of db.m7g.large (no
 * burstable class at this target). */
static void test_readable_cluster(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, "project \"T\" {\n idea \"x\"\n users 1000\n availability 99.99%\n cloud aws\n}\n"
                        "entity User { email email; password secret }\n"
                        "entity Note { owner -> User; title string(100) }\n"
                        "feature auth { method session }\nfeature crud Note\n");
  Need n = {.slot = S("database")};
  Demand d = {.writes = 300, .reads = 1000, .zones = 3, .min_nodes = 3, .shard_key = S("User_id")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m6gd.large");
  assert_int_equal(t.replicas, 2);
  assert_int_equal(t.standbys, 0);
  is(t.deployment, "cluster");
  d.zones = d.min_nodes = 2;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.m7g.large");
  assert_int_equal(t.replicas, 0);
  assert_int_equal(t.standbys, 1);
  is(t.deployment, "multi-az");
  driver_free(&c);
}

/* Reads that dominate the writes go to replicas, not to a bigger primary.
 * Cloud SQL's classes serve 5,000 reads/s per vCPU at one price per vCPU,
 * so 79,000 reads/s cost $1.0808/h on any of them: one 16-vCPU instance
 * (80,000), 2 x 8 vCPU, 4 x 4 vCPU, ... At equal prices the fewest
 * instances would win, a single 16-vCPU primary; but the reads are 79x the
 * 1,000 writes and pass the 40,000 the mid-size (8-vCPU) class serves, so
 * the classes up to 8 vCPUs carry them on replicas: 8 vCPU, 1 replica. */
static void test_replicas_before_a_bigger_primary(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("database")};
  Demand d = {.writes = 1000, .reads = 79000, .zones = 1, .min_nodes = 1};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "gcp-cloud-sql-postgresql"), &d, &t, &size));
  is(t.instance_class, "8 vCPU 30 GB");
  assert_int_equal(t.replicas, 1);
  assert_int_equal(t.instances, 2);
  assert_non_null(strstr(t.why.p, "mid-size primary"));
  /* 15,900 writes/s need the 16-vCPU class (16,000); reads just under 5x
   * the writes do not dominate them, and that one instance carries them. */
  d.writes = 15900;
  d.reads = 79000;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "gcp-cloud-sql-postgresql"), &d, &t, &size));
  assert_int_equal(t.replicas, 0);
  driver_free(&c);
}

/* A working set past the largest class's memory shards, like writes do:
 * 5 TB hot at 100 writes/s and 150,000 reads/s, one zone. The volume
 * serves 750 of the 150,100 a second from disk, so memory holds 99.5% of
 * it, 4.975 TB. Each shard weighed with a DBA's share ($392.50 a month,
 * $0.538 an hour): the largest class, db.r8g.48xlarge, holds 1,536 GiB x
 * 75% = 1.24 TB: 5 shards, 5 x $23.97 + $2.69 = $122.54/h;
 * db.x2g.16xlarge (1,024 GiB, 824.6 GB usable): 7 shards, 7 x $10.432 +
 * $3.76 = $76.79/h, the cheapest; db.x2g.4xlarge (206.2 GB): 25 shards,
 * 25 x $2.608 + $13.44 = $78.64/h (db.r7g.4xlarge would need 49, past the
 * 40-instance quota). 5 shards cost 60% more: 7 shards win. Without a
 * shard key: cannot, naming the working set. 1 TB hot (99.5% of it) fits the largest
 * memory-optimised class: the primary scales up, no shards (an architect
 * moves to a large memory class before sharding). */
static void test_working_set_shards(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("database")};
  Demand d = {.writes = 100, .reads = 150000, .bytes = 2.5e13, .hot_bytes = 5e12, .zones = 1, .min_nodes = 1,
              .shard_key = S("User_id")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  is(t.instance_class, "db.x2g.16xlarge");
  assert_int_equal(t.shards, 7);
  is(t.shard_key, "User_id");
  assert_non_null(strstr(t.ceiling.p, "working set"));
  d.shard_key = (Str){0};
  assert_false(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  assert_non_null(strstr(t.exceeds_why.p, "working set"));
  d.shard_key = S("User_id");
  d.hot_bytes = 1e12;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  assert_int_equal(t.shards, 1);
  d.hot_bytes = 2e11;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "aws-rds-postgresql"), &d, &t, &size));
  assert_int_equal(t.shards, 1);
  driver_free(&c);
}

/* A store that scans (ClickHouse: 125 MB/s of columns a vCPU) on the
 * database nodes (memory-optimised 8 GiB a vCPU at $0.1071 per 2 vCPUs, up
 * to 64; memory-heavy 16 GiB at $0.167). 10,000 writes/s (1,000 a vCPU
 * without batches), 10 TB raw at the horizon (1 TB compressed), 20 GB/s of
 * scans, queried (1:50). At 2 zones a quorum keeps 3 copies per shard.
 * Per size v: scan shards 160 / v, write shards 10 / v, memory shards
 * 1 TB / (v x 8 GiB x 50): scans are fullest at every size, and every
 * size up to 32 vCPUs costs the same, 160 vCPUs x 3 copies x $0.05355 =
 * $25.70 an hour; 64 vCPUs take 3 shards (8 GB/s each), 9 x $3.4272 =
 * $30.84, 20% more: the fewest shards within 25% win. Headroom on scans:
 * 1 - 20 / (3 x 8). TimescaleDB scans 15 MB/s a vCPU (960 MB/s on 64) and
 * writes through one primary: cannot, naming the scans. */
static void test_scans_shard(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("events")};
  Demand d = {.writes = 10000, .reads = 10, .bytes = 1e13, .scan = 2e10, .queried = true, .zones = 2, .min_nodes = 2,
              .shard_key = S("Device_id + time bucket")};
  Topology t;
  const KbFact *size;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "clickhouse"), &d, &t, &size));
  is(t.instance_class, "64 vCPU 512 GiB node");
  assert_int_equal(t.shards, 3);
  assert_int_equal(t.replicas, 2);
  assert_int_equal(t.instances, 9);
  near(t.headroom, 1 - 2e10 / (3 * 64 * 1.25e8));
  near(t.load_stored, 1e12);
  near(t.class_scan, 64 * 1.25e8);
  near(t.memory_ratio, 50);
  assert_non_null(strstr(t.ceiling.p, "scans 8 GB/s per 64 vCPU 512 GiB node"));
  assert_false(plan_topology(&c.arena, p, &n, tech(p, "timescaledb"), &d, &t, &size));
  assert_non_null(strstr(t.exceeds_why.p, "scans"));
  /* Without the scans, 1 TB compressed and 10,000 writes/s fit one
   * shard: the raw 10 TB never reach a disk. */
  d.scan = 0;
  assert_true(plan_topology(&c.arena, p, &n, tech(p, "clickhouse"), &d, &t, &size));
  assert_int_equal(t.shards, 1);
  driver_free(&c);
}

/* The availability target sets the zones of every slot's demand. */
static void test_demand_zones(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  Need n = {.slot = S("database")};
  assert_int_equal(plan_demand(p, &n).zones, 2);
  driver_free(&c);
  p = plan_of(&c, "project \"T\" {\n idea \"x\"\n availability 99.99%\n}\nentity Note { title string(10) }\n"
                  "feature crud Note\n");
  assert_int_equal(plan_demand(p, &n).zones, 3);
  driver_free(&c);
  p = plan_of(&c, "project \"T\" {\n idea \"x\"\n availability 99%\n}\nentity Note { title string(10) }\n"
                  "feature crud Note\n");
  assert_int_equal(plan_demand(p, &n).zones, 1);
  driver_free(&c);
}

/* The planning figures' cache (explain.c) once its named table is full:
 * a figure looked up after 200 others, twice (the second time from the
 * table of pointers), is still the knowledge base's (contested-margin 15%),
 * and one the base lacks is still the default given. */
static void test_figures_past_the_named_table(void **state) {
  (void)state;
  Compilation c;
  Plan *p = plan_of(&c, spec);
  static char keys[200][16];
  for (int i = 0; i < 200; i++) {
    snprintf(keys[i], sizeof keys[i], "no-such-%d", i);
    near(plan_figure(p, "adr", keys[i], i), i);
  }
  for (int k = 0; k < 2; k++) {
    near(plan_figure(p, "adr", "contested-margin", 0.5), 0.15);
    near(plan_figure(p, "adr", "no-such-figure", 7), 7);
    near(plan_figure(p, "adr", keys[3], -1), 3);
  }
  driver_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_class_then_standby), cmocka_unit_test(test_replicas_for_reads),
    cmocka_unit_test(test_shards_for_writes),  cmocka_unit_test(test_dynos_per_process_type),
    cmocka_unit_test(test_partitions),         cmocka_unit_test(test_quorum),
    cmocka_unit_test(test_demand_zones),       cmocka_unit_test(test_readable_standby),
      cmocka_unit_test(test_cluster_mode_classes), cmocka_unit_test(test_readable_cluster),
    cmocka_unit_test(test_working_set_shards), cmocka_unit_test(test_replicas_before_a_bigger_primary),
    cmocka_unit_test(test_scans_shard),         cmocka_unit_test(test_figures_past_the_named_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
