package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a library module: its descriptor exports the loop, the model client and transcripts, and a
 * program on the module path that names a class of an internal package does not compile, while one that
 * uses the API does (the same program, so the failure is the boundary and nothing else).
 */
class ModuleBoundaryTest {

    private static final Path CLASSES = classesOf(AgentLoop.class);

    @TempDir
    Path dir;

    @Test
    void theAgentExportsItsApiPackagesOnly() {
        ModuleDescriptor agent = ModuleFinder.of(CLASSES).find("dev.agentstream.agent").orElseThrow().descriptor();
        assertThat(agent.exports()).extracting(ModuleDescriptor.Exports::source).containsExactlyInAnyOrder(
                "dev.agentstream.agent", "dev.agentstream.agent.model", "dev.agentstream.agent.session");
        assertThat(agent.packages()).contains("dev.agentstream.agent.tools", "dev.agentstream.agent.conversation");
    }

    @Test
    void aModuleThatNamesAnInternalClassDoesNotCompile() throws IOException {
        assertThat(compileProbe("dev.agentstream.agent.AgentLoop")).isEmpty();
        assertThat(compileProbe("dev.agentstream.agent.tools.ToolRunner"))
                .contains("package dev.agentstream.agent.tools is not visible")
                .contains("declared in module dev.agentstream.agent, which does not export it");
    }

    /** Compiles a module {@code probe} that requires the agent and names {@code className}; javac's errors. */
    private String compileProbe(String className) throws IOException {
        Path source = Files.createDirectories(dir.resolve("src-" + className).resolve("probe"));
        Files.writeString(source.getParent().resolve("module-info.java"), "module probe { requires dev.agentstream.agent; }");
        Files.writeString(source.resolve("Probe.java"), "package probe; class Probe { Class<?> c = " + className + ".class; }");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        // An empty class path: javac run in this JVM would otherwise take the test class path as its own.
        Path noClassPath = Files.createDirectories(dir.resolve("empty"));
        int exit = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "-d", dir.resolve("out").toString(),
                "--class-path", noClassPath.toString(), "--module-path", modulePath(), source.getParent().resolve("module-info.java").toString(), source.resolve("Probe.java").toString());
        return exit == 0 ? "" : errors.toString(StandardCharsets.UTF_8);
    }

    /**
     * The agent's classes and what they run on: the test class path without the tests and their libraries,
     * and without the tools module, which the agent does not need (its tree-sitter jars share a package).
     */
    private static String modulePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.contains("agentstream-tools")
                        && !entry.contains("agentstream-testing") && !entry.contains("tree-sitter"))
                .filter(entry -> !entry.matches(".*(junit|opentest4j|apiguardian|assertj|byte-buddy).*"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
