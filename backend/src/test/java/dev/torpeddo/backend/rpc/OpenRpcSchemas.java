package dev.torpeddo.backend.rpc;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenRPC document as JSON Schemas (draft 7, as OpenRPC 1.3 uses): a method's result, its params as one
 * object, a notification's params. The params of a by-name method are an object with one property per content
 * descriptor, its required ones required, and nothing else ({@code additionalProperties: false}): the server
 * refuses any other name.
 */
final class OpenRpcSchemas {
    /** Where the document is registered; the registry serves it from memory, so nothing is ever fetched. */
    private static final String IRI = "https://torpeddo.invalid/openrpc.json";

    private final JsonNode document;
    private final SchemaRegistry registry;

    OpenRpcSchemas(JsonNode document) {
        this.document = document;
        String text = RpcClient.JSON.writeValueAsString(document);
        this.registry =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(Map.of(IRI, text)));
    }

    JsonNode document() {
        return document;
    }

    /** The method's index in {@code methods}. */
    private int methodIndex(String name) {
        JsonNode methods = document.get("methods");
        for (int i = 0; i < methods.size(); i++) {
            if (methods.get(i).get("name").asString().equals(name)) return i;
        }
        throw new AssertionError("openrpc.json has no method " + name);
    }

    private int notificationIndex(String name) {
        JsonNode notes = document.get("x-notifications");
        for (int i = 0; i < notes.size(); i++) {
            if (notes.get(i).get("name").asString().equals(name)) return i;
        }
        throw new AssertionError("openrpc.json has no notification " + name);
    }

    JsonNode method(String name) {
        return document.get("methods").get(methodIndex(name));
    }

    /** Problems of {@code result} as the reply of {@code method}; empty when it conforms. */
    List<String> checkResult(String method, JsonNode result) {
        return check(schemaAt("#/methods/" + methodIndex(method) + "/result/schema"), result);
    }

    List<String> checkParams(String method, JsonNode params) {
        return check(paramsSchema("/methods/" + methodIndex(method)), params);
    }

    List<String> checkNotification(String name, JsonNode params) {
        return check(paramsSchema("/x-notifications/" + notificationIndex(name)), params);
    }

    /** The error a method declares with this code, if it declares one. */
    Optional<JsonNode> declaredError(String method, int code) {
        for (JsonNode e : method(method).path("errors")) {
            JsonNode resolved = e.has("$ref") ? resolve(e.get("$ref").asString()) : e;
            if (resolved.get("code").asInt() == code) return Optional.of(resolved);
        }
        return Optional.empty();
    }

    /** A local reference ({@code #/components/...}) to what it names. */
    JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) throw new AssertionError("not a local reference: " + ref);
        return document.at(ref.substring(1));
    }

    private Schema schemaAt(String fragment) {
        return registry.getSchema(SchemaLocation.of(IRI + fragment));
    }

    private Schema paramsSchema(String pointer) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode schema = f.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        JsonNode params = document.at(pointer + "/params");
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).get("name").asString();
            properties.putObject(name).put("$ref", IRI + "#" + pointer + "/params/" + i + "/schema");
            if (params.get(i).path("required").asBoolean(false)) required.add(name);
        }
        return registry.getSchema(SchemaLocation.of(IRI + "#" + pointer + "/x-params"), schema);
    }

    private static List<String> check(Schema schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        for (Error e : schema.validate(value)) problems.add(e.toString());
        return problems;
    }
}
