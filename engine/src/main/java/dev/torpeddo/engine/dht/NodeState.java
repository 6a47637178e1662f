package dev.torpeddo.engine.dht;

/**
 * How much a routing table trusts a node (BEP 5): good if it answered us within the last 15 minutes (or has
 * answered before and queried us within them), questionable after 15 quiet minutes, bad after failing to
 * answer several queries in a row.
 */
public enum NodeState {
    GOOD,
    QUESTIONABLE,
    BAD
}
