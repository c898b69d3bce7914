package dev.agentstream.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK validates structured tool output against a tool's output schema; agentstream's tools declare
 * none (and check their own input), so there is nothing to validate. Handing the SDK this validator also
 * keeps its default one, a JSON-schema library of some 240 classes, from loading at start-up.
 */
final class NoSchemaValidation implements JsonSchemaValidator {

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return ValidationResponse.asValid(null);
    }
}
