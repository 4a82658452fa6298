/* The managed components of the CloudFormation stack (cfn.c): each chosen
 * component as its resource, sized by the topology, in the private subnets
 * with its security group when the network holds it, written once through
 * W for both the AWS CDK app and the SAM template. */
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
    key(w, "Engine"), strc(w, "redis");
    if (r->port) {
      key(w, "SubnetIds"), subnet_list(c, false, iac_store_subnets(c->p, r));
      key(w, "SecurityGroupIds"), sg_ref(c, store_sg(c, r));
    }
  } else if (!strcmp(t, "AWS::ElastiCache::ReplicationGroup")) {
    key(w, "ReplicationGroupDescription"), strc(w, "cache");
    key(w, "Engine"), str(w, r->engine.n ? r->engine : S("redis"));
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
