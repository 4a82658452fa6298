#!/bin/sh
# Infrastructure as code in every tool Plinth writes, through the validators
# that install here, on every example and golden spec and on the specs of
# tests/iac/specs/ that pin each tool and compute (use iac aws-cdk, ...):
#
#   AWS CDK app       tsc (strict) against aws-cdk-lib, then an offline
#                     `cdk synth`, then CloudFormation Validate on the template
#   AWS SAM template  sam.cjs (the Serverless resources) and CloudFormation
#                     Validate (the rest)
#   Bicep             bicep.cjs, a structural check (no Bicep compiler here)
#   Kubernetes        k8s.cjs, a structural check of infra/k8s/, and
#                     k8s-schema.mjs: every document against its kind's API
#                     schema (kubernetes-models; an unknown kind fails)
#   Pulumi, HCL       tsc (strict) against the providers' own types
#                     (@pulumi/pulumi, @pulumi/aws, @pulumi/gcp, @pulumi/azure);
#                     tests/kit/hcl.cjs: hcl2json parses, every reference is
#                     declared, every resource's provider is required. On
#                     Azure and Google Cloud the specs pinning terraform
#                     also run as Pulumi twins and the reverse, so both
#                     languages of each resource are checked.
#   sizes             sizes.cjs: the class and counts the code declares equal
#                     plan.json's topology, for every spec
#   network           network.cjs: the NAT gateways the code declares equal
#                     the ones the estimate's cost lines bill and its network;
#                     a public and a private subnet per zone; stores and
#                     containers in the private subnets; each store's
#                     security group open only to the units that use it
#
# Each checker is first shown a broken input and must reject it. tsc runs
# twice, once over every CDK app and once over every Pulumi program, each
# time with the broken programs beside the good ones (tests/kit/batch.sh). The
# checkers, tsc and the CDK synths run on one lane only (tests/lib.sh
# consumers): both lanes write the same bytes.
# Run from the repository root: PLINTH=./plinth sh tests/iac/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
ROOT=$(pwd)
BIN=$ROOT/node_modules/.bin
. tests/lib.sh
. tests/kit/batch.sh
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' INT TERM
export NODE_NO_WARNINGS=1 NODE_PATH=$ROOT/node_modules CDK_DISABLE_VERSION_CHECK=1

check() {
  what=$1
  shift
  if out=$("$@" 2>&1); then ok "$what"; else bad "$what" "$out"; fi
}
rejects() {
  what=$1
  shift
  if out=$("$@" 2>&1); then bad "$what (accepted)" "$out"; else ok "$what"; fi
}

command -v node >/dev/null 2>&1 || { echo "skipped: node is not installed (sh scripts/install-deps.sh)"; exit 0; }
[ -x "$BIN/tsc" ] && [ -x "$BIN/cdk" ] && [ -d "$ROOT/node_modules/aws-cdk-lib" ] && [ -d "$ROOT/node_modules/@pulumi/aws" ] ||
  { echo "skipped: node_modules lacks tsc, aws-cdk, aws-cdk-lib or @pulumi/aws (npm ci)"; exit 0; }

# The hostile-names spec of the contract tests in each tool: quotes,
# backslashes, newlines and SQL in the project and entity names.
H=tests/contracts/specs/hostile.plinth
for t in aws-cdk aws-sam terraform; do
  vary $H "$T/hostile-$t.plinth" "s/^  compliance hipaa/  compliance hipaa\n  use iac $t/"
done
vary $H "$T/hostile-bicep.plinth" 's/^  compliance hipaa/  compliance hipaa\n  use iac bicep/' \
  's/skills python postgresql }/skills python postgresql azure }\n  cloud azure/'
# Azure and Google Cloud: each spec in the other IaC language too.
for f in tests/iac/specs/iac-azure-*.plinth tests/iac/specs/iac-gcp-*.plinth; do
  n=$(basename "$f" .plinth)
  case $n in
  *-tf) vary "$f" "$T/${n%-tf}-twin-pulumi.plinth" 's/^  use iac terraform$/  use iac pulumi/' ||
    bad "$n: the Pulumi twin's edit did not apply" ;;
  *-pulumi) vary "$f" "$T/${n%-pulumi}-twin-tf.plinth" 's/^  use iac pulumi$/  use iac terraform/' ||
    bad "$n: the Terraform twin's edit did not apply" ;;
  esac
