// The infrastructure code declares the topology of the plan: for every
// component plan.json sizes (decisions[].topology) and the code declares,
// the declared class and counts equal the topology's. Read from the code
// itself: Pulumi's index.ts through the TypeScript parser, HCL through
// hcl2json, CloudFormation (SAM, or the CDK's synthesized template in
// cdk.out/), Bicep and the Kubernetes manifests as text.
//
// What is compared, by the technology chosen (class sans " (engine)"):
//   RDS instance       class, Multi-AZ = standbys > 0, read replicas = replicas,
//                      1 + standby + replicas = instances; with two standbys
//                      (or deployment "cluster": its readable replicas are the
//                      standbys) a Multi-AZ DB cluster of the class
//   Aurora Sv2         cluster instances = instances, least ACUs = the class's
//   ElastiCache nodes  node type = class, nodes = instances
//   MSK brokers        broker type = class, brokers = instances
//   OpenSearch         instance type = class, count = instances
//   Kinesis            shards = shards (or instances when not split)
//   Fargate, App Runner  tasks = instances (ECS, and the autoscaler's least),
//                      CPU and memory = the class's
//   EKS, Kubernetes    nodes = instances, each Deployment's replicas = instances
//   Container Apps     least replicas = instances, CPU and memory = the class's
//   PostgreSQL flexible  zone-redundant HA = standbys > 0, replicas; in HCL and
//                      Pulumi also the sku (GP_Standard_D2ds_v5 for D2ds_v5)
//   Cloud Run          least instances = instances, CPU and memory = the class's
//   Cloud SQL          tier = the class (db-custom-V-M for a generic one),
//                      regional (HA) = standbys > 0, read replicas = replicas
// Functions, serverless and on-demand components have nothing to size; they
// are listed, not counted. Usage: node sizes.cjs PLAN_DIR...
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const tag = (name, kind) => new yaml.Type(name, { kind, construct: (d) => ({ [name]: d }) });
const SCHEMA = yaml.DEFAULT_SCHEMA.extend(["!Ref", "!GetAtt", "!Sub", "!GetAZs", "!ImportValue"].map((t) => tag(t, "scalar"))
  .concat(["!Sub", "!Join", "!Select", "!Split", "!If", "!Equals", "!FindInMap"].map((t) => tag(t, "sequence"))));

const num = (v) => (v === undefined || v === null ? undefined : Number(v));
const one = (v) => (Array.isArray(v) ? v[0] : v);

// ---- extractors: each returns [{c: concept, ...}] ----
function fromCfn(t) {
  const out = [];
  for (const [id, r] of Object.entries(t.Resources || {})) {
    const p = r.Properties || {};
    switch (r.Type) {
      case "AWS::RDS::DBInstance":
        if (p.DBClusterIdentifier) out.push({ c: "aurora-instance", n: 1 });
        else out.push({ c: "db-instance", cls: p.DBInstanceClass, multiaz: p.MultiAZ === true || p.MultiAZ === "true", replica: !!p.SourceDBInstanceIdentifier, n: 1 });
        break;
      case "AWS::RDS::DBCluster":
        if (p.Engine === "postgres") out.push({ c: "maz-cluster", cls: p.DBClusterInstanceClass });
        else out.push({ c: "aurora-cluster", min: num((p.ServerlessV2ScalingConfiguration || {}).MinCapacity) });
        break;
      case "AWS::ElastiCache::ReplicationGroup":
        out.push({ c: "cache-group", cls: p.CacheNodeType, n: num(p.NumCacheClusters) });
        break;
      case "AWS::MSK::Cluster":
        out.push({ c: "msk", cls: (p.BrokerNodeGroupInfo || {}).InstanceType, n: num(p.NumberOfBrokerNodes) });
        break;
      case "AWS::Kinesis::Stream":
        out.push({ c: "kinesis", n: num(p.ShardCount) });
        break;
      case "AWS::OpenSearchService::Domain":
        out.push({ c: "opensearch", cls: (p.ClusterConfig || {}).InstanceType, n: num((p.ClusterConfig || {}).InstanceCount) });
        break;
      case "AWS::ECS::Service":
        out.push({ c: "ecs-service", n: num(p.DesiredCount) });
        break;
      case "AWS::ApplicationAutoScaling::ScalableTarget":
        if (p.ServiceNamespace === "ecs") out.push({ c: "ecs-scaling", n: num(p.MinCapacity), max: num(p.MaxCapacity) });
        break;
      case "AWS::ECS::TaskDefinition":
        out.push({ c: "task", cpu: num(p.Cpu), mem: num(p.Memory) });
        break;
      case "AWS::AppRunner::Service":
        out.push({ c: "task", cpu: num((p.InstanceConfiguration || {}).Cpu), mem: num((p.InstanceConfiguration || {}).Memory) });
        break;
      case "AWS::EKS::Nodegroup":
        out.push({ c: "nodes", n: num((p.ScalingConfig || {}).DesiredSize), min: num((p.ScalingConfig || {}).MinSize) });
        break;
    }
    void id;
  }
  return out;
}

