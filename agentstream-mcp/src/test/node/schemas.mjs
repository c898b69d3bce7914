// Lists an agentstream MCP server's tools with the official TypeScript MCP SDK and compiles every input and
// output schema with ajv in strict mode (strict types, no union types), as strict MCP clients do; then calls
// the tools that declare an output schema, which makes the SDK check each structuredContent against it.
// Usage: node schemas.mjs DIR COMMAND [ARGS...]   Prints one JSON object; McpStrictSchemaTest asserts.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import Ajv from "ajv";

const [dir, command, ...args] = process.argv.slice(2);
const report = { schemas: {}, calls: {} };
const client = new Client({ name: "agentstream-schema-test", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" }));
try {
  const { tools } = await client.listTools();
  for (const tool of tools) {
    for (const [kind, schema] of [["input", tool.inputSchema], ["output", tool.outputSchema]]) {
      if (!schema) continue;
      const ajv = new Ajv({ strict: true, allowUnionTypes: false });
      try {
        ajv.compile(schema);
        report.schemas[`${tool.name}.${kind}`] = "ok";
      } catch (error) {
        report.schemas[`${tool.name}.${kind}`] = String(error.message ?? error);
      }
    }
  }
  const calls = {
    find: { path: dir, pattern: "needle", include: ["*.txt"] },
    tree: { path: dir },
    bash: { command: "echo hi; exit 3" },
  };
  for (const [name, input] of Object.entries(calls)) {
    try {
      const result = await client.callTool({ name, arguments: input });
      report.calls[name] = { isError: result.isError ?? false, structuredContent: result.structuredContent ?? null };
    } catch (error) {
      report.calls[name] = { failed: String(error.message ?? error) };
    }
  }
} finally {
  await client.close();
}
console.log(JSON.stringify(report));
