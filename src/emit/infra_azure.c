/* infra/ on Azure (placeholder until written). */
#include "infra_dual.h"

void iac_azure(const Plan *p, Buf *o, bool ts) {
  (void)p, (void)o, (void)ts;
}