async function fromHcl(file) {
  const { parse } = require("@cdktf/hcl2json");
  const j = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
  const out = [];
  for (const [type, byName] of Object.entries(j.resource || {}))
    for (const blocks of Object.values(byName))
      for (const b of blocks) {
        const count = typeof b.count === "number" ? b.count : 1;
        switch (type) {
          case "aws_db_instance":
            out.push({ c: "db-instance", cls: b.instance_class, multiaz: b.multi_az === true, replica: !!b.replicate_source_db, n: count });
            break;
          case "aws_rds_cluster":
            if (b.engine === "postgres") out.push({ c: "maz-cluster", cls: b.db_cluster_instance_class });
            else out.push({ c: "aurora-cluster", min: num(one(b.serverlessv2_scaling_configuration || [{}]).min_capacity) });
            break;
          case "aws_rds_cluster_instance":
            out.push({ c: "aurora-instance", n: count });
            break;
          case "aws_elasticache_replication_group":
            out.push({ c: "cache-group", cls: b.node_type, n: num(b.num_cache_clusters) });
            break;
          case "aws_msk_cluster":
            out.push({ c: "msk", cls: one(b.broker_node_group_info || [{}]).instance_type, n: num(b.number_of_broker_nodes) });
            break;
          case "aws_kinesis_stream":
            out.push({ c: "kinesis", n: num(b.shard_count) });
            break;
          case "aws_opensearch_domain": {
            const cc = one(b.cluster_config || [{}]);
            out.push({ c: "opensearch", cls: cc.instance_type, n: num(cc.instance_count) });
            break;
          }
          case "aws_ecs_service":
            out.push({ c: "ecs-service", n: num(b.desired_count) });
            break;
          case "aws_appautoscaling_target":
            if (b.service_namespace === "ecs") out.push({ c: "ecs-scaling", n: num(b.min_capacity), max: num(b.max_capacity) });
            break;
          case "aws_ecs_task_definition":
            out.push({ c: "task", cpu: num(b.cpu), mem: num(b.memory) });
            break;
          case "aws_apprunner_service": {
            const ic = one(b.instance_configuration || [{}]);
            out.push({ c: "task", cpu: num(ic.cpu), mem: num(ic.memory) });
            break;
          }
          case "aws_eks_node_group": {
            const sc = one(b.scaling_config || [{}]);
            out.push({ c: "nodes", n: num(sc.desired_size), min: num(sc.min_size) });
            break;
          }
          case "azurerm_container_app": {
            const t = one(b.template || [{}]), c = one(t.container || [{}]);
            out.push({ c: "app", min: num(t.min_replicas), cpu: num(c.cpu), mem: parseFloat(c.memory) });
            break;
          }
          case "azurerm_postgresql_flexible_server":
            out.push({ c: "pg-flex", ha: one(b.high_availability || [{}]).mode === "ZoneRedundant", replica: b.create_mode === "Replica", n: count, sku: b.sku_name });
            break;
          case "azurerm_kubernetes_cluster": {
            const np = one(b.default_node_pool || [{}]);
            out.push({ c: "nodes", n: num(np.node_count), min: num(np.min_count) });
            break;
          }
          case "google_cloud_run_v2_service": {
            const t = one(b.template || [{}]), c = one(t.containers || [{}]), l = one(c.resources || [{}]).limits || {};
            out.push({ c: "run", min: num(one(t.scaling || [{}]).min_instance_count), cpu: num(l.cpu), mem: l.memory });
            break;
          }
          case "google_sql_database_instance": {
            const st = one(b.settings || [{}]);
            out.push({ c: "sql", tier: st.tier, ha: st.availability_type === "REGIONAL", replica: !!b.master_instance_name, n: count });
            break;
          }
        }
      }
  return out;
}

