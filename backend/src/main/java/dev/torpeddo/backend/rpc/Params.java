package dev.torpeddo.backend.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's named parameters, read strictly: a parameter the method does not take, or one of the wrong type,
 * is an invalid-params error (-32602) naming it, never ignored or coerced.
 */
final class Params {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{40}");

    private final ObjectNode node;

    private Params(ObjectNode node) {
        this.node = node;
    }

    /** The params member as given (absent or null: none), checked against the names the method accepts. */
    static Params of(JsonNode params, Set<String> accepted) throws RpcError {
        if (params == null || params.isNull())
            return new Params(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        if (!(params instanceof ObjectNode object)) {
            throw RpcError.invalidParams("params", "must be an object of named parameters");
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (!accepted.contains(e.getKey()))
                throw RpcError.invalidParams(e.getKey(), "not a parameter of this method");
        }
        return new Params(object);
    }

    private JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    String string(String name) throws RpcError {
        return optString(name).orElseThrow(() -> RpcError.invalidParams(name, "required"));
    }

    Optional<String> optString(String name) throws RpcError {
        JsonNode v = get(name);
        if (v == null) return Optional.empty();
        if (!v.isString()) throw RpcError.invalidParams(name, "must be a string");
        return Optional.of(v.asString());
    }

    boolean bool(String name, boolean otherwise) throws RpcError {
        return optBool(name).orElse(otherwise);
    }

    Optional<Boolean> optBool(String name) throws RpcError {
        JsonNode v = get(name);
        if (v == null) return Optional.empty();
        if (!v.isBoolean()) throw RpcError.invalidParams(name, "must be true or false");
        return Optional.of(v.booleanValue());
    }

    OptionalLong optLong(String name, long min) throws RpcError {
        JsonNode v = get(name);
        if (v == null) return OptionalLong.empty();
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw RpcError.invalidParams(name, "must be an integer");
        long value = v.longValue();
        if (value < min) throw RpcError.invalidParams(name, "must be >= " + min);
        return OptionalLong.of(value);
    }

    OptionalInt optInt(String name, int min, int max) throws RpcError {
        OptionalLong v = optLong(name, min);
        if (v.isEmpty()) return OptionalInt.empty();
        if (v.getAsLong() > max) throw RpcError.invalidParams(name, "must be <= " + max);
        return OptionalInt.of((int) v.getAsLong());
    }

    OptionalDouble optDouble(String name) throws RpcError {
        JsonNode v = get(name);
        if (v == null) return OptionalDouble.empty();
        if (!v.isNumber()) throw RpcError.invalidParams(name, "must be a number");
        return OptionalDouble.of(v.doubleValue());
    }

    List<String> strings(String name) throws RpcError {
        JsonNode v = get(name);
        if (v == null) return List.of();
        if (!v.isArray()) throw RpcError.invalidParams(name, "must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isString()) throw RpcError.invalidParams(name, "must be an array of strings");
            out.add(item.asString());
        }
        return out;
    }

    JsonNode raw(String name) {
        return get(name);
    }

    /** Torrent ids: one id, a list of ids, or {@code "all"} (then empty, meaning every torrent). */
    Optional<List<String>> ids(String name) throws RpcError {
        JsonNode v = get(name);
        if (v == null) throw RpcError.invalidParams(name, "required: an id, a list of ids, or \"all\"");
        if (v.isString() && v.asString().equals("all")) return Optional.empty();
        List<String> out = new ArrayList<>();
        if (v.isString()) out.add(id(name, v.asString()));
        else if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isString()) throw RpcError.invalidParams(name, "ids are strings");
                out.add(id(name, item.asString()));
            }
        } else throw RpcError.invalidParams(name, "must be an id, a list of ids, or \"all\"");
        return Optional.of(out);
    }

    /** One torrent id: 40 hex digits (the info-hash); upper case is accepted. */
    String id(String name) throws RpcError {
        return id(name, string(name));
    }

    private static String id(String name, String value) throws RpcError {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!ID.matcher(lower).matches())
            throw RpcError.invalidParams(name, "not a torrent id (40 hex digits): " + value);
        return lower;
    }
}
