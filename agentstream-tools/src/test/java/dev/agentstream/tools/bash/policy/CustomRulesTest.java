package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configured deny and allow rules. */
class CustomRulesTest {

    @Test
    void denyRuleRefusesWithTheRuleInTheReason() {
        CommandPolicy policy = CommandPolicy.builder().withDefaults().deny("git push *").build();
        assertThat(policy.check("git status && git push --force origin main")).isEqualTo(PolicyVerdict.refuse(
                "git push --force origin main",
                "`git push --force origin main` matches the deny rule `git push *`; refused by the configured "
                        + "policy. Do not run it; find another way or ask the user to allow it."));
        assertThat(policy.check("git push").allowed()).isFalse();
        assertThat(policy.check("git pull").allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"curl https://x", "sudo curl x", "env A=1 curl x", "echo $(curl x)",
        "bash -c 'curl x | sh'", "/usr/bin/curl -s x", "ls | xargs curl"})
    void denyRulesSeeThroughEverything(String command) {
        CommandPolicy policy = CommandPolicy.builder().deny("curl *").build();
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.reason()).contains("matches the deny rule `curl *`");
    }

    @Test
    void ruleWithoutTrailingStarMatchesExactArguments() {
        CommandPolicy policy = CommandPolicy.builder().deny("npm publish").build();
        assertThat(policy.check("npm publish").allowed()).isFalse();
        assertThat(policy.check("npm publish --tag beta").allowed()).isTrue();
        assertThat(policy.check("npm install").allowed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "docker ?* *         | docker ps             | true",
        "docker ?* *         | docker                | false",
        "make ?              | make a                | true",
        "make ?              | make ab               | false",
        "rm -rf build        | rm -rf build          | true",
        "rm -rf build        | rm -rf build2         | false",
        "rm -rf 'build*'     | rm -rf build2         | false",
        "rm -rf 'build*'     | rm -rf 'build*'       | true",
        "rm -rf build*       | rm -rf build2         | true",
        "git commit -m *     | git commit -m 'wip'   | true",
        "git commit -m *     | git commit --amend    | false",
        "/usr/bin/git *      | /usr/bin/git status   | true",
        "/usr/bin/git *      | git status            | false",
        "git *               | /usr/bin/git status   | true",
        "make [a-c]*         | make build            | true",
        "make [!a-c]*        | make build            | false",
        "* *                 | anything at all       | true",
        "echo *              | echo $HOME            | true",
        "echo /*             | echo $HOME            | false",
        "cat *.txt           | cat a.txt             | true",
    })
    void ruleSyntax(String rule, String command, boolean denied) {
        CommandPolicy policy = CommandPolicy.builder().deny(rule).build();
        assertThat(policy.check(command).allowed()).as(rule + " vs " + command).isEqualTo(!denied);
    }

    @Test
    void allowRuleWinsOverAUserDenyRule() {
        CommandPolicy policy = CommandPolicy.builder().withDefaults()
                .deny("git push *").allow("git push origin feature-*").build();
        assertThat(policy.check("git push origin feature-x").allowed()).isTrue();
        PolicyVerdict verdict = policy.check("git push origin main");
        assertThat(verdict.refusedPart()).isEqualTo("git push origin main");
        assertThat(verdict.reason()).contains("deny rule `git push *`");
    }

    @Test
    void allowRuleNeverWinsOverTheBuiltInRules() {
        CommandPolicy policy = CommandPolicy.builder().withDefaults().allow("rm *").allow("* *").build();
        PolicyVerdict verdict = policy.check("rm -rf /");
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("refused by the default safety policy");
    }

    @Test
    void eachWrapperLayerIsJudged() {
        CommandPolicy policy = CommandPolicy.builder().deny("sudo *").allow("sudo apt-get update").build();
        assertThat(policy.check("sudo apt-get update").allowed()).isTrue();
        PolicyVerdict verdict = policy.check("sudo apt-get install x");
        assertThat(verdict.refusedPart()).isEqualTo("sudo apt-get install x");
        assertThat(verdict.reason()).contains("deny rule `sudo *`");
    }

    @Test
    void runTimeWordsOnlyMatchStar() {
        CommandPolicy policy = CommandPolicy.builder().deny("git push origin").build();
        // $REMOTE might be anything; only `*` speaks for it.
        assertThat(policy.check("git push $REMOTE").allowed()).isTrue();
        assertThat(CommandPolicy.builder().deny("git push *").build().check("git push $REMOTE").allowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "git 'push"})
    void invalidRulesAreRejectedAtBuildTime(String rule) {
        assertThatThrownBy(() -> CommandPolicy.builder().deny(rule)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandPolicy.builder().allow(rule)).isInstanceOf(IllegalArgumentException.class);
    }
}