// Pulumi: `new aws.NS.Type(name, {literal})`, inside `for (let i = 0; i < N; i++)` counted N times.
function fromPulumi(file) {
  const ts = require("typescript");
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2020, true);
  const lit = (n) => {
    if (!n) return undefined;
    if (ts.isNumericLiteral(n)) return Number(n.text);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
    if (n.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (n.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isArrayLiteralExpression(n)) return n.elements.map(lit);
    if (ts.isObjectLiteralExpression(n)) {
      const o = {};
      for (const p of n.properties) {
        if (ts.isPropertyAssignment(p)) o[ts.isStringLiteral(p.name) ? p.name.text : p.name.getText(sf)] = lit(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) o[p.name.getText(sf)] = { ref: p.name.getText(sf) };
      }
      return o;
    }
    return { expr: n.getText(sf) };
  };
  const out = [];
  const visit = (n, times) => {
    if (ts.isForStatement(n) && n.condition && ts.isBinaryExpression(n.condition) && ts.isNumericLiteral(n.condition.right))
      times *= Number(n.condition.right.text);
    if (ts.isNewExpression(n)) {
      const ty = n.expression.getText(sf), a = lit((n.arguments || [])[1]) || {};
      switch (ty) {
        case "aws.rds.Instance":
          for (let i = 0; i < times; i++)
            out.push({ c: "db-instance", cls: a.instanceClass, multiaz: a.multiAz === true, replica: !!a.replicateSourceDb, n: 1 });
          break;
        case "aws.rds.Cluster":
          if (a.engine === "postgres") out.push({ c: "maz-cluster", cls: a.dbClusterInstanceClass });
          else out.push({ c: "aurora-cluster", min: num((a.serverlessv2ScalingConfiguration || {}).minCapacity) });
          break;
        case "aws.rds.ClusterInstance":
          out.push({ c: "aurora-instance", n: times });
          break;
        case "aws.elasticache.ReplicationGroup":
          out.push({ c: "cache-group", cls: a.nodeType, n: num(a.numCacheClusters) });
          break;
        case "aws.msk.Cluster":
          out.push({ c: "msk", cls: (a.brokerNodeGroupInfo || {}).instanceType, n: num(a.numberOfBrokerNodes) });
          break;
        case "aws.kinesis.Stream":
          out.push({ c: "kinesis", n: num(a.shardCount) });
          break;
        case "aws.opensearch.Domain":
          out.push({ c: "opensearch", cls: (a.clusterConfig || {}).instanceType, n: num((a.clusterConfig || {}).instanceCount) });
          break;
        case "aws.ecs.Service":
          out.push({ c: "ecs-service", n: num(a.desiredCount) });
          break;
        case "aws.appautoscaling.Target":
          if (a.serviceNamespace === "ecs") out.push({ c: "ecs-scaling", n: num(a.minCapacity), max: num(a.maxCapacity) });
          break;
        case "aws.ecs.TaskDefinition":
          out.push({ c: "task", cpu: num(a.cpu), mem: num(a.memory) });
          break;
        case "aws.apprunner.Service":
          out.push({ c: "task", cpu: num((a.instanceConfiguration || {}).cpu), mem: num((a.instanceConfiguration || {}).memory) });
          break;
        case "aws.eks.NodeGroup":
          out.push({ c: "nodes", n: num((a.scalingConfig || {}).desiredSize), min: num((a.scalingConfig || {}).minSize) });
          break;
        case "azure.containerapp.App": {
          const t = a.template || {}, c = (t.containers || [{}])[0] || {};
          out.push({ c: "app", min: num(t.minReplicas), cpu: num(c.cpu), mem: parseFloat(c.memory) });
          break;
        }
        case "azure.postgresql.FlexibleServer":
          out.push({ c: "pg-flex", ha: (a.highAvailability || {}).mode === "ZoneRedundant", replica: a.createMode === "Replica", n: times, sku: a.skuName });
          break;
        case "azure.containerservice.KubernetesCluster":
          out.push({ c: "nodes", n: num((a.defaultNodePool || {}).nodeCount), min: num((a.defaultNodePool || {}).minCount) });
          break;
        case "gcp.cloudrunv2.Service": {
          const t = a.template || {}, c = (t.containers || [{}])[0] || {}, l = (c.resources || {}).limits || {};
          out.push({ c: "run", min: num((t.scaling || {}).minInstanceCount), cpu: num(l.cpu), mem: l.memory });
          break;
        }
        case "gcp.sql.DatabaseInstance":
          out.push({ c: "sql", tier: (a.settings || {}).tier, ha: (a.settings || {}).availabilityType === "REGIONAL", replica: !!a.masterInstanceName, n: times });
          break;
      }
    }
    ts.forEachChild(n, (c) => visit(c, times));
  };
  visit(sf, 1);
  return out;
}

