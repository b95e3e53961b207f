package dev.tlskit.cli.command;

import dev.tlskit.engine.Connection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsException;

/** How {@link ClientConnection} reaches the server: straight into TLS, or through a STARTTLS prelude. */
interface Dialer {
    Connection dial(TlsContext context, String host, int port, IpFamily family) throws TlsException;

    /** TLS from the first byte (or DTLS). */
    Dialer DIRECT = Connection::connect;
}
