package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {
    @Test
    void readsIpv4AndBracketedIpv6Peers() {
        assertThat(AddressText.parse("127.0.0.1:6881"))
                .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 6881));
        assertThat(AddressText.parse("[::1]:6881"))
                .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("::1"), 6881));
        assertThat(AddressText.parse("[2001:db8::7]:1").getAddress().getHostAddress())
                .isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void anIpv4MappedIpv6AddressIsReadAsTheIpv4PeerItIs() {
        assertThat(AddressText.parse("[::ffff:10.0.0.1]:6881"))
                .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 6881));
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> AddressText.parse("nonsense")).hasMessage("expected HOST:PORT");
        assertThatThrownBy(() -> AddressText.parse("::1:6881"))
                .hasMessage("an IPv6 address goes in brackets, e.g. [::1]:6881");
        assertThatThrownBy(() -> AddressText.parse("[::1]")).hasMessage("expected [IPv6]:PORT");
        assertThatThrownBy(() -> AddressText.parse("[::1:6881")).hasMessage("no ] after the IPv6 address");
        assertThatThrownBy(() -> AddressText.parse("[::1]:")).hasMessage("port missing");
        assertThatThrownBy(() -> AddressText.parse("[::1]:http")).hasMessage("port is not a number: http");
        assertThatThrownBy(() -> AddressText.parse("[::1]:70000")).hasMessage("port out of range (1-65535): 70000");
        assertThatThrownBy(() -> AddressText.parse("127.0.0.1:0")).hasMessage("port out of range (1-65535): 0");
        assertThatThrownBy(() -> AddressText.parse("[1.2.3.4]:5")).hasMessage("not an IPv6 address: 1.2.3.4");
        assertThatThrownBy(() -> AddressText.parse("[::g]:5")).hasMessage("not an IPv6 address: ::g");
        assertThatThrownBy(() -> AddressText.parse("[fe80::1%lo]:5")).hasMessage("not an IPv6 address: fe80::1%lo");
        assertThatThrownBy(() -> AddressText.parse(":6881")).hasMessage("no host before the port");
    }

    @Test
    void ipv6IsWrittenShortAndInBracketsWithAPort() {
        assertThat(AddressText.format(new InetSocketAddress(InetAddress.ofLiteral("::1"), 6881)))
                .isEqualTo("[::1]:6881");
        assertThat(AddressText.format(new InetSocketAddress(InetAddress.ofLiteral("::"), 6881)))
                .isEqualTo("[::]:6881");
        assertThat(AddressText.format(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 6881)))
                .isEqualTo("127.0.0.1:6881");
        assertThat(AddressText.host(new InetSocketAddress(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1"), 1)))
                .as("the first of two equally long zero runs is the one shortened")
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(AddressText.host(new InetSocketAddress(InetAddress.ofLiteral("2001:DB8:0:1:1:1:1:1"), 1)))
                .as("a single zero group stays")
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(AddressText.host(new InetSocketAddress(InetAddress.ofLiteral("fe80::1:0:0:0"), 1)))
                .isEqualTo("fe80::1:0:0:0");
    }
}
