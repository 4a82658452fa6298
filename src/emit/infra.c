/* infra/: the infrastructure code in the tool the plan chose, printed from
 * the plan's Kit (src/plan/kit.c): Pulumi (TypeScript) and Terraform or
 * OpenTofu (HCL) here, the AWS CDK app and the SAM template in cfn.c,
 * Bicep in bicep.c, and the Kubernetes manifests of an EKS plan. Every
 * chosen managed component with the topology's sizes, one least-privilege
 * role per unit, the settings of .env.example as parameters or secrets.
 * Nothing here decides. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra.h"

static const Kit *kit(const Plan *p) { return p->kit; }
static Str dash_name(const Plan *p) { return p->kit->project_id; }
#define comment_name iac_comment_name
#define ts_ident iac_ts_ident
#define ts_str iac_ts_str
#define word iac_word
#define res_of iac_res

/* ---- policy statements, in TypeScript (Pulumi) or HCL ---- */

/* How a tool writes one statement: its Effect/Action/Resource line, the
 * queue of one event, a bucket's objects and a resource's ARN. */
typedef struct {
  const char *open, *resource, *close;   /* around the action and the resource */
  void (*str)(Buf *o, Str s);
  void (*queue)(Buf *o, Str event);
  void (*objects)(Buf *o, const IacResource *r);
  void (*arn)(Buf *o, const IacResource *r);
  void (*indexes)(Buf *o, const IacResource *r); /* a table's ARN and its indexes' */
  void (*dbuser)(Buf *o, const IacResource *r);  /* the database user's ARN (rds-db:connect) */
  Str (*type)(const IacResource *r);     /* the resource's type in the tool */
} Dialect;

/* A query on a DynamoDB table whose key design has global secondary
 * indexes (dynamodb.cfn.json): granted on the indexes' ARNs too. */
static bool gsi_query(const Plan *p, const IacResource *tr, Str action) {
  return tr && p->api.keys_dynamodb && str_eqc(tr->choice->tech->id, "aws-dynamodb") &&
         str_eqc(action, "dynamodb:Query") && p->api.ddb_indexes > 1;
}

/* The attribute names of the key design's table: PK, SK, then GSIgPK and
 * GSIgSK for each index g in mask. */
static int ddb_attrs(unsigned mask, char names[][16], int cap) {
  int n = 0;
  for (int g = 0; g < 16; g++)
    for (int k = 0; ((mask >> g) & 1) && k < 2 && n < cap; k++, n++)
      if (g)
        snprintf(names[n], 16, "GSI%d%s", g, k ? "SK" : "PK");
      else
        snprintf(names[n], 16, "%s", k ? "SK" : "PK");
  return n;
}

static void statements(Buf *o, const Plan *p, const Str *acts, const Str *ress, int n, const Dialect *dl) {
  const Kit *k = kit(p);
  for (int a = 0; a < n; a++) {
    const IacResource *tr = iac_res_named(k, ress[a]);
    buf_puts(o, dl->open);
    dl->str(o, acts[a]);
    buf_puts(o, dl->resource);
    switch (iac_target(k, ress[a], tr ? dl->type(tr) : (Str){0}, &tr)) {
    case IAC_QUEUE:
      dl->queue(o, (Str){ress[a].p + 6, ress[a].n - 6});
      break;
    case IAC_OBJECTS:
      dl->objects(o, tr);
      break;
    case IAC_ARN:
      if (gsi_query(p, tr, acts[a]))
        dl->indexes(o, tr);
      else
        dl->arn(o, tr);
      break;
    case IAC_DBUSER:
      dl->dbuser(o, tr);
      break;
    case IAC_ANY:
      buf_puts(o, "\"*\"");
      break;
    }
    buf_puts(o, dl->close);
  }
}

static void ts_queue(Buf *o, Str event) {
  buf_puts(o, "queues[");
  iac_ts_str(o, event);
  buf_puts(o, "].arn");
}
static void ts_objects(Buf *o, const IacResource *r) {
  buf_puts(o, "pulumi.interpolate`${");
  iac_ts_ident(o, r->name, false);
  buf_puts(o, ".arn}/*`");
}
static void ts_arn(Buf *o, const IacResource *r) {
  iac_ts_ident(o, r->name, false);
  buf_puts(o, ".arn");
}
static void ts_indexes(Buf *o, const IacResource *r) {
  buf_puts(o, "[");
  iac_ts_ident(o, r->name, false);
  buf_puts(o, ".arn, pulumi.interpolate`${");
  iac_ts_ident(o, r->name, false);
  buf_puts(o, ".arn}/index/*`]");
}
static Str pulumi_type(const IacResource *r) { return r->kind; }

static void ts_dbuser(Buf *o, const IacResource *r) {
  buf_puts(o, "pulumi.interpolate`arn:aws:rds-db:${region}:${accountId}:dbuser:${");
  iac_ts_ident(o, r->name, false);
  buf_puts(o, iac_db_cluster(r) ? ".clusterResourceId" : ".resourceId");
  buf_puts(o, "}/" IAC_DB_USER "`");
}
static const Dialect pulumi_dialect = {"    { Effect: \"Allow\", Action: ", ", Resource: ", " },\n", iac_ts_str,
                                       ts_queue, ts_objects, ts_arn, ts_indexes, ts_dbuser, pulumi_type};

static void tf_ident(Buf *o, Str s);
static void tf_str(Buf *o, Str s);
static void tf_queue(Buf *o, Str event) {
  buf_puts(o, "aws_sqs_queue.");
  tf_ident(o, event);
  buf_puts(o, ".arn");
}
static void tf_objects(Buf *o, const IacResource *r) {
  buf_puts(o, "\"${aws_s3_bucket.");
  tf_ident(o, r->name);
  buf_puts(o, ".arn}/*\"");
}
static void tf_arn(Buf *o, const IacResource *r) {
  buf_printf(o, "%.*s.", STRF(r->tf));
  tf_ident(o, r->name);
  buf_puts(o, ".arn");
}
static void tf_indexes(Buf *o, const IacResource *r) {
  buf_puts(o, "[aws_dynamodb_table.");
  tf_ident(o, r->name);
  buf_puts(o, ".arn, \"${aws_dynamodb_table.");
  tf_ident(o, r->name);
  buf_puts(o, ".arn}/index/*\"]");
}
static Str tf_type(const IacResource *r) { return r->tf; }

static void tf_dbuser(Buf *o, const IacResource *r) {
  buf_printf(o, "\"arn:aws:rds-db:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:dbuser:${%s.",
             iac_db_cluster(r) ? "aws_rds_cluster" : "aws_db_instance");
  tf_ident(o, r->name);
  buf_printf(o, ".%s}/" IAC_DB_USER "\"", iac_db_cluster(r) ? "cluster_resource_id" : "resource_id");
}
static const Dialect hcl_dialect = {"      { Effect = \"Allow\", Action = ", ", Resource = ", " },\n", tf_str, tf_queue,
                                    tf_objects, tf_arn, tf_indexes, tf_dbuser, tf_type};

/* Whether a policy names the database user (a declared RDS or Aurora store). */
static bool db_user_named(const Kit *k) {
  for (int i = 0; i < k->nres; i++)
    if (k->res[i].managed_here && (str_eqc(k->res[i].choice->tech->id, "aws-rds-postgresql") ||
                                   str_eqc(k->res[i].choice->tech->id, "aws-aurora-serverless-v2")))
      return true;
  return false;
}

/* ---- infra/: Pulumi (TypeScript) ---- */

static void pulumi_name(Buf *o, Str a, const char *suffix);

/* A list of the first n of the private subnets' ids, in TypeScript. */
static void pulumi_subnets(Buf *o, int n) {
  buf_putc(o, '[');
  for (int z = 0; z < n; z++)
    buf_printf(o, "%sprivateSubnet%d.id", z ? ", " : "", z);
  buf_putc(o, ']');
}

static void pulumi_sg(Buf *o, Str name, const char *suffix) {
  Buf b = {0};
  buf_printf(&b, "%.*s-%s", STRF(name), suffix);
  ts_ident(o, buf_view(&b), false);
  buf_free(&b);
}

/* The network of Plan.net: the VPC, a public and a private subnet per
 * zone, the NAT gateways the estimate bills and the routes; a security
 * group per deployable in the private subnets, per store there, and for a
 * load balancer. */
