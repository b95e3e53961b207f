package dev.tlskit.cli.command;

import dev.tlskit.engine.Connection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.starttls.Goodbye;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One connection of {@code client}: connect, shake hands, then (unless {@code --handshake-only}) send the message
 * and read the reply, then say the {@code --quit} goodbye if asked. It prints nothing, except in interactive use,
 * which is live ({@link Relay}): a failure after the handshake is returned in the {@link ClientExchange},
 * so the handshake is still reported; failures carry where they happened.
 */
final class ClientConnection {
    private final String host;
    private final int port;
    private final Duration timeout;
    private final boolean httpGet;
    private final boolean handshakeOnly;
    private final Dialer dialer;
    private final Relay relay;
    private final Goodbye goodbye;

    /**
     * @param relay interactive use after the handshake instead of the exchange, or null
     * @param goodbye said after the exchange ({@code --quit}), or null
     */
    ClientConnection(String host, int port, Duration timeout, boolean httpGet, boolean handshakeOnly, Dialer dialer,
            Relay relay, Goodbye goodbye) {
        this.relay = relay;
        this.goodbye = goodbye;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.httpGet = httpGet;
        this.handshakeOnly = handshakeOnly;
        this.dialer = dialer;
    }

    /**
     * @param text what to send (ignored with --handshake-only)
     * @throws TlsException when connecting or the handshake fails
     */
    ClientExchange exchange(TlsContext context, IpFamily family, String text) throws TlsException {
        try {
            ClientExchange e = exchangeOnce(context, family, text);
            return e.failure() == null ? e
                    : new ClientExchange(e.address(), e.summary(), e.sent(), e.reply(), e.goodbye(), e.relayed(),
                            located(e.failure()));
        } catch (TlsException e) {
            throw located(e);
        }
    }

    /** The failure with where it happened, and the limit that ran out when it is a timeout. */
    private TlsException located(TlsException e) {
        return dev.tlskit.cli.Errors.timeoutNamed(
                e.withContext(dev.tlskit.engine.model.IpLiteral.hostPort(host, port) + ": "), timeout);
    }

    private ClientExchange exchangeOnce(TlsContext context, IpFamily family, String text) throws TlsException {
        Connection c = Configs.connect(() -> dialer.dial(context, host, port, family), host);
        HandshakeSummary s = c.summary();
        String address = IpLiteral.hostPort(c.remoteAddress().getAddress(), c.remoteAddress().getPort());
        if (relay != null) {
            return new ClientExchange(address, s, null, null, null, true, relay.run(c));
        }
        if (handshakeOnly) {
            List<String> bye = null;
            try {
                bye = goodbye == null ? null : goodbye.say(c);
                c.closeChecked(); // TLS 1.3: a server rejecting our certificate says so only after our Finished
                return new ClientExchange(address, s, null, null, bye, false, null);
            } catch (TlsException e) {
                return new ClientExchange(address, s, null, null, bye, false, e);
            }
        }
        String reply = null;
        try (c) {
            c.write(text.getBytes(StandardCharsets.UTF_8));
            reply = httpGet ? readAll(c) : readOnce(c);
            return new ClientExchange(address, s, text, reply, goodbye == null ? null : goodbye.say(c), false, null);
        } catch (TlsException e) {
            return new ClientExchange(address, s, text, reply, null, false, e);
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
