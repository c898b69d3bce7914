package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An MCP client nobody in this project wrote (the Python or the TypeScript SDK), run as a script that prints
 * one JSON report as its last line of output.
 */
final class ExternalClient {

    static final Path PYTHON_DIR = Path.of("src", "test", "python").toAbsolutePath();
    static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();

    private ExternalClient() {}

    /** The Python of the venv scripts/test makes, with the pinned SDK in it. */
    static Path python() {
        Path python = PYTHON_DIR.resolve(".venv/bin/python");
        if (!Files.isExecutable(python) || !Files.isDirectory(PYTHON_DIR.resolve(".venv/lib"))) {
            fail("The Python MCP SDK is not installed: run scripts/test, or: python3 -m venv " + PYTHON_DIR.resolve(".venv")
                    + " && " + python + " -m pip install -r " + PYTHON_DIR.resolve("requirements.txt"));
        }
        return python;
    }

    static void requireNodePackages() {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@modelcontextprotocol/sdk")) || !Files.isDirectory(NODE_DIR.resolve("node_modules/ajv"))) {
            fail("The TypeScript MCP SDK is not installed: run 'npm ci' in " + NODE_DIR + " (scripts/test does).");
        }
    }

    /** Runs {@code command} in {@code directory} and returns the JSON report it printed last. */
    static JsonNode run(Path directory, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String stdout = read(process.getInputStream());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the client finished").isTrue();
        assertThat(process.exitValue()).as("the client failed; its stderr:\n%s", stderr.get()).isZero();
        String report = stdout.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the client printed no report; stdout:\n" + stdout + "\nstderr:\n" + stderr.join()));
        return EventJson.mapper().readTree(report);
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
