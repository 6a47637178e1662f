package dev.torpeddo.backend.rpc;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.JsonNode;

/**
 * The protocol's only way out: one JSON message per line, written whole under one lock and flushed, so replies
 * and notifications from several threads never interleave. Once the reader is gone (a broken pipe) it stays
 * closed and writes are dropped.
 */
final class Output {
    private static final System.Logger LOG = System.getLogger(Output.class.getName());

    private final OutputStream out;
    private boolean broken;

    Output(OutputStream out) {
        this.out = out;
    }

    synchronized void send(JsonNode message) {
        if (broken) return;
        try {
            out.write(Json.MAPPER.writeValueAsBytes(message));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            broken = true;
            LOG.log(System.Logger.Level.WARNING, "the client stopped reading: {0}", e.getMessage());
        }
    }

    synchronized boolean isBroken() {
        return broken;
    }
}
