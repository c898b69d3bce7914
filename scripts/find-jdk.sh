# Sourced by ./agentstream and agentstream-bench/run: prints the newest JDK 21+ on this machine.
# The same places Maven's toolchains discovery looks: JAVA_HOME, JAVAxx_HOME, the PATH, and the usual
# install folders. Every MCP client that starts agentstream waits for this, so it stays in bash's own
# builtins as far as it can (one readlink per candidate, no other process unless a JDK lacks its
# release file).

# Sets java_major_found to the major version of a java binary: from the JDK's release file when there
# is one (instant), else by asking the binary itself.
read_java_major() {
  local bin="$1" home version="" line
  home="${bin%/bin/*}"
  # A link (/usr/bin/java) is followed to its JDK; a JDK's own bin/java is read in place.
  if [ ! -f "$home/release" ] || [ -L "$bin" ]; then
    bin="$(readlink -f "$bin")" || bin="$1"
    home="${bin%/bin/*}"
  fi
  if [ -f "$home/release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*) version="${line#JAVA_VERSION=}"; version="${version//\"/}"; break ;;
      esac
    done < "$home/release"
  else
    version="$("$bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  fi
  version="${version#1.}"
  java_major_found="${version%%[.+-]*}"
}

# Prints the major version of a java binary.
java_major() {
  read_java_major "$1"
  echo "$java_major_found"
}

# Prints the newest java binary of version 21 or later, and leaves it in found_java and its major
# version in found_java_major (call it without $(...) to keep them).
find_java() {
  local candidates=() best="" best_major=0 c name dir
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  # Variable names and the PATH lookup come from bash itself (no env, no $(command -v)): each process
  # started here is time every MCP client waits for.
  for name in ${!JAVA@}; do
    [[ "$name" =~ ^JAVA[0-9]+_HOME$ ]] && [ -n "${!name}" ] && candidates+=("${!name}/bin/java")
  done
  hash java 2>/dev/null && candidates+=("${BASH_CMDS[java]}")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir/bin/java")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    java_major_found=0
    read_java_major "$c" 2>/dev/null
    [[ "$java_major_found" =~ ^[0-9]+$ ]] || continue
    if [ "$java_major_found" -ge 21 ] && [ "$java_major_found" -gt "$best_major" ]; then
      best="$c"; best_major="$java_major_found"
    fi
  done
  found_java="$best" found_java_major="$best_major"
  [ -n "$best" ] && echo "$best"
}
