#!/usr/bin/env bash
# JSON-RPC bridge benchmark on loopback: a real `torpeddo rpc` child process with N idle torrents (half seeding,
# half downloading with no peers; queue off, so all are active and their times tick every second). Measures
#   (a) the round trip of get_status for one torrent (5,000 calls) and for all N (300 calls): p50 and p99 —
#       targets p50 < 1 ms for one, < 20 ms for all of 1,000;
#   (b) the bytes per second a client receives subscribed to state_delta (every 500 ms) against one polling
#       get_status for everything once a second, side by side.
#
#   bench/rpc.sh            # 1,000 torrents
#   N=200 bench/rpc.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
N=${N:-1000}
work=${BENCH_WORK:-$root/bench/work/rpc}
rm -rf "$work"; mkdir -p "$work"
echo "building the backend's test classes..."
(cd "$root" && ./mvnw -B -q -pl engine,backend -am package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true >&2)
cp="$root/backend/target/test-classes:$root/backend/target/classes:$root/backend/target/lib/*"
echo "setting up $N torrents and measuring (about a minute)..."
out=$("$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC -cp "$cp" dev.torpeddo.backend.rpc.RpcBench "$work" "$N" \
  2>>"$work/bench.log")
value() { awk -v k="$1" '$1 == k {print $2}' <<< "$out"; }
echo
echo "$N torrents, one torpeddo rpc child process:"
printf '  get_status one torrent   p50 %8s us   p99 %8s us   (target p50 < 1000 us)\n' \
  "$(value get_status_one_p50_us)" "$(value get_status_one_p99_us)"
printf '  get_status all torrents  p50 %8.1f ms   p99 %8.1f ms   (target p50 < 20 ms for 1,000), %s bytes a reply\n' \
  "$(value get_status_all_p50_ms)" "$(value get_status_all_p99_ms)" "$(value get_status_all_bytes)"
printf '  subscribed (state_delta every 500 ms)  %10s bytes/s\n' "$(value delta_bytes_per_s)"
printf '  polling (get_status all, once a second) %9s bytes/s\n' "$(value poll_bytes_per_s)"
