package dev.agentstream.cli;

import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.StartupTrace;
import dev.agentstream.core.StreamingMode;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.mcp.BearerToken;
import dev.agentstream.mcp.HttpAccess;
import dev.agentstream.mcp.HttpMcpServer;
import dev.agentstream.mcp.McpOptions;
import dev.agentstream.mcp.StdioMcpServer;
import dev.agentstream.tools.StandardTools;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.Workspace;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentstream mcp}: every tool as an MCP server, on stdin/stdout for a client that starts it
 * ({@code claude mcp add}, Claude Desktop), or over Streamable HTTP with {@code --http}.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Serve the tools over the Model Context Protocol: on stdin/stdout (an MCP client starts this "
                + "command), or over Streamable HTTP with --http.",
                "Tools stream progress notifications while they run, cancellation kills their processes, and each "
                        + "MCP session has its own bash."})
public final class McpCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 8931;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main parent;

    @Option(names = "--root", paramLabel = "DIR",
            description = "A folder the tools may work in (repeatable; default: the working directory). bash starts in the first.")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--tools", paramLabel = "NAME", split = ",", description = "Offer only these tools, e.g. bash,find (default: all).")
    List<String> tools = new ArrayList<>();

    @Option(names = "--buffered", description = "Turn streaming off: no progress notifications, only results.")
    boolean buffered;

    @Option(names = "--budget", paramLabel = "CHARS", description = "Characters of a call's output the model is sent (default ${DEFAULT-VALUE}).")
    int budget = RuntimeConfig.defaults().outputBudgetChars();

    @CommandLine.Mixin
    PolicyOptions policyOptions;

    @CommandLine.Mixin
    ComputerOptions computerOptions;

    @CommandLine.Mixin
    SandboxOptions sandboxOptions;

    @Option(names = "--http", description = "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdin/stdout.")
    boolean http;

    @Option(names = "--host", paramLabel = "HOST", description = "With --http: the address to bind (default ${DEFAULT-VALUE}, loopback only; "
            + "0.0.0.0 binds every interface and then requires a bearer token).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "N", description = "With --http: the port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = DEFAULT_PORT;

    @Option(names = "--auth", description = "With --http on loopback: require a bearer token too (always required off loopback).")
    boolean auth;

    @Option(names = "--token-file", paramLabel = "FILE", description = "With --http: the bearer token is in this file (default: a new one, printed once).")
    Path tokenFile;

    @Option(names = "--token-env", paramLabel = "NAME", description = "With --http: the bearer token is in this environment variable.")
    String tokenEnv;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "With --http: a further name clients reach this server by, accepted in the Host header (repeatable; "
                    + "loopback names and the bound address always are).")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "With --http: serve HTTPS with this certificate chain (PEM); needs --tls-key.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "With --http: the certificate's private key (PEM, unencrypted PKCS#8).")
    Path tlsKey;

    @Option(names = "--session-idle", paramLabel = "TIME",
            description = "With --http: end a session, and its shell, after it ran no call and sent nothing for this long: "
                    + "30m, 90s, 2h (default ${DEFAULT-VALUE}).")
    String sessionIdle = "30m";

    private static final Pattern IDLE_TIME = Pattern.compile("(\\d+)\\s*([smh])");

    /** A time such as {@code 30m}, {@code 90s} or {@code 2h}; empty when the text is not one. */
    static Optional<Duration> idleTime(String text) {
        Matcher m = IDLE_TIME.matcher(text == null ? "" : text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) return Optional.empty();
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    /** Runs {@code agentstream mcp} on its own, for tests and benchmarks that start this command directly. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new McpCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        StartupTrace.mark("mcp command parsed");
        CommandLine cli = spec.commandLine();
        List<Path> folders = roots(cli);
        BashConfig bash = sandboxOptions.apply(BashConfig.defaults().withPolicy(policyOptions.policy(cli))
                .withWorkingDirectory(folders.getFirst()), folders, cli);
        SandboxOptions.warnIfUnavailable(bash, System.err);
        ComputerConfig computer = computerOptions.config(cli);
        // Without DISPLAY the computer tool starts its own Xvfb: started now, so bash gets it and the programs the
        // model starts from bash appear on the screen the computer tool sees. With DISPLAY, both inherit it.
        boolean computerOffered = tools.isEmpty() || tools.contains(ComputerTool.NAME);
        ToolRegistry registry = Main.catalogueOf(parent).registry(StandardTools.Settings.of(bash).withWorkspace(Workspace.of(folders))
                .withComputer(computer).withDesktop(computerOffered && System.getenv("DISPLAY") == null));
        StartupTrace.mark("tools registered");
        if (buffered) registry.defaultMode(StreamingMode.BUFFERED);
        McpOptions options;
        try {
            options = new McpOptions(registry, SpoolFolder.apply(RuntimeConfig.defaults().withOutputBudget(budget)), new LinkedHashSet<>(tools), version(),
                    StandardTools.sandboxSummary(registry));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        StartupTrace.mark("options ready");
        return http ? serveHttp(options) : serveStdio(options);
    }

    private int serveStdio(McpOptions options) throws InterruptedException {
        // stdout carries protocol messages only: whatever else prints to System.out lands on stderr instead.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (Terminal.isTerminal(0)) {
            System.err.println("agentstream mcp speaks MCP on stdin/stdout and waits for a client; add it to your MCP client "
                    + "(claude mcp add agentstream -- agentstream mcp), or run 'agentstream mcp --http'. Ctrl-D ends it.");
        }
        StdioMcpServer server = StdioMcpServer.start(options, System.in, protocol);
        Thread stopOnSignal = new Thread(server::close, "agentstream-mcp-shutdown");
        StartupTrace.mark("stdio server started");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        server.awaitClientGone();
        server.close();
        removeHook(stopOnSignal);
        return 0;
    }

    private int serveHttp(McpOptions options) throws Exception {
        CommandLine cli = spec.commandLine();
        if (tokenFile != null && tokenEnv != null) {
            throw new CommandLine.ParameterException(cli, "Give either --token-file or --token-env, not both.");
        }
        boolean generated = tokenFile == null && tokenEnv == null;
        Duration idle = idleTime(sessionIdle).orElseThrow(() -> new CommandLine.ParameterException(cli,
                "--session-idle takes a time such as 30m, 90s or 2h, not '" + sessionIdle + "'."));
        HttpAccess access;
        try {
            boolean wantsToken = auth || !generated || !HttpAccess.isLoopback(host);
            Optional<BearerToken> token = wantsToken ? Optional.of(token()) : Optional.empty();
            access = new HttpAccess(host, port, token, allowedHosts, tls(cli));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        HttpMcpServer server;
        try {
            server = HttpMcpServer.start(options, access, idle);
        } catch (IOException e) {
            System.err.println("agentstream mcp: cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another --port, or 0 for any free one.");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "agentstream-mcp-shutdown"));
        System.err.print(HttpStartupMessage.of(server, generated));
        System.err.flush();
        server.join();
        return 0;
    }

    private Optional<HttpAccess.Tls> tls(CommandLine cli) {
        if (tlsCertificate == null && tlsKey == null) return Optional.empty();
        if (tlsCertificate == null || tlsKey == null) {
            throw new CommandLine.ParameterException(cli, "HTTPS needs both --tls-cert and --tls-key; give the certificate and its key.");
        }
        return Optional.of(new HttpAccess.Tls(tlsCertificate, tlsKey));
    }

    private BearerToken token() {
        if (tokenFile != null) return BearerToken.fromFile(tokenFile);
        if (tokenEnv != null) return BearerToken.fromEnvironment(tokenEnv, System.getenv());
        return BearerToken.generate();
    }

    private List<Path> roots(CommandLine cli) {
        List<Path> folders = new ArrayList<>();
        for (Path root : roots.isEmpty() ? List.of(Path.of("")) : roots) {
            Path folder = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new CommandLine.ParameterException(cli, "--root " + root + " is not a folder; give an existing directory.");
            }
            folders.add(folder);
        }
        return folders;
    }


    private static String version() {
        Properties props = new Properties();
        try (InputStream in = McpCommand.class.getResourceAsStream("/agentstream-version.properties")) {
            if (in != null) props.load(in);
        } catch (IOException e) {
            // the version is only shown to clients
        }
        return props.getProperty("version", "unknown");
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
