/* infra/main.tf: Terraform or OpenTofu (HCL) on AWS, printed from the
 * plan's Kit: the network, every managed component sized by the topology,
 * one least-privilege role per deployable, the compute and the paths into
 * the stores. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra_dual.h"

static const Kit *kit(const Plan *p) { return p->kit; }
static Str dash_name(const Plan *p) { return p->kit->project_id; }
#define comment_name iac_comment_name
#define comment_str esc_comment
#define word iac_word
#define res_of iac_res
#define tf_ident iac_tf_ident
#define tf_str iac_tf_str
#define ddb_attrs iac_ddb_attrs
#define db_user_named iac_db_user_named
#define statements iac_print_statements

static bool tf_has_secrets(const Plan *p) {
  for (int i = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret)
      return true;
  return false;
}

/* ---- policy statements in HCL ---- */

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
static const IacDialect hcl_dialect = {"      { Effect = \"Allow\", Action = ", ", Resource = ", " },\n", tf_str, tf_queue,
                                    tf_objects, tf_arn, tf_indexes, tf_dbuser, tf_type};


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
                  "  security_groups    = [aws_security_group.load_balancer_sg.id]\n", STRF(proj));
  else if (str_eqc(t, "aws_s3_bucket"))
    buf_printf(o, "  bucket = \"%.*s-uploads\"\n", STRF(proj));
  else if (str_eqc(t, "aws_cognito_user_pool"))
    buf_printf(o, "  name                     = \"%.*s-users\"\n  username_attributes      = [\"email\"]\n"
                  "  auto_verified_attributes = [\"email\"]\n", STRF(proj));
  else if (str_eqc(t, "aws_sesv2_email_identity"))
    buf_puts(o, "  email_identity = var.email_domain\n");
  else if (str_eqc(t, "aws_elasticache_serverless_cache"))
    buf_printf(o, "  name   = \"%.*s-cache\"\n  engine = \"%.*s\"\n", STRF(proj), STRF(r->engine));
  else if (str_eqc(t, "aws_elasticache_replication_group"))
    buf_printf(o, "  replication_group_id       = \"%.*s-cache\"\n  description                = \"cache\"\n"
                  "  engine                     = \"%.*s\"\n  node_type                  = \"%.*s\"\n"
                  "  num_cache_clusters         = %d\n  automatic_failover_enabled = %s\n"
                  "  multi_az_enabled           = %s\n  transit_encryption_enabled = true\n"
                  "  at_rest_encryption_enabled = true\n",
               STRF(proj), STRF(r->engine), STRF(r->instance_class), n,
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
                  "  manage_master_user_password = true\n  iam_database_authentication_enabled = true\n  serverlessv2_scaling_configuration {\n"
                  "    min_capacity = %g\n    max_capacity = %g\n  }\n", STRF(proj), iac_acu(r),
               iac_acu(r) * kit(p)->acu_factor);
  else if (str_eqc(t, "aws_db_instance") && r->standbys >= 2)
    buf_printf(o, "  cluster_identifier          = \"%.*s-db\"\n  engine                      = \"postgres\"\n"
                  "  db_cluster_instance_class   = \"%.*s\"\n  allocated_storage           = 100\n"
                  "  storage_type                = \"io1\"\n  iops                        = 1000\n"
                  "  storage_encrypted           = true\n  master_username             = \"app\"\n"
                  "  manage_master_user_password = true\n  iam_database_authentication_enabled = true\n", STRF(proj), STRF(r->instance_class));
  else if (str_eqc(t, "aws_db_instance"))
    buf_printf(o, "  identifier                  = \"%.*s-db\"\n  engine                      = \"postgres\"\n"
                  "  instance_class              = \"%.*s\"\n  allocated_storage           = 20\n"
                  "  multi_az                    = %s\n  storage_encrypted           = true\n"
                  "  username                    = \"app\"\n"
                  "  manage_master_user_password = true\n  iam_database_authentication_enabled = true\n", STRF(proj), STRF(r->instance_class),
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
      tf_named(o, r->name, "_store_sg.id");
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
  else if (str_eqc(t, "aws_sns_platform_application")) {
    /* Firebase Cloud Messaging (SNS calls it GCM) reaches Android and iOS; its key is a secret setting. */
    buf_printf(o, "  name     = \"%.*s-%.*s\"\n  platform = \"GCM\"\n", STRF(proj), STRF(r->name));
    if (iac_has_setting(p, "PUSH_CREDENTIALS"))
      buf_puts(o, "  platform_credential = var.PUSH_CREDENTIALS\n");
  } else if (str_eqc(t, "aws_appsync_graphql_api")) {
    /* Clients sign in where the API's users do: the user pool, else the token issuer. */
    const IacResource *auth = res_of(kit(p), "auth");
    buf_printf(o, "  name                = \"%.*s-%.*s\"\n", STRF(proj), STRF(r->name));
    if (auth && str_eqc(auth->tf, "aws_cognito_user_pool")) {
      buf_puts(o, "  authentication_type = \"AMAZON_COGNITO_USER_POOLS\"\n  user_pool_config {\n    user_pool_id   = aws_cognito_user_pool.");
      tf_ident(o, auth->name);
      buf_puts(o, ".id\n    default_action = \"ALLOW\"\n  }\n");
    } else if (iac_has_setting(p, "AUTH_ISSUER"))
      buf_puts(o, "  authentication_type = \"OPENID_CONNECT\"\n  openid_connect_config {\n    issuer = var.AUTH_ISSUER\n  }\n");
    else
      buf_puts(o, "  authentication_type = \"AWS_IAM\"\n");
  } else
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

/* The network of Plan.net (infra_awsnet.c, shared with the Pulumi writer). */
static void terraform_network(const Plan *p, Buf *o) {
  D d = {.o = o, .ts = false};
  iac_aws_network(p, &d);
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
  tf_named(&sg, r->name, "_store_sg.id]");
  if (str_eqc(t, "aws_db_instance") || str_eqc(t, "aws_rds_cluster")) {
    buf_puts(o, "  db_subnet_group_name   = aws_db_subnet_group.");
    tf_named(o, r->name, "_subnets");
    buf_printf(o, ".name\n  vpc_security_group_ids = %.*s\n", STRF(buf_view(&sg)));
  } else if (str_eqc(t, "aws_elasticache_replication_group")) {
    buf_puts(o, "  subnet_group_name  = aws_elasticache_subnet_group.");
    tf_named(o, r->name, "_subnets");
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

/* The paths into the stores (infra_awsnet.c). */
static void terraform_paths(const Plan *p, Buf *o) {
  D d = {.o = o, .ts = false};
  iac_aws_paths(p, &d);
}

/* One function: its role, runtime, memory, timeout, code and settings; in the private subnets when it reaches a store there. */
static void terraform_lambda(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
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
    tf_named(o, nm, "_sg");
    buf_puts(o, ".id]\n  }\n");
  }
  buf_puts(o, "}\n\n");
  (void)cr;
}

/* One App Runner service, with a VPC connector when it reaches a store in the private subnets. */
static void terraform_apprunner(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
  if (k->deploy_sg[d]) {
    buf_puts(o, "resource \"aws_apprunner_vpc_connector\" \"");
    tf_ident(o, nm);
    buf_puts(o, "\" {\n  vpc_connector_name = ");
    tf_name(o, proj, nm);
    buf_puts(o, "\n  subnets            = local.subnet_ids\n  security_groups    = [aws_security_group.");
    tf_named(o, nm, "_sg");
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
}

/* One Fargate task and service, scaled on CPU from the topology's count up to the scalability margin. */
static void terraform_ecs(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
  int n = cr->instances > 0 ? cr->instances : 1;
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
              "    environment  = [for k, v in local.settings : { name = k, value = v }");
  if (tf_has_secrets(p)) {
    /* the secrets from Secrets Manager, not the environment */
    buf_puts(o, " if !contains([");
    for (int i = 0, n1 = 0; i < p->api.nenv; i++)
      if (p->api.env[i].secret) {
        buf_puts(o, n1++ ? ", " : "");
        tf_str(o, p->api.env[i].name);
      }
    buf_puts(o, "], k)]\n    secrets      = [");
    for (int i = 0, n1 = 0; i < p->api.nenv; i++)
      if (p->api.env[i].secret) {
        buf_puts(o, n1++ ? ", " : "");
        buf_puts(o, "{ name = ");
        tf_str(o, p->api.env[i].name);
        buf_puts(o, ", valueFrom = aws_secretsmanager_secret.");
        tf_ident(o, p->api.env[i].name);
        buf_puts(o, ".arn }");
      }
  }
  buf_puts(o, "]\n  }])\n}\n\nresource \"aws_ecs_service\" \"");
  tf_ident(o, nm);
  buf_puts(o, "\" {\n  name            = ");
  tf_str(o, nm);
  buf_puts(o, "\n  cluster         = aws_ecs_cluster.cluster.id\n  task_definition = aws_ecs_task_definition.");
  tf_ident(o, nm);
  buf_printf(o, ".arn\n  desired_count   = %d\n  launch_type     = \"FARGATE\"\n  network_configuration {\n"
                "    subnets         = local.subnet_ids\n", n);
  if (k->deploy_sg[d]) {
    buf_puts(o, "    security_groups = [aws_security_group.");
    tf_named(o, nm, "_sg");
    buf_puts(o, ".id]\n");
  }
  buf_puts(o, "  }\n");
  if (k->lb_deploy == d) {
    buf_puts(o, "  load_balancer {\n    target_group_arn = aws_lb_target_group.");
    tf_ident(o, nm);
    buf_puts(o, ".arn\n    container_name   = ");
    tf_str(o, nm);
    buf_puts(o, "\n    container_port   = 8080\n  }\n  depends_on = [aws_lb_listener.https]\n");
  }
  buf_puts(o, "}\n\n");
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
}

/* One unit's pods on EKS: its service account assumes its role. */
static void terraform_pod_identity(const Plan *p, Buf *o, const IacResource *cr, Str nm, int d) {
  buf_puts(o, "resource \"aws_eks_pod_identity_association\" \"");
  tf_ident(o, nm);
  buf_puts(o, "\" {\n  cluster_name    = aws_eks_cluster.cluster.name\n  namespace       = \"default\"\n"
              "  service_account = ");
  tf_str(o, nm);
  buf_puts(o, "\n  role_arn        = aws_iam_role.");
  tf_ident(o, nm);
  buf_puts(o, ".arn\n}\n\n");
  (void)p, (void)cr, (void)d;
}

/* The EKS cluster, its roles, its pod identity agent and its node group, sized by the topology. */
static void terraform_eks(const Plan *p, Buf *o, const IacResource *cr, int n) {
  Str proj = dash_name(p);
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

/* The secret settings in Secrets Manager, filled from their sensitive
 * variables; the tasks' execution role reads them, those only. */
static void tf_secrets(const Plan *p, Buf *o) {
  if (!tf_has_secrets(p))
    return;
  buf_puts(o, "# the secret settings in Secrets Manager, read by the tasks' execution role\n");
  for (int i = 0; i < p->api.nenv; i++) {
    Str e = p->api.env[i].name;
    if (!p->api.env[i].secret)
      continue;
    buf_puts(o, "resource \"aws_secretsmanager_secret\" \"");
    tf_ident(o, e);
    buf_puts(o, "\" {\n  name_prefix = ");
    Buf b = {0};
    buf_printf(&b, "%.*s-%.*s-", STRF(dash_name(p)), STRF(e));
    tf_str(o, buf_view(&b));
    buf_free(&b);
    buf_puts(o, "\n}\n\nresource \"aws_secretsmanager_secret_version\" \"");
    tf_ident(o, e);
    buf_puts(o, "\" {\n  secret_id     = aws_secretsmanager_secret.");
    tf_ident(o, e);
    buf_puts(o, ".id\n  secret_string = var.");
    tf_ident(o, e);
    buf_puts(o, "\n}\n\n");
  }
  buf_puts(o, "resource \"aws_iam_role_policy\" \"execution_secrets\" {\n  role = aws_iam_role.execution.id\n"
              "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n"
              "      Action   = \"secretsmanager:GetSecretValue\"\n      Resource = [");
  for (int i = 0, n1 = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret) {
      buf_puts(o, n1++ ? ", aws_secretsmanager_secret." : "aws_secretsmanager_secret.");
      tf_ident(o, p->api.env[i].name);
      buf_puts(o, ".arn");
    }
  buf_puts(o, "]\n    }]\n  })\n}\n\n");
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
    tf_secrets(p, o);
  }
  if (str_eqc(cr->tf, "aws_eks_cluster"))
    terraform_eks(p, o, cr, n);
  for (int d = 0; d < ndep; d++) {
    Str nm = dep[d].name;
    if (str_eqc(cr->tf, "aws_lambda_function"))
      terraform_lambda(p, o, cr, nm, d);
    else if (str_eqc(cr->tf, "aws_apprunner_service"))
      terraform_apprunner(p, o, cr, nm, d);
    else if (str_eqc(cr->tf, "aws_ecs_service"))
      terraform_ecs(p, o, cr, nm, d);
    else if (str_eqc(cr->tf, "aws_eks_cluster"))
      terraform_pod_identity(p, o, cr, nm, d);
  }
}

/* The settings of .env.example as variables (secrets sensitive), and the
 * local.settings map every unit reads them from. */
void iac_tf_settings(const Plan *p, Buf *o) {
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
}

/* Every managed component but those declared apart, sized by the topology;
 * an outside service as a comment (reached through its settings). */
static void terraform_components(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  Str proj = dash_name(p);
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
        tf_named(o, r->name, "_store_sg.id]\n");
      }
      buf_puts(o, "}\n\n");
    }
  }
}

