package dev.torpeddo.engine.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Fuzz targets for UDP tracker replies (BEP 15): any datagram that reaches our socket from the tracker's address,
 * sorted by {@link UdpPackets#classify} and, when it is the answer, decoded. One target per request we wait on.
 * Seeds: UdpPacketsFuzzTestInputs/{connect,announce,scrape}.
 */
class UdpPacketsFuzzTest {
    /** The transaction id we wait on: "torp", which the captured opentracker replies answer. */
    private static final int TID = 0x746f7270;

    @FuzzTest
    void connect(byte[] input) {
        if (classify(input, UdpPackets.CONNECT) instanceof UdpPackets.Reply.Answer(byte[] data)) {
            assertThat(UdpPackets.connectionId(data))
                    .isEqualTo(ByteBuffer.wrap(input).getLong(8));
        }
    }

    @FuzzTest
    void announce(byte[] input) throws ResponseProblem {
        if (!(classify(input, UdpPackets.ANNOUNCE) instanceof UdpPackets.Reply.Answer(byte[] data))) return;
        // The same reply as an IPv4 tracker (6-byte peers) and as an IPv6 one (18-byte peers) would send it.
        for (int addressLength : new int[] {4, 16}) {
            boolean ipv6 = addressLength == 16;
            int entry = addressLength + 2;
            int peerBytes = data.length - UdpPackets.ANNOUNCE_REPLY;
            Outcome<AnnounceResponse> outcome =
                    FuzzChecks.parse(data.length, () -> UdpPackets.announceReply(data, ipv6), ResponseProblem.class);
            switch (outcome) {
                case Outcome.Refused<AnnounceResponse>(Exception problem) -> {
                    assertThat(peerBytes % entry)
                            .as("the only reason to refuse")
                            .isNotZero();
                    TrackerFuzzChecks.assertOneLine(problem.getMessage());
                }
                case Outcome.Parsed<AnnounceResponse>(AnnounceResponse response) -> {
                    TrackerFuzzChecks.assertSane(response, peerBytes / entry);
                    // One peer per distinct entry, less those on port 0.
                    assertThat(response.peers()).hasSize(distinctEntriesWithAPort(data, entry));
                    ByteBuffer b = ByteBuffer.wrap(data);
                    assertThat(response.leechers().orElse(-1)).isEqualTo(Math.max(-1, b.getInt(12)));
                    assertThat(response.seeders().orElse(-1)).isEqualTo(Math.max(-1, b.getInt(16)));
                    // Written back as a tracker of the same family would, it reads the same.
                    byte[] again = FakeUdpTracker.announceReply(
                            TID,
                            (int) response.interval().toSeconds(),
                            response.leechers().orElse(-1),
                            response.seeders().orElse(-1),
                            compact(response, addressLength));
                    assertThat(UdpPackets.announceReply(again, ipv6)).isEqualTo(response);
                }
            }
        }
    }

    @FuzzTest
    void scrape(byte[] input) {
        if (classify(input, UdpPackets.SCRAPE) instanceof UdpPackets.Reply.Answer(byte[] data)) {
            ScrapeResponse counts = UdpPackets.scrapeReply(data);
            ByteBuffer b = ByteBuffer.wrap(data);
            // BEP 15 order: seeders, completed, leechers; a negative count (a tracker bug) reads as 0.
            assertThat(counts)
                    .isEqualTo(new ScrapeResponse(
                            Math.max(0, b.getInt(8)), Math.max(0, b.getInt(16)), Math.max(0, b.getInt(12))));
        }
    }

    /**
     * Classifies the datagram as a reply to our request for {@code action}, and checks the verdict against BEP 15:
     * only our transaction id counts; then an error (action 3) is a refusal, and our action with at least its
     * fixed-size part the answer; everything else is ignored.
     */
    private static UdpPackets.Reply classify(byte[] datagram, int action) {
        Outcome<UdpPackets.Reply> outcome = FuzzChecks.parse(
                datagram.length, () -> UdpPackets.classify(datagram, TID, action), ResponseProblem.class);
        UdpPackets.Reply reply = ((Outcome.Parsed<UdpPackets.Reply>) outcome).value();

        boolean ours = datagram.length >= 8 && ByteBuffer.wrap(datagram).getInt(4) == TID;
        int replyAction = ours ? ByteBuffer.wrap(datagram).getInt(0) : -1;
        int minimum = action == UdpPackets.CONNECT ? 16 : 20;
        switch (reply) {
            case UdpPackets.Reply.Unrelated() ->
                assertThat(ours && (replyAction == 3 || (replyAction == action && datagram.length >= minimum)))
                        .isFalse();
            case UdpPackets.Reply.Refused(String message) -> {
                assertThat(ours && replyAction == 3).isTrue();
                TrackerFuzzChecks.assertOneLine("failure reason: " + message);
            }
            case UdpPackets.Reply.Answer(byte[] data) -> {
                assertThat(ours && replyAction == action && datagram.length >= minimum)
                        .isTrue();
                assertThat(data).isEqualTo(datagram);
            }
        }
        return reply;
    }

    private static int distinctEntriesWithAPort(byte[] data, int entry) {
        Set<String> entries = new HashSet<>();
        for (int at = UdpPackets.ANNOUNCE_REPLY; at < data.length; at += entry) {
            if (data[at + entry - 2] == 0 && data[at + entry - 1] == 0) continue;
            entries.add(Arrays.toString(Arrays.copyOfRange(data, at, at + entry)));
        }
        return entries.size();
    }

    /** The compact peer list of one family; IPv4 peers an IPv6 tracker sent are IPv4-mapped again. */
    private static byte[] compact(AnnounceResponse response, int addressLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (InetSocketAddress peer : response.peers()) {
            if (addressLength == 16 && peer.getAddress() instanceof Inet4Address) {
                out.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
            }
            out.writeBytes(peer.getAddress().getAddress());
            out.write(peer.getPort() >> 8);
            out.write(peer.getPort());
        }
        return out.toByteArray();
    }
}
