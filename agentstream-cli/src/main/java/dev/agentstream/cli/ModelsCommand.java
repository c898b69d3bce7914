package dev.agentstream.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.SettingsLoader;
import dev.agentstream.agent.model.AnthropicModelClient;
import dev.agentstream.agent.model.ModelCatalog;
import dev.agentstream.agent.model.ModelProfile;
import dev.agentstream.agent.model.OfferedModel;
import dev.agentstream.agent.model.RetryPolicy;
import dev.agentstream.core.EventJson;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentstream models}: the models the API offers, with what agentstream's model table knows of each. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the models the Anthropic API offers your key (GET /v1/models), with the tool versions, thinking shape, "
                + "context window and prices agentstream's model table gives each; * marks the default for run.",
                "Needs ANTHROPIC_API_KEY (and honours ANTHROPIC_BASE_URL), like run."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:the API failed", "2:bad configuration (e.g. no API key)"})
public final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON array instead of a table.")
    boolean json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelsCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        AgentSettings settings;
        try {
            settings = SettingsLoader.load().build();
        } catch (AgentConfigException e) {
            err.println("agentstream: " + RunWording.problem(e));
            return 2;
        }
        List<OfferedModel> offered;
        try (AnthropicModelClient client = AnthropicModelClient.create(settings)) {
            offered = client.models();
        } catch (RuntimeException e) {
            err.println("agentstream: could not list the models: " + RetryPolicy.problem(e).map(RunWording::problem).orElseGet(() -> RetryPolicy.describe(e)));
            return 1;
        }
        ModelCatalog table = ModelCatalog.builtIn();
        if (json) {
            ArrayNode all = EventJson.mapper().createArrayNode();
            for (OfferedModel model : offered) entry(all.addObject(), model, table);
            out.println(EventJson.mapper().writeValueAsString(all));
        } else {
            out.printf(Locale.ROOT, "  %-28s %-20s %-10s %-18s %-20s %8s  %s%n",
                    "MODEL", "NAME", "TABLE", "COMPUTER TOOL", "THINKING", "CONTEXT", "USD/MTOK IN/OUT/CACHE W/R");
            for (OfferedModel model : offered) {
                ModelCatalog.Lookup row = table.lookup(model.id());
                ModelProfile p = row.profile();
                out.printf(Locale.ROOT, "%s %-28s %-20s %-10s %-18s %-20s %8s  %s%n",
                        model.id().equals(table.defaultModel()) ? "*" : " ", model.id(), clip(model.displayName(), 20),
                        row.known() ? p.status().label() : "unknown", p.computerTool(), p.thinking().label(),
                        tokens(p.contextWindow()), prices(p.price()) + (row.known() ? "" : " (as " + p.id() + ")"));
            }
            if (offered.stream().noneMatch(m -> m.id().equals(table.defaultModel()))) {
                out.println();
                out.println("The API does not list " + table.defaultModel() + ", run's default; pass one of the above with --model.");
            }
        }
        out.flush();
        return 0;
    }

    private static void entry(ObjectNode entry, OfferedModel model, ModelCatalog table) {
        ModelCatalog.Lookup row = table.lookup(model.id());
        ModelProfile p = row.profile();
        entry.put("id", model.id()).put("display_name", model.displayName()).put("default", model.id().equals(table.defaultModel()))
                .put("in_table", row.known()).put("table_row", p.id()).put("status", p.status().label())
                .put("computer_tool", p.computerTool()).put("thinking", p.thinking().label()).put("context_window", p.contextWindow());
        p.computerBeta().ifPresent(beta -> entry.put("computer_beta", beta));
        entry.putObject("price_per_mtok").put("input", p.price().input()).put("output", p.price().output())
                .put("cache_write", p.price().cacheWrite()).put("cache_read", p.price().cacheRead());
    }

    private static String prices(ModelProfile.Prices p) {
        return String.format(Locale.ROOT, "%s/%s/%s/%s", money(p.input()), money(p.output()), money(p.cacheWrite()), money(p.cacheRead()));
    }

    private static String money(double usd) {
        return usd == Math.rint(usd) ? String.format(Locale.ROOT, "%.0f", usd) : String.format(Locale.ROOT, "%.2f", usd);
    }

    private static String tokens(long n) {
        return n >= 1_000_000 && n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n / 1000 + "K";
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
