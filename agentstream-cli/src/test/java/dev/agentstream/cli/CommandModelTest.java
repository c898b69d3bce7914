package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.tools.StandardTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The picocli models built by hand ({@code agentstream} and {@code mcp}, and the option groups {@code run},
 * {@code serve}, {@code tool} and {@code tools} share) against the annotation-built ones they replaced: the expected
 * help and error texts under {@code help/} are what the annotation-built commands printed, captured before the change.
 */
class CommandModelTest {

    /** What one in-process run of the command line printed, and its exit code. */
    private record Printed(int exitCode, String out, String err) {}

    private static Printed run(String... args) {
        CommandLine cli = Main.commandLine(StandardTools.catalogue(), args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Printed(exitCode, out.toString(), err.toString());
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = CommandModelTest.class.getResourceAsStream("help/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @CsvSource({"agentstream.txt, --help", "mcp.txt, mcp --help", "mcp.txt, help mcp", "run.txt, run --help",
            "serve.txt, serve --help", "tool.txt, tool --help", "tools.txt, tools --help"})
    void helpIsWhatTheAnnotationBuiltCommandsPrinted(String expected, String args) throws IOException {
        Printed printed = run(args.split(" "));
        assertThat(printed.exitCode()).isZero();
        assertThat(printed.out()).isEqualTo(expected(expected));
    }

    @Test
    void aBadValueIsTheSameUsageError() throws IOException {
        Printed printed = run("mcp", "--budget", "x");
        assertThat(printed.exitCode()).isEqualTo(2);
        assertThat(printed.err()).isEqualTo(expected("mcp-budget-not-a-number.txt"));
    }

    @Test
    void everyMcpOptionReachesItsField() {
        String[] args = {"mcp", "--root", "/a", "--root", "/b", "--tools", "bash,find", "--buffered", "--budget", "5",
                "--deny", "git push *", "--allow", "npm test *", "--allow-list", "--settle", "1.5", "--sandbox", "off", "--network",
                "--hide", "/h", "--env", "GITHUB_TOKEN", "--http", "--host", "0.0.0.0", "--port", "1", "--auth", "--token-file", "/t",
                "--token-env", "T", "--allowed-host", "x.example", "--tls-cert", "/c", "--tls-key", "/k", "--session-idle", "5m"};
        McpCommand mcp = parsedMcp(args);

        assertThat(mcp.roots).containsExactly(Path.of("/a"), Path.of("/b"));
        assertThat(mcp.tools).containsExactly("bash", "find");
        assertThat(mcp.buffered).isTrue();
        assertThat(mcp.budget).isEqualTo(5);
        assertThat(mcp.policyOptions.denyRules).containsExactly("git push *");
        assertThat(mcp.policyOptions.allowRules).containsExactly("npm test *");
        assertThat(mcp.policyOptions.allowListMode).isTrue();
        assertThat(mcp.computerOptions.settleSeconds).isEqualTo(1.5);
        assertThat(mcp.sandboxOptions.mode).isEqualTo("off");
        assertThat(mcp.sandboxOptions.network).isTrue();
        assertThat(mcp.sandboxOptions.hidden).containsExactly(Path.of("/h"));
        assertThat(mcp.sandboxOptions.passedSecrets).containsExactly("GITHUB_TOKEN");
        assertThat(mcp.http).isTrue();
        assertThat(mcp.host).isEqualTo("0.0.0.0");
        assertThat(mcp.port).isEqualTo(1);
        assertThat(mcp.auth).isTrue();
        assertThat(mcp.tokenFile).isEqualTo(Path.of("/t"));
        assertThat(mcp.tokenEnv).isEqualTo("T");
        assertThat(mcp.allowedHosts).containsExactly("x.example");
        assertThat(mcp.tlsCertificate).isEqualTo(Path.of("/c"));
        assertThat(mcp.tlsKey).isEqualTo(Path.of("/k"));
        assertThat(mcp.sessionIdle).isEqualTo("5m");
    }

    @Test
    void mcpOptionsLeftOutKeepTheirDefaults() {
        McpCommand mcp = parsedMcp("mcp");

        assertThat(mcp.roots).isEmpty();
        assertThat(mcp.tools).isEmpty();
        assertThat(mcp.buffered).isFalse();
        assertThat(mcp.budget).isEqualTo(RuntimeConfig.defaults().outputBudgetChars());
        assertThat(mcp.policyOptions.denyRules).isEmpty();
        assertThat(mcp.policyOptions.allowListMode).isFalse();
        assertThat(mcp.computerOptions.settleSeconds).isNull();
        assertThat(mcp.sandboxOptions.mode).isEqualTo("workspace-write");
        assertThat(mcp.sandboxOptions.hidden).isEmpty();
        assertThat(mcp.http).isFalse();
        assertThat(mcp.host).isEqualTo("127.0.0.1");
        assertThat(mcp.port).isEqualTo(McpCommand.DEFAULT_PORT);
        assertThat(mcp.tokenFile).isNull();
        assertThat(mcp.sessionIdle).isEqualTo("30m");
    }

    private static McpCommand parsedMcp(String... args) {
        CommandLine cli = Main.commandLine(StandardTools.catalogue(), args);
        cli.parseArgs(args);
        return cli.getSubcommands().get("mcp").getCommand();
    }
}
