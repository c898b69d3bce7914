package dev.agentstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MCP servers from npm the agentstream server is measured against, installed into a folder of their own. */
final class McpPeers {

    static final String DESKTOP_COMMANDER = "@wonderwhy-er/desktop-commander@0.2.52";
    static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem@2026.8.31";

    private McpPeers() {}

    /** Installs both servers into {@code peers} with npm unless they are there; false when npm failed. */
    static boolean ensure(Path peers) throws IOException, InterruptedException {
        if (Files.isDirectory(peers.resolve("node_modules/@wonderwhy-er/desktop-commander"))
                && Files.isDirectory(peers.resolve("node_modules/@modelcontextprotocol/server-filesystem"))) return true;
        Files.createDirectories(peers);
        if (!Files.exists(peers.resolve("package.json"))) Files.writeString(peers.resolve("package.json"), "{\"private\":true}\n");
        System.err.println("installing " + DESKTOP_COMMANDER + " and " + FILESYSTEM + " into " + peers + " with npm...");
        ProcessBuilder npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", DESKTOP_COMMANDER, FILESYSTEM)
                .directory(peers.toFile()).redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        npm.environment().put("PUPPETEER_SKIP_DOWNLOAD", "true"); // a dependency would fetch a browser otherwise
        return npm.start().waitFor() == 0;
    }

    /** Desktop Commander started as a client starts it. */
    static List<String> desktopCommander(Path peers) {
        return List.of("node", peers.resolve("node_modules/@wonderwhy-er/desktop-commander/dist/index.js").toString(), "--no-onboarding");
    }

    /** Desktop Commander's environment: its config, logs and telemetry stay inside {@code work}. */
    static Map<String, String> desktopCommanderEnv(Path work) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", Files.createDirectories(work.resolve("dc-home")).toString());
        env.put("DESKTOP_COMMANDER_DISABLE_TELEMETRY", "1");
        env.put("DC_FLAG_URL", "http://127.0.0.1:9/flags.json"); // its feature-flag fetch stays on this machine (and fails)
        return env;
    }

    /** The reference filesystem server, allowed into {@code folder}. */
    static List<String> filesystem(Path peers, Path folder) {
        return List.of("node", peers.resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js").toString(), folder.toString());
    }
}
