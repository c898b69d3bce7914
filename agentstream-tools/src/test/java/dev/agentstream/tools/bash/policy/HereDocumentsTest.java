package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Here-documents end where bash ends them, so nothing after the real end goes unchecked. */
class HereDocumentsTest {

    private final CommandPolicy policy = CommandPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
        "cat <<E\"O\"F\nx\nEOF\nrm -rf ~\nE\"O\"F",
        "cat <<E'O'F\nx\nEOF\nrm -rf ~\nE'O'F",
        "cat <<\"E\"OF\nx\nEOF\nrm -rf ~\n\"E\"OF",
        "cat <<'EO'F\nx\nEOF\nrm -rf ~\nEO",
        "cat <<-EOF\n\tx\n\t\tEOF\nrm -rf ~\nEOF",
        "cat <<-'EOF'\n\tx\n\tEOF\nrm -rf ~\nEOF",
        "cat <<EOF;rm -rf ~\nx\nEOF",
        "cat <<EOF\nx\nEOF\nrm -rf ~",
        "echo $(cat <<EOF\nx\nEOF\n) && rm -rf ~",
    })
    void commandsAfterTheRealEndAreChecked(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
    }

    @Test
    void theCommandAfterAQuoteRemovedDelimiterIsTheOneRefused() {
        PolicyVerdict verdict = policy.check("cat <<E\"O\"F\nx\nEOF\nrm -rf ~\nE\"O\"F");
        assertThat(verdict.refusedPart()).isEqualTo("rm -rf ~");
    }

    @Test
    void theAllowListSeesTheCommandsAfterTheRealEnd() {
        CommandPolicy allowList = CommandPolicy.builder().allowListMode(true).allow("echo *").build();
        PolicyVerdict verdict = allowList.check("echo <<E\"O\"F\nx\nEOF\ntouch pwned\nE\"O\"F");
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo("touch pwned");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cat <<'EOF'\nrm -rf ~\nEOF",
        "cat <<\"EOF\"\nrm -rf ~\nEOF",
        "cat <<\\EOF\nrm -rf ~\nEOF",
        "cat <<E\"O\"F\nrm -rf ~\nEOF",
        "cat <<-EOF\n\trm -rf /\n\tEOF\necho done",
        "cat > \"$f\" <<'EOF'\nrm -rf ~\nEOF\necho ok",
        "cat <<'EOF' > \"$f\"\nrm -rf ~\nEOF",
        "cat <<EOF | grep x # a comment's quote\nrm -rf ~\nEOF",
        "python3 - <<'PY'\nimport os\nPY\ncat <<EOF\nEOF",
    })
    void hereDocumentBodiesAreDataAndStayAllowed(String command) {
        assertThat(policy.check(command)).as(command).isEqualTo(PolicyVerdict.allow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cat <<A <<B\na\nA\nb\nB",
        "cat <<A; cat <<B\na\nA\nb\nB",
        "cat <<EOF\nx\nEOF )",
        "cat <<EOF\nno end",
        "cat <<$'EOF'\nx\nEOF",
        "cat <<EOF; echo \"a\nb\"\nx\nEOF",
    })
    void hereDocumentsBashCouldReadDifferentlyAreRefused(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).as(command).isFalse();
        assertThat(verdict.reason()).contains("refused");
    }

    @Test
    void aNulByteIsRefusedBeforeAnythingIsParsed() {
        PolicyVerdict verdict = policy.check("r\u0000m -rf ~");
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo("r\\0m -rf ~");
        assertThat(verdict.reason()).startsWith("The command contains a NUL byte");
        assertThat(CommandPolicy.builder().build().check("echo a\u0000b").allowed()).isFalse();
    }
}
