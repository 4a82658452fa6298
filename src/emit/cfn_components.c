/* The managed components of the CloudFormation stack (cfn.c): each chosen
 * component as its resource, sized by the topology, in the private subnets
 * with its security group when the network holds it, the load balancer's
 * listener and target group, and the secret settings in Secrets Manager;
 * written once through W for both the AWS CDK app and the SAM template. */
#include <stdio.h>
#include <string.h>

#include "cfn.h"

/* ---- components ---- */

/* A relational store in the private subnets: its subnet group and security group. */
static void db_network(Ctx *c, const IacResource *r, const char *sgkey) {
  if (!r->port)
    return;
  key(&c->w, "DBSubnetGroupName"), ref(&c->w, nm(c, r->name, "subnets"));
  key(&c->w, sgkey), sg_ref(c, store_sg(c, r));
}

/* The edge and identity: gateway, load balancer, bucket, user pool, email identity. */
static bool edge_props(Ctx *c, const IacResource *r, const char *t, int n, bool maz) {
  W *w = &c->w;
  (void)r, (void)n, (void)maz;
  if (!strcmp(t, "AWS::ApiGatewayV2::Api")) {
    key(w, "Name"), str(w, nm(c, c->proj, "api"));
    key(w, "ProtocolType"), strc(w, "HTTP");
  } else if (!strcmp(t, "AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    key(w, "Name"), str(w, nm(c, c->proj, "alb"));
    key(w, "Type"), strc(w, "application");
    key(w, "Scheme"), strc(w, "internet-facing");
    key(w, "Subnets"), subnet_list(c, true, c->p->net.subnet_zones);
    key(w, "SecurityGroups"), sg_ref(c, S("load-balancer-sg"));
  } else if (!strcmp(t, "AWS::S3::Bucket")) {
    key(w, "PublicAccessBlockConfiguration"), map(w);
    key(w, "BlockPublicAcls"), boolean(w, true);
    key(w, "BlockPublicPolicy"), boolean(w, true);
    key(w, "IgnorePublicAcls"), boolean(w, true);
    key(w, "RestrictPublicBuckets"), boolean(w, true);
    end(w);
  } else if (!strcmp(t, "AWS::Cognito::UserPool")) {
    static const char *const email[] = {"email"};
    key(w, "UserPoolName"), str(w, nm(c, c->proj, "users"));
    key(w, "UsernameAttributes"), strs(w, email, 1);
    key(w, "AutoVerifiedAttributes"), strs(w, email, 1);
  } else if (!strcmp(t, "AWS::SES::EmailIdentity")) {
    key(w, "EmailIdentity"), param(w, S("email-domain"), false);
  } else
    return false;
  return true;
}

/* A cache (serverless or on nodes) or a search domain, in the private subnets. */
static bool cache_search_props(Ctx *c, const IacResource *r, const char *t, int n, bool maz) {
  W *w = &c->w;
  (void)maz;
  if (!strcmp(t, "AWS::ElastiCache::ServerlessCache")) {
    key(w, "ServerlessCacheName"), str(w, nm(c, c->proj, "cache"));
    key(w, "Engine"), str(w, r->engine);
    if (r->port) {
      key(w, "SubnetIds"), subnet_list(c, false, iac_store_subnets(c->p, r));
      key(w, "SecurityGroupIds"), sg_ref(c, store_sg(c, r));
    }
  } else if (!strcmp(t, "AWS::ElastiCache::ReplicationGroup")) {
    key(w, "ReplicationGroupDescription"), strc(w, "cache");
    key(w, "Engine"), str(w, r->engine);
    key(w, "CacheNodeType"), str(w, r->instance_class);
    key(w, "NumCacheClusters"), num(w, n);
    key(w, "AutomaticFailoverEnabled"), boolean(w, n > 1);
    key(w, "MultiAZEnabled"), boolean(w, n > 1 && r->zones > 1);
    key(w, "TransitEncryptionEnabled"), boolean(w, true);
    key(w, "AtRestEncryptionEnabled"), boolean(w, true);
    if (r->port) {
      key(w, "CacheSubnetGroupName"), ref(w, nm(c, r->name, "subnets"));
      key(w, "SecurityGroupIds"), sg_ref(c, store_sg(c, r));
    }
  } else if (!strcmp(t, "AWS::OpenSearchService::Domain")) {
    key(w, "DomainName"), str(w, nm(c, c->proj, "search"));
    key(w, "ClusterConfig"), map(w);
    key(w, "InstanceType"), str(w, r->instance_class);
    key(w, "InstanceCount"), num(w, n);
    key(w, "ZoneAwarenessEnabled"), boolean(w, n > 1 && r->zones > 1);
    end(w);
    if (r->port) {
      key(w, "VPCOptions"), map(w);
      key(w, "SubnetIds"), subnet_list(c, false, iac_store_subnets(c->p, r));
      key(w, "SecurityGroupIds"), sg_ref(c, store_sg(c, r));
      end(w);
    }
    key(w, "EBSOptions"), map(w);
    key(w, "EBSEnabled"), boolean(w, true);
    key(w, "VolumeSize"), num(w, 10);
    end(w);
  } else
    return false;
  return true;
}

/* The relational store: a Multi-AZ DB cluster, an Aurora cluster or an instance. */
static bool db_props(Ctx *c, const IacResource *r, const char *t, int n, bool maz) {
  W *w = &c->w;
  (void)n;
  if (maz) {
    key(w, "Engine"), strc(w, "postgres");
    key(w, "DBClusterInstanceClass"), str(w, r->instance_class);
    key(w, "AllocatedStorage"), num(w, 100);
    key(w, "StorageType"), strc(w, "io1");
    key(w, "Iops"), num(w, 1000);
    key(w, "StorageEncrypted"), boolean(w, true);
    key(w, "MasterUsername"), strc(w, "app");
    key(w, "ManageMasterUserPassword"), boolean(w, true);
    key(w, "EnableIAMDatabaseAuthentication"), boolean(w, true);
    db_network(c, r, "VpcSecurityGroupIds");
  } else if (!strcmp(t, "AWS::RDS::DBCluster")) {
    key(w, "Engine"), strc(w, "aurora-postgresql");
    key(w, "StorageEncrypted"), boolean(w, true);
    key(w, "MasterUsername"), strc(w, "app");
    key(w, "ManageMasterUserPassword"), boolean(w, true);
    key(w, "EnableIAMDatabaseAuthentication"), boolean(w, true);
    key(w, "ServerlessV2ScalingConfiguration"), map(w);
    key(w, "MinCapacity"), num(w, iac_acu(r));
    key(w, "MaxCapacity"), num(w, iac_acu(r) * c->k->acu_factor);
    end(w);
    db_network(c, r, "VpcSecurityGroupIds");
  } else if (!strcmp(t, "AWS::RDS::DBInstance")) {
    key(w, "Engine"), strc(w, "postgres");
    key(w, "DBInstanceClass"), str(w, r->instance_class);
    key(w, "AllocatedStorage"), strc(w, "20");
    key(w, "MultiAZ"), boolean(w, r->standbys > 0);
    key(w, "StorageEncrypted"), boolean(w, true);
    key(w, "MasterUsername"), strc(w, "app");
    key(w, "ManageMasterUserPassword"), boolean(w, true);
    key(w, "EnableIAMDatabaseAuthentication"), boolean(w, true);
    db_network(c, r, "VPCSecurityGroups");
  } else
    return false;
  return true;
}

/* The CDN, the key-value table, the streams, the realtime API and the topic. */
static bool other_props(Ctx *c, const IacResource *r, const char *t, int n, bool maz) {
  W *w = &c->w;
  (void)maz;
  if (!strcmp(t, "AWS::CloudFront::Distribution")) {
    static const char *const get[] = {"GET", "HEAD"};
    key(w, "DistributionConfig"), map(w);
    key(w, "Enabled"), boolean(w, true);
    key(w, "Origins"), list(w), map(w);
    key(w, "Id"), strc(w, "api");
    key(w, "DomainName"), param(w, S("cdn-origin-host"), false);
    key(w, "CustomOriginConfig"), map(w);
    key(w, "OriginProtocolPolicy"), strc(w, "https-only");
    end(w), end(w), end(w);
    key(w, "DefaultCacheBehavior"), map(w);
    key(w, "TargetOriginId"), strc(w, "api");
    key(w, "ViewerProtocolPolicy"), strc(w, "redirect-to-https");
    key(w, "AllowedMethods"), strs(w, get, 2);
    key(w, "CachedMethods"), strs(w, get, 2);
    key(w, "ForwardedValues"), map(w);
    key(w, "QueryString"), boolean(w, false);
    end(w), end(w), end(w);
  } else if (!strcmp(t, "AWS::DynamoDB::Table")) {
    key(w, "BillingMode"), strc(w, "PAY_PER_REQUEST");
    key(w, "KeySchema"), list(w);
    map(w), key(w, "AttributeName"), strc(w, "pk"), key(w, "KeyType"), strc(w, "HASH"), end(w);
    map(w), key(w, "AttributeName"), strc(w, "sk"), key(w, "KeyType"), strc(w, "RANGE"), end(w);
    end(w);
    key(w, "AttributeDefinitions"), list(w);
    map(w), key(w, "AttributeName"), strc(w, "pk"), key(w, "AttributeType"), strc(w, "S"), end(w);
    map(w), key(w, "AttributeName"), strc(w, "sk"), key(w, "AttributeType"), strc(w, "S"), end(w);
    end(w);
  } else if (!strcmp(t, "AWS::Kinesis::Stream")) {
    key(w, "ShardCount"), num(w, iac_shards(r));
  } else if (!strcmp(t, "AWS::MSK::Cluster")) {
    key(w, "ClusterName"), str(w, nm(c, c->proj, "stream"));
    key(w, "KafkaVersion"), strc(w, "3.6.0");
    key(w, "NumberOfBrokerNodes"), num(w, n);
    key(w, "BrokerNodeGroupInfo"), map(w);
    key(w, "InstanceType"), str(w, r->instance_class);
    key(w, "ClientSubnets"), subnet_list(c, false, iac_store_subnets(c->p, r));
    if (r->port)
      key(w, "SecurityGroups"), sg_ref(c, store_sg(c, r));
    end(w);
  } else if (!strcmp(t, "AWS::MSK::ServerlessCluster")) {
    key(w, "ClusterName"), str(w, nm(c, c->proj, "stream"));
    key(w, "ClientAuthentication"), map(w), key(w, "Sasl"), map(w), key(w, "Iam"), map(w);
    key(w, "Enabled"), boolean(w, true);
    end(w), end(w), end(w);
    key(w, "VpcConfigs"), list(w), map(w), key(w, "SubnetIds"), subnets(c);
    if (r->port)
      key(w, "SecurityGroups"), sg_ref(c, store_sg(c, r));
    end(w), end(w);
  } else if (!strcmp(t, "AWS::AppSync::GraphQLApi")) {
    key(w, "Name"), str(w, nm(c, c->proj, "realtime"));
    key(w, "AuthenticationType"), strc(w, "AMAZON_COGNITO_USER_POOLS");
  } else if (!strcmp(t, "AWS::SNS::Topic")) {
    key(w, "TopicName"), str(w, nm(c, c->proj, "events"));
  } else
    return false;
  return true;
}

/* What a component brings along: an Aurora cluster's instances, an
 * instance's read replicas, a user pool's client. */
static void companions(Ctx *c, const IacResource *r, const char *t, int n, bool maz) {
  W *w = &c->w;
  if (!strcmp(t, "AWS::RDS::DBCluster") && !maz)
    for (int i = 0; i < n; i++) {
      char tail[32];
      snprintf(tail, sizeof tail, "%d", i);
      res(c, nm(c, r->name, tail), "AWS::RDS::DBInstance", i ? NULL : "the cluster's instances: writer and standbys");
      key(w, "DBClusterIdentifier"), ref(w, r->name);
      key(w, "DBInstanceClass"), strc(w, "db.serverless");
      key(w, "Engine"), strc(w, "aurora-postgresql");
      res_end(c);
    }
  if (!strcmp(t, "AWS::RDS::DBInstance"))
    for (int i = 0; i < r->replicas; i++) {
      char tail[32];
      snprintf(tail, sizeof tail, "replica-%d", i);
      res(c, nm(c, r->name, tail), "AWS::RDS::DBInstance", i ? NULL : "read replicas");
      key(w, "SourceDBInstanceIdentifier"), ref(w, r->name);
      key(w, "DBInstanceClass"), str(w, r->instance_class);
      if (r->port)
        key(w, "VPCSecurityGroups"), sg_ref(c, store_sg(c, r));
      res_end(c);
    }
  if (!strcmp(t, "AWS::Cognito::UserPool")) {
    res(c, nm(c, r->name, "client"), "AWS::Cognito::UserPoolClient", NULL);
    key(w, "UserPoolId"), ref(w, r->name);
    key(w, "GenerateSecret"), boolean(w, false);
    res_end(c);
  }
}

void cfn_component(Ctx *c, const IacResource *r) {
  char t[96];
  snprintf(t, sizeof t, "%.*s", (int)(r->cfn.n < 95 ? r->cfn.n : 95), r->cfn.p);
  int n = r->instances > 0 ? r->instances : 1;
  char comment[256];
  snprintf(comment, sizeof comment, "%.*s: %.*s%s%.*s", STRF(r->slot), STRF(r->choice->tech->name),
           r->size.n ? ", sized as " : "", STRF(r->size));
  /* A writer and two or more readable standbys: a Multi-AZ DB cluster. */
  bool maz = !strcmp(t, "AWS::RDS::DBInstance") && r->standbys >= 2;
  if (maz)
    snprintf(t, sizeof t, "AWS::RDS::DBCluster");
  res(c, r->name, t, comment);
  if (!edge_props(c, r, t, n, maz) && !cache_search_props(c, r, t, n, maz) && !db_props(c, r, t, n, maz))
    other_props(c, r, t, n, maz);
  res_end(c);
  companions(c, r, t, n, maz);
}

bool cfn_has_secrets(const Plan *p) {
  for (int i = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret)
      return true;
  return false;
}

/* The secret settings in Secrets Manager, for the tasks (their parameters
 * fill them once; the containers read them at start, not from the template). */
void cfn_secrets(Ctx *c) {
  W *w = &c->w;
  bool first = true;
  for (int i = 0; i < c->p->api.nenv; i++) {
    const EnvVar *e = &c->p->api.env[i];
    if (!e->secret)
      continue;
    res(c, nm(c, e->name, "secret"), "AWS::SecretsManager::Secret",
        first ? "the secret settings in Secrets Manager, read by the tasks' execution role" : NULL);
    key(w, "SecretString"), param(w, e->name, false);
    res_end(c);
    first = false;
  }
}

/* The load balancer's target group for the deployable it forwards to
 * (Kit.lb_deploy) and its HTTPS listener: Fargate tasks by IP, declared
 * before them and let in on their port from the load balancer's group;
 * a function after it, allowed to be invoked by the load balancer (no
 * SourceArn: the target group's ARN would make a cycle, as the group
 * registers the function only once it is allowed). */
void cfn_listener(Ctx *c, bool before_compute) {
  const Kit *k = c->k;
  W *w = &c->w;
  const IacResource *gw = iac_res(k, "gateway");
  if (k->lb_deploy < 0 || !gw || !str_eqc(gw->cfn, "AWS::ElasticLoadBalancingV2::LoadBalancer") ||
      before_compute != str_eqc(k->lb_target, "ip"))
    return;
  Str u = k->deploys[k->lb_deploy];
  char comment[200], perm[160];
  snprintf(comment, sizeof comment, "the load balancer's HTTPS listener, forwarding to %.*s", (int)(u.n < 120 ? u.n : 120), u.p);
  if (before_compute) {
    res(c, nm(c, u, "targets"), "AWS::ElasticLoadBalancingV2::TargetGroup", comment);
    key(w, "TargetType"), strc(w, "ip");
    key(w, "Port"), num(w, 8080);
    key(w, "Protocol"), strc(w, "HTTP");
    key(w, "VpcId"), ref(w, S("vpc"));
    key(w, "HealthCheckPath"), strc(w, "/health");
    res_end(c);
    if (k->deploy_sg[k->lb_deploy]) {
      res(c, nm(c, u, "from-load-balancer"), "AWS::EC2::SecurityGroupIngress", NULL);
      key(w, "GroupId"), att(w, nm(c, u, "sg"), "GroupId");
      key(w, "IpProtocol"), strc(w, "tcp");
      key(w, "FromPort"), num(w, 8080);
      key(w, "ToPort"), num(w, 8080);
      key(w, "SourceSecurityGroupId"), att(w, S("load-balancer-sg"), "GroupId");
      key(w, "Description"), strc(w, "requests from the load balancer");
      res_end(c);
    }
  } else {
    Str pn = nm(c, u, "from-load-balancer");
    snprintf(perm, sizeof perm, "%.*s", (int)(pn.n < 150 ? pn.n : 150), pn.p);
    res(c, pn, "AWS::Lambda::Permission", comment);
    key(w, "Action"), strc(w, "lambda:InvokeFunction");
    key(w, "FunctionName"), att(w, nm(c, u, "fn"), "Arn");
    key(w, "Principal"), strc(w, "elasticloadbalancing.amazonaws.com");
    res_end(c);
    c->dep = perm;
    res(c, nm(c, u, "targets"), "AWS::ElasticLoadBalancingV2::TargetGroup", NULL);
    key(w, "TargetType"), strc(w, "lambda");
    key(w, "Targets"), list(w), map(w), key(w, "Id"), att(w, nm(c, u, "fn"), "Arn"), end(w), end(w);
    res_end(c);
  }
  res(c, S("https-listener"), "AWS::ElasticLoadBalancingV2::Listener", NULL);
  key(w, "LoadBalancerArn"), ref(w, gw->name);
  key(w, "Port"), num(w, 443);
  key(w, "Protocol"), strc(w, "HTTPS");
  key(w, "SslPolicy"), strc(w, "ELBSecurityPolicy-TLS13-1-2-2021-06");
  key(w, "Certificates"), list(w), map(w), key(w, "CertificateArn"), param(w, S("certificate-arn"), false), end(w), end(w);
  key(w, "DefaultActions"), list(w), map(w);
  key(w, "Type"), strc(w, "forward");
  key(w, "TargetGroupArn"), ref(w, nm(c, u, "targets"));
  end(w), end(w);
  res_end(c);
}
