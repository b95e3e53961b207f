package dev.tlskit.engine.starttls;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;

/**
 * MySQL/MariaDB (client/server protocol, "SSL Handshake"): the server's Initial Handshake packet (protocol 10)
 * must carry CLIENT_SSL among its capabilities; the client answers with a 32-byte SSL Request packet, then TLS.
 */
final class MysqlPrelude implements Prelude {
    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_SSL = 0x800;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int MAX_PACKET = 64 * 1024;

    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("mysql", socket, deadline);
        byte[] header = ch.readBytes(4, "its handshake packet");
        int length = header[0] & 0xff | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        if (length < 1 || length > MAX_PACKET) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "expected a MySQL handshake packet, got a header of "
                    + PlainChannel.quote(new String(header, UTF_8)) + " (length " + length + ")", null);
        }
        byte[] p = ch.readBytes(length, "its handshake packet");
        if ((p[0] & 0xff) == 0xff) {
            String message = p.length > 3 ? new String(p, 3, p.length - 3, UTF_8) : "";
            int code = p.length >= 3 ? p[1] & 0xff | (p[2] & 0xff) << 8 : 0;
            ch.record(Direction.RECEIVED, "ERR " + code + " " + message);
            throw ch.fail(Reason.ERROR_REPLY, "the server refused the connection: error " + code + " "
                    + PlainChannel.quote(message), null);
        }
        if (p[0] != 10) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "expected handshake protocol 10, got " + (p[0] & 0xff), null);
        }
        int end = 1;
        while (end < p.length && p[end] != 0) {
            end++;
        }
        String version = new String(p, 1, end - 1, UTF_8);
        int caps = end + 1 + 4 + 8 + 1; // NUL, connection id, auth-plugin-data-part-1, filler
        if (caps + 2 > p.length) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "a handshake packet too short for its capability flags", null);
        }
        int capabilities = p[caps] & 0xff | (p[caps + 1] & 0xff) << 8;
        ch.record(Direction.RECEIVED, String.format("handshake: protocol 10, server %s, capabilities 0x%04x%s",
                version, capabilities, (capabilities & CLIENT_SSL) != 0 ? " (CLIENT_SSL)" : ""));
        if ((capabilities & CLIENT_SSL) == 0) {
            throw ch.fail(Reason.NOT_OFFERED, "the server does not offer TLS: no CLIENT_SSL in its capabilities"
                    + String.format(" (0x%04x, server %s)", capabilities, PlainChannel.quote(version)), null);
        }
        ch.send(sslRequest(), "SSL Request (CLIENT_SSL)");
        return ch.done();
    }

    /** The 32-byte SSL Request: capability flags, max packet size, character set, 23 zero bytes; sequence id 1. */
    private static byte[] sslRequest() {
        byte[] r = new byte[4 + 32];
        r[0] = 32;
        r[3] = 1;
        int flags = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION;
        for (int i = 0; i < 4; i++) {
            r[4 + i] = (byte) (flags >>> 8 * i);
        }
        r[4 + 4 + 3] = 1; // max packet size 16 MiB, little-endian
        r[4 + 8] = 33; // utf8_general_ci
        return r;
    }
}
