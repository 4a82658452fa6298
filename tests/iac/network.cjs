// The network the infrastructure code declares is the one the estimate
// bills (plan.json's estimate.cost: the NAT gateway terms of its lines and
// its network), read from the code itself: the CloudFormation template (SAM,
// or the CDK's synthesized cdk.out/), HCL through hcl2json, Pulumi's
// index.ts through the TypeScript parser, Bicep as text (its NAT gateways
// and subnets only: none on Azure, whose estimate bills no network). For
// every plan folder:
//   - NAT gateways declared = the NAT gateways the cost lines bill =
//     network.nat_gateways; none declared when the plan has no network
//   - a public and a private subnet in each of network.subnet_zones zones,
//     each in its own zone; public subnets route to the internet gateway,
//     private ones to a NAT gateway (when there are any) that sits in a
//     public subnet, never to the internet gateway
//   - every store in the VPC (RDS, Aurora, ElastiCache, OpenSearch, MSK) and
//     every container service sits in private subnets with a security group;
//     a load balancer in public subnets
//   - a store's security group opens one port, never to the internet: only
//     to security groups of the compute, the cluster's, or private subnets;
//     and to as many units' groups as services.yaml has deployables using
//     that store (modules run as one app)
// Usage: node network.cjs PLAN_DIR...
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const tag = (name, kind) => new yaml.Type(name, { kind, construct: (d) => ({ [name]: d }) });
const SCHEMA = yaml.DEFAULT_SCHEMA.extend(["!Ref", "!GetAtt", "!Sub", "!GetAZs", "!ImportValue"].map((t) => tag(t, "scalar"))
  .concat(["!Sub", "!Join", "!Select", "!Split", "!If", "!Equals", "!FindInMap"].map((t) => tag(t, "sequence"))));
const arr = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

// ---- each form to one model ----
// { nats: [{subnet}], subnets: {id: {cidr, zone}}, assoc: {subnet: table},
//   tables: {id: {igw, nat}}, sgs: Set, rules: [{sg, dir, port, src: {sg}|{cidr}|{cluster}}],
//   stores: [{what, subnets, sgs}], computes: [{what, subnets, sgs, public}] }
const model = () => ({ nats: [], subnets: {}, assoc: {}, tables: {}, sgs: new Set(), rules: [], stores: [], computes: [] });

