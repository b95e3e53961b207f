package dev.tlskit.cli.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.interop.Interop;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A person with {@code openssl s_client} joins {@code tlskit chat --listen}, as the README describes. */
class ChatOpenSslInteropTest {
    @Test
    @Timeout(60)
    void opensslClientJoinsAndExchangesLines(@TempDir Path dir) throws Exception {
        Interop.requireBinary("openssl");
        DemoMaterial.writeTo(dir);
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob")) {
            int port = bob.port();
            Process p = new ProcessBuilder("openssl", "s_client", "-quiet", "-nocommands",
                    "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-verify_return_error",
                    "-CAfile", "ca.pem", "-cert", "client.pem", "-key", "client.key")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            Endpoint.Capture output = new Endpoint.Capture();
            Thread pump = new Thread(() -> copy(p.getInputStream(), output), "openssl-output");
            pump.setDaemon(true);
            pump.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write("carol\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                bob.err.await("carol connected", bob);
                output.await("bob\n", bob); // the listener's name, answered first
                bob.type("hello carol");
                output.await("hello carol\n", bob);
                in.write("hello bob\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                bob.out.await("carol: hello bob", bob);
                bob.type("quit");
                assertEquals(0, bob.awaitExit(), bob.describe());
                // close_notify ends s_client by itself
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "s_client ended after the listener's quit: " + output);
                assertTrue(output.toString().contains("quit\n"), output.toString());
            } finally {
                Interop.destroy(p);
            }
        }
    }

    private static void copy(InputStream in, Endpoint.Capture to) {
        try (in) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                to.write(new String(buf, 0, n, StandardCharsets.UTF_8).toCharArray(), 0,
                        new String(buf, 0, n, StandardCharsets.UTF_8).length());
            }
        } catch (java.io.IOException e) {
            // the process went away
        }
    }
}
