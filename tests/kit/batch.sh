# The checkers that take seconds to start, run once over every file of a
# suite, the good and the broken ones together.
#
# tsc, over many TypeScript programs: tsc takes seconds to load a provider's types (@pulumi/aws,
# @pulumi/gcp, @pulumi/azure, aws-cdk-lib), then little per program. Each
# program is a module, so the programs do not see each other's names.
# Sourced by tests/iac/run.sh and tests/kit/run.sh after tests/lib.sh, with
# ROOT, BIN and T set.
#   tsc_config OUT EMIT FILE...  a strict tsconfig over FILE..., resolving
#                                packages in $ROOT/node_modules; EMIT true
#                                writes JavaScript beside each file
#   tsc_bad FILE WHAT            FILE is a broken program: tsc must report an
#                                error in it (ok "tsc rejects WHAT")
#   tsc_run CONFIG WHAT          runs tsc once; every broken program named by
#                                tsc_bad and in CONFIG must have an error of
#                                its own, and no other file any (ok WHAT)
#
# tests/kit/hcl.cjs (hcl2json and the reference check), over many files:
#   hcl_bad FILE WHAT            FILE is broken: the checker must reject it
#   hcl_run FILE...              one hcl.cjs over FILE... and the broken
#                                files; ok "NAME: main.tf parses and every
#                                reference is declared" per FILE (NAME: the
#                                folder above infra/), and ok "HCL checker
#                                rejects WHAT" per broken file
#
# Any checker that prints "ok FILE ..." or "ok FILE: ..." for a file it
# passes, and "FILE: problem" lines for one it fails, run once (LOG its output):
#   batch_passes LOG FILE...     true when each FILE has its ok line
#   batch_rejects LOG FILE       true when FILE has a problem and no ok line
#   batch_lines LOG FILE...      the lines naming FILE..., for a failure's detail
#   batch_bad NAME FILE WHAT     FILE is broken: checker NAME must reject it
#   batch_bads NAME              the broken files of NAME, for its one run
#   batch_judge NAME LOG         ok "WHAT" per broken file of NAME rejected in
#                                LOG, bad "WHAT (accepted)" per one passed

tsc_config() {
  tsc_out=$1
  tsc_emit=$2
  shift 2
  {
    printf '{ "compilerOptions": { "strict": true, "noEmit": %s, "target": "es2020", "module": "commonjs",' "$tsc_emit"
    printf ' "moduleResolution": "node", "lib": ["es2020"], "skipLibCheck": true, "types": ["node"],'
    printf ' "typeRoots": ["%s/node_modules/@types"], "baseUrl": "%s/node_modules",' "$ROOT" "$ROOT"
    printf ' "paths": { "*": ["%s/node_modules/*"] } },\n  "files": [' "$ROOT"
    tsc_sep=""
    for tsc_f in "$@"; do
      printf '%s"%s"' "$tsc_sep" "$tsc_f"
      tsc_sep=", "
    done
    printf '] }\n'
  } >"$tsc_out"
}

tsc_bad() {
  printf '%s\t%s\n' "$1" "$2" >>"$T/tsc-bad.list"
}

tsc_run() {
  tsc_cfg=$1
  tsc_what=$2
  tsc_log=$(cd "$T" && "$BIN/tsc" -p "$tsc_cfg" --pretty false 2>&1)
  : >"$T/tsc-bad.paths"
  touch "$T/tsc-bad.list"
  while IFS='	' read -r tsc_f tsc_w; do
    grep -qF "\"$tsc_f\"" "$tsc_cfg" || continue
    tsc_rel=${tsc_f#"$T"/}
    printf '%s(\n' "$tsc_rel" >>"$T/tsc-bad.paths"
    if printf '%s\n' "$tsc_log" | grep -F "$tsc_rel(" | grep -q ': error TS'; then
      ok "tsc rejects $tsc_w"
    else
      bad "tsc rejects $tsc_w (accepted)" "$tsc_f"
    fi
  done <"$T/tsc-bad.list"
  # Any other line tsc prints but the indented continuations: an error in
  # a good program, or one without a file (the configuration's).
  tsc_rest=$(printf '%s\n' "$tsc_log" | grep -v '^ ' | grep -v '^$' | grep -vF -f "$T/tsc-bad.paths")
  if [ -z "$tsc_rest" ]; then
    ok "$tsc_what"
  else
    bad "$tsc_what" "$(printf '%s\n' "$tsc_log" | grep -vF -f "$T/tsc-bad.paths" | head -n 40)"
  fi
}

hcl_bad() {
  printf '%s\t%s\n' "$1" "$2" >>"$T/hcl-bad.list"
}

hcl_run() {
  touch "$T/hcl-bad.list"
  # shellcheck disable=SC2046
  node "$ROOT/tests/kit/hcl.cjs" "$@" $(cut -f1 "$T/hcl-bad.list") >"$T/hcl.log" 2>&1
  for hcl_f in "$@"; do
    hcl_name=$(basename "$(dirname "$(dirname "$hcl_f")")")
    if grep -qF "ok $hcl_f " "$T/hcl.log"; then
      ok "$hcl_name: main.tf parses and every reference is declared"
    else
      bad "$hcl_name: main.tf parses and every reference is declared" \
        "$(grep -F -A10 "$hcl_f:" "$T/hcl.log" | head -n 12)"
    fi
  done
  while IFS='	' read -r hcl_f hcl_w; do
    if grep -qF "ok $hcl_f " "$T/hcl.log" || ! grep -qF "$hcl_f:" "$T/hcl.log"; then
      bad "HCL checker rejects $hcl_w (accepted)" "$(grep -F "$hcl_f" "$T/hcl.log")"
    else
      ok "HCL checker rejects $hcl_w"
    fi
  done <"$T/hcl-bad.list"
}

batch_passes() {
  batch_log=$1
  shift
  for batch_f in "$@"; do
    grep -qF -e "ok $batch_f " -e "ok $batch_f:" "$batch_log" || return 1
  done
}

batch_rejects() {
  ! grep -qF -e "ok $2 " -e "ok $2:" "$1" && grep -qF "$2:" "$1"
}

batch_lines() {
  batch_log=$1
  shift
  for batch_f in "$@"; do grep -F -A5 "$batch_f" "$batch_log" | head -n 20; done
}

batch_bad() {
  printf '%s\t%s\n' "$2" "$3" >>"$T/$1.bad"
}

batch_bads() {
  [ -f "$T/$1.bad" ] && cut -f1 "$T/$1.bad"
}

batch_judge() {
  [ -f "$T/$1.bad" ] || return 0
  while IFS='	' read -r batch_f batch_w; do
    if batch_rejects "$2" "$batch_f"; then ok "$batch_w"
    else bad "$batch_w (accepted)" "$(batch_lines "$2" "$batch_f")"; fi
  done <"$T/$1.bad"
}
