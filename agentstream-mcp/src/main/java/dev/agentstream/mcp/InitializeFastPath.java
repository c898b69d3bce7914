package dev.agentstream.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The SDK's JSON mapper with a fast path for what a client's connect needs first: reading a message into the
 * SDK's map, turning it into a request or notification, reading the {@code initialize} parameters and writing
 * the {@code initialize} result. Jackson's data binding spends hundreds of milliseconds the first time it meets
 * a schema record (reflection, annotation proxies, method handles the AOT cache does not keep); this path uses
 * only Jackson's streaming parser and generator and the records' constructors, so the first answer does not
 * wait for it (error answers without data, such as "method not found", are written here too). Whatever it does not recognise exactly (any other shape, field or type) goes to Jackson, and
 * its results equal Jackson's (a test holds them byte for byte and record for record).
 */
final class InitializeFastPath implements McpJsonMapper {

    /** The type the SDK reads every incoming message as ({@code McpSchema.MAP_TYPE_REF}). */
    private static final Type MESSAGE_MAP = new TypeRef<HashMap<String, Object>>() {}.getType();
    private static final Set<String> REQUEST_KEYS = Set.of("jsonrpc", "method", "id", "params");
    private static final Set<String> NOTIFICATION_KEYS = Set.of("jsonrpc", "method", "params");
    private static final Set<String> INITIALIZE_KEYS = Set.of("protocolVersion", "capabilities", "clientInfo");
    private static final Set<String> CLIENT_INFO_KEYS = Set.of("name", "title", "version", "description", "websiteUrl");
    private static final Set<String> CLIENT_CAPABILITY_KEYS = Set.of("roots", "sampling", "elicitation");

    private final Supplier<McpJsonMapper> jackson;
    private final JsonFactory factory;

    /** {@code jackson} (called when a message needs it) does the rest; {@code factory} is the one it parses with. */
    InitializeFastPath(Supplier<McpJsonMapper> jackson, JsonFactory factory) {
        this.jackson = jackson;
        this.factory = factory;
    }

    // ---- reading a message

