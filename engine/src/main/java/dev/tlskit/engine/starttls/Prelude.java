package dev.tlskit.engine.starttls;

import java.net.Socket;
import java.time.Instant;

/**
 * The plaintext part of one protocol's STARTTLS: spoken on a connected socket until the server agrees to TLS,
 * after which the caller hands the socket (and {@link PreludeResult#readAhead()}) to
 * {@link dev.tlskit.engine.TlsConnection#over}.
 */
public interface Prelude {
    /**
     * @param deadline when to give up waiting for the server ({@link PreludeException.Reason#TIMED_OUT})
     * @throws PreludeException the server refused, failed, closed, timed out or spoke another protocol
     */
    PreludeResult run(Socket socket, Instant deadline) throws PreludeException;
}
