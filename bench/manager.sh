#!/usr/bin/env bash
# TorrentManager benchmark on loopback: N small idle torrents (half finished, half with nothing on disk; no
# trackers, DHT or LSD; queue off so every one runs) in one state directory, then
#   (a) restart: a fresh JVM opens the manager until every torrent is back and running (seeding or
#       downloading), RUNS times — target under 3 s for 1,000;
#   (b) memory per idle torrent: heap after GC with the N back minus with none, over N — target under 100 KiB.
# Prints each run, then medians with the targets.
#
#   bench/manager.sh                  # 1,000 torrents, 5 runs each
#   N=200 RUNS=3 bench/manager.sh
#   BENCH_JAVA_OPTS="-Xmx1g -XX:+UseG1GC" bench/manager.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
N=${N:-1000}
RUNS=${RUNS:-5}
work=${BENCH_WORK:-$root/bench/work/manager}
# The launcher's collector and JIT settings (see ./torpeddo), with room for many torrents.
read -r -a opts <<< "${BENCH_JAVA_OPTS:-"-Xmx512m -XX:+UseSerialGC -XX:CompileThresholdScaling=3"}"

echo "building the backend's test classes..."
(cd "$root" && ./mvnw -B -q -pl engine,backend -am package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true >&2)
cp="$root/backend/target/test-classes:$root/backend/target/classes:$root/backend/target/lib/*"
bench() { "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" dev.torpeddo.backend.manager.ManagerBench "$@" 2>>"$work/bench.log"; }

rm -rf "$work"; mkdir -p "$work"
echo "setting up $N torrents..."
bench setup "$work" "$N" | sed 's/^/  /'

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
value() { awk -v k="$1" '$1 == k {print $2}'; }
restarts=""; jvms=""; closes=""; mems=""
for run in $(seq "$RUNS"); do
  out=$(bench restart "$work" "$N")
  r=$(value restart_ms <<< "$out"); j=$(value jvm_start_to_running_ms <<< "$out"); c=$(value close_ms <<< "$out")
  printf 'run %d  restart %6d ms (JVM start to all running %6d ms)  close %6d ms\n' "$run" "$r" "$j" "$c"
  restarts+="$r "; jvms+="$j "; closes+="$c "
done
for run in $(seq "$RUNS"); do
  out=$(bench memory "$work" "$N")
  m=$(value per_torrent_kib <<< "$out")
  printf 'run %d  heap after GC: %6s KiB empty, %6s KiB with %d torrents: %6s KiB per torrent\n' "$run" \
    "$(value heap_empty_kib <<< "$out")" "$(value heap_with_n_kib <<< "$out")" "$N" "$m"
  mems+="$m "
done
echo
echo "medians of $RUNS runs, $N torrents:"
printf '  restart until all running  %6s ms   (target < 3000 ms for 1,000)   JVM start to running %s ms\n' \
  "$(median <<< "$restarts")" "$(median <<< "$jvms")"
printf '  memory per idle torrent    %6s KiB  (target < 100 KiB)\n' "$(median <<< "$mems")"
printf '  close (saving every record) %5s ms\n' "$(median <<< "$closes")"
