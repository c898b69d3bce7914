package dev.agentstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.util.Optional;

/**
 * A call as a program reading agentstream's NDJSON events sees it ({@code tool --json}, {@code run --json}):
 * the output events and the result event of one call id, read from a running process's stdout.
 */
final class NdjsonCall implements FrontDoorContract.DoorCall {

    private final CliProcess process;
    private final String callId;
    private final Canceller canceller;

    @FunctionalInterface
    interface Canceller {
        void cancel() throws Exception;
    }

    NdjsonCall(CliProcess process, String callId, Canceller canceller) {
        this.process = process;
        this.callId = callId;
        this.canceller = canceller;
    }

    @Override
    public String outputSoFar() {
        StringBuilder output = new StringBuilder();
        for (CliProcess.Line line : process.stdout) {
            JsonNode event = json(line.text());
            if (event.path("call").asText().equals(callId) && event.path("type").asText().equals("output")) {
                output.append(event.path("text").asText());
            }
        }
        return output.toString();
    }

    @Override
    public Optional<FrontDoorContract.Ending> ending() {
        for (CliProcess.Line line : process.stdout) {
            JsonNode event = json(line.text());
            if (!event.path("call").asText().equals(callId)) continue;
            String type = event.path("type").asText();
            if (type.equals("result") || type.equals("error")) {
                StringBuilder text = new StringBuilder(event.path("message").asText(""));
                event.path("content").forEach(block -> text.append(block.path("text").asText("")).append('\n'));
                return Optional.of(new FrontDoorContract.Ending(line.receivedNanos(), event.path("meta").path("cancelled").asBoolean(false),
                        event.path("isError").asBoolean(type.equals("error")), text.toString()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void cancel() throws Exception {
        canceller.cancel();
    }

    private static JsonNode json(String line) {
        try {
            return EventJson.mapper().readTree(line);
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        }
    }
}
