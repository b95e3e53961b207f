package dev.tlskit.cli.command;

import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.TlsException;
import java.util.List;

/**
 * One connection of the client after a good handshake: what it negotiated, what was sent and answered, and the
 * failure that ended the exchange, if one did.
 *
 * @param address the server's address as connected ({@code 127.0.0.1:11111}, {@code [::1]:11111})
 * @param summary the handshake
 * @param sent the message sent, or null ({@code --handshake-only})
 * @param reply the server's reply, or null (none sent, or the exchange failed)
 * @param goodbye the server's answer to {@code --quit}'s goodbye, as lines, or null (none said)
 * @param relayed whether it was interactive use ({@link Relay}), which printed the handshake and the session live
 * @param failure what went wrong after the handshake (a timeout waiting for the reply, a reset, an alert), or null
 */
record ClientExchange(String address, HandshakeSummary summary, String sent, String reply, List<String> goodbye,
        boolean relayed, TlsException failure) {}