static void pulumi_network(const Plan *p, Buf *o) {
  const Network *nw = &p->net;
  const Kit *k = kit(p);
  if (!nw->set)
    return;
  char b[32];
  buf_printf(o, "\n// ---- network: %.*s ----\n", STRF(nw->why));
  buf_puts(o, "const zones = aws.getAvailabilityZones({ state: \"available\" });\n"
              "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"" IAC_VPC_CIDR "\", enableDnsSupport: true, "
              "enableDnsHostnames: true });\n"
              "const internetGateway = new aws.ec2.InternetGateway(\"internet-gateway\", { vpcId: vpc.id });\n"
              "const publicRoutes = new aws.ec2.RouteTable(\"public-routes\", { vpcId: vpc.id, routes: [{ cidrBlock: "
              "\"0.0.0.0/0\", gatewayId: internetGateway.id }] });\n");
  for (int pub = 1; pub >= 0; pub--)
    for (int z = 0; z < nw->subnet_zones; z++) {
      const char *kind = pub ? "public" : "private";
      iac_cidr(b, sizeof b, pub, z);
      buf_printf(o, "const %sSubnet%d = new aws.ec2.Subnet(\"%s-subnet-%d\", { vpcId: vpc.id, cidrBlock: \"%s\", "
                    "availabilityZone: zones.then((z) => z.names[%d]), mapPublicIpOnLaunch: false });\n",
                 kind, z, kind, z, b, z);
      if (!pub) {
        buf_printf(o, "const privateRoutes%d = new aws.ec2.RouteTable(\"private-routes-%d\", { vpcId: vpc.id", z, z);
        if (nw->nat > 0)
          buf_printf(o, ", routes: [{ cidrBlock: \"0.0.0.0/0\", natGatewayId: nat%d.id }]", z % nw->nat);
        buf_puts(o, " });\n");
      }
      buf_printf(o, "new aws.ec2.RouteTableAssociation(\"%s-subnet-%d-routes\", { subnetId: %sSubnet%d.id, routeTableId: ",
                 kind, z, kind, z);
      if (pub)
        buf_puts(o, "publicRoutes.id });\n");
      else
        buf_printf(o, "privateRoutes%d.id });\n", z);
      if (pub && z < nw->nat)
        buf_printf(o, "%sconst nat%d = new aws.ec2.NatGateway(\"nat-%d\", { subnetId: publicSubnet%d.id, allocationId: "
                      "new aws.ec2.Eip(\"nat-ip-%d\", { domain: \"vpc\" }).allocationId }, { dependsOn: [internetGateway] });\n",
                   z ? "" : "// the NAT gateways the estimate bills, one in each of the first zones\n", z, z, z, z);
    }
  buf_puts(o, "const subnetIds = ");
  pulumi_subnets(o, nw->subnet_zones);
  buf_puts(o, ";  // the private subnets\nconst publicSubnetIds = [");
  for (int z = 0; z < nw->subnet_zones; z++)
    buf_printf(o, "%spublicSubnet%d.id", z ? ", " : "", z);
  buf_puts(o, "];\n// security groups, with no rule of their own: each unit reaches only the stores it uses, on their "
              "ports (the paths below)\n");
  for (int d = 0; d < k->ndeploys; d++) {
    if (!k->deploy_sg[d])
      continue;
    buf_puts(o, "const ");
    pulumi_sg(o, k->deploys[d], "sg");
    buf_puts(o, " = new aws.ec2.SecurityGroup(");
    pulumi_name(o, k->deploys[d], "-sg");
    buf_puts(o, ", { vpcId: vpc.id, description: ");
    Buf desc = {0};
    buf_printf(&desc, "%.*s: HTTPS out, and the stores it uses", STRF(k->deploys[d]));
    ts_str(o, buf_view(&desc));
    buf_free(&desc);
    buf_puts(o, " });\nnew aws.ec2.SecurityGroupRule(");
    pulumi_name(o, k->deploys[d], "-https-out");
    buf_puts(o, ", { type: \"egress\", securityGroupId: ");
    pulumi_sg(o, k->deploys[d], "sg");
    buf_puts(o, ".id, protocol: \"tcp\", fromPort: 443, toPort: 443, cidrBlocks: [\"0.0.0.0/0\"], description: "
                "\"HTTPS: the AWS APIs and outside services\" });\n");
  }
  for (int r = 0; r < k->nres; r++) {
    const IacResource *x = &k->res[r];
    if (!x->port)
      continue;
    buf_puts(o, "const ");
    pulumi_sg(o, x->name, "store-sg");
    buf_puts(o, " = new aws.ec2.SecurityGroup(");
    pulumi_name(o, x->name, "-store-sg");
    buf_printf(o, ", { vpcId: vpc.id, description: \"%.*s: port %d from the units that use it\" });\n", STRF(x->slot),
               x->port);
    bool rds = str_has_prefix(x->cfn, S("AWS::RDS::")), ec = str_eqc(x->cfn, "AWS::ElastiCache::ReplicationGroup");
    if (rds || ec) {
      buf_puts(o, "const ");
      pulumi_sg(o, x->name, "subnets");
      buf_printf(o, " = new aws.%s.SubnetGroup(", rds ? "rds" : "elasticache");
      pulumi_name(o, x->name, "-subnets");
      buf_puts(o, ", { subnetIds, description: \"the private subnets\" });\n");
    }
  }
  if (res_of(k, "gateway") && str_eqc(res_of(k, "gateway")->kind, "aws.lb.LoadBalancer"))
    buf_puts(o, "const loadBalancerSg = new aws.ec2.SecurityGroup(\"load-balancer-sg\", { vpcId: vpc.id, description: "
                "\"the load balancer: HTTPS from the internet\" });\n"
                "new aws.ec2.SecurityGroupRule(\"load-balancer-https-in\", { type: \"ingress\", securityGroupId: "
                "loadBalancerSg.id, protocol: \"tcp\", fromPort: 443, toPort: 443, cidrBlocks: [\"0.0.0.0/0\"], "
                "description: \"HTTPS from the internet\" });\n"
                "new aws.ec2.SecurityGroupRule(\"load-balancer-to-units\", { type: \"egress\", securityGroupId: "
                "loadBalancerSg.id, protocol: \"tcp\", fromPort: 8080, toPort: 8080, cidrBlocks: [\"" IAC_VPC_CIDR "\"], "
                "description: \"the units' port in the VPC\" });\n");
}

/* A store's place in the network, as more arguments of its constructor. */
static void pulumi_store_net(Buf *o, const Plan *p, const IacResource *r) {
  Str kind = r->kind;
  if (str_eqc(kind, "aws.rds.Cluster") || str_eqc(kind, "aws.rds.Instance")) {
    buf_puts(o, ", dbSubnetGroupName: ");
    pulumi_sg(o, r->name, "subnets");
    buf_puts(o, ".name, vpcSecurityGroupIds: [");
  } else if (str_eqc(kind, "aws.elasticache.ReplicationGroup")) {
    buf_puts(o, ", subnetGroupName: ");
    pulumi_sg(o, r->name, "subnets");
    buf_puts(o, ".name, securityGroupIds: [");
  } else if (str_eqc(kind, "aws.elasticache.ServerlessCache")) {
    buf_puts(o, ", subnetIds: ");
    pulumi_subnets(o, iac_store_subnets(p, r));
    buf_puts(o, ", securityGroupIds: [");
  } else if (str_eqc(kind, "aws.opensearch.Domain")) {
    buf_puts(o, ", vpcOptions: { subnetIds: ");
    pulumi_subnets(o, iac_store_subnets(p, r));
    buf_puts(o, ", securityGroupIds: [");
  } else
    return;
  pulumi_sg(o, r->name, "store-sg");
  buf_puts(o, str_eqc(kind, "aws.opensearch.Domain") ? ".id] }" : ".id]");
}

/* The paths into the stores, each opened once: ingress on the store's
 * group, and egress on the unit's own group. */
static void pulumi_paths(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  for (int i = 0; i < k->nreach; i++) {
    if (!iac_reach_first(k, i))
      continue;
    const IacReach *x = &k->reach[i];
    const IacResource *r = &k->res[x->res];
    IacFrom from = iac_from(k, x);
    Str src = from == IAC_FROM_SG ? k->deploys[x->deploy] : from == IAC_FROM_CLUSTER ? S("cluster") : S("private-subnets");
    if (i == 0)
      buf_puts(o, "\n// ---- the paths: a unit to each store it uses ----\n");
    Buf nm = {0};
    buf_printf(&nm, "%.*s-to-%.*s", STRF(src), STRF(r->name));
    buf_puts(o, "new aws.ec2.SecurityGroupRule(");
    ts_str(o, buf_view(&nm));
    buf_puts(o, ", { type: \"ingress\", securityGroupId: ");
    pulumi_sg(o, r->name, "store-sg");
    buf_printf(o, ".id, protocol: \"tcp\", fromPort: %d, toPort: %d, ", r->port, r->port);
    if (from == IAC_FROM_SG) {
      buf_puts(o, "sourceSecurityGroupId: ");
      pulumi_sg(o, src, "sg");
      buf_puts(o, ".id");
    } else if (from == IAC_FROM_CLUSTER)
      buf_puts(o, "sourceSecurityGroupId: cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId)");
    else {
      buf_puts(o, "cidrBlocks: [");
      for (int z = 0; z < p->net.subnet_zones; z++) {
        char b[32];
        iac_cidr(b, sizeof b, false, z);
        buf_printf(o, "%s\"%s\"", z ? ", " : "", b);
      }
      buf_putc(o, ']');
    }
    Buf desc = {0};
    buf_printf(&desc, "%.*s to %.*s", STRF(src), STRF(r->slot));
    buf_puts(o, ", description: ");
    ts_str(o, buf_view(&desc));
    buf_free(&desc);
    buf_puts(o, " });\n");
    if (from == IAC_FROM_SG) {
      buf_puts(&nm, "-out");
      buf_puts(o, "new aws.ec2.SecurityGroupRule(");
      ts_str(o, buf_view(&nm));
      buf_puts(o, ", { type: \"egress\", securityGroupId: ");
      pulumi_sg(o, src, "sg");
      buf_printf(o, ".id, protocol: \"tcp\", fromPort: %d, toPort: %d, sourceSecurityGroupId: ", r->port, r->port);
      pulumi_sg(o, r->name, "store-sg");
      buf_puts(o, ".id });\n");
    }
    buf_free(&nm);
  }
}

