package dev.agentstream.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentEventJson;
import dev.agentstream.agent.AgentHome;
import dev.agentstream.agent.session.SessionSummary;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.core.EventJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentstream sessions}: the saved sessions, the most recent first, with how to continue one. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "List saved agent sessions (in $AGENTSTREAM_HOME/sessions, default ~/.agentstream/sessions).")
public final class SessionsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "Print one JSON array instead of a table.")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show at most N sessions (default ${DEFAULT-VALUE}).")
    int limit = 20;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SessionsCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        TranscriptStore store = new TranscriptStore(AgentHome.fromEnvironment().sessionsDir());
        List<SessionSummary> sessions = store.list().stream().limit(Math.max(0, limit)).toList();
        if (json) {
            ArrayNode all = EventJson.mapper().createArrayNode();
            for (SessionSummary s : sessions) {
                ObjectNode entry = all.addObject().put("id", s.id()).put("created", s.created().toString())
                        .put("updated", s.updated().toString()).put("model", s.model()).put("title", s.title())
                        .put("turns", s.turns()).put("file", s.file().toString());
                s.lastOutcome().ifPresentOrElse(o -> entry.put("outcome", o), () -> entry.putNull("outcome"));
                AgentEventJson.putUsage(entry.putObject("usage"), s.usage());
            }
            out.println(EventJson.mapper().writeValueAsString(all));
        } else if (sessions.isEmpty()) {
            out.println("No sessions yet in " + store.dir() + "; start one with: agentstream run \"your task\"");
        } else {
            out.printf(Locale.ROOT, "%-22s %-16s %5s  %-10s %9s  %s%n", "ID", "UPDATED", "TURNS", "OUTCOME", "TOKENS", "TASK");
            for (SessionSummary s : sessions) {
                long tokens = s.usage().totalInput() + s.usage().output();
                out.printf(Locale.ROOT, "%-22s %-16s %5d  %-10s %9s  %s%n", s.id(), WHEN.format(s.updated()), s.turns(),
                        s.lastOutcome().orElse("-"), String.format(Locale.ROOT, "%,d", tokens), oneLine(s.title(), 60));
            }
            out.println();
            out.println("Continue one with: agentstream run --resume ID \"follow-up\"");
        }
        out.flush();
        return 0;
    }

    private static String oneLine(String text, int width) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= width ? line : line.substring(0, width - 3) + "...";
    }
}