// Bicep, as text: each resource block's type and the fields compared.
function fromBicep(file) {
  const out = [];
  const src = fs.readFileSync(file, "utf8");
  const blocks = src.split(/\n(?=resource )/);
  for (const b of blocks) {
    const m = /^resource \w+ '([^@']+)@/.exec(b);
    if (!m) continue;
    const field = (re) => { const x = re.exec(b); return x ? x[1] : undefined; };
    if (m[1] === "Microsoft.App/containerApps")
      out.push({ c: "app", min: num(field(/minReplicas: (\d+)/)), cpu: num(field(/cpu: json\('([\d.]+)'\)/)), mem: num(field(/memory: '([\d.]+)Gi'/)) });
    if (m[1] === "Microsoft.DBforPostgreSQL/flexibleServers")
      out.push({ c: "pg-flex", ha: /mode: 'ZoneRedundant'/.test(b), replica: /createMode: 'Replica'/.test(b) });
    if (m[1] === "Microsoft.ContainerService/managedClusters")
      out.push({ c: "nodes", n: num(field(/\bcount: (\d+)/)), min: num(field(/minCount: (\d+)/)) });
  }
  return out;
}

function fromK8s(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir).sort())
    for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, f), "utf8")))
      if (doc && doc.kind === "Deployment") out.push({ c: "deployment", n: doc.spec.replicas, name: doc.metadata.name });
  return out;
}

// ---- the comparison ----
const classOf = (c) => c.replace(/ \(.*\)$/, "");
const vcpuMem = (c) => {
  const m = /^([\d.]+) vCPU(?: ([\d.]+) GB)?/.exec(c);
  return m ? { vcpu: Number(m[1]), gb: m[2] === undefined ? undefined : Number(m[2]) } : {};
};