function cfnId(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v.split(".")[0];
  if (v.Ref) return v.Ref;
  if (v["!Ref"]) return v["!Ref"];
  if (v["Fn::GetAtt"]) return arr(v["Fn::GetAtt"])[0].split(".")[0];
  if (v["!GetAtt"]) return String(v["!GetAtt"]).split(".")[0];
  return JSON.stringify(v);
}
function fromCfn(t) {
  const m = model(), R = t.Resources || {};
  const ids = (v) => arr(v).map(cfnId);
  for (const [id, r] of Object.entries(R)) {
    const p = r.Properties || {};
    switch (r.Type) {
      case "AWS::EC2::Subnet": m.subnets[id] = { cidr: p.CidrBlock, zone: JSON.stringify(p.AvailabilityZone) }; break;
      case "AWS::EC2::SubnetRouteTableAssociation": m.assoc[cfnId(p.SubnetId)] = cfnId(p.RouteTableId); break;
      case "AWS::EC2::RouteTable": m.tables[id] = m.tables[id] || { igw: false, nat: null }; break;
      case "AWS::EC2::NatGateway": m.nats.push({ id, subnet: cfnId(p.SubnetId) }); break;
      case "AWS::EC2::SecurityGroup":
        m.sgs.add(id);
        for (const x of arr(p.SecurityGroupIngress)) m.rules.push({ sg: id, dir: "in", port: x.FromPort, to: x.ToPort, src: x.SourceSecurityGroupId ? { sg: cfnId(x.SourceSecurityGroupId) } : { cidr: x.CidrIp } });
        for (const x of arr(p.SecurityGroupEgress)) m.rules.push({ sg: id, dir: "out", port: x.FromPort, to: x.ToPort, src: x.DestinationSecurityGroupId ? { sg: cfnId(x.DestinationSecurityGroupId) } : { cidr: x.CidrIp } });
        break;
      case "AWS::EC2::SecurityGroupIngress": {
        const s = p.SourceSecurityGroupId;
        const att = s && (s["Fn::GetAtt"] || s["!GetAtt"]);
        const cluster = att && /ClusterSecurityGroupId/.test(JSON.stringify(att));
        m.rules.push({ sg: cfnId(p.GroupId), dir: "in", port: p.FromPort, to: p.ToPort, src: cluster ? { cluster: true } : s ? { sg: cfnId(s) } : { cidr: p.CidrIp } });
        break;
      }
      case "AWS::EC2::SecurityGroupEgress":
        m.rules.push({ sg: cfnId(p.GroupId), dir: "out", port: p.FromPort, to: p.ToPort, src: p.DestinationSecurityGroupId ? { sg: cfnId(p.DestinationSecurityGroupId) } : { cidr: p.CidrIp } });
        break;
    }
  }
  for (const r of Object.values(R))
    if (r.Type === "AWS::EC2::Route") {
      const p = r.Properties || {}, tb = cfnId(p.RouteTableId);
      m.tables[tb] = m.tables[tb] || { igw: false, nat: null };
      if (p.GatewayId) m.tables[tb].igw = true;
      if (p.NatGatewayId) m.tables[tb].nat = cfnId(p.NatGatewayId);
    }
  const group = (v) => {
    const g = R[cfnId(v)];
    return g ? ids((g.Properties || {}).SubnetIds) : [];
  };
  for (const [id, r] of Object.entries(R)) {
    const p = r.Properties || {};
    const store = (subnets, sgs) => m.stores.push({ what: id, subnets, sgs: ids(sgs) });
    switch (r.Type) {
      case "AWS::RDS::DBInstance":
        if (!p.SourceDBInstanceIdentifier && !p.DBClusterIdentifier) store(group(p.DBSubnetGroupName), p.VPCSecurityGroups);
        break;
      case "AWS::RDS::DBCluster": store(group(p.DBSubnetGroupName), p.VpcSecurityGroupIds); break;
      case "AWS::ElastiCache::ReplicationGroup": store(group(p.CacheSubnetGroupName), p.SecurityGroupIds); break;
      case "AWS::ElastiCache::ServerlessCache": store(ids(p.SubnetIds), p.SecurityGroupIds); break;
      case "AWS::OpenSearchService::Domain": store(ids((p.VPCOptions || {}).SubnetIds), (p.VPCOptions || {}).SecurityGroupIds); break;
      case "AWS::MSK::Cluster": store(ids((p.BrokerNodeGroupInfo || {}).ClientSubnets), (p.BrokerNodeGroupInfo || {}).SecurityGroups); break;
      case "AWS::MSK::ServerlessCluster": store(ids((arr(p.VpcConfigs)[0] || {}).SubnetIds), (arr(p.VpcConfigs)[0] || {}).SecurityGroups); break;
      case "AWS::ECS::Service": {
        const a = (p.NetworkConfiguration || {}).AwsvpcConfiguration || {};
        m.computes.push({ what: id, subnets: ids(a.Subnets), sgs: ids(a.SecurityGroups), unit: true });
        break;
      }
      case "AWS::Lambda::Function":
      case "AWS::Serverless::Function":
        if (p.VpcConfig) m.computes.push({ what: id, subnets: ids(p.VpcConfig.SubnetIds), sgs: ids(p.VpcConfig.SecurityGroupIds), unit: true });
        break;
      case "AWS::AppRunner::VpcConnector": m.computes.push({ what: id, subnets: ids(p.Subnets), sgs: ids(p.SecurityGroups), unit: true }); break;
      case "AWS::EKS::Nodegroup": m.computes.push({ what: id, subnets: ids(p.Subnets), sgs: [] }); break;
      case "AWS::ElasticLoadBalancingV2::LoadBalancer": m.computes.push({ what: id, subnets: ids(p.Subnets), sgs: ids(p.SecurityGroups), public: true }); break;
    }
  }
  return m;
}

