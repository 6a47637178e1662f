package dev.torpeddo.backend.manager;

/**
 * The outcome of an add: the torrent's id, and whether it was already there ({@code duplicate}: nothing new was
 * added, only trackers the add named that it did not know yet).
 */
public record AddResult(String id, String name, boolean duplicate) {}