function compare(plan, found) {
  const errors = [], matched = [], unsized = [];
  const of = (c) => found.filter((x) => x.c === c);
  for (const d of plan.decisions || []) {
    const t = d.topology;
    if (!t) continue;
    const fail = (m) => errors.push(`${d.slot} (${d.choice}): ${m}`);
    const eq = (what, got, want) => { if (got !== want) fail(`${what} ${JSON.stringify(got)}, the topology's ${JSON.stringify(want)}`); };
    const before = errors.length;
    switch (d.choice) {
      case "aws-rds-postgresql": {
        if (t.standbys >= 2 || t.deployment === "cluster") {
          // a writer and its readable standbys: a Multi-AZ DB cluster (three instances)
          const m = of("maz-cluster");
          if (m.length !== 1) { fail(`${m.length} Multi-AZ DB clusters declared for ${t.standbys} standbys`); break; }
          eq("instance class", m[0].cls, classOf(t.instance_class));
          eq("instances", 1 + t.standbys + t.replicas, t.instances);
          break;
        }
        const primary = of("db-instance").filter((x) => !x.replica), reps = of("db-instance").filter((x) => x.replica);
        if (primary.length !== 1) { fail(`${primary.length} primary instances declared`); break; }
        eq("instance class", primary[0].cls, classOf(t.instance_class));
        eq("Multi-AZ", primary[0].multiaz, t.standbys > 0);
        eq("read replicas", reps.reduce((s, x) => s + x.n, 0), t.replicas);
        eq("instances (primary, standby, replicas)", 1 + (primary[0].multiaz ? 1 : 0) + reps.reduce((s, x) => s + x.n, 0), t.instances);
        for (const r of reps) eq("replica class", r.cls, classOf(t.instance_class));
        break;
      }
      case "aws-aurora-serverless-v2": {
        const cl = of("aurora-cluster");
        if (cl.length !== 1) { fail(`${cl.length} clusters declared`); break; }
        eq("least ACUs", cl[0].min, parseFloat(t.instance_class));
        eq("cluster instances", of("aurora-instance").reduce((s, x) => s + x.n, 0), t.instances);
        break;
      }
      case "aws-elasticache": {
        const g = of("cache-group");
        if (!/^cache\./.test(t.instance_class)) { unsized.push(d.slot); continue; }
        if (g.length !== 1) { fail(`${g.length} replication groups declared`); break; }
        eq("node type", g[0].cls, classOf(t.instance_class));
        eq("nodes", g[0].n, t.instances);
        break;
      }
      case "aws-msk": {
        const g = of("msk");
        if (g.length !== 1) { fail(`${g.length} MSK clusters declared`); break; }
        eq("broker type", g[0].cls, classOf(t.instance_class));
        eq("brokers", g[0].n, t.instances);
        break;
      }
      case "aws-opensearch": {
        const g = of("opensearch");
        if (g.length !== 1) { fail(`${g.length} domains declared`); break; }
        eq("instance type", g[0].cls, classOf(t.instance_class));
        eq("instances", g[0].n, t.instances);
        break;
      }
      case "aws-kinesis": {
        const g = of("kinesis");
        if (g.length !== 1) { fail(`${g.length} streams declared`); break; }
        eq("shards", g[0].n, t.shards > 1 ? t.shards : t.instances);
        break;
      }
      case "aws-fargate":
      case "aws-app-runner": {
        const { vcpu, gb } = vcpuMem(t.instance_class);
        const tasks = of("task");
        if (!tasks.length) { fail("no task or service size declared"); break; }
        for (const x of tasks) { eq("CPU units", x.cpu, vcpu * 1024); eq("memory MB", x.mem, gb * 1024); }
        if (d.choice === "aws-fargate") {
          const s = of("ecs-service");
          if (!s.length) fail("no ECS service declared");
          for (const x of s) eq("desired tasks", x.n, t.instances);
          const sc = of("ecs-scaling");
          eq("autoscaling targets (one per service)", sc.length, s.length);
          for (const x of sc) { eq("least tasks", x.n, t.instances); if (!(x.max >= x.n)) fail(`most tasks ${x.max} under the least`); }
        }
        break;
      }
      case "aws-eks":
      case "azure-aks": {
        const g = of("nodes");
        if (g.length !== 1) { fail(`${g.length} node groups declared`); break; }
        eq("nodes", g[0].n, t.instances);
        eq("least nodes", g[0].min, t.instances);
        const deps = of("deployment");
        if (!deps.length) fail("no Kubernetes Deployment in k8s/");
        for (const x of deps) eq(`${x.name} replicas`, x.n, t.instances);
        break;
      }
      case "azure-container-apps": {
        const { vcpu, gb } = vcpuMem(t.instance_class);
        const apps = of("app");
        if (!apps.length) { fail("no container app declared"); break; }
        for (const x of apps) { eq("least replicas", x.min, t.instances); eq("CPU", x.cpu, vcpu); eq("memory GB", x.mem, gb); }
        break;
      }
      case "azure-postgresql-flexible": {
        const g = of("pg-flex");
        if (!g.filter((x) => !x.replica).length) { fail("no server declared"); break; }
        const primary = g.filter((x) => !x.replica)[0];
        eq("zone-redundant HA", primary.ha, t.standbys > 0);
        eq("read replicas", g.filter((x) => x.replica).reduce((s, x) => s + (x.n === undefined ? 1 : x.n), 0), t.replicas);
        if (primary.sku !== undefined) {
          const cls = classOf(t.instance_class), tier = cls[0] === "B" ? "B" : cls[0] === "E" ? "MO" : "GP";
          eq("sku", primary.sku, `${tier}_Standard_${cls}`);
        }
        break;
      }
      case "gcp-cloud-run": {
        const m = /^([\d.]+) vCPU ([\d.]+) (MiB|GB|GiB)/.exec(t.instance_class);
        const runs = of("run");
        if (!runs.length) { fail("no Cloud Run service declared"); break; }
        for (const x of runs) {
          eq("least instances", x.min, t.instances);
          if (m) {
            eq("CPU", x.cpu, Number(m[1]));
            eq("memory", x.mem, `${m[3] === "MiB" ? Number(m[2]) : Number(m[2]) * 1024}Mi`);
          }
        }
        break;
      }
      case "gcp-cloud-sql-postgresql": {
        const g = of("sql"), primary = g.filter((x) => !x.replica);
        if (primary.length !== 1) { fail(`${primary.length} primary instances declared`); break; }
        const v = vcpuMem(t.instance_class);
        const tier = /^db-/.test(t.instance_class) ? classOf(t.instance_class)
          : `db-custom-${Math.ceil(v.vcpu)}-${Math.ceil((v.gb * 1024) / 256) * 256}`;
        eq("tier", primary[0].tier, tier);
        eq("regional (a standby in another zone)", primary[0].ha, t.standbys > 0);
        eq("read replicas", g.filter((x) => x.replica).reduce((s, x) => s + x.n, 0), t.replicas);
        break;
      }
      default:
        // A compute the code does not declare, run on Kubernetes (k8s/): the pods.
        if (d.slot === "compute" && of("deployment").length) {
          for (const x of of("deployment")) eq(`${x.name} replicas`, x.n, t.instances);
          break;
        }
        unsized.push(d.slot);
        continue;
    }
    if (errors.length === before) matched.push(d.slot);
  }
  return { errors, matched, unsized };
}

