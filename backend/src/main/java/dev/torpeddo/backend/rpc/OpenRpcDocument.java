package dev.torpeddo.backend.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/**
 * The bridge's OpenRPC document ({@code openrpc.json} beside this class): every method, its params and result,
 * the errors, and the notifications (under {@code x-notifications}). {@code rpc.discover} serves it; a test keeps
 * it in step with the dispatcher and validates real replies against it.
 */
final class OpenRpcDocument {
    static final String RESOURCE = "openrpc.json";

    private OpenRpcDocument() {}

    /** Read once, on first use: the jar cannot change under a running backend. */
    private static final class Holder {
        static final JsonNode DOCUMENT = load();
    }

    static JsonNode get() {
        return Holder.DOCUMENT;
    }

    private static JsonNode load() {
        try (InputStream in = OpenRpcDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
