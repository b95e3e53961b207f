package dev.tlskit.engine.model;

/** Which way bytes travel, seen from this endpoint. */
public enum Direction {
    SENT,
    RECEIVED
}