async function fromHcl(file) {
  const { parse } = require("@cdktf/hcl2json");
  const j = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
  const m = model(), R = j.resource || {};
  const locals = Object.assign({}, ...(j.locals || []));
  const ref = (v) => {
    const s = String(v).replace(/^\$\{|\}$/g, "");
    const l = s.match(/^local\.(\w+)$/);
    if (l) return ref(locals[l[1]]);
    const sl = s.match(/^slice\(local\.(\w+), 0, (\d+)\)$/);
    if (sl) return arr(locals[sl[1]]).slice(0, Number(sl[2])).map(ref);
    if (/cluster_security_group_id/.test(s)) return "cluster";
    const r = s.match(/^(aws_\w+)\.(\w+)/);
    return r ? `${r[1]}.${r[2]}` : s;
  };
  const ids = (v) => {
    if (typeof v === "string" && !/^\$\{\[/.test(v)) {
      const x = ref(v);
      return Array.isArray(x) ? x.flat() : typeof x === "string" && Array.isArray(ref(v)) ? ref(v) : [x].flat();
    }
    return arr(v).map(ref).flat();
  };
  const each = (type, f) => { for (const [n, bs] of Object.entries(R[type] || {})) for (const b of bs) f(`${type}.${n}`, b); };
  each("aws_subnet", (id, b) => { m.subnets[id] = { cidr: b.cidr_block, zone: b.availability_zone }; });
  each("aws_route_table_association", (id, b) => { m.assoc[ref(b.subnet_id)] = ref(b.route_table_id); });
  each("aws_route_table", (id, b) => {
    m.tables[id] = { igw: false, nat: null };
    for (const r of arr(b.route)) {
      if (r.gateway_id) m.tables[id].igw = true;
      if (r.nat_gateway_id) m.tables[id].nat = ref(r.nat_gateway_id);
    }
  });
  each("aws_nat_gateway", (id, b) => m.nats.push({ id, subnet: ref(b.subnet_id) }));
  each("aws_security_group", (id, b) => {
    m.sgs.add(id);
    for (const x of arr(b.ingress)) m.rules.push({ sg: id, dir: "in", port: x.from_port, to: x.to_port, src: { cidr: arr(x.cidr_blocks)[0] } });
    for (const x of arr(b.egress)) m.rules.push({ sg: id, dir: "out", port: x.from_port, to: x.to_port, src: { cidr: arr(x.cidr_blocks)[0] } });
  });
  each("aws_security_group_rule", (id, b) => {
    const s = b.source_security_group_id ? ref(b.source_security_group_id) : null;
    for (const c of s ? [null] : arr(b.cidr_blocks))
      m.rules.push({ sg: ref(b.security_group_id), dir: b.type === "ingress" ? "in" : "out", port: b.from_port, to: b.to_port,
        src: s === "cluster" ? { cluster: true } : s ? { sg: s } : { cidr: c } });
  });
  const group = (v) => { const g = ref(v); const [t, n] = g.split("."); return ((R[t] || {})[n] || [{}])[0].subnet_ids ? ids(R[t][n][0].subnet_ids) : []; };
  each("aws_db_instance", (id, b) => { if (!b.replicate_source_db) m.stores.push({ what: id, subnets: group(b.db_subnet_group_name), sgs: ids(b.vpc_security_group_ids) }); });
  each("aws_rds_cluster", (id, b) => m.stores.push({ what: id, subnets: group(b.db_subnet_group_name), sgs: ids(b.vpc_security_group_ids) }));
  each("aws_elasticache_replication_group", (id, b) => m.stores.push({ what: id, subnets: group(b.subnet_group_name), sgs: ids(b.security_group_ids) }));
  each("aws_elasticache_serverless_cache", (id, b) => m.stores.push({ what: id, subnets: ids(b.subnet_ids), sgs: ids(b.security_group_ids) }));
  each("aws_opensearch_domain", (id, b) => { const v = arr(b.vpc_options)[0] || {}; m.stores.push({ what: id, subnets: ids(v.subnet_ids), sgs: ids(v.security_group_ids) }); });
  each("aws_msk_cluster", (id, b) => { const v = arr(b.broker_node_group_info)[0] || {}; m.stores.push({ what: id, subnets: ids(v.client_subnets), sgs: ids(v.security_groups) }); });
  each("aws_ecs_service", (id, b) => { const v = arr(b.network_configuration)[0] || {}; m.computes.push({ what: id, subnets: ids(v.subnets), sgs: ids(v.security_groups), unit: true }); });
  each("aws_lambda_function", (id, b) => { const v = arr(b.vpc_config)[0]; if (v) m.computes.push({ what: id, subnets: ids(v.subnet_ids), sgs: ids(v.security_group_ids), unit: true }); });
  each("aws_apprunner_vpc_connector", (id, b) => m.computes.push({ what: id, subnets: ids(b.subnets), sgs: ids(b.security_groups), unit: true }));
  each("aws_eks_node_group", (id, b) => m.computes.push({ what: id, subnets: ids(b.subnet_ids), sgs: [] }));
  each("aws_lb", (id, b) => m.computes.push({ what: id, subnets: ids(b.subnets), sgs: ids(b.security_groups), public: true }));
  return m;
}

function fromPulumi(file) {
  const ts = require("typescript");
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2020, true);
  const consts = {};
  const lit = (n) => {
    if (!n) return undefined;
    if (ts.isNumericLiteral(n)) return Number(n.text);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
    if (ts.isArrayLiteralExpression(n)) return n.elements.map(lit);
    if (ts.isObjectLiteralExpression(n)) {
      const o = {};
      for (const p of n.properties) {
        if (ts.isPropertyAssignment(p)) o[p.name.getText(sf)] = lit(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) o[p.name.getText(sf)] = { expr: p.name.getText(sf) };
      }
      return o;
    }
    return { expr: n.getText(sf) };
  };
  const news = [];
  const visit = (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      if (ts.isArrayLiteralExpression(n.initializer)) consts[n.name.getText(sf)] = lit(n.initializer);
      if (ts.isNewExpression(n.initializer)) n.initializer.varName = n.name.getText(sf);
    }
    if (ts.isNewExpression(n)) news.push({ type: n.expression.getText(sf), id: n.varName || lit(n.arguments[0]), a: lit((n.arguments || [])[1]) || {} });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const ref = (v) => {
    if (v && v.expr) {
      const e = v.expr;
      if (consts[e]) return consts[e].map(ref).flat();
      if (/clusterSecurityGroupId/.test(e)) return "cluster";
      return e.replace(/\.(id|name|arn|allocationId)$/, "");
    }
    return v;
  };
  const ids = (v) => (v && v.expr && consts[v.expr] ? ref(v) : arr(v).map(ref).flat());
  const m = model();
  const byId = {};
  for (const x of news) byId[x.id] = x;
  for (const { type, id, a } of news) {
    switch (type) {
      case "aws.ec2.Subnet": m.subnets[id] = { cidr: a.cidrBlock, zone: JSON.stringify(a.availabilityZone) }; break;
      case "aws.ec2.RouteTableAssociation": m.assoc[ref(a.subnetId)] = ref(a.routeTableId); break;
      case "aws.ec2.RouteTable":
        m.tables[id] = { igw: false, nat: null };
        for (const r of arr(a.routes)) {
          if (r.gatewayId) m.tables[id].igw = true;
          if (r.natGatewayId) m.tables[id].nat = ref(r.natGatewayId);
        }
        break;
      case "aws.ec2.NatGateway": m.nats.push({ id, subnet: ref(a.subnetId) }); break;
      case "aws.ec2.SecurityGroup":
        m.sgs.add(id);
        for (const x of arr(a.ingress)) m.rules.push({ sg: id, dir: "in", port: x.fromPort, to: x.toPort, src: { cidr: arr(x.cidrBlocks)[0] } });
        for (const x of arr(a.egress)) m.rules.push({ sg: id, dir: "out", port: x.fromPort, to: x.toPort, src: { cidr: arr(x.cidrBlocks)[0] } });
        break;
      case "aws.ec2.SecurityGroupRule": {
        const s = a.sourceSecurityGroupId ? ref(a.sourceSecurityGroupId) : null;
        for (const c of s ? [null] : arr(a.cidrBlocks))
          m.rules.push({ sg: ref(a.securityGroupId), dir: a.type === "ingress" ? "in" : "out", port: a.fromPort, to: a.toPort,
            src: s === "cluster" ? { cluster: true } : s ? { sg: s } : { cidr: c } });
        break;
      }
    }
  }
  const group = (v) => { const g = byId[ref(v)]; return g ? ids(g.a.subnetIds) : []; };
  for (const { type, id, a } of news) {
    switch (type) {
      case "aws.rds.Instance": if (!a.replicateSourceDb) m.stores.push({ what: id, subnets: group(a.dbSubnetGroupName), sgs: ids(a.vpcSecurityGroupIds) }); break;
      case "aws.rds.Cluster": m.stores.push({ what: id, subnets: group(a.dbSubnetGroupName), sgs: ids(a.vpcSecurityGroupIds) }); break;
      case "aws.elasticache.ReplicationGroup": m.stores.push({ what: id, subnets: group(a.subnetGroupName), sgs: ids(a.securityGroupIds) }); break;
      case "aws.elasticache.ServerlessCache": m.stores.push({ what: id, subnets: ids(a.subnetIds), sgs: ids(a.securityGroupIds) }); break;
      case "aws.opensearch.Domain": m.stores.push({ what: id, subnets: ids((a.vpcOptions || {}).subnetIds), sgs: ids((a.vpcOptions || {}).securityGroupIds) }); break;
      case "aws.msk.Cluster": m.stores.push({ what: id, subnets: ids((a.brokerNodeGroupInfo || {}).clientSubnets), sgs: ids((a.brokerNodeGroupInfo || {}).securityGroups) }); break;
      case "aws.ecs.Service": { const v = a.networkConfiguration || {}; m.computes.push({ what: id, subnets: ids(v.subnets), sgs: ids(v.securityGroups), unit: true }); break; }
      case "aws.lambda.Function": if (a.vpcConfig) m.computes.push({ what: id, subnets: ids(a.vpcConfig.subnetIds), sgs: ids(a.vpcConfig.securityGroupIds), unit: true }); break;
      case "aws.apprunner.VpcConnector": m.computes.push({ what: id, subnets: ids(a.subnets), sgs: ids(a.securityGroups), unit: true }); break;
      case "aws.eks.NodeGroup": m.computes.push({ what: id, subnets: ids(a.subnetIds), sgs: [] }); break;
      case "aws.lb.LoadBalancer": m.computes.push({ what: id, subnets: ids(a.subnets), sgs: ids(a.securityGroups), public: true }); break;
    }
  }
  return m;
}

// Bicep, as text: its NAT gateways and subnets (Azure's estimate bills no
// network, so none may be declared).
function fromBicep(file) {
  const m = model(), text = fs.readFileSync(file, "utf8");
  for (const x of text.matchAll(/^resource (\w+) 'Microsoft\.Network\/natGateways@/gm)) m.nats.push({ id: x[1] });
  for (const x of text.matchAll(/^resource (\w+) 'Microsoft\.Network\/virtualNetworks\/subnets@/gm)) m.subnets[x[1]] = {};
  return m;
}

// ---- the checks ----
function servicesUse(dir) {
  // deployable -> the store slots its units use (modules run as one app)
  const f = path.join(dir, "services.yaml");
  const use = {};
  if (!fs.existsSync(f)) return use;
  for (const u of (yaml.load(fs.readFileSync(f, "utf8")) || {}).services || []) {
    const d = u.kind === "module" ? "app" : u.name;
    use[d] = use[d] || new Set();
    for (const s of u.stores || []) use[d].add(String(s).split(":")[0]);
  }
  return use;
}

function check(dir, m) {
  const errors = [];
  const plan = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"));
  const cost = plan.estimate.cost, net = cost.network;
  let billed = 0;
  for (const l of cost.lines)
    for (const f of l.formula) {
      const x = f.match(/NAT gateway.*?(\d+) x \$/);
      if (x) billed += Number(x[1]);
    }
  const natPlan = net ? net.nat_gateways : 0;
  if (billed !== natPlan) errors.push(`the cost lines bill ${billed} NAT gateways, the network says ${natPlan}`);
  if (m.nats.length !== billed) errors.push(`${m.nats.length} NAT gateways declared, the estimate bills ${billed}`);
  const subnetIds = Object.keys(m.subnets);
  if (!net) {
    if (subnetIds.length) errors.push(`${subnetIds.length} subnets declared, but the plan has no network`);
    return { errors, summary: "no network" };
  }
  const isPublic = (s) => !!(m.tables[m.assoc[s]] || {}).igw;
  const pub = subnetIds.filter(isPublic), priv = subnetIds.filter((s) => !isPublic(s));
  for (const [what, list] of [["public", pub], ["private", priv]]) {
    if (list.length !== net.subnet_zones) errors.push(`${list.length} ${what} subnets, the network has ${net.subnet_zones} zones`);
    if (new Set(list.map((s) => m.subnets[s].zone)).size !== list.length) errors.push(`two ${what} subnets share a zone`);
  }
  for (const s of subnetIds) if (!m.assoc[s]) errors.push(`subnet ${s} has no route table`);
  for (const n of m.nats) if (!pub.includes(n.subnet)) errors.push(`NAT gateway ${n.id} is not in a public subnet`);
  const natIds = new Set(m.nats.map((n) => n.id));
  for (const s of priv) {
    const t = m.tables[m.assoc[s]] || {};
    if (m.nats.length && !natIds.has(t.nat)) errors.push(`private subnet ${s} does not route through a declared NAT gateway`);
  }
  const privSet = new Set(priv), pubSet = new Set(pub);
  const sgOf = new Map();
  for (const c of m.computes) {
    if (!c.subnets.length) errors.push(`${c.what} names no subnet`);
    for (const s of c.subnets) if (!(c.public ? pubSet : privSet).has(s)) errors.push(`${c.what} is placed in ${s}, not a ${c.public ? "public" : "private"} subnet`);
    if (c.unit && !c.sgs.length) errors.push(`${c.what} has no security group`);
    for (const g of c.sgs) if (!m.sgs.has(g)) errors.push(`${c.what}: security group ${g} is not declared`);
    if (c.unit) for (const g of c.sgs) sgOf.set(g, c.what);
  }
  const unitSgs = new Set(sgOf.keys());
  const use = servicesUse(dir);
  let paths = 0;
  for (const st of m.stores) {
    if (!st.subnets.length) errors.push(`store ${st.what} is not placed in the private subnets`);
    for (const s of st.subnets) if (!privSet.has(s)) errors.push(`store ${st.what} is placed in ${s}, not a private subnet`);
    if (!st.sgs.length) { errors.push(`store ${st.what} has no security group`); continue; }
    const ins = m.rules.filter((r) => r.dir === "in" && st.sgs.includes(r.sg));
    if (!ins.length) errors.push(`store ${st.what}: nothing may reach it`);
    if (new Set(ins.map((r) => r.port)).size > 1) errors.push(`store ${st.what} opens more than one port`);
    for (const r of ins) {
      if (r.port !== r.to) errors.push(`store ${st.what} opens a port range ${r.port}-${r.to}`);
      if (r.src.cidr && !/^10\.0\.(1[2-9][0-9]|2[0-5][0-9])\.0\/20$/.test(r.src.cidr))
        if (!priv.some((s) => m.subnets[s].cidr === r.src.cidr)) errors.push(`store ${st.what} is open to ${r.src.cidr}, not a private subnet`);
      if (r.src.sg && !unitSgs.has(r.src.sg)) errors.push(`store ${st.what} is open to ${r.src.sg}, no unit's security group`);
    }
    const from = new Set(ins.filter((r) => r.src.sg).map((r) => r.src.sg));
    paths += ins.length;
    if (from.size) {
      // the store's slot, from its name (Database, aws_db_instance.database, database)
      const key = (x) => String(x).split(".").pop().toLowerCase().replace(/[^a-z]/g, "");
      const want = Object.values(use).filter((s) => [...s].some((x) => key(x) === key(st.what))).length;
      if (from.size !== want) errors.push(`store ${st.what} is open to ${from.size} units' security groups, services.yaml has ${want} deployables using it`);
    }
  }
  for (const g of unitSgs) {
    for (const r of m.rules.filter((x) => x.sg === g && x.dir === "out"))
      if (r.src.cidr && !(r.port === 443 && r.to === 443)) errors.push(`${sgOf.get(g)} may send port ${r.port} anywhere`);
    for (const r of m.rules.filter((x) => x.sg === g && x.dir === "in" && x.src.cidr === "0.0.0.0/0"))
      errors.push(`${sgOf.get(g)} is open to the internet on ${r.port}`);
  }
  return { errors, summary: `${m.nats.length} NAT (billed ${billed}), ${pub.length}+${priv.length} subnets, ${m.stores.length} stores, ${m.computes.length} compute placed, ${paths} paths into stores` };
}

(async () => {
  let bad = 0;
  for (const dir of process.argv.slice(2)) {
    const infra = path.join(dir, "infra");
    let m;
    try {
      if (fs.existsSync(path.join(infra, "template.yaml"))) m = fromCfn(yaml.load(fs.readFileSync(path.join(infra, "template.yaml"), "utf8"), { schema: SCHEMA }));
      else if (fs.existsSync(path.join(infra, "cdk.out"))) {
        const t = fs.readdirSync(path.join(infra, "cdk.out")).find((f) => f.endsWith(".template.json"));
        m = fromCfn(JSON.parse(fs.readFileSync(path.join(infra, "cdk.out", t), "utf8")));
      } else if (fs.existsSync(path.join(infra, "main.tf"))) m = await fromHcl(path.join(infra, "main.tf"));
      else if (fs.existsSync(path.join(infra, "index.ts"))) m = fromPulumi(path.join(infra, "index.ts"));
      else if (fs.existsSync(path.join(infra, "main.bicep"))) m = fromBicep(path.join(infra, "main.bicep"));
      else continue;
    } catch (e) {
      bad++;
      console.log(`${dir}: ${e.message}`);
      continue;
    }
    const { errors, summary } = check(dir, m);
    if (errors.length) {
      bad++;
      for (const e of [...new Set(errors)].slice(0, 12)) console.log(`${path.basename(dir)}: ${e}`);
    } else console.log(`ok ${path.basename(dir)}: ${summary}`);
  }
  process.exit(bad ? 1 : 0);
})();