/* The arguments of one managed resource, by its Pulumi type, sized by the topology. */
static void pulumi_args(Buf *o, const Plan *p, const IacResource *r, Str proj) {
  Str kind = r->kind;
  int n = r->instances > 0 ? r->instances : 1;
  if (str_eqc(kind, "aws.apigatewayv2.Api"))
    buf_printf(o, "{ name: \"%.*s-api\", protocolType: \"HTTP\" }", STRF(proj));
  else if (str_eqc(kind, "aws.lb.LoadBalancer"))
    buf_printf(o, "{ name: \"%.*s-alb\", loadBalancerType: \"application\", internal: false, subnets: publicSubnetIds, "
                  "securityGroups: [loadBalancerSg.id] }",
               STRF(proj));
  else if (str_eqc(kind, "aws.s3.BucketV2"))
    buf_printf(o, "{ bucket: config.get(\"S3_BUCKET\") ?? \"%.*s-uploads\", forceDestroy: false }", STRF(proj));
  else if (str_eqc(kind, "aws.cognito.UserPool"))
    buf_printf(o, "{ name: \"%.*s-users\", usernameAttributes: [\"email\"], autoVerifiedAttributes: [\"email\"] }",
               STRF(proj));
  else if (str_eqc(kind, "aws.sesv2.EmailIdentity"))
    buf_puts(o, "{ emailIdentity: config.get(\"EMAIL_FROM_DOMAIN\") ?? \"example.com\" }");
  else if (str_eqc(kind, "aws.elasticache.ServerlessCache"))
    buf_printf(o, "{ name: \"%.*s-cache\", engine: \"redis\" }", STRF(proj));
  else if (str_eqc(kind, "aws.elasticache.ReplicationGroup"))
    buf_printf(o, "{ replicationGroupId: \"%.*s-cache\", description: \"cache\", engine: \"%.*s\", nodeType: \"%.*s\", "
                  "numCacheClusters: %d, automaticFailoverEnabled: %s, multiAzEnabled: %s, "
                  "transitEncryptionEnabled: true, atRestEncryptionEnabled: true }",
               STRF(proj), STRF(r->engine.n ? r->engine : S("redis")), STRF(r->instance_class), n,
               n > 1 ? "true" : "false", n > 1 && r->zones > 1 ? "true" : "false");
  else if (str_eqc(kind, "aws.opensearch.Domain"))
    buf_printf(o, "{ domainName: \"%.*s-search\", clusterConfig: { instanceType: \"%.*s\", instanceCount: %d, "
                  "zoneAwarenessEnabled: %s }, ebsOptions: { ebsEnabled: true, volumeSize: 10 } }",
               STRF(proj), STRF(r->instance_class), n, r->zones > 1 && n > 1 ? "true" : "false");
  else if (str_eqc(kind, "aws.rds.Cluster"))
    buf_printf(o, "{ clusterIdentifier: \"%.*s-db\", engine: \"aurora-postgresql\", engineMode: \"provisioned\", "
                  "storageEncrypted: true, masterUsername: \"app\", manageMasterUserPassword: true, "
                  "serverlessv2ScalingConfiguration: { minCapacity: %g, maxCapacity: %g } }",
               STRF(proj), iac_acu(r), iac_acu(r) * kit(p)->acu_factor);
  else if (str_eqc(kind, "aws.rds.Instance") && r->standbys >= 2)
    buf_printf(o, "{ clusterIdentifier: \"%.*s-db\", engine: \"postgres\", dbClusterInstanceClass: \"%.*s\", "
                  "allocatedStorage: 100, storageType: \"io1\", iops: 1000, storageEncrypted: true, "
                  "masterUsername: \"app\", manageMasterUserPassword: true }",
               STRF(proj), STRF(r->instance_class));
  else if (str_eqc(kind, "aws.rds.Instance"))
    buf_printf(o, "{ identifier: \"%.*s-db\", engine: \"postgres\", instanceClass: \"%.*s\", "
                  "allocatedStorage: 20, multiAz: %s, storageEncrypted: true, username: \"app\", manageMasterUserPassword: true }",
               STRF(proj), STRF(r->instance_class), r->standbys > 0 ? "true" : "false");
  else if (str_eqc(kind, "aws.cloudfront.Distribution"))
    buf_puts(o, "{ enabled: true, origins: [{ originId: \"api\", domainName: config.get(\"PUBLIC_API_HOST\") ?? \"api.example.com\" }], "
                "defaultCacheBehavior: { targetOriginId: \"api\", viewerProtocolPolicy: \"redirect-to-https\", "
                "allowedMethods: [\"GET\", \"HEAD\"], cachedMethods: [\"GET\", \"HEAD\"] }, "
                "restrictions: { geoRestriction: { restrictionType: \"none\" } }, "
                "viewerCertificate: { cloudfrontDefaultCertificate: true } }");
  else if (str_eqc(kind, "aws.dynamodb.Table")) {
    /* The single table of the key design (dynamodb.cfn.json). */
    bool ttl = p->api.ddb_ttl, stream = p->api.ddb_stream;
    unsigned mask = p->api.ddb_indexes;
    char names[32][16];
    int na = ddb_attrs(mask, names, 32);
    buf_printf(o, "{ name: \"%.*s\", billingMode: \"PAY_PER_REQUEST\", hashKey: \"PK\", rangeKey: \"SK\", attributes: [",
               STRF(proj));
    for (int i = 0; i < na; i++)
      buf_printf(o, "%s{ name: \"%s\", type: \"S\" }", i ? ", " : "", names[i]);
    buf_puts(o, "]");
    if (mask > 1) {
      buf_puts(o, ", globalSecondaryIndexes: [");
      for (int g = 1, n1 = 0; g < 16; g++)
        if ((mask >> g) & 1)
          buf_printf(o, "%s{ name: \"GSI%d\", hashKey: \"GSI%dPK\", rangeKey: \"GSI%dSK\", projectionType: \"ALL\" }",
                     n1++ ? ", " : "", g, g, g);
      buf_puts(o, "]");
    }
    if (stream)
      buf_puts(o, ", streamEnabled: true, streamViewType: \"NEW_IMAGE\"");
    if (ttl)
      buf_puts(o, ", ttl: { attributeName: \"expires_at\", enabled: true }");
    buf_puts(o, " }");
  }
  else if (str_eqc(kind, "aws.kinesis.Stream"))
    buf_printf(o, "{ name: \"%.*s-stream\", shardCount: %d }", STRF(proj), iac_shards(r));
  else if (str_eqc(kind, "aws.msk.Cluster")) {
    buf_printf(o, "{ clusterName: \"%.*s-stream\", kafkaVersion: \"3.6.0\", numberOfBrokerNodes: %d, "
                  "brokerNodeGroupInfo: { instanceType: \"%.*s\", clientSubnets: ",
               STRF(proj), n, STRF(r->instance_class));
    pulumi_subnets(o, iac_store_subnets(p, r));
    buf_puts(o, ", securityGroups: [");
    if (r->port) {
      pulumi_sg(o, r->name, "store-sg");
      buf_puts(o, ".id");
    }
    buf_puts(o, "] } }");
  }
  else
    buf_printf(o, "{ name: \"%.*s-%.*s\" }", STRF(proj), STRF(r->name));
}

static void pulumi_name(Buf *o, Str a, const char *suffix) {
  Buf b = {0};
  buf_printf(&b, "%.*s%s", STRF(a), suffix);
  ts_str(o, buf_view(&b));
  buf_free(&b);
}

/* A container definition list as JSON text: the deployable's image on port
 * 8080 with the non-secret settings (secrets come from the deploy's secret store). */
static void pulumi_containers(Buf *o, const Plan *p, Str name) {
  buf_puts(o, "pulumi.jsonStringify([{ name: ");
  ts_str(o, name);
  buf_puts(o, ", image: ");
  pulumi_name(o, name, ":latest");
  buf_puts(o, ", essential: true, portMappings: [{ containerPort: 8080 }], environment: Object.entries(settings).map(([name, value]) => ({ name, value })) }])");
  (void)p;
}

/* Compute: one function, service or workload per deployable, sized by the topology. */
static void pulumi_compute(const Plan *p, Buf *o, const IacDeployable *dep, int ndep) {
  const Kit *k = kit(p);
  const Choice *compute = plan_choice(p, "compute");
  const IacResource *cr = res_of(k, "compute");
  if (!cr) {
    if (compute)
      buf_printf(o, "\n// compute: %.*s runs the units; deploy them with its own tooling (DEPLOYMENT.md).\n",
                 STRF(compute->tech->name));
    return;
  }
  int n = cr->instances > 0 ? cr->instances : 1;
  buf_printf(o, "\n// ---- compute: %.*s, one per deployable unit", STRF(cr->choice->tech->name));
  if (cr->size.n)
    buf_printf(o, " (%.*s)", STRF(cr->size));
  buf_puts(o, " ----\n");
  if (str_eqc(cr->kind, "aws.ecs.Service"))
    buf_puts(o, "const cluster = new aws.ecs.Cluster(\"cluster\", {});\n"
                "const executionRole = new aws.iam.Role(\"execution-role\", { assumeRolePolicy: assume(\"ecs-tasks.amazonaws.com\") });\n"
                "new aws.iam.RolePolicyAttachment(\"execution-pull\", { role: executionRole.name, policyArn: "
                "\"arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy\" });\n");
  if (str_eqc(cr->kind, "aws.eks.Cluster")) {
    buf_printf(o, "const clusterRole = new aws.iam.Role(\"cluster-role\", { assumeRolePolicy: assume(\"eks.amazonaws.com\") });\n"
                  "new aws.iam.RolePolicyAttachment(\"cluster-policy\", { role: clusterRole.name, policyArn: "
                  "\"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy\" });\n"
                  "const cluster = new aws.eks.Cluster(\"cluster\", { name: \"%.*s\", roleArn: clusterRole.arn, "
                  "vpcConfig: { subnetIds } });\n"
                  "new aws.eks.Addon(\"pod-identity\", { clusterName: cluster.name, addonName: \"eks-pod-identity-agent\" });\n"
                  "const nodeRole = new aws.iam.Role(\"node-role\", { assumeRolePolicy: assume(\"ec2.amazonaws.com\") });\n"
                  "for (const policy of [\"AmazonEKSWorkerNodePolicy\", \"AmazonEKS_CNI_Policy\", \"AmazonEC2ContainerRegistryReadOnly\"])\n"
                  "  new aws.iam.RolePolicyAttachment(`node-${policy}`, { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${policy}` });\n"
                  "// the nodes: %d x %.*s across the zones, up to %d under load (the units' pods: infra/k8s/)\n"
                  "new aws.eks.NodeGroup(\"nodes\", { clusterName: cluster.name, nodeRoleArn: nodeRole.arn, subnetIds, "
                  "instanceTypes: [\"%.*s\"], scalingConfig: { desiredSize: %d, minSize: %d, maxSize: %d } });\n",
               STRF(dash_name(p)), n, STRF(cr->instance_class), iac_max_count(p, n), STRF(cr->instance_class), n, n,
               iac_max_count(p, n));
  }
  for (int d = 0; d < ndep; d++) {
    Str nm = dep[d].name;
    if (str_eqc(cr->kind, "aws.lambda.Function")) {
      buf_puts(o, "new aws.lambda.Function(");
      ts_str(o, nm);
      buf_puts(o, ", {\n  role: ");
      ts_ident(o, nm, false);
      buf_printf(o, "Role.arn,\n  runtime: \"%.*s\",\n  handler: \"index.handler\",\n  memorySize: %.0f,\n"
                    "  timeout: %.0f,\n  code: new pulumi.asset.FileArchive(", STRF(k->runtime), k->function_mb, k->function_timeout);
      Buf dir = {0};
      buf_printf(&dir, "../dist/%.*s", STRF(nm));
      ts_str(o, buf_view(&dir));
      buf_free(&dir);
      buf_puts(o, "),\n  environment: { variables: settings },\n");
      if (k->deploy_sg[d]) {
        buf_puts(o, "  vpcConfig: { subnetIds, securityGroupIds: [");
        pulumi_sg(o, nm, "sg");
        buf_puts(o, ".id] },\n");
      }
      buf_puts(o, "});\n");
    } else if (str_eqc(cr->kind, "aws.apprunner.Service")) {
      if (k->deploy_sg[d]) {
        buf_puts(o, "const ");
        pulumi_sg(o, nm, "connector");
        buf_puts(o, " = new aws.apprunner.VpcConnector(");
        pulumi_name(o, nm, "-connector");
        buf_puts(o, ", { vpcConnectorName: ");
        pulumi_name(o, nm, "-connector");
        buf_puts(o, ", subnets: subnetIds, securityGroups: [");
        pulumi_sg(o, nm, "sg");
        buf_puts(o, ".id] });\n");
      }
      buf_puts(o, "new aws.apprunner.Service(");
      ts_str(o, nm);
      buf_puts(o, ", {\n  serviceName: ");
      ts_str(o, nm);
      buf_puts(o, ",\n  sourceConfiguration: { imageRepository: { imageIdentifier: ");
      pulumi_name(o, nm, ":latest");
      buf_printf(o, ", imageRepositoryType: \"ECR\", imageConfiguration: { runtimeEnvironmentVariables: settings } } },\n"
                    "  instanceConfiguration: { cpu: \"%.*s\", memory: \"%.*s\", instanceRoleArn: ",
                 STRF(word(cr->instance_class, 0)), STRF(word(cr->instance_class, 1)));
      ts_ident(o, nm, false);
      buf_puts(o, "Role.arn },\n");
      if (k->deploy_sg[d]) {
        buf_puts(o, "  networkConfiguration: { egressConfiguration: { egressType: \"VPC\", vpcConnectorArn: ");
        pulumi_sg(o, nm, "connector");
        buf_puts(o, ".arn } },\n");
      }
      buf_puts(o, "});\n");
    } else if (str_eqc(cr->kind, "aws.ecs.Service")) {
      buf_puts(o, "const ");
      ts_ident(o, nm, false);
      buf_puts(o, "Task = new aws.ecs.TaskDefinition(");
      pulumi_name(o, nm, "-task");
      buf_puts(o, ", {\n  family: ");
      ts_str(o, nm);
      buf_printf(o, ",\n  cpu: \"%.*s\",\n  memory: \"%.*s\",\n  networkMode: \"awsvpc\",\n  requiresCompatibilities: [\"FARGATE\"],\n"
                    "  executionRoleArn: executionRole.arn,\n  taskRoleArn: ",
                 STRF(word(cr->instance_class, 0)), STRF(word(cr->instance_class, 1)));
      ts_ident(o, nm, false);
      buf_puts(o, "Role.arn,\n  containerDefinitions: ");
      pulumi_containers(o, p, nm);
      buf_puts(o, ",\n});\nconst ");
      ts_ident(o, nm, false);
      buf_puts(o, "Service = new aws.ecs.Service(");
      ts_str(o, nm);
      buf_puts(o, ", {\n  cluster: cluster.arn,\n  taskDefinition: ");
      ts_ident(o, nm, false);
      buf_printf(o, "Task.arn,\n  desiredCount: %d,\n  launchType: \"FARGATE\",\n"
                    "  networkConfiguration: { subnets: subnetIds, ", n);
      if (k->deploy_sg[d]) {
        buf_puts(o, "securityGroups: [");
        pulumi_sg(o, nm, "sg");
        buf_puts(o, ".id], ");
      }
      buf_puts(o, "assignPublicIp: false },\n});\n");
      /* From the topology's count up to the scalability margin, on CPU. */
      buf_puts(o, "const ");
      ts_ident(o, nm, false);
      buf_puts(o, "Scaling = new aws.appautoscaling.Target(");
      pulumi_name(o, nm, "-scaling");
      buf_puts(o, ", { serviceNamespace: \"ecs\", scalableDimension: \"ecs:service:DesiredCount\", "
                  "resourceId: pulumi.interpolate`service/${cluster.name}/${");
      ts_ident(o, nm, false);
      buf_printf(o, "Service.name}`, minCapacity: %d, maxCapacity: %d });\nnew aws.appautoscaling.Policy(", n,
                 iac_max_count(p, n));
      pulumi_name(o, nm, "-cpu");
      buf_puts(o, ", { policyType: \"TargetTrackingScaling\", serviceNamespace: ");
      ts_ident(o, nm, false);
      buf_puts(o, "Scaling.serviceNamespace, scalableDimension: ");
      ts_ident(o, nm, false);
      buf_puts(o, "Scaling.scalableDimension, resourceId: ");
      ts_ident(o, nm, false);
      buf_printf(o, "Scaling.resourceId, targetTrackingScalingPolicyConfiguration: { targetValue: %.0f, "
                    "predefinedMetricSpecification: { predefinedMetricType: \"ECSServiceAverageCPUUtilization\" } } });\n",
                 k->hpa_cpu * 100);
    } else if (str_eqc(cr->kind, "aws.eks.Cluster")) {
      buf_puts(o, "new aws.eks.PodIdentityAssociation(");
      pulumi_name(o, nm, "-identity");
      buf_puts(o, ", { clusterName: cluster.name, namespace: \"default\", serviceAccount: ");
      ts_str(o, nm);
      buf_puts(o, ", roleArn: ");
      ts_ident(o, nm, false);
      buf_puts(o, "Role.arn });\n");
    }
  }
}

