/* The AWS network of Plan.net and the paths into the stores, described
 * once through D (infra_dual.h)
 * and printed as HCL (Terraform, OpenTofu) or as @pulumi/aws calls: the
 * VPC, a public and a private subnet per zone, the NAT gateways the
 * estimate bills and the routes; a security group (no rule of its own but
 * HTTPS out) per deployable in the private subnets, per store there with
 * its subnet group, and for a load balancer. */
#include <stdio.h>
#include <string.h>

#include "infra_dual.h"

/* A name with a number: "public_subnet_" 2 -> public_subnet_2. */
static Str numbered(char *b, size_t n, const char *what, int i) {
  snprintf(b, n, "%s%d", what, i);
  return str_c(b);
}

/* A rule of a security group: one port, to or from a CIDR block. */
static void rule(D *d, Str sg, const char *sg_suffix, const char *type, int port, const char *cidrs, const char *desc) {
  d_sc(d, "type", type);
  d_ref(d, "security_group_id", "aws_security_group", sg, sg_suffix, "id");
  d_sc(d, "protocol", "tcp");
  d_n(d, "from_port", port);
  d_n(d, "to_port", port);
  d_x(d, "cidr_blocks", cidrs, cidrs);
  d_sc(d, "description", desc);
  d_res_end(d);
}

static void subnets(D *d, const Network *nw) {
  char b[32];
  for (int pub = 1; pub >= 0; pub--)
    for (int z = 0; z < nw->subnet_zones; z++) {
      const char *kind = pub ? "public_subnet_" : "private_subnet_";
      Str sn = numbered(b, sizeof b, kind, z);
      d_res(d, "aws_subnet", "aws.ec2.Subnet", sn, "", NULL);
      d_ref(d, "vpc_id", "aws_vpc", S("vpc"), "", "id");
      d_s(d, "cidr_block", pub ? nw->public_cidr[z] : nw->private_cidr[z]);
      char hcl[80], ts[80];
      snprintf(hcl, sizeof hcl, "data.aws_availability_zones.available.names[%d]", z);
      snprintf(ts, sizeof ts, "zones.then((z) => z.names[%d])", z);
      d_x(d, "availability_zone", hcl, ts);
      d_b(d, "map_public_ip_on_launch", false);
      d_res_end(d);
      if (!pub) {
        char rb[32];
        d_res(d, "aws_route_table", "aws.ec2.RouteTable", numbered(rb, sizeof rb, "private_routes_", z), "", NULL);
        d_ref(d, "vpc_id", "aws_vpc", S("vpc"), "", "id");
        if (nw->nat > 0) {
          char nb[32];
          d_open_list(d, "route", "routes");
          d_item(d);
          d_sc(d, "cidr_block", "0.0.0.0/0");
          d_ref(d, "nat_gateway_id", "aws_nat_gateway", numbered(nb, sizeof nb, "nat_", z % nw->nat), "", "id");
          d_close(d);
          d_close(d);
        }
        d_res_end(d);
      }
      d_res(d, "aws_route_table_association", "aws.ec2.RouteTableAssociation", sn, "_routes", NULL);
      d_ref(d, "subnet_id", "aws_subnet", sn, "", "id");
      if (pub)
        d_ref(d, "route_table_id", "aws_route_table", S("public_routes"), "", "id");
      else {
        char rb[32];
        d_ref(d, "route_table_id", "aws_route_table", numbered(rb, sizeof rb, "private_routes_", z), "", "id");
      }
      d_res_end(d);
      if (pub && z < nw->nat) {
        char nb[32], ib[32];
        if (!z)
          d_comment(d, "the NAT gateways the estimate bills, one in each of the first zones");
        d_res(d, "aws_eip", "aws.ec2.Eip", numbered(ib, sizeof ib, "nat_ip_", z), "", NULL);
        d_sc(d, "domain", "vpc");
        d_res_end(d);
        d_res(d, "aws_nat_gateway", "aws.ec2.NatGateway", numbered(nb, sizeof nb, "nat_", z), "", NULL);
        d_ref(d, "allocation_id", "aws_eip", str_c(ib), "", "allocation_id");
        d_ref(d, "subnet_id", "aws_subnet", sn, "", "id");
        d_res_end_after(d, "aws_internet_gateway", S("internet_gateway"), "");
      }
    }
}

