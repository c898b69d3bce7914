package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everyday commands, including ones that look like the dangerous ones, pass the defaults. */
class HarmlessCommandsTest {

    private final CommandPolicy policy = CommandPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
        "rm -rf ./build",
        "rm -rf build dist",
        "rm -rf /tmp/x",
        "rm -rf /home/user/project/target",
        "rm -rf ~/project/build",
        "rm -rf $HOME/.cache/pip",
        "rm -rf ~/*.log",
        "rm -rf /usr/local/lib/node_modules/foo",
        "rm -rf \"$DIR/build\"",
        "rm /tmp/file",
        "rm -f /etc/foo.conf",
        "echo hi > /dev/null",
        "echo hi 2>/dev/null >&2",
        "echo x > /dev/stdout",
        "ls > /tmp/out 2>&1",
        "dd if=/dev/zero of=/tmp/f bs=1M count=1",
        "dd if=/dev/sda of=/tmp/disk.img",
        "dd if=x of=/dev/null",
        "cat /dev/sda",
        "cat < /dev/sda",
        "cat /dev/sda > /tmp/disk.img",
        "cp /dev/sda /tmp/disk.img",
        "ls -la /",
        "ls /usr /etc",
        "echo \"rm -rf /\"",
        "grep -r shutdown .",
        "grep -rn 'mkfs' /etc",
        "git status",
        "git push origin main",
        "systemctl status nginx",
        "systemctl restart nginx",
        "init 3",
        "chmod 755 /",
        "chmod -R u+w ./x",
        "chown -R me ./x",
        "find . -name '*.o' -delete",
        "find / -name foo",
        "ls &",
        "f(){ f; }",
        "f() { g | h & }",
        "tee -a /tmp/log",
        "mkdir -p /tmp/a && cd /tmp/a && touch b",
        "for f in *.txt; do wc -l \"$f\"; done",
        "npm test -- --watch=false",
        "python3 -c 'print(1)'",
        "x=1; echo $x",
        "cat <<'EOF'\nrm -rf /\nEOF",
    })
    void isAllowed(String command) {
        assertThat(policy.check(command)).as(command).isEqualTo(PolicyVerdict.allow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void blankInputIsAllowed(String command) {
        assertThat(policy.check(command).allowed()).isTrue();
    }
}
