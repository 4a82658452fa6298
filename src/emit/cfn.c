/* infra/ as CloudFormation: an AWS CDK app in TypeScript (L1 constructs of
 * aws-cdk-lib, one per resource) or an AWS SAM template. Both come from
 * one description of each resource's properties, written through W: in
 * YAML for SAM, as TypeScript object literals for the CDK (property names
 * in the CDK's camelCase, policy documents as they are). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "cfn.h"

/* ---- the stack ---- */

/* ---- parameters: the settings of .env.example, and the network ---- */

static void parameter(Ctx *c, Str name, const char *type, Str dflt, bool has_default, bool secret, Str purpose) {
  Buf *o = c->w.o;
  if (c->w.ts) {
    buf_puts(o, "    const ");
    iac_ts_ident(o, name, false);
    buf_puts(o, "Param = new cdk.CfnParameter(this, ");
    Buf id = {0};
    iac_ts_ident(&id, name, true);
    iac_ts_str(o, buf_view(&id));
    buf_free(&id);
    buf_printf(o, ", { type: \"%s\"", type);
    if (has_default) {
      buf_puts(o, ", default: ");
      iac_ts_str(o, dflt);
    }
    if (secret)
      buf_puts(o, ", noEcho: true");
    buf_puts(o, ", description: ");
    iac_ts_str(o, purpose);
    buf_puts(o, " });\n");
    return;
  }
  buf_puts(o, "  ");
  iac_ts_ident(o, name, true);
  buf_printf(o, ":\n    Type: %s\n", type);
  if (has_default) {
    buf_puts(o, "    Default: ");
    esc_yaml(o, dflt);
    buf_putc(o, '\n');
  }
  if (secret)
    buf_puts(o, "    NoEcho: true\n");
  buf_puts(o, "    Description: ");
  esc_yaml(o, purpose);
  buf_putc(o, '\n');
}

/* Whether a managed resource of this CloudFormation type is declared. */
static bool has(const Kit *k, const char *type) {
  for (int i = 0; i < k->nres; i++)
    if (k->res[i].managed_here && str_eqc(k->res[i].cfn, type))
      return true;
  return false;
}

/* Whether the compute that takes the settings is declared here. */
static bool settings_used(const Kit *k) {
  const IacResource *cr = iac_res(k, "compute");
  return cr && cr->cfn.n && !str_eqc(cr->cfn, "AWS::EKS::Cluster");
}

static void parameters(Ctx *c) {
  const Plan *p = c->p;
  for (int i = 0; settings_used(c->k) && i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    parameter(c, e->name, "String", e->example, !e->secret, e->secret, e->purpose);
  }
  if (has(c->k, "AWS::SES::EmailIdentity"))
    parameter(c, S("email-domain"), "String", S("example.com"), true, false, S("the domain mail is sent from"));
  if (has(c->k, "AWS::CloudFront::Distribution"))
    parameter(c, S("cdn-origin-host"), "String", S("api.example.com"), true, false, S("the host the CDN fetches from"));
  if (c->k->lb_deploy >= 0 && has(c->k, "AWS::ElasticLoadBalancingV2::LoadBalancer"))
    parameter(c, S("certificate-arn"), "String", (Str){0}, false, false,
              S("the ACM certificate of the API's domain, for the HTTPS listener"));
  const IacResource *cr = iac_res(c->k, "compute");
  if (!c->sam && cr && str_eqc(cr->cfn, "AWS::Lambda::Function"))
    parameter(c, S("artifact-bucket"), "String", (Str){0}, false, false,
              S("the S3 bucket holding each function's zip (UNIT.zip), uploaded by the pipeline"));
}

/* The settings as a Lambda or App Runner environment map. */
static void settings_map(Ctx *c) {
  W *w = &c->w;
  map(w);
  for (int i = 0; i < c->p->api.nenv; i++) {
    Str n = c->p->api.env[i].name;
    char k[128];
    snprintf(k, sizeof k, "%.*s", (int)(n.n < 127 ? n.n : 127), n.p);
    key(w, k);
    param(w, n, false);
  }
  end(w);
}

/* The settings as [{Name, Value}] (ECS containers, App Runner). */
/* The settings as Name/Value pairs; plain: the secrets left out (they come from Secrets Manager). */
static void settings_list(Ctx *c, bool plain) {
  W *w = &c->w;
  list(w);
  for (int i = 0; i < c->p->api.nenv; i++) {
    if (plain && c->p->api.env[i].secret)
      continue;
    map(w);
    key(w, "Name");
    str(w, c->p->api.env[i].name);
    key(w, "Value");
    param(w, c->p->api.env[i].name, false);
    end(w);
  }
  end(w);
}

/* ---- the network: Plan.net ---- */

/* A security group; out_https: it may open HTTPS connections anywhere
 * (the AWS APIs, outside services through the NAT gateways); in_https: a
 * load balancer, HTTPS in from the internet and out to the units' port in
 * the VPC; else nothing goes out but the paths added to it. */