static void pulumi_index(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
  const Choice *compute = plan_choice(p, "compute");
  int ndep = 0;
  IacDeployable *dep = iac_deployables(p, &ndep);
  buf_puts(o, "// Infrastructure of ");
  comment_name(o, p);
  buf_puts(o, " (Pulumi, TypeScript), written by plinth plan: every chosen managed component with the plan's sizes,\n"
              "// one least-privilege role per deployable unit, and the settings of .env.example as config (secrets marked).\n"
              "// Outside services (no AWS resource) are configured through their settings only.\n"
              "import * as fs from \"fs\";\nimport * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\n"
              "const config = new pulumi.Config();\n");
  buf_puts(o, "\n// ---- settings (.env.example) ----\n");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    buf_puts(o, "const cfg");
    ts_ident(o, e->name, true);
    buf_puts(o, e->secret ? " = config.requireSecret(" : " = config.get(");
    ts_str(o, e->name);
    buf_puts(o, e->secret ? ");" : ")");
    if (!e->secret) {
      buf_puts(o, " ?? ");
      ts_str(o, e->example);
      buf_putc(o, ';');
    }
    buf_puts(o, "  // ");
    for (ptrdiff_t x = 0; x < e->purpose.n; x++)
      buf_putc(o, e->purpose.p[x] == '\n' ? ' ' : e->purpose.p[x]);
    buf_putc(o, '\n');
  }
  buf_puts(o, "const settings: Record<string, pulumi.Input<string>> = {\n");
  for (int i = 0; i < p->api.nenv; i++) {
    buf_puts(o, "  ");
    ts_str(o, p->api.env[i].name);
    buf_puts(o, ": cfg");
    ts_ident(o, p->api.env[i].name, true);
    buf_puts(o, ",\n");
  }
  buf_puts(o, "};\n");
  if (db_user_named(k))
    buf_puts(o, "const region = aws.getRegion().then((r) => r.name);\n"
                "const accountId = aws.getCallerIdentity().then((c) => c.accountId);\n");
  pulumi_network(p, o);
  buf_puts(o, "\n// ---- managed components ----\n");
  for (int i = 0; i < k->nres; i++) {
    const IacResource *r = &k->res[i];
    if (!r->managed_here || str_eqc(r->kind, "external")) {
      buf_printf(o, "// %.*s: %.*s, outside this account; reached through its settings.\n", STRF(r->slot),
                 STRF(r->choice->tech->name));
      continue;
    }
    if (iac_apart(r))
      continue;
    buf_printf(o, "// %.*s: %.*s", STRF(r->slot), STRF(r->choice->tech->name));
    if (r->size.n)
      buf_printf(o, ", sized as %.*s", STRF(r->size));
    buf_puts(o, "\nconst ");
    ts_ident(o, r->name, false);
    if (str_eqc(r->kind, "aws.rds.Instance") && r->standbys >= 2)
      buf_puts(o, " = new aws.rds.Cluster(");  /* a writer and two or more readable standbys: a Multi-AZ DB cluster */
    else
      buf_printf(o, " = new %.*s(", STRF(r->kind));
    ts_str(o, r->name);
    buf_puts(o, ", ");
    pulumi_args(o, p, r, proj);
    if (r->port && o->n >= 2 && !memcmp(o->p + o->n - 2, " }", 2)) {
      o->n -= 2;
      pulumi_store_net(o, p, r);
      buf_puts(o, " }");
    }
    buf_puts(o, ");\n");
    if (str_eqc(r->kind, "aws.rds.Cluster"))
      buf_printf(o, "for (let i = 0; i < %d; i++)\n  new aws.rds.ClusterInstance(`%.*s-${i}`, { clusterIdentifier: "
                    "database.id, instanceClass: \"db.serverless\", engine: \"aurora-postgresql\" });\n",
                 r->instances > 0 ? r->instances : 1, STRF(r->name));
    if (str_eqc(r->kind, "aws.rds.Instance") && r->replicas > 0 && r->standbys < 2) {
      buf_printf(o, "for (let i = 0; i < %d; i++)\n  new aws.rds.Instance(`%.*s-replica-${i}`, { replicateSourceDb: ",
                 r->replicas, STRF(r->name));
      ts_ident(o, r->name, false);
      buf_printf(o, ".arn, instanceClass: \"%.*s\"", STRF(r->instance_class));
      if (r->port) {
        buf_puts(o, ", vpcSecurityGroupIds: [");
        pulumi_sg(o, r->name, "store-sg");
        buf_puts(o, ".id]");
      }
      buf_puts(o, " });\n");
    }
    if (str_eqc(r->kind, "aws.cognito.UserPool"))
      buf_printf(o, "const authClient = new aws.cognito.UserPoolClient(\"auth-client\", { userPoolId: auth.id, "
                    "generateSecret: false });\n");
  }
  /* Queues: one per event the plan carries on SQS, each with its dead-letter queue. */
  const IacResource *qr = res_of(k, "queue");
  if (qr && str_eqc(qr->kind, "aws.sqs.Queue")) {
    buf_puts(o, "\n// ---- queues: one per event carried by the queue, with its dead-letter queue ----\n"
                "const queues: Record<string, aws.sqs.Queue> = {};\n");
    for (int i = 0; i < k->nevents; i++) {
      const Event *e = &k->events[i];
      if (!str_eq(e->transport, qr->choice->tech->name))
        continue;
      Buf clean = {0};
      for (ptrdiff_t x = 0; x < e->id.n; x++)
        buf_putc(&clean, e->id.p[x] == '.' ? '-' : e->id.p[x]);
      buf_puts(o, "{\n  const dlq = new aws.sqs.Queue(");
      pulumi_name(o, buf_view(&clean), "-dlq");
      buf_printf(o, ", { messageRetentionSeconds: %.0f });\n  queues[", k->dlq_retention);
      ts_str(o, e->id);
      buf_puts(o, "] = new aws.sqs.Queue(");
      ts_str(o, buf_view(&clean));
      buf_printf(o, ", { visibilityTimeoutSeconds: %.0f, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: "
                    "dlq.arn, maxReceiveCount: %d }) });\n}\n",
                 k->visibility_timeout, e->attempts > 0 ? e->attempts : 1);
      buf_free(&clean);
    }
  }
  /* Roles: one per deployable, with only the actions its units' stores
   * need; a stack on another cloud grants access in that cloud. */
  const char *principal = iac_principal(p);
  bool lambda = compute && str_eqc(compute->tech->id, "aws-lambda");
  if (!str_eqc(p->cloud, "aws")) {
    buf_printf(o, "\n// ---- roles ----\n// The stack runs on %.*s: its units' access to their stores is granted there, "
                  "not by AWS roles.\n", STRF(p->cloud));
    ndep = 0;
  } else {
    buf_printf(o, "\n// ---- one least-privilege role per deployable unit ----\n"
                  "const assume = (service: string) => JSON.stringify({ Version: \"2012-10-17\", Statement: [{ Effect: "
                  "\"Allow\", Principal: { Service: service }, Action: %s }] });\n",
               !strcmp(principal, "pods.eks.amazonaws.com") ? "[\"sts:AssumeRole\", \"sts:TagSession\"]" : "\"sts:AssumeRole\"");
  }
  int cap = iac_nactions(k);
  Str *acts = iac_alloc(sizeof *acts * (size_t)cap), *ress = iac_alloc(sizeof *ress * (size_t)cap);
  for (int d = 0; d < ndep; d++) {
    buf_puts(o, "const ");
    ts_ident(o, dep[d].name, false);
    buf_puts(o, "Role = new aws.iam.Role(");
    pulumi_name(o, dep[d].name, "-role");
    buf_printf(o, ", { assumeRolePolicy: assume(\"%s\") });\n", principal);
    if (lambda) {
      buf_puts(o, "new aws.iam.RolePolicyAttachment(");
      pulumi_name(o, dep[d].name, "-logs");
      buf_puts(o, ", { role: ");
      ts_ident(o, dep[d].name, false);
      buf_puts(o, "Role.name, policyArn: \"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\" });\n");
      if (k->deploy_sg[d]) {
        /* In the private subnets, a function also manages its network interfaces. */
        buf_puts(o, "new aws.iam.RolePolicyAttachment(");
        pulumi_name(o, dep[d].name, "-vpc");
        buf_puts(o, ", { role: ");
        ts_ident(o, dep[d].name, false);
        buf_puts(o, "Role.name, policyArn: \"arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole\" });\n");
      }
    }
    int n = iac_statements(k, &dep[d], acts, ress, cap);
    if (!n) {
      buf_puts(o, "// no AWS resource to reach beyond its logs\n");
      continue;
    }
    buf_puts(o, "new aws.iam.RolePolicy(");
    pulumi_name(o, dep[d].name, "-policy");
    buf_puts(o, ", {\n  role: ");
    ts_ident(o, dep[d].name, false);
    buf_puts(o, "Role.id,\n  policy: pulumi.jsonStringify({ Version: \"2012-10-17\", Statement: [\n");
    statements(o, p, acts, ress, n, &pulumi_dialect);
    buf_puts(o, "  ] }),\n});\n");
  }
  free(acts);
  free(ress);
  pulumi_compute(p, o, dep, ndep);
  pulumi_paths(p, o);
  free(dep);
  if (str_eqc(k->alert_form, "cloudwatch")) {
    buf_puts(o, "\n// ---- alarms: alerts.yaml, a CloudFormation template of CloudWatch alarms ----\n"
                "const alarmTopic = new aws.sns.Topic(\"alarms\", {});\n"
                "new aws.cloudformation.Stack(\"alerts\", {\n  templateBody: fs.readFileSync(\"../alerts.yaml\", \"utf8\"),\n"
                "  parameters: { AlarmTopicArn: alarmTopic.arn },\n});\n");
  }
  buf_puts(o, "\nexport const outputs = {\n");
  for (int i = 0; i < k->nres; i++) {
    const IacResource *r = &k->res[i];
    if (!r->managed_here || str_eqc(r->kind, "external") || iac_apart(r))
      continue;
    buf_puts(o, "  ");
    ts_ident(o, r->name, false);
    buf_puts(o, ": ");
    ts_ident(o, r->name, false);
    buf_puts(o, ".id,\n");
  }
  buf_puts(o, "};\n");
}

