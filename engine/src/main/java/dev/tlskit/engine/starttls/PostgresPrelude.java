package dev.tlskit.engine.starttls;

import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;

/**
 * PostgreSQL (protocol 3, "SSL Session Encryption"): the client sends SSLRequest (length 8, code 80877103 =
 * 0x04d2162f); the server answers one byte, {@code S} (go on with TLS) or {@code N} (no TLS here).
 */
final class PostgresPrelude implements Prelude {
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("postgres", socket, deadline);
        ch.send(SSL_REQUEST, "SSLRequest");
        int answer = ch.readBytes(1, "the answer to SSLRequest")[0] & 0xff;
        switch (answer) {
            case 'S' -> {
                ch.record(Direction.RECEIVED, "S (TLS accepted)");
                // Nothing may follow 'S' in plaintext (CVE-2021-23214): no read-ahead to hand over.
                return ch.done();
            }
            case 'N' -> {
                ch.record(Direction.RECEIVED, "N (TLS refused)");
                throw ch.fail(Reason.NOT_OFFERED, "the server does not offer TLS: it answered SSLRequest with 'N'",
                        null);
            }
            case 'E' -> {
                ch.record(Direction.RECEIVED, "E (an ErrorResponse)");
                throw ch.fail(Reason.ERROR_REPLY, "the server answered SSLRequest with an error ('E')", null);
            }
            default -> {
                ch.record(Direction.RECEIVED, String.format("0x%02x", answer));
                throw ch.fail(Reason.NOT_THIS_PROTOCOL, String.format("expected 'S' or 'N' to SSLRequest, got 0x%02x"
                        + (answer >= 0x20 && answer < 0x7f ? " ('%c')" : ""), answer, (char) answer), null);
            }
        }
    }
}