static void sg(Ctx *c, Str logical, Str desc, bool out_https, bool in_https, const char *comment) {
  W *w = &c->w;
  res(c, logical, "AWS::EC2::SecurityGroup", comment);
  key(w, "GroupDescription"), str(w, desc);
  key(w, "VpcId"), ref(w, S("vpc"));
  if (in_https) {
    key(w, "SecurityGroupIngress"), list(w), map(w);
    key(w, "IpProtocol"), strc(w, "tcp");
    key(w, "FromPort"), num(w, 443);
    key(w, "ToPort"), num(w, 443);
    key(w, "CidrIp"), strc(w, "0.0.0.0/0");
    key(w, "Description"), strc(w, "HTTPS from the internet");
    end(w), end(w);
  }
  key(w, "SecurityGroupEgress"), list(w), map(w);
  if (out_https) {
    key(w, "IpProtocol"), strc(w, "tcp");
    key(w, "FromPort"), num(w, 443);
    key(w, "ToPort"), num(w, 443);
    key(w, "CidrIp"), strc(w, "0.0.0.0/0");
    key(w, "Description"), strc(w, "HTTPS: the AWS APIs and outside services");
  } else if (in_https) {
    key(w, "IpProtocol"), strc(w, "tcp");
    key(w, "FromPort"), num(w, 8080);
    key(w, "ToPort"), num(w, 8080);
    key(w, "CidrIp"), str(w, c->p->net.cidr);
    key(w, "Description"), strc(w, "the units' port in the VPC");
  } else {
    key(w, "IpProtocol"), strc(w, "-1");
    key(w, "CidrIp"), strc(w, "127.0.0.1/32");
    key(w, "Description"), strc(w, "nothing: it answers, it does not call out");
  }
  end(w), end(w);
  res_end(c);
}

/* The VPC, a public and a private subnet per zone, the internet gateway,
 * Plan.net's NAT gateways and the routes; a security group per deployable
 * in the private subnets, per store there, and for a load balancer. */
static void network(Ctx *c) {
  const Plan *p = c->p;
  const Network *nw = &p->net;
  W *w = &c->w;
  if (!nw->set)
    return;
  char comment[512], b[64];
  snprintf(comment, sizeof comment, "network: %.*s", STRF(nw->why));
  res(c, S("vpc"), "AWS::EC2::VPC", comment);
  key(w, "CidrBlock"), str(w, nw->cidr);
  key(w, "EnableDnsSupport"), boolean(w, true);
  key(w, "EnableDnsHostnames"), boolean(w, true);
  res_end(c);
  res(c, S("internet-gateway"), "AWS::EC2::InternetGateway", NULL);
  res_end(c);
  res(c, S("internet-gateway-attachment"), "AWS::EC2::VPCGatewayAttachment", NULL);
  key(w, "VpcId"), ref(w, S("vpc"));
  key(w, "InternetGatewayId"), ref(w, S("internet-gateway"));
  res_end(c);
  res(c, S("public-routes"), "AWS::EC2::RouteTable", NULL);
  key(w, "VpcId"), ref(w, S("vpc"));
  res_end(c);
  c->dep = "internet-gateway-attachment";
  res(c, S("public-default-route"), "AWS::EC2::Route", NULL);
  key(w, "RouteTableId"), ref(w, S("public-routes"));
  key(w, "DestinationCidrBlock"), strc(w, "0.0.0.0/0");
  key(w, "GatewayId"), ref(w, S("internet-gateway"));
  res_end(c);
  for (int pub = 1; pub >= 0; pub--)
    for (int z = 0; z < nw->subnet_zones; z++) {
      char name[32];
      snprintf(name, sizeof name, "%s-subnet-%d", pub ? "public" : "private", z);
      res(c, str_c(name), "AWS::EC2::Subnet", NULL);
      key(w, "VpcId"), ref(w, S("vpc"));
      key(w, "CidrBlock"), str(w, pub ? nw->public_cidr[z] : nw->private_cidr[z]);
      key(w, "AvailabilityZone"), zone(w, z);
      key(w, "MapPublicIpOnLaunch"), boolean(w, false);
      res_end(c);
      char routes[32];
      if (pub)
        snprintf(routes, sizeof routes, "public-routes");
      else {
        snprintf(routes, sizeof routes, "private-routes-%d", z);
        res(c, str_c(routes), "AWS::EC2::RouteTable", NULL);
        key(w, "VpcId"), ref(w, S("vpc"));
        res_end(c);
        if (nw->nat > 0) {
          snprintf(b, sizeof b, "private-default-route-%d", z);
          res(c, str_c(b), "AWS::EC2::Route", NULL);
          key(w, "RouteTableId"), ref(w, str_c(routes));
          key(w, "DestinationCidrBlock"), strc(w, "0.0.0.0/0");
          snprintf(b, sizeof b, "nat-%d", z % nw->nat);
          key(w, "NatGatewayId"), ref(w, str_c(b));
          res_end(c);
        }
      }
      snprintf(b, sizeof b, "%s-routes", name);
      res(c, str_c(b), "AWS::EC2::SubnetRouteTableAssociation", NULL);
      key(w, "SubnetId"), ref(w, str_c(name));
      key(w, "RouteTableId"), ref(w, str_c(routes));
      res_end(c);
      if (pub && z < nw->nat) {
        snprintf(b, sizeof b, "nat-ip-%d", z);
        c->dep = "internet-gateway-attachment";
        res(c, str_c(b), "AWS::EC2::EIP", z ? NULL : "the NAT gateways the estimate bills, one in each of the first zones");
        key(w, "Domain"), strc(w, "vpc");
        res_end(c);
        snprintf(b, sizeof b, "nat-%d", z);
        res(c, str_c(b), "AWS::EC2::NatGateway", NULL);
        snprintf(b, sizeof b, "nat-ip-%d", z);
        key(w, "AllocationId"), att(w, str_c(b), "AllocationId");
        key(w, "SubnetId"), ref(w, str_c(name));
        res_end(c);
      }
    }
  const Kit *k = c->k;
  bool first = true;
  for (int d = 0; d < k->ndeploys; d++) {
    if (!k->deploy_sg[d])
      continue;
    Buf desc = {0};
    buf_printf(&desc, "%.*s: HTTPS out, and the stores it uses", STRF(k->deploys[d]));
    sg(c, nm(c, k->deploys[d], "sg"), buf_view(&desc), true, false,
       first ? "security groups: each unit reaches only the stores it uses, on their ports" : NULL);
    buf_free(&desc);
    first = false;
  }
  for (int r = 0; r < k->nres; r++) {
    const IacResource *x = &k->res[r];
    if (!x->port)
      continue;
    Buf desc = {0};
    buf_printf(&desc, "%.*s: port %d from the units that use it", STRF(x->slot), x->port);
    sg(c, store_sg(c, x), buf_view(&desc), false, false, first ? "security groups: each store opens its port to the units that use it" : NULL);
    buf_free(&desc);
    first = false;
    if (!strncmp(x->cfn.p, "AWS::RDS::", 10) || str_eqc(x->cfn, "AWS::ElastiCache::ReplicationGroup")) {
      bool rds = !strncmp(x->cfn.p, "AWS::RDS::", 10);
      res(c, nm(c, x->name, "subnets"), rds ? "AWS::RDS::DBSubnetGroup" : "AWS::ElastiCache::SubnetGroup", NULL);
      key(w, rds ? "DBSubnetGroupDescription" : "Description"), strc(w, "the private subnets");
      key(w, "SubnetIds"), subnets(c);
      res_end(c);
    }
  }
  if (has(k, "AWS::ElasticLoadBalancingV2::LoadBalancer"))
    sg(c, S("load-balancer-sg"), S("the load balancer: HTTPS from the internet"), false, true, NULL);
}