/* ---- infra/main.tf: Terraform or OpenTofu (HCL) ---- */

/* An HCL identifier: letters, digits and underscores, not starting with a digit. */
static void tf_ident(Buf *o, Str s) {
  bool any = false;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!any && c >= '0' && c <= '9')
      buf_putc(o, '_');
    buf_putc(o, ok ? c : '_');
    any = true;
  }
  if (!any)
    buf_putc(o, 'x');
}

/* An HCL string: JSON escapes, and ${ and %{ doubled so they stay literal. */
static void tf_str(Buf *o, Str s) {
  Buf e = {0};
  esc_json(&e, s);
  buf_putc(o, '"');
  for (ptrdiff_t i = 0; i < (ptrdiff_t)e.n; i++) {
    if ((e.p[i] == '$' || e.p[i] == '%') && i + 1 < (ptrdiff_t)e.n && e.p[i + 1] == '{')
      buf_putc(o, e.p[i]);
    buf_putc(o, e.p[i]);
  }
  buf_putc(o, '"');
  buf_free(&e);
}

static void tf_named(Buf *o, Str name, const char *suffix);
static void tf_subnets(Buf *o, const Plan *p, int n);

static void tf_args(Buf *o, const Plan *p, const IacResource *r, Str proj) {
  Str t = r->tf;
  int n = r->instances > 0 ? r->instances : 1;
  if (str_eqc(t, "aws_apigatewayv2_api"))
    buf_printf(o, "  name          = \"%.*s-api\"\n  protocol_type = \"HTTP\"\n", STRF(proj));
  else if (str_eqc(t, "aws_lb"))
    buf_printf(o, "  name               = \"%.*s-alb\"\n  load_balancer_type = \"application\"\n"
                  "  subnets            = local.public_subnet_ids\n"
                  "  security_groups    = [aws_security_group.load_balancer.id]\n", STRF(proj));
  else if (str_eqc(t, "aws_s3_bucket"))
    buf_printf(o, "  bucket = \"%.*s-uploads\"\n", STRF(proj));
  else if (str_eqc(t, "aws_cognito_user_pool"))
    buf_printf(o, "  name                     = \"%.*s-users\"\n  username_attributes      = [\"email\"]\n"
                  "  auto_verified_attributes = [\"email\"]\n", STRF(proj));
  else if (str_eqc(t, "aws_sesv2_email_identity"))
    buf_puts(o, "  email_identity = var.email_domain\n");
  else if (str_eqc(t, "aws_elasticache_serverless_cache"))
    buf_printf(o, "  name   = \"%.*s-cache\"\n  engine = \"redis\"\n", STRF(proj));
  else if (str_eqc(t, "aws_elasticache_replication_group"))
    buf_printf(o, "  replication_group_id       = \"%.*s-cache\"\n  description                = \"cache\"\n"
                  "  engine                     = \"%.*s\"\n  node_type                  = \"%.*s\"\n"
                  "  num_cache_clusters         = %d\n  automatic_failover_enabled = %s\n"
                  "  multi_az_enabled           = %s\n  transit_encryption_enabled = true\n"
                  "  at_rest_encryption_enabled = true\n",
               STRF(proj), STRF(r->engine.n ? r->engine : S("redis")), STRF(r->instance_class), n,
               n > 1 ? "true" : "false", n > 1 && r->zones > 1 ? "true" : "false");
  else if (str_eqc(t, "aws_opensearch_domain"))
    buf_printf(o, "  domain_name = \"%.*s-search\"\n  cluster_config {\n    instance_type          = \"%.*s\"\n"
                  "    instance_count         = %d\n    zone_awareness_enabled = %s\n  }\n  ebs_options {\n"
                  "    ebs_enabled = true\n    volume_size = 10\n  }\n",
               STRF(proj), STRF(r->instance_class), n, r->zones > 1 && n > 1 ? "true" : "false");
  else if (str_eqc(t, "aws_rds_cluster"))
    buf_printf(o, "  cluster_identifier          = \"%.*s-db\"\n  engine                      = \"aurora-postgresql\"\n"
                  "  engine_mode                 = \"provisioned\"\n  storage_encrypted           = true\n"
                  "  master_username             = \"app\"\n"
                  "  manage_master_user_password = true\n  serverlessv2_scaling_configuration {\n"
                  "    min_capacity = %g\n    max_capacity = %g\n  }\n", STRF(proj), iac_acu(r),
               iac_acu(r) * kit(p)->acu_factor);
  else if (str_eqc(t, "aws_db_instance") && r->standbys >= 2)
    buf_printf(o, "  cluster_identifier          = \"%.*s-db\"\n  engine                      = \"postgres\"\n"
                  "  db_cluster_instance_class   = \"%.*s\"\n  allocated_storage           = 100\n"
                  "  storage_type                = \"io1\"\n  iops                        = 1000\n"
                  "  storage_encrypted           = true\n  master_username             = \"app\"\n"
                  "  manage_master_user_password = true\n", STRF(proj), STRF(r->instance_class));
  else if (str_eqc(t, "aws_db_instance"))
    buf_printf(o, "  identifier                  = \"%.*s-db\"\n  engine                      = \"postgres\"\n"
                  "  instance_class              = \"%.*s\"\n  allocated_storage           = 20\n"
                  "  multi_az                    = %s\n  storage_encrypted           = true\n"
                  "  username                    = \"app\"\n"
                  "  manage_master_user_password = true\n", STRF(proj), STRF(r->instance_class),
               r->standbys > 0 ? "true" : "false");
  else if (str_eqc(t, "aws_cloudfront_distribution"))
    buf_puts(o, "  enabled = true\n  origin {\n    origin_id   = \"api\"\n    domain_name = var.cdn_origin_host\n  }\n"
                "  default_cache_behavior {\n    target_origin_id       = \"api\"\n"
                "    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n"
                "    cached_methods         = [\"GET\", \"HEAD\"]\n  }\n  restrictions {\n    geo_restriction {\n"
                "      restriction_type = \"none\"\n    }\n  }\n  viewer_certificate {\n"
                "    cloudfront_default_certificate = true\n  }\n");
  else if (str_eqc(t, "aws_kinesis_stream"))
    buf_printf(o, "  name        = \"%.*s-stream\"\n  shard_count = %d\n", STRF(proj), iac_shards(r));
  else if (str_eqc(t, "aws_msk_cluster")) {
    buf_printf(o, "  cluster_name           = \"%.*s-stream\"\n  kafka_version          = \"3.6.0\"\n"
                  "  number_of_broker_nodes = %d\n  broker_node_group_info {\n    instance_type   = \"%.*s\"\n"
                  "    client_subnets  = ", STRF(proj), n, STRF(r->instance_class));
    tf_subnets(o, p, iac_store_subnets(p, r));
    buf_puts(o, "\n    security_groups = [");
    if (r->port) {
      buf_puts(o, "aws_security_group.");
      tf_named(o, r->name, "_store.id");
    }
    buf_puts(o, "]\n  }\n");
  }
  else if (str_eqc(t, "aws_dynamodb_table")) {
    /* The single table of the key design (dynamodb.cfn.json). */
    bool ttl = p->api.ddb_ttl, stream = p->api.ddb_stream;
    unsigned mask = p->api.ddb_indexes;
    char names[32][16];
    int na = ddb_attrs(mask, names, 32);
    buf_printf(o, "  name         = \"%.*s\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"PK\"\n"
                  "  range_key    = \"SK\"\n", STRF(proj));
    for (int i = 0; i < na; i++)
      buf_printf(o, "  attribute {\n    name = \"%s\"\n    type = \"S\"\n  }\n", names[i]);
    for (int g = 1; g < 16; g++)
      if ((mask >> g) & 1)
        buf_printf(o, "  global_secondary_index {\n    name            = \"GSI%d\"\n    hash_key        = \"GSI%dPK\"\n"
                      "    range_key       = \"GSI%dSK\"\n    projection_type = \"ALL\"\n  }\n", g, g, g);
    if (stream)
      buf_puts(o, "  stream_enabled   = true\n  stream_view_type = \"NEW_IMAGE\"\n");
    if (ttl)
      buf_puts(o, "  ttl {\n    attribute_name = \"expires_at\"\n    enabled        = true\n  }\n");
  }
  else
    buf_printf(o, "  name = \"%.*s-%.*s\"\n", STRF(proj), STRF(r->name));
}

/* A name of the project and a unit, as an HCL string. */
static void tf_name(Buf *o, Str proj, Str name) {
  Buf b = {0};
  buf_printf(&b, "%.*s-%.*s", STRF(proj), STRF(name));
  tf_str(o, buf_view(&b));
  buf_free(&b);
}

