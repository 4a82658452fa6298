/* infra/ in Pulumi (TypeScript) on AWS: Pulumi.yaml, package.json,
 * tsconfig.json and index.ts, printed from the plan's Kit: the network,
 * every managed component sized by the topology, one least-privilege role
 * per deployable, the compute and the paths into the stores. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra_dual.h"

static const Kit *kit(const Plan *p) { return p->kit; }
static Str dash_name(const Plan *p) { return p->kit->project_id; }
#define comment_name iac_comment_name
#define ts_ident iac_ts_ident
#define ts_str iac_ts_str
#define word iac_word
#define res_of iac_res
#define ddb_attrs iac_ddb_attrs
#define db_user_named iac_db_user_named
#define statements iac_print_statements

/* ---- policy statements in TypeScript ---- */

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
static const IacDialect pulumi_dialect = {"    { Effect: \"Allow\", Action: ", ", Resource: ", " },\n", iac_ts_str,
                                       ts_queue, ts_objects, ts_arn, ts_indexes, ts_dbuser, pulumi_type};
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

/* The network of Plan.net (infra_awsnet.c, shared with the HCL writer). */
static void pulumi_network(const Plan *p, Buf *o) {
  D d = {.o = o, .ts = true};
  iac_aws_network(p, &d);
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

/* The paths into the stores (infra_awsnet.c). */
static void pulumi_paths(const Plan *p, Buf *o) {
  D d = {.o = o, .ts = true};
  iac_aws_paths(p, &d);
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
    buf_printf(o, "{ name: \"%.*s-cache\", engine: \"%.*s\" }", STRF(proj), STRF(r->engine));
  else if (str_eqc(kind, "aws.elasticache.ReplicationGroup"))
    buf_printf(o, "{ replicationGroupId: \"%.*s-cache\", description: \"cache\", engine: \"%.*s\", nodeType: \"%.*s\", "
                  "numCacheClusters: %d, automaticFailoverEnabled: %s, multiAzEnabled: %s, "
                  "transitEncryptionEnabled: true, atRestEncryptionEnabled: true }",
               STRF(proj), STRF(r->engine), STRF(r->instance_class), n,
               n > 1 ? "true" : "false", n > 1 && r->zones > 1 ? "true" : "false");
  else if (str_eqc(kind, "aws.opensearch.Domain"))
    buf_printf(o, "{ domainName: \"%.*s-search\", clusterConfig: { instanceType: \"%.*s\", instanceCount: %d, "
                  "zoneAwarenessEnabled: %s }, ebsOptions: { ebsEnabled: true, volumeSize: 10 } }",
               STRF(proj), STRF(r->instance_class), n, r->zones > 1 && n > 1 ? "true" : "false");
  else if (str_eqc(kind, "aws.rds.Cluster"))
    buf_printf(o, "{ clusterIdentifier: \"%.*s-db\", engine: \"aurora-postgresql\", engineMode: \"provisioned\", "
                  "storageEncrypted: true, masterUsername: \"app\", manageMasterUserPassword: true, iamDatabaseAuthenticationEnabled: true, "
                  "serverlessv2ScalingConfiguration: { minCapacity: %g, maxCapacity: %g } }",
               STRF(proj), iac_acu(r), iac_acu(r) * kit(p)->acu_factor);
  else if (str_eqc(kind, "aws.rds.Instance") && r->standbys >= 2)
    buf_printf(o, "{ clusterIdentifier: \"%.*s-db\", engine: \"postgres\", dbClusterInstanceClass: \"%.*s\", "
                  "allocatedStorage: 100, storageType: \"io1\", iops: 1000, storageEncrypted: true, "
                  "masterUsername: \"app\", manageMasterUserPassword: true, iamDatabaseAuthenticationEnabled: true }",
               STRF(proj), STRF(r->instance_class));
  else if (str_eqc(kind, "aws.rds.Instance"))
    buf_printf(o, "{ identifier: \"%.*s-db\", engine: \"postgres\", instanceClass: \"%.*s\", "
                  "allocatedStorage: 20, multiAz: %s, storageEncrypted: true, username: \"app\", manageMasterUserPassword: true, iamDatabaseAuthenticationEnabled: true }",
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
  else if (str_eqc(kind, "aws.sns.PlatformApplication"))
    /* Firebase Cloud Messaging (SNS calls it GCM) reaches Android and iOS; its key is a secret setting. */
    buf_printf(o, "{ name: \"%.*s-%.*s\", platform: \"GCM\", platformCredential: %s }", STRF(proj), STRF(r->name),
               iac_has_setting(p, "PUSH_CREDENTIALS") ? "cfgPushCredentials" : "config.requireSecret(\"PUSH_CREDENTIALS\")");
  else if (str_eqc(kind, "aws.appsync.GraphQLApi")) {
    /* Clients sign in where the API's users do: the user pool declared before it, else the token issuer. */
    const IacResource *auth = res_of(kit(p), "auth");
    buf_printf(o, "{ name: \"%.*s-%.*s\", ", STRF(proj), STRF(r->name));
    if (auth && str_eqc(auth->kind, "aws.cognito.UserPool") && auth < r) {
      buf_puts(o, "authenticationType: \"AMAZON_COGNITO_USER_POOLS\", userPoolConfig: { userPoolId: ");
      ts_ident(o, auth->name, false);
      buf_puts(o, ".id, defaultAction: \"ALLOW\" } }");
    } else
      buf_puts(o, "authenticationType: \"OPENID_CONNECT\", openidConnectConfig: { issuer: config.require(\"AUTH_ISSUER\") } }");
  } else
    buf_printf(o, "{ name: \"%.*s-%.*s\" }", STRF(proj), STRF(r->name));
}

static void pulumi_name(Buf *o, Str a, const char *suffix) {
  Buf b = {0};
  buf_printf(&b, "%.*s%s", STRF(a), suffix);
  ts_str(o, buf_view(&b));
  buf_free(&b);
}

static bool pulumi_has_secrets(const Plan *p) {
  for (int i = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret)
      return true;
  return false;
}

/* The secret settings in Secrets Manager, filled from their config
 * secrets; the tasks' execution role reads them, those only. */
static void pulumi_secrets(const Plan *p, Buf *o) {
  if (!pulumi_has_secrets(p))
    return;
  buf_puts(o, "// the secret settings in Secrets Manager, read by the tasks' execution role\nconst secretNames = [");
  for (int i = 0, n = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret) {
      buf_puts(o, n++ ? ", " : "");
      ts_str(o, p->api.env[i].name);
    }
  buf_puts(o, "];\n");
  for (int i = 0; i < p->api.nenv; i++) {
    Str e = p->api.env[i].name;
    if (!p->api.env[i].secret)
      continue;
    buf_puts(o, "const ");
    ts_ident(o, e, false);
    buf_puts(o, "Secret = new aws.secretsmanager.Secret(");
    pulumi_name(o, e, "-secret");
    buf_puts(o, ", {});\nnew aws.secretsmanager.SecretVersion(");
    pulumi_name(o, e, "-value");
    buf_puts(o, ", { secretId: ");
    ts_ident(o, e, false);
    buf_puts(o, "Secret.id, secretString: cfg");
    ts_ident(o, e, true);
    buf_puts(o, " });\n");
  }
  buf_puts(o, "new aws.iam.RolePolicy(\"execution-secrets\", { role: executionRole.id, policy: pulumi.jsonStringify({ "
              "Version: \"2012-10-17\", Statement: [{ Effect: \"Allow\", Action: \"secretsmanager:GetSecretValue\", Resource: [");
  for (int i = 0, n = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret) {
      buf_puts(o, n++ ? ", " : "");
      ts_ident(o, p->api.env[i].name, false);
      buf_puts(o, "Secret.arn");
    }
  buf_puts(o, "] }] }) });\n");
}

/* A container definition list as JSON text: the deployable's image on port
 * 8080 with the non-secret settings (secrets come from the deploy's secret store). */
static void pulumi_containers(Buf *o, const Plan *p, Str name) {
  buf_puts(o, "pulumi.jsonStringify([{ name: ");
  ts_str(o, name);
  buf_puts(o, ", image: ");
  pulumi_name(o, name, ":latest");
  buf_puts(o, ", essential: true, portMappings: [{ containerPort: 8080 }], environment: Object.entries(settings)");
  if (!pulumi_has_secrets(p)) {
    buf_puts(o, ".map(([name, value]) => ({ name, value })) }])");
    return;
  }
  /* the secrets from Secrets Manager, not the environment */
  buf_puts(o, ".filter(([name]) => !secretNames.includes(name)).map(([name, value]) => ({ name, value })),\n    secrets: [");
  for (int i = 0, n = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret) {
      buf_puts(o, n++ ? ", { name: " : "{ name: ");
      ts_str(o, p->api.env[i].name);
      buf_puts(o, ", valueFrom: ");
      ts_ident(o, p->api.env[i].name, false);
      buf_puts(o, "Secret.arn }");
    }
  buf_puts(o, "] }])");
}

/* One function: its role, runtime, memory, timeout, code and settings; in the private subnets when it reaches a store there. */
static void pulumi_lambda(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  const Kit *k = kit(p);
  if (k->lb_deploy == d) {   /* named: the load balancer's target */
    buf_puts(o, "const ");
    ts_ident(o, nm, false);
    buf_puts(o, "Function = ");
  }
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
  (void)cr;
}

/* One App Runner service, with a VPC connector when it reaches a store in the private subnets. */
static void pulumi_apprunner(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  const Kit *k = kit(p);
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
}

/* One Fargate task and service, scaled on CPU from the topology's count up to the scalability margin. */
static void pulumi_ecs(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  const Kit *k = kit(p);
  int n = cr->instances > 0 ? cr->instances : 1;
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
  buf_puts(o, "assignPublicIp: false },\n");
  if (k->lb_deploy == d) {
    buf_puts(o, "  loadBalancers: [{ targetGroupArn: ");
    ts_ident(o, nm, false);
    buf_puts(o, "Targets.arn, containerName: ");
    ts_str(o, nm);
    buf_puts(o, ", containerPort: 8080 }],\n}, { dependsOn: [httpsListener] });\n");
  } else
    buf_puts(o, "});\n");
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
}

/* One unit's pods on EKS: its service account assumes its role. */
static void pulumi_pod_identity(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  buf_puts(o, "new aws.eks.PodIdentityAssociation(");
  pulumi_name(o, nm, "-identity");
  buf_puts(o, ", { clusterName: cluster.name, namespace: \"default\", serviceAccount: ");
  ts_str(o, nm);
  buf_puts(o, ", roleArn: ");
  ts_ident(o, nm, false);
  buf_puts(o, "Role.arn });\n");
  (void)p, (void)cr, (void)d;
}

/* The EKS cluster, its pod identity agent and its node group, sized by the topology. */
static void pulumi_eks(const Plan *p, Buf *o, const IacResource *cr, int n) {
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
  if (str_eqc(cr->kind, "aws.ecs.Service"))
    pulumi_secrets(p, o);
  if (str_eqc(cr->kind, "aws.eks.Cluster"))
    pulumi_eks(p, o, cr, n);
  for (int d = 0; d < ndep; d++) {
    Str nm = dep[d].name;
    if (str_eqc(cr->kind, "aws.lambda.Function"))
      pulumi_lambda(p, o, cr, nm, d);
    else if (str_eqc(cr->kind, "aws.apprunner.Service"))
      pulumi_apprunner(p, o, cr, nm, d);
    else if (str_eqc(cr->kind, "aws.ecs.Service"))
      pulumi_ecs(p, o, cr, nm, d);
    else if (str_eqc(cr->kind, "aws.eks.Cluster"))
      pulumi_pod_identity(p, o, cr, nm, d);
  }
}


/* Every managed component but those declared apart, sized by the topology;
 * an outside service as a comment (reached through its settings). */
static void pulumi_components(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
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
}

/* Queues: one per event the plan carries on SQS, each with its dead-letter queue. */
static void pulumi_queues(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
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
}

/* Roles: one per deployable, with only the actions its units' stores
 * need; a stack on another cloud grants access in that cloud (returns 0
 * deployables for the compute to declare). */
static int pulumi_roles(const Plan *p, Buf *o, const IacDeployable *dep, int ndep) {
  const Kit *k = kit(p);
  const Choice *compute = plan_choice(p, "compute");
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
  return ndep;
}

/* The CloudWatch alarms of alerts.yaml, and the stack's outputs. */
static void pulumi_alarms_outputs(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
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

/* The load balancer's HTTPS listener and the target group of the
 * deployable it forwards to (Kit.lb_deploy), before the compute; Fargate
 * tasks let in on their port from the load balancer's group. */
static void pulumi_listener(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  const IacResource *gw = res_of(k, "gateway");
  if (k->lb_deploy < 0 || !gw || !str_eqc(gw->kind, "aws.lb.LoadBalancer"))
    return;
  Str nm = k->deploys[k->lb_deploy];
  bool ip = str_eqc(k->lb_target, "ip");
  buf_puts(o, "\n// ---- the load balancer's HTTPS listener, forwarding to ");
  for (ptrdiff_t i = 0; i < nm.n; i++)
    buf_putc(o, nm.p[i] == '\n' ? ' ' : nm.p[i]);
  buf_puts(o, " ----\nconst ");
  ts_ident(o, nm, false);
  buf_puts(o, "Targets = new aws.lb.TargetGroup(");
  pulumi_name(o, nm, "-targets");
  if (ip)
    buf_puts(o, ", { targetType: \"ip\", port: 8080, protocol: \"HTTP\", vpcId: vpc.id, healthCheck: { path: \"/health\" } });\n");
  else
    buf_puts(o, ", { targetType: \"lambda\" });\n");
  if (ip && k->deploy_sg[k->lb_deploy]) {
    buf_puts(o, "new aws.ec2.SecurityGroupRule(");
    pulumi_name(o, nm, "-from-load-balancer");
    buf_puts(o, ", { type: \"ingress\", securityGroupId: ");
    pulumi_sg(o, nm, "sg");
    buf_puts(o, ".id, protocol: \"tcp\", fromPort: 8080, toPort: 8080, sourceSecurityGroupId: loadBalancerSg.id, "
                "description: \"requests from the load balancer\" });\n");
  }
  buf_puts(o, "const httpsListener = new aws.lb.Listener(\"https\", { loadBalancerArn: ");
  ts_ident(o, gw->name, false);
  buf_puts(o, ".arn, port: 443, protocol: \"HTTPS\", sslPolicy: \"ELBSecurityPolicy-TLS13-1-2-2021-06\", "
              "certificateArn: config.require(\"certificateArn\"), defaultActions: [{ type: \"forward\", targetGroupArn: ");
  ts_ident(o, nm, false);
  buf_puts(o, "Targets.arn }] });\n");
}

/* A function behind the load balancer: allowed to be invoked by its
 * target group, and registered in it. */
static void pulumi_lb_function(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  const IacResource *gw = res_of(k, "gateway");
  if (k->lb_deploy < 0 || !gw || !str_eqc(gw->kind, "aws.lb.LoadBalancer") || !str_eqc(k->lb_target, "lambda"))
    return;
  Str nm = k->deploys[k->lb_deploy];
  buf_puts(o, "const ");
  ts_ident(o, nm, false);
  buf_puts(o, "FromLoadBalancer = new aws.lambda.Permission(");
  pulumi_name(o, nm, "-from-load-balancer");
  buf_puts(o, ", { action: \"lambda:InvokeFunction\", function: ");
  ts_ident(o, nm, false);
  buf_puts(o, "Function.name, principal: \"elasticloadbalancing.amazonaws.com\", sourceArn: ");
  ts_ident(o, nm, false);
  buf_puts(o, "Targets.arn });\nnew aws.lb.TargetGroupAttachment(");
  pulumi_name(o, nm, "-target");
  buf_puts(o, ", { targetGroupArn: ");
  ts_ident(o, nm, false);
  buf_puts(o, "Targets.arn, targetId: ");
  ts_ident(o, nm, false);
  buf_puts(o, "Function.arn }, { dependsOn: [");
  ts_ident(o, nm, false);
  buf_puts(o, "FromLoadBalancer] });\n");
}

static void pulumi_index(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  int ndep = 0;
  IacDeployable *dep = iac_deployables(p, &ndep);
  buf_puts(o, "// Infrastructure of ");
  comment_name(o, p);
  buf_puts(o, " (Pulumi, TypeScript), written by plinth plan: every chosen managed component with the plan's sizes,\n"
              "// one least-privilege role per deployable unit, and the settings of .env.example as config (secrets marked).\n"
              "// Outside services (no AWS resource) are configured through their settings only.\n"
              "import * as fs from \"fs\";\nimport * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\n"
              "const config = new pulumi.Config();\n");
  iac_pulumi_settings(p, o);
  if (db_user_named(k))
    buf_puts(o, "const region = aws.getRegion().then((r) => r.name);\n"
                "const accountId = aws.getCallerIdentity().then((c) => c.accountId);\n");
  pulumi_network(p, o);
  pulumi_components(p, o);
  pulumi_queues(p, o);
  ndep = pulumi_roles(p, o, dep, ndep);
  pulumi_listener(p, o);
  pulumi_compute(p, o, dep, ndep);
  pulumi_lb_function(p, o);
  pulumi_paths(p, o);
  free(dep);
  pulumi_alarms_outputs(p, o);
}

void iac_pulumi(const Plan *p, OutFiles *out) {
  Str proj = dash_name(p);
  bool gcp = str_eqc(p->cloud, "gcp"), azure = str_eqc(p->cloud, "azure");
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
                 "  \"dependencies\": { \"@pulumi/pulumi\": \"^3\", %s }\n}\n",
             STRF(proj), gcp ? "\"@pulumi/gcp\": \"^9\"" : azure ? "\"@pulumi/azure\": \"^6\"" : "\"@pulumi/aws\": \"^7\"");
  Buf *ts = outfiles_add(out, "infra/tsconfig.json");
  buf_puts(ts, "{\n  \"compilerOptions\": {\n    \"strict\": true,\n    \"target\": \"es2020\",\n"
               "    \"module\": \"commonjs\",\n    \"moduleResolution\": \"node\",\n    \"esModuleInterop\": true,\n"
               "    \"noEmit\": true\n  },\n  \"files\": [\"index.ts\"]\n}\n");
  if (gcp)
    iac_gcp(p, outfiles_add(out, "infra/index.ts"), true);
  else if (azure)
    iac_azure(p, outfiles_add(out, "infra/index.ts"), true);
  else
    pulumi_index(p, outfiles_add(out, "infra/index.ts"));
}
