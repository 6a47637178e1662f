#!/usr/bin/env bash
# Magnet benchmark on loopback: time from starting a client with a bare magnet link (info-hash only) to
# verified metadata, found through a small DHT of three libtorrent nodes (both clients are given the same
# three as bootstrap nodes), Torpeddo against libtorrent, RUNS times each, alternating; prints each run,
# then medians and the ratio. Both are timed from process start to the moment
# the client reports the metadata, so each includes its runtime's start-up (JVM, Python).
#
#   bench/magnet.sh            # 5 runs each
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
RUNS=${RUNS:-5}
work=${BENCH_WORK:-$root/bench/work/magnet}
lt="$root/backend/src/test/resources/interop/lt_peer.py"
export XDG_STATE_HOME="$work/state"   # keep the DHT routing table of these runs out of the user's own
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || { echo "bench: apt-get install -y python3-libtorrent" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/seed"
# A torrent with many files makes a metadata of several 16 KiB pieces.
for i in $(seq 2000); do head -c $((100 + i)) /dev/urandom > "$work/seed/file-$i.bin"; done
/usr/bin/python3 "$lt" create "$work/seed" "$work/bench.torrent" >/dev/null
hash=$(/usr/bin/python3 -c "import libtorrent as lt,sys; print(lt.torrent_info(sys.argv[1]).info_hash())" "$work/bench.torrent")
size=$(/usr/bin/python3 -W ignore -c "import libtorrent as lt,sys; print(len(lt.torrent_info(sys.argv[1]).metadata()))" "$work/bench.torrent")
base=$((30000 + RANDOM % 10000))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
/usr/bin/python3 "$lt" dht-node --port "$base" > "$work/router.log" 2>&1 & pids+=($!)
# Each node is told about every node started before it; both clients are given all three DHT nodes.
/usr/bin/python3 "$lt" dht-node --port $((base + 1)) --dht-node "127.0.0.1:$base" > "$work/node1.log" 2>&1 & pids+=($!)
sleep 1
/usr/bin/python3 "$lt" dht-node --port $((base + 2)) --dht-node "127.0.0.1:$base" --dht-node "127.0.0.1:$((base + 1))" > "$work/node2.log" 2>&1 & pids+=($!)
sleep 1
/usr/bin/python3 "$lt" seed "$work/bench.torrent" "$work" --port $((base + 3)) --dht-node "127.0.0.1:$base" \
    --dht-node "127.0.0.1:$((base + 1))" --dht-node "127.0.0.1:$((base + 2))" > "$work/seeder.log" 2>&1 & pids+=($!)
nodes=("127.0.0.1:$base" "127.0.0.1:$((base + 1))" "127.0.0.1:$((base + 2))")
t_boot=(); l_boot=()
for n in "${nodes[@]}"; do t_boot+=(--dht-bootstrap "$n"); l_boot+=(--dht-node "$n"); done
for _ in $(seq 300); do grep -q '"ready"' "$work/seeder.log" && break; sleep 0.1; done
"$root/torpeddo" --version >/dev/null
# Warm-up, not timed: wait until the seeder's DHT announcement can be found at all.
for _ in $(seq 12); do
  /usr/bin/python3 "$lt" leech "magnet:?xt=urn:btih:$hash" "$work/warmup" --port $((base + 9)) \
      "${l_boot[@]}" --metadata-only --timeout 10 > "$work/warmup.log" 2>&1 && break
done
echo "metadata: $size bytes ($(( (size + 16383) / 16384 )) pieces), DHT: 3 libtorrent nodes + the seeder"

time_until() { # pattern logfile command... -> seconds from start until a line matches
  local pattern=$1 log=$2; shift 2
  local start end pid
  : > "$log"   # empty it first: the background redirection below may happen after the first grep
  start=$(date +%s.%N)
  "$@" > "$log" 2>&1 & pid=$!
  for _ in $(seq 6000); do
    if grep -q "$pattern" "$log"; then end=$(date +%s.%N); kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
      echo "$end - $start" | bc -l; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill "$pid" 2>/dev/null || true; echo "bench: no metadata: $(tail -3 "$log")" >&2; return 1
}

declare -A times
port=$((base + 10))
for run in $(seq "$RUNS"); do
  port=$((port + 2))
  t=$(time_until '^metadata: ' "$work/torpeddo.log" "$root/torpeddo" download "magnet:?xt=urn:btih:$hash" \
      --dir "$work/dl-t-$run" --state-dir "$work/state-t-$run" --port "$port" --no-lsd "${t_boot[@]}")
  printf 'run %d  torpeddo    %6.2f s\n' "$run" "$t"; times[torpeddo]+="$t "
  t=$(time_until '"metadata"' "$work/libtorrent.log" /usr/bin/python3 "$lt" leech "magnet:?xt=urn:btih:$hash" \
      "$work/dl-l-$run" --port $((port + 1)) "${l_boot[@]}" --metadata-only --timeout 120)
  printf 'run %d  libtorrent  %6.2f s\n' "$run" "$t"; times[libtorrent]+="$t "
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mt=$(echo "${times[torpeddo]}" | median); ml=$(echo "${times[libtorrent]}" | median)
echo
printf 'medians of %d runs: torpeddo %.2f s, libtorrent %.2f s, torpeddo/libtorrent %.2fx\n' "$RUNS" "$mt" "$ml" "$(echo "$mt / $ml" | bc -l)"
