package dev.agentstream.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstream.core.ToolInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path tmp;

    @Test
    void pathsInsideARootResolveToTheirRealPath() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "a");
        Workspace ws = Workspace.of(List.of(root));
        assertThat(ws.resolve(root + "/a.txt")).isEqualTo(root.toRealPath().resolve("a.txt"));
        assertThat(ws.resolve(root + "/new/dir/file.txt")).isEqualTo(root.toRealPath().resolve("new/dir/file.txt"));
    }

    @Test
    void climbingOutWithDotDotIsRefusedAndTheMessageNamesTheRoots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Workspace ws = Workspace.of(List.of(root));
        assertThatThrownBy(() -> ws.resolve(root + "/../outside.txt"))
                .isInstanceOf(ToolInputException.class)
                .hasMessageContaining("outside the workspace")
                .hasMessageContaining(root.toRealPath().toString());
    }

    @Test
    void aSymlinkPointingOutsideIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("link"), outside);
        Workspace ws = Workspace.of(List.of(root));
        assertThatThrownBy(() -> ws.resolve(root + "/link/secret")).isInstanceOf(ToolInputException.class);
        assertThatThrownBy(() -> ws.resolve(root + "/link/new-file")).isInstanceOf(ToolInputException.class);
    }

    @Test
    void relativePathsAreRefusedWithTheAbsoluteFormSuggested() throws Exception {
        Workspace ws = Workspace.of(List.of(tmp));
        assertThatThrownBy(() -> ws.resolve("src/Main.java"))
                .isInstanceOf(ToolInputException.class)
                .hasMessageContaining("not an absolute path")
                .hasMessageContaining(tmp.toRealPath().resolve("src/Main.java").toString());
    }
}
