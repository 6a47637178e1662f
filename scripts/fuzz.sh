#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target for a while, one JVM per target (Jazzer fuzzes one target per run).
#
#   scripts/fuzz.sh [DURATION] [FILTER]     e.g. scripts/fuzz.sh 60s    scripts/fuzz.sh 5m KrpcCodec
#
# DURATION is per target (Jazzer syntax: 30s, 5m, 1h; default 60s). FILTER keeps targets whose
# Class#method contains it. A finding fails the target, and Jazzer saves the input under
# src/test/resources/<package>/<Class>Inputs/<method>/, where plain `mvn test` replays it from then on: fix
# the bug, give the file a name that says what it is, and commit it. The corpus Jazzer grows lives in
# <module>/.cifuzz-corpus (not committed). Logs: target/fuzz/<Class>.<method>.log.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
cd "$root"
duration=${1:-60s}
filter=${2:-}

# Compile once; each target then runs surefire alone.
mkdir -p target/fuzz
./mvnw -B -DskipTests -Djacoco.skip=true package >target/fuzz/build.log 2>&1 || {
  echo "fuzz: build failed, see target/fuzz/build.log" >&2
  exit 1
}

targets=()
while IFS= read -r file; do
  module=${file%%/src/test/java/*}
  class=$(basename "$file" .java)
  # A method is the first "void name(" after each @FuzzTest.
  while IFS= read -r method; do
    targets+=("$module $class $method")
  done < <(awk '/@FuzzTest/ { want = 1; next } want && match($0, /void [A-Za-z0-9_]+\(/) {
      print substr($0, RSTART + 5, RLENGTH - 6); want = 0 }' "$file")
done < <(grep -rl --include='*.java' '@FuzzTest' -- */src/test/java | sort)

failed=0
printf '%-52s %8s %12s  %s\n' TARGET TIME EXECUTIONS RESULT
for t in "${targets[@]}"; do
  read -r module class method <<<"$t"
  name="$class#$method"
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  log="target/fuzz/$class.$method.log"
  start=$SECONDS
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" ./mvnw -B -o -pl "$module" -am surefire:test \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true >"$log" 2>&1
  status=$?
  # libFuzzer's status lines look like "#123456  DONE  cov: ..." or "#65536 pulse ..."; keep the last count.
  execs=$(grep -oE '^#[0-9]+' "$log" | tail -n1 | tr -d '#')
  if [ $status -eq 0 ]; then
    result="nothing found"
  else
    result="FAILED (see $log)"
    failed=1
  fi
  printf '%-52s %7ss %12s  %s\n' "$name" "$((SECONDS - start))" "${execs:-?}" "$result"
done
exit $failed
