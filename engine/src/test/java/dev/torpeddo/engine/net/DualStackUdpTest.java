package dev.torpeddo.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Threads;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's UDP port on both address families, on loopback (127.0.0.1 and ::1) only. */
class DualStackUdpTest {
    private static final byte[] PING =
            "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe".getBytes(StandardCharsets.US_ASCII);
    private static final InetAddress V4 = literal("127.0.0.1");
    private static final InetAddress V6 = literal("::1");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final BlockingQueue<InetSocketAddress> dhtSenders = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) c.close();
    }

    private UdpSocket open(InetSocketAddress listen) throws IOException {
        UdpSocket socket = UdpSocket.open(DualStackUdp.bind(Network.tcp(), listen), Threads.SYSTEM);
        toClose.add(socket);
        socket.demux().onDht((from, packet) -> dhtSenders.add(from));
        return socket;
    }

    private DatagramChannel client(InetAddress at) throws IOException {
        DatagramChannel c = DatagramChannel.open(
                        at instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)
                .bind(new InetSocketAddress(at, 0));
        toClose.add(c);
        return c;
    }

    /** What {@code client} receives next and from where; the limit only keeps a broken build from hanging. */
    private static InetSocketAddress receiveFrom(DatagramChannel client) throws Exception {
        client.configureBlocking(true);
        client.socket().setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
        byte[] buffer = new byte[64];
        java.net.DatagramPacket p = new java.net.DatagramPacket(buffer, buffer.length);
        client.socket().receive(p);
        return (InetSocketAddress) p.getSocketAddress();
    }

    private InetSocketAddress nextDhtSender() throws InterruptedException {
        InetSocketAddress from = dhtSenders.poll(20, TimeUnit.SECONDS);
        assertThat(from).as("a DHT packet arrived").isNotNull();
        return from;
    }

    @Test
    void ipv4LoopbackAlsoListensOnIpv6LoopbackUnderTheSamePortNumber() throws Exception {
        UdpSocket socket = open(new InetSocketAddress(V4, 0));
        int port = socket.localAddress().getPort();
        assertThat(socket.localAddresses())
                .containsExactly(new InetSocketAddress(V4, port), new InetSocketAddress(V6, port));

        DatagramChannel v4 = client(V4);
        DatagramChannel v6 = client(V6);
        v4.send(ByteBuffer.wrap(PING), new InetSocketAddress(V4, port));
        assertThat(nextDhtSender()).isEqualTo(v4.getLocalAddress());
        v6.send(ByteBuffer.wrap(PING), new InetSocketAddress(V6, port));
        assertThat(nextDhtSender()).isEqualTo(v6.getLocalAddress());

        // Replies leave from the socket of the target's family, so each side sees the address it wrote to.
        socket.send(ByteBuffer.wrap(PING), (InetSocketAddress) v6.getLocalAddress());
        assertThat(receiveFrom(v6)).isEqualTo(new InetSocketAddress(V6, port));
        socket.send(ByteBuffer.wrap(PING), (InetSocketAddress) v4.getLocalAddress());
        assertThat(receiveFrom(v4)).isEqualTo(new InetSocketAddress(V4, port));
    }

    @Test
    void theWildcardIsOneDualStackSocketThatSeesIpv4SendersAsIpv4() throws Exception {
        UdpSocket socket = open(new InetSocketAddress(0));
        int port = socket.localAddress().getPort();
        assertThat(socket.localAddresses()).hasSize(1);
        assertThat(socket.localAddress().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(socket.localAddress().getAddress()).isNotInstanceOf(Inet4Address.class);

        DatagramChannel v4 = client(V4);
        v4.send(ByteBuffer.wrap(PING), new InetSocketAddress(V4, port));
        InetSocketAddress from = nextDhtSender();
        assertThat(from.getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(from).isEqualTo(v4.getLocalAddress());
        DatagramChannel v6 = client(V6);
        v6.send(ByteBuffer.wrap(PING), new InetSocketAddress(V6, port));
        assertThat(nextDhtSender()).isEqualTo(v6.getLocalAddress());

        socket.send(ByteBuffer.wrap(PING), from);
        assertThat(receiveFrom(v4)).isEqualTo(new InetSocketAddress(V4, port));
    }

    @Test
    void anIpv6AddressListensOnIpv6Alone() throws Exception {
        UdpSocket socket = open(new InetSocketAddress(V6, 0));
        assertThat(socket.localAddresses())
                .containsExactly(new InetSocketAddress(V6, socket.localAddress().getPort()));
    }

    private static InetAddress literal(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
