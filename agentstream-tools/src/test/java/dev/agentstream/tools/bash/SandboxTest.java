package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolStream;
import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bubblewrap sandbox keeps the shell from, tried with real bwrap, real files and real sockets. */
class SandboxTest {

    @TempDir
    Path tmp;

    Path workspace;
    Path home;
    CallRecorder calls;

    @BeforeEach
    void plantAHome() throws IOException {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        // The home lies inside the workspace, so only the hiding (not the private /tmp) keeps its keys away.
        home = Files.createDirectories(workspace.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "PRIVATE-KEY-MATERIAL\n");
        Files.writeString(home.resolve(".netrc"), "machine example.com password NETRC-SECRET\n");
        Files.createDirectories(home.resolve("private"));
        Files.writeString(home.resolve("private/diary.txt"), "DIARY-TEXT\n");
        Files.writeString(home.resolve("notes.txt"), "ordinary notes\n");
    }

    @AfterEach
    void endSession() {
        if (calls != null) calls.close();
    }

    private CallRecorder sandboxed(SandboxConfig sandbox) {
        calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(workspace)
                .withEnvironmentVariable("HOME", home.toString()).withSandbox(sandbox)));
        return calls;
    }

    @Test
    void aWriteOutsideTheWorkspaceFailsAsAReadOnlyFileSystem() throws IOException {
        // Not under /tmp, which the sandbox replaces with a private one, wherever this checkout lives.
        Path outside = Path.of("/var/tmp", "sandbox-probe-" + UUID.randomUUID());
        Files.createDirectories(outside.getParent());
        sandboxed(SandboxConfig.workspaceWrite(List.of(workspace)));
        var denied = calls.bash("echo x > " + outside);
        assertThat(denied.text()).contains("Read-only file system");
        assertThat(denied.meta()).containsEntry("exitCode", 1).containsEntry("sandbox", "workspace-write");
        assertThat(outside).doesNotExist();

        var allowed = calls.bash("echo inside > made-here.txt && echo private > /tmp/private-file && cat /tmp/private-file");
        assertThat(allowed.text()).contains("private").endsWith("[exit code 0]");
        assertThat(Files.readString(workspace.resolve("made-here.txt"))).isEqualTo("inside\n");
        assertThat(Path.of("/tmp/private-file")).doesNotExist();
    }

    @Test
    void readOnlyModeLeavesNothingWritableButAPrivateTmp() throws IOException {
        sandboxed(SandboxConfig.readOnly(List.of(workspace)));
        var denied = calls.bash("cat home/notes.txt; echo x > made-here.txt");
        assertThat(denied.text()).contains("ordinary notes").contains("Read-only file system");
        assertThat(workspace.resolve("made-here.txt")).doesNotExist();
        assertThat(calls.bash("echo ok > /tmp/scratch && cat /tmp/scratch").text()).contains("ok").endsWith("[exit code 0]");
        assertThat(calls.bash("true").meta()).containsEntry("sandbox", "read-only");
    }

    @Test
    void keysAndCredentialFilesAreHiddenWhileTheRestOfHomeIsReadable() {
        sandboxed(SandboxConfig.workspaceWrite(List.of(workspace)).withHidden(List.of(home.resolve("private"))));
        var keys = calls.bash("cat ~/.ssh/id_ed25519; ls -A ~/.ssh; cat ~/.netrc; cat ~/private/diary.txt; cat ~/notes.txt");
        assertThat(keys.text()).doesNotContain("PRIVATE-KEY-MATERIAL").doesNotContain("id_ed25519\n")
                .doesNotContain("NETRC-SECRET").doesNotContain("DIARY-TEXT")
                .contains("No such file or directory").contains("ordinary notes");
        var overwrite = calls.bash("echo planted > ~/.ssh/authorized_keys");
        assertThat(overwrite.text()).contains("Read-only file system");
        assertThat(home.resolve(".ssh/authorized_keys")).doesNotExist();
    }

    @Test
    void aLoopbackListenerOutsideIsUnreachableWithoutNetworkAndReachableWithIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Boolean> accepted = CompletableFuture.supplyAsync(() -> {
                try (Socket ignored = listener.accept()) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            String connect = "python3 -c \"import socket; socket.create_connection(('127.0.0.1', " + listener.getLocalPort()
                    + "), 5).close(); print('CONNECTED')\"";
            var isolated = sandboxed(SandboxConfig.workspaceWrite(List.of(workspace))).bash(connect);
            assertThat(isolated.text()).doesNotContain("CONNECTED").contains("ConnectionRefusedError");
            assertThat(accepted).isNotDone();
            calls.close();

            var networked = sandboxed(SandboxConfig.workspaceWrite(List.of(workspace)).withNetwork(true)).bash(connect);
            assertThat(networked.text()).contains("CONNECTED");
            assertThat(networked.meta()).containsEntry("network", true);
            assertThat(accepted.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The surefire configuration gives this JVM ANTHROPIC_API_KEY and AGENTSTREAM_TEST_TOKEN. */
    @Test
    void secretsStayOutOfTheShellUnlessPassedOnPurpose() {
        assertThat(System.getenv("ANTHROPIC_API_KEY")).isNotBlank();
        String print = "echo \"key=[$ANTHROPIC_API_KEY] token=[$AGENTSTREAM_TEST_TOKEN]\"; env | grep -c -e API_KEY -e TEST_TOKEN";
        assertThat(sandboxed(SandboxConfig.workspaceWrite(List.of(workspace))).bash(print).text()).contains("key=[] token=[]\n0\n");
        calls.close();
        assertThat(sandboxed(SandboxConfig.off()).bash(print).text()).contains("key=[] token=[]\n0\n");
        calls.close();
        calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(workspace)
                .withPassedSecrets(Set.of("AGENTSTREAM_TEST_TOKEN")).withSandbox(SandboxConfig.workspaceWrite(List.of(workspace)))));
        assertThat(calls.bash(print).text()).contains("key=[] token=[" + System.getenv("AGENTSTREAM_TEST_TOKEN") + "]\n1\n");
    }

    @Test
    void processesStartedInTheSandboxEndWithTheSession() {
        String marker = SandboxProcesses.uniqueSleep();
        sandboxed(SandboxConfig.workspaceWrite(List.of(workspace)));
        var started = calls.bash("(setsid nohup sleep " + marker + " >/dev/null 2>&1 &); sleep " + marker + " >/dev/null 2>&1 & disown; echo launched");
        assertThat(started.text()).contains("launched");
        SandboxProcesses.awaitCount(marker, 2);
        calls.close();
        calls = null;
        assertThat(SandboxProcesses.running(marker)).isEmpty();
    }

    @Test
    void theSpooledFullOutputAResultPointsToIsReadableInTheSandbox() {
        sandboxed(SandboxConfig.workspaceWrite(List.of(workspace)));
        String spool = (String) calls.bash("seq 1 5000").meta().get("spoolPath");
        assertThat(spool).startsWith("/tmp/");
        var paged = calls.bash("tail -n 1 " + spool + "; echo more >> " + spool);
        assertThat(paged.text()).startsWith("5000\n").contains("Read-only file system");
    }

    @Test
    void theShellHasItsOwnProcessNamespaceAndNoCapabilities() {
        sandboxed(SandboxConfig.workspaceWrite(List.of(workspace)));
        var result = calls.bash("ps -e -o comm= | sort -u | tr '\\n' ' '; echo; grep CapEff /proc/self/status");
        assertThat(result.text()).contains("bash bwrap ps sort tr \n").contains("CapEff:\t0000000000000000");
    }

    @Test
    void withoutBubblewrapBashRefusesAndSaysHowToFixIt() {
        Bubblewrap.Status missing = Bubblewrap.probe(tmp.resolve("no-such-dir").toString());
        assertThat(missing.available()).isFalse();
        assertThat(missing.problem()).contains("apt-get install bubblewrap").contains("--sandbox off");
        BashTool tool = new BashTool(BashConfig.defaults().withWorkingDirectory(workspace)
                .withSandbox(SandboxConfig.workspaceWrite(List.of(workspace))), missing);
        assertThat(tool.spec().description()).contains("bash is refused").doesNotContain("runs in a bubblewrap sandbox");
        calls = new CallRecorder(tool);
        var refused = calls.bash("touch ran-anyway");
        assertThat(refused.result().isError()).isTrue();
        assertThat(refused.text()).contains("Nothing was run").contains("apt-get install bubblewrap");
        assertThat(refused.meta()).containsEntry("sandbox", "workspace-write");
        assertThat(workspace.resolve("ran-anyway")).doesNotExist();
        calls.close();

        calls = new CallRecorder(new BashTool(BashConfig.defaults().withWorkingDirectory(workspace), missing));
        var off = calls.bash("touch ran && echo unsandboxed");
        assertThat(off.text()).contains("unsandboxed");
        assertThat(off.meta()).containsEntry("sandbox", "off").doesNotContainKey("network");
    }

    @Test
    void aKernelThatRefusesNamespacesIsNamedWithItsSetting() {
        String line = Bubblewrap.explain(
                "No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces.");
        assertThat(line).contains("kernel.unprivileged_userns_clone").contains("--sandbox off").doesNotContain("\n");
    }

    @Test
    void theDescriptionSaysWhatIsWritable() {
        BashTool tool = new BashTool(BashConfig.defaults().withSandbox(SandboxConfig.workspaceWrite(List.of(workspace))));
        assertThat(tool.spec().description()).contains("bubblewrap sandbox (workspace-write)")
                .contains("only " + workspace.toAbsolutePath() + " and a private /tmp are writable").contains("there is no network");
    }

    @Test
    void theStreamOfASandboxedCommandArrivesLineByLine() {
        sandboxed(SandboxConfig.workspaceWrite(List.of(workspace)));
        ToolStream stream = calls.start(Map.of("command", "echo one; sleep 1; echo two"));
        List<ToolEvent.Output> outputs = new java.util.ArrayList<>();
        for (ToolEvent event : stream) {
            if (event instanceof ToolEvent.Output o) outputs.add(o);
        }
        assertThat(outputs).extracting(ToolEvent.Output::text).containsExactly("one\n", "two\n");
    }
}
