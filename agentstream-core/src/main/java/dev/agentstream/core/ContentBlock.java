package dev.agentstream.core;

/** A piece of what goes back to the model: text or an image. */
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {}

    /** An image, base64-encoded as the Messages API and MCP expect it. */
    record ImageData(String mediaType, String base64) implements ContentBlock {}

    static ContentBlock text(String text) {
        return new Text(text);
    }
}
