package dev.tlskit.engine.starttls;

import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.internal.Sockets;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsException;
import java.io.IOException;
import java.net.Socket;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Connects, speaks a protocol's STARTTLS prelude, then hands the socket to {@link TlsConnection#over}. The
 * prelude and the TCP connect share the configuration's handshake timeout; the TLS handshake gets its own.
 */
public final class StartTls {
    private StartTls() {}

    /**
     * A TLS connection that began as plaintext, and what was said before TLS.
     *
     * @param connection the TLS connection, handshake done
     * @param prelude the prelude's transcript
     */
    public record Upgraded(TlsConnection connection, PreludeResult prelude) {}

    /**
     * @param name what the prelude announces ({@link StartTlsProtocol#prelude(String)})
     * @param listener sees the prelude's lines once it has ended, well or not (a {@code --trace}), or null
     * @throws TlsException a network failure, a failed prelude (its cause a {@link PreludeException}: kind
     *     {@link TlsException.Kind#HANDSHAKE} when the server refused or spoke another protocol,
     *     {@link TlsException.Kind#NETWORK} when it closed or timed out), or a failed TLS handshake
     */
    public static Upgraded connect(TlsContext context, StartTlsProtocol protocol, String name, String host, int port,
            IpFamily family, Consumer<PreludeLine> listener) throws TlsException {
        Instant deadline = Instant.now().plus(context.config().handshakeTimeout());
        Socket socket = TlsConnection.openTcp(host, port, family, context.config().handshakeTimeout());
        PreludeResult result;
        try {
            result = protocol.prelude(name).run(socket, deadline);
        } catch (PreludeException e) {
            Sockets.closeQuietly(socket);
            if (listener != null) {
                e.transcript().forEach(listener);
            }
            throw failure(e);
        }
        if (listener != null) {
            result.transcript().forEach(listener);
        }
        return new Upgraded(TlsConnection.over(context, socket, host, result.readAhead()), result);
    }

    /** A prelude's failure as the engine's failure, so callers map it to an exit code as any other. */
    public static TlsException failure(PreludeException e) {
        TlsException.Kind kind = switch (e.reason()) {
            case NOT_OFFERED, ERROR_REPLY, NOT_THIS_PROTOCOL -> TlsException.Kind.HANDSHAKE;
            case CLOSED, TIMED_OUT -> TlsException.Kind.NETWORK;
        };
        TlsException.Reason reason = switch (e.reason()) {
            case TIMED_OUT -> TlsException.Reason.TIMED_OUT;
            case CLOSED -> TlsException.Reason.PEER_CLOSED;
            case NOT_OFFERED, ERROR_REPLY, NOT_THIS_PROTOCOL -> TlsException.Reason.OTHER;
        };
        return new TlsException(kind, reason, e.getMessage(), e, java.util.List.of(), null);
    }
}
