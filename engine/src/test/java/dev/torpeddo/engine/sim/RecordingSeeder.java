package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.FrameReader;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.MessageCodec;
import dev.torpeddo.engine.wire.WireLimits;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A scripted seeder on a simulated host: it takes one connection, has every piece, unchokes at once, serves
 * every request from the content, and writes down who connected (the peer id in its handshake) and the
 * order in which pieces were first asked for. What a test of the engine's own choices needs to see.
 */
final class RecordingSeeder {
    private static final byte[] PEER_ID =
            Arrays.copyOf("-RS0001-recording".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 20);

    private final Metainfo meta;
    private final byte[] content;
    private final Network.Listener listener;
    private final Set<Integer> piecesAsked = new LinkedHashSet<>();
    private byte[] peerId;

    RecordingSeeder(Simulation sim, SimHost host, Metainfo meta, byte[] content) throws IOException {
        this.meta = meta;
        this.content = content;
        this.listener = host.network().listen(host.at(Simulation.PEER_PORT));
        sim.startThread("recording-seeder", this::serve);
    }

    /** The peer id of the peer that connected, once it has. */
    synchronized byte[] peerId() {
        return peerId == null ? null : peerId.clone();
    }

    /** Pieces in the order they were first requested. */
    synchronized List<Integer> piecesAsked() {
        return new ArrayList<>(piecesAsked);
    }

    private void serve() {
        try (Network.Connection c = listener.accept()) {
            DataInputStream in = new DataInputStream(c.in());
            OutputStream out = c.out();
            Handshake.Header header = Handshake.readHeader(in);
            byte[] id = Handshake.readPeerId(in);
            synchronized (this) {
                peerId = id;
            }
            out.write(new Handshake(new byte[8], header.infoHash(), PEER_ID).encode());
            out.write(MessageCodec.encode(new Message.Bitfield(allPieces())));
            out.write(MessageCodec.encode(new Message.Unchoke()));
            out.flush();
            FrameReader reader = new FrameReader(in, new WireLimits(WireLimits.BLOCK, 1 << 20, 1 << 20));
            while (true) {
                if (reader.read() instanceof Message.Request r) {
                    synchronized (this) {
                        piecesAsked.add(r.piece());
                    }
                    long at = (long) r.piece() * meta.pieceLength() + r.offset();
                    byte[] block = Arrays.copyOfRange(content, (int) at, (int) at + r.length());
                    out.write(MessageCodec.encode(new Message.Piece(r.piece(), r.offset(), block)));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the leecher went away: the recording is complete
        }
    }

    private byte[] allPieces() {
        int n = meta.pieceCount();
        byte[] bits = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) bits[i / 8] |= (byte) (0x80 >>> (i % 8));
        return bits;
    }
}
