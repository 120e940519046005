#!/usr/bin/env bash
# Browser check of the generated Allure report: serves it on 127.0.0.1, opens it in headless Chromium, goes to one
# test case, opens its Timeline attachment and checks the SVG is drawn; checks the Categories tab; writes PNGs.
#
#   reports/src/test/browser/check-report.sh [report dir] [test case] [screenshot.png]
#
# Defaults: reports/target/site/allure-maven-plugin; the #5114 test case: FipChurnDuringRescheduleIT on twin v1.13.4
# in a suite report, else the sample history bad/5114-reset-marks-eip-ready-mid-redo (report of chaos-core's sample
# results); reports/target/browser/report.png. [test case] is an exact name or words that all occur in one test
# case's full name and name, e.g. "FipChurnDuringRescheduleIT [twin fixed]"; "" keeps the default.
# Needs node >= 18 with npm (installs playwright-core from package-lock.json on first use) and Chromium
# (Debian/Ubuntu: apt-get install -y chromium; or CHROMIUM=/path/to/chrome).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
report="${1:-$repo/reports/target/site/allure-maven-plugin}"
test_case="${2:-}"
screenshot="${3:-$repo/reports/target/browser/report.png}"

if [ ! -f "$report/index.html" ]; then
  echo "no report at $report: build it first (see README, 'Allure report')" >&2
  exit 2
fi
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ]; then
  echo "Chromium not found: apt-get install -y chromium, or set CHROMIUM" >&2
  exit 2
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
CHROMIUM="$chromium" node "$here/check-report.mjs" "$report" "$test_case" "$screenshot"
