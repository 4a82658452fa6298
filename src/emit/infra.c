/* infra/: the infrastructure code in the tool the plan chose, printed from
 * the plan's Kit (src/plan/kit.c): Pulumi (TypeScript) in infra_pulumi.c,
 * Terraform or OpenTofu (HCL) in infra_terraform.c, the policy statements
 * and HCL escapes they share here, the AWS CDK app and the SAM template in cfn.c,
 * Bicep in bicep.c, and the Kubernetes manifests of an EKS plan. Every
 * chosen managed component with the topology's sizes, one least-privilege
 * role per unit, the settings of .env.example as parameters or secrets.
 * Nothing here decides. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra_dual.h"

static const Kit *kit(const Plan *p) { return p->kit; }

/* ---- policy statements, in TypeScript (Pulumi) or HCL ---- */

/* A query on a DynamoDB table whose key design has global secondary
 * indexes (dynamodb.cfn.json): granted on the indexes' ARNs too. */
static bool gsi_query(const Plan *p, const IacResource *tr, Str action) {
  return tr && p->api.keys_dynamodb && str_eqc(tr->choice->tech->id, "aws-dynamodb") &&
         str_eqc(action, "dynamodb:Query") && p->api.ddb_indexes > 1;
}

/* The attribute names of the key design's table: PK, SK, then GSIgPK and
 * GSIgSK for each index g in mask. */
int iac_ddb_attrs(unsigned mask, char names[][16], int cap) {
  int n = 0;
  for (int g = 0; g < 16; g++)
    for (int k = 0; ((mask >> g) & 1) && k < 2 && n < cap; k++, n++)
      if (g)
        snprintf(names[n], 16, "GSI%d%s", g, k ? "SK" : "PK");
      else
        snprintf(names[n], 16, "%s", k ? "SK" : "PK");
  return n;
}

void iac_print_statements(Buf *o, const Plan *p, const Str *acts, const Str *ress, int n, const IacDialect *dl) {
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

/* Whether a policy names the database user (a declared RDS or Aurora store). */
bool iac_db_user_named(const Kit *k) {
  for (int i = 0; i < k->nres; i++)
    if (k->res[i].managed_here && (str_eqc(k->res[i].choice->tech->id, "aws-rds-postgresql") ||
                                   str_eqc(k->res[i].choice->tech->id, "aws-aurora-serverless-v2")))
      return true;
  return false;
}

/* ---- HCL ---- */

/* An HCL identifier: letters, digits and underscores, not starting with a digit. */
void iac_tf_ident(Buf *o, Str s) {
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
void iac_tf_str(Buf *o, Str s) {
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

/* The settings of .env.example as config, secrets required as secrets,
 * and the map every unit reads them from. */
bool iac_has_setting(const Plan *p, const char *name) {
  for (int i = 0; i < p->api.nenv; i++)
    if (str_eqc(p->api.env[i].name, name))
      return true;
  return false;
}

void iac_pulumi_settings(const Plan *p, Buf *o) {
  buf_puts(o, "\n// ---- settings (.env.example) ----\n");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    buf_puts(o, "const cfg");
    iac_ts_ident(o, e->name, true);
    buf_puts(o, e->secret ? " = config.requireSecret(" : " = config.get(");
    iac_ts_str(o, e->name);
    buf_puts(o, e->secret ? ");" : ")");
    if (!e->secret) {
      buf_puts(o, " ?? ");
      iac_ts_str(o, e->example);
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
    iac_ts_str(o, p->api.env[i].name);
    buf_puts(o, ": cfg");
    iac_ts_ident(o, p->api.env[i].name, true);
    buf_puts(o, ",\n");
  }
  buf_puts(o, "};\n");
}
