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
import dev.tlskit.engine.starttls.Goodbye;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One connection of {@code client}: connect, shake hands, print the seed's lines, then (unless
 * {@code --handshake-only}) send the message and print the reply, or relay stdin interactively; then the
 * {@code --quit} goodbye, if asked for. A failure after the handshake is returned in
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
    private final Relay relay;
    private final Goodbye goodbye;

    /**
     * @param relay interactive use after the handshake instead of the exchange, or null
     * @param goodbye said after the exchange ({@code --quit}), or null
     */
    ClientConnection(PeerOptions peer, Duration timeout, OutputOptions output, boolean httpGet, boolean handshakeOnly,
            PrintWriter out, PrintWriter err, Dialer dialer, Relay relay, Goodbye goodbye) {
        this.dialer = dialer;
        this.relay = relay;
        this.goodbye = goodbye;
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
                    : new ClientExchange(e.address(), e.summary(), e.sent(), e.reply(), e.goodbye(),
                            located(e.failure()));
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
        if (relay != null) {
            return new ClientExchange(address, s, null, null, null, relay.run(c));
        }
        if (handshakeOnly) {
            List<String> bye = null;
            try {
                bye = sayGoodbye(c);
                c.closeChecked(); // TLS 1.3: a server rejecting our certificate says so only after our Finished
                return new ClientExchange(address, s, null, null, bye, null);
            } catch (TlsException e) {
                return new ClientExchange(address, s, null, null, bye, e);
            }
        }
        String reply = null;
        try (c) {
            c.write(text.getBytes(StandardCharsets.UTF_8));
            reply = httpGet ? readAll(c) : readOnce(c);
            print(reply);
            return new ClientExchange(address, s, text, reply, sayGoodbye(c), null);
        } catch (TlsException e) {
            return new ClientExchange(address, s, text, reply, null, e);
        }
    }

    /** {@code --quit}: the protocol's goodbye, its answer printed (text mode) and returned; null when not asked. */
    private List<String> sayGoodbye(Connection c) throws TlsException {
        if (goodbye == null) {
            return null;
        }
        List<String> answer = goodbye.say(c);
        if (!answer.isEmpty()) {
            print(String.join("\n", answer));
        }
        return answer;
    }

    /** What the server said, on stdout in text mode, ending with a newline. */
    private void print(String reply) {
        if (!output.json()) {
            out.print(reply);
            if (!reply.endsWith("\n")) {
                out.println();
            }
            out.flush();
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
