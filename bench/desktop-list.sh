#!/usr/bin/env bash
# Desktop torrent-list benchmark (frame times while scrolling 10,000 torrents with state deltas, time to the list
# shown): see bench/desktop-list.mjs for what it measures and its settings (RUNS, SCROLL_S, VIEWS, FRAME_CLOCK...).
set -euo pipefail
exec node "$(dirname "${BASH_SOURCE[0]}")/desktop-list.mjs" "$@"
