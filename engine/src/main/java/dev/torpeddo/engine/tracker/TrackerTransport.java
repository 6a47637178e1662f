package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.net.ChannelUdpEndpoint;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpEndpoint;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Everything trackers need from the outside world: an HTTP client, a way to open UDP endpoints, timeouts and a
 * clock. One instance is shared by all trackers of a session; tests pass their own pieces.
 *
 * @param network TCP connections for plain {@code http://} trackers ({@link PlainHttp})
 * @param https the client for {@code https://} trackers, built on first use (its TLS set-up takes ~65 ms)
 * @param httpTimeout the limit for one whole HTTP request
 * @param udp opens a UDP endpoint per tracker exchange
 * @param udpRetry UDP reply timeouts and attempts
 * @param clock ages the cached UDP connection ids and bounds UDP waits
 */
public record TrackerTransport(
        Network network,
        Supplier<HttpClient> https,
        Duration httpTimeout,
        UdpEndpoint.Factory udp,
        UdpRetryPolicy udpRetry,
        Clock clock) {

    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** Real sockets, default timeouts, system clock. */
    public static TrackerTransport defaults() {
        return new TrackerTransport(
                Network.tcp(),
                onFirstUse(TrackerTransport::defaultHttpClient),
                DEFAULT_HTTP_TIMEOUT,
                ChannelUdpEndpoint::open,
                UdpRetryPolicy.DEFAULT,
                Clock.SYSTEM);
    }

    /**
     * HTTP/1.1 only: with HTTP/2 allowed the JDK client sends an h2c upgrade request on plain http, which some
     * trackers answer wrongly. Redirects are followed except from https to http.
     */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The client for https trackers. */
    public HttpClient httpClient() {
        return https.get();
    }

    private static Supplier<HttpClient> onFirstUse(Supplier<HttpClient> build) {
        return new Supplier<>() {
            private HttpClient client;

            @Override
            public synchronized HttpClient get() {
                if (client == null) client = build.get();
                return client;
            }
        };
    }

    public TrackerTransport withUdpRetry(UdpRetryPolicy policy) {
        return new TrackerTransport(network, https, httpTimeout, udp, policy, clock);
    }

    public TrackerTransport withHttpTimeout(Duration timeout) {
        return new TrackerTransport(network, https, timeout, udp, udpRetry, clock);
    }

    public TrackerTransport withUdp(UdpEndpoint.Factory factory) {
        return new TrackerTransport(network, https, httpTimeout, factory, udpRetry, clock);
    }

    public TrackerTransport withNetwork(Network newNetwork) {
        return new TrackerTransport(newNetwork, https, httpTimeout, udp, udpRetry, clock);
    }

    public TrackerTransport withClock(Clock newClock) {
        return new TrackerTransport(network, https, httpTimeout, udp, udpRetry, newClock);
    }
}
