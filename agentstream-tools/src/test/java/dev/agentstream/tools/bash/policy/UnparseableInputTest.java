package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that cannot be checked is refused, and check() never throws. */
class UnparseableInputTest {

    private final CommandPolicy policy = CommandPolicy.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "echo \"abc     | \"abc",
        "echo $(        | $(",
        "ls; rm -rf / ) | )",
    })
    void syntaxErrorsAreRefusedNamingTheBadPart(String command, String part) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo(part);
        assertThat(verdict.reason()).startsWith("The command could not be parsed safely")
                .contains("Check the quoting");
    }

    @ParameterizedTest
    @ValueSource(strings = {"if true; then echo", "echo 'abc", "for x in a; do", "ls | ", "case x in",
        "{rm,-rf,/}", "bash -c 'echo \"unclosed'", "(ls"})
    void incompleteInputIsRefused(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.reason()).startsWith("The command could not be parsed safely");
    }

    @Test
    void oddCharactersNeverThrow() {
        for (String command : new String[] {"echo a\u0000b; rm -rf /", "echo \uD800; ls", "\uFFFF", "\\", "$'\\",
            "echo ${", "a".repeat(10_000), "$(".repeat(2000), "echo \"" + "$(".repeat(300)}) {
            PolicyVerdict verdict = policy.check(command);
            assertThat(verdict).isNotNull();
            assertThat(verdict.allowed() || (verdict.refusedPart() != null && verdict.reason() != null)).isTrue();
        }
        assertThat(policy.check("echo a\u0000b; rm -rf /").refusedPart()).isEqualTo("echo a\\0b; rm -rf /");
        assertThat(policy.check("echo \uD800 ; rm -rf /").refusedPart()).isEqualTo("rm -rf /");
    }

    @Test
    void deeplyNestedInputIsRefusedNotCrashed() {
        String deep = "echo " + "$(echo ".repeat(400) + "x" + ")".repeat(400);
        PolicyVerdict verdict = policy.check(deep);
        assertThat(verdict.allowed()).isFalse();
    }

    @Test
    void hugeInputIsRefused() {
        PolicyVerdict verdict = policy.check("echo " + "x".repeat(BashParser.MAX_CHARS));
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("longer than");
    }

    @Test
    void nullIsTreatedAsBlank() {
        assertThat(policy.check(null).allowed()).isTrue();
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String command = i % 2 == 0 ? "ls -la && echo " + i : "echo " + i + "; rm -rf /";
                boolean expected = i % 2 == 0;
                results.add(pool.submit(() -> policy.check(command).allowed() == expected));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
