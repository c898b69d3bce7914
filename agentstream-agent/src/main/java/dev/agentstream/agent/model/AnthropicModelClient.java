package dev.agentstream.agent.model;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.MessageCreateParams;
import dev.agentstream.agent.AgentSettings;
import java.time.Duration;

/** The official Anthropic SDK over OkHttp, talking to the beta Messages endpoint. */
public final class AnthropicModelClient implements ModelClient {

    private final AnthropicClient client;

    private AnthropicModelClient(AnthropicClient client) {
        this.client = client;
    }

    public static AnthropicModelClient create(AgentSettings settings) {
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .apiKey(settings.apiKey())
                // The loop retries by itself: it must also retry a stream that broke halfway, which the SDK
                // cannot, and one policy for both cases keeps the backoff honest.
                .maxRetries(0)
                // A stream may run for many minutes; between events the API sends pings, so a long read gap
                // means the connection is gone.
                .timeout(Timeout.builder()
                        .connect(Duration.ofSeconds(30))
                        .read(Duration.ofMinutes(5))
                        .write(Duration.ofMinutes(2))
                        .request(Duration.ofMinutes(60))
                        .build());
        settings.baseUrl().ifPresent(builder::baseUrl);
        return new AnthropicModelClient(builder.build());
    }

    @Override
    public StreamResponse<BetaRawMessageStreamEvent> stream(MessageCreateParams params) {
        return client.beta().messages().createStreaming(params);
    }

    @Override
    public java.util.List<OfferedModel> models() {
        java.util.List<OfferedModel> models = new java.util.ArrayList<>();
        client.models().list().autoPager().forEach(info -> models.add(new OfferedModel(info.id(), info.displayName())));
        return models;
    }

    @Override
    public void close() {
        client.close();
    }
}