/* The private (and public) subnets' ids, as locals or constants. */
static void subnet_ids(D *d, const Network *nw) {
  Buf *o = d->o;
  for (int pub = 0; pub < 2; pub++) {
    buf_puts(o, d->ts ? (pub ? "const publicSubnetIds = [" : "const subnetIds = [")
                      : (pub ? "  public_subnet_ids = [" : "locals {\n  subnet_ids        = ["));
    for (int z = 0; z < nw->subnet_zones; z++) {
      char b[32];
      buf_puts(o, z ? ", " : "");
      d_name(d, "aws_subnet", numbered(b, sizeof b, pub ? "public_subnet_" : "private_subnet_", z), "");
      buf_puts(o, ".id");
    }
    buf_puts(o, d->ts ? (pub ? "];\n" : "];  // the private subnets\n") : (pub ? "]\n}\n\n" : "]\n"));
  }
}

void iac_aws_network(const Plan *p, D *d) {
  const Network *nw = &p->net;
  const Kit *k = p->kit;
  if (!nw->set)
    return;
  char cidr[48];
  snprintf(cidr, sizeof cidr, "[\"%.*s\"]", STRF(nw->cidr));
  buf_printf(d->o, "%s---- network: %.*s ----\n", d->ts ? "\n// " : "# ", STRF(nw->why));
  if (d->ts)
    buf_puts(d->o, "const zones = aws.getAvailabilityZones({ state: \"available\" });\n");
  else
    buf_puts(d->o, "data \"aws_availability_zones\" \"available\" {\n  state = \"available\"\n}\n\n");
  d_res(d, "aws_vpc", "aws.ec2.Vpc", S("vpc"), "", NULL);
  d_s(d, "cidr_block", nw->cidr);
  d_b(d, "enable_dns_support", true);
  d_b(d, "enable_dns_hostnames", true);
  d_res_end(d);
  d_res(d, "aws_internet_gateway", "aws.ec2.InternetGateway", S("internet_gateway"), "", NULL);
  d_ref(d, "vpc_id", "aws_vpc", S("vpc"), "", "id");
  d_res_end(d);
  d_res(d, "aws_route_table", "aws.ec2.RouteTable", S("public_routes"), "", NULL);
  d_ref(d, "vpc_id", "aws_vpc", S("vpc"), "", "id");
  d_open_list(d, "route", "routes");
  d_item(d);
  d_sc(d, "cidr_block", "0.0.0.0/0");
  d_ref(d, "gateway_id", "aws_internet_gateway", S("internet_gateway"), "", "id");
  d_res_end(d);
  subnets(d, nw);
  subnet_ids(d, nw);
  d_comment(d, "security groups, with no rule of their own: each unit reaches only the stores it uses, on their ports "
               "(the paths below)");
  for (int i = 0; i < k->ndeploys; i++) {
    if (!k->deploy_sg[i])
      continue;
    Buf desc = {0};
    buf_printf(&desc, "%.*s: HTTPS out, and the stores it uses", STRF(k->deploys[i]));
    d_res(d, "aws_security_group", "aws.ec2.SecurityGroup", k->deploys[i], "_sg", NULL);
    d_ref(d, "vpc_id", "aws_vpc", S("vpc"), "", "id");
    d_s(d, "description", buf_view(&desc));
    d_res_end(d);
    buf_free(&desc);
    d_res(d, "aws_security_group_rule", "aws.ec2.SecurityGroupRule", k->deploys[i], "_https_out", NULL);
    rule(d, k->deploys[i], "_sg", "egress", 443, "[\"0.0.0.0/0\"]", "HTTPS: the AWS APIs and outside services");
  }
  for (int r = 0; r < k->nres; r++) {
    const IacResource *x = &k->res[r];
    if (!x->port)
      continue;
    char desc[160];
    snprintf(desc, sizeof desc, "%.*s: port %d from the units that use it", STRF(x->slot), x->port);
    d_res(d, "aws_security_group", "aws.ec2.SecurityGroup", x->name, "_store_sg", NULL);
    d_ref(d, "vpc_id", "aws_vpc", S("vpc"), "", "id");
    d_sc(d, "description", desc);
    d_res_end(d);
    bool rds = str_has_prefix(x->cfn, S("AWS::RDS::")), ec = str_eqc(x->cfn, "AWS::ElastiCache::ReplicationGroup");
    if (rds || ec) {
      Buf nm = {0};
      buf_printf(&nm, "%.*s-%.*s", STRF(k->project_id), STRF(x->name));
      d_res(d, rds ? "aws_db_subnet_group" : "aws_elasticache_subnet_group",
            rds ? "aws.rds.SubnetGroup" : "aws.elasticache.SubnetGroup", x->name, "_subnets", NULL);
      d_s(d, "name", buf_view(&nm));
      d_x(d, "subnet_ids", "local.subnet_ids", "subnetIds");
      d_sc(d, "description", "the private subnets");
      d_res_end(d);
      buf_free(&nm);
    }
  }
  const IacResource *gw = iac_res(k, "gateway");
  if (gw && str_eqc(gw->kind, "aws.lb.LoadBalancer")) {
    d_res(d, "aws_security_group", "aws.ec2.SecurityGroup", S("load_balancer"), "_sg", NULL);
    d_ref(d, "vpc_id", "aws_vpc", S("vpc"), "", "id");
    d_sc(d, "description", "the load balancer: HTTPS from the internet");
    d_res_end(d);
    d_res(d, "aws_security_group_rule", "aws.ec2.SecurityGroupRule", S("load_balancer"), "_https_in", NULL);
    rule(d, S("load_balancer"), "_sg", "ingress", 443, "[\"0.0.0.0/0\"]", "HTTPS from the internet");
    d_res(d, "aws_security_group_rule", "aws.ec2.SecurityGroupRule", S("load_balancer"), "_to_units", NULL);
    rule(d, S("load_balancer"), "_sg", "egress", 8080, cidr, "the units' port in the VPC");
  }
}

