package dev.tlskit.cli.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two in-process chat endpoints in line mode, on loopback, with the demo material. */
class ChatCommandTest {
    @Test
    @Timeout(60)
    void exchangesNamesAndMessagesBothWaysAtOnce() throws Exception {
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob")) {
            int port = bob.port();
            try (Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(port), "--name", "alice")) {
                bob.awaitErr("alice connected");
                alice.awaitErr("bob connected");
                // Both type at once, and neither reads its peer until all is sent: a writer blocked behind its
                // reader (or the peer's) would stall this exchange.
                int n = 300;
                CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < n; i++) {
                        alice.type("from alice " + i);
                    }
                });
                CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < n; i++) {
                        bob.type("from bob " + i);
                    }
                });
                a.get(20, TimeUnit.SECONDS);
                b.get(20, TimeUnit.SECONDS);
                bob.awaitOut("alice: from alice " + (n - 1) + "\n");
                alice.awaitOut("bob: from bob " + (n - 1) + "\n");
                assertEquals(numbered("alice: from alice ", n), bob.out(), "bob's stdout");
                assertEquals(numbered("bob: from bob ", n), alice.out(), "alice's stdout");
                assertTrue(bob.err().contains("TLSv1.3"), "TLS 1.3 by default" + bob.describe());

                alice.type("quit");
                assertEquals(0, alice.awaitExit(), alice.describe());
                bob.awaitErr("alice left the chat (quit)");
                assertTrue(!bob.exited(), "the listener waits for the next peer" + bob.describe());
            }
            bob.type("quit");
            assertEquals(0, bob.awaitExit(), bob.describe());
        }
    }

    @Test
    @Timeout(60)
    void aChatOnBcAgreesOnTheHybridTheCallerOffers() throws Exception {
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob", "--provider", "bc");
                Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(bob.port()), "--name", "alice",
                        "--provider", "bc", "--groups", "SecP256r1MLKEM768:x25519")) {
            bob.awaitErr("alice connected");
            alice.awaitErr("bob connected");
            assertTrue(bob.err().contains(", SECP256R1MLKEM768, "), bob.describe());
            assertTrue(alice.err().contains(", SECP256R1MLKEM768, "), alice.describe());
            bob.type("quit");
            assertEquals(0, bob.awaitExit(), bob.describe());
            assertEquals(0, alice.awaitExit(), alice.describe());
        }
    }

    @Test
    @Timeout(60)
    void aChatOnBoringSslAgreesOnX25519MlKem768ByDefault() throws Exception {
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob", "--provider", "boringssl");
                Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(bob.port()), "--name", "alice",
                        "--provider", "boringssl")) {
            bob.awaitErr("alice connected");
            alice.awaitErr("bob connected");
            assertTrue(bob.err().contains(", X25519MLKEM768, "), bob.describe());
            assertTrue(alice.err().contains(", X25519MLKEM768, "), alice.describe());
            bob.type("quit");
            assertEquals(0, bob.awaitExit(), bob.describe());
            assertEquals(0, alice.awaitExit(), alice.describe());
        }
    }

    @Test
    @Timeout(60)
    void quitOnTheListeningSideEndsBothWithCloseNotify() throws Exception {
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob");
                Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(bob.port()), "--name", "alice")) {
            bob.awaitErr("alice connected");
            alice.type("hi bob");
            bob.awaitOut("alice: hi bob");
            bob.type("quit");
            assertEquals(0, bob.awaitExit(), bob.describe());
            assertEquals(0, alice.awaitExit(), alice.describe());
            assertTrue(alice.err().contains("bob left the chat (quit)"), alice.describe());
            assertTrue(!alice.err().contains("without close_notify"), alice.describe());
        }
    }

    @Test
    @Timeout(60)
    void endOfInputEndsTheChatCleanlyAndTheListenerServesTheNext() throws Exception {
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob")) {
            int port = bob.port();
            for (String name : List.of("alice", "carol")) {
                try (Endpoint peer = Endpoint.start("chat", "-p", String.valueOf(port), "--name", name)) {
                    bob.awaitErr(name + " connected");
                    peer.type("hello from " + name);
                    peer.endInput();
                    assertEquals(0, peer.awaitExit(), peer.describe());
                    bob.awaitOut(name + ": hello from " + name);
                    bob.awaitErr(name + " left the chat");
                }
            }
            bob.endInput();
            assertEquals(0, bob.awaitExit(), bob.describe());
        }
    }

    @Test
    @Timeout(60)
    void jsonModePrintsConnectedMessageAndClosedEvents() throws Exception {
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob");
                Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(bob.port()), "--name", "alice",
                        "--json")) {
            bob.awaitErr("alice connected");
            bob.type("hello \"alice\"");
            alice.awaitOut("\"event\":\"message\"");
            bob.type("quit");
            assertEquals(0, alice.awaitExit(), alice.describe());
            String[] lines = alice.out().split("\n");
            assertEquals(3, lines.length, alice.describe());
            assertTrue(lines[0].startsWith("{\"tlskit\":1,\"command\":\"chat\",\"event\":\"connected\",\"peer\":\"bob\""),
                    lines[0]);
            assertTrue(lines[0].contains("\"protocol\":\"TLSv1.3\""), lines[0]);
            assertEquals("{\"tlskit\":1,\"command\":\"chat\",\"event\":\"message\",\"from\":\"bob\","
                    + "\"text\":\"hello \\\"alice\\\"\"}", lines[1]);
            assertTrue(lines[2].contains("\"event\":\"closed\",\"peer\":\"bob\",\"reason\":\"quit\""), lines[2]);
            assertEquals(0, bob.awaitExit(), bob.describe());
        }
    }

    @Test
    @Timeout(60)
    void tlsVersionFlagOverridesTheTls13Default() throws Exception {
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob", "-v", "1.2");
                Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(bob.port()), "--name", "alice",
                        "-v", "1.2")) {
            Matcher m = alice.awaitErr(Pattern.compile("bob connected from \\S+ \\((TLSv1\\.\\d)"));
            assertEquals("TLSv1.2", m.group(1));
            alice.type("quit");
            assertEquals(0, alice.awaitExit(), alice.describe());
            bob.type("quit");
            assertEquals(0, bob.awaitExit(), bob.describe());
        }
    }

    @Test
    @Timeout(30)
    void conflictingFlagsAreUsageErrors() {
        Tlskit.Result listenWithHost = Tlskit.run("chat", "--listen", "-h", "example.com");
        assertEquals(2, listenWithHost.exitCode());
        assertTrue(listenWithHost.err().contains("--listen and -h conflict"), listenWithHost.err());
        Tlskit.Result bindAlone = Tlskit.run("chat", "-b");
        assertEquals(2, bindAlone.exitCode());
        assertTrue(bindAlone.err().contains("-b needs --listen"), bindAlone.err());
    }

    @Test
    @Timeout(30)
    void connectionRefusedIsANetworkError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(port), "--name", "alice")) {
            assertEquals(1, alice.awaitExit(), alice.describe());
            assertTrue(alice.err().startsWith("tlskit: error: localhost:" + port), alice.describe());
        }
    }

    private static String numbered(String prefix, int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(prefix + i + "\n");
        }
        return String.join("", lines);
    }
}
