package dev.torpeddo.engine.tracker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.tracker.FakeUdpTracker.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpTrackerTest {
    private static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final byte[] PEER_ID = "-TP0001-abcdefghijkl".getBytes(UTF_8);
    private static final AnnounceRequest STARTED =
            new AnnounceRequest(HASH, PEER_ID, 6881, 10, 20, 30, AnnounceEvent.STARTED, 50, 0xBEEF);
    private static final byte[] TWO_PEERS = {10, 0, 0, 1, 0x1a, (byte) 0xe1, 10, 0, 0, 2, 0x1a, (byte) 0xe2};

    private final FakeUdpTracker fake = newFake();
    private final ManualClock clock = new ManualClock();
    private final TrackerTransport transport = TrackerTransport.defaults()
            .withUdpRetry(new UdpRetryPolicy(Duration.ofMillis(200), 2))
            .withClock(clock);

    private static FakeUdpTracker newFake() {
        try {
            return new FakeUdpTracker();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws IOException {
        fake.close();
    }

    private Tracker tracker() throws TrackerException {
        return Tracker.of(fake.uri(), transport);
    }

    @Test
    void connectsThenAnnouncesAndReadsPeersAndCounts() throws Exception {
        fake.peers = TWO_PEERS;
        fake.interval = 900;

        AnnounceResponse r = tracker().announce(STARTED);

        assertThat(r.peers())
                .containsExactly(new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("10.0.0.2", 6882));
        assertThat(r.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(r.leechers()).isEqualTo(OptionalInt.of(3));
        assertThat(r.seeders()).isEqualTo(OptionalInt.of(4));
        assertThat(fake.requests)
                .extracting(FakeUdpTracker.Request::action)
                .containsExactly(UdpPackets.CONNECT, UdpPackets.ANNOUNCE);
    }

    @Test
    void aTrackerOnIpv6LoopbackIsAnnouncedToAndItsEighteenBytePeerEntriesRead() throws Exception {
        try (FakeUdpTracker six = new FakeUdpTracker(InetAddress.ofLiteral("::1"))) {
            byte[] v6 = new byte[18];
            v6[0] = 0x20;
            v6[1] = 0x01;
            v6[2] = 0x0d;
            v6[3] = (byte) 0xb8;
            v6[15] = 7; // 2001:db8::7
            v6[16] = 0x1a;
            v6[17] = (byte) 0xe1; // 6881
            six.peers = v6;
            AnnounceResponse r = Tracker.of(six.uri(), transport).announce(STARTED);
            assertThat(r.peers()).containsExactly(new InetSocketAddress(InetAddress.ofLiteral("2001:db8::7"), 6881));
            assertThat(six.count(UdpPackets.ANNOUNCE)).isEqualTo(1);
        }
    }

    @Test
    void aHostWithAddressesOfBothFamiliesIsAnnouncedToOverEach() {
        InetAddress[] resolved = {
            InetAddress.ofLiteral("::1"),
            InetAddress.ofLiteral("127.0.0.1"),
            InetAddress.ofLiteral("2001:db8::2"),
            InetAddress.ofLiteral("127.0.0.2")
        };
        assertThat(UdpTracker.eachFamily(resolved, 6969))
                .containsExactly(
                        new InetSocketAddress(InetAddress.ofLiteral("::1"), 6969),
                        new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 6969));
        assertThat(UdpTracker.eachFamily(new InetAddress[] {InetAddress.ofLiteral("127.0.0.1")}, 6969))
                .hasSize(1);
    }

    @Test
    void answersOverBothFamiliesAreMergedAndOneFailingFamilyIsNoFailure() throws Exception {
        InetSocketAddress p4 = new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 1);
        InetSocketAddress p6 = new InetSocketAddress(InetAddress.ofLiteral("2001:db8::1"), 2);
        AnnounceResponse over4 = new AnnounceResponse(
                Duration.ofMinutes(30),
                java.util.Optional.empty(),
                List.of(p4),
                OptionalInt.of(1),
                OptionalInt.of(2),
                java.util.Optional.empty(),
                java.util.Optional.empty());
        AnnounceResponse over6 = new AnnounceResponse(
                Duration.ofMinutes(20),
                java.util.Optional.empty(),
                List.of(p6, p4),
                OptionalInt.of(1),
                OptionalInt.of(2),
                java.util.Optional.empty(),
                java.util.Optional.empty());
        TrackerException timedOut = new TrackerException(fake.uri(), "timed out");

        AnnounceResponse both =
                UdpTracker.merge(java.util.Arrays.asList(over4, over6), java.util.Arrays.asList(null, null));
        assertThat(both.peers()).containsExactly(p4, p6);
        assertThat(both.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(UdpTracker.merge(java.util.Arrays.asList(null, over6), java.util.Arrays.asList(timedOut, null))
                        .peers())
                .containsExactly(p6, p4);
        assertThatThrownBy(() ->
                        UdpTracker.merge(java.util.Arrays.asList(null, null), java.util.Arrays.asList(timedOut, null)))
                .isSameAs(timedOut);
    }

    @Test
    void theAnnouncePacketCarriesTheRequestFields() throws Exception {
        tracker().announce(STARTED);

        ByteBuffer b = fake.requests.get(1).body();
        assertThat(b.limit()).isEqualTo(98);
        byte[] hash = new byte[20];
        byte[] peerId = new byte[20];
        b.position(16).get(hash).get(peerId);
        assertThat(hash).isEqualTo(HASH.bytes());
        assertThat(peerId).isEqualTo(PEER_ID);
        assertThat(b.getLong(56)).as("downloaded").isEqualTo(20);
        assertThat(b.getLong(64)).as("left").isEqualTo(30);
        assertThat(b.getLong(72)).as("uploaded").isEqualTo(10);
        assertThat(b.getInt(80)).as("event started").isEqualTo(2);
        assertThat(b.getInt(88)).as("key").isEqualTo(0xBEEF);
        assertThat(b.getInt(92)).as("num want").isEqualTo(50);
        assertThat(Short.toUnsignedInt(b.getShort(96))).as("port").isEqualTo(6881);
    }

    @Test
    void anErrorReplyBecomesTheExceptionMessage() {
        fake.responder = (request, defaults) -> request.action() == UdpPackets.ANNOUNCE
                ? List.of(Reply.of(FakeUdpTracker.errorReply(request.transactionId(), "torrent not registered")))
                : defaults;
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .isInstanceOf(TrackerException.class)
                .hasMessage("tracker " + fake.uri() + ": failure reason: torrent not registered");
    }

    @Test
    void ignoresWrongTransactionIdsWrongActionsAndShortPackets() throws Exception {
        fake.peers = TWO_PEERS;
        fake.responder = (request, defaults) -> {
            int tid = request.transactionId();
            byte[] good = defaults.getFirst().data();
            byte[] wrongTid = good.clone();
            ByteBuffer.wrap(wrongTid).putInt(4, tid + 1);
            byte[] wrongAction = good.clone();
            ByteBuffer.wrap(wrongAction).putInt(0, request.action() == UdpPackets.CONNECT ? 2 : 0);
            byte[] wrongTidError = FakeUdpTracker.errorReply(tid ^ 0x5555, "not for you");
            return List.of(
                    Reply.of(wrongTid),
                    Reply.of(new byte[] {0, 0, 0}),
                    Reply.of(Arrays.copyOf(good, 12)),
                    Reply.of(wrongAction),
                    Reply.of(wrongTidError),
                    Reply.of(good));
        };

        assertThat(tracker().announce(STARTED).peers()).hasSize(2);
    }

    @Test
    void ignoresRepliesFromAnotherSourceAddress() throws Exception {
        fake.peers = TWO_PEERS;
        fake.responder = (request, defaults) -> request.action() == UdpPackets.ANNOUNCE
                ? List.of(
                        new Reply(
                                FakeUdpTracker.announceReply(
                                        request.transactionId(), 900, 0, 0, new byte[] {6, 6, 6, 6, 0, 66}),
                                true),
                        defaults.getFirst())
                : defaults;

        assertThat(tracker().announce(STARTED).peers()).hasSize(2).doesNotContain(new InetSocketAddress("6.6.6.6", 66));
    }

    @Test
    void retransmitsWhenAPacketIsLost() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        fake.responder = (request, defaults) ->
                request.action() == UdpPackets.CONNECT && connects.incrementAndGet() == 1 ? List.of() : defaults;

        tracker().announce(STARTED);

        assertThat(fake.count(UdpPackets.CONNECT)).isEqualTo(2);
        assertThat(fake.count(UdpPackets.ANNOUNCE)).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        fake.responder = (request, defaults) -> List.of();
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .isInstanceOf(TrackerException.class)
                .hasMessage("tracker " + fake.uri() + ": timed out after 2 attempts");
        assertThat(fake.count(UdpPackets.CONNECT)).isEqualTo(2);
    }

    @Test
    void reusesTheConnectionIdForAMinuteThenReconnects() throws Exception {
        Tracker t = tracker();
        t.announce(STARTED);
        clock.advance(Duration.ofSeconds(59));
        t.announce(STARTED.withEvent(AnnounceEvent.NONE));
        assertThat(fake.count(UdpPackets.CONNECT)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        t.announce(STARTED.withEvent(AnnounceEvent.NONE));
        assertThat(fake.count(UdpPackets.CONNECT)).isEqualTo(2);
        assertThat(fake.requests.getLast().connectionId())
                .isNotEqualTo(fake.requests.get(1).connectionId());
    }

    @Test
    void peersLengthMustBeAMultipleOf6() {
        fake.peers = new byte[13];
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .hasMessage("tracker " + fake.uri() + ": bad response: peers length 13 is not a multiple of 6");
    }

    @Test
    void aZeroIntervalMeansTheDefault() throws Exception {
        fake.interval = 0;
        assertThat(tracker().announce(STARTED).interval()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void scrapes() throws Exception {
        assertThat(tracker().scrape(HASH)).isEqualTo(new ScrapeResponse(8, 9, 21));
        byte[] hash = new byte[20];
        fake.requests.getLast().body().position(16).get(hash);
        assertThat(hash).isEqualTo(HASH.bytes());
    }

    @Test
    void anIpv6TrackerGives18BytePeers() throws Exception {
        byte[] reply = FakeUdpTracker.announceReply(7, 900, 1, 2, new byte[] {
            0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0x1a, (byte) 0xe1
        });
        assertThat(UdpPackets.announceReply(reply, true).peers())
                .containsExactly(new InetSocketAddress("2001:db8::9", 6881));
        byte[] ipv4Sized = FakeUdpTracker.announceReply(7, 900, 1, 2, TWO_PEERS);
        assertThatThrownBy(() -> UdpPackets.announceReply(ipv4Sized, true))
                .hasMessage("bad response: peers6 length 12 is not a multiple of 18")
                .isInstanceOf(ResponseProblem.class);
    }

    @Test
    void anUnresolvableHostIsReported() throws Exception {
        Tracker t = Tracker.of(java.net.URI.create("udp://no-such-host.invalid:6969/announce"), transport);
        assertThatThrownBy(() -> t.announce(STARTED))
                .hasMessageEndingWith(": cannot resolve host no-such-host.invalid");
    }
}
