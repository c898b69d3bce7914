// Connects to an agentstream MCP server over Streamable HTTP with the official TypeScript MCP SDK, sending
// the bearer token the way Claude Code's --header does. Usage: node http-client.mjs URL [TOKEN]
// Prints one JSON object: what it saw when it worked, or the error when the server refused it.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token] = process.argv.slice(2);
if (!url) {
  console.error("usage: node http-client.mjs URL [TOKEN]");
  process.exit(2);
}

const headers = token ? { Authorization: `Bearer ${token}` } : {};
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: "agentstream-node-http-test", version: "1.0.0" });
const report = { connected: false };
try {
  await client.connect(transport);
  report.connected = true;
  report.server = client.getServerVersion();
  report.tools = (await client.listTools()).tools.map((t) => t.name);
  const result = await client.callTool({ name: "bash", arguments: { command: "echo token accepted" } });
  report.text = result.content.filter((c) => c.type === "text").map((c) => c.text).join("\n");
  await client.close();
} catch (error) {
  report.error = String(error?.message ?? error);
  report.code = error?.code ?? null;
}
console.log(JSON.stringify(report));
process.exit(0);
