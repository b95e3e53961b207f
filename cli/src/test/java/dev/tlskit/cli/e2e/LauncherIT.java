package dev.tlskit.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's quick start, run as real processes through the ./tlskit launcher on the packaged jar. */
@Timeout(120)
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void quickStartServerAndClientExchangeTheSeedLines() throws Exception {
        Path serverErr = Files.createTempFile("tlskit-server", ".err");
        Path serverOut = Files.createTempFile("tlskit-server", ".out");
        Process server = new ProcessBuilder(ROOT.resolve("tlskit").toString(), "server", "-p", "0")
                .redirectOutput(serverOut.toFile()).redirectError(serverErr.toFile()).start();
        try {
            int port = awaitPort(serverErr, server);
            Process client = new ProcessBuilder(ROOT.resolve("tlskit").toString(), "client", "-p", String.valueOf(port))
                    .redirectErrorStream(false).start();
            client.getOutputStream().close();
            assertTrue(client.waitFor(60, TimeUnit.SECONDS), "client finished");
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), err);
            assertEquals(List.of("SSL version is TLSv1.3", "SSL cipher suite is TLS_AES_256_GCM_SHA384",
                    "SSL curve name is X25519", "I hear you fa shizzle!"), out.lines().toList());
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server exits after one connection");
            assertEquals(0, server.exitValue(), Files.readString(serverErr));
            assertTrue(Files.readString(serverOut).contains("Client message: hello wolfssl!"));
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void usageErrorExitsTwoWithOneLine() throws Exception {
        Process p = new ProcessBuilder(ROOT.resolve("tlskit").toString(), "client", "-c", "/no/such/cert.pem").start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), err);
        assertEquals("tlskit: error: /no/such/cert.pem: no such file", err.strip());
    }

    private static int awaitPort(Path err, Process server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = Tlskit.LISTENING.matcher(Files.readString(err));
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
            if (!server.isAlive()) {
                throw new AssertionError("server exited: " + Files.readString(err));
            }
            // Polling a file the child writes; there is no event to wait on across processes.
            Thread.sleep(50);
        }
        throw new AssertionError("server never listened: " + Files.readString(err));
    }
}