static void tf_role(Buf *o, const char *name, const char *service, const char *policies) {
  buf_printf(o, "resource \"aws_iam_role\" \"%s\" {\n  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n"
                "    Statement = [{\n      Effect    = \"Allow\"\n      Principal = { Service = \"%s\" }\n"
                "      Action    = \"sts:AssumeRole\"\n    }]\n  })\n}\n\n"
                "resource \"aws_iam_role_policy_attachment\" \"%s\" {\n  for_each   = toset([%s])\n"
                "  role       = aws_iam_role.%s.name\n  policy_arn = \"arn:aws:iam::aws:policy/${each.value}\"\n}\n\n",
             name, service, name, policies, name);
}

/* An HCL name of a thing and a suffix: "app" "_store" -> app_store. */
static void tf_named(Buf *o, Str name, const char *suffix) {
  tf_ident(o, name);
  buf_puts(o, suffix);
}

/* The network of Plan.net in HCL: the VPC, a public and a private subnet
 * per zone, the NAT gateways the estimate bills and the routes; a security
 * group (no rule of its own) per deployable in the private subnets, per
 * store there, and for a load balancer. */
static void terraform_network(const Plan *p, Buf *o) {
  const Network *nw = &p->net;
  const Kit *k = kit(p);
  if (!nw->set)
    return;
  char b[32];
  buf_printf(o, "# network: %.*s\n", STRF(nw->why));
  buf_puts(o, "data \"aws_availability_zones\" \"available\" {\n  state = \"available\"\n}\n\n"
              "resource \"aws_vpc\" \"main\" {\n  cidr_block           = \"" IAC_VPC_CIDR "\"\n"
              "  enable_dns_support   = true\n  enable_dns_hostnames = true\n}\n\n"
              "resource \"aws_internet_gateway\" \"main\" {\n  vpc_id = aws_vpc.main.id\n}\n\n"
              "resource \"aws_route_table\" \"public\" {\n  vpc_id = aws_vpc.main.id\n  route {\n"
              "    cidr_block = \"0.0.0.0/0\"\n    gateway_id = aws_internet_gateway.main.id\n  }\n}\n\n");
  for (int pub = 1; pub >= 0; pub--)
    for (int z = 0; z < nw->subnet_zones; z++) {
      const char *kind = pub ? "public" : "private";
      iac_cidr(b, sizeof b, pub, z);
      buf_printf(o, "resource \"aws_subnet\" \"%s_%d\" {\n  vpc_id            = aws_vpc.main.id\n"
                    "  cidr_block        = \"%s\"\n  availability_zone = data.aws_availability_zones.available.names[%d]\n}\n\n",
                 kind, z, b, z);
      if (!pub) {
        buf_printf(o, "resource \"aws_route_table\" \"private_%d\" {\n  vpc_id = aws_vpc.main.id\n", z);
        if (nw->nat > 0)
          buf_printf(o, "  route {\n    cidr_block     = \"0.0.0.0/0\"\n    nat_gateway_id = aws_nat_gateway.nat_%d.id\n  }\n",
                     z % nw->nat);
        buf_puts(o, "}\n\n");
      }
      buf_printf(o, "resource \"aws_route_table_association\" \"%s_%d\" {\n  subnet_id      = aws_subnet.%s_%d.id\n"
                    "  route_table_id = aws_route_table.%s",
                 kind, z, kind, z, kind);
      if (!pub)
        buf_printf(o, "_%d", z);
      buf_puts(o, ".id\n}\n\n");
      if (pub && z < nw->nat)
        buf_printf(o, "%sresource \"aws_eip\" \"nat_%d\" {\n  domain = \"vpc\"\n}\n\n"
                      "resource \"aws_nat_gateway\" \"nat_%d\" {\n  allocation_id = aws_eip.nat_%d.id\n"
                      "  subnet_id     = aws_subnet.public_%d.id\n  depends_on    = [aws_internet_gateway.main]\n}\n\n",
                   z ? "" : "# the NAT gateways the estimate bills, one in each of the first zones\n", z, z, z, z);
    }
  buf_puts(o, "locals {\n  subnet_ids        = [");
  for (int z = 0; z < nw->subnet_zones; z++)
    buf_printf(o, "%saws_subnet.private_%d.id", z ? ", " : "", z);
  buf_puts(o, "]\n  public_subnet_ids = [");
  for (int z = 0; z < nw->subnet_zones; z++)
    buf_printf(o, "%saws_subnet.public_%d.id", z ? ", " : "", z);
  buf_puts(o, "]\n}\n\n# security groups, with no rule of their own: each unit reaches only the stores it uses, on their "
              "ports (the rules below)\n");
  for (int d = 0; d < k->ndeploys; d++) {
    if (!k->deploy_sg[d])
      continue;
    Buf desc = {0};
    buf_printf(&desc, "%.*s: HTTPS out, and the stores it uses", STRF(k->deploys[d]));
    buf_puts(o, "resource \"aws_security_group\" \"");
    tf_ident(o, k->deploys[d]);
    buf_puts(o, "\" {\n  vpc_id      = aws_vpc.main.id\n  description = ");
    tf_str(o, buf_view(&desc));
    buf_free(&desc);
    buf_puts(o, "\n}\n\nresource \"aws_security_group_rule\" \"");
    tf_named(o, k->deploys[d], "_https_out");
    buf_puts(o, "\" {\n  type              = \"egress\"\n  security_group_id = aws_security_group.");
    tf_ident(o, k->deploys[d]);
    buf_puts(o, ".id\n  protocol          = \"tcp\"\n  from_port         = 443\n  to_port           = 443\n"
                "  cidr_blocks       = [\"0.0.0.0/0\"]\n  description       = \"HTTPS: the AWS APIs and outside services\"\n}\n\n");
  }
  for (int r = 0; r < k->nres; r++) {
    const IacResource *x = &k->res[r];
    if (!x->port)
      continue;
    buf_puts(o, "resource \"aws_security_group\" \"");
    tf_named(o, x->name, "_store");
    buf_printf(o, "\" {\n  vpc_id      = aws_vpc.main.id\n  description = \"%.*s: port %d from the units that use it\"\n}\n\n",
               STRF(x->slot), x->port);
    bool rds = str_has_prefix(x->cfn, S("AWS::RDS::")), ec = str_eqc(x->cfn, "AWS::ElastiCache::ReplicationGroup");
    if (rds || ec) {
      buf_printf(o, "resource \"%s\" \"", rds ? "aws_db_subnet_group" : "aws_elasticache_subnet_group");
      tf_ident(o, x->name);
      buf_puts(o, "\" {\n  name       = ");
      tf_name(o, dash_name(p), x->name);
      buf_puts(o, "\n  subnet_ids = local.subnet_ids\n}\n\n");
    }
  }
  const IacResource *gw = res_of(k, "gateway");
  if (gw && str_eqc(gw->tf, "aws_lb"))
    buf_puts(o, "resource \"aws_security_group\" \"load_balancer\" {\n  vpc_id      = aws_vpc.main.id\n"
                "  description = \"the load balancer: HTTPS from the internet\"\n}\n\n"
                "resource \"aws_security_group_rule\" \"load_balancer_https_in\" {\n  type              = \"ingress\"\n"
                "  security_group_id = aws_security_group.load_balancer.id\n  protocol          = \"tcp\"\n"
                "  from_port         = 443\n  to_port           = 443\n  cidr_blocks       = [\"0.0.0.0/0\"]\n"
                "  description       = \"HTTPS from the internet\"\n}\n\n"
                "resource \"aws_security_group_rule\" \"load_balancer_to_units\" {\n  type              = \"egress\"\n"
                "  security_group_id = aws_security_group.load_balancer.id\n  protocol          = \"tcp\"\n"
                "  from_port         = 8080\n  to_port           = 8080\n  cidr_blocks       = [\"" IAC_VPC_CIDR "\"]\n"
                "  description       = \"the units' port in the VPC\"\n}\n\n");
}

/* The first n private subnets, in HCL. */
static void tf_subnets(Buf *o, const Plan *p, int n) {
  if (n >= p->net.subnet_zones)
    buf_puts(o, "local.subnet_ids");
  else
    buf_printf(o, "slice(local.subnet_ids, 0, %d)", n);
}

/* A store's place in the network, as more arguments of its block. */
static void tf_store_net(Buf *o, const Plan *p, const IacResource *r) {
  Str t = str_eqc(r->tf, "aws_db_instance") && r->standbys >= 2 ? S("aws_rds_cluster") : r->tf;
  Buf sg = {0};
  buf_puts(&sg, "[aws_security_group.");
  tf_named(&sg, r->name, "_store.id]");
  if (str_eqc(t, "aws_db_instance") || str_eqc(t, "aws_rds_cluster")) {
    buf_puts(o, "  db_subnet_group_name   = aws_db_subnet_group.");
    tf_ident(o, r->name);
    buf_printf(o, ".name\n  vpc_security_group_ids = %.*s\n", STRF(buf_view(&sg)));
  } else if (str_eqc(t, "aws_elasticache_replication_group")) {
    buf_puts(o, "  subnet_group_name  = aws_elasticache_subnet_group.");
    tf_ident(o, r->name);
    buf_printf(o, ".name\n  security_group_ids = %.*s\n", STRF(buf_view(&sg)));
  } else if (str_eqc(t, "aws_elasticache_serverless_cache")) {
    buf_puts(o, "  subnet_ids         = ");
    tf_subnets(o, p, iac_store_subnets(p, r));
    buf_printf(o, "\n  security_group_ids = %.*s\n", STRF(buf_view(&sg)));
  } else if (str_eqc(t, "aws_opensearch_domain")) {
    buf_puts(o, "  vpc_options {\n    subnet_ids         = ");
    tf_subnets(o, p, iac_store_subnets(p, r));
    buf_printf(o, "\n    security_group_ids = %.*s\n  }\n", STRF(buf_view(&sg)));
  }
  buf_free(&sg);
}

/* The paths into the stores, each opened once: ingress on the store's
 * group, and egress on the unit's own group. */