/* The paths into the stores, each opened once: ingress on the store's
 * group, and egress on the unit's own group. */
static void paths(Ctx *c) {
  const Kit *k = c->k;
  W *w = &c->w;
  IacPath path;
  for (int i = -1; (i = iac_next_path(k, i, &path)) >= 0;) {
    const IacResource *r = path.res;
    IacFrom from = path.from;
    Str src = path.src;
    char to[96];
    snprintf(to, sizeof to, "to-%.*s", (int)(r->name.n < 80 ? r->name.n : 80), r->name.p);
    int nsrc = from == IAC_FROM_SUBNETS ? c->p->net.subnet_zones : 1;
    for (int z = 0; z < nsrc; z++) {
      char tail[128];
      if (from == IAC_FROM_SUBNETS)
        snprintf(tail, sizeof tail, "%d-%s", z, to);
      else
        snprintf(tail, sizeof tail, "%s", to);
      Str sgname = store_sg(c, r);
      res(c, nm(c, src, tail), "AWS::EC2::SecurityGroupIngress", i ? NULL : "the paths: a unit to each store it uses");
      key(w, "GroupId"), att(w, sgname, "GroupId");
      key(w, "IpProtocol"), strc(w, "tcp");
      key(w, "FromPort"), num(w, r->port);
      key(w, "ToPort"), num(w, r->port);
      if (from == IAC_FROM_SG)
        key(w, "SourceSecurityGroupId"), att(w, nm(c, src, "sg"), "GroupId");
      else if (from == IAC_FROM_CLUSTER)
        key(w, "SourceSecurityGroupId"), att(w, S("cluster"), "ClusterSecurityGroupId");
      else {
        char b[32];
        snprintf(b, sizeof b, "%.*s", STRF(c->p->net.private_cidr[z]));
        key(w, "CidrIp"), strc(w, b);
      }
      char desc[160];
      snprintf(desc, sizeof desc, "%.*s to %.*s", STRF(src), STRF(r->slot));
      key(w, "Description"), strc(w, desc);
      res_end(c);
    }
    if (from != IAC_FROM_SG)
      continue;
    snprintf(to, sizeof to, "to-%.*s-out", (int)(r->name.n < 80 ? r->name.n : 80), r->name.p);
    res(c, nm(c, src, to), "AWS::EC2::SecurityGroupEgress", NULL);
    key(w, "GroupId"), att(w, nm(c, src, "sg"), "GroupId");
    key(w, "IpProtocol"), strc(w, "tcp");
    key(w, "FromPort"), num(w, r->port);
    key(w, "ToPort"), num(w, r->port);
    key(w, "DestinationSecurityGroupId"), att(w, store_sg(c, r), "GroupId");
    res_end(c);
  }
}

