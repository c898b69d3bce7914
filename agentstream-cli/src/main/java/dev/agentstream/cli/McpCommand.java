package dev.agentstream.cli;

import static dev.agentstream.cli.OptionBinding.option;

import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.StartupTrace;
import dev.agentstream.core.StreamingMode;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.mcp.BearerToken;
import dev.agentstream.mcp.EarlyInitialize;
import dev.agentstream.mcp.HttpAccess;
import dev.agentstream.mcp.HttpMcpServer;
import dev.agentstream.mcp.McpOptions;
import dev.agentstream.mcp.StdioMcpServer;
import dev.agentstream.tools.StandardTools;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
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
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agentstream mcp}: every tool as an MCP server, on stdin/stdout for a client that starts it
 * ({@code claude mcp add}, Claude Desktop), or over Streamable HTTP with {@code --http}. Its picocli model is built
 * with the programmatic API ({@link #commandLine()}), not from annotations: an MCP client waits for this command's
 * start on every connect (see {@link OptionBinding}).
 */
public final class McpCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 8931;

    private CommandSpec spec;

    List<Path> roots = new ArrayList<>();
    List<String> tools = new ArrayList<>();
    boolean buffered;
    int budget = RuntimeConfig.defaults().outputBudgetChars();
    final PolicyOptions policyOptions = new PolicyOptions();
    final ComputerOptions computerOptions = new ComputerOptions();
    final SandboxOptions sandboxOptions = new SandboxOptions();
    boolean http;
    String host = "127.0.0.1";
    int port = DEFAULT_PORT;
    boolean auth;
    Path tokenFile;
    String tokenEnv;
    List<String> allowedHosts = new ArrayList<>();
    Path tlsCertificate;
    Path tlsKey;
    String sessionIdle = "30m";

    private McpCommand() {}

    /** The {@code mcp} command, ready to parse and run. */
    static CommandLine commandLine() {
        McpCommand command = new McpCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("mcp").versionProvider(new Main.Version());
        spec.usageMessage().description("Serve the tools over the Model Context Protocol: on stdin/stdout (an MCP client starts this "
                + "command), or over Streamable HTTP with --http.",
                "Tools stream progress notifications while they run, cancellation kills their processes, and each "
                        + "MCP session has its own bash.");
        StandardHelpOptions.addTo(spec);
        spec.addOption(option(() -> command.roots, v -> command.roots = v, "--root").paramLabel("DIR").type(List.class).auxiliaryTypes(Path.class)
                .description("A folder the tools may work in (repeatable; default: the working directory). bash starts in the first.").build());
        spec.addOption(option(() -> command.tools, v -> command.tools = v, "--tools").paramLabel("NAME").splitRegex(",")
                .type(List.class).auxiliaryTypes(String.class)
                .description("Offer only these tools, e.g. bash,find (default: all).").build());
        spec.addOption(option(() -> command.buffered, v -> command.buffered = v, "--buffered").type(boolean.class)
                .description("Turn streaming off: no progress notifications, only results.").build());
        spec.addOption(option(() -> command.budget, v -> command.budget = v, "--budget").paramLabel("CHARS").type(int.class)
                .description("Characters of a call's output the model is sent (default ${DEFAULT-VALUE}).").build());
        command.policyOptions.addTo(spec);
        command.computerOptions.addTo(spec);
        command.sandboxOptions.addTo(spec);
        spec.addOption(option(() -> command.http, v -> command.http = v, "--http").type(boolean.class)
                .description("Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdin/stdout.").build());
        spec.addOption(option(() -> command.host, v -> command.host = v, "--host").paramLabel("HOST").type(String.class)
                .description("With --http: the address to bind (default ${DEFAULT-VALUE}, loopback only; "
                        + "0.0.0.0 binds every interface and then requires a bearer token).").build());
        spec.addOption(option(() -> command.port, v -> command.port = v, "--port").paramLabel("N").type(int.class)
                .description("With --http: the port (default ${DEFAULT-VALUE}; 0 picks a free one).").build());
        spec.addOption(option(() -> command.auth, v -> command.auth = v, "--auth").type(boolean.class)
                .description("With --http on loopback: require a bearer token too (always required off loopback).").build());
        spec.addOption(option(() -> command.tokenFile, v -> command.tokenFile = v, "--token-file").paramLabel("FILE").type(Path.class)
                .description("With --http: the bearer token is in this file (default: a new one, printed once).").build());
        spec.addOption(option(() -> command.tokenEnv, v -> command.tokenEnv = v, "--token-env").paramLabel("NAME").type(String.class)
                .description("With --http: the bearer token is in this environment variable.").build());
        spec.addOption(option(() -> command.allowedHosts, v -> command.allowedHosts = v, "--allowed-host").paramLabel("NAME")
                .type(List.class).auxiliaryTypes(String.class)
                .description("With --http: a further name clients reach this server by, accepted in the Host header (repeatable; "
                        + "loopback names and the bound address always are).").build());
        spec.addOption(option(() -> command.tlsCertificate, v -> command.tlsCertificate = v, "--tls-cert").paramLabel("FILE").type(Path.class)
                .description("With --http: serve HTTPS with this certificate chain (PEM); needs --tls-key.").build());
        spec.addOption(option(() -> command.tlsKey, v -> command.tlsKey = v, "--tls-key").paramLabel("FILE").type(Path.class)
                .description("With --http: the certificate's private key (PEM, unencrypted PKCS#8).").build());
        spec.addOption(option(() -> command.sessionIdle, v -> command.sessionIdle = v, "--session-idle").paramLabel("TIME").type(String.class)
                .description("With --http: end a session, and its shell, after it ran no call and sent nothing for this long: "
                        + "30m, 90s, 2h (default ${DEFAULT-VALUE}).").build());
        command.spec = spec;
        return new CommandLine(spec);
    }

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
        System.exit(commandLine().execute(args));
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
        RuntimeConfig runtime;
        try {
            runtime = SpoolFolder.apply(RuntimeConfig.defaults().withOutputBudget(budget));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        // Nothing below can fail on the command line (every catalogue has the standard tools): a client's initialize
        // is answered now, while the tools and the server are built (see EarlyInitialize).
        if (!http && StandardTools.standardNames().containsAll(tools)) {
            EarlyInitialize.onStdio().ifPresent(early -> early.serverKnown(version(), BashTool.sandboxSummary(bash)));
        }
        ToolRegistry registry = Main.catalogueOf(parent()).registry(StandardTools.Settings.of(bash).withWorkspace(Workspace.of(folders))
                .withComputer(computer).withDesktop(computerOffered && System.getenv("DISPLAY") == null));
        StartupTrace.mark("tools registered");
        if (buffered) registry.defaultMode(StreamingMode.BUFFERED);
        McpOptions options;
        try {
            options = new McpOptions(registry, runtime, new LinkedHashSet<>(tools), version(),
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
        Optional<EarlyInitialize> early = EarlyInitialize.onStdio();
        StdioMcpServer server = early.isPresent() ? StdioMcpServer.start(options, early.get(), protocol) : StdioMcpServer.start(options, System.in, protocol);
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

    /** The {@code agentstream} command this runs under; none when this command runs on its own ({@link #main}). */
    private Main parent() {
        return spec.parent() != null && spec.parent().userObject() instanceof Main main ? main : null;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
