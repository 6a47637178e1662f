#!/usr/bin/env bash
# uTP download benchmark on loopback (issue 14: Torpeddo's uTP download may take at most 1.5x libtorrent's).
# One libtorrent seeder that speaks only uTP (TCP off both ways: lt_peer.py --transport utp); Torpeddo and a
# uTP-only libtorrent leecher each download the same torrent, given the seeder's address directly (no
# tracker), into a fresh directory, RUNS times each, taking turns at going first. Prints per-run figures,
# then medians and the ratio of Torpeddo's time to libtorrent's.
#
#   bench/utp.sh                              # 256 MiB, 3 runs each
#   SIZE_MIB=64 RUNS=1 bench/utp.sh
#   CLIENTS=libtorrent bench/utp.sh           # the libtorrent baseline alone
#   CONNECT_SECS=30 bench/utp.sh              # how long a client may show no progress before it is given up
#   LT_DEFAULTS=1 bench/utp.sh                # libtorrent with the OS's socket buffers (see below)
#
# libtorrent's seeder and leecher get 4 MiB socket buffers (lt_peer.py --socket-buffer 4096). With the OS's
# default (208 KiB here) the receiving side's buffer overflows on loopback, every drop reads as congestion to
# uTP, and libtorrent's 256 MiB took anywhere from 20 to 128 s; each leg prints the machine's UDP
# receive-buffer drops during it.
#
# Until Torpeddo speaks uTP its leg cannot work: the seeder accepts no TCP peer (its TCP listener takes the
# connection and closes it). The script then says so after CONNECT_SECS instead of waiting, and still prints
# libtorrent's figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
SIZE_MIB=${SIZE_MIB:-256}
RUNS=${RUNS:-3}
CLIENTS=${CLIENTS:-"torpeddo libtorrent"}
CONNECT_SECS=${CONNECT_SECS:-30}
TIMEOUT_SECS=${TIMEOUT_SECS:-600}
work=${BENCH_WORK:-$root/bench/work}
lt="$root/backend/src/test/resources/interop/lt_peer.py"
for bin in /usr/bin/python3 /usr/bin/time; do
  [ -x "$bin" ] || { echo "bench: $bin missing: apt-get install -y python3-libtorrent time" >&2; exit 1; }
done
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || { echo "bench: apt-get install -y python3-libtorrent" >&2; exit 1; }

mkdir -p "$work/seed"
data="$work/seed/bench-${SIZE_MIB}M.bin"
if [ ! -f "$data" ] || [ "$(stat -c %s "$data")" -ne $((SIZE_MIB * 1048576)) ]; then
  echo "creating $SIZE_MIB MiB of random data..."
  head -c $((SIZE_MIB * 1048576)) /dev/urandom > "$data"
fi
seed_port=$((20000 + RANDOM % 10000)); leech_port=$((seed_port + 1))
torrent="$work/bench-utp-${SIZE_MIB}M.torrent"
/usr/bin/python3 "$lt" create "$data" "$torrent" >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
lt_buffers=(--socket-buffer 4096); [ -n "${LT_DEFAULTS:-}" ] && lt_buffers=()
# The same send-buffer floor as bench/download.sh, for the same reason (see there).
/usr/bin/python3 "$lt" seed "$torrent" "$work/seed" --port "$seed_port" --transport utp --send-buffer-floor 512 \
  "${lt_buffers[@]}" > "$work/utp-seeder.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q '"ready"' "$work/utp-seeder.log" && break; sleep 0.2; done
grep -q '"ready"' "$work/utp-seeder.log" || { echo "bench: seeder not ready"; cat "$work/utp-seeder.log"; exit 1; }

echo "torrent: $SIZE_MIB MiB, $(/usr/bin/python3 -c "import libtorrent as lt,sys; t=lt.torrent_info(sys.argv[1]); print(t.num_pieces(), 'pieces of', t.piece_length()//1024, 'KiB')" "$torrent"); seeder: libtorrent, uTP only, 127.0.0.1:$seed_port"
case " $CLIENTS " in *" torpeddo "*) "$root/torpeddo" --version >/dev/null ;; esac   # build outside the timed runs

# Each leg starts with the same cache: written-back pages, and an empty page cache where this user may drop
# it (root, and /proc/sys writable); otherwise the seeder's data stays cached for both clients alike.
can_drop=0
if (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; then can_drop=1; echo "page cache: dropped before each leg"
else echo "page cache: not dropped (not allowed here); sync only before each leg"; fi
drop_caches() {
  sync
  if [ $can_drop = 1 ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}

# Percent done in the client's log so far (0 if none yet): Torpeddo prints "... 12.3%  down ...", lt_peer.py
# "progress": 0.123.
progress_of() { # client log
  case $1 in
    torpeddo) grep -oE '[0-9]+\.[0-9]%' "$2" | tr -d '%' | sort -g | tail -1 ;;
    libtorrent) grep -oE '"progress": [0-9.]+' "$2" | awk '{print $2 * 100}' | sort -g | tail -1 ;;
  esac
}

# Datagrams the kernel dropped for a full socket receive buffer, machine-wide (/proc/net/snmp RcvbufErrors).
# uTP reads each drop as congestion, so drops during a leg explain a slow one.
udp_drops() { awk '/^Udp:/ && ++n == 2 {print $6}' /proc/net/snmp 2>/dev/null || echo 0; }

