#!/bin/sh
# Installed like a Unix tool: `make install PREFIX=...` (into a temporary
# folder) puts the binary, plinth(1) and one page per command, and the
# bash, zsh and fish completions under PREFIX/share; `groff -man -ww -z` is
# silent on every page (first shown a bad page, it must complain); the
# pages and completions name every command of `plinth --help` and the
# options of each command's --help; the bash completion completes commands
# and option values; -V prints the version; --help cuts no sentence.
#
# Run from the repository root: PLINTH=./plinth sh tests/install/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
. tests/lib.sh
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT

CMDS=$("$PLINTH" --gen-man --list)
# The command list of --help and of the table agree.
"$PLINTH" --help >"$T/help" 2>&1
listed=$(sed -n '/^commands:/,/^$/p' "$T/help" | awk 'NF > 1 { print $1 }' | grep -v commands:)
[ "$listed" = "$CMDS" ] && ok "--help lists the $(echo "$CMDS" | wc -l) commands of the table" || bad "--help and the table disagree" "$T/help"
# No description is cut: every command's line ends a phrase, not on a comma.
if sed -n '/^commands:/,/^$/p' "$T/help" | grep -q ',$'; then
  bad "--help cuts a description" "$T/help"
else
  ok "--help cuts no description"
fi
v=$("$PLINTH" -V) && [ "$v" = "$("$PLINTH" --version)" ] && case $v in "plinth "[0-9]*) true ;; *) false ;; esac &&
  ok "-V prints the version ($v)" || bad "-V"

# ---- make install ----
if [ -z "${PLINTH_NO_MAKE:-}" ]; then
  make --no-print-directory install PREFIX="$T/p" >"$T/install.log" 2>&1 ||
    bad "make install PREFIX=..." "$T/install.log"
fi
S=$T/p/share
[ -x "$T/p/bin/plinth" ] && ok "bin/plinth" || bad "no bin/plinth"
missing=
for c in "" $CMDS; do
  page=$S/man/man1/plinth${c:+-$c}.1
  [ -s "$page" ] || missing="$missing plinth${c:+-$c}.1"
done
[ -z "$missing" ] && ok "man/man1: plinth.1 and a page per command" || bad "missing pages:$missing"
for f in bash-completion/completions/plinth zsh/site-functions/_plinth fish/vendor_completions.d/plinth.fish; do
  [ -s "$S/$f" ] && ok "share/$f" || bad "no share/$f"
done

# ---- groff ----
if command -v groff >/dev/null 2>&1; then
  printf '.TH BAD 1\n.SH NAME\nbad \\- a page\n.XX unknown macro\n\\fQ unknown font\n' >"$T/bad.1"
  groff -man -ww -z "$T/bad.1" >"$T/g" 2>&1
  [ -s "$T/g" ] && ok "groff -man -ww complains about a bad page" || bad "groff -man -ww was silent on a bad page"
  noisy=0
  for page in "$S"/man/man1/*.1; do
    groff -man -ww -z "$page" >"$T/g" 2>&1
    if [ -s "$T/g" ]; then
      bad "groff -man -ww: $(basename "$page")" "$T/g"
      noisy=$((noisy + 1))
    fi
  done
  [ $noisy -eq 0 ] && ok "groff -man -ww -z is silent on $(ls "$S"/man/man1/*.1 | wc -l) pages"
  # Every option of a command's --help is in its page.
  lost=
  for c in $CMDS; do
    "$PLINTH" "$c" --help 2>/dev/null | sed -n '/^options:/,$p' | grep -oE '^  -[-a-zA-Z]+' | sed 's/^  //' >"$T/opts"
    groff -man -Tutf8 "$S/man/man1/plinth-$c.1" 2>/dev/null | sed 's/.\x08//g' >"$T/page"
    while read -r o; do
      grep -q -- "$o" "$T/page" || lost="$lost $c:$o"
    done <"$T/opts"
  done
  [ -z "$lost" ] && ok "every option of each --help is in its manual page" || bad "options missing from pages:$lost"
else
  echo "skipped: groff is not installed (manual pages)"
fi

# ---- completions ----
B=$S/bash-completion/completions/plinth
if bash -n "$B" 2>"$T/err"; then ok "bash completion: bash -n"; else bad "bash completion syntax" "$T/err"; fi
out=$(bash -c '. "$1"; COMP_WORDS=(plinth di); COMP_CWORD=1; _plinth; echo "${COMPREPLY[*]}"' sh "$B")
[ "$out" = "diagnose diff" ] && ok "bash: plinth di<TAB> -> diagnose diff" || bad "bash: plinth di<TAB> gave '$out'"
out=$(bash -c '. "$1"; COMP_WORDS=(plinth plan --format ""); COMP_CWORD=3; _plinth; echo "${COMPREPLY[*]}"' sh "$B")
[ "$out" = "md html json" ] && ok "bash: plinth plan --format <TAB> -> md html json" || bad "bash: --format values '$out'"
out=$(bash -c '. "$1"; COMP_WORDS=(plinth diff --al); COMP_CWORD=2; _plinth; echo "${COMPREPLY[*]}"' sh "$B")
[ "$out" = "--allow-destructive" ] && ok "bash: plinth diff --al<TAB> -> --allow-destructive" || bad "bash: diff options '$out'"
for c in $CMDS; do
  grep -q "^    '$c:" "$S/zsh/site-functions/_plinth" && grep -q "^    $c)" "$S/zsh/site-functions/_plinth" &&
    grep -q -- "-a $c -d" "$S/fish/vendor_completions.d/plinth.fish" || lost="$lost $c"
done
[ -z "${lost:-}" ] && ok "zsh and fish completions name every command" || bad "commands missing from zsh/fish:$lost"
if command -v zsh >/dev/null 2>&1; then
  zsh -n "$S/zsh/site-functions/_plinth" 2>"$T/err" && ok "zsh completion: zsh -n" || bad "zsh completion syntax" "$T/err"
else
  echo "skipped: zsh is not installed (zsh -n)"
fi
if command -v fish >/dev/null 2>&1; then
  fish -n "$S/fish/vendor_completions.d/plinth.fish" 2>"$T/err" && ok "fish completion: fish -n" || bad "fish completion syntax" "$T/err"
else
  echo "skipped: fish is not installed (fish -n)"
fi
# The pages are what the binary generates: one source.
"$PLINTH" --gen-man diff | cmp -s - "$S/man/man1/plinth-diff.1" && ok "installed pages are plinth --gen-man's" ||
  bad "the installed plinth-diff.1 is not --gen-man's"

summary
