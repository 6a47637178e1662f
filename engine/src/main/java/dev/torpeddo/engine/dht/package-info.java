/**
 * The mainline DHT (BEP 5): finding and announcing peers without trackers.
 *
 * <p>{@link dev.torpeddo.engine.dht.DhtNode} is the entry point: it runs on one UDP socket
 * ({@link dev.torpeddo.engine.dht.DatagramPort}), answers queries from its
 * {@link dev.torpeddo.engine.dht.RoutingTable}, {@link dev.torpeddo.engine.dht.TokenManager} and
 * {@link dev.torpeddo.engine.dht.PeerStore} under a {@link dev.torpeddo.engine.dht.QueryRateLimiter}, and runs
 * iterative lookups for {@code getPeers} and {@code announce}; a {@code NodeVerifier}
 * pings questionable nodes (such as those loaded from the state file) until they answer or are evicted. Packets are
 * {@link dev.torpeddo.engine.dht.KrpcMessage} records, read and written by
 * {@link dev.torpeddo.engine.dht.KrpcCodec}; anything malformed becomes a
 * {@link dev.torpeddo.engine.dht.KrpcException} and is dropped.
 */
package dev.torpeddo.engine.dht;
