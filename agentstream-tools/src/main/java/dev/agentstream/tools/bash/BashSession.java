package dev.agentstream.tools.bash;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.agentstream.core.view.Utf8StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persistent bash in a pseudo-terminal. Each command is written to a file and {@code source}d, so
 * cd, variables and functions persist and multi-line scripts work; PROMPT_COMMAND prints a marker with
 * the exit status after each one. A reader thread drains the terminal all the time, so a command that
 * outlives its call keeps running, and its output waits in a backlog for the next call.
 */
final class BashSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BashSession.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    static final String INTERRUPT = "\u0003";
    private static final int CHUNK_BYTES = 64 * 1024;

    private final PtyProcess process;
    private final TypeAhead typeAhead;
    /** Orders stdin writes before the flush at the prompt, so none lands after it. */
    private final ReentrantLock inputLock = new ReentrantLock();
    /** The command whose input is still open to {@code stdin}; 0 once it has ended. */
    private volatile long inputOpenFor;
    private final OutputStream terminalInput;
    private final Path scratchDir;
    private final CompletionScanner scanner;
    private final Utf8StreamDecoder decoder = new Utf8StreamDecoder();
    private final Backlog backlog;
    private final ReentrantLock callLock = new ReentrantLock();
    private final Object sinkLock = new Object();
    private final AtomicLong commandCounter = new AtomicLong();
    private final CompletableFuture<Integer> shellExit = new CompletableFuture<>();
    private final java.util.concurrent.Semaphore startupMarkers = new java.util.concurrent.Semaphore(0);
    private volatile boolean ready;
    private volatile Set<Long> shellLayers = Set.of();

    /** Where the shell's output goes: nowhere until start-up is over, then a call, or the backlog when null. */
    private Consumer<String> sink = this::keepStartupOutput;
    /** What the shell (or the sandbox around it) printed before it was ready, for the error when it never is. */
    private final StringBuilder startupOutput = new StringBuilder();
    private volatile RunningCommand current;
    private volatile OptionalDouble lastFraction = OptionalDouble.empty();

    /** A command handed to the shell; {@code exit} completes with its status when the marker arrives. */
    record RunningCommand(long number, String command, long startNanos, CompletableFuture<Integer> exit,
                          java.util.concurrent.atomic.AtomicBoolean reported, AtomicLong discardedInput) {
        long runningForMs() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    private final String marker;
    private final SessionReaper reaper;

    private BashSession(PtyProcess process, Path scratchDir, String nonce, TypeAhead typeAhead, String marker, SessionReaper reaper) {
        this.process = process;
        this.typeAhead = typeAhead;
        this.marker = marker;
        this.reaper = reaper;
        this.terminalInput = process.getOutputStream();
        this.scratchDir = scratchDir;
        this.scanner = new CompletionScanner(nonce);
        this.backlog = new Backlog(scratchDir.resolve("backlog.txt"));
        // A platform thread: the read blocks in pty4j's native poll, which would pin a virtual thread's
        // carrier; with one carrier per core, two busy shells would stall every other virtual thread.
        Thread.ofPlatform().daemon().name("bash-reader-" + process.pid()).start(this::readTerminal);
        process.onExit().thenAccept(p -> log.debug("bash {} exited with {}", p.pid(), p.exitValue()));
    }

    static BashSession start(Path workingDirectory, Map<String, String> extraEnv) throws IOException {
        return start(workingDirectory, extraEnv, ShellLauncher.unsandboxed());
    }

    /** A shell started as {@code launcher} says (perhaps in a sandbox); the scratch folder is shared with it. */
    static BashSession start(Path workingDirectory, Map<String, String> extraEnv, ShellLauncher launcher) throws IOException {
        Path scratch = ScratchFolders.create();
        try {
            return start(workingDirectory, extraEnv, launcher, scratch);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(scratch);
            throw e;
        }
    }

    private static BashSession start(Path workingDirectory, Map<String, String> extraEnv, ShellLauncher launcher, Path scratch)
            throws IOException {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> env = launcher.inheritedEnvironment();
        env.keySet().removeIf(k -> k.equals("PROMPT_COMMAND") || k.equals("BASH_ENV") || k.equals("ENV") || k.startsWith("BASH_FUNC_"));
        // A plain terminal: programs still see a tty (so they stream line by line) but print few escapes.
        env.put("TERM", "dumb");
        env.put("PAGER", "cat");
        env.put("GIT_PAGER", "cat");
        env.put("SYSTEMD_PAGER", "");
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(extraEnv);
        // Marks every process of this session, however it detaches, for cancel, close and the reaper.
        String sessionId = UUID.randomUUID().toString();
        env.put(SessionReaper.VARIABLE, sessionId);
        // Prompts come from the environment, so not even the first prompt prints text; PROMPT_COMMAND
        // prints the completion marker before every prompt, the first one included.
        env.put("PS1", "");
        env.put("PS2", "");
        Path fifo = TypeAhead.createFifo(scratch.resolve("prompt.fifo"));
        env.put("PROMPT_COMMAND", "printf '\\033]697;done;" + nonce + ";%s\\007' \"$?\"; " + TypeAhead.promptCommand(fifo));
        ShellLauncher.CommandLine shell = launcher.commandLine(List.of("/bin/bash", "--noprofile", "--norc", "--noediting", "-i"),
                workingDirectory, env, List.of(scratch));
        PtyProcess process = new PtyProcessBuilder(shell.argv().toArray(String[]::new))
                .setEnvironment(shell.environment())
                .setDirectory(workingDirectory.toString())
                .setInitialColumns(200)
                .setInitialRows(50)
                .setConsole(false)
                .setRedirectErrorStream(true)
                .start();
        TypeAhead typeAhead;
        try {
            typeAhead = TypeAhead.open(((com.pty4j.unix.UnixPtyProcess) process).getPty().getSlaveName(), fifo);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        // Started after bash, so neither bash nor its children can hold the reaper's pipe open.
        SessionReaper reaper;
        try {
            reaper = SessionReaper.start(sessionId);
        } catch (IOException e) {
            typeAhead.close();
            process.destroyForcibly();
            throw e;
        }
        BashSession session = new BashSession(process, scratch, nonce, typeAhead, SessionReaper.VARIABLE + "=" + sessionId, reaper);
        session.initialise(launcher.wrapped());
        return session;
    }

    /**
     * Waits for the first prompt's marker, then turns terminal echo off (so commands are not shown back)
     * and waits for that line's marker. Everything printed until then, such as the echo, is thrown away.
     */
    private void initialise(boolean wrapped) throws IOException {
        try {
            awaitStartupMarker();
            // Under a sandbox the JVM's child is bwrap; the processes below it before any command ran are the
            // sandbox's init and bash itself, which cancelling a command must spare.
            if (wrapped) shellLayers = SessionProcesses.of(process.pid());
            write("stty -echo -onlcr 2>/dev/null; unset HISTFILE; set +o history; export -n PS1 PS2 PROMPT_COMMAND\n");
            awaitStartupMarker();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("Interrupted while starting bash.");
        } catch (IOException e) {
            close();
            throw e;
        }
        synchronized (sinkLock) {
            sink = null;
            ready = true;
        }
    }

    private void awaitStartupMarker() throws IOException, InterruptedException {
        boolean marked = startupMarkers.tryAcquire(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (shellExit.isDone()) {
            String said;
            synchronized (sinkLock) {
                said = startupOutput.toString().strip().lines().reduce((first, second) -> second).orElse("");
            }
            throw new IOException("bash exited while starting (status " + shellExit.getNow(-1) + ")" + (said.isEmpty() ? "." : ": " + said));
        }
        if (!marked) {
            throw new IOException("bash did not become ready within " + STARTUP_TIMEOUT.toSeconds() + " s.");
        }
    }

    private void keepStartupOutput(String text) {
        if (startupOutput.length() < 4096) startupOutput.append(text);
    }

    long pid() {
        return process.pid();
    }

    /** Bash itself: under a sandbox the JVM's child is bwrap, and bash runs below it. */
    long shellPid() {
        for (long layer : shellLayers) {
            try {
                if ("bash".equals(Files.readString(Path.of("/proc", Long.toString(layer), "comm")).strip())) return layer;
            } catch (IOException e) {
                // gone or unreadable: not the shell we are looking for
            }
        }
        return pid();
    }

    boolean isAlive() {
        return process.isAlive() && !shellExit.isDone();
    }

    CompletableFuture<Integer> shellExit() {
        return shellExit;
    }

    ReentrantLock callLock() {
        return callLock;
    }

    /** The command still running from an earlier call, if any. */
    RunningCommand current() {
        RunningCommand running = current;
        return running != null && !running.exit().isDone() ? running : null;
    }

    /** The last command if a call still owes the caller its end: it outlived its call's timeout. */
    RunningCommand unreported() {
        RunningCommand last = current;
        return last != null && !last.reported().get() ? last : null;
    }

    OptionalDouble lastFraction() {
        return lastFraction;
    }

    /** The folder of this session's command scripts, prompt FIFO and backlog; removed on close. */
    Path scratchDirectory() {
        return scratchDir;
    }

    RunningCommand submit(String command) throws IOException {
        long number = commandCounter.incrementAndGet();
        Path script = scratchDir.resolve("command-" + number + ".sh");
        Files.writeString(script, command.endsWith("\n") ? command : command + "\n", StandardCharsets.UTF_8);
        RunningCommand running = new RunningCommand(number, command, System.nanoTime(), new CompletableFuture<>(),
                new java.util.concurrent.atomic.AtomicBoolean(), new AtomicLong());
        lastFraction = OptionalDouble.empty();
        current = running;
        inputLock.lock();
        try {
            inputOpenFor = number;
            write("source '" + script + "'\n");
        } finally {
            inputLock.unlock();
        }
        return running;
    }

    /** Routes the shell's output to {@code consumer}, starting with anything printed while nobody read. */
    void attach(Consumer<String> consumer) throws IOException {
        synchronized (sinkLock) {
            backlog.drainTo(consumer);
            sink = consumer;
        }
    }

    void detach() {
        synchronized (sinkLock) {
            sink = null;
        }
    }

    /** Types {@code text} into {@code target}; false, with nothing sent, once it has ended. */
    boolean sendInput(RunningCommand target, String text) throws IOException {
        inputLock.lock();
        try {
            if (inputOpenFor != target.number()) return false;
            write(text);
            return true;
        } finally {
            inputLock.unlock();
        }
    }

    /**
     * Stops the running command: Ctrl-C to the foreground job, then SIGTERM and SIGKILL to every process
     * the shell started, all within about two seconds, and returns once the killed processes are gone (up to
     * two seconds more on a loaded machine). Returns true if the shell came back to its prompt.
     */
    boolean cancelRunning() {
        RunningCommand running = current();
        if (running == null) return true;
        try {
            write(INTERRUPT);
        } catch (IOException e) {
            log.debug("Could not send Ctrl-C to bash {}: {}", pid(), e.toString());
        }
        if (awaitExit(running, 500)) {
            killStragglers();
            return true;
        }
        Set<Long> processes = commandProcesses();
        SessionProcesses.signal(processes, false);
        if (awaitExit(running, 700)) {
            killStragglers();
            return true;
        }
        Set<Long> remaining = commandProcesses();
        SessionProcesses.signal(remaining, true);
        boolean exited = awaitExit(running, 700);
        awaitGone(remaining, 2_000);
        return exited;
    }

    /**
     * The processes commands started: everything under the shell's terminal or carrying the session's marker
     * (a {@code setsid} child), but the shell (and its sandbox).
     */
    private Set<Long> commandProcesses() {
        Set<Long> processes = SessionProcesses.of(pid(), marker);
        processes.removeAll(shellLayers);
        return processes;
    }

    /** Background children of an interrupted command would outlive it; the cancel contract says none may. */
    private void killStragglers() {
        Set<Long> left = commandProcesses();
        if (left.isEmpty()) return;
        SessionProcesses.signal(left, false);
        awaitGone(left, 300);
        SessionProcesses.signal(left, true);
        // SIGKILL takes effect when the process next runs, which on a loaded machine is not at once: the cancel
        // returns once they are gone, so a caller never sees them after it
        awaitGone(left, 2_000);
    }

    private static void awaitGone(Set<Long> pids, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (SessionProcesses.anyAlive(pids) && System.nanoTime() < deadline) {
            sleepQuietly(20);
        }
    }

    /** Every process this session started, including those that left its terminal session with setsid. */
    private Set<Long> processes() {
        return SessionProcesses.of(pid(), marker);
    }

    private static boolean awaitExit(RunningCommand running, long millis) {
        try {
            running.exit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private void write(String text) throws IOException {
        synchronized (terminalInput) {
            terminalInput.write(text.getBytes(StandardCharsets.UTF_8));
            terminalInput.flush();
        }
    }

    /**
     * Drains the terminal for the life of the shell. A pty hands out at most a few KiB per read; when more
     * is already waiting, reads are joined into one chunk of up to 64 KiB, so heavy output costs few
     * events while a lone line still goes out the moment it is printed.
     */
    private void readTerminal() {
        byte[] buffer = new byte[CHUNK_BYTES];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                while (n < buffer.length - 4096 && in.available() > 0) {
                    int more = in.read(buffer, n, buffer.length - n);
                    if (more <= 0) break;
                    n += more;
                }
                if (n == 0) continue;
                String text = decoder.decode(buffer, 0, n);
                if (!text.isEmpty()) scanner.feed(text, this::deliver, this::commandFinished);
            }
        } catch (IOException e) {
            log.debug("Reading bash {} ended: {}", process.pid(), e.toString());
        } finally {
            String rest = decoder.finish();
            if (!rest.isEmpty()) deliver(rest);
            int status = waitForExitStatus();
            shellExit.complete(status);
            RunningCommand running = current;
            if (running != null) running.exit().complete(null);
            startupMarkers.release(2);
        }
    }

    private int waitForExitStatus() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private void deliver(String text) {
        OptionalDouble fraction = PercentDetector.lastFraction(text);
        if (fraction.isPresent()) lastFraction = fraction;
        synchronized (sinkLock) {
            if (sink != null) {
                sink.accept(text);
            } else {
                backlog.append(text);
            }
        }
    }

    private void commandFinished(int status) {
        RunningCommand ended = current;
        long discarded = discardTypeAhead();
        if (ended != null) ended.discardedInput().set(discarded);
        if (!ready) {
            startupMarkers.release();
            return;
        }
        RunningCommand running = current;
        if (running != null) running.exit().complete(status);
    }

    /** The shell waits at its prompt until input its command left unread is gone; see {@link TypeAhead}. */
    private long discardTypeAhead() {
        inputOpenFor = 0;
        long discarded = 0;
        // A write of more than the terminal holds blocks until room is made: flushing makes room until it ends.
        while (!lockInput()) {
            discarded = add(discarded, typeAhead.discard());
        }
        try {
            discarded = add(discarded, typeAhead.discard());
            typeAhead.release();
        } catch (IOException e) {
            log.debug("Could not release bash {} from its prompt: {}", pid(), e.toString());
        } finally {
            inputLock.unlock();
        }
        return discarded;
    }

    private boolean lockInput() {
        try {
            return inputLock.tryLock(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inputLock.lock();
            return true;
        }
    }

    private static long add(long total, long more) {
        return total == TypeAhead.UNKNOWN || more == TypeAhead.UNKNOWN ? TypeAhead.UNKNOWN : total + more;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        SessionProcesses.signal(processes(), true);
        process.destroyForcibly();
        reaper.close();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        typeAhead.close();
        try {
            backlog.close();
        } catch (IOException e) {
            log.debug("Could not close the backlog in {}: {}", scratchDir, e.toString());
        }
        deleteQuietly(scratchDir);
    }

    private static void deleteQuietly(Path scratch) {
        try {
            ScratchFolders.deleteTree(scratch);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not remove {}: {}", scratch, e.toString());
        }
    }
}
