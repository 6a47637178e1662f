#!/usr/bin/env bash
# Download benchmark on loopback: one libtorrent seeder announced on opentracker; Torpeddo, libtorrent and
# aria2c each download the same torrent in turn into a fresh directory (TCP only), RUNS times each.
# Prints per-run figures (wall time, throughput, peak RSS, CPU time), then medians and ratios against libtorrent.
#
#   bench/download.sh                 # 1 GiB, 3 runs each
#   SIZE_MIB=4096 RUNS=1 bench/download.sh
#   CLIENTS="torpeddo libtorrent" bench/download.sh
#   SEEDER_DEFAULTS=1 bench/download.sh   # the seeder with libtorrent's default send buffer (see below)
#
# The seeder keeps at least 512 KiB queued per peer (lt_peer.py --send-buffer-floor). With libtorrent's
# default of 10 KiB it reads one block at a time for a new peer until its once-a-second rate tick has
# measured it, so each leecher's first second ran at ~180 MiB/s or ~700 MiB/s depending on where in the
# seeder's second it happened to connect: a 0.6 s swing that has nothing to do with the leecher.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
SIZE_MIB=${SIZE_MIB:-1024}
RUNS=${RUNS:-3}
CLIENTS=${CLIENTS:-"torpeddo libtorrent aria2c"}
work=${BENCH_WORK:-$root/bench/work}
lt="$root/backend/src/test/resources/interop/lt_peer.py"
for bin in /usr/bin/python3 /usr/bin/opentracker /usr/bin/aria2c /usr/bin/time; do
  [ -x "$bin" ] || { echo "bench: $bin missing: apt-get install -y python3-libtorrent opentracker aria2 time" >&2; exit 1; }
done
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || { echo "bench: apt-get install -y python3-libtorrent" >&2; exit 1; }

mkdir -p "$work/seed"
data="$work/seed/bench-${SIZE_MIB}M.bin"
if [ ! -f "$data" ] || [ "$(stat -c %s "$data")" -ne $((SIZE_MIB * 1048576)) ]; then
  echo "creating $SIZE_MIB MiB of random data..."
  head -c $((SIZE_MIB * 1048576)) /dev/urandom > "$data"
fi
tracker_port=$((20000 + RANDOM % 10000)); seed_port=$((tracker_port + 1)); leech_port=$((tracker_port + 2))
torrent="$work/bench-${SIZE_MIB}M.torrent"
/usr/bin/python3 "$lt" create "$data" "$torrent" --tracker "http://127.0.0.1:$tracker_port/announce" >/dev/null
hash=$(/usr/bin/python3 -c "import libtorrent as lt,sys; print(lt.torrent_info(sys.argv[1]).info_hash())" "$torrent")
mkdir -p "$work/tracker"; echo "$hash" > "$work/tracker/whitelist"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
/usr/bin/opentracker -i 127.0.0.1 -p "$tracker_port" -P "$tracker_port" -d "$work/tracker" -w /whitelist >/dev/null 2>&1 &
pids+=($!)
floor=(--send-buffer-floor 512); [ -n "${SEEDER_DEFAULTS:-}" ] && floor=()
/usr/bin/python3 "$lt" seed "$torrent" "$work/seed" --port "$seed_port" "${floor[@]}" > "$work/seeder.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q '"ready"' "$work/seeder.log" && break; sleep 0.2; done
grep -q '"ready"' "$work/seeder.log" || { echo "bench: seeder not ready"; cat "$work/seeder.log"; exit 1; }

echo "torrent: $SIZE_MIB MiB, $(/usr/bin/python3 -c "import libtorrent as lt,sys; t=lt.torrent_info(sys.argv[1]); print(t.num_pieces(), 'pieces of', t.piece_length()//1024, 'KiB')" "$torrent")"
"$root/torpeddo" --version >/dev/null   # build outside the timed runs

run_client() { # client dir -> runs it under /usr/bin/time, prints "seconds rss_kib cpu_seconds"
  local client=$1 dir=$2 cmd
  case $client in
    # A fresh state directory each run: no resume record from the last one (and never the user's).
    torpeddo) rm -rf "$dir.state"
              cmd=("$root/torpeddo" download "$torrent" --dir "$dir" --state-dir "$dir.state" --port "$leech_port"
                   --no-dht --no-lsd) ;;
    libtorrent) cmd=(/usr/bin/python3 "$lt" leech "$torrent" "$dir" --port "$leech_port" --timeout 600) ;;
    aria2c) cmd=(/usr/bin/aria2c --dir "$dir" --seed-time=0 --enable-dht=false --enable-dht6=false
                 --bt-enable-lpd=false --enable-peer-exchange=false --listen-port="$leech_port"
                 --file-allocation=none --summary-interval=0 --console-log-level=warn
                 --bt-tracker-interval=1 "$torrent") ;;
  esac
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$work/time.out" "${cmd[@]}" > "$work/$client.log" 2>&1 || { echo "bench: $client failed:"; tail -5 "$work/$client.log"; return 1; }
  end=$(date +%s.%N)
  cmp -s "$data" "$dir/$(basename "$data")" || { echo "bench: $client produced wrong data"; return 1; }
  read -r kib user sys < <(tail -1 "$work/time.out")
  echo "$(echo "$end - $start" | bc -l) $kib $(echo "$user + $sys" | bc -l)"
}

declare -A times rss cpu
for run in $(seq "$RUNS"); do
  for client in $CLIENTS; do
    dir="$work/dl-$client"; rm -rf "$dir"; mkdir -p "$dir"
    read -r secs kib cpus < <(run_client "$client" "$dir")
    printf 'run %d  %-10s %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB  CPU %5.2f s\n' "$run" "$client" "$secs" \
      "$(echo "$SIZE_MIB / $secs" | bc -l)" "$(echo "$kib / 1024" | bc -l)" "$cpus"
    times[$client]+="$secs "; rss[$client]+="$kib "; cpu[$client]+="$cpus "
    rm -rf "$dir"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "medians of $RUNS runs ($SIZE_MIB MiB):"
base=""
case " $CLIENTS " in *" libtorrent "*) base=$(echo "${times[libtorrent]}" | median) ;; esac
for client in $CLIENTS; do
  t=$(echo "${times[$client]}" | median); r=$(echo "${rss[$client]}" | median); c=$(echo "${cpu[$client]}" | median)
  ratio=""; [ -n "$base" ] && ratio=$(printf '  time vs libtorrent %.2fx' "$(echo "$t / $base" | bc -l)")
  printf '  %-10s %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB  CPU %5.2f s%s\n' "$client" "$t" \
    "$(echo "$SIZE_MIB / $t" | bc -l)" "$(echo "$r / 1024" | bc -l)" "$c" "$ratio"
done
