# Sourced by ./torpeddo, ./test and .ci/run: sets JAVA_HOME to a JDK >= 25 or exits with one line.
# Order: $JAVA_HOME, then JDKs under /usr/lib/jvm (newest first).
torpeddo_java_major() {
  # The JDK's release file answers without starting a JVM (~50 ms saved on every ./torpeddo run).
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n1)
  if [ -n "$v" ]; then echo "$v"; return; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}
torpeddo_find_java() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(torpeddo_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "torpeddo: no JDK 25 or newer found (checked \$JAVA_HOME and /usr/lib/jvm); install Temurin 25 and set JAVA_HOME" >&2
  exit 1
}
torpeddo_find_java
