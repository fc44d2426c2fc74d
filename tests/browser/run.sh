#!/usr/bin/env bash
# Quality checks on a built site directory.
#   tests/browser/run.sh SITE_DIR [--base-path /ir/] [--artifacts DIR] [--only 1,2] [--jobs N]
# Exits 0 when all checks pass, 1 when any fails, 2 on a usage or setup error.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for dep in playwright-core axe-core vnu-jar; do
  if [[ ! -d "$here/node_modules/$dep" ]]; then
    echo "run.sh: missing node module $dep: run 'npm ci' in tests/browser" >&2
    exit 2
  fi
done
exec node "$here/check-site.mjs" "$@"
