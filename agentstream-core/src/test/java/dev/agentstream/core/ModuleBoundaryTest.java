package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module descriptor the build compiled: every package of core is API, and it says what it needs. */
class ModuleBoundaryTest {

    @Test
    void coreExportsBothItsPackagesAndHandsJacksonToItsReaders() throws Exception {
        Path classes = Path.of(ToolSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor core = ModuleFinder.of(classes).find("dev.agentstream.core").orElseThrow().descriptor();
        assertThat(core.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.agentstream.core", "dev.agentstream.core.view");
        assertThat(core.exports()).allMatch(export -> !export.isQualified());
        assertThat(core.packages()).containsExactlyInAnyOrder("dev.agentstream.core", "dev.agentstream.core.view");
        // ToolSpec and ToolCall hold Jackson's JsonNode, so a reader of core reads Jackson too.
        assertThat(core.requires()).anyMatch(r -> r.name().equals("com.fasterxml.jackson.databind")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }
}
