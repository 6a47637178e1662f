package dev.torpeddo.backend.rpc;

import dev.torpeddo.backend.manager.ManagerException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC error reply: the standard codes, and the application's with a stable {@code data.kind}. Thrown by
 * method handlers; the server turns it into the error object.
 */
public final class RpcError extends Exception {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    /** Application errors: stable codes, one per kind, documented in docs/rpc.md. */
    public enum Kind {
        TORRENT_NOT_FOUND(1001),
        INVALID_MAGNET(1002),
        INVALID_TORRENT(1003),
        NOT_READY(1004),
        DISK_FULL(1005),
        IO_ERROR(1006),
        INVALID_INPUT(1007);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int code;
    private final transient JsonNode data;

    public RpcError(int code, String message, JsonNode data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }

    /** -32602 naming the parameter and why. */
    public static RpcError invalidParams(String field, String why) {
        ObjectNode data =
                JsonNodeFactory.instance.objectNode().put("field", field).put("reason", why);
        return new RpcError(INVALID_PARAMS, "invalid params: " + field + ": " + why, data);
    }

    public static RpcError application(Kind kind, String message) {
        return new RpcError(
                kind.code, message, JsonNodeFactory.instance.objectNode().put("kind", kind.wireName()));
    }

    private static final Map<ManagerException.Kind, Kind> KINDS = Map.of(
            ManagerException.Kind.INVALID_INPUT, Kind.INVALID_INPUT,
            ManagerException.Kind.INVALID_MAGNET, Kind.INVALID_MAGNET,
            ManagerException.Kind.INVALID_TORRENT, Kind.INVALID_TORRENT,
            ManagerException.Kind.UNKNOWN_TORRENT, Kind.TORRENT_NOT_FOUND,
            ManagerException.Kind.NOT_ENOUGH_SPACE, Kind.DISK_FULL,
            ManagerException.Kind.NOT_READY, Kind.NOT_READY,
            ManagerException.Kind.IO, Kind.IO_ERROR);

    /** The manager's refusal as an application error. */
    public static RpcError of(ManagerException e) {
        return application(KINDS.get(e.kind()), e.getMessage());
    }
}
