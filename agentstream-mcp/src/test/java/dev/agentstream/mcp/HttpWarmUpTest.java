package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpWarmUpTest {

    @Test
    void readiesJettyWithoutLeavingAThreadBehindAndSetsTheMemoryHintFirst() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThat(HttpWarmUp.run()).isTrue();

        // Nothing was started: a thread pool, scheduler or acceptor left running would outlive the warm-up.
        Set<String> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName).collect(Collectors.toSet());
        assertThat(started).noneMatch(name -> name.startsWith("qtp") || name.contains("Scheduler") || name.contains("acceptor"));
        assertThat(System.getProperty(JettyMemoryHint.PROPERTY)).isNotNull();
    }
}
