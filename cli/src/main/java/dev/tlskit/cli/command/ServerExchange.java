package dev.tlskit.cli.command;

import dev.tlskit.engine.Connection;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.TlsException;
import java.nio.charset.StandardCharsets;

/** What {@code tlskit server} reads from a client and answers: one message, an HTTP request head, or an echo. */
final class ServerExchange {
    private ServerExchange() {}

    /** One read, as wolfSSL's server does; empty when the client closed without sending. */
    static String readMessage(Connection c) throws TlsException {
        byte[] buf = new byte[16 * 1024];
        int n = c.read(buf, 0, buf.length);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * The HTTP request head: reads until the blank line that ends it, however the client split it into records
     * (zero-length ones included), the peer's end of stream, or {@value ServerCommand#MAX_REQUEST_BYTES} bytes, whichever
     * comes first. A request body, if any, is not read: the page is the same for every request.
     */
    static String readRequest(Connection c) throws TlsException {
        byte[] head = new byte[ServerCommand.MAX_REQUEST_BYTES];
        int filled = 0;
        while (filled < head.length) {
            int n = c.read(head, filled, head.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
            if (endsHead(head, filled)) {
                break;
            }
        }
        return new String(head, 0, filled, StandardCharsets.UTF_8);
    }

    /** Whether {@code b[0..n)} holds the blank line ending an HTTP head (CRLF CRLF, or bare LF LF). */
    private static boolean endsHead(byte[] b, int n) {
        for (int i = 1; i < n; i++) {
            if (b[i] == '\n' && (b[i - 1] == '\n' || i >= 3 && b[i - 1] == '\r' && b[i - 2] == '\n'
                    && b[i - 3] == '\r')) {
                return true;
            }
        }
        return false;
    }

    static long echo(Connection c) throws TlsException {
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = c.read(buf, 0, buf.length)) >= 0) {
            c.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    static String httpPage(HandshakeSummary s) {
        String body = "<html><head><title>tlskit</title></head><body>\n<h1>tlskit server</h1>\n<p>"
                + s.protocol() + " " + s.cipherSuite() + (s.group() == null ? "" : " " + s.group())
                + "</p>\n</body></html>\n";
        return "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    static String stripNewline(String s) {
        return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
