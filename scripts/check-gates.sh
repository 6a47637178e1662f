#!/usr/bin/env bash
# Proves the quality gates still bite: in a scratch copy of the tree it breaks the formatting, adds an
# Error Prone finding and a layering violation, one at a time, and expects the build to refuse each.
# Run by ./test; a gate that someone switched off makes this fail.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$scratch"
cd "$scratch"
victim=engine/src/main/java/dev/torpeddo/engine/bencode/BEncoder.java
cp "$victim" "$scratch/original"

expect_refusal() { # name, expected text in the output, maven args...
  local name=$1 expected=$2
  shift 2
  if ./mvnw -B -o -pl "${modules:-engine}" "$@" >"$scratch/out" 2>&1; then
    echo "check-gates: the build ACCEPTED $name" >&2
    exit 1
  fi
  if ! grep -q -- "$expected" "$scratch/out"; then
    echo "check-gates: the build failed on $name, but not with '$expected':" >&2
    tail -20 "$scratch/out" >&2
    exit 1
  fi
  echo "check-gates: $name refused"
  cp "$scratch/original" "$victim"
  if [ -n "${backend_victim:-}" ]; then cp "$scratch/backend-original" "$backend_victim"; fi
}

# 1. Formatting: a badly indented line.
sed -i 's/^public final class BEncoder {/public final class BEncoder {\n      static   int  misformatted ;/' "$victim"
expect_refusal "misformatted code (Spotless)" "spotless" spotless:check

# 2. Error Prone: an exception created and dropped (DeadException is an error-level check).
sed -i 's/^public final class BEncoder {/public final class BEncoder {\n    static void dropped() {\n        new IllegalStateException("never thrown");\n    }\n/' "$victim"
expect_refusal "an Error Prone finding" "DeadException" compile -Dspotless.check.skip=true -Djacoco.skip=true

# 3. Layering: bencode, the bottom layer, reaching up into metainfo.
sed -i 's/^public final class BEncoder {/public final class BEncoder {\n    static final Object UP = dev.torpeddo.engine.metainfo.TorrentLimits.class;\n/' "$victim"
expect_refusal "a layering violation (ArchUnit)" "bencode may not use metainfo" test -Dtest=ArchitectureTest \
  -Dspotless.check.skip=true -Djacoco.skip=true

# 4. The module boundary: the backend reaching past the engine's exports into its insides.
backend_victim=backend/src/main/java/dev/torpeddo/backend/cli/Units.java
cp "$backend_victim" "$scratch/backend-original"
sed -i 's/^final class Units {/final class Units {\n    static final Object INSIDE = dev.torpeddo.engine.torrent.Torrent.class;\n/' "$backend_victim"
modules=engine,backend expect_refusal "the backend using a package the engine does not export (JPMS)" \
  "which does not export it" compile -Dspotless.check.skip=true -Djacoco.skip=true