/* ---- queues, roles, compute, alarms ---- */

static Str queue_name(Ctx *c, Str event, const char *suffix) {
  Buf b = {0};
  for (ptrdiff_t x = 0; x < event.n; x++)
    buf_putc(&b, event.p[x] == '.' ? '-' : event.p[x]);
  Str s = nm(c, buf_view(&b), suffix);
  buf_free(&b);
  return s;
}

static void queues(Ctx *c) {
  const Kit *k = c->k;
  W *w = &c->w;
  const IacResource *qr = iac_res(k, "queue");
  if (!qr || !str_eqc(qr->cfn, "AWS::SQS::Queue"))
    return;
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (!str_eq(e->transport, qr->choice->tech->name))
      continue;
    res(c, queue_name(c, e->id, "dlq"), "AWS::SQS::Queue", i ? NULL : "queues: one per event carried by the queue, with its dead-letter queue");
    key(w, "MessageRetentionPeriod"), num(w, k->dlq_retention);
    res_end(c);
    res(c, queue_name(c, e->id, ""), "AWS::SQS::Queue", NULL);
    key(w, "VisibilityTimeout"), num(w, k->visibility_timeout);
    rawkey(w, "RedrivePolicy"), map(w);
    key(w, "deadLetterTargetArn"), att(w, queue_name(c, e->id, "dlq"), "Arn");
    key(w, "maxReceiveCount"), num(w, e->attempts > 0 ? e->attempts : 1);
    end(w);
    res_end(c);
  }
}

/* A trust policy for a service principal. */
static void trust(Ctx *c, const char *service) {
  W *w = &c->w;
  rawkey(w, "AssumeRolePolicyDocument"), map(w);
  key(w, "Version"), strc(w, "2012-10-17");
  key(w, "Statement"), list(w), map(w);
  key(w, "Effect"), strc(w, "Allow");
  key(w, "Principal"), map(w), key(w, "Service"), strc(w, service), end(w);
  key(w, "Action");
  if (!strcmp(service, "pods.eks.amazonaws.com")) {
    static const char *const acts[] = {"sts:AssumeRole", "sts:TagSession"};
    strs(w, acts, 2);
  } else
    strc(w, "sts:AssumeRole");
  end(w), end(w), end(w);
}

static void managed(Ctx *c, const char *const *arns, int n) {
  W *w = &c->w;
  key(w, "ManagedPolicyArns"), list(w);
  for (int i = 0; i < n; i++) {
    char a[160];
    snprintf(a, sizeof a, "arn:aws:iam::aws:policy/%s", arns[i]);
    strc(w, a);
  }
  end(w);
}

static void role(Ctx *c, const IacDeployable *d, Str *acts, Str *ress, int cap, bool lambda, bool first) {
  const Kit *k = c->k;
  W *w = &c->w;
  res(c, nm(c, d->name, "role"), "AWS::IAM::Role", first ? "one least-privilege role per deployable unit" : NULL);
  trust(c, iac_principal(c->p));
  if (lambda) {
    /* In the private subnets, a function also manages its network interfaces. */
    static const char *const logs[] = {"service-role/AWSLambdaBasicExecutionRole",
                                       "service-role/AWSLambdaVPCAccessExecutionRole"};
    managed(c, logs, k->deploy_sg[d - (const IacDeployable *)c->deps] ? 2 : 1);
  }
  int n = iac_statements(k, d, acts, ress, cap);
  if (n) {
    key(w, "Policies"), list(w), map(w);
    key(w, "PolicyName"), str(w, nm(c, d->name, "least-privilege"));
    rawkey(w, "PolicyDocument"), map(w);
    key(w, "Version"), strc(w, "2012-10-17");
    key(w, "Statement"), list(w);
    for (int a = 0; a < n; a++) {
      const IacResource *tr = iac_res_named(k, ress[a]);
      map(w);
      key(w, "Effect"), strc(w, "Allow");
      key(w, "Action"), str(w, acts[a]);
      key(w, "Resource");
      switch (iac_target(k, ress[a], tr ? tr->cfn : (Str){0}, &tr)) {
      case IAC_QUEUE:
        att(w, queue_name(c, (Str){ress[a].p + 6, ress[a].n - 6}, ""), "Arn");
        break;
      case IAC_OBJECTS:
        objects(w, tr->name);
        break;
      case IAC_ARN:
        if (str_eqc(tr->cfn, "AWS::SES::EmailIdentity"))
          arn_of(w, "ses", "identity/", tr->name);
        else if (str_eqc(tr->cfn, "AWS::ElastiCache::ReplicationGroup"))
          arn_of(w, "elasticache", "replicationgroup:", tr->name);
        else if (str_has_prefix(tr->cfn, S("AWS::MSK::")))
          ref(w, tr->name);
        else
          att(w, tr->name, str_eqc(tr->cfn, "AWS::SNS::Topic")                     ? "TopicArn"
                           : str_eqc(tr->cfn, "AWS::ElastiCache::ServerlessCache") ? "ARN"
                                                                                    : "Arn");
        break;
      case IAC_DBUSER:
        dbuser(w, tr);
        break;
      case IAC_ANY:
        strc(w, "*");
        break;
      }
      end(w);
    }
    end(w), end(w), end(w), end(w);
  }
  res_end(c);
}

