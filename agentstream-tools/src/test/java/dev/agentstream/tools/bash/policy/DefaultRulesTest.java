package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in destructive rule, with the exact part it names. */
class DefaultRulesTest {

    private final CommandPolicy policy = CommandPolicy.defaults();

    @Test
    void rootDeletionGivesTheDocumentedVerdict() {
        assertThat(policy.check("rm -rf /")).isEqualTo(PolicyVerdict.refuse("rm -rf /",
                "`rm -rf /` deletes the root filesystem; refused by the default safety policy. "
                        + "Remove the root target or narrow the path."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rm -rf /", "rm -fr /", "rm -r -f /", "rm --recursive --force /", "rm -Rf /",
        "rm -R -f /", "rm --rec --force /", "rm -rf -- /", "rm / -rf", "rm -r /", "rm -rfv /", "rm -rf /.",
        "rm -rf //", "rm -rf /tmp/..", "rm -rf /./"})
    void recursiveDeleteOfRootIsRefusedInAnySpelling(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).startsWith("`" + command + "` deletes the root filesystem;");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rm -rf /*            | everything under /",
        "rm -rf ~             | your home directory",
        "rm -rf ~/            | your home directory",
        "rm -rf ~/*           | everything in your home directory",
        "rm -rf ~/.*          | everything in your home directory",
        "rm -rf $HOME         | your home directory",
        "rm -rf \"$HOME\"     | your home directory",
        "rm -rf ${HOME}/      | your home directory",
        "rm -rf \"$HOME\"/    | your home directory",
        "rm -rf $HOME/*       | everything in your home directory",
        "rm -rf ~root         | the home directory ~root",
        "rm -rf /usr          | the system directory /usr",
        "rm -rf /etc/         | the system directory /etc",
        "rm -rf /bin          | the system directory /bin",
        "rm -rf /boot         | the system directory /boot",
        "rm -rf /var          | the system directory /var",
        "rm -rf /lib          | the system directory /lib",
        "rm -rf /home         | the system directory /home",
        "rm -rf /usr/*        | everything in the system directory /usr",
        "rm -rf /u*           | every top-level directory matching /u*",
        "find / -delete       | the root filesystem",
        "find ~ -name x -delete | your home directory",
    })
    void recursiveDeleteOfProtectedPathsIsRefused(String command, String what) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).startsWith("`" + command + "` deletes " + what + ";")
                .contains("refused by the default safety policy");
    }

    @Test
    void namesTheTargetToRemove() {
        assertThat(policy.check("rm -rf build /usr").reason())
                .endsWith("Remove the target `/usr` or narrow the path.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rm --no-preserve-root -rf /tmp/x", "rm -r --no-preserve-root /", "rm --no-pres /x"})
    void noPreserveRootIsRefused(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).contains("switches off rm's protection of the root filesystem")
                .contains("Drop --no-preserve-root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mkfs /dev/sdb", "mkfs.ext4 /dev/sdb1", "mkfs.xfs -f /dev/nvme0n1p2", "mke2fs /dev/sdb1",
        "/sbin/mkfs.btrfs /dev/vdb", "mkfs.ext4 -F /tmp/img"})
    void formattingIsRefused(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).contains("creates a new filesystem, destroying all data on the target");
    }

    @Test
    void wipefsAndBlkdiscardAreRefused() {
        assertThat(policy.check("wipefs -a /dev/sdb")).isEqualTo(PolicyVerdict.refuse("wipefs -a /dev/sdb",
                "`wipefs -a /dev/sdb` erases the filesystem signatures of a disk, making its data unreachable; "
                        + "refused by the default safety policy. Changing disks is not allowed from this tool; "
                        + "ask the user to do it."));
        assertThat(policy.check("blkdiscard /dev/nvme0n1").reason()).contains("discards every block");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dd if=/dev/zero of=/dev/sda bs=1M | /dev/sda",
        "dd if=img of=/dev/mmcblk0         | /dev/mmcblk0",
        "dd of=/dev//sdb if=x              | /dev/sdb",
        "dd if=/dev/urandom of=/dev/mem    | /dev/mem",
    })
    void ddOntoADeviceIsRefused(String command, String device) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).contains("writes raw data onto the device " + device);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        ":(){ :|:& };:                  => :(){ :|:& }              => :",
        "bomb(){ bomb|bomb& }; bomb     => bomb(){ bomb|bomb& }     => bomb",
        "function f { f | f & }; f      => function f { f | f & }   => f",
        "f() { f & f; }                 => f() { f & f; }           => f",
        "g() { ( g ) | cat & }          => g() { ( g ) | cat & }    => g",
    })
    void forkBombsAreRefused(String command, String definition, String name) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(definition);
        assertThat(verdict.reason()).startsWith("`" + definition + "` defines a fork bomb: the function `" + name
                + "` starts copies of itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shutdown -h now", "shutdown -r +5", "reboot", "halt", "poweroff", "init 0", "init 6",
        "telinit 0", "systemctl poweroff", "systemctl reboot", "systemctl halt", "systemctl --force reboot",
        "/sbin/reboot -f"})
    void powerOffIsRefused(String command) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).isEqualTo("`" + command + "` shuts down or restarts the machine; refused by "
                + "the default safety policy. Do not power off or reboot; if it is really needed, ask the user to do it.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chmod -R 777 /          | permissions of the root filesystem",
        "chmod --recursive 777 / | permissions of the root filesystem",
        "chmod -Rv a+w /*        | permissions of everything under /",
        "chown -R me /           | ownership of the root filesystem",
        "chown -R me:me /usr     | ownership of the system directory /usr",
        "chgrp -R staff /etc     | ownership of the system directory /etc",
    })
    void recursivePermissionChangesOnRootAreRefused(String command, String what) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(command);
        assertThat(verdict.reason()).startsWith("`" + command + "` recursively changes the " + what + ";");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "echo x > /dev/sda               | > /dev/sda",
        "> /dev/sda                      | > /dev/sda",
        "echo x >> /dev/nvme0n1          | >> /dev/nvme0n1",
        "echo x &> /dev/hda              | &> /dev/hda",
        "echo x >& /dev/xvda             | >& /dev/xvda",
        "cat img 1> /dev/mmcblk0p1       | 1> /dev/mmcblk0p1",
        "exec 3>/dev/sdb                 | 3>/dev/sdb",
        "{ echo; } > /dev/sdc            | > /dev/sdc",
        "ls > /dev/disk/by-id/usb-x      | > /dev/disk/by-id/usb-x",
    })
    void redirectionsToABlockDeviceAreRefused(String command, String redirection) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(redirection);
        assertThat(verdict.reason()).contains("writes to the block device").endsWith(
                "refused by the default safety policy. Write to a regular file or /dev/null instead.");
    }

    @Test
    void clobberRedirectionToABlockDeviceIsRefused() {
        assertThat(policy.check("echo x >| /dev/vdb").refusedPart()).isEqualTo(">| /dev/vdb");
        assertThat(policy.check("cat f | tee /dev/vda").refusedPart()).isEqualTo("tee /dev/vda");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tee /dev/vda < f               | tee /dev/vda",
        "tee -a /tmp/log /dev/sdb       | tee -a /tmp/log /dev/sdb",
        "cp img /dev/mmcblk0            | cp img /dev/mmcblk0",
        "cp -t /dev/sda img             | cp -t /dev/sda img",
        "mv img /dev/xvda               | mv img /dev/xvda",
        "shred -n 1 /dev/sda            | shred -n 1 /dev/sda",
    })
    void commandsWritingToABlockDeviceAreRefused(String command, String part) {
        PolicyVerdict verdict = policy.check(command);
        assertThat(verdict.refusedPart()).isEqualTo(part);
        assertThat(verdict.reason()).startsWith("`" + part + "` writes to the block device /dev/");
    }

    @Test
    void defaultsOnlyApplyWhenAskedFor() {
        assertThat(CommandPolicy.builder().build().check("rm -rf /").allowed()).isTrue();
        assertThat(CommandPolicy.builder().withDefaults().build().check("rm -rf /").allowed()).isFalse();
    }
}