/* Queues: one per event the plan carries on SQS, each with its dead-letter queue. */
static void terraform_queues(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
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
}

/* Roles: one per deployable, with only the actions its units' stores
 * need; a stack on another cloud grants access in that cloud (returns 0
 * deployables for the compute to declare). */
static int terraform_roles(const Plan *p, Buf *o, const IacDeployable *dep, int ndep) {
  const Kit *k = kit(p);
  const char *principal = iac_principal(p);
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
  return ndep;
}

/* The load balancer's HTTPS listener and the target group of the
 * deployable it forwards to (Kit.lb_deploy): Fargate tasks by IP, let in
 * on their port from the load balancer's group, or a function allowed to
 * be invoked by the target group. */
static void terraform_listener(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  const IacResource *gw = res_of(k, "gateway");
  if (k->lb_deploy < 0 || !gw || !str_eqc(gw->tf, "aws_lb"))
    return;
  Str nm = k->deploys[k->lb_deploy];
  bool ip = str_eqc(k->lb_target, "ip");
  buf_puts(o, "# the load balancer's HTTPS listener, forwarding to ");
  comment_str(o, nm);
  buf_puts(o, "\nvariable \"certificate_arn\" {\n  type        = string\n"
              "  description = \"the ACM certificate of the API's domain, for the HTTPS listener\"\n}\n\n"
              "resource \"aws_lb_target_group\" \"");
  tf_ident(o, nm);
  if (ip)
    buf_puts(o, "\" {\n  target_type = \"ip\"\n  port        = 8080\n  protocol    = \"HTTP\"\n"
                "  vpc_id      = aws_vpc.vpc.id\n  health_check {\n    path = \"/health\"\n  }\n}\n\n");
  else
    buf_puts(o, "\" {\n  target_type = \"lambda\"\n}\n\n");
  if (ip && k->deploy_sg[k->lb_deploy]) {
    buf_puts(o, "resource \"aws_security_group_rule\" \"");
    tf_named(o, nm, "_from_load_balancer");
    buf_puts(o, "\" {\n  type                     = \"ingress\"\n  security_group_id        = aws_security_group.");
    tf_named(o, nm, "_sg");
    buf_puts(o, ".id\n  protocol                 = \"tcp\"\n  from_port                = 8080\n  to_port                  = 8080\n"
                "  source_security_group_id = aws_security_group.load_balancer_sg.id\n"
                "  description              = \"requests from the load balancer\"\n}\n\n");
  }
  if (!ip) {
    buf_puts(o, "resource \"aws_lambda_permission\" \"");
    tf_named(o, nm, "_from_load_balancer");
    buf_puts(o, "\" {\n  statement_id  = \"AllowLoadBalancer\"\n  action        = \"lambda:InvokeFunction\"\n"
                "  function_name = aws_lambda_function.");
    tf_ident(o, nm);
    buf_puts(o, ".function_name\n  principal     = \"elasticloadbalancing.amazonaws.com\"\n  source_arn    = aws_lb_target_group.");
    tf_ident(o, nm);
    buf_puts(o, ".arn\n}\n\nresource \"aws_lb_target_group_attachment\" \"");
    tf_ident(o, nm);
    buf_puts(o, "\" {\n  target_group_arn = aws_lb_target_group.");
    tf_ident(o, nm);
    buf_puts(o, ".arn\n  target_id        = aws_lambda_function.");
    tf_ident(o, nm);
    buf_puts(o, ".arn\n  depends_on       = [aws_lambda_permission.");
    tf_named(o, nm, "_from_load_balancer");
    buf_puts(o, "]\n}\n\n");
  }
  buf_puts(o, "resource \"aws_lb_listener\" \"https\" {\n  load_balancer_arn = aws_lb.");
  tf_ident(o, gw->name);
  buf_puts(o, ".arn\n  port              = 443\n  protocol          = \"HTTPS\"\n"
              "  ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n  certificate_arn   = var.certificate_arn\n"
              "  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.");
  tf_ident(o, nm);
  buf_puts(o, ".arn\n  }\n}\n\n");
}