/* One function per deployable: runtime, memory, timeout, code, settings; in the private subnets when it reaches a store there. */
static void lambda_fn(Ctx *c, const IacResource *cr, Str u, int d) {
  const Kit *k = c->k;
  W *w = &c->w;
  res(c, nm(c, u, "fn"), c->sam ? "AWS::Serverless::Function" : "AWS::Lambda::Function",
      d ? NULL : "compute: one function per deployable unit");
  key(w, "Runtime"), str(w, k->runtime);
  key(w, "Handler"), strc(w, "index.handler");
  key(w, "MemorySize"), num(w, k->function_mb);
  key(w, "Timeout"), num(w, k->function_timeout);
  key(w, "Role"), att(w, nm(c, u, "role"), "Arn");
  if (c->sam) {
    char dir[160];
    snprintf(dir, sizeof dir, "../dist/%.*s", (int)(u.n < 120 ? u.n : 120), u.p);
    key(w, "CodeUri"), strc(w, dir);
  } else {
    char zip[160];
    snprintf(zip, sizeof zip, "%.*s.zip", (int)(u.n < 120 ? u.n : 120), u.p);
    key(w, "Code"), map(w);
    key(w, "S3Bucket"), param(w, S("artifact-bucket"), false);
    key(w, "S3Key"), strc(w, zip);
    end(w);
  }
  key(w, "Environment"), map(w), rawkey(w, "Variables"), settings_map(c), end(w);
  if (k->deploy_sg[d]) {
    key(w, "VpcConfig"), map(w);
    key(w, "SubnetIds"), subnets(c);
    key(w, "SecurityGroupIds"), sg_ref(c, nm(c, u, "sg"));
    end(w);
  }
  res_end(c);
  (void)cr;
}

/* One App Runner service per deployable, with a VPC connector when it reaches a store in the private subnets. */
static void apprunner_service(Ctx *c, const IacResource *cr, Str u, int d) {
  const Kit *k = c->k;
  W *w = &c->w;
  Str role_id = nm(c, u, "role");
  char img[160];
  snprintf(img, sizeof img, "%.*s:latest", (int)(u.n < 120 ? u.n : 120), u.p);
  if (k->deploy_sg[d]) {
    res(c, nm(c, u, "connector"), "AWS::AppRunner::VpcConnector", "its way into the private subnets");
    key(w, "Subnets"), subnets(c);
    key(w, "SecurityGroups"), sg_ref(c, nm(c, u, "sg"));
    res_end(c);
  }
  res(c, nm(c, u, "service"), "AWS::AppRunner::Service", d ? NULL : "compute: one service per deployable unit");
  key(w, "ServiceName"), str(w, u);
  key(w, "SourceConfiguration"), map(w), key(w, "ImageRepository"), map(w);
  key(w, "ImageIdentifier"), strc(w, img);
  key(w, "ImageRepositoryType"), strc(w, "ECR");
  key(w, "ImageConfiguration"), map(w), key(w, "RuntimeEnvironmentVariables"), settings_list(c, false), end(w);
  end(w), end(w);
  key(w, "InstanceConfiguration"), map(w);
  key(w, "Cpu"), numstr(w, iac_word(cr->instance_class, 0));
  key(w, "Memory"), numstr(w, iac_word(cr->instance_class, 1));
  key(w, "InstanceRoleArn"), att(w, role_id, "Arn");
  end(w);
  if (k->deploy_sg[d]) {
    key(w, "NetworkConfiguration"), map(w), key(w, "EgressConfiguration"), map(w);
    key(w, "EgressType"), strc(w, "VPC");
    key(w, "VpcConnectorArn"), att(w, nm(c, u, "connector"), "VpcConnectorArn");
    end(w), end(w);
  }
  res_end(c);
}

