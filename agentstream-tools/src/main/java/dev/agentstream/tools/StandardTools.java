package dev.agentstream.tools;

import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.edit.EditTool;
import dev.agentstream.tools.find.FindTool;
import dev.agentstream.tools.tree.TreeTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * The one catalogue of tools every front door offers ({@code tool}, {@code run}, {@code mcp}, and Java code
 * that builds its own agent). A tool describes itself in its {@link dev.agentstream.core.ToolSpec} (schema,
 * lane, summary), so adding one is its package and one line in {@link #STANDARD}; {@link #with} adds one to a
 * copy of the catalogue, the way a program embedding agentstream offers its own tools next to these.
 */
public final class StandardTools {

    /** How the catalogue builds a tool from the settings of the front door that offers it. */
    @FunctionalInterface
    public interface Entry {
        Tool create(Setup setup);
    }

    /**
     * What tools are built from: the shell's settings (with {@code DISPLAY} when the desktop is up), the
     * folders file tools may touch, and the one computer tool of this catalogue (bash gets its display).
     */
    public record Setup(BashConfig bash, Workspace workspace, ComputerTool computer) {}

    /**
     * What a front door chooses.
     *
     * @param desktop start the computer tool's display now and give the shell its {@code DISPLAY}, so programs
     *                started from bash appear on the screen the computer tool sees
     */
    public record Settings(BashConfig bash, Workspace workspace, ComputerConfig computer, boolean desktop) {
        public Settings {
            Objects.requireNonNull(bash, "bash");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(computer, "computer");
        }

        /** Any path, the default computer settings, the display started only when first used. */
        public static Settings of(BashConfig bash) {
            return new Settings(bash, Workspace.unrestricted(), ComputerConfig.defaults(), false);
        }

        public Settings withWorkspace(Workspace workspace) {
            return new Settings(bash, workspace, computer, desktop);
        }

        public Settings withComputer(ComputerConfig computer) {
            return new Settings(bash, workspace, computer, desktop);
        }

        public Settings withDesktop(boolean desktop) {
            return new Settings(bash, workspace, computer, desktop);
        }
    }

    private static final List<Entry> STANDARD = List.of(
            setup -> new BashTool(setup.bash()),
            setup -> new EditTool(setup.workspace()),
            setup -> new FindTool(setup.workspace()),
            setup -> new TreeTool(setup.workspace()),
            Setup::computer);

    private static final StandardTools CATALOGUE = new StandardTools(STANDARD);

    /** The names of the tools of {@link #STANDARD}, which every catalogue holds ({@link #with} only adds). */
    private static final Set<String> STANDARD_NAMES = Set.of(BashTool.NAME, EditTool.NAME, FindTool.NAME, TreeTool.NAME, ComputerTool.NAME);

    private final List<Entry> entries;

    private StandardTools(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** bash, the text editor, find, tree and computer. */
    public static StandardTools catalogue() {
        return CATALOGUE;
    }

    /** The names of the standard tools (bash, the text editor, find, tree and computer), known without making them. */
    public static Set<String> standardNames() {
        return STANDARD_NAMES;
    }

    /** This catalogue and one more tool. */
    public StandardTools with(Entry entry) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new StandardTools(more);
    }

    /** A registry holding a fresh instance of every tool of the catalogue. */
    public ToolRegistry registry(Settings settings) {
        ComputerTool computer = new ComputerTool(settings.computer());
        BashConfig bash = settings.bash();
        if (settings.desktop()) {
            // Xvfb starts in the background so a front door answers its client meanwhile; a shell that
            // starts before the display runs waits for it.
            CompletableFuture<String> display = computer.startDisplayInBackground().whenComplete((name, failure) -> {
                if (failure != null) LoggerFactory.getLogger(StandardTools.class).warn("No display for the computer tool: {}", failure.getMessage());
            });
            bash = bash.withEnvironmentVariable("DISPLAY", () -> display.exceptionally(failure -> null).join());
        }
        Setup setup = new Setup(bash, settings.workspace(), computer);
        ToolRegistry registry = new ToolRegistry();
        for (Entry entry : entries) registry.register(entry.create(setup));
        return registry;
    }

    /** What the registry's bash says about its sandbox, or nothing when it has no bash. */
    public static String sandboxSummary(ToolRegistry registry) {
        return registry.find(BashTool.NAME).filter(BashTool.class::isInstance).map(BashTool.class::cast)
                .map(BashTool::sandboxSummary).orElse("");
    }
}
