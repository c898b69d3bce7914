package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

class McpCallSchedulerTest {

    @Test
    void callsRunOnPlatformDaemonThreadsOneEach() {
        Scheduler calls = CallScheduler.create();
        try {
            Thread first = Mono.fromCallable(Thread::currentThread).subscribeOn(calls).block();
            Thread second = Mono.fromCallable(Thread::currentThread).subscribeOn(calls).block();
            assertThat(first.isVirtual()).isFalse();
            assertThat(first.isDaemon()).isTrue();
            assertThat(first.getName()).startsWith("agentstream-mcp-call-");
            assertThat(second).isNotSameAs(first);
        } finally {
            calls.dispose();
        }
    }
}
