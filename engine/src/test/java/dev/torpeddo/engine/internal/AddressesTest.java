package dev.torpeddo.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void anIpv4MappedAddressBecomesTheIpv4AddressItStandsFor() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        // Inet6Address.getByAddress keeps the mapped form, as a dual-stack socket or a nodes6 entry may.
        InetSocketAddress from = new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), 6881);
        assertThat(Addresses.isMapped(from.getAddress())).isTrue();

        InetSocketAddress plain = Addresses.unmapped(from);
        assertThat(plain.getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(plain).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 6881));
    }

    @Test
    void otherAddressesStayAsTheyAre() throws Exception {
        for (String s : new String[] {"10.1.2.3", "::1", "2001:db8::ffff:a01:203", "::a01:203"}) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(s), 1);
            assertThat(Addresses.unmapped(a)).isEqualTo(a);
        }
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.org", 1);
        assertThat(Addresses.unmapped(unresolved)).isSameAs(unresolved);
    }
}
