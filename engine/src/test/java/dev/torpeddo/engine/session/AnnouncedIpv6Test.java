package dev.torpeddo.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnouncedIpv6Test {
    private static InetSocketAddress at(String ip) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), 6881);
    }

    private static List<InetAddress> host(String... ips) {
        return java.util.Arrays.stream(ips).map(InetAddress::ofLiteral).toList();
    }

    @Test
    void aListenerOnAGlobalIpv6AddressIsTheOneTrackersHearOf() {
        assertThat(AnnouncedIpv6.pick(List.of(at("127.0.0.1"), at("2001:db8::7")), () -> host("2001:db8::9")))
                .contains(InetAddress.ofLiteral("2001:db8::7"));
    }

    @Test
    void aWildcardListenerOffersTheHostsFirstGlobalIpv6Address() {
        assertThat(AnnouncedIpv6.pick(
                        List.of(at("0.0.0.0")), () -> host("127.0.0.1", "::1", "fe80::1", "fd00::2", "2a01:4f8::1")))
                .contains(InetAddress.ofLiteral("2a01:4f8::1"));
        assertThat(AnnouncedIpv6.pick(List.of(at("::")), () -> host("2a01:4f8::1")))
                .contains(InetAddress.ofLiteral("2a01:4f8::1"));
    }

    @Test
    void loopbackLinkLocalAndUniqueLocalAddressesAreNeverAnnounced() {
        assertThat(AnnouncedIpv6.pick(List.of(at("::1"), at("fe80::1"), at("fd00::2")), () -> host("2a01:4f8::1")))
                .as("listening on no global address: the host's other addresses do not take peers")
                .isEmpty();
        assertThat(AnnouncedIpv6.pick(List.of(at("0.0.0.0")), () -> host("::1", "fe80::1", "fd00::2", "ff02::1")))
                .isEmpty();
    }
}