static void terraform_paths(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  for (int i = 0; i < k->nreach; i++) {
    if (!iac_reach_first(k, i))
      continue;
    const IacReach *x = &k->reach[i];
    const IacResource *r = &k->res[x->res];
    IacFrom from = iac_from(k, x);
    Str src = from == IAC_FROM_SG ? k->deploys[x->deploy] : from == IAC_FROM_CLUSTER ? S("cluster") : S("private-subnets");
    if (i == 0)
      buf_puts(o, "# the paths: a unit to each store it uses\n");
    Buf nm = {0};
    buf_printf(&nm, "%.*s-to-%.*s", STRF(src), STRF(r->name));
    buf_puts(o, "resource \"aws_security_group_rule\" \"");
    tf_ident(o, buf_view(&nm));
    buf_puts(o, "\" {\n  type                     = \"ingress\"\n  security_group_id        = aws_security_group.");
    tf_named(o, r->name, "_store");
    buf_printf(o, ".id\n  protocol                 = \"tcp\"\n  from_port                = %d\n"
                  "  to_port                  = %d\n", r->port, r->port);
    if (from == IAC_FROM_SG) {
      buf_puts(o, "  source_security_group_id = aws_security_group.");
      tf_ident(o, src);
      buf_puts(o, ".id\n");
    } else if (from == IAC_FROM_CLUSTER)
      buf_puts(o, "  source_security_group_id = aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id\n");
    else {
      buf_puts(o, "  cidr_blocks              = [");
      for (int z = 0; z < p->net.subnet_zones; z++) {
        char b[32];
        iac_cidr(b, sizeof b, false, z);
        buf_printf(o, "%s\"%s\"", z ? ", " : "", b);
      }
      buf_puts(o, "]\n");
    }
    Buf desc = {0};
    buf_printf(&desc, "%.*s to %.*s", STRF(src), STRF(r->slot));
    buf_puts(o, "  description              = ");
    tf_str(o, buf_view(&desc));
    buf_free(&desc);
    buf_puts(o, "\n}\n\n");
    if (from == IAC_FROM_SG) {
      buf_puts(o, "resource \"aws_security_group_rule\" \"");
      tf_ident(o, buf_view(&nm));
      buf_puts(o, "_out\" {\n  type                     = \"egress\"\n  security_group_id        = aws_security_group.");
      tf_ident(o, src);
      buf_printf(o, ".id\n  protocol                 = \"tcp\"\n  from_port                = %d\n"
                    "  to_port                  = %d\n  source_security_group_id = aws_security_group.", r->port, r->port);
      tf_named(o, r->name, "_store");
      buf_puts(o, ".id\n}\n\n");
    }
    buf_free(&nm);
  }
}

/* Compute: one function, service or workload per deployable, sized by the topology. */
static void terraform_compute(const Plan *p, Buf *o, const IacDeployable *dep, int ndep) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
  const IacResource *cr = res_of(k, "compute");
  if (!cr)
    return;
  int n = cr->instances > 0 ? cr->instances : 1;
  if (str_eqc(cr->tf, "aws_ecs_service")) {
    buf_puts(o, "resource \"aws_ecs_cluster\" \"cluster\" {\n");
    buf_puts(o, "  name = ");
    tf_str(o, proj);
    buf_puts(o, "\n}\n\n");
    tf_role(o, "execution", "ecs-tasks.amazonaws.com", "\"service-role/AmazonECSTaskExecutionRolePolicy\"");
  }
  if (str_eqc(cr->tf, "aws_eks_cluster")) {
    tf_role(o, "cluster", "eks.amazonaws.com", "\"AmazonEKSClusterPolicy\"");
    tf_role(o, "node", "ec2.amazonaws.com",
            "\"AmazonEKSWorkerNodePolicy\", \"AmazonEKS_CNI_Policy\", \"AmazonEC2ContainerRegistryReadOnly\"");
    buf_puts(o, "resource \"aws_eks_cluster\" \"cluster\" {\n  name     = ");
    tf_str(o, proj);
    buf_puts(o, "\n  role_arn = aws_iam_role.cluster.arn\n  vpc_config {\n    subnet_ids = local.subnet_ids\n  }\n}\n\n"
                "resource \"aws_eks_addon\" \"pod_identity\" {\n  cluster_name = aws_eks_cluster.cluster.name\n"
                "  addon_name   = \"eks-pod-identity-agent\"\n}\n\n");
    buf_printf(o, "# the nodes: %d x %.*s across the zones, up to %d under load (the units' pods: k8s/)\n"
                  "resource \"aws_eks_node_group\" \"nodes\" {\n  cluster_name   = aws_eks_cluster.cluster.name\n"
                  "  node_role_arn  = aws_iam_role.node.arn\n  subnet_ids     = local.subnet_ids\n"
                  "  instance_types = [\"%.*s\"]\n  scaling_config {\n    desired_size = %d\n    min_size     = %d\n"
                  "    max_size     = %d\n  }\n}\n\n",
               n, STRF(cr->instance_class), iac_max_count(p, n), STRF(cr->instance_class), n, n, iac_max_count(p, n));
  }
  for (int d = 0; d < ndep; d++) {
    Str nm = dep[d].name;
    if (str_eqc(cr->tf, "aws_lambda_function")) {
      buf_puts(o, "resource \"aws_lambda_function\" \"");
      tf_ident(o, nm);
      buf_puts(o, "\" {\n  function_name = ");
      tf_name(o, proj, nm);
      buf_puts(o, "\n  role          = aws_iam_role.");
      tf_ident(o, nm);
      buf_printf(o, ".arn\n  runtime       = \"%.*s\"\n  handler       = \"index.handler\"\n"
                    "  memory_size   = %.0f\n  timeout       = %.0f\n  filename      = \"../dist/",
                 STRF(k->runtime), k->function_mb, k->function_timeout);
      tf_ident(o, nm);
      buf_puts(o, ".zip\"\n  environment {\n    variables = local.settings\n  }\n");
      if (k->deploy_sg[d]) {
        buf_puts(o, "  vpc_config {\n    subnet_ids         = local.subnet_ids\n    security_group_ids = [aws_security_group.");
        tf_ident(o, nm);
        buf_puts(o, ".id]\n  }\n");
      }
      buf_puts(o, "}\n\n");
    } else if (str_eqc(cr->tf, "aws_apprunner_service")) {
      if (k->deploy_sg[d]) {
        buf_puts(o, "resource \"aws_apprunner_vpc_connector\" \"");
        tf_ident(o, nm);
        buf_puts(o, "\" {\n  vpc_connector_name = ");
        tf_name(o, proj, nm);
        buf_puts(o, "\n  subnets            = local.subnet_ids\n  security_groups    = [aws_security_group.");
        tf_ident(o, nm);
        buf_puts(o, ".id]\n}\n\n");
      }
      buf_puts(o, "resource \"aws_apprunner_service\" \"");
      tf_ident(o, nm);
      buf_puts(o, "\" {\n  service_name = ");
      tf_name(o, proj, nm);
      buf_puts(o, "\n  source_configuration {\n    image_repository {\n      image_identifier      = ");
      Buf img = {0};
      buf_printf(&img, "%.*s:latest", STRF(nm));
      tf_str(o, buf_view(&img));
      buf_free(&img);
      buf_printf(o, "\n      image_repository_type = \"ECR\"\n      image_configuration {\n"
                    "        runtime_environment_variables = local.settings\n      }\n    }\n  }\n"
                    "  instance_configuration {\n    cpu               = \"%.*s\"\n    memory            = \"%.*s\"\n"
                    "    instance_role_arn = aws_iam_role.",
                 STRF(word(cr->instance_class, 0)), STRF(word(cr->instance_class, 1)));
      tf_ident(o, nm);
      buf_puts(o, ".arn\n  }\n");
      if (k->deploy_sg[d]) {
        buf_puts(o, "  network_configuration {\n    egress_configuration {\n      egress_type       = \"VPC\"\n"
                    "      vpc_connector_arn = aws_apprunner_vpc_connector.");
        tf_ident(o, nm);
        buf_puts(o, ".arn\n    }\n  }\n");
      }
      buf_puts(o, "}\n\n");
    } else if (str_eqc(cr->tf, "aws_ecs_service")) {
      buf_puts(o, "resource \"aws_ecs_task_definition\" \"");
      tf_ident(o, nm);
      buf_puts(o, "\" {\n  family                   = ");
      tf_name(o, proj, nm);
      buf_printf(o, "\n  cpu                      = \"%.*s\"\n  memory                   = \"%.*s\"\n"
                    "  network_mode             = \"awsvpc\"\n  requires_compatibilities = [\"FARGATE\"]\n"
                    "  execution_role_arn       = aws_iam_role.execution.arn\n  task_role_arn            = aws_iam_role.",
                 STRF(word(cr->instance_class, 0)), STRF(word(cr->instance_class, 1)));
      tf_ident(o, nm);
      buf_puts(o, ".arn\n  container_definitions = jsonencode([{\n    name         = ");
      tf_str(o, nm);
      buf_puts(o, "\n    image        = ");
      Buf img = {0};
      buf_printf(&img, "%.*s:latest", STRF(nm));
      tf_str(o, buf_view(&img));
      buf_free(&img);
      buf_puts(o, "\n    essential    = true\n    portMappings = [{ containerPort = 8080 }]\n"
                  "    environment  = [for k, v in local.settings : { name = k, value = v }]\n  }])\n}\n\n"
                  "resource \"aws_ecs_service\" \"");
      tf_ident(o, nm);
      buf_puts(o, "\" {\n  name            = ");
      tf_str(o, nm);
      buf_puts(o, "\n  cluster         = aws_ecs_cluster.cluster.id\n  task_definition = aws_ecs_task_definition.");
      tf_ident(o, nm);
      buf_printf(o, ".arn\n  desired_count   = %d\n  launch_type     = \"FARGATE\"\n  network_configuration {\n"
                    "    subnets         = local.subnet_ids\n", n);
      if (k->deploy_sg[d]) {
        buf_puts(o, "    security_groups = [aws_security_group.");
        tf_ident(o, nm);
        buf_puts(o, ".id]\n");
      }
      buf_puts(o, "  }\n}\n\n");
      /* From the topology's count up to the scalability margin, on CPU. */
      buf_puts(o, "resource \"aws_appautoscaling_target\" \"");
      tf_ident(o, nm);
      buf_printf(o, "\" {\n  service_namespace  = \"ecs\"\n  scalable_dimension = \"ecs:service:DesiredCount\"\n"
                    "  resource_id        = \"service/${aws_ecs_cluster.cluster.name}/${aws_ecs_service.");
      tf_ident(o, nm);
      buf_printf(o, ".name}\"\n  min_capacity       = %d\n  max_capacity       = %d\n}\n\n"
                    "resource \"aws_appautoscaling_policy\" \"", n, iac_max_count(p, n));
      tf_ident(o, nm);
      buf_puts(o, "\" {\n  name               = ");
      tf_name(o, proj, nm);
      buf_puts(o, "\n  policy_type        = \"TargetTrackingScaling\"\n  service_namespace  = aws_appautoscaling_target.");
      tf_ident(o, nm);
      buf_puts(o, ".service_namespace\n  scalable_dimension = aws_appautoscaling_target.");
      tf_ident(o, nm);
      buf_puts(o, ".scalable_dimension\n  resource_id        = aws_appautoscaling_target.");
      tf_ident(o, nm);
      buf_printf(o, ".resource_id\n  target_tracking_scaling_policy_configuration {\n    target_value = %.0f\n"
                    "    predefined_metric_specification {\n"
                    "      predefined_metric_type = \"ECSServiceAverageCPUUtilization\"\n    }\n  }\n}\n\n",
                 k->hpa_cpu * 100);
    } else if (str_eqc(cr->tf, "aws_eks_cluster")) {
      buf_puts(o, "resource \"aws_eks_pod_identity_association\" \"");
      tf_ident(o, nm);
      buf_puts(o, "\" {\n  cluster_name    = aws_eks_cluster.cluster.name\n  namespace       = \"default\"\n"
                  "  service_account = ");
      tf_str(o, nm);
      buf_puts(o, "\n  role_arn        = aws_iam_role.");
      tf_ident(o, nm);
      buf_puts(o, ".arn\n}\n\n");
    }
  }
}

