"""Drives an agentstream MCP server over Streamable HTTP with clients nobody in this project wrote: the
official Python MCP SDK, and for what the SDK hides (headers, a dropped connection, Last-Event-ID) plain
HTTP from the standard library. Usage: python client.py SCENARIO URL [ARG]. Prints one JSON object with
what it saw; McpPythonClientTest makes the assertions.
"""
import asyncio
import http.client
import json
import re
import socket
import sys
import time
import urllib.parse

from mcp import Client, StdioServerParameters

PROTOCOL = "2025-11-25"


# ---- plain HTTP ---------------------------------------------------------------------------------------

class Raw:
    """One MCP session spoken by hand: each request on a connection of its own."""

    def __init__(self, url):
        self.url = urllib.parse.urlsplit(url)
        self.session = None
        self.next_id = 100

    def connect(self):
        conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=60)
        return conn

    def headers(self, extra=None):
        h = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
             "MCP-Protocol-Version": PROTOCOL}
        if self.session:
            h["Mcp-Session-Id"] = self.session
        h.update(extra or {})
        return h

    def post(self, message, extra_headers=None):
        conn = self.connect()
        conn.request("POST", self.url.path, body=json.dumps(message), headers=self.headers(extra_headers))
        return conn, conn.getresponse()

    def initialize(self):
        conn, resp = self.post({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": {"name": "raw-python", "version": "1"}}})
        resp.read()
        self.session = resp.getheader("Mcp-Session-Id")
        conn.close()
        conn, resp = self.post({"jsonrpc": "2.0", "method": "notifications/initialized"})
        resp.read()
        conn.close()
        return self.session

    def start_call(self, command, progress=True):
        self.next_id += 1
        params = {"name": "bash", "arguments": {"command": command}}
        if progress:
            params["_meta"] = {"progressToken": "p%d" % self.next_id}
        conn, resp = self.post({"jsonrpc": "2.0", "id": self.next_id, "method": "tools/call", "params": params})
        return self.next_id, conn, resp

    def call(self, command):
        request_id, conn, resp = self.start_call(command, progress=False)
        for event in events(resp):
            message = json.loads(event["data"])
            if message.get("id") == request_id:
                conn.close()
                return message
        conn.close()
        return None

    def notify_cancelled(self, request_id):
        conn, resp = self.post({"jsonrpc": "2.0", "method": "notifications/cancelled",
                                "params": {"requestId": request_id, "reason": "the test cancels it"}})
        resp.read()
        conn.close()
        return resp.status


def events(resp):
    """The SSE events of a response, as dicts with 'id' and 'data'; comment lines are skipped, as SSE says."""
    event = {}
    while True:
        line = resp.readline()
        if not line:
            return
        line = line.decode("utf-8").rstrip("\r\n")
        if line == "":
            if "data" in event:
                yield event
            event = {}
        elif line.startswith(":"):
            continue
        else:
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            event[field] = event.get(field, "") + value if field == "data" else value


def drop(conn):
    """Ends a connection the way a crashed client does: no goodbye, the socket just closes (shut down first,
    since the response still holds the socket open)."""
    conn.sock.shutdown(socket.SHUT_RDWR)
    conn.sock.close()


def pid_from(events_iter, request_id):
    for event in events_iter:
        message = json.loads(event["data"])
        text = json.dumps(message)
        m = re.search(r"PID=(\d+)", text)
        if m:
            return int(m.group(1)), event.get("id")
        if message.get("id") == request_id:
            return None, None
    return None, None


def text_of(result):
    return "\n".join(c.get("text", "") for c in result.get("content", []) if c.get("type") == "text")


# ---- scenarios ------------------------------------------------------------------------------------------

async def listing(url, folder):
    report = {}
    async with Client(url) as client:
        report["protocol"] = client.protocol_version
        tools = (await client.list_tools()).tools
        report["tools"] = [json.loads(t.model_dump_json(by_alias=True, exclude_none=True)) for t in tools]
        results = {}
        for name, args in [("find", {"path": folder, "pattern": "needle"}), ("tree", {"path": folder}),
                           ("bash", {"command": "echo hi; exit 3"})]:
            r = await client.call_tool(name, args)
            results[name] = {"isError": bool(r.is_error), "structured": r.structured_content}
        report["results"] = results
    return report


async def version(url, _):
    report = {}
    raw = Raw(url)
    conn, resp = raw.post({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": {"name": "raw-python", "version": "1"}}},
        {"MCP-Protocol-Version": "1999-01-01"})
    report["badStatus"] = resp.status
    report["badBody"] = json.loads(resp.read() or b"null")
    conn.close()
    raw.initialize()
    conn, resp = raw.post({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}, {"MCP-Protocol-Version": "2030-01-01"})
    report["badInSessionStatus"] = resp.status
    resp.read()
    conn.close()
    # The SDK first probes server/discover at 2026-07-28; answered, it stays at that revision.
    async with Client(url) as client:
        report["sdkProtocol"] = client.protocol_version
        report["sdkTools"] = [t.name for t in (await client.list_tools()).tools]
    return report


async def cancel(url, _):
    report = {}
    # The SDK: abandoning a call cancels it (a notifications/cancelled, or at 2026-07-28 over HTTP the response closed).
    async with Client(url) as client:
        report["sdkPid"], report["sdkAfter"] = await abandon_a_call(client)
    # By hand: the cancelled request's own stream must end without an answer.
    raw = Raw(url)
    raw.initialize()
    request_id, conn, resp = raw.start_call("sh -c 'echo PID=$$; exec sleep 300'")
    it = events(resp)
    pid, _ = pid_from(it, request_id)
    report["rawPid"] = pid
    report["cancelStatus"] = raw.notify_cancelled(request_id)
    answered = False
    for event in it:
        if json.loads(event["data"]).get("id") == request_id:
            answered = True
    report["answered"] = answered
    conn.close()
    report["rawAfter"] = text_of(raw.call("echo after cancel")["result"])
    return report


async def get_stream(url, _):
    raw = Raw(url)
    raw.initialize()
    conn = raw.connect()
    started = time.monotonic()
    conn.request("GET", raw.url.path, headers={"Accept": "text/event-stream", "Mcp-Session-Id": raw.session,
                                                "MCP-Protocol-Version": PROTOCOL})
    resp = conn.getresponse()  # returns once the headers are in: the stream is open
    report = {"status": resp.status, "contentType": resp.getheader("Content-Type"),
              "headersAfterMs": int((time.monotonic() - started) * 1000)}
    drop(conn)
    async with Client(url) as client:  # the SDK opens its own GET stream too
        report["sdkTools"] = len((await client.list_tools()).tools)
    return report


async def resume(url, _):
    raw = Raw(url)
    raw.initialize()
    request_id, conn, resp = raw.start_call("for i in 1 2 3 4 5 6 7 8; do echo line $i; sleep 0.5; done")
    first = None
    for event in events(resp):
        if "id" in event:
            first = event
            break
    drop(conn)
    report = {"firstId": first and first["id"], "firstData": first and json.loads(first["data"])}
    time.sleep(1.5)
    conn = raw.connect()
    conn.request("GET", raw.url.path, headers={"Accept": "text/event-stream", "Mcp-Session-Id": raw.session,
                                                "MCP-Protocol-Version": PROTOCOL, "Last-Event-ID": first["id"]})
    resp = conn.getresponse()
    report["status"] = resp.status
    replayed = []
    for event in events(resp):
        message = json.loads(event["data"])
        replayed.append({"id": event.get("id"), "message": message})
        if message.get("id") == request_id:
            break
    drop(conn)
    report["replayed"] = replayed
    return report


async def lost(url, _):
    raw = Raw(url)
    raw.initialize()
    request_id, conn, resp = raw.start_call("sh -c 'echo PID=$$; exec sleep 300'")
    pid, _ = pid_from(events(resp), request_id)
    drop(conn)
    started = time.monotonic()
    while running(pid) and time.monotonic() - started < 20:
        time.sleep(0.02)
    gone_ms = int((time.monotonic() - started) * 1000)
    answer = raw.call("echo freed")
    return {"pid": pid, "goneAfterMs": gone_ms, "stillRunning": running(pid), "after": text_of(answer["result"])}


def running(pid):
    """Whether a process runs (a zombie only waits for its parent: it does not)."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


async def idle(url, _):
    """A session left alone (no request, no DELETE): its shell must end once the idle limit has passed."""
    raw = Raw(url)
    raw.initialize()
    pid = int(text_of(raw.call("echo $$")["result"]).split()[0])
    started = time.monotonic()
    while running(pid) and time.monotonic() - started < 60:
        time.sleep(0.1)
    gone_ms = int((time.monotonic() - started) * 1000)
    conn, resp = raw.post({"jsonrpc": "2.0", "id": 9, "method": "tools/list"})
    body = resp.read()
    conn.close()
    return {"pid": pid, "shellGoneAfterMs": gone_ms, "stillRunning": running(pid), "status": resp.status,
            "body": json.loads(body or b"null")}


async def shells(url, _):
    pids = []
    for _ in range(2):
        raw = Raw(url)
        raw.initialize()
        pids.append(int(text_of(raw.call("echo $$; sleep 300 &")["result"]).split()[0]))
    return {"pids": pids}


# ---- protocol revision 2026-07-28 (the SDK's default mode) -------------------------------------------------

def server_of(target):
    """A URL, or (stdio) the server's command line as a JSON list."""
    if target.startswith("["):
        command = json.loads(target)
        return StdioServerParameters(command=command[0], args=command[1:])
    return target


async def modern(target, folder):
    """The SDK as it connects by default: server/discover, then stateless requests at the version it adopted."""
    report = {}
    progress = []
    logs = []

    async def on_progress(progress_value, total, message):
        progress.append({"progress": progress_value, "message": message})

    async def on_log(params):
        logs.append({"level": params.level, "data": params.data})

    async with Client(server_of(target), log_level="debug", logging_callback=on_log) as client:
        report["protocol"] = client.protocol_version
        report["serverName"] = client.server_info.name if client.server_info else None
        report["discovered"] = list(client.session.discover_result.supported_versions) if client.session.discover_result else None
        tools = (await client.list_tools()).tools
        report["tools"] = [json.loads(t.model_dump_json(by_alias=True, exclude_none=True)) for t in tools]
        r = await client.call_tool("bash", {"command": "echo one; sleep 0.5; echo two; exit 3"}, progress_callback=on_progress)
        report["bash"] = {"isError": bool(r.is_error), "structured": r.structured_content, "text": text_of(json.loads(r.model_dump_json(by_alias=True))),
                          "meta": (r.meta or {}).get("dev.agentstream/result")}
        r = await client.call_tool("find", {"path": folder, "pattern": "needle"})
        report["find"] = {"isError": bool(r.is_error), "structured": r.structured_content}
        r = await client.call_tool("bash", {"command": ""})
        report["badInput"] = {"isError": bool(r.is_error), "text": text_of(json.loads(r.model_dump_json(by_alias=True)))}
    report["progress"] = progress
    report["logs"] = logs
    if not target.startswith("["):
        quiet = []

        async def on_quiet_log(params):
            quiet.append(params.level)

        async with Client(target, logging_callback=on_quiet_log) as client:
            await client.call_tool("bash", {"command": "echo no opt-in"})
        report["logsWithoutOptIn"] = quiet
    return report


async def abandon_a_call(client):
    """Starts a command that reports its pid, abandons the call once the pid came in progress, waits for the
    process to go (the cancellation travels on its own), and calls bash again: (pid, that call's text)."""
    pids = []

    async def on_progress(progress_value, total, message):
        m = re.search(r"PID=(\d+)", message or "")
        if m and not pids:
            pids.append(int(m.group(1)))

    task = asyncio.create_task(client.call_tool("bash", {"command": "sh -c 'echo PID=$$; exec sleep 300'"},
                                                progress_callback=on_progress))
    for _ in range(400):
        if pids:
            break
        await asyncio.sleep(0.05)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    waited = time.monotonic()
    while pids and running(pids[0]) and time.monotonic() - waited < 20:
        await asyncio.sleep(0.02)
    after = await client.call_tool("bash", {"command": "echo still here"})
    return (pids[0] if pids else None), "\n".join(getattr(c, "text", "") for c in after.content)


async def modern_cancel(target, _):
    """Abandoning a call at 2026-07-28: over stdio a notifications/cancelled, over HTTP the response closed."""
    report = {}
    async with Client(server_of(target)) as client:
        report["protocol"] = client.protocol_version
        report["pid"], report["after"] = await abandon_a_call(client)
    report["stillRunning"] = bool(report["pid"]) and running(report["pid"])
    return report


async def modern_errors(url, _):
    """Refused requests at 2026-07-28, by hand: each answer must be a JSON-RPC error body, never a Java exception."""
    parts = urllib.parse.urlsplit(url)
    meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}

    def exchange(method, body, headers):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        h = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
             "MCP-Protocol-Version": "2026-07-28"}
        h.update(headers)
        conn.request(method, parts.path, body=body, headers=h)
        resp = conn.getresponse()
        raw = resp.read().decode("utf-8")
        conn.close()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = None
        return {"status": resp.status, "body": parsed, "raw": raw[:500]}

    return {
        "noMeta": exchange("POST", json.dumps({"jsonrpc": "2.0", "id": 7, "method": "tools/list", "params": {}}),
                           {"Mcp-Method": "tools/list"}),
        "unknownTool": exchange("POST", json.dumps({"jsonrpc": "2.0", "id": 8, "method": "tools/call",
                                                    "params": {"name": "nope", "arguments": {}, "_meta": meta}}),
                                {"Mcp-Method": "tools/call", "Mcp-Name": "nope"}),
        "notJson": exchange("POST", "{not json", {"Mcp-Method": "tools/list"}),
        "get": exchange("GET", None, {}),
        "foreignOrigin": exchange("POST", json.dumps({"jsonrpc": "2.0", "id": 9, "method": "tools/list", "params": {"_meta": meta}}),
                                  {"Mcp-Method": "tools/list", "Origin": "http://evil.example"}),
    }


async def legacy(target, _):
    """The SDK pinned to the initialize handshake: the legacy server still answers it."""
    async with Client(server_of(target), mode="legacy") as client:
        report = {"protocol": client.protocol_version}
        r = await client.call_tool("bash", {"command": "echo legacy"})
        report["text"] = "\n".join(getattr(c, "text", "") for c in r.content)
    return report


SCENARIOS = {"modern": modern, "modern-cancel": modern_cancel, "modern-errors": modern_errors, "legacy": legacy, "listing": listing, "version": version, "cancel": cancel, "get-stream": get_stream, "resume": resume,
             "lost": lost, "idle": idle, "shells": shells}

if __name__ == "__main__":
    scenario, url = sys.argv[1], sys.argv[2]
    arg = sys.argv[3] if len(sys.argv) > 3 else None
    print(json.dumps(asyncio.run(SCENARIOS[scenario](url, arg))), flush=True)
