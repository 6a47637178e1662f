/**
 * Rate limits: {@link dev.torpeddo.engine.bandwidth.RateLimiter}, a token bucket many connections share
 * fairly (each through a {@link dev.torpeddo.engine.bandwidth.RateLimiter.Share}) and whose rate can change
 * at any time, and {@link dev.torpeddo.engine.bandwidth.Bandwidth}, one direction of one connection: its
 * shares of a chain of limiters (its torrent's, then the session's), which also wraps the connection's
 * streams.
 *
 * <p>What counts: every byte of the peer-wire stream after the handshake — length prefixes, message ids and
 * payloads, so protocol overhead too — but not TCP/IP headers, nor the 68-byte handshake exchanged before a
 * connection is limited. Typical wiring: the session owns one download and one upload limiter, each torrent
 * another pair, and every peer connection gets a new {@code Bandwidth.of(torrentDown, sessionDown)} and a new
 * {@code Bandwidth.of(torrentUp, sessionUp)}.
 */
package dev.torpeddo.engine.bandwidth;
