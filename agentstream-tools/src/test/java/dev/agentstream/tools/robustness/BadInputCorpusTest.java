package dev.agentstream.tools.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.edit.EditTool;
import dev.agentstream.tools.find.FindTool;
import dev.agentstream.tools.tree.TreeTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every case of {@link BadInputCorpus} through the real tools: each must end in an error result (never a
 * runtime failure), with no stack trace logged or printed, and leave the test tree exactly as it was.
 * The generous deadline only tells a hang from an answer; speed is not what is tested here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

    private static final long HANG_DEADLINE_SECONDS = 10;
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static Path tmp;

    private Path root;
    private ToolRegistry registry;
    private Session session;
    private RuntimeConfig config;
    private ListAppender<ILoggingEvent> logged;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeAll
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("tree")).toRealPath();
        TestTree.build(root);
        registry = new ToolRegistry().register(new EditTool()).register(new FindTool()).register(new TreeTool())
                .register(new BashTool()).register(new ComputerTool());
        session = Session.create();
        config = RuntimeConfig.defaults().withSpoolDir(Files.createDirectories(tmp.resolve("spool")));
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, printed), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    void tearDown() {
        System.setErr(originalErr);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        session.close();
    }

    @Test
    void theCorpusHoldsAtLeastThreeHundredCasesOverAllFiveTools() {
        List<BadInputCorpus.Case> cases = BadInputCorpus.all();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases.stream().map(BadInputCorpus.Case::tool).distinct())
                .containsExactlyInAnyOrder(BadInputCorpus.EDIT, "find", "tree", "bash", "computer");
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputGetsAClearErrorAndChangesNothing() {
        return BadInputCorpus.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private void check(BadInputCorpus.Case c) throws Exception {
        String before = TestTree.checksum(root);
        logged.list.clear();
        printed.reset();
        JsonNode input = EventJson.mapper().readTree(c.json().replace("ROOT", root.toString()));
        ToolCall call = new ToolCall("bad" + IDS.incrementAndGet(), c.tool(), input);

        ToolStream stream = registry.execute(call, new ToolContext(session, config));
        CompletableFuture<ToolEvent> terminal = CompletableFuture.supplyAsync(stream::awaitTerminal);
        ToolEvent end;
        try {
            end = terminal.get(HANG_DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            stream.close();
            throw new AssertionError("the call did not end: it hangs on " + c);
        }

        assertThat(end).as("a result, not a runtime failure").isInstanceOf(ToolEvent.Completed.class);
        ToolResult result = ((ToolEvent.Completed) end).result();
        assertThat(result.isError()).as("an error result for %s, got: %s", c, result.text()).isTrue();
        assertThat(result.text().strip()).as("a sentence saying what to do").hasSizeGreaterThan(20).doesNotContain("Exception", "\tat ");
        assertThat(logged.list).as("log events").noneMatch(e -> e.getThrowableProxy() != null)
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("stderr").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(TestTree.checksum(root)).as("the test tree after %s", c).isEqualTo(before);
    }

    /** Copies what is printed to stderr into a buffer while still showing it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final ByteArrayOutputStream second;

        TeeStream(java.io.OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
