package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/           | /",
        "//          | /",
        "/.          | /",
        "/tmp/..     | /",
        "/..         | /",
        "/usr/       | /usr",
        "/usr/./bin/ | /usr/bin",
        "~           | ~",
        "~/          | ~",
        "$HOME       | ~",
        "${HOME}/x/  | ~/x",
        "~/..        | ~/..",
        "build/../x  | build/../x",
        "$HOMEDIR    | $HOMEDIR",
    })
    void normalizes(String raw, String normal) {
        assertThat(TargetPaths.normalize(raw)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/sda", "/dev/sda1", "/dev/nvme0n1p1", "/dev/hdb", "/dev/vda", "/dev/xvdf",
        "/dev/mmcblk0", "/dev/mapper/root", "/dev/disk/by-uuid/x", "/dev/dm-0", "/dev/loop0", "/dev//sdb"})
    void recognisesBlockDevices(String path) {
        assertThat(TargetPaths.isBlockDevice(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/null", "/dev/stdout", "/dev/tty", "/dev/shm/x", "/tmp/sda", "dev/sda",
        "/dev/fd/3", "/dev/pts/0"})
    void otherPathsAreNotBlockDevices(String path) {
        assertThat(TargetPaths.isBlockDevice(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/x", "build", "./build", "/usr/local", "~/project", "/home/me/x", "*", ".",
        "~/*.log", "/tmpfile"})
    void ordinaryPathsAreNotDangerousToDelete(String path) {
        assertThat(TargetPaths.deletionDanger(path)).isNull();
    }
}
