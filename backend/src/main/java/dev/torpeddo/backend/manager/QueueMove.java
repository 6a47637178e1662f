package dev.torpeddo.backend.manager;

/** A move in the queue. */
public enum QueueMove {
    UP,
    DOWN,
    TOP,
    BOTTOM
}