static void terraform_main(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
  buf_puts(o, "# Infrastructure of ");
  comment_name(o, p);
  buf_puts(o, " (HCL), written by plinth plan: every chosen managed component with the plan's sizes,\n"
              "# one least-privilege role per deployable unit, and the settings of .env.example as variables (secrets sensitive).\n"
              "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n"
              "      version = \"~> 5.0\"\n    }\n  }\n}\n\nprovider \"aws\" {\n  region = var.region\n}\n\n"
              "variable \"region\" {\n  type    = string\n  default = \"us-east-1\"\n}\n\n"
              "variable \"email_domain\" {\n  type    = string\n  default = \"example.com\"\n}\n\n"
              "variable \"cdn_origin_host\" {\n  type    = string\n  default = \"api.example.com\"\n}\n\n");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    buf_puts(o, "variable ");
    tf_str(o, e->name);
    buf_puts(o, " {\n  type        = string\n  description = ");
    tf_str(o, e->purpose);
    buf_putc(o, '\n');
    if (e->secret)
      buf_puts(o, "  sensitive   = true\n");
    else {
      buf_puts(o, "  default     = ");
      tf_str(o, e->example);
      buf_putc(o, '\n');
    }
    buf_puts(o, "}\n\n");
  }
  buf_puts(o, "locals {\n  settings = {\n");
  for (int i = 0; i < p->api.nenv; i++) {
    buf_puts(o, "    ");
    tf_ident(o, p->api.env[i].name);
    buf_puts(o, " = var.");
    tf_ident(o, p->api.env[i].name);
    buf_putc(o, '\n');
  }
  buf_puts(o, "  }\n}\n\n");
  if (db_user_named(k))
    buf_puts(o, "data \"aws_region\" \"current\" {}\n\ndata \"aws_caller_identity\" \"current\" {}\n\n");
  terraform_network(p, o);
  for (int i = 0; i < k->nres; i++) {
    const IacResource *r = &k->res[i];
    if (!r->managed_here || !r->tf.n) {
      buf_printf(o, "# %.*s: %.*s, outside this account; reached through its settings.\n\n", STRF(r->slot),
                 STRF(r->choice->tech->name));
      continue;
    }
    if (iac_apart(r))
      continue;
    buf_printf(o, "# %.*s: %.*s", STRF(r->slot), STRF(r->choice->tech->name));
    if (r->size.n)
      buf_printf(o, ", sized as %.*s", STRF(r->size));
    /* a writer and two or more readable standbys: a Multi-AZ DB cluster */
    buf_printf(o, "\nresource \"%.*s\" \"", STRF(str_eqc(r->tf, "aws_db_instance") && r->standbys >= 2 ? S("aws_rds_cluster") : r->tf));
    tf_ident(o, r->name);
    buf_puts(o, "\" {\n");
    tf_args(o, p, r, proj);
    if (r->port)
      tf_store_net(o, p, r);
    buf_puts(o, "}\n\n");
    if (str_eqc(r->tf, "aws_rds_cluster")) {
      buf_puts(o, "resource \"aws_rds_cluster_instance\" \"");
      tf_ident(o, r->name);
      buf_printf(o, "\" {\n  count              = %d\n  cluster_identifier = aws_rds_cluster.", r->instances > 0 ? r->instances : 1);
      tf_ident(o, r->name);
      buf_puts(o, ".id\n  instance_class     = \"db.serverless\"\n  engine             = \"aurora-postgresql\"\n}\n\n");
    }
    if (str_eqc(r->tf, "aws_db_instance") && r->replicas > 0 && r->standbys < 2) {
      buf_puts(o, "resource \"aws_db_instance\" \"");
      tf_ident(o, r->name);
      buf_printf(o, "_replica\" {\n  count               = %d\n  replicate_source_db = aws_db_instance.", r->replicas);
      tf_ident(o, r->name);
      buf_printf(o, ".identifier\n  instance_class      = \"%.*s\"\n", STRF(r->instance_class));
      if (r->port) {
        buf_puts(o, "  vpc_security_group_ids = [aws_security_group.");
        tf_named(o, r->name, "_store.id]\n");
      }
      buf_puts(o, "}\n\n");
    }
  }
  const IacResource *qr = res_of(k, "queue");
  bool sqs = qr && str_eqc(qr->kind, "aws.sqs.Queue");
  for (int i = 0; sqs && i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (!str_eq(e->transport, qr->choice->tech->name))
      continue;
    buf_puts(o, "resource \"aws_sqs_queue\" \"");
    tf_ident(o, e->id);
    buf_printf(o, "_dlq\" {\n  message_retention_seconds = %.0f\n}\n\nresource \"aws_sqs_queue\" \"", k->dlq_retention);
    tf_ident(o, e->id);
    buf_printf(o, "\" {\n  visibility_timeout_seconds = %.0f\n  redrive_policy = jsonencode({\n", k->visibility_timeout);
    buf_puts(o, ""
                "    deadLetterTargetArn = aws_sqs_queue.");
    tf_ident(o, e->id);
    buf_printf(o, "_dlq.arn\n    maxReceiveCount     = %d\n  })\n}\n\n", e->attempts > 0 ? e->attempts : 1);
  }
  const char *principal = iac_principal(p);
  int ndep = 0;
  IacDeployable *dep = iac_deployables(p, &ndep);
  int cap = iac_nactions(k);
  Str *acts = iac_alloc(sizeof *acts * (size_t)cap), *ress = iac_alloc(sizeof *ress * (size_t)cap);
  /* A stack on another cloud grants its units' access there, not by AWS roles. */
  if (!str_eqc(p->cloud, "aws")) {
    buf_printf(o, "# The stack runs on %.*s: its units' access to their stores is granted there, not by AWS roles.\n\n",
               STRF(p->cloud));
    ndep = 0;
  }
  for (int d = 0; d < ndep; d++) {
    buf_puts(o, "resource \"aws_iam_role\" \"");
    tf_ident(o, dep[d].name);
    buf_printf(o, "\" {\n  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                  "      Effect    = \"Allow\"\n      Principal = { Service = \"%s\" }\n"
                  "      Action    = %s\n    }]\n  })\n}\n\n",
               principal, !strcmp(principal, "pods.eks.amazonaws.com") ? "[\"sts:AssumeRole\", \"sts:TagSession\"]"
                                                                        : "\"sts:AssumeRole\"");
    if (!strcmp(principal, "lambda.amazonaws.com")) {
      /* A function writes its logs; in the private subnets it also manages its network interfaces. */
      buf_puts(o, "resource \"aws_iam_role_policy_attachment\" \"");
      tf_named(o, dep[d].name, "_logs");
      buf_puts(o, "\" {\n  for_each   = toset([\"AWSLambdaBasicExecutionRole\"");
      if (k->deploy_sg[d])
        buf_puts(o, ", \"AWSLambdaVPCAccessExecutionRole\"");
      buf_puts(o, "])\n  role       = aws_iam_role.");
      tf_ident(o, dep[d].name);
      buf_puts(o, ".name\n  policy_arn = \"arn:aws:iam::aws:policy/service-role/${each.value}\"\n}\n\n");
    }
    int n = iac_statements(k, &dep[d], acts, ress, cap);
    if (!n)
      continue;
    buf_puts(o, "resource \"aws_iam_role_policy\" \"");
    tf_ident(o, dep[d].name);
    buf_puts(o, "\" {\n  role = aws_iam_role.");
    tf_ident(o, dep[d].name);
    buf_puts(o, ".id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [\n");
    statements(o, p, acts, ress, n, &hcl_dialect);
    buf_puts(o, "    ]\n  })\n}\n\n");
  }
  free(acts);
  free(ress);
  terraform_compute(p, o, dep, ndep);
  terraform_paths(p, o);
  free(dep);
  if (str_eqc(k->alert_form, "cloudwatch"))
    buf_puts(o, "resource \"aws_sns_topic\" \"alarms\" {\n  name = \"alarms\"\n}\n\n"
                "resource \"aws_cloudformation_stack\" \"alerts\" {\n  name          = \"alerts\"\n"
                "  template_body = file(\"../alerts.yaml\")\n  parameters = {\n"
                "    AlarmTopicArn = aws_sns_topic.alarms.arn\n  }\n}\n");
}

void emit_infra(const Plan *p, OutFiles *out) {
  const Kit *k = kit(p);
  if (!k)
    return;
  Str proj = dash_name(p);
  if (str_eqc(k->iac, "pulumi")) {
    Buf *y = outfiles_add(out, "infra/Pulumi.yaml");
    buf_printf(y, "name: %.*s\nruntime: nodejs\ndescription: ", STRF(proj));
    Buf d = {0};
    buf_printf(&d, "Infrastructure of %.*s, written by plinth plan", STRF(p->model->project.name));
    esc_yaml(y, buf_view(&d));
    buf_free(&d);
    buf_putc(y, '\n');
    Buf *pk = outfiles_add(out, "infra/package.json");
    buf_printf(pk, "{\n  \"name\": \"%.*s-infra\",\n  \"private\": true,\n  \"main\": \"index.ts\",\n"
                   "  \"devDependencies\": { \"@types/node\": \"^20\", \"typescript\": \"^5\" },\n"
                   "  \"dependencies\": { \"@pulumi/pulumi\": \"^3\", \"@pulumi/aws\": \"^6\" }\n}\n",
               STRF(proj));
    Buf *ts = outfiles_add(out, "infra/tsconfig.json");
    buf_puts(ts, "{\n  \"compilerOptions\": {\n    \"strict\": true,\n    \"target\": \"es2020\",\n"
                 "    \"module\": \"commonjs\",\n    \"moduleResolution\": \"node\",\n    \"esModuleInterop\": true,\n"
                 "    \"noEmit\": true\n  },\n  \"files\": [\"index.ts\"]\n}\n");
    pulumi_index(p, outfiles_add(out, "infra/index.ts"));
    iac_k8s(p, out);
    return;
  }
  if (str_eqc(k->iac, "aws-cdk") || str_eqc(k->iac, "aws-sam")) {
    iac_cfn(p, out, str_eqc(k->iac, "aws-sam"));
    iac_k8s(p, out);
    return;
  }
  if (str_eqc(k->iac, "bicep")) {
    iac_bicep(p, out);
    iac_k8s(p, out);
    return;
  }
  if (str_eqc(k->iac, "terraform") || str_eqc(k->iac, "opentofu")) {
    terraform_main(p, outfiles_add(out, "infra/main.tf"));
    iac_k8s(p, out);
    return;
  }
  Buf *o = outfiles_add(out, "infra/README.md");
  buf_puts(o, "# Infrastructure\n\nPlinth writes infrastructure code for Pulumi (TypeScript), Terraform and OpenTofu "
              "today; the plan chose ");
  md_s(o, k->iac);
  buf_puts(o, ". The managed components to declare, with their sizes and the permissions of each unit, are listed in "
              "VALIDATION.md and services.yaml.\n");
}
