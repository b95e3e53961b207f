package dev.tlskit.cli.echo;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.interop.Interop;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plumbing of the echoserver/echoclient tests: an echoserver on {@link Tlskit}'s background run, a raw TLS client
 * and a tiny JSON reader (peers are {@link dev.tlskit.cli.interop.Interop.Peer}s). Loopback only.
 */
final class Echo {
    static final Duration LIMIT = Duration.ofSeconds(20);

    private Echo() {}

    /** Writes {@code lines}, each with \n, to {@code dir/name}. */
    static Path lines(Path dir, String name, String... lines) {
        try {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- an echoserver in the background

    /** {@code tlskit echoserver ...} on {@link Tlskit}'s daemon thread; {@link #close} sends 'quit' if it runs. */
    static final class Server implements AutoCloseable {
        private final Tlskit.Background run;
        private int port = -1;

        Server(String... args) {
            run = Tlskit.start(args);
        }

        /** The port of the "listening on" line; fails if the server exits before printing it. */
        int port() throws InterruptedException {
            port = run.port();
            return port;
        }

        String out() {
            return run.out();
        }

        String err() {
            return run.err();
        }

        boolean exited() {
            return run.exited();
        }

        /** Waits until stdout shows {@code p}. */
        void awaitOut(Pattern p) throws InterruptedException {
            run.awaitOut(p);
        }

        /** Waits for the server to finish by itself. */
        Tlskit.Result await() throws Exception {
            return run.await(LIMIT);
        }

        /** Stops a server a failed test left running: a 'quit' line on a fresh connection. */
        @Override
        public void close() throws Exception {
            if (run.exited() || port < 0) {
                return;
            }
            try (TlsConnection c = connect(port)) {
                c.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            } catch (TlsException e) {
                // the server is going away anyway
            }
            try {
                run.await(Duration.ofSeconds(10));
            } catch (AssertionError e) {
                // a daemon thread: it dies with the JVM
            }
        }
    }

    // ---------------------------------------------------------------- a raw TLS client

    /** A TLS 1.3 client of the engine that trusts the demo CA and sends the demo client certificate. */
    static TlsConnection connect(int port) throws TlsException {
        return connect(port, Duration.ofSeconds(10));
    }

    /** The same, with {@code timeout} for the handshake and each read. */
    static TlsConnection connect(int port, Duration timeout) throws TlsException {
        TlsConfig config = TlsConfig.forClient().trustAnchors(List.of(DemoMaterial.ca()))
                .identity(DemoMaterial.client().privateKey(), DemoMaterial.client().chain())
                .handshakeTimeout(timeout).readTimeout(timeout).build();
        return TlsConnection.connect(TlsContext.create(config), "localhost", port, IpFamily.ANY);
    }

    /** Reads exactly {@code n} bytes, or fails. */
    static String read(TlsConnection c, int n) throws TlsException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = c.read(buf, got, n - got);
            if (r < 0) {
                fail("the server closed after " + got + " of " + n + " bytes: "
                        + new String(buf, 0, got, StandardCharsets.UTF_8));
            }
            got += r;
        }
        return new String(buf, StandardCharsets.UTF_8);
    }

    /** Reads until the server closes. */
    static String readToEnd(TlsConnection c) throws TlsException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int r;
        while ((r = c.read(buf, 0, buf.length)) >= 0) {
            all.write(buf, 0, r);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- JSON

    /** A JSON object parsed by {@link Interop#parseJson}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String s) {
        Object v = Interop.parseJson(s);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + s);
        }
        return (Map<String, Object>) v;
    }
}