run_client() { # client dir -> runs it under /usr/bin/time, prints "seconds rss_kib cpu_seconds udp_drops"
  local client=$1 dir=$2 cmd
  case $client in
    # A fresh state directory each run: no resume record from the last one (and never the user's).
    torpeddo) rm -rf "$dir.state"
              cmd=("$root/torpeddo" download "$torrent" --dir "$dir" --state-dir "$dir.state" --port "$leech_port"
                   --peer "127.0.0.1:$seed_port" --no-dht --no-lsd) ;;
    libtorrent) cmd=(/usr/bin/python3 "$lt" leech "$torrent" "$dir" --port "$leech_port" --transport utp
                     --peer "127.0.0.1:$seed_port" --timeout "$TIMEOUT_SECS" "${lt_buffers[@]}") ;;
  esac
  local log="$work/utp-$client.log" start end pid waited=0 why="" drops
  drops=$(udp_drops)
  start=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$work/time.out" "${cmd[@]}" > "$log" 2>&1 &
  pid=$!
  # A watchdog, so that a client that cannot connect (Torpeddo before uTP) fails in seconds, not hours.
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.5; waited=$((waited + 1))
    if [ $waited -ge $((CONNECT_SECS * 2)) ] && [ "$(progress_of "$client" "$log" | awk '{print ($1 > 0)}')" != 1 ]; then
      why="no progress after $CONNECT_SECS s: it never got a block from the uTP-only seeder"
    elif [ $waited -ge $((TIMEOUT_SECS * 2)) ]; then
      why="not done after $TIMEOUT_SECS s"
    fi
    if [ -n "$why" ]; then pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; break; fi
  done
  local rc=0; wait "$pid" || rc=$?
  end=$(date +%s.%N)
  if [ -n "$why" ] || [ $rc -ne 0 ]; then
    echo "bench: $client failed: ${why:-exit code $rc}; last lines of $log:" >&2; tail -3 "$log" >&2
    [ "$client" = torpeddo ] && echo "bench: (Torpeddo has to speak uTP to download from this seeder)" >&2
    return 1
  fi
  cmp -s "$data" "$dir/$(basename "$data")" || { echo "bench: $client produced wrong data" >&2; return 1; }
  read -r kib user sys < <(tail -1 "$work/time.out")
  echo "$(echo "$end - $start" | bc -l) $kib $(echo "$user + $sys" | bc -l) $(($(udp_drops) - drops))"
}

declare -A times rss cpu failed
clients=($CLIENTS)
for run in $(seq "$RUNS"); do
  # Take turns at going first: the second leg finds the seeder warmed up (its caches, its JIT-free but
  # rate-tracking state), so neither client should always get that.
  order=("${clients[@]}")
  if [ $((run % 2)) -eq 0 ]; then order=(); for ((i = ${#clients[@]} - 1; i >= 0; i--)); do order+=("${clients[$i]}"); done; fi
  for client in "${order[@]}"; do
    [ -n "${failed[$client]:-}" ] && continue
    dir="$work/utp-dl-$client"; rm -rf "$dir"; mkdir -p "$dir"
    drop_caches
    if out=$(run_client "$client" "$dir"); then
      read -r secs kib cpus drops <<< "$out"
      printf 'run %d  %-10s %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB  CPU %5.2f s  UDP receive-buffer drops %d\n' \
        "$run" "$client" "$secs" "$(echo "$SIZE_MIB / $secs" | bc -l)" "$(echo "$kib / 1024" | bc -l)" "$cpus" "$drops"
      times[$client]+="$secs "; rss[$client]+="$kib "; cpu[$client]+="$cpus "
    else
      echo "run $run  $client FAILED (not run again)"; failed[$client]=1
    fi
    rm -rf "$dir" "$dir.state"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "medians of $RUNS runs ($SIZE_MIB MiB over uTP):"
base=""
[ -n "${times[libtorrent]:-}" ] && base=$(echo "${times[libtorrent]}" | median)
for client in $CLIENTS; do
  if [ -z "${times[$client]:-}" ]; then printf '  %-10s FAILED (see above)\n' "$client"; continue; fi
  t=$(echo "${times[$client]}" | median); r=$(echo "${rss[$client]}" | median); c=$(echo "${cpu[$client]}" | median)
  ratio=""; [ -n "$base" ] && ratio=$(printf '  time vs libtorrent %.2fx' "$(echo "$t / $base" | bc -l)")
  printf '  %-10s %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB  CPU %5.2f s%s\n' "$client" "$t" \
    "$(echo "$SIZE_MIB / $t" | bc -l)" "$(echo "$r / 1024" | bc -l)" "$c" "$ratio"
done
if [ -n "${times[torpeddo]:-}" ] && [ -n "$base" ]; then
  ok=$(echo "$(echo "${times[torpeddo]}" | median) <= 1.5 * $base" | bc -l)
  [ "$ok" = 1 ] && echo "within the issue's bound (at most 1.5x libtorrent)" || echo "OVER the issue's bound (at most 1.5x libtorrent)"
fi
[ -z "${failed[*]:-}" ]
