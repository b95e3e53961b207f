package dev.tlskit.cli.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the OpenSSL interop classes share besides the demo material ({@link DemoPeers}): the openssl binary
 * required (a skip locally, a failure with CI=true), and {@code openssl s_client} against a tlskit server.
 */
abstract class OpenSslPeers extends DemoPeers {
    @BeforeEach
    void openssl() {
        Interop.requireBinary("openssl");
    }

    /** What {@code openssl s_client} and the tlskit server it talked to printed and returned. */
    record Exchange(Interop.Result client, Interop.Run server) {}

    /** {@link #sClient(String, Interop.Background, String, String...)} to 127.0.0.1. */
    static Exchange sClient(Interop.Background server, String message, String... options) throws Exception {
        return sClient("127.0.0.1", server, message, options);
    }

    /**
     * {@code openssl s_client -connect HOST:PORT} and {@code options} against {@code server}, {@code message} on
     * its stdin, run to its end, then the server's end.
     */
    static Exchange sClient(String host, Interop.Background server, String message, String... options)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", host + ":" + server.port()));
        cmd.addAll(List.of(options));
        Interop.Result c = Interop.run(dir, message.getBytes(StandardCharsets.UTF_8), Interop.RUN_LIMIT, cmd);
        return new Exchange(c, server.await(Interop.RUN_LIMIT));
    }
}
