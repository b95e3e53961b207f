package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Run;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code tlskit client -r}: a real resumption on TLS 1.2 and TLS 1.3, against {@code openssl s_server} and against
 * tlskit's own server. The Bouncy Castle provider resumes TLS 1.2 only (BCJSSE does not resume TLS 1.3 sessions),
 * so TLS 1.3 runs with the jdk provider.
 */
class ResumptionInteropTest extends DemoPeers {
    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @CsvSource({"1.2, jdk", "1.3, jdk", "1.2, bc", "1.2, boringssl", "1.3, boringssl"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void clientResumesWithSServer(String version, String provider) throws Exception {
        Interop.requireBinary("openssl");
        // -www (not -rev): -r sends "resuming wolfssl!" without a newline, which -rev would wait on forever.
        // -naccept 2: s_server serves the first and the resumed connection, then exits by itself.
        try (Peer s = Interop.start(dir, null, "openssl", "s_server", "-accept", "127.0.0.1:0", "-naccept", "2",
                "-cert", "server.pem", "-key", "server.key", "-CAfile", "ca.pem", "-Verify", "1",
                "-verify_return_error", "-www")) {
            int port = Integer.parseInt(s.await(Interop.S_SERVER_ACCEPT, Interop.PEER_START).group(1));

            Run r = tlskit("client", "-h", "127.0.0.1", "-p", String.valueOf(port), "-A",
                    dir.resolve("ca.pem").toString(), "-c", dir.resolve("client.pem").toString(), "-k",
                    dir.resolve("client.key").toString(), "-v", version, "--provider", provider, "-g", "-r");

            assertEquals(0, r.exitCode(), r::describe);
            assertTrue(r.out().contains("reused session id\n"), r::describe);
            assertTrue(!r.out().contains("didn't reuse"), r::describe);
            // s_server's own page for the second connection says so too
            assertTrue(r.out().contains("Reused, TLSv" + version), r::describe);
            assertEquals(0, s.waitFor(Interop.RUN_LIMIT).exitCode(), s.output());
        }
    }

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @CsvSource({"1.2, jdk", "1.3, jdk", "1.2, bc", "1.2, boringssl", "1.3, boringssl"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void clientResumesWithTlskitServer(String version, String provider) throws Exception {
        try (Background server = Interop.tlskitInBackground("server", "-p", "0", "-C", "2", "--provider", provider)) {
            int port = server.port();

            Run r = tlskit("client", "-p", String.valueOf(port), "-v", version, "--provider", provider, "-r");
            Run s = server.await(Interop.RUN_LIMIT);

            assertEquals(0, r.exitCode(), r::describe);
            assertTrue(r.out().contains("reused session id\n"), r::describe);
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("Client message: hello wolfssl!\n"), s::describe);
            assertTrue(s.out().contains("Client message: resuming wolfssl!\n"), s::describe);
        }
    }
}
