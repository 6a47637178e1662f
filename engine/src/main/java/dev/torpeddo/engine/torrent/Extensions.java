package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.wire.ExtensionHandshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireException;
import dev.torpeddo.engine.wire.ext.ExtensionException;
import dev.torpeddo.engine.wire.ext.ExtensionIds;
import dev.torpeddo.engine.wire.ext.MetadataAssembler;
import dev.torpeddo.engine.wire.ext.UtMetadataCodec;
import dev.torpeddo.engine.wire.ext.UtMetadataMessage;
import dev.torpeddo.engine.wire.ext.UtMetadataMessage.Request;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * The extension protocol (BEP 10) on a torrent's connections: our handshake, the peer's (its limits,
 * client name and extension ids), peer exchange (BEP 11) and serving our info dictionary to peers that came
 * by magnet link (BEP 9). Called under the torrent's lock.
 */
final class Extensions {
    private final Torrent torrent;
    private final Metainfo meta;
    private final PeerExchange pex;
    private final IntSupplier listenPort;
    private final int maxQueuedRequests;

    Extensions(Torrent torrent, PeerExchange pex, IntSupplier listenPort, int maxQueuedRequests) {
        this.torrent = torrent;
        this.meta = torrent.metainfo();
        this.pex = pex;
        this.listenPort = listenPort;
        this.maxQueuedRequests = maxQueuedRequests;
    }

    /** Our BEP 10 handshake; {@code metadata_size} lets magnet users fetch the info dictionary from us. */
    void sendHandshake(Peer peer) {
        if (!peer.connection().handshake().supportsExtensionProtocol()) return;
        peer.send(new Message.Extended(
                0,
                ExtensionIds.handshake(
                                listenPort.getAsInt(),
                                maxQueuedRequests,
                                ExtensionIds.CLIENT,
                                OptionalInt.of(meta.rawInfo().length),
                                pex.enabled())
                        .encode()));
    }

    void onExtended(Peer peer, Message.Extended m) throws WireException {
        if (m.extendedId() == 0) {
            // A handshake that is not a bencoded dictionary is a broken or hostile peer, as in the magnet
            // fetcher: drop it rather than carry on with a peer whose extensions we cannot know.
            ExtensionHandshake h = ExtensionHandshake.parse(m.payload())
                    .orElseThrow(() -> new WireException("extension handshake is not a bencoded dictionary"));
            if (h.metadataSize() > UtMetadataMessage.MAX_METADATA_SIZE)
                throw new WireException("extension handshake claims an info dictionary of " + h.metadataSize()
                        + " bytes, beyond any we would fetch");
            peer.extensionHandshake(h);
            pex.handshake(peer, h);
            return;
        }
        if (m.extendedId() == ExtensionIds.UT_PEX_ID) {
            torrent.addPeerCandidates(pex.received(peer, m.payload()), PeerSource.PEX);
            return;
        }
        if (m.extendedId() != ExtensionIds.UT_METADATA_ID) return;
        UtMetadataMessage msg;
        try {
            msg = UtMetadataCodec.decode(m.payload());
        } catch (ExtensionException e) {
            throw new WireException("bad ut_metadata message: " + e.getMessage());
        }
        if (msg instanceof Request r && peer.theirMetadataId() > 0) {
            // Serve our info dictionary to peers that came by magnet link; a piece out of range is rejected.
            MetadataAssembler.serve(meta.rawInfo(), r.piece())
                    .ifPresent(reply ->
                            peer.send(new Message.Extended(peer.theirMetadataId(), UtMetadataCodec.encode(reply))));
        }
    }
}
