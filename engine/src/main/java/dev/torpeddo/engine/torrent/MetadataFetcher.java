package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.bandwidth.Bandwidth;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoException;
import dev.torpeddo.engine.metainfo.TorrentFile;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.wire.ExtensionHandshake;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireException;
import dev.torpeddo.engine.wire.WireLimits;
import dev.torpeddo.engine.wire.ext.ExtensionException;
import dev.torpeddo.engine.wire.ext.ExtensionIds;
import dev.torpeddo.engine.wire.ext.MetadataAssembler;
import dev.torpeddo.engine.wire.ext.MetadataResult;
import dev.torpeddo.engine.wire.ext.UtMetadataCodec;
import dev.torpeddo.engine.wire.ext.UtMetadataMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The first phase of a magnet link: find peers (the magnet's own, the user's, trackers'), ask those that
 * speak the extension protocol for the info dictionary piece by piece (BEP 9), and check it against the
 * info-hash. Then hands the verified {@link Metainfo} and every address it learned to its owner, which
 * starts an ordinary {@link Torrent}. Runs on its own virtual thread and never blocks the caller.
 */
public final class MetadataFetcher implements TrackerLink.Owner {
    private static final System.Logger LOG = System.getLogger(MetadataFetcher.class.getName());
    private static final long REQUEST_TIMEOUT_NANOS = 10_000_000_000L;
    private static final long DHT_LOOKUP_NANOS = 20_000_000_000L;
    private static final long DHT_RETRY_NANOS = 5_000_000_000L;

    private final MagnetLink magnet;
    private final List<InetSocketAddress> extraPeers;
    private final TorrentContext ctx;
    private final Clock clock;
    private final BiConsumer<Metainfo, List<InetSocketAddress>> onMetadata;
    private final Swarm swarm = new Swarm();
    private final PeerDialer dialer;
    private final PeerAdmission<FetchPeer> admission;
    private final MetadataAssembler<FetchPeer> assembler;
    private final TrackerLink trackers;
    private final boolean useTrackers;
    private volatile boolean stopped;
    private boolean done;
    private long lastDhtLookupNanos = Long.MIN_VALUE;

    public MetadataFetcher(
            MagnetLink magnet,
            List<InetSocketAddress> extraPeers,
            boolean useTrackers,
            TorrentContext ctx,
            BiConsumer<Metainfo, List<InetSocketAddress>> onMetadata) {
        this.magnet = magnet;
        this.extraPeers = List.copyOf(extraPeers);
        this.useTrackers = useTrackers;
        this.ctx = ctx;
        this.clock = ctx.env().clock();
        this.onMetadata = onMetadata;
        this.assembler = new MetadataAssembler<>(magnet.infoHash(), UtMetadataMessage.MAX_METADATA_SIZE);
        List<List<java.net.URI>> tiers =
                magnet.trackers().stream().map(List::of).toList();
        this.trackers = new TrackerLink(this, magnet.infoHash(), tiers, ctx, false);
        this.admission = new PeerAdmission<>(
                ctx.connectionSlots(), swarm, clock, ctx.config().maxPeersPerTorrent());
        this.dialer = new PeerDialer(
                ctx, magnet.infoHash(), this, swarm, (a, est) -> attach(est.connection(), est.remote(), true, a));
    }

    public InfoHash infoHash() {
        return magnet.infoHash();
    }

    public void start() {
        ctx.env().threads().startVirtual("magnet-" + magnet.infoHash().hex().substring(0, 8), this::run);
    }

    private void run() {
        synchronized (this) {
            for (InetSocketAddress a : magnet.peers()) swarm.add(resolve(a), PeerSource.MANUAL);
            for (InetSocketAddress a : extraPeers) swarm.add(a, PeerSource.MANUAL);
        }
        if (useTrackers) trackers.start();
        while (!stopped) {
            synchronized (this) {
                if (done) return;
                long now = clock.nanoTime();
                dialer.dialDue(admission.room());
                for (FetchPeer p : admission.peerList()) {
                    p.connection.checkTimers(now); // idle timeout and keep-alives
                    p.checkTimeouts(now);
                }
            }
            trackers.poll();
            askDht();
            try {
                clock.sleepMillis(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * A magnet often has nothing but its info-hash: ask the DHT for peers now, then every 5 s while nobody
     * is connected (the DHT may still be joining), every 20 s after that.
     */
    private void askDht() {
        var node = ctx.dht().get();
        if (node.isEmpty()) return;
        long now = clock.nanoTime();
        long interval;
        synchronized (this) {
            interval = admission.isEmpty() ? DHT_RETRY_NANOS : DHT_LOOKUP_NANOS;
        }
        if (lastDhtLookupNanos != Long.MIN_VALUE && now - lastDhtLookupNanos < interval) return;
        lastDhtLookupNanos = now;
        Futures.onSuccess(node.get().getPeers(magnet.infoHash()), found -> addPeerCandidates(found, PeerSource.DHT));
    }

    private static InetSocketAddress resolve(InetSocketAddress a) {
        return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
    }

    /** Takes over an incoming connection for this info-hash. */
    public void acceptIncoming(Network.Connection c, Handshake remote) throws IOException {
        admission.takeIncomingSlot();
        attach(c, remote, false, c.remote());
    }

    private void attach(Network.Connection c, Handshake remote, boolean outgoing, InetSocketAddress address) {
        PeerConnection conn = new PeerConnection(
                c,
                remote,
                clock,
                WireLimits.DEFAULT,
                ctx.config().idleTimeout(),
                ctx.config().keepAliveInterval(),
                Bandwidth.of(ctx.downloadLimit()),
                Bandwidth.of(ctx.uploadLimit()));
        FetchPeer peer = new FetchPeer(conn);
        Optional<String> refused;
        synchronized (this) {
            refused = admission.admit(peer, remote, address, outgoing, ownRefusal(remote));
            if (refused.isEmpty()) {
                conn.send(new Message.Extended(
                        0,
                        ExtensionIds.handshake(
                                        ctx.listenPort().getAsInt(),
                                        ctx.config().maxQueuedRequestsFromPeer(),
                                        ExtensionIds.CLIENT,
                                        java.util.OptionalInt.empty(),
                                        ctx.config().pex())
                                .encode()));
                if (remote.supportsFast()) conn.send(new Message.HaveNone());
            }
        }
        if (refused.isPresent()) {
            admission.turnAway(c);
            return;
        }
        conn.start(peer, ctx.env().threads());
    }

    /** Only peers that speak the extension protocol can send metadata; once it is here, nobody is needed. */
    private Optional<PeerAdmission.Refusal> ownRefusal(Handshake remote) {
        if (!remote.supportsExtensionProtocol())
            return Optional.of(new PeerAdmission.Refusal("no extension protocol, so no metadata", true));
        if (stopped || done) return Optional.of(new PeerAdmission.Refusal("metadata fetch over", false));
        return Optional.empty();
    }

    @Override
    public synchronized long[] transferTotals() {
        // "left" must not be 0, or trackers would take us for a seed and send us no seeds.
        return new long[] {0, 0, 16 * 1024};
    }

    @Override
    public void addPeerCandidates(List<InetSocketAddress> addresses, PeerSource source) {
        synchronized (this) {
            for (InetSocketAddress a : addresses) swarm.add(a, source);
        }
    }

    @Override
    public void trackerFailed(java.net.URI tracker, String message) {
        ctx.events().accept(new TorrentEvent.TrackerFailed(magnet.infoHash(), tracker, message));
    }

    @Override
    public void trackerReplied(java.net.URI tracker, int peers) {
        ctx.events().accept(new TorrentEvent.TrackerReplied(magnet.infoHash(), tracker, peers));
    }

    @Override
    public boolean isStopped() {
        return stopped || done;
    }

    public synchronized TorrentStatus status() {
        return new TorrentStatus(
                magnet.infoHash(),
                displayName(),
                TorrentState.FETCHING_METADATA,
                Optional.empty(),
                new TorrentStatus.Progress(0, 0, 0, 0, 0, 0, 0, assembler.progress(), 0),
                new TorrentStatus.Transfer(0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new TorrentStatus.Peers(
                        admission.count(),
                        0,
                        java.util.OptionalInt.empty(),
                        java.util.OptionalInt.empty(),
                        swarm.knownCount()),
                new TorrentStatus.Times(0, 0, Optional.empty()));
    }

    public String displayName() {
        return magnet.displayName().orElse(magnet.infoHash().hex());
    }

    /** Stops fetching: closes peers and tells trackers. */
    public void stop() {
        List<FetchPeer> toClose;
        synchronized (this) {
            stopped = true;
            toClose = admission.peerList();
        }
        for (FetchPeer p : toClose) p.connection.close("magnet stopped");
        trackers.stop();
    }

    private void complete(byte[] rawInfo) {
        Metainfo meta;
        List<InetSocketAddress> known = new ArrayList<>();
        List<FetchPeer> toClose;
        synchronized (this) {
            if (done) return;
            try {
                List<List<java.net.URI>> tiers =
                        magnet.trackers().stream().map(List::of).toList();
                meta = TorrentFile.fromInfo(rawInfo, tiers);
            } catch (MetainfoException e) {
                // The hash matched, so every honest peer has this same broken dictionary: give up clearly.
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0}: metadata is not a usable torrent: {1}",
                        displayName(),
                        e.getMessage());
                return;
            }
            done = true;
            toClose = admission.peerList();
            for (FetchPeer p : toClose) {
                if (p.connection.handshake() != null) known.add(p.listenAddress());
            }
            known.addAll(swarm.knownAddresses());
        }
        for (FetchPeer p : toClose) p.connection.close("metadata complete");
        trackers.stop();
        onMetadata.accept(meta, known);
    }

    /** One connection during the metadata phase. Guarded by the fetcher's lock. */
    private final class FetchPeer implements PeerConnection.Handler {
        final PeerConnection connection;
        int theirMetadataId;
        int theirListenPort;
        final Map<Integer, Long> asked = new HashMap<>();
        boolean gone;

        FetchPeer(PeerConnection connection) {
            this.connection = connection;
        }

        InetSocketAddress listenAddress() {
            InetSocketAddress a = connection.address();
            return theirListenPort > 0 ? new InetSocketAddress(a.getAddress(), theirListenPort) : a;
        }

        @Override
        public void onMessage(PeerConnection c, Message m) throws IOException {
            byte[] result = null;
            synchronized (MetadataFetcher.this) {
                if (gone || done) return;
                if (m instanceof Message.Extended e) result = onExtended(e);
            }
            if (result != null) complete(result);
        }

        private byte[] onExtended(Message.Extended e) throws WireException {
            if (e.extendedId() == 0) {
                ExtensionHandshake h = ExtensionHandshake.parse(e.payload()).orElse(null);
                if (h == null) throw new WireException("malformed extension handshake");
                theirMetadataId = h.extensions().getOrDefault("ut_metadata", 0);
                theirListenPort = h.listenPort();
                if (theirMetadataId == 0 || h.metadataSize() <= 0) {
                    connection.close("peer cannot send metadata");
                    return null;
                }
                assembler.peerOffers(this, h.metadataSize());
                requestMore();
                return null;
            }
            if (e.extendedId() == ExtensionIds.UT_PEX_ID) {
                if (!ctx.config().pex()) return null; // we did not offer it: ignored
                // Peers of peers (BEP 11): handy while we look for anyone who has the metadata.
                try {
                    var pex = dev.torpeddo.engine.wire.ext.PexCodec.decode(e.payload());
                    pex.added().stream().limit(50).forEach(p -> swarm.add(p.address(), PeerSource.PEX));
                } catch (ExtensionException bad) {
                    throw new WireException("bad ut_pex message: " + bad.getMessage());
                }
                return null;
            }
            if (e.extendedId() != ExtensionIds.UT_METADATA_ID) return null;
            UtMetadataMessage msg;
            try {
                msg = UtMetadataCodec.decode(e.payload());
            } catch (ExtensionException bad) {
                throw new WireException("bad ut_metadata message: " + bad.getMessage());
            }
            switch (msg) {
                case UtMetadataMessage.Request r ->
                    connection.send(new Message.Extended(
                            theirMetadataId, UtMetadataCodec.encode(new UtMetadataMessage.Reject(r.piece()))));
                case UtMetadataMessage.Reject r -> {
                    asked.remove(r.piece());
                    assembler.requestRejected(this, r.piece());
                    for (FetchPeer p : admission.peers()) p.requestMore();
                }
                case UtMetadataMessage.Data d -> {
                    asked.remove(d.piece());
                    switch (assembler.onData(this, d.piece(), d.totalSize(), d.data())) {
                        case MetadataResult.Complete<FetchPeer> c -> {
                            dropLiars(c.badPeers());
                            return c.infoDict();
                        }
                        case MetadataResult.HashMismatch<FetchPeer> h -> {
                            dropLiars(h.badPeers());
                            for (FetchPeer p : admission.peers()) p.requestMore();
                        }
                        case MetadataResult.BadPeer<FetchPeer> b -> connection.close("bad metadata: " + b.reason());
                        case MetadataResult.Accepted<FetchPeer> a -> requestMore();
                        case MetadataResult.Ignored<FetchPeer> i -> requestMore();
                    }
                }
            }
            return null;
        }

        private void dropLiars(java.util.Set<FetchPeer> liars) {
            for (FetchPeer p : liars) p.connection.close("sent metadata that does not match the info-hash");
        }

        private void requestMore() {
            for (Optional<Integer> next = assembler.nextRequest(this);
                    next.isPresent();
                    next = assembler.nextRequest(this)) {
                int piece = next.get();
                asked.put(piece, clock.nanoTime());
                connection.send(new Message.Extended(
                        theirMetadataId, UtMetadataCodec.encode(new UtMetadataMessage.Request(piece))));
            }
        }

        void checkTimeouts(long now) {
            for (var it = asked.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (now - e.getValue() > REQUEST_TIMEOUT_NANOS) {
                    it.remove();
                    assembler.requestTimedOut(this, e.getKey());
                }
            }
        }

        @Override
        public void onClose(PeerConnection c, String reason) {
            synchronized (MetadataFetcher.this) {
                gone = true;
                if (!admission.leave(this)) return;
                assembler.peerGone(this);
                for (FetchPeer p : admission.peers()) p.requestMore();
            }
        }
    }
}
