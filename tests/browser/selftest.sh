#!/usr/bin/env bash
# Runs run.sh on the fixture sites and checks that each broken one fails for
# its own reason and the good ones pass. Every site but fixtures/good is built
# from it with fixtures/case.sh into $out_dir/sites/ (see README.md).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$here/fixtures"
out_dir="${SELFTEST_ARTIFACTS:-$here/artifacts/selftest}"
rm -rf "$out_dir"
mkdir -p "$out_dir"

passed=0
failed=0

# site FIXTURE: prints the directory of the fixture site (good, or a case under
# fixtures/cases/), building a case on first use.
site() {
  if [[ $1 == good ]]; then
    echo "$fixtures/good"
    return
  fi
  local dir="$out_dir/sites/$1"
  if [[ ! -d $dir ]]; then
    mkdir -p "$out_dir/sites"
    "$fixtures/case.sh" build "$1" "$dir" || { rm -rf "$dir"; return 1; }
  fi
  echo "$dir"
}

# case NAME FIXTURE BASE_PATH EXPECTED_CHECK ALSO_ALLOWED PATTERN [EXTRA_ARGS...]
#   FIXTURE:        good, or the name of a folder under fixtures/cases/
#   EXPECTED_CHECK: the check that must fail (0: all six must pass)
#   ALSO_ALLOWED:   other checks that may fail too ("-" for none)
#   PATTERN:        extended regex one of the expected check's problem lines must match
case_() {
  local name=$1 fixture=$2 base=$3 expect=$4 allow=$5 pattern=$6
  shift 6
  local log="$out_dir/$name.log" rc why="" dir
  if dir=$(site "$fixture" 2>"$log"); then
    "$here/run.sh" "$dir" --base-path "$base" --artifacts "$out_dir/$name" "$@" >"$log" 2>&1
    rc=$?
  else
    rc=2
    echo "selftest: could not build fixture $fixture" >>"$log"
  fi
  local failing
  failing=$(sed -n 's/^check \([0-9]\) .*: FAIL.*/\1/p' "$log" | tr '\n' ' ')
  if ! grep -q '^site checks: [0-9]* passed, [0-9]* failed$' "$log"; then
    why="no summary line (exit $rc)"
  elif [[ $expect == 0 ]]; then
    if [[ $rc != 0 ]] || ! grep -q '^site checks: 6 passed, 0 failed$' "$log"; then
      why="expected all checks to pass; failing: ${failing:-none} (exit $rc)"
    fi
  else
    if [[ $rc != 1 ]]; then
      why="expected exit 1, got $rc"
    elif ! grep -q "^check $expect .*: FAIL" "$log"; then
      why="expected check $expect to fail; failing: ${failing:-none}"
    elif [[ $(grep -E "^FAIL \[$expect [^]]*\] " "$log" | grep -Ec -- "$pattern") == 0 ]]; then
      why="check $expect failed, but no problem line matches /$pattern/"
    else
      for c in $failing; do
        if [[ $c != "$expect" && ",$allow," != *",$c,"* ]]; then
          why="check $c failed as well (only $expect${allow:+ and $allow} expected)"
        fi
      done
    fi
  fi
  if [[ -z $why ]]; then
    passed=$((passed + 1))
    printf 'ok    %-22s %s\n' "$name" "$(grep -E "^FAIL \[$expect " "$log" | head -1 | cut -c1-110)"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-22s %s\n' "$name" "$why"
    sed 's/^/        | /' "$log" | head -40
  fi
}

case_ good                    good                    /     0 -     ''
case_ good-under-ir           good                    /ir/  0 -     ''
case_ good-ir                 good-ir                 /ir/  0 -     ''
case_ base-path-mismatch      good-ir                 /     2 4,5   'no such file ir/'
case_ invalid-element         invalid-element         /     1 -     'datum'
case_ broken-link             broken-link             /     2 -     'no such file ja/results/index.html'
case_ broken-anchor           broken-anchor           /     2 -     'no element with id "customer-industry"'
case_ image-without-alt       image-without-alt       /     3 1     'image-alt'
case_ missing-twin            missing-twin            /     4 -     'missing twin: en/fintech/index.html'
case_ japanese-only-with-twin japanese-only-with-twin /     4 -     'declared Japanese only, but en/strengths/index.html exists'
case_ overflow                overflow                /     5 -     'horizontal overflow at 390 px'
case_ script-tag              script-tag              /     6 -     'en/index.html:[0-9]+: JavaScript in the output: <script>'
case_ weight-limit            good                    /     6 -     'page weight .* exceeds 3.0 kB'  --max-page-kb 3

echo "selftest: $passed passed, $failed failed"
[[ $failed == 0 ]]
