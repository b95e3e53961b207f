package dev.tlskit.cli.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.interop.Interop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
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
            try (Interop.Peer carol = Interop.startWithOpenStdin(dir, List.of("openssl", "s_client", "-quiet",
                    "-nocommands", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-verify_return_error",
                    "-CAfile", "ca.pem", "-cert", "client.pem", "-key", "client.key"))) {
                carol.write("carol\n");
                bob.awaitErr("carol connected");
                carol.await(Pattern.compile("bob\n"), Tlskit.LIMIT); // the listener's name, answered first
                bob.type("hello carol");
                carol.await(Pattern.compile("hello carol\n"), Tlskit.LIMIT);
                carol.write("hello bob\n");
                bob.awaitOut("carol: hello bob");
                bob.type("quit");
                assertEquals(0, bob.awaitExit(), bob.describe());
                // close_notify ends s_client by itself
                Interop.Result ended = carol.waitFor(Duration.ofSeconds(10));
                assertTrue(ended.output().contains("quit\n"), ended.output());
            }
        }
    }
}
