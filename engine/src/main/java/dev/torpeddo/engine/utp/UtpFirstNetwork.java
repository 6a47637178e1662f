package dev.torpeddo.engine.utp;

import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How peers are dialled when outgoing uTP is on, as libtorrent does it: uTP first to any peer not known to
 * lack it, and TCP when the uTP connect fails (no answer within {@value #UTP_CONNECT_MILLIS} ms, or a RESET).
 * It remembers, per address, that uTP failed, so the next dial to that peer goes straight to TCP; a uTP
 * success clears that. Listening and the UDP port are the wrapped network's.
 */
public final class UtpFirstNetwork implements Network {
    /** libtorrent's utp_connect_timeout. */
    static final long UTP_CONNECT_MILLIS = 3000;

    private static final int REMEMBERED = 4096;

    private final Network tcp;
    private final UtpStack utp;
    private final BooleanSupplier enabled;
    private final Map<InetSocketAddress, Boolean> lacksUtp = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** @param enabled whether to try uTP now (the session's outgoing uTP setting, read at each dial) */
    public UtpFirstNetwork(Network tcp, UtpStack utp, BooleanSupplier enabled) {
        this.tcp = tcp;
        this.utp = utp;
        this.enabled = enabled;
    }

    @Override
    public Connection connect(InetSocketAddress to, Duration timeout) throws IOException {
        if (enabled.getAsBoolean() && !knownToLackUtp(to)) {
            try {
                Connection c = utp.connect(to, min(timeout, Duration.ofMillis(UTP_CONNECT_MILLIS)));
                synchronized (lacksUtp) {
                    lacksUtp.remove(to);
                }
                return c;
            } catch (SocketTimeoutException | ConnectException e) {
                // No answer, or a RESET: this peer does not speak uTP (our own limits say nothing about it).
                synchronized (lacksUtp) {
                    lacksUtp.put(to, Boolean.TRUE);
                }
            } catch (IOException e) {
                // the stack is full or closed: TCP this time
            }
        }
        return tcp.connect(to, timeout);
    }

    /** Whether a uTP dial to {@code to} failed last time. */
    public boolean knownToLackUtp(InetSocketAddress to) {
        synchronized (lacksUtp) {
            return lacksUtp.containsKey(to);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public Listener listen(InetSocketAddress at) throws IOException {
        return tcp.listen(at);
    }

    @Override
    public UdpPort bindUdp(InetSocketAddress at) throws IOException {
        return tcp.bindUdp(at);
    }
}