/* The paths into the stores, each opened once: ingress on the store's
 * group (from the unit's group, the cluster's, or the private subnets), and
 * egress on the unit's own group. */
void iac_aws_paths(const Plan *p, D *d) {
  const Kit *k = p->kit;
  bool first = true;
  IacPath path;
  for (int i = -1; (i = iac_next_path(k, i, &path)) >= 0;) {
    const IacResource *r = path.res;
    IacFrom from = path.from;
    Str src = path.src;
    if (first)
      buf_puts(d->o, d->ts ? "\n// ---- the paths: a unit to each store it uses ----\n" : "# the paths: a unit to each store it uses\n");
    first = false;
    Buf nm = {0}, desc = {0};
    buf_printf(&nm, "%.*s-to-%.*s", STRF(src), STRF(r->name));
    buf_printf(&desc, "%.*s to %.*s", STRF(src), STRF(r->slot));
    d_res(d, "aws_security_group_rule", "aws.ec2.SecurityGroupRule", buf_view(&nm), "", NULL);
    d_sc(d, "type", "ingress");
    d_ref(d, "security_group_id", "aws_security_group", r->name, "_store_sg", "id");
    d_sc(d, "protocol", "tcp");
    d_n(d, "from_port", r->port);
    d_n(d, "to_port", r->port);
    if (from == IAC_FROM_SG)
      d_ref(d, "source_security_group_id", "aws_security_group", src, "_sg", "id");
    else if (from == IAC_FROM_CLUSTER)
      d_x(d, "source_security_group_id", "aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id",
          "cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId)");
    else {
      Buf c = {0};
      buf_putc(&c, '[');
      for (int z = 0; z < p->net.subnet_zones; z++)
        buf_printf(&c, "%s\"%.*s\"", z ? ", " : "", STRF(p->net.private_cidr[z]));
      buf_putc(&c, ']');
      buf_putc(&c, 0);
      d_x(d, "cidr_blocks", c.p, c.p);
      buf_free(&c);
    }
    d_s(d, "description", buf_view(&desc));
    d_res_end(d);
    if (from == IAC_FROM_SG) {
      d_res(d, "aws_security_group_rule", "aws.ec2.SecurityGroupRule", buf_view(&nm), "_out", NULL);
      d_sc(d, "type", "egress");
      d_ref(d, "security_group_id", "aws_security_group", src, "_sg", "id");
      d_sc(d, "protocol", "tcp");
      d_n(d, "from_port", r->port);
      d_n(d, "to_port", r->port);
      d_ref(d, "source_security_group_id", "aws_security_group", r->name, "_store_sg", "id");
      d_res_end(d);
    }
    buf_free(&nm);
    buf_free(&desc);
  }
}
