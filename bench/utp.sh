#!/usr/bin/env bash
# uTP download benchmark on loopback: one libtorrent seeder that speaks only uTP (TCP off both ways); Torpeddo
# and a libtorrent leecher (also uTP only) each download the same torrent from it, RUNS times each, taking
# turns at going first. Before each run: sync and, where permitted, drop the page cache. Prints per-run
# figures, then medians and Torpeddo's time as a multiple of libtorrent's (issue 14 asks for at most 1.5x).
#
#   bench/utp.sh                  # 256 MiB, 3 runs each
#   SIZE_MIB=64 RUNS=1 bench/utp.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
SIZE_MIB=${SIZE_MIB:-256}
RUNS=${RUNS:-3}
work=${BENCH_WORK:-$root/bench/work-utp}
lt="$root/backend/src/test/resources/interop/lt_peer.py"
for bin in /usr/bin/python3 /usr/bin/time; do
  [ -x "$bin" ] || { echo "bench: $bin missing: apt-get install -y python3-libtorrent time" >&2; exit 1; }
done
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || { echo "bench: apt-get install -y python3-libtorrent" >&2; exit 1; }

mkdir -p "$work/seed"
data="$work/seed/utp-${SIZE_MIB}M.bin"
if [ ! -f "$data" ] || [ "$(stat -c %s "$data")" -ne $((SIZE_MIB * 1048576)) ]; then
  echo "creating $SIZE_MIB MiB of random data..."
  head -c $((SIZE_MIB * 1048576)) /dev/urandom > "$data"
fi
seed_port=$((20000 + RANDOM % 10000)); leech_port=$((seed_port + 1))
torrent="$work/utp-${SIZE_MIB}M.torrent"
/usr/bin/python3 "$lt" create "$data" "$torrent" >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
# The same send-buffer floor as bench/download.sh, for the same reason (see there).
/usr/bin/python3 "$lt" seed "$torrent" "$work/seed" --port "$seed_port" --utp-only --send-buffer-floor 512 \
  > "$work/seeder.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q '"ready"' "$work/seeder.log" && break; sleep 0.2; done
grep -q '"ready"' "$work/seeder.log" || { echo "bench: seeder not ready"; cat "$work/seeder.log"; exit 1; }
echo "torrent: $SIZE_MIB MiB from a uTP-only libtorrent seeder on 127.0.0.1:$seed_port"
"$root/torpeddo" --version >/dev/null   # build outside the timed runs

run_client() { # client dir -> "seconds rss_kib cpu_seconds"
  local client=$1 dir=$2 cmd
  case $client in
    torpeddo) rm -rf "$dir.state"
              cmd=("$root/torpeddo" download "$torrent" --dir "$dir" --state-dir "$dir.state" --port "$leech_port"
                   --no-dht --no-lsd --peer "127.0.0.1:$seed_port") ;;
    libtorrent) cmd=(/usr/bin/python3 "$lt" leech "$torrent" "$dir" --port "$leech_port" --utp-only
                     --peer "127.0.0.1:$seed_port" --timeout 900) ;;
  esac
  sync; (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null || true
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$work/time.out" "${cmd[@]}" > "$work/$client.log" 2>&1 || { echo "bench: $client failed:" >&2; tail -5 "$work/$client.log" >&2; return 1; }
  end=$(date +%s.%N)
  cmp -s "$data" "$dir/$(basename "$data")" || { echo "bench: $client produced wrong data" >&2; return 1; }
  read -r kib user sys < <(tail -1 "$work/time.out")
  echo "$(echo "$end - $start" | bc -l) $kib $(echo "$user + $sys" | bc -l)"
}

declare -A times rss cpu
for run in $(seq "$RUNS"); do
  order="torpeddo libtorrent"; [ $((run % 2)) -eq 0 ] && order="libtorrent torpeddo"
  for client in $order; do
    dir="$work/dl-$client"; rm -rf "$dir"; mkdir -p "$dir"
    read -r secs kib cpus < <(run_client "$client" "$dir")
    printf 'run %d  %-10s %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB  CPU %5.2f s\n' "$run" "$client" "$secs" \
      "$(echo "$SIZE_MIB / $secs" | bc -l)" "$(echo "$kib / 1024" | bc -l)" "$cpus"
    times[$client]+="$secs "; rss[$client]+="$kib "; cpu[$client]+="$cpus "
    rm -rf "$dir" "$dir.state"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "medians of $RUNS runs ($SIZE_MIB MiB over uTP):"
base=$(echo "${times[libtorrent]}" | median)
for client in torpeddo libtorrent; do
  t=$(echo "${times[$client]}" | median); r=$(echo "${rss[$client]}" | median); c=$(echo "${cpu[$client]}" | median)
  printf '  %-10s %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB  CPU %5.2f s  time vs libtorrent %.2fx\n' "$client" "$t" \
    "$(echo "$SIZE_MIB / $t" | bc -l)" "$(echo "$r / 1024" | bc -l)" "$c" "$(echo "$t / $base" | bc -l)"
done