done
names=""
for spec in examples/*.plinth tests/golden/specs/*.plinth tests/iac/specs/*.plinth "$T"/hostile-*.plinth "$T"/*-twin-*.plinth; do
  name=$(basename "$spec" .plinth)
  if "$PLINTH" plan "$spec" -o "$T/$name" >/dev/null 2>"$T/err"; then
    names="$names $name"
  else
    bad "$name: plan -o" "$(cat "$T/err")"
  fi
done
has() { [ -f "$T/$1/infra/$2" ]; }
for want in app.ts template.yaml main.bicep main.tf index.ts k8s/settings.yaml; do
  n=0
  for name in $names; do has "$name" "$want" && n=$((n + 1)); done
  if [ $n -gt 0 ]; then ok "$n specs write infra/$want"; else bad "no spec writes infra/$want"; fi
done
# Every lane has planned every spec above; the checkers and tsc, which read
# the code plinth wrote, run on the consumers' lane (tests/lib.sh).
if ! consumers; then
  echo "# the infrastructure checkers, tsc and cdk synth: on the other lane"
  summary
  exit $?
fi

# ---- the checkers, each first shown a broken input ----
d=$T/iac-bicep/infra
sed 's/administratorLoginPassword: databasePassword/administratorLoginPassword: registry/' "$d/main.bicep" >"$T/b1.bicep"
batch_bad bicep "$T/b1.bicep" "bicep checker rejects a param that is never used"
sed 's/parent: queue$/parent: queues/' "$d/main.bicep" >"$T/b2.bicep"
batch_bad bicep "$T/b2.bicep" "bicep checker rejects a reference to an undeclared symbol"
sed 's/@2022-12-01/@2022-12/' "$d/main.bicep" >"$T/b3.bicep"
batch_bad bicep "$T/b3.bicep" "bicep checker rejects a malformed resource type"
sed '0,/^}$/s/^}$//' "$d/main.bicep" >"$T/b4.bicep"
batch_bad bicep "$T/b4.bicep" "bicep checker rejects an unclosed brace"
d=$T/iac-sam/infra
sed 's/  MemorySize: /  MemorySise: /' "$d/template.yaml" >"$T/s1.yaml"
batch_bad sam "$T/s1.yaml" "SAM checker rejects a property AWS::Serverless::Function does not have"
sed 's/  Timeout: [0-9]*/  Timeout: "long"/' "$d/template.yaml" >"$T/s2.yaml"
batch_bad sam "$T/s2.yaml" "SAM checker rejects a Timeout that is not an integer"
sed 's/!GetAtt Auth.Arn/!GetAtt Nobody.Arn/' "$d/template.yaml" >"$T/s3.yaml"
batch_bad sam "$T/s3.yaml" "SAM checker rejects a GetAtt of no resource"
sed 's/ProtocolType: "HTTP"/ProtocolTyp: "HTTP"/' "$d/template.yaml" >"$T/c1.yaml"
# c1 and c2 are validated with every template below (one cfn-validate.cjs).
sed 's/BillingMode: "PAY_PER_REQUEST"/BillingMode: "FREE"/' "$d/template.yaml" >"$T/c2.yaml"

mkdir -p "$T/badk8s" && cp "$T/iac-eks/infra/k8s/"*.yaml "$T/badk8s/"
sed -i '/^    matchLabels:/{n;s/app: "app"/app: "api"/;}' "$T/badk8s/app.yaml"
batch_bad k8s "$T/badk8s" "k8s checker rejects a Deployment whose selector misses its pods"
mkdir -p "$T/badk8s3" && cp "$T/iac-eks/infra/k8s/"*.yaml "$T/badk8s3/" &&
  vary "$T/iac-eks/infra/k8s/app.yaml" "$T/badk8s3/app.yaml" '/^kind: NetworkPolicy/,${s/^      app: "app"$/      app: "nobody"/;}' &&
  batch_bad k8s "$T/badk8s3" "k8s checker rejects a NetworkPolicy that selects no Deployment's pods"
