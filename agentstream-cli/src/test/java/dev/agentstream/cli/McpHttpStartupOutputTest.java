package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code agentstream mcp --http} started through {@link Main}, as the launcher starts it, with the threads that ready
 * logging, the MCP answers and Jetty on the second core while the command line is read: what it prints before it
 * listens is its own line and nothing else.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpHttpStartupOutputTest {

    @Test
    void startingPrintsNoLoggingLibraryWarnings() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "mcp", "--http", "--port", "0", "--sandbox", "off"));
        Process server = new ProcessBuilder(command).start();
        try {
            server.getOutputStream().close();
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            List<String> before = new ArrayList<>();
            String line;
            while ((line = err.readLine()) != null && !line.contains("listening on http://")) before.add(line);
            assertThat(line).as("the server says where it listens").isNotNull();
            assertThat(before).noneMatch(l -> l.startsWith("SLF4J"));
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }
}
