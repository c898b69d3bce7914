// Drives an agentstream MCP server over stdio with the official TypeScript MCP SDK: a client nobody in
// this project wrote. Usage: node client.mjs COMMAND [ARGS...]   (the command that starts the server)
// Prints one JSON object with what it saw; McpNodeClientTest makes the assertions.
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node client.mjs COMMAND [ARGS...]");
  process.exit(2);
}

const report = { tools: [], progress: [], result: null, resultAt: null, cancel: null };
const started = Date.now();
const since = () => Date.now() - started;

// A zombie has exited and only waits for its parent: it is not running.
function running(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.charAt(stat.lastIndexOf(")") + 2);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" });
const client = new Client({ name: "agentstream-node-test", version: "1.0.0" });
await client.connect(transport);
try {
  report.server = client.getServerVersion();
  report.tools = (await client.listTools()).tools.map((t) => ({ name: t.name, properties: Object.keys(t.inputSchema.properties ?? {}) }));

  // Progress: onprogress makes the SDK send a progressToken; notifications must come before the result.
  const result = await client.callTool(
    { name: "bash", arguments: { command: 'for i in 1 2 3 4; do echo "step $i"; sleep 0.4; done' } },
    CallToolResultSchema,
    { onprogress: (p) => report.progress.push({ at: since(), progress: p.progress, total: p.total ?? null, message: p.message ?? null }), timeout: 60000 },
  );
  report.resultAt = since();
  report.result = { isError: result.isError ?? false, text: result.content.filter((c) => c.type === "text").map((c) => c.text).join("\n") };

  // Cancellation: aborting the request makes the SDK send notifications/cancelled.
  const abort = new AbortController();
  let pid = null;
  const slow = client.callTool(
    { name: "bash", arguments: { command: "sh -c 'echo PID=$$; exec sleep 300'" } },
    CallToolResultSchema,
    {
      signal: abort.signal,
      timeout: 60000,
      onprogress: (p) => {
        const m = /PID=(\d+)/.exec(p.message ?? "");
        if (m) pid = Number(m[1]);
      },
    },
  ).catch((e) => ({ aborted: String(e) }));
  for (let i = 0; i < 400 && pid === null; i++) await sleep(50);
  const runningBefore = pid !== null && running(pid);
  abort.abort("the test cancels it");
  const outcome = await slow;
  let waited = 0;
  while (pid !== null && running(pid) && waited < 10000) {
    await sleep(50);
    waited += 50;
  }
  report.cancel = { pid, runningBefore, runningAfter: pid !== null && running(pid), aborted: outcome.aborted ?? null };
  const after = await client.callTool({ name: "bash", arguments: { command: "echo still here" } });
  report.afterCancel = after.content.filter((c) => c.type === "text").map((c) => c.text).join("\n");
} finally {
  await client.close();
}
console.log(JSON.stringify(report));