void iac_terraform(const Plan *p, Buf *o) {
  const Kit *k = kit(p);
  int ndep = 0;
  IacDeployable *dep = iac_deployables(p, &ndep);
  buf_puts(o, "# Infrastructure of ");
  comment_name(o, p);
  buf_puts(o, " (HCL), written by plinth plan: every chosen managed component with the plan's sizes,\n"
              "# one least-privilege role per deployable unit, and the settings of .env.example as variables (secrets sensitive).\n"
              "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n"
              "      version = \"~> 5.0\"\n    }\n  }\n}\n\nprovider \"aws\" {\n  region = var.region\n}\n\n"
              "variable \"region\" {\n  type    = string\n  default = \"us-east-1\"\n}\n\n"
              "variable \"email_domain\" {\n  type    = string\n  default = \"example.com\"\n}\n\n"
              "variable \"cdn_origin_host\" {\n  type    = string\n  default = \"api.example.com\"\n}\n\n");
  iac_tf_settings(p, o);
  if (db_user_named(k))
    buf_puts(o, "data \"aws_region\" \"current\" {}\n\ndata \"aws_caller_identity\" \"current\" {}\n\n");
  terraform_network(p, o);
  terraform_components(p, o);
  terraform_queues(p, o);
  ndep = terraform_roles(p, o, dep, ndep);
  terraform_compute(p, o, dep, ndep);
  terraform_listener(p, o);
  terraform_paths(p, o);
  free(dep);
  if (str_eqc(k->alert_form, "cloudwatch"))
    buf_puts(o, "resource \"aws_sns_topic\" \"alarms\" {\n  name = \"alarms\"\n}\n\n"
                "resource \"aws_cloudformation_stack\" \"alerts\" {\n  name          = \"alerts\"\n"
                "  template_body = file(\"../alerts.yaml\")\n  parameters = {\n"
                "    AlarmTopicArn = aws_sns_topic.alarms.arn\n  }\n}\n");
}
