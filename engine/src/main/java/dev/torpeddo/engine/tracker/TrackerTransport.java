package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Randomness;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.net.ChannelUdpEndpoint;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpEndpoint;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything trackers need from the outside world: an HTTP client, a way to open UDP endpoints, timeouts, a
 * clock, threads and randomness. One instance is shared by all trackers of a session; tests pass their own pieces.
 *
 * @param network TCP connections for plain {@code http://} trackers ({@link PlainHttp})
 * @param https the client for {@code https://} trackers, built on first use (its TLS set-up takes ~65 ms)
 * @param httpTimeout the limit for one whole HTTP request
 * @param udp opens a UDP endpoint per tracker exchange
 * @param udpRetry UDP reply timeouts and attempts
 * @param clock ages the cached UDP connection ids and bounds UDP waits
 * @param threads starts the announcers' and scrapes' threads
 * @param random tier shuffles, announce keys, UDP transaction ids
 * @param ipv6 our IPv6 address to tell HTTP trackers ({@code ipv6=}, BEP 7), asked at each announce: a global
 *     one peers elsewhere can reach, or none
 */
public record TrackerTransport(
        Network network,
        Supplier<HttpClient> https,
        Duration httpTimeout,
        UdpEndpoint.Factory udp,
        UdpRetryPolicy udpRetry,
        Clock clock,
        Threads threads,
        Randomness random,
        Supplier<Optional<InetAddress>> ipv6) {

    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** Real sockets, default timeouts, the system clock, JDK threads and randomness. */
    public static TrackerTransport defaults() {
        return new TrackerTransport(
                Network.tcp(),
                onFirstUse(TrackerTransport::defaultHttpClient),
                DEFAULT_HTTP_TIMEOUT,
                ChannelUdpEndpoint::open,
                UdpRetryPolicy.DEFAULT,
                Clock.SYSTEM,
                Threads.SYSTEM,
                Randomness.SYSTEM,
                Optional::empty);
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
        return new TrackerTransport(network, https, httpTimeout, udp, policy, clock, threads, random, ipv6);
    }

    public TrackerTransport withHttpTimeout(Duration timeout) {
        return new TrackerTransport(network, https, timeout, udp, udpRetry, clock, threads, random, ipv6);
    }

    public TrackerTransport withUdp(UdpEndpoint.Factory factory) {
        return new TrackerTransport(network, https, httpTimeout, factory, udpRetry, clock, threads, random, ipv6);
    }

    public TrackerTransport withNetwork(Network newNetwork) {
        return new TrackerTransport(newNetwork, https, httpTimeout, udp, udpRetry, clock, threads, random, ipv6);
    }

    /** The clock, threads and randomness of an engine {@code Environment}. */
    public TrackerTransport withEnvironment(Clock newClock, Threads newThreads, Randomness newRandom) {
        return new TrackerTransport(network, https, httpTimeout, udp, udpRetry, newClock, newThreads, newRandom, ipv6);
    }

    public TrackerTransport withClock(Clock newClock) {
        return new TrackerTransport(network, https, httpTimeout, udp, udpRetry, newClock, threads, random, ipv6);
    }

    /** Tells HTTP trackers this IPv6 address of ours, when it gives one. */
    public TrackerTransport withIpv6(Supplier<Optional<InetAddress>> ours) {
        return new TrackerTransport(network, https, httpTimeout, udp, udpRetry, clock, threads, random, ours);
    }
}
