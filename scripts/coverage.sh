#!/usr/bin/env bash
# Prints the line and branch coverage JaCoCo measured in the last `./mvnw verify` (reports in
# <module>/target/site/jacoco/index.html). Interop tests run the CLI in separate processes, so the backend's
# figure counts only what its in-process tests reach.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for csv in */target/site/jacoco/jacoco.csv; do
  module=${csv%%/*}
  # Columns: GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...
  awk -F, -v m="$module" 'NR > 1 { bm += $6; bc += $7; lm += $8; lc += $9 }
    END { printf "%-8s lines %5.1f%% (%d of %d)   branches %5.1f%% (%d of %d)\n", m,
          100 * lc / (lm + lc), lc, lm + lc, 100 * bc / (bm + bc), bc, bm + bc }' "$csv"
done
