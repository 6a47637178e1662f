package dev.torpeddo.engine.tracker;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {
    @Test
    void nonCompactPeersKeepAddressLiteralsAndSkipHostNamesAndScopedIpv6() throws Exception {
        String body = "d8:intervali1800e5:peersl"
                + "d2:ip12:fe80::1%eth04:porti6881ee" // a scope names one of our interfaces: meaningless from afar
                + "d2:ip11:example.org4:porti6881ee" // no lookups on a tracker's behalf
                + "d2:ip7:fe80::14:porti3762ee"
                + "d2:ip8:10.0.0.14:porti51413ee"
                + "ee";
        AnnounceResponse r = HttpResponseParser.parseResponse(body.getBytes(US_ASCII));
        assertThat(r.peers())
                .containsExactly(
                        new InetSocketAddress(InetAddress.ofLiteral("fe80::1"), 3762),
                        new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 51413));
    }
}
