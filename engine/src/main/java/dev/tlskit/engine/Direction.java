package dev.tlskit.engine;

/** Which way bytes travel, seen from this endpoint. */
public enum Direction {
    SENT,
    RECEIVED
}
