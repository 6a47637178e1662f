package dev.torpeddo.engine.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/**
 * {@link Network} on the operating system's sockets: plain blocking TCP sockets, which park cheaply on virtual
 * threads, and a datagram channel for UDP.
 */
final class TcpNetwork implements Network {
    // Large buffers keep a fast loopback link full with few system calls.
    private static final int SOCKET_BUFFER = 1 << 20;
    /** Room in the kernel for bursts of DHT traffic while the receive thread is busy (the kernel may cap it). */
    private static final int UDP_RECEIVE_BUFFER = 1 << 20;

    @Override
    public UdpPort bindUdp(InetSocketAddress at) throws IOException {
        DatagramChannel channel = at.getAddress() instanceof Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET)
                : DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, UDP_RECEIVE_BUFFER);
            channel.bind(at);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        return new UdpPort() {
            @Override
            public InetSocketAddress localAddress() {
                return local;
            }

            @Override
            public void send(ByteBuffer packet, InetSocketAddress target) throws IOException {
                channel.send(packet, target);
            }

            @Override
            public InetSocketAddress receive(ByteBuffer into) throws IOException {
                return (InetSocketAddress) channel.receive(into);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public Connection connect(InetSocketAddress to, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setReceiveBufferSize(SOCKET_BUFFER);
            s.setSendBufferSize(SOCKET_BUFFER);
            s.connect(to, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return new TcpConnection(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public Listener listen(InetSocketAddress at) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.setReceiveBufferSize(SOCKET_BUFFER);
            server.bind(at, 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new Listener() {
            @Override
            public Connection accept() throws IOException {
                Socket s = server.accept();
                s.setSendBufferSize(SOCKET_BUFFER);
                return new TcpConnection(s);
            }

            @Override
            public InetSocketAddress localAddress() {
                return (InetSocketAddress) server.getLocalSocketAddress();
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }

    private record TcpConnection(Socket socket, InputStream in, OutputStream out) implements Connection {
        TcpConnection(Socket socket) throws IOException {
            this(socket, socket.getInputStream(), socket.getOutputStream());
            socket.setTcpNoDelay(true);
        }

        @Override
        public InetSocketAddress remote() {
            return (InetSocketAddress) socket.getRemoteSocketAddress();
        }

        @Override
        public void setReadTimeout(Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
