#!/usr/bin/env bash
# Trains a JDK 25 AOT cache of the agentstream jar (JEP 483/514): runs one scripted MCP session
# (initialize, tools/list, a bash call), or for the cache of one-shot commands (TRAINING `tool`) the
# `agentstream tool` calls of OneShotTraining (bash, a view of a generated file, find, tree) in one JVM with
# their JVM options (on the jar's class path, as `java -jar` has it: the cache serves the launcher's runs), or for the cache of `mcp --http` (TRAINING `http`) one
# session over HTTP, under -XX:AOTCacheOutput and, when the JVM has
# written the cache, moves it into place. The launcher starts this in the background, detached, with its output in a log:
# nothing here ever reaches the caller's stdout, and a failed training only means the next runs go on
# without the cache.
#   train-aot-cache.sh JAVA JAR CACHE LOG [TRAINING]   (TRAINING: mcp, the default, tool or http)
set -uo pipefail

java_bin="$1" jar="$2" cache="$3" log="$4" training="${5:-mcp}"
scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lock="$cache.training"
tmp="$cache.tmp.$$"
work=""
trainee="" # the HTTP training's server, stopped however this script ends

# One training at a time: several MCP clients often start the server at once. A lock left by a killed
# training is taken over after ten minutes.
if ! mkdir "$lock" 2>/dev/null; then
  [ -n "$(find "$lock" -maxdepth 0 -mmin +10 2>/dev/null)" ] || exit 0
  rm -rf "$lock" && mkdir "$lock" 2>/dev/null || exit 0
fi
trap '[ -n "$trainee" ] && kill -TERM "$trainee" 2>/dev/null; rm -rf "$lock" ${work:+"$work"} "$tmp" "$tmp.config"' EXIT
trap 'exit 1' HUP INT TERM

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

# `mcp --http` (TRAINING `http`): the server on a free loopback port, its JVM options, one scripted session over
# Streamable HTTP (initialize, tools/list, a bash call, a request without a session, the session's end), spoken by
# bash itself (/dev/tcp), then SIGTERM, as a client's user stops it; the JVM writes the cache as it exits.
http_exchange() { # METHOD BODY [SESSION]: one request on its own connection; prints the answer's headers and body
  local sock line session_headers=""
  [ -n "${3:-}" ] && session_headers="Mcp-Session-Id: $3"$'\r\n'"MCP-Protocol-Version: 2025-06-18"$'\r\n'
  exec {sock}<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s /mcp HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n%sContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$1" "$port" "$session_headers" "${#2}" "$2" >&"$sock"
  while IFS= read -r -t 120 line <&"$sock" || [ -n "$line" ]; do printf '%s\n' "${line%$'\r'}"; line=""; done
  exec {sock}>&-
}
train_http() {
  local mcp_options=() answer session status
  [ -f "$scripts/mcp-jvm-options" ] && mcp_options=(@"$scripts/mcp-jvm-options")
  (cd "$work" && AGENTSTREAM_LOG="$work/agentstream.log" exec "$java_bin" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
    -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr ${mcp_options[@]+"${mcp_options[@]}"} -XX:AOTCacheOutput="$tmp" \
    -jar "$jar" mcp --http --port 0 --root "$work" 2>"$work/server.err") &
  trainee=$!
  port=""
  for _ in $(seq 1 1200); do # up to two minutes, as for the stdio session
    port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/mcp.*|\1|p' "$work/server.err" 2>/dev/null | head -n 1)"
    [ -n "$port" ] || ! kill -0 "$trainee" 2>/dev/null && break
    sleep 0.1
  done
  ok=1
  if [ -n "$port" ]; then
    answer="$(http_exchange POST '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"agentstream-aot-training","version":"1"}}}')"
    session="$(printf '%s\n' "$answer" | sed -n 's/^[Mm][Cc][Pp]-[Ss][Ee][Ss][Ss][Ii][Oo][Nn]-[Ii][Dd]: *//p' | head -n 1)"
    if [ -n "$session" ] && [[ "$answer" == *'"id":1,'* ]]; then
      http_exchange POST '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$session" >/dev/null
      if [[ "$(http_exchange POST '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' "$session")" == *'"id":2,'* ]] \
        && [[ "$(http_exchange POST '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"bash","arguments":{"command":"echo trained"},"_meta":{"progressToken":"p"}}}' "$session")" == *'"id":3,'* ]]; then
        http_exchange POST '{"jsonrpc":"2.0","id":4,"method":"tools/list"}' >/dev/null  # no session: a JSON-RPC error
        http_exchange DELETE '' "$session" >/dev/null
        ok=0
      fi
    fi
  fi
  kill -TERM "$trainee" 2>/dev/null
  wait "$trainee"
  status=$?
  trainee=""
  cat "$work/server.err"
  # 143: ended by SIGTERM, which is how this server stops
  [ "$status" -eq 143 ] && status=0
  finish "$status" "$ok" "the scripted MCP session over HTTP got no answer (JVM exit status $status)"
}

if [ "$training" = tool ]; then
  one_shot=(); [ -f "$scripts/one-shot-jvm-options" ] && one_shot=(@"$scripts/one-shot-jvm-options")
  # its calls' files and spool go under the training's folder (AGENTSTREAM_HOME), removed with it
  (cd "$work" && AGENTSTREAM_HOME="$work/home" AGENTSTREAM_LOG="$work/agentstream.log" exec "$java_bin" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
    -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr ${one_shot[@]+"${one_shot[@]}"} -XX:AOTCacheOutput="$tmp" \
    -cp "$jar" dev.agentstream.cli.OneShotTraining "$work/calls" >/dev/null)
  status=$?
  finish "$status" 0 ""
fi

if [ "$training" = http ]; then
  train_http  # ends the script
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
