/* Infrastructure as code: the writer of the tool the plan chose (Pulumi,
 * CloudFormation through the CDK or SAM, Bicep, Terraform or OpenTofu)
 * for the plan's cloud, and the Kubernetes manifests beside it. */
#include "../util/esc.h"
#include "infra.h"
#include "infra_dual.h"

static const Kit *kit(const Plan *p) { return p->kit; }

void emit_infra(const Plan *p, OutFiles *out) {
  const Kit *k = kit(p);
  if (!k)
    return;
  if (str_eqc(k->iac, "pulumi")) {
    iac_pulumi(p, out);
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
    if (str_eqc(p->cloud, "gcp"))
      iac_gcp(p, outfiles_add(out, "infra/main.tf"), false);
    else if (str_eqc(p->cloud, "azure"))
      iac_azure(p, outfiles_add(out, "infra/main.tf"), false);
    else
      iac_terraform(p, outfiles_add(out, "infra/main.tf"));
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