(async () => {
  let bad = 0;
  for (const dir of process.argv.slice(2)) {
    const plan = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"));
    const infra = path.join(dir, "infra");
    let found = [];
    try {
      if (fs.existsSync(path.join(infra, "index.ts"))) found = fromPulumi(path.join(infra, "index.ts"));
      else if (fs.existsSync(path.join(infra, "main.tf"))) found = await fromHcl(path.join(infra, "main.tf"));
      else if (fs.existsSync(path.join(infra, "template.yaml")))
        found = fromCfn(yaml.load(fs.readFileSync(path.join(infra, "template.yaml"), "utf8"), { schema: SCHEMA }));
      else if (fs.existsSync(path.join(infra, "main.bicep"))) found = fromBicep(path.join(infra, "main.bicep"));
      else if (fs.existsSync(path.join(infra, "cdk.out"))) {
        const t = fs.readdirSync(path.join(infra, "cdk.out")).find((f) => f.endsWith(".template.json"));
        if (!t) throw new Error("no synthesized template in infra/cdk.out (run cdk synth first)");
        found = fromCfn(JSON.parse(fs.readFileSync(path.join(infra, "cdk.out", t), "utf8")));
      } else throw new Error("no infrastructure code in infra/");
      found = found.concat(fromK8s(path.join(infra, "k8s")));
    } catch (e) {
      console.log(`${dir}: ${e.message || e}`);
      bad++;
      continue;
    }
    const { errors, matched, unsized } = compare(plan, found);
    if (errors.length) {
      bad++;
      for (const e of errors) console.log(`${dir}: ${e}`);
    } else
      console.log(`ok ${path.basename(dir)}: ${matched.length} sized (${matched.join(", ") || "none"}); not declared or nothing to size: ${unsized.join(", ") || "none"}`);
  }
  process.exit(bad ? 1 : 0);
})();