    @Override
    @SuppressWarnings("unchecked")
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        if (MESSAGE_MAP.equals(type.getType())) {
            HashMap<String, Object> message = readMessage(content);
            if (message != null) return (T) message;
        }
        return jackson.get().readValue(content, type);
    }

    /** The message as Jackson's untyped reading gives it, or null when it holds anything this path leaves to Jackson. */
    private HashMap<String, Object> readMessage(String content) {
        try (JsonParser parser = factory.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return null;
            HashMap<String, Object> message = new HashMap<>();
            if (!readFields(parser, message)) return null;
            return parser.nextToken() == null ? message : null;
        } catch (IOException | RuntimeException e) {
            return null; // Jackson reads it again and reports the problem its own way
        }
    }

    /** Reads an object's fields after its START_OBJECT; false when a value is one this path does not take. */
    private static boolean readFields(JsonParser parser, Map<String, Object> into) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            Object[] value = new Object[1];
            if (!readValue(parser, parser.nextToken(), value)) return false;
            into.put(name, value[0]);
        }
        return true;
    }

    private static boolean readValue(JsonParser parser, JsonToken token, Object[] value) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (!readFields(parser, object)) return false;
                value[0] = object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    Object[] element = new Object[1];
                    if (!readValue(parser, t, element)) return false;
                    array.add(element[0]);
                }
                value[0] = array;
            }
            case VALUE_STRING -> value[0] = parser.getText();
            case VALUE_NUMBER_INT -> value[0] = parser.getNumberValue();
            case VALUE_TRUE -> value[0] = Boolean.TRUE;
            case VALUE_FALSE -> value[0] = Boolean.FALSE;
            case VALUE_NULL -> value[0] = null;
            default -> {
                return false; // fractions (Jackson's choice of Double or BigDecimal) and anything else
            }
        }
        return true;
    }

    // ---- a message map into the SDK's records

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        if (fromValue instanceof Map<?, ?> map) {
            if (type == McpSchema.JSONRPCRequest.class && REQUEST_KEYS.containsAll(map.keySet()) && isEnvelope(map)
                    && isId(map.get("id"))) {
                return type.cast(new McpSchema.JSONRPCRequest((String) map.get("jsonrpc"), (String) map.get("method"),
                        map.get("id"), map.get("params")));
            }
            if (type == McpSchema.JSONRPCNotification.class && NOTIFICATION_KEYS.containsAll(map.keySet()) && isEnvelope(map)) {
                return type.cast(new McpSchema.JSONRPCNotification((String) map.get("jsonrpc"), (String) map.get("method"),
                        map.get("params")));
            }
        }
        return jackson.get().convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        if (type.getType() == McpSchema.InitializeRequest.class && fromValue instanceof Map<?, ?> params) {
            McpSchema.InitializeRequest request = initializeRequest(params);
            if (request != null) return cast(request);
        }
        return jackson.get().convertValue(fromValue, type);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static boolean isEnvelope(Map<?, ?> map) {
        return isStringOrNull(map.get("jsonrpc")) && isStringOrNull(map.get("method")) && isPlainJson(map.get("params"));
    }

    private static boolean isId(Object id) {
        return id == null || id instanceof String || id instanceof Integer || id instanceof Long || id instanceof BigInteger;
    }

    private static boolean isStringOrNull(Object value) {
        return value == null || value instanceof String;
    }

    /** What this path's reading produces (Jackson's conversion of such a tree gives an equal tree). */
    private static boolean isPlainJson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || isId(value)) return true;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlainJson(e.getValue())) return false;
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!isPlainJson(element)) return false;
            }
            return true;
        }
        return false;
    }

    /** The {@code initialize} parameters as records, or null when they hold more than the common shape. */
    private static McpSchema.InitializeRequest initializeRequest(Map<?, ?> params) {
        if (!INITIALIZE_KEYS.containsAll(params.keySet()) || !isStringOrNull(params.get("protocolVersion"))) return null;
        McpSchema.Implementation clientInfo = null;
        if (params.get("clientInfo") instanceof Map<?, ?> info) {
            if (!CLIENT_INFO_KEYS.containsAll(info.keySet()) || !info.values().stream().allMatch(InitializeFastPath::isStringOrNull)) return null;
            // Jackson's creator fills a missing name or version in (and logs it): that case is left to it.
            if (info.get("name") == null || info.get("version") == null) return null;
            clientInfo = new McpSchema.Implementation((String) info.get("name"), (String) info.get("title"), (String) info.get("version"),
                    (String) info.get("description"), null, (String) info.get("websiteUrl"));
        } else if (params.get("clientInfo") != null) {
            return null;
        }
        McpSchema.ClientCapabilities capabilities = null;
        if (params.get("capabilities") instanceof Map<?, ?> caps) {
            capabilities = clientCapabilities(caps);
            if (capabilities == null) return null;
        } else if (params.get("capabilities") != null) {
            return null;
        }
        return new McpSchema.InitializeRequest((String) params.get("protocolVersion"), capabilities, clientInfo, null);
    }

    private static McpSchema.ClientCapabilities clientCapabilities(Map<?, ?> caps) {
        if (!CLIENT_CAPABILITY_KEYS.containsAll(caps.keySet())) return null;
        McpSchema.ClientCapabilities.RootCapabilities roots = null;
        if (caps.get("roots") instanceof Map<?, ?> r) {
            if (!Set.of("listChanged").containsAll(r.keySet())) return null;
            Object listChanged = r.get("listChanged");
            if (listChanged != null && !(listChanged instanceof Boolean)) return null;
            roots = new McpSchema.ClientCapabilities.RootCapabilities((Boolean) listChanged);
        } else if (caps.containsKey("roots")) {
            return null;
        }
        McpSchema.ClientCapabilities.Sampling sampling = null;
        if (caps.get("sampling") instanceof Map<?, ?> s && s.isEmpty()) {
            sampling = new McpSchema.ClientCapabilities.Sampling();
        } else if (caps.containsKey("sampling")) {
            return null;
        }
        McpSchema.ClientCapabilities.Elicitation elicitation = null;
        if (caps.get("elicitation") instanceof Map<?, ?> e && e.isEmpty()) {
            elicitation = new McpSchema.ClientCapabilities.Elicitation(null, null);
        } else if (caps.containsKey("elicitation")) {
            return null;
        }
        return new McpSchema.ClientCapabilities(null, roots, sampling, elicitation, null);
    }

    // ---- writing the initialize answer

    @Override
    public String writeValueAsString(Object value) throws IOException {
        if (value instanceof McpSchema.JSONRPCResponse response && response.error() == null
                && response.result() instanceof McpSchema.InitializeResult result && isId(response.id()) && isCommon(result)) {
            return writeAnswer(response, json -> {
                json.writeFieldName("result");
                writeInitializeResult(json, result);
            });
        }
        if (value instanceof McpSchema.JSONRPCResponse response && response.result() == null && response.error() != null
                && response.error().code() != null && response.error().data() == null && isId(response.id())) {
            return writeError(response);
        }
        return jackson.get().writeValueAsString(value);
    }

    /** An error answer without data, such as the SDK's to a method it does not know ({@code server/discover}). */
    private String writeError(McpSchema.JSONRPCResponse response) throws IOException {
        return writeAnswer(response, json -> {
            json.writeObjectFieldStart("error");
            json.writeNumberField("code", response.error().code());
            writeStringField(json, "message", response.error().message());
            json.writeEndObject();
        });
    }

    /** What goes in an answer after its envelope. */
    private interface AnswerBody {
        void write(JsonGenerator json) throws IOException;
    }

    /** An answer: its {@code jsonrpc} and {@code id}, then {@code body}, in the order Jackson writes the record's fields. */
    private String writeAnswer(McpSchema.JSONRPCResponse response, AnswerBody body) throws IOException {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            writeStringField(json, "jsonrpc", response.jsonrpc());
            if (response.id() != null) {
                json.writeFieldName("id");
                writeId(json, response.id());
            }
            body.write(json);
            json.writeEndObject();
        }
        return out.toString();
    }

    /** The result as this server makes it: no experimental or extension capabilities, no _meta, no icons. */
    private static boolean isCommon(McpSchema.InitializeResult result) {
        McpSchema.ServerCapabilities caps = result.capabilities();
        McpSchema.Implementation info = result.serverInfo();
        return result.meta() == null
                && (caps == null || (caps.experimental() == null && caps.extensions() == null))
                && (info == null || (info.description() == null && info.icons() == null && info.websiteUrl() == null));
    }

    private static void writeInitializeResult(JsonGenerator json, McpSchema.InitializeResult result) throws IOException {
        json.writeStartObject();
        writeStringField(json, "protocolVersion", result.protocolVersion());
        McpSchema.ServerCapabilities caps = result.capabilities();
        if (caps != null) {
            json.writeObjectFieldStart("capabilities");
            if (caps.completions() != null) writeEmptyObjectField(json, "completions");
            if (caps.logging() != null) writeEmptyObjectField(json, "logging");
            if (caps.prompts() != null) {
                json.writeObjectFieldStart("prompts");
                writeBooleanField(json, "listChanged", caps.prompts().listChanged());
                json.writeEndObject();
            }
            if (caps.resources() != null) {
                json.writeObjectFieldStart("resources");
                writeBooleanField(json, "subscribe", caps.resources().subscribe());
                writeBooleanField(json, "listChanged", caps.resources().listChanged());
                json.writeEndObject();
            }
            if (caps.tools() != null) {
                json.writeObjectFieldStart("tools");
                writeBooleanField(json, "listChanged", caps.tools().listChanged());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        McpSchema.Implementation info = result.serverInfo();
        if (info != null) {
            json.writeObjectFieldStart("serverInfo");
            writeStringField(json, "name", info.name());
            writeStringField(json, "title", info.title());
            writeStringField(json, "version", info.version());
            json.writeEndObject();
        }
        writeStringField(json, "instructions", result.instructions());
        json.writeEndObject();
    }

    private static void writeEmptyObjectField(JsonGenerator json, String name) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeEndObject();
    }

    private static void writeId(JsonGenerator json, Object id) throws IOException {
        switch (id) {
            case String s -> json.writeString(s);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case BigInteger b -> json.writeNumber(b);
            default -> throw new IllegalStateException("not an id: " + id);
        }
    }

    private static void writeStringField(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) json.writeStringField(name, value);
    }

    private static void writeBooleanField(JsonGenerator json, String name, Boolean value) throws IOException {
        if (value != null) json.writeBooleanField(name, value);
    }

    // ---- everything else is Jackson's

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return jackson.get().readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return jackson.get().readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return jackson.get().readValue(content, type);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return jackson.get().writeValueAsBytes(value);
    }
}
