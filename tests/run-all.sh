#!/usr/bin/env bash
# The whole test suite, one command: the Rust tests, then quality gates on the generated
# site (built at / and under a sub-path), on the fictional example site of examples/, on a
# site made by `irsite init` and on the library and news fixtures, then the gates' own
# self-test on broken fixtures.
# Needs what .ci/run installs (Chromium, fonts-noto-cjk, Java, npm ci in tests/browser).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Prerequisites of the site checks: say what is missing instead of failing obscurely.
missing=()
for tool in chromium java node; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "run-all: missing ${missing[*]}; install them once with: bash .ci/run (as root), or apt-get install chromium fonts-noto-cjk default-jre-headless nodejs npm" >&2
  exit 2
fi
if [[ ! -d tests/browser/node_modules/playwright-core ]]; then
  echo "run-all: installing the pinned npm modules of tests/browser"
  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund >/dev/null || exit 2
fi

passed=0
failed=0
failures=()
run() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

site=target/site-check
# Built afresh: a build replaces only folders it wrote itself.
rm -rf "$site"
# A fixture site of tests/fixtures/NAME assembled the way the cargo tests assemble it (the
# fixture plus the repository's themes), built into $site/NAME with the remaining arguments,
# so its pages get the same gates as the real site's.
fixture_site() {
  local name=$1 src=$site/$1-src
  shift
  rm -rf "$src" && mkdir -p "$src" || return 1
  cp -R "tests/fixtures/$name/." "$src/" && cp -R themes "$src/" || return 1
  cargo run --quiet -- --root "$src" build --output "$PWD/$site/$name" "$@"
}
run "cargo test" cargo test
run "build the site at /" cargo run --quiet -- build --output "$site/root"
run "build the site under /ir/" cargo run --quiet -- build --output "$site/ir" --base-url https://ir.example.com/ir/
run "site checks at /" bash tests/browser/run.sh "$site/root" --site-url https://ir.example.com/ --artifacts "$site/artifacts/root"
run "site checks under /ir/" bash tests/browser/run.sh "$site/ir" --base-path /ir/ --site-url https://ir.example.com/ir/ --artifacts "$site/artifacts/ir"
example=examples/harukaze-foods
run "build the example site at /" cargo run --quiet -- --root "$example" build --today 2024-04-01 --output "$PWD/$site/example"
run "site checks on the example site" bash tests/browser/run.sh "$site/example" --site-url https://harukaze.example.com/ --artifacts "$site/artifacts/example"
# A new company's site as `irsite init` writes it, built and put through the same gates.
new_site=$site/init
rm -rf "$new_site"
run "init a new site" cargo run --quiet -- init "$new_site/source" --name-ja "アクメ株式会社" --name-en "Acme Corporation" --securities-code 1234
run "build the new site" cargo run --quiet -- --root "$new_site/source" build --output "$PWD/$new_site/public"
run "site checks of the new site" bash tests/browser/run.sh "$new_site/public" --site-url https://ir.example.com/ --artifacts "$site/artifacts/init"
# The library and calendar fixture, built for a fixed date.
run "build the library and calendar fixture" fixture_site library --today 2026-05-13
run "site checks on the library and calendar fixture" bash tests/browser/run.sh "$site/library" --site-url https://ir.example.org/ --artifacts "$site/artifacts/library"
# The news fixture under a sub-path: lists, archives, entries and a Japanese-only page.
run "build the news fixture under /ir/" fixture_site news --base-url https://ir.example.com/ir/
run "site checks on the news fixture" bash tests/browser/run.sh "$site/news" --base-path /ir/ --site-url https://ir.example.com/ir/ --artifacts "$site/artifacts/news"
run "site checks self-test" bash tests/browser/selftest.sh

for f in "${failures[@]}"; do
  echo "failed: $f"
done
echo "test suites: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