mkdir -p "$T/badcdk"
sed 's/numCacheClusters: /numCacheCluster: /; s/desiredCount: /desiredCout: /' "$T/iac-cdk/infra/app.ts" >"$T/badcdk/app.ts"
tsc_bad "$T/badcdk/app.ts" "a CDK app with a misspelt property"
k8sn=0
for bad in 's/^  replicas: [0-9]*/  replicas: "two"/' 's/^kind: Deployment$/kind: Deploymnt/' \
  '0,/^apiVersion: apps\/v1$/s//apiVersion: v1/' 's/^        - name: "app"$/        - name: 7/' \
  's/^          port: 5432$/          port: [5432]/'; do
  k8sn=$((k8sn + 1))
  mkdir -p "$T/badk8s2-$k8sn" && cp "$T/iac-eks/infra/k8s/"*.yaml "$T/badk8s2-$k8sn/"
  vary "$T/iac-eks/infra/k8s/app.yaml" "$T/badk8s2-$k8sn/app.yaml" "$bad" &&
    batch_bad k8s-schema "$T/badk8s2-$k8sn" "Kubernetes schema check rejects app.yaml edited by $bad"
done
# The network checker, each edit a network the estimate did not bill or a path it must not open.
netn=0
netbad() {
  what=$1 name=$2 file=$3
  shift 3
  netn=$((netn + 1))
  cp -r "$T/$name" "$T/badnet$netn"
  vary "$T/$name/$file" "$T/badnet$netn/$file" "$@" &&
    batch_bad network "$T/badnet$netn" "network check rejects $what"
}
netbad "a NAT gateway fewer than the estimate bills (Pulumi)" iac-ecs infra/index.ts '/new aws.ec2.NatGateway("nat-1"/,/^}/d'
netbad "a private subnet routed to the internet gateway (HCL)" iac-ecs-tf infra/main.tf \
  '/^resource "aws_route_table" "private_routes_0"/,/^}/s/nat_gateway_id = aws_nat_gateway.nat_0.id/gateway_id = aws_internet_gateway.internet_gateway.id/'
netbad "a database outside the private subnets (HCL)" iac-ecs-tf infra/main.tf '/^  db_subnet_group_name /d'
netbad "a store open to the internet (SAM)" iac-sam-telemetry infra/template.yaml \
  '0,/SourceSecurityGroupId: !GetAtt [A-Za-z0-9]*Sg.GroupId/s//CidrIp: "0.0.0.0\/0"/'
netbad "a unit let into a store it does not use (services.yaml)" iac-ecs-tf services.yaml \
  '/^  - name: "jobs"/,/^  - name/{/"database: /d;}'
netbad "a NAT gateway the Azure estimate does not bill (Bicep)" iac-bicep infra/main.bicep \
  "\$a resource nat 'Microsoft.Network/natGateways@2023-04-01' = { name: 'nat', location: location }"
netbad "a network whose NAT count differs from the cost lines (plan.json)" iac-ecs-tf plan.json \
  's/"nat_gateways": 2/"nat_gateways": 3/'
