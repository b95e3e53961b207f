package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TLS connection over a socket that first carried plaintext (STARTTLS): the client hands over its connected
 * socket, the server hands over the bytes its prelude read past the last line (they belong to the ClientHello).
 */
class PreludeTest {
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void handshakesOverASocketThatCarriedAPlaintextPrelude(TlsProvider provider) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        TlsContext client = TlsContext.create(TestPki.anonymousClient(provider, TlsVersion.TLS_1_3).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<String> served = loop.serveRaw(s -> {
                InputStream in = s.getInputStream();
                assertEquals("STARTTLS", line(in));
                s.getOutputStream().write("GO\n".getBytes(US_ASCII));
                byte[] readAhead = in.readNBytes(7); // a prelude reading past its line takes TLS bytes with it
                try (TlsConnection c = TlsConnection.accept(server, s, null, readAhead)) {
                    byte[] buf = new byte[64];
                    int n = c.read(buf, 0, buf.length);
                    c.write("pong".getBytes(US_ASCII), 0, 4);
                    return new String(buf, 0, n, US_ASCII);
                }
            });
            Socket s = new Socket(InetAddress.getByName("127.0.0.1"), loop.port());
            s.getOutputStream().write("STARTTLS\n".getBytes(US_ASCII));
            assertEquals("GO", line(s.getInputStream()));
            try (TlsConnection c = TlsConnection.over(client, s, "localhost", new byte[0])) {
                assertEquals("TLSv1.3", c.summary().protocol());
                c.write("ping".getBytes(US_ASCII), 0, 4);
                byte[] buf = new byte[64];
                int n = c.read(buf, 0, buf.length);
                assertEquals("pong", new String(buf, 0, n, US_ASCII));
            }
            assertEquals("ping", served.get());
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            b.write(c);
        }
        return b.toString(US_ASCII);
    }
}
