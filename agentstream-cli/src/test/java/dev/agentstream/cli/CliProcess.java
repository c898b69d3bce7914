package dev.agentstream.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The real agentstream command in its own JVM, with its stdout lines timestamped as they arrive. */
final class CliProcess implements AutoCloseable {

    record Line(long receivedNanos, String text) {}

    final Process process;
    final List<Line> stdout = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> stderr;
    final long startNanos = System.nanoTime();

    private CliProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) stdout.add(new Line(System.nanoTime(), line));
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        });
        stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    static CliProcess start(Path logDir, String... args) throws IOException {
        return start(logDir, java.util.Map.of(), args);
    }

    /** With {@code environment} set on top of this JVM's (e.g. a PATH without some program). */
    static CliProcess start(Path logDir, java.util.Map<String, String> environment, String... args) throws IOException {
        java.util.Map<String, String> env = new java.util.HashMap<>(environment);
        env.putIfAbsent("AGENTSTREAM_LOG", logDir.resolve("agentstream.log").toString());
        return start(Main.class, null, env, args);
    }

    /** {@code main} on this JVM's class path, in {@code workDir} (null: this one), with {@code environment} on top of this JVM's. */
    static CliProcess start(Class<?> main, Path workDir, java.util.Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) builder.directory(workDir.toFile());
        builder.environment().putAll(environment);
        return new CliProcess(builder.start());
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agentstream did not exit within 60 s");
        }
        // the reader thread may still be draining the last lines
        Thread.sleep(100);
        return process.exitValue();
    }

    String stdoutText() {
        StringBuilder s = new StringBuilder();
        stdout.forEach(l -> s.append(l.text()).append('\n'));
        return s.toString();
    }

    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /** Ends the process as a user would (SIGTERM, so it stops its tools), and by force if it does not go. */
    void stop() {
        process.destroy();
        try {
            process.waitFor(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