# Azure and Google Cloud: broken HCL, each in a copy of its spec's output
# (its file() paths resolve there), checked with every main.tf below.
hclbad() {
  what=$1 name=$2
  shift 2
  rm -rf "$T/hclbad-$name" && mkdir -p "$T/hclbad-$name/infra" && cp "$T/$name"/*.json "$T/hclbad-$name/" 2>/dev/null
  vary "$T/$name/infra/main.tf" "$T/hclbad-$name/infra/$1" "$2" && hcl_bad "$T/hclbad-$name/infra/$1" "$what"
}
hclbad "an IAM member of an undeclared service account (google)" iac-gcp-tf bad1.tf \
  's/google_service_account\.app_sa\.email/google_service_account.nobody_sa.email/'
hclbad "azurerm resources without the azurerm provider" iac-azure-tf bad2.tf 's/^    azurerm = {$/    azure = {/'
hclbad "alert policies read from a file that does not exist" iac-gcp-tf bad3.tf \
  's#file("../alerts.gcp.json")#file("../alerts.gcp.yaml")#'
# Broken Pulumi programs, type-checked with the good ones below.
tsbadn=0
tsbad() {
  what=$1 name=$2
  shift 2
  tsbadn=$((tsbadn + 1))
  mkdir -p "$T/tsbad/$tsbadn" && vary "$T/$name/infra/index.ts" "$T/tsbad/$tsbadn/index.ts" "$@" &&
    tsc_bad "$T/tsbad/$tsbadn/index.ts" "$what"
}
tsbad "a Cloud Run service with a misspelt scaling argument (@pulumi/gcp)" iac-gcp-twin-pulumi 's/minInstanceCount/minInstances/'
tsbad "a Pub/Sub subscription without its topic (@pulumi/gcp)" iac-gcp-pulumi '/^  topic: /d'
tsbad "a Container App whose revision mode is a number (@pulumi/azure)" iac-azure-twin-pulumi 's/revisionMode: "Single"/revisionMode: 1/'
tsbad "a role assignment without its principal (@pulumi/azure)" iac-azure-pulumi '/^  principalId: /d'
tsbad "a Fargate service with a misspelt count (@pulumi/aws)" iac-ecs 's/desiredCount: /desiredCout: /'
tsbad "a queue whose visibility timeout is a string (@pulumi/aws)" iac-ecs 's/visibilityTimeoutSeconds: \([0-9]*\)/visibilityTimeoutSeconds: "\1"/'
cp -r "$T/iac-gcp-tf" "$T/badsize3"
vary "$T/iac-gcp-tf/infra/main.tf" "$T/badsize3/infra/main.tf" 's/min_instance_count = [0-9]*/min_instance_count = 1/' &&
  batch_bad sizes "$T/badsize3" "sizes check rejects Cloud Run services below the topology's instances (HCL)"
cp -r "$T/iac-gcp-gke-twin-pulumi" "$T/badsize4"
vary "$T/iac-gcp-gke-twin-pulumi/infra/index.ts" "$T/badsize4/infra/index.ts" 's/availabilityType: "REGIONAL"/availabilityType: "ZONAL"/' &&
  batch_bad sizes "$T/badsize4" "sizes check rejects a Cloud SQL instance without the topology's standby (Pulumi)"
cp -r "$T/iac-azure-tf" "$T/badsize5"
vary "$T/iac-azure-tf/infra/main.tf" "$T/badsize5/infra/main.tf" 's/sku_name = "GP_Standard_D2ds_v5"/sku_name = "B_Standard_B2s"/' &&
  batch_bad sizes "$T/badsize5" "sizes check rejects a PostgreSQL server smaller than the topology's (azurerm)"
cp -r "$T/shop" "$T/badsize"
node -e '
  const f = process.argv[1], p = JSON.parse(require("fs").readFileSync(f, "utf8"));
  for (const d of p.decisions) if (d.slot === "database" && d.topology) d.topology.instances += 1;
  require("fs").writeFileSync(f, JSON.stringify(p));' "$T/badsize/plan.json"
batch_bad sizes "$T/badsize" "sizes check rejects code whose node count differs from the topology"
cp -r "$T/iac-eks" "$T/badsize2"
sed -i 's/^  replicas: [0-9]*/  replicas: 1/' "$T/badsize2/infra/k8s/app.yaml"
batch_bad sizes "$T/badsize2" "sizes check rejects a Deployment whose replicas differ from the topology"

# ---- every spec ----
templates=""
cdk=""
sam=""
bicep=""
tf=""
ts=""
k8s=""
for name in $names; do
  d=$T/$name/infra
  has "$name" app.ts && cdk="$cdk $d/app.ts"
  has "$name" template.yaml && sam="$sam $d/template.yaml"
  has "$name" main.bicep && bicep="$bicep $d/main.bicep"
  has "$name" main.tf && tf="$tf $d/main.tf"
  has "$name" index.ts && ts="$ts $d/index.ts"
  [ -d "$d/k8s" ] && k8s="$k8s $d/k8s"
done
# shellcheck disable=SC2086
SYNTH=1
if [ -n "$cdk" ] && [ $SYNTH -eq 0 ]; then
  tsc_config "$T/cdk.json" true $cdk "$T/badcdk/app.ts"
  tsc_run "$T/cdk.json" "every CDK app type-checks against aws-cdk-lib (tsc --strict)"
elif [ -n "$cdk" ]; then
  # JavaScript beside each app.ts, for cdk synth.
  tsc_config "$T/cdk.json" false $cdk "$T/badcdk/app.ts"
  tsc_run "$T/cdk.json" "every CDK app type-checks against aws-cdk-lib (tsc --strict)"
  # One app through the cdk CLI (`cdk synth`, offline), the others in one
  # node process as the CLI runs them (synth.cjs: each app's App.synth(),
  # aws-cdk-lib loaded once); both at once.
  first=""
  rest=""
  for app in $cdk; do
    if [ -z "$first" ]; then first=$app; else rest="$rest ${app%.ts}.js"; fi
  done
  (cd "$(dirname "$first")" && "$BIN/cdk" synth --app "node app.js" -o cdk.out --no-notices -q >synth.log 2>&1
   echo $? >synth.rc) &
  # shellcheck disable=SC2086
  [ -z "$rest" ] || node tests/iac/synth.cjs $rest >"$T/synth.log" 2>&1
  wait
  for app in $rest; do
    dir=$(dirname "$app")
    if grep -qx "ok $dir" "$T/synth.log"; then echo 0; else echo 1; fi >"$dir/synth.rc"
    sed -n "\#^FAIL $dir#,/^ok /p" "$T/synth.log" >"$dir/synth.log"
  done
  for app in $cdk; do
    dir=$(dirname "$app")
    name=$(basename "$(dirname "$dir")")
    if [ "$(cat "$dir/synth.rc")" = 0 ] && ls "$dir"/cdk.out/*.template.json >/dev/null 2>&1; then
      if [ "$app" = "$first" ]; then
        ok "$name: cdk synth (the CLI, offline) writes the CloudFormation template"
      else
        ok "$name: the app synthesizes (as cdk synth runs it, offline) and writes the CloudFormation template"
      fi
      templates="$templates $(ls "$dir"/cdk.out/*.template.json)"
    else
      bad "$name: cdk synth" "$(cat "$dir/synth.log")"
    fi
  done
fi
# shellcheck disable=SC2086
# Each checker runs once over the broken inputs above and every spec's.
batch_all() { # NAME WHAT LOG COMMAND... FILE...: the broken files of NAME judged, the FILEs must pass
  ba_name=$1 ba_what=$2 ba_log=$3 ba_n=$4
  shift 4
  ba_cmd=""
  while [ "$ba_n" -gt 0 ]; do ba_cmd="$ba_cmd $1"; shift; ba_n=$((ba_n - 1)); done
  # shellcheck disable=SC2046,SC2086
  $ba_cmd $(batch_bads "$ba_name") "$@" >"$ba_log" 2>&1
  batch_judge "$ba_name" "$ba_log"
  [ $# -gt 0 ] || return 0
  if batch_passes "$ba_log" "$@"; then ok "$ba_what"
  else bad "$ba_what" "$(grep -v '^ok ' "$ba_log" | head -n 40)"; fi
}
# shellcheck disable=SC2086
batch_all sam "every SAM template passes the SAM check" "$T/sam.log" 2 node tests/iac/sam.cjs $sam
# One CloudFormation Validate over the broken templates, every synthesized
# one and every SAM template: it loads its resource schemas once.
# shellcheck disable=SC2086
node tests/iac/cfn-validate.cjs "$T/c1.yaml" "$T/c2.yaml" $templates $sam >"$T/cfn.log" 2>&1
if batch_rejects "$T/cfn.log" "$T/c1.yaml"; then ok "CloudFormation Validate rejects a misspelt property"
else bad "CloudFormation Validate rejects a misspelt property (accepted)" "$(batch_lines "$T/cfn.log" "$T/c1.yaml")"; fi
if batch_rejects "$T/cfn.log" "$T/c2.yaml"; then ok "CloudFormation Validate rejects a value outside the property's enum"
else bad "CloudFormation Validate rejects a value outside the property's enum (accepted)" "$(batch_lines "$T/cfn.log" "$T/c2.yaml")"; fi
# shellcheck disable=SC2086
if [ -n "$templates" ]; then
  if batch_passes "$T/cfn.log" $templates; then ok "every synthesized template passes CloudFormation Validate (no error or warning)"
  else bad "every synthesized template passes CloudFormation Validate (no error or warning)" "$(batch_lines "$T/cfn.log" $templates)"; fi
fi
# shellcheck disable=SC2086
if [ -n "$sam" ]; then
  if batch_passes "$T/cfn.log" $sam; then ok "every SAM template passes CloudFormation Validate (no error or warning)"
  else bad "every SAM template passes CloudFormation Validate (no error or warning)" "$(batch_lines "$T/cfn.log" $sam)"; fi
fi
# shellcheck disable=SC2086
batch_all bicep "every main.bicep passes the Bicep check" "$T/bicep.log" 2 node tests/iac/bicep.cjs $bicep
# shellcheck disable=SC2086
batch_all k8s "every infra/k8s/ passes the Kubernetes check" "$T/k8s.log" 2 node tests/iac/k8s.cjs $k8s
# shellcheck disable=SC2086
batch_all k8s-schema "every document of every infra/k8s/ is valid against its kind's API schema" "$T/k8s-schema.log" \
  2 node tests/iac/k8s-schema.mjs $k8s
# One hcl.cjs over every main.tf and the broken files above.
# shellcheck disable=SC2086
hcl_run $tf
if [ -n "$ts" ]; then
  tsc_config "$T/pulumi.json" true $ts "$T"/tsbad/*/index.ts
  tsc_run "$T/pulumi.json" "every Pulumi index.ts type-checks against @pulumi/aws, @pulumi/gcp and @pulumi/azure (tsc --strict)"
fi
netdirs=""
for name in $names; do
  [ $SYNTH -eq 0 ] && has "$name" app.ts && continue
  netdirs="$netdirs $T/$name"
done
# network.cjs and sizes.cjs name a folder by its last part (badnet1, shop).
judge_base() { # NAME LOG: batch_judge by the folders' last parts
  [ -f "$T/$1.bad" ] || return 0
  while IFS='	' read -r jb_f jb_w; do
    jb_b=$(basename "$jb_f")
    if batch_rejects "$2" "$jb_b"; then ok "$jb_w"
    else bad "$jb_w (accepted)" "$(batch_lines "$2" "$jb_b")"; fi
  done <"$T/$1.bad"
}
passes_base() { # LOG DIR...: each DIR's last part has its ok line
  pb_log=$1
  shift
  for pb_d in "$@"; do grep -qF "ok $(basename "$pb_d"):" "$pb_log" || return 1; done
}
# shellcheck disable=SC2046,SC2086
node tests/iac/network.cjs $(batch_bads network) $netdirs >"$T/network.log" 2>&1
judge_base network "$T/network.log"
# shellcheck disable=SC2086
if passes_base "$T/network.log" $netdirs; then
  ok "the infrastructure code declares the network the estimate bills for all $(echo $netdirs | wc -w) specs"
  grep '^ok ' "$T/network.log" | sed 's/^/    /'
else
  bad "the infrastructure code and the estimate's network differ" "$(grep -v '^ok ' "$T/network.log")"
fi
dirs=""
for name in $names; do
  # Without a synth, a CDK plan has no template to read its sizes from.
  [ $SYNTH -eq 0 ] && has "$name" app.ts && continue
  dirs="$dirs $T/$name"
done
# shellcheck disable=SC2046,SC2086
node tests/iac/sizes.cjs $(batch_bads sizes) $dirs >"$T/sizes.log" 2>&1
judge_base sizes "$T/sizes.log"
# shellcheck disable=SC2086
if passes_base "$T/sizes.log" $dirs; then
  ok "the infrastructure code declares plan.json's topology for all $(echo $dirs | wc -w) specs"
  grep '^ok ' "$T/sizes.log" | sed 's/^/    /'
else
  bad "the infrastructure code and plan.json's topology differ" "$(grep -v '^ok ' "$T/sizes.log")"
fi

summary
