package dev.tlskit.cli.command;

import dev.tlskit.cli.Report;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.engine.Connection;
import dev.tlskit.engine.HandshakeSummary;
import dev.tlskit.engine.IpFamily;
import dev.tlskit.engine.IpLiteral;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.TlsException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection of {@code client}: connect, shake hands, print the seed's lines, then (unless
 * {@code --handshake-only}) send the message and print the reply. A failure after the handshake is returned in
 * the {@link ClientExchange}, so the handshake is still reported; failures carry where they happened.
 */
final class ClientConnection {
    private final PeerOptions peer;
    private final Duration timeout;
    private final OutputOptions output;
    private final boolean httpGet;
    private final boolean handshakeOnly;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Dialer dialer;

    ClientConnection(PeerOptions peer, Duration timeout, OutputOptions output, boolean httpGet, boolean handshakeOnly,
            PrintWriter out, PrintWriter err, Dialer dialer) {
        this.dialer = dialer;
        this.peer = peer;
        this.timeout = timeout;
        this.output = output;
        this.httpGet = httpGet;
        this.handshakeOnly = handshakeOnly;
        this.out = out;
        this.err = err;
    }

    /**
     * @param text what to send (ignored with --handshake-only)
     * @throws TlsException when connecting or the handshake fails
     */
    ClientExchange exchange(TlsContext context, String target, IpFamily family, String text) throws TlsException {
        try {
            ClientExchange e = exchangeOnce(context, target, family, text);
            return e.failure() == null ? e
                    : new ClientExchange(e.address(), e.summary(), e.sent(), e.reply(), located(e.failure()));
        } catch (TlsException e) {
            throw located(e);
        }
    }

    /** The failure with where it happened, and the limit that ran out when it is a timeout. */
    private TlsException located(TlsException e) {
        return dev.tlskit.cli.Errors.timeoutNamed(e.withContext(peer.where() + ": "), timeout);
    }

    private ClientExchange exchangeOnce(TlsContext context, String target, IpFamily family, String text)
            throws TlsException {
        Connection c = Configs.connect(() -> dialer.dial(context, target, peer.port(), family), target);
        HandshakeSummary s = c.summary();
        String address = IpLiteral.hostPort(c.remoteAddress().getAddress(), c.remoteAddress().getPort());
        if (!output.json()) {
            Report.seedLines(out, s);
            out.flush();
        }
        if (output.verbose()) {
            Report.verboseLines(err, s);
        }
        if (handshakeOnly) {
            try {
                c.closeChecked(); // TLS 1.3: a server rejecting our certificate says so only after our Finished
                return new ClientExchange(address, s, null, null, null);
            } catch (TlsException e) {
                return new ClientExchange(address, s, null, null, e);
            }
        }
        try (c) {
            c.write(text.getBytes(StandardCharsets.UTF_8));
            String reply = httpGet ? readAll(c) : readOnce(c);
            if (!output.json()) {
                out.print(reply);
                if (!reply.endsWith("\n")) {
                    out.println();
                }
                out.flush();
            }
            return new ClientExchange(address, s, text, reply, null);
        } catch (TlsException e) {
            return new ClientExchange(address, s, text, null, e);
        }
    }

    /** One read, as wolfSSL's client does: the server's reply arrives in one record. */
    private static String readOnce(Connection c) throws TlsException {
        byte[] buf = new byte[16 * 1024];
        int n = c.read(buf, 0, buf.length);
        if (n < 0) {
            throw new TlsException(TlsException.Kind.NETWORK, "the server closed the connection without replying", null);
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** Everything until the server closes (an HTTP/1.0 response). */
    private static String readAll(Connection c) throws TlsException {
        return new String(c.readToEnd(16 * 1024 * 1024), StandardCharsets.UTF_8);
    }
}
