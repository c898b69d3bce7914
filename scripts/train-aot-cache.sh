#!/usr/bin/env bash
# Trains a JDK 25 AOT cache of the agentstream jar (JEP 483/514): runs one scripted MCP session
# (initialize, tools/list, a bash call), or for the cache of one-shot commands (TRAINING `tool`) one
# `agentstream tool bash` call with their JVM options, under -XX:AOTCacheOutput and, when the JVM has
# written the cache, moves it into place. The launcher starts this in the background, detached, with its output in a log:
# nothing here ever reaches the caller's stdout, and a failed training only means the next runs go on
# without the cache.
#   train-aot-cache.sh JAVA JAR CACHE LOG [TRAINING]   (TRAINING: mcp, the default, or tool)
set -uo pipefail

java_bin="$1" jar="$2" cache="$3" log="$4" training="${5:-mcp}"
scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lock="$cache.training"
tmp="$cache.tmp.$$"
work=""

# One training at a time: several MCP clients often start the server at once. A lock left by a killed
# training is taken over after ten minutes.
if ! mkdir "$lock" 2>/dev/null; then
  [ -n "$(find "$lock" -maxdepth 0 -mmin +10 2>/dev/null)" ] || exit 0
  rm -rf "$lock" && mkdir "$lock" 2>/dev/null || exit 0
fi
trap 'rm -rf "$lock" ${work:+"$work"} "$tmp" "$tmp.config"' EXIT

exec >"$log" 2>&1
echo "training the AOT cache for $jar with $java_bin ($(date -u +%FT%TZ))"
fail() {
  echo "AOT training failed: $1; runs go on without the cache until the jar changes."
  exit 1
}
work="$(mktemp -d 2>/dev/null)" || fail "cannot make a temporary folder (TMPDIR=${TMPDIR:-/tmp})"

finish() { # the training JVM's exit status, and whether its run did what it was trained on
  if [ "$2" -eq 0 ] && [ "$1" -eq 0 ] && [ -s "$tmp" ]; then
    mv -f "$tmp" "$cache"
    echo "AOT cache ready: $cache"
    exit 0
  elif [ "$2" -ne 0 ]; then
    fail "$3"
  else
    fail "the JVM exited with status $1 and wrote no cache"
  fi
}

if [ "$training" = tool ]; then
  one_shot=(); [ -f "$scripts/one-shot-jvm-options" ] && one_shot=(@"$scripts/one-shot-jvm-options")
  (cd "$work" && AGENTSTREAM_LOG="$work/agentstream.log" exec "$java_bin" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
    -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr ${one_shot[@]+"${one_shot[@]}"} -XX:AOTCacheOutput="$tmp" \
    -jar "$jar" tool bash --input '{"command":"echo trained"}')
  status=$?
  # 1: the call's result is an error (bash without its sandbox, say); answered all the same, as an MCP call would be
  [ "$status" -eq 1 ] && status=0
  finish "$status" 0 ""
fi

coproc TRAINEE {
  AGENTSTREAM_LOG="$work/agentstream.log" exec "$java_bin" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
    -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr -XX:AOTCacheOutput="$tmp" \
    -jar "$jar" mcp --root "$work"
}
to="${TRAINEE[1]}" from="${TRAINEE[0]}" pid="$TRAINEE_PID"

send() { printf '%s\n' "$1" >&"$to"; }
# Waits for the answer to request $1 (up to two minutes: a loaded machine is slow to start a recording JVM).
answered() {
  local line
  while IFS= read -r -t 120 line <&"$from"; do
    [[ "$line" == *"\"id\":$1,"* ]] && return 0
  done
  return 1
}

send '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"agentstream-aot-training","version":"1"}}}'
ok=1
if answered 1; then
  send '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  send '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
  if answered 2; then
    send '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"bash","arguments":{"command":"echo trained"},"_meta":{"progressToken":"p"}}}'
    answered 3 && ok=0
  fi
fi
exec {to}>&-   # end of input ends the session; the JVM then writes the cache as it exits
wait "$pid"
status=$?

finish "$status" "$ok" "the scripted MCP session got no answer (JVM exit status $status)"
