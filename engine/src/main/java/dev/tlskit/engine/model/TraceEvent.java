package dev.tlskit.engine.model;

import dev.tlskit.engine.wire.HandshakeMessage;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.util.List;

/**
 * One TLS record as seen on the wire, named as Wireshark names it.
 *
 * @param direction sent or received by this endpoint
 * @param contentType the record's content type as named on the wire ("Handshake", "Application Data", ...)
 * @param version the record-layer version field ({@code 0x0303} for TLS 1.2 and 1.3)
 * @param length the record's body length in bytes
 * @param messages what the record carries: handshake message names ("Client Hello"), "Change Cipher Spec",
 *     "Encrypted Handshake Message", "Application Data", "Alert (fatal, handshake_failure)", ...
 * @param decoded the plaintext handshake messages of this record that the wire readers decode (hellos, a
 *     ServerKeyExchange), as data: what a debugger wants beyond the names, rendered at the edge
 * @param nanos {@link System#nanoTime()} when the record was seen
 */
public record TraceEvent(
        Direction direction, String contentType, int version, int length, List<String> messages,
        List<HandshakeMessage> decoded, long nanos) {

    public TraceEvent {
        messages = List.copyOf(messages);
        decoded = List.copyOf(decoded);
    }

    /** The record version as text, e.g. {@code TLS 1.2}. */
    public String versionName() {
        return ProtocolVersion.nameOf(version);
    }
}
