package dev.agentstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module descriptor the build compiled: each tool's package is API, the shared file helpers are not. */
class ModuleBoundaryTest {

    @Test
    void toolsExportEveryToolPackageButNotTheFileHelpers() throws Exception {
        Path classes = Path.of(StandardTools.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor tools = ModuleFinder.of(classes).find("dev.agentstream.tools").orElseThrow().descriptor();
        assertThat(tools.exports()).extracting(ModuleDescriptor.Exports::source).containsExactlyInAnyOrder(
                "dev.agentstream.tools", "dev.agentstream.tools.bash", "dev.agentstream.tools.bash.policy",
                "dev.agentstream.tools.bash.sandbox", "dev.agentstream.tools.computer", "dev.agentstream.tools.computer.live",
                "dev.agentstream.tools.edit", "dev.agentstream.tools.find", "dev.agentstream.tools.tree");
        assertThat(tools.packages()).contains("dev.agentstream.tools.fs");
        assertThat(tools.opens()).isEmpty();
        // Workspace, the one file-system type a caller names, lives in the exported root package.
        assertThat(Workspace.class.getPackageName()).isEqualTo("dev.agentstream.tools");
    }
}
