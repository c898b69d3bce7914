package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code agentstream} launcher, copied with its scripts into a checkout-shaped temp folder whose
 * jar holds this test's class path: on JDK 25 its first run trains the AOT cache in the background, later
 * runs use it, a failed training breaks no run and is not retried, and stdout carries protocol messages only;
 * one-shot {@code tool} runs and {@code mcp --http} servers train and use caches of their own, and {@code mcp} runs with the JVM options of
 * scripts/mcp-jvm-options.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LauncherAotCacheTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"launcher-test","version":"1"}}}""";

    @TempDir
    Path root;

    @Test
    void theFirstRunTrainsTheCacheInTheBackgroundAndTheNextRunsUseIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path jar = installLauncher();
        Path cache = jar.resolveSibling("agentstream.aot");

        assertOnlyTheInitializeAnswer(initialize(Map.of()));
        awaitTrainedCache(cache, jar);

        // AOTMode=on makes the JVM refuse to start unless it can use the cache it was given.
        assertOnlyTheInitializeAnswer(initialize(Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on")));
    }

    @Test
    void oneShotCommandsTrainAndUseACacheOfTheirOwn() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path jar = installLauncher();
        Path folder = Files.createDirectories(root.resolve("listed"));
        Files.writeString(folder.resolve("only-file.txt"), "x");

        assertThat(tree(folder, Map.of())).contains("only-file.txt");
        Path cache = jar.resolveSibling("agentstream-tool.aot");
        awaitTrainedCache(cache, jar);
        assertThat(jar.resolveSibling("agentstream.aot")).as("the server's cache, trained by a server's run").doesNotExist();

        assertThat(tree(folder, Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on"))).contains("only-file.txt");

        // The training makes a view, a find and a tree as well as the bash call (OneShotTraining), each of which ran
        // (bash's result is an error, exit status 1, where bubblewrap cannot sandbox it).
        assertThat(jar.resolveSibling("agentstream-tool.aot.log")).content()
                .containsPattern("training call: tool bash exited [01]\n").contains("training call: tool str_replace_based_edit_tool exited 0")
                .contains("training call: tool find exited 0").contains("training call: tool tree exited 0");
    }

    @Test
    void httpServersTrainAndUseACacheOfTheirOwn() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path jar = installLauncher();

        assertThat(initializeOverHttp(Map.of())).contains("\"serverInfo\":{\"name\":\"agentstream\"");
        Path cache = jar.resolveSibling("agentstream-http.aot");
        awaitTrainedCache(cache, jar);
        assertThat(jar.resolveSibling("agentstream.aot")).as("the stdio server's cache, trained by a stdio run").doesNotExist();

        assertThat(initializeOverHttp(Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on"))).contains("\"serverInfo\":{\"name\":\"agentstream\"");
    }

    /** Runs {@code agentstream mcp --http} on a free port, POSTs initialize, stops the server and returns the answer's body. */
    private String initializeOverHttp(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("agentstream").toString(), "mcp", "--http", "--port", "0", "--root", root.toString());
        builder.environment().putAll(env);
        builder.environment().put("AGENTSTREAM_LOG", root.resolve("agentstream.log").toString());
        Process server = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
            java.util.regex.Pattern listening = java.util.regex.Pattern.compile("listening on (http://\\S+/mcp)");
            String line;
            java.util.regex.Matcher m = null;
            while ((line = err.readLine()) != null && !(m = listening.matcher(line)).find()) {
                // the JVM's warnings, if any, come first
            }
            assertThat(line).as("the server says where it listens").isNotNull();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(m.group(1)))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(INITIALIZE)).build();
            try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
                java.net.http.HttpResponse<String> response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("body: %s", response.body()).isEqualTo(200);
                return response.body();
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(2, TimeUnit.MINUTES)).as("the server stops on SIGTERM").isTrue();
        }
    }

    /** Runs {@code agentstream tool tree} of {@code folder} and returns its stdout, once it exited 0. */
    private String tree(Path folder, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("agentstream").toString(), "tool", "tree", "--json",
                "--input", "{\"path\":\"" + folder + "\"}");
        builder.environment().putAll(env);
        builder.environment().put("AGENTSTREAM_LOG", root.resolve("agentstream.log").toString());
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("stdout: %s", stdout).isZero();
        return stdout;
    }

    @Test
    void aFailedTrainingBreaksNoRunAndWaitsForTheNextJar() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path jar = installLauncher();
        Path log = jar.resolveSibling("agentstream.aot.log");

        assertOnlyTheInitializeAnswer(initialize(Map.of("TMPDIR", root.resolve("missing").toString())));
        awaitContent(log, "AOT training failed: cannot make a temporary folder");
        String failure = Files.readString(log);

        assertOnlyTheInitializeAnswer(initialize(Map.of()));
        Thread.sleep(2000); // a training would have rewritten the log by now
        assertThat(log).hasContent(failure);
        assertThat(jar.resolveSibling("agentstream.aot")).doesNotExist();
    }

    @Test
    void theMcpServerRunsWithTheHeapLimitOfItsOptionsFile() throws Exception {
        Path jar = installLauncher();
        // A training that failed for this jar: the launcher then neither trains a cache nor uses one.
        Path log = Files.writeString(jar.resolveSibling("agentstream.aot.log"), "AOT training failed: not wanted here\n");
        Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("agentstream").toString(), "mcp", "--root", root.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("AGENTSTREAM_LOG", root.resolve("agentstream.log").toString());
        Process server = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = server.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            in.write((INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.readLine()).as("the server answers initialize").contains("\"serverInfo\"");
            // The launcher execs java, so the launcher's process is the server's JVM.
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(server.pid()), "VM.flags")
                    .redirectErrorStream(true).start();
            String flags = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jcmd.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(flags).contains("-XX:MaxHeapSize=" + (1L << 30)).contains("-XX:+UseSerialGC");
        }
        assertThat(server.waitFor(2, TimeUnit.MINUTES)).as("the launcher ends when its input closes").isTrue();
    }

    /** Runs {@code agentstream mcp}, sends initialize, closes the input once answered, and returns all of stdout. */
    private String initialize(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("agentstream").toString(), "mcp", "--root", root.toString());
        builder.environment().putAll(env);
        builder.environment().put("AGENTSTREAM_LOG", root.resolve("agentstream.log").toString());
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder stdout = new StringBuilder();
        try (OutputStream in = process.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            in.write((INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = out.readLine();
            in.close();
            while (line != null) {
                stdout.append(line).append('\n');
                line = out.readLine();
            }
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the launcher ends when its input closes").isTrue();
        return stdout.toString();
    }

    private static void assertOnlyTheInitializeAnswer(String stdout) {
        List<String> lines = stdout.lines().toList();
        assertThat(lines).as("stdout: %s", stdout).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":").contains("\"serverInfo\":{\"name\":\"agentstream\""));
    }

    /**
     * Waits for the training's log to say the cache is ready, then checks the cache is newer than the jar. The
     * script says so just after moving the cache into place: waiting for the file alone could read the log in between.
     */
    private static void awaitTrainedCache(Path cache, Path jar) throws Exception {
        Path log = Path.of(cache + ".log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String text = "";
        while (!text.contains("AOT cache ready")) {
            assertThat(text).as("the training failed").doesNotContain("AOT training failed");
            assertThat(System.nanoTime()).as("%s was not made within 5 minutes", cache).isLessThan(deadline);
            Thread.sleep(200);
            text = Files.exists(log) ? Files.readString(log) : "";
        }
        assertThat(Files.getLastModifiedTime(cache)).isGreaterThan(Files.getLastModifiedTime(jar));
    }

    private static void awaitContent(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            assertThat(System.nanoTime()).as("%s never said: %s", file, text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The launcher and its scripts in {@link #root}, and a jar where the launcher looks for it: this test's
     * class folders packed into it, the class path's jars named by its manifest (the AOT cache takes jars only).
     */
    private Path installLauncher() throws IOException {
        Files.copy(CHECKOUT.resolve("agentstream"), root.resolve("agentstream"));
        Files.createDirectories(root.resolve("scripts"));
        for (String script : List.of("find-jdk.sh", "train-aot-cache.sh", "mcp-jvm-options")) {
            Files.copy(CHECKOUT.resolve("scripts").resolve(script), root.resolve("scripts").resolve(script));
        }
        for (Path executable : List.of(root.resolve("agentstream"), root.resolve("scripts/train-aot-cache.sh"))) {
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path jar = Files.createDirectories(root.resolve("agentstream-cli/target")).resolve("agentstream.jar");
        List<String> jars = new ArrayList<>();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<Path> folders = new ArrayList<>();
        for (Path path : classPath()) {
            if (Files.isDirectory(path)) folders.add(path);
            else if (Files.isRegularFile(path)) jars.add(path.toUri().getRawPath());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", jars));
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            written.add("META-INF/MANIFEST.MF");
            for (Path folder : folders) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                        if (!written.add(name)) continue;
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    /** This JVM's class path, with a manifest-only jar (Surefire's booter) replaced by what its manifest names. */
    private static List<Path> classPath() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile booter = new JarFile(path.toFile())) {
                    for (String url : booter.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH).split(" ")) {
                        entries.add(Path.of(path.toUri().resolve(URI.create(url))));
                    }
                }
            } else {
                entries.add(path);
            }
        }
        return entries;
    }
}