/* One Fargate task and service per deployable, scaled on CPU from the topology's count up to the scalability margin. */
static void ecs_service(Ctx *c, const IacResource *cr, Str u, int d) {
  const Kit *k = c->k;
  W *w = &c->w;
  int n = cr->instances > 0 ? cr->instances : 1;
  char img[160];
  snprintf(img, sizeof img, "%.*s:latest", (int)(u.n < 120 ? u.n : 120), u.p);
  static const char *const fargate[] = {"FARGATE"};
  res(c, nm(c, u, "task"), "AWS::ECS::TaskDefinition", NULL);
  key(w, "Family"), str(w, u);
  key(w, "Cpu"), numstr(w, iac_word(cr->instance_class, 0));
  key(w, "Memory"), numstr(w, iac_word(cr->instance_class, 1));
  key(w, "NetworkMode"), strc(w, "awsvpc");
  key(w, "RequiresCompatibilities"), strs(w, fargate, 1);
  key(w, "ExecutionRoleArn"), att(w, S("execution-role"), "Arn");
  key(w, "TaskRoleArn"), att(w, nm(c, u, "role"), "Arn");
  key(w, "ContainerDefinitions"), list(w), map(w);
  key(w, "Name"), str(w, u);
  key(w, "Image"), strc(w, img);
  key(w, "Essential"), boolean(w, true);
  key(w, "PortMappings"), list(w), map(w), key(w, "ContainerPort"), num(w, 8080), end(w), end(w);
  key(w, "Environment"), settings_list(c, true);
  if (cfn_has_secrets(c->p)) {
    key(w, "Secrets"), list(w);
    for (int i = 0; i < c->p->api.nenv; i++)
      if (c->p->api.env[i].secret) {
        map(w), key(w, "Name"), str(w, c->p->api.env[i].name);
        key(w, "ValueFrom"), ref(w, nm(c, c->p->api.env[i].name, "secret")), end(w);
      }
    end(w);
  }
  end(w), end(w);
  res_end(c);
  if (k->lb_deploy == d)
    c->dep = "https-listener";   /* the target group joins the load balancer first */
  res(c, nm(c, u, "service"), "AWS::ECS::Service", NULL);
  key(w, "Cluster"), ref(w, S("cluster"));
  key(w, "TaskDefinition"), ref(w, nm(c, u, "task"));
  key(w, "DesiredCount"), num(w, n);
  key(w, "LaunchType"), strc(w, "FARGATE");
  key(w, "NetworkConfiguration"), map(w), key(w, "AwsvpcConfiguration"), map(w);
  key(w, "Subnets"), subnets(c);
  if (k->deploy_sg[d])
    key(w, "SecurityGroups"), sg_ref(c, nm(c, u, "sg"));
  key(w, "AssignPublicIp"), strc(w, "DISABLED");
  end(w), end(w);
  if (k->lb_deploy == d) {
    key(w, "LoadBalancers"), list(w), map(w);
    key(w, "TargetGroupArn"), ref(w, nm(c, u, "targets"));
    key(w, "ContainerName"), str(w, u);
    key(w, "ContainerPort"), num(w, 8080);
    end(w), end(w);
  }
  res_end(c);
  /* From the topology's count up to the scalability margin, on CPU. */
  res(c, nm(c, u, "scaling"), "AWS::ApplicationAutoScaling::ScalableTarget", NULL);
  key(w, "ServiceNamespace"), strc(w, "ecs");
  key(w, "ScalableDimension"), strc(w, "ecs:service:DesiredCount");
  key(w, "ResourceId"), ecs_resource(w, nm(c, u, "service"));
  key(w, "MinCapacity"), num(w, n);
  key(w, "MaxCapacity"), num(w, iac_max_count(c->p, n));
  res_end(c);
  res(c, nm(c, u, "cpu"), "AWS::ApplicationAutoScaling::ScalingPolicy", NULL);
  key(w, "PolicyName"), str(w, nm(c, u, "cpu"));
  key(w, "PolicyType"), strc(w, "TargetTrackingScaling");
  key(w, "ScalingTargetId"), ref(w, nm(c, u, "scaling"));
  key(w, "TargetTrackingScalingPolicyConfiguration"), map(w);
  key(w, "TargetValue"), num(w, k->hpa_cpu * 100);
  key(w, "PredefinedMetricSpecification"), map(w);
  key(w, "PredefinedMetricType"), strc(w, "ECSServiceAverageCPUUtilization");
  end(w), end(w);
  res_end(c);
}

/* One unit's pods on EKS: its service account assumes its role. */
static void pod_identity(Ctx *c, const IacResource *cr, Str u, int d) {
  W *w = &c->w;
  res(c, nm(c, u, "identity"), "AWS::EKS::PodIdentityAssociation", NULL);
  key(w, "ClusterName"), ref(w, S("cluster"));
  key(w, "Namespace"), strc(w, "default");
  key(w, "ServiceAccount"), str(w, u);
  key(w, "RoleArn"), att(w, nm(c, u, "role"), "Arn");
  res_end(c);
  (void)cr, (void)d;
}

