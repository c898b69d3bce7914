package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link TestServerMain} in a JVM of its own, so that whatever happens to the server (or is done to it)
 * cannot take the test JVM down with it.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private ServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The command that runs {@link TestServerMain} with {@code options} on this test's class path. */
    static List<String> javaCommand(String... options) {
        return javaCommand(List.of(), options);
    }

    /** The same, with {@code jvmOptions} for the server's JVM. */
    static List<String> javaCommand(List<String> jvmOptions, String... options) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TestServerMain.class.getName()));
        command.addAll(List.of(options));
        return command;
    }

    /** Starts a Streamable HTTP server and waits for it to announce its endpoint. */
    static ServerProcess http(String... options) throws IOException {
        return http(List.of(), options);
    }

    /** The same, with {@code jvmOptions} for the server's JVM. */
    static ServerProcess http(List<String> jvmOptions, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--http"));
        args.addAll(List.of(options));
        Process process = new ProcessBuilder(javaCommand(jvmOptions, args.toArray(String[]::new))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith(TestServerMain.ENDPOINT_LINE)) {
            // skip anything else
        }
        assertThat(line).as("the server announces its endpoint").isNotNull();
        return new ServerProcess(process, URI.create(line.substring(TestServerMain.ENDPOINT_LINE.length())));
    }

    URI endpoint() {
        return endpoint;
    }

    /** The server's process, to see what it started. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Asks the server to stop, as Ctrl-C or a service manager would (SIGTERM), and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
