package dev.torpeddo.backend.rpc;

import dev.torpeddo.backend.manager.ManagerException;
import dev.torpeddo.backend.manager.TorrentManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 over a pair of byte streams, one message per line each way: reads requests (and batches) in
 * order, answers each that is owed an answer (a request with an id; a batch with one array of those), and
 * leaves the connection up whatever a line holds. Replies of slow methods (a move) are sent when they are
 * done, possibly after later ones: ids tell them apart.
 */
public final class RpcServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RpcServer.class.getName());
    /** The longest line read; a longer one gets an error and is skipped without being held. */
    public static final int MAX_LINE_BYTES = 16 << 20;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final InputStream in;
    private final Output out;
    private final Push push;
    private final Methods methods;
    private volatile boolean stopping;

    public RpcServer(TorrentManager manager, InputStream in, OutputStream out, String appVersion) {
        this.in = in;
        this.out = new Output(out);
        DeltaTracker deltas = new DeltaTracker();
        this.push = new Push(manager, this.out, deltas);
        this.methods = new Methods(manager, push, deltas, () -> stopping = true, appVersion);
    }

    /** The methods served, in the order docs/rpc.md lists them. */
    public List<String> methodNames() {
        return methods.names();
    }

    /** Serves until the input ends or a {@code shutdown} request was answered. */
    public void serve() throws IOException {
        LineReader reader = new LineReader(in, MAX_LINE_BYTES);
        while (!stopping) {
            switch (reader.next()) {
                case LineReader.End end -> {
                    return;
                }
                case LineReader.TooLong t ->
                    out.send(error(
                            NODES.nullNode(),
                            new RpcError(
                                    RpcError.INVALID_REQUEST,
                                    "line of " + t.bytes() + " bytes is over the limit of " + MAX_LINE_BYTES,
                                    null)));
                case LineReader.NotUtf8 bad ->
                    out.send(error(
                            NODES.nullNode(), new RpcError(RpcError.PARSE_ERROR, "parse error: not UTF-8", null)));
                case LineReader.Text(String text) -> {
                    if (!text.isBlank()) handleLine(text);
                }
            }
        }
    }

    private void handleLine(String text) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            out.send(error(NODES.nullNode(), new RpcError(RpcError.PARSE_ERROR, "parse error: " + firstLine(e), null)));
            return;
        }
        if (message instanceof ArrayNode batch) {
            if (batch.isEmpty()) {
                out.send(error(NODES.nullNode(), new RpcError(RpcError.INVALID_REQUEST, "empty batch", null)));
                return;
            }
            List<CompletableFuture<Optional<ObjectNode>>> replies = new ArrayList<>();
            for (JsonNode item : batch) replies.add(handle(item));
            var _ = CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .thenRun(() -> {
                        ArrayNode owed = NODES.arrayNode();
                        for (var r : replies) r.join().ifPresent(owed::add);
                        if (!owed.isEmpty()) out.send(owed);
                    });
            return;
        }
        var _ = handle(message).thenAccept(reply -> reply.ifPresent(out::send)); // never fails: see handle
    }

    /** One request: its reply when one is owed (empty for a notification). Never fails. */
    private CompletableFuture<Optional<ObjectNode>> handle(JsonNode message) {
        if (!(message instanceof ObjectNode request)) {
            return done(error(NODES.nullNode(), new RpcError(RpcError.INVALID_REQUEST, "not a request object", null)));
        }
        JsonNode id = request.get("id");
        boolean notification = id == null;
        boolean idValid = id == null || id.isString() || id.isNumber() || id.isNull();
        JsonNode replyId = id == null || !idValid ? NODES.nullNode() : id;
        JsonNode version = request.get("jsonrpc");
        JsonNode method = request.get("method");
        if (version == null || !version.isString() || !version.asString().equals("2.0")) {
            return owed(notification, error(replyId, invalid("\"jsonrpc\" must be \"2.0\"")));
        }
        if (!idValid) return done(error(NODES.nullNode(), invalid("id must be a string, a number or null")));
        if (method == null || !method.isString())
            return owed(notification, error(replyId, invalid("\"method\" must be a string")));
        String name = method.asString();
        Optional<Methods.Method> m = methods.find(name);
        if (m.isEmpty()) {
            return owed(
                    notification,
                    error(replyId, new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + name, null)));
        }
        CompletionStage<?> result;
        try {
            result = Methods.stage(m.get()
                    .handler()
                    .handle(Params.of(request.get("params"), m.get().params())));
        } catch (RpcError e) {
            return owed(notification, error(replyId, e));
        } catch (ManagerException e) {
            return owed(notification, error(replyId, RpcError.of(e)));
        } catch (RuntimeException e) {
            return owed(notification, error(replyId, internal(name, e)));
        }
        return result.handle((value, failure) -> {
                    if (notification) return Optional.<ObjectNode>empty();
                    if (failure == null) return Optional.of(success(replyId, value));
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    return Optional.of(error(
                            replyId,
                            switch (cause) {
                                case RpcError e -> e;
                                case ManagerException e -> RpcError.of(e);
                                default ->
                                    RpcError.application(
                                            RpcError.Kind.IO_ERROR,
                                            cause.getMessage() == null ? cause.toString() : cause.getMessage());
                            }));
                })
                .toCompletableFuture();
    }

    private static RpcError invalid(String why) {
        return new RpcError(RpcError.INVALID_REQUEST, "invalid request: " + why, null);
    }

    private static RpcError internal(String method, RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "method " + method + " failed", e);
        return new RpcError(RpcError.INTERNAL_ERROR, "internal error in " + method + ": " + e, null);
    }

    private static CompletableFuture<Optional<ObjectNode>> done(ObjectNode reply) {
        return CompletableFuture.completedFuture(Optional.of(reply));
    }

    private static CompletableFuture<Optional<ObjectNode>> owed(boolean notification, ObjectNode reply) {
        return CompletableFuture.completedFuture(notification ? Optional.empty() : Optional.of(reply));
    }

    private static ObjectNode success(JsonNode id, Object value) {
        ObjectNode reply = NODES.objectNode().put("jsonrpc", "2.0");
        reply.set("result", Json.MAPPER.valueToTree(value));
        reply.set("id", id);
        return reply;
    }

    private static ObjectNode error(JsonNode id, RpcError e) {
        ObjectNode err = NODES.objectNode().put("code", e.code()).put("message", e.getMessage());
        if (e.data() != null) err.set("data", e.data());
        ObjectNode reply = NODES.objectNode().put("jsonrpc", "2.0");
        reply.set("error", err);
        reply.set("id", id);
        return reply;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        push.close();
    }
}