/* The EKS cluster, its roles, its pod identity agent and its node group, sized by the topology. */
static void eks_cluster(Ctx *c, const IacResource *cr, int n) {
  W *w = &c->w;
  static const char *const cp[] = {"AmazonEKSClusterPolicy"};
  static const char *const np[] = {"AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"};
  res(c, S("cluster-role"), "AWS::IAM::Role", "compute: the cluster, its nodes sized by the topology, a pod identity per unit");
  trust(c, "eks.amazonaws.com");
  managed(c, cp, 1);
  res_end(c);
  res(c, S("cluster"), "AWS::EKS::Cluster", NULL);
  key(w, "Name"), str(w, c->proj);
  key(w, "RoleArn"), att(w, S("cluster-role"), "Arn");
  key(w, "ResourcesVpcConfig"), map(w), key(w, "SubnetIds"), subnets(c), end(w);
  res_end(c);
  res(c, S("pod-identity"), "AWS::EKS::Addon", NULL);
  key(w, "ClusterName"), ref(w, S("cluster"));
  key(w, "AddonName"), strc(w, "eks-pod-identity-agent");
  res_end(c);
  res(c, S("node-role"), "AWS::IAM::Role", NULL);
  trust(c, "ec2.amazonaws.com");
  managed(c, np, 3);
  res_end(c);
  char comment[160];
  snprintf(comment, sizeof comment, "the nodes: %d x %.*s across the zones, up to %d under load (the pods: k8s/)", n,
           STRF(cr->instance_class), iac_max_count(c->p, n));
  res(c, S("nodes"), "AWS::EKS::Nodegroup", comment);
  key(w, "ClusterName"), ref(w, S("cluster"));
  key(w, "NodeRole"), att(w, S("node-role"), "Arn");
  key(w, "Subnets"), subnets(c);
  key(w, "InstanceTypes"), list(w), str(w, cr->instance_class), end(w);
  key(w, "ScalingConfig"), map(w);
  key(w, "DesiredSize"), num(w, n);
  key(w, "MinSize"), num(w, n);
  key(w, "MaxSize"), num(w, iac_max_count(c->p, n));
  end(w);
  res_end(c);
}

static void compute(Ctx *c, const IacDeployable *dep, int ndep) {
  const Kit *k = c->k;
  W *w = &c->w;
  const IacResource *cr = iac_res(k, "compute");
  if (!cr)
    return;
  int n = cr->instances > 0 ? cr->instances : 1;
  if (str_eqc(cr->cfn, "AWS::ECS::Service")) {
    static const char *const pull[] = {"service-role/AmazonECSTaskExecutionRolePolicy"};
    res(c, S("cluster"), "AWS::ECS::Cluster", "compute: the cluster and the role that pulls images and writes logs");
    key(w, "ClusterName"), str(w, c->proj);
    res_end(c);
    cfn_secrets(c);
    res(c, S("execution-role"), "AWS::IAM::Role", NULL);
    trust(c, "ecs-tasks.amazonaws.com");
    managed(c, pull, 1);
    if (cfn_has_secrets(c->p)) {
      /* It reads the tasks' secrets, those only. */
      key(w, "Policies"), list(w), map(w);
      key(w, "PolicyName"), strc(w, "read-secrets");
      rawkey(w, "PolicyDocument"), map(w);
      key(w, "Version"), strc(w, "2012-10-17");
      key(w, "Statement"), list(w), map(w);
      key(w, "Effect"), strc(w, "Allow");
      key(w, "Action"), strc(w, "secretsmanager:GetSecretValue");
      key(w, "Resource"), list(w);
      for (int i = 0; i < c->p->api.nenv; i++)
        if (c->p->api.env[i].secret)
          ref(w, nm(c, c->p->api.env[i].name, "secret"));
      end(w), end(w), end(w), end(w), end(w), end(w);
    }
    res_end(c);
  }
  if (str_eqc(cr->cfn, "AWS::EKS::Cluster"))
    eks_cluster(c, cr, n);
  for (int d = 0; d < ndep; d++) {
    Str u = dep[d].name;
    if (str_eqc(cr->cfn, "AWS::Lambda::Function"))
      lambda_fn(c, cr, u, d);
    else if (str_eqc(cr->cfn, "AWS::AppRunner::Service"))
      apprunner_service(c, cr, u, d);
    else if (str_eqc(cr->cfn, "AWS::ECS::Service"))
      ecs_service(c, cr, u, d);
    else if (str_eqc(cr->cfn, "AWS::EKS::Cluster"))
      pod_identity(c, cr, u, d);
  }
}

static void stack(Ctx *c) {
  const Kit *k = c->k;
  W *w = &c->w;
  network(c);
  for (int i = 0; i < k->nres; i++) {
    const IacResource *r = &k->res[i];
    if (!r->managed_here || !r->cfn.n) {
      if (c->w.ts)
        buf_printf(w->o, "    // %.*s: %.*s, outside this account; reached through its settings.\n", STRF(r->slot),
                   STRF(r->choice->tech->name));
      else
        buf_printf(w->o, "  # %.*s: %.*s, outside this account; reached through its settings.\n", STRF(r->slot),
                   STRF(r->choice->tech->name));
      continue;
    }
    if (!iac_apart(r))
      cfn_component(c, r);
  }
  queues(c);
  int ndep = 0;
  IacDeployable *dep = iac_deployables(c->p, &ndep);
  c->deps = dep;
  int cap = iac_nactions(k);
  Str *acts = iac_alloc(sizeof *acts * (size_t)cap), *ress = iac_alloc(sizeof *ress * (size_t)cap);
  const IacResource *cr = iac_res(k, "compute");
  for (int d = 0; d < ndep; d++)
    role(c, &dep[d], acts, ress, cap, cr && str_eqc(cr->cfn, "AWS::Lambda::Function"), d == 0);
  free(acts);
  free(ress);
  cfn_listener(c, true);
  compute(c, dep, ndep);
  cfn_listener(c, false);
  paths(c);
  free(dep);
  c->deps = NULL;
  if (str_eqc(k->alert_form, "cloudwatch")) {
    res(c, S("alarm-topic"), "AWS::SNS::Topic", "alarms: alerts.yaml, the CloudWatch alarms, notify this topic");
    res_end(c);
    if (c->w.ts)
      buf_puts(w->o, "    new cdk.cloudformation_include.CfnInclude(this, \"Alerts\", { templateFile: \"../alerts.yaml\", "
                     "parameters: { AlarmTopicArn: alarmTopic.ref } });\n");
    else {
      res(c, S("alerts"), "AWS::CloudFormation::Stack", NULL);
      key(w, "TemplateURL"), strc(w, "../alerts.yaml");
      rawkey(w, "Parameters"), map(w), key(w, "AlarmTopicArn"), ref(w, S("alarm-topic")), end(w);
      res_end(c);
    }
  }
}

