# Sourced by ./agentstream and agentstream-bench/run: prints the newest JDK 21+ on this machine.
# The same places Maven's toolchains discovery looks: JAVA_HOME, JAVAxx_HOME, the PATH, and the usual
# install folders.

# The major version of a java binary: from the JDK's release file when there is one (instant), else by
# asking the binary itself.
java_major() {
  local bin home version
  bin="$(readlink -f "$1")"
  home="$(dirname "$(dirname "$bin")")"
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
  else
    version="$("$bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  fi
  version="${version#1.}"
  echo "${version%%[.+-]*}"
}

find_java() {
  local candidates=() best="" best_major=0 c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  while IFS='=' read -r name value; do
    [[ "$name" =~ ^JAVA[0-9]+_HOME$ ]] && candidates+=("$value/bin/java")
  done < <(env)
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir/bin/java")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major="$(java_major "$c" 2>/dev/null || echo 0)"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$c"; best_major="$major"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

