package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Result;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** curl against {@code tlskit server -g}: the HTML page, over mutual-auth TLS, with curl verifying the hostname. */
class CurlInteropTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void material() {
        Interop.demo(dir);
    }

    @BeforeEach
    void curl() {
        Interop.requireBinary("curl");
    }

    private static Result curl(int port, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--noproxy", "*",
                "--max-time", "20", "--cacert", "ca.pem"));
        cmd.addAll(List.of(extra));
        cmd.add("https://localhost:" + port + "/");
        return Interop.run(dir, null, Interop.RUN_LIMIT, cmd);
    }

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @CsvSource({"1.2, jdk", "1.3, jdk", "1.3, bc", "1.2, boringssl", "1.3, boringssl"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void curlGetsHtmlPageFromServer(String version, String provider) throws Exception {
        try (Background server = Interop.tlskitInBackground("server", "-p", "0", "-g", "-v", version,
                "--provider", provider)) {
            int port = server.port();

            Result c = curl(port, "--cert", "client.pem", "--key", "client.key");
            Run s = server.await(Interop.RUN_LIMIT);

            assertEquals(0, c.exitCode(), c.output());
            assertTrue(c.output().contains("<h1>tlskit server</h1>"), c.output());
            assertTrue(c.output().contains("TLSv" + version), c.output());
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("SSL version is TLSv" + version + "\n"), s::describe);
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void serverRefusesCurlWithoutClientCertificate() throws Exception {
        try (Background server = Interop.tlskitInBackground("server", "-p", "0", "-g", "-v", "1.2")) {
            int port = server.port();

            Result c = curl(port);
            Run s = server.await(Interop.RUN_LIMIT);

            assertNotEquals(0, c.exitCode(), c.output());
            assertEquals(4, s.exitCode(), s::describe);
            assertTrue(s.err().contains("tlskit: error: client "), s::describe);
        }
    }
}