void iac_cfn(const Plan *p, OutFiles *out, bool sam) {
  const Kit *k = p->kit;
  Ctx c = {.p = p, .k = k, .sam = sam, .proj = k->project_id};
  Buf d = {0};
  buf_printf(&d, "Infrastructure of %.*s, written by plinth plan", STRF(p->model->project.name));
  if (sam) {
    Buf *o = outfiles_add(out, "infra/template.yaml");
    c.w = (W){.o = o, .ts = false};
    buf_puts(o, "# Infrastructure of ");
    iac_comment_name(o, p);
    buf_puts(o, " (AWS SAM), written by plinth plan: every chosen managed component with the plan's sizes,\n"
                "# one least-privilege role per deployable unit, and the settings of .env.example as parameters\n"
                "# (secrets NoEcho). Outside services are configured through their settings only.\n"
                "# Deploy: sam build && sam deploy --guided\n"
                "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\nDescription: ");
    esc_yaml(o, buf_view(&d));
    buf_putc(o, '\n');
    ptrdiff_t at = o->n;
    buf_puts(o, "Parameters:\n");
    ptrdiff_t body = o->n;
    parameters(&c);
    if (o->n == body)
      o->n = at;
    buf_puts(o, "Resources:\n");
    stack(&c);
  } else {
    Buf *o = outfiles_add(out, "infra/app.ts");
    c.w = (W){.o = o, .ts = true};
    buf_puts(o, "// Infrastructure of ");
    iac_comment_name(o, p);
    buf_puts(o, " (AWS CDK, TypeScript), written by plinth plan: every chosen managed component with the plan's\n"
                "// sizes, one least-privilege role per deployable unit, and the settings of .env.example as stack\n"
                "// parameters (secrets noEcho). Outside services are configured through their settings only.\n"
                "import * as cdk from \"aws-cdk-lib\";\nimport { Construct } from \"constructs\";\n\n"
                "export class InfraStack extends cdk.Stack {\n"
                "  constructor(scope: Construct, id: string, props?: cdk.StackProps) {\n    super(scope, id, props);\n"
                "    // ---- settings (.env.example) and the network ----\n");
    parameters(&c);
    buf_puts(o, "    // ---- resources ----\n");
    stack(&c);
    buf_puts(o, "  }\n}\n\nconst app = new cdk.App();\nnew InfraStack(app, ");
    iac_ts_str(o, k->project_id);
    buf_puts(o, ");\napp.synth();\n");
    Buf *j = outfiles_add(out, "infra/cdk.json");
    buf_puts(j, "{\n  \"app\": \"npx ts-node --prefer-ts-exts app.ts\",\n"
                "  \"context\": {\n    \"@aws-cdk/core:validateAgainstDefaultRules\": true\n  }\n}\n");
    Buf *pk = outfiles_add(out, "infra/package.json");
    buf_printf(pk, "{\n  \"name\": \"%.*s-infra\",\n  \"private\": true,\n  \"main\": \"app.ts\",\n"
                   "  \"dependencies\": { \"aws-cdk-lib\": \"2.278.0\", \"constructs\": \"^10\" },\n"
                   "  \"devDependencies\": { \"aws-cdk\": \"^2\", \"@types/node\": \"^20\", \"ts-node\": \"^10\", "
                   "\"typescript\": \"^5\" }\n}\n",
               STRF(k->project_id));
    Buf *ts = outfiles_add(out, "infra/tsconfig.json");
    buf_puts(ts, "{\n  \"compilerOptions\": {\n    \"strict\": true,\n    \"target\": \"es2020\",\n"
                 "    \"module\": \"commonjs\",\n    \"moduleResolution\": \"node\",\n    \"esModuleInterop\": true\n"
                 "  },\n  \"files\": [\"app.ts\"]\n}\n");
  }
  buf_free(&d);
  for (int i = 0; i < (int)(sizeof c.pool / sizeof *c.pool); i++)
    buf_free(&c.pool[i]);
  buf_free(&c.cur);
}
