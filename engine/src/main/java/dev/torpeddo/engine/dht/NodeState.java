package dev.torpeddo.engine.dht;

/**
 * How much a routing table trusts a node (BEP 5): good if it answered us within the last 15 minutes (or has
 * answered before and queried us within them); questionable otherwise, which includes every node loaded from a
 * saved table until it answers. BEP 5's third state, bad (failed to answer), has no value here: a routing table
 * evicts a node as soon as it is bad.
 */
public enum NodeState {
    GOOD,
    QUESTIONABLE
}
