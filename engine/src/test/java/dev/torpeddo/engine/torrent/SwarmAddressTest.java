package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.PeerSource;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** One peer is one candidate and one ban, whether it is named by its IPv4 address or its IPv4-mapped IPv6 form. */
class SwarmAddressTest {
    private static InetSocketAddress mapped(int a, int b, int c, int d, int port) throws Exception {
        byte[] ip = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) a, (byte) b, (byte) c, (byte) d};
        // Inet6Address.getByAddress keeps the IPv6 form, as some decoders (the DHT's) do.
        return new InetSocketAddress(Inet6Address.getByAddress(null, ip, -1), port);
    }

    @Test
    void aMappedAddressAndItsIpv4FormAreOneCandidate() throws Exception {
        Swarm swarm = new Swarm();
        swarm.add(mapped(10, 0, 0, 7, 6881), PeerSource.DHT);
        swarm.add(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.7"), 6881), PeerSource.TRACKER);

        assertThat(swarm.knownAddresses())
                .containsExactly(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.7"), 6881));
        assertThat(swarm.sourceOf(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.7"), 6881)))
                .isEqualTo(PeerSource.DHT);
    }

    @Test
    void aBanOnTheIpv4AddressCoversItsMappedForm() throws Exception {
        Swarm swarm = new Swarm();
        assertThat(swarm.strike(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.9"), 6881), "liar", 1))
                .isTrue();
        assertThat(swarm.isBanned(mapped(10, 0, 0, 9, 51413), null)).isTrue();
        swarm.add(mapped(10, 0, 0, 9, 51413), PeerSource.PEX);
        assertThat(swarm.knownAddresses()).isEmpty();
    }

    @Test
    void realIpv6AddressesStayAsTheyAre() {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.ofLiteral("2001:db8::ffff:a00:7"), 6881);
        assertThat(Swarm.canonical(v6)).isSameAs(v6);
    }
}
