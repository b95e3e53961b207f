package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.wire.NamedGroup;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ML-KEM groups between a tlskit client and a tlskit server, in-process, on the bc provider; and what a jdk
 * peer (SunJSSE 17 has no ML-KEM group) falls back to. No --groups with --provider jdk here: on Java 17 it would
 * set the JVM-wide jdk.tls.namedGroups for every later test (the jdk refusal runs in a JVM of its own, see
 * interop.PostQuantumInteropTest).
 */
class PostQuantumTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024", "MLKEM512", "MLKEM768",
        "MLKEM1024"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void everyPostQuantumGroupIsNegotiatedBetweenTlskitClientAndServer(String group) throws Exception {
        NamedGroup g = NamedGroup.named(group);
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc", "--groups", group, "--json"), "--provider", "bc",
                "--groups", group.toLowerCase(java.util.Locale.ROOT), "--trace", "--expect-group", group);
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("SSL curve name is " + g.displayName() + "\n"), client.out());
        assertTrue(client.err().contains("key_share " + g.displayName() + " (" + g.clientShareLength() + " bytes)"),
                "the client's key share, as the wire showed it: " + client.err());
        assertTrue(client.err().contains("key_share " + g.displayName() + " (" + g.serverShareLength() + " bytes)"),
                "the server's key share (a KEM ciphertext): " + client.err());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("\"group\":\"" + g.displayName() + "\",\"postQuantum\":true,"
                + "\"helloRetry\":false"), s.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aDefaultBcServerTakesEveryHybridTheClientOffersFirst(String group) throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc"), "--provider", "bc", "--groups",
                group + ":x25519:secp256r1");
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();

        String shown = NamedGroup.named(group).displayName();
        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("SSL curve name is " + shown + "\n"), client.out());
        assertTrue(s.out().contains("SSL curve name is " + shown + "\n"), s.out());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theDefaultBcClientOffersX25519MLKEM768FirstWithKeySharesForItAndX25519() throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc"), "--provider", "bc", "--trace", "--verbose",
                "--expect-group", "x25519mlkem768");
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.err().contains("\n                  groups X25519MLKEM768, X25519, SECP256R1, SECP384R1,"),
                client.err());
        assertTrue(client.err().contains("\n                  key_share X25519MLKEM768 (1216 bytes), X25519 (32 bytes)\n"),
                client.err());
        assertTrue(client.err().contains("chose TLS 1.3, TLS_AES_256_GCM_SHA384, key_share X25519MLKEM768 (1120 bytes)"),
                client.err());
        assertFalse(client.err().contains("Hello Retry Request"), client.err());
        assertTrue(client.err().contains("tlskit: key exchange X25519MLKEM768 (post-quantum hybrid), from the first"
                + " ClientHello's key share\n"), client.err());
        assertTrue(client.out().contains("SSL curve name is X25519MLKEM768\n"), client.out());
        assertEquals(0, s.exitCode(), s.err());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theBcServerPrefersTheHybridEvenWhenTheClientListsX25519First() throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc"), "--provider", "bc", "--groups",
                "x25519:X25519MLKEM768", "--json");
        Tlskit.Result client = p.client();

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("\"group\":\"X25519MLKEM768\",\"postQuantum\":true,\"helloRetry\":false"),
                client.out());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHelloRetryRequestMovesTheClientToTheHybridAndEveryOutputSaysSo() throws Exception {
        // the client's first hybrid is SecP256r1MLKEM768 (its share, and X25519's); the server takes X25519MLKEM768 only
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc", "--groups", "X25519MLKEM768", "--json"),
                "--provider", "bc", "--groups", "SecP256r1MLKEM768:X25519MLKEM768:x25519", "--trace", "--verbose",
                "--expect-group", "X25519MLKEM768");
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();

        assertEquals(0, client.exitCode(), client.err());
        String err = client.err();
        assertTrue(err.contains("\n                  key_share SECP256R1MLKEM768 (1249 bytes), X25519 (32 bytes)\n"), err);
        assertTrue(err.contains("  Hello Retry Request\n                  chose TLS 1.3, TLS_AES_256_GCM_SHA384, key_share"
                + " X25519MLKEM768 (retry: asks for a share)\n"), err);
        assertTrue(err.contains("\n                  key_share X25519MLKEM768 (1216 bytes)\n"), "the second hello: " + err);
        assertTrue(err.contains("tlskit: key exchange X25519MLKEM768 (post-quantum hybrid), after a HelloRetryRequest\n"),
                err);
        assertTrue(client.out().contains("SSL curve name is X25519MLKEM768\n"), client.out());
        assertTrue(s.out().contains("\"group\":\"X25519MLKEM768\",\"postQuantum\":true,\"helloRetry\":true"), s.out());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void groupsWithoutAHybridTurnThePostQuantumDefaultOff() throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc"), "--provider", "bc", "--groups",
                "x25519:secp256r1:secp384r1", "--trace");
        Tlskit.Result client = p.client();

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.err().contains("\n                  groups X25519, SECP256R1, SECP384R1\n"), client.err());
        assertTrue(client.err().contains("\n                  key_share X25519 (32 bytes)\n"), client.err());
        assertTrue(client.out().contains("SSL curve name is X25519\n"), client.out());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aJdkServerMakesThePostQuantumClientFallBackToX25519() throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "jdk"), "--provider", "bc", "--json", "--expect-group",
                "x25519");
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();

        assertEquals(0, client.exitCode(), client.err() + client.out());
        assertTrue(client.out().contains("\"provider\":\"bc\",\"protocol\":\"TLSv1.3\","), client.out());
        assertTrue(client.out().contains("\"group\":\"X25519\",\"postQuantum\":false,\"helloRetry\":false"),
                "SunJSSE took the client's X25519 share: " + client.out());
        assertTrue(s.out().contains("SSL curve name is X25519\n"), s.out());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aJdkClientGetsX25519FromTheHybridPreferringBcServer() throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc", "--json"), "--provider", "jdk", "--verbose");
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("SSL curve name is X25519\n"), client.out());
        assertTrue(client.err().contains("tlskit: key exchange X25519, from the first ClientHello's key share\n"),
                client.err());
        assertTrue(s.out().contains("\"group\":\"X25519\",\"postQuantum\":false,\"helloRetry\":false"), s.out());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void expectGroupFailsWhenTheHybridWasNegotiatedAndAnotherWasExpected() throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--provider", "bc"), "--provider", "bc", "--expect-group", "x25519");
        Tlskit.Result client = p.client();

        assertEquals(5, client.exitCode(), client.err());
        assertTrue(client.err().contains("tlskit: error: expected group X25519, got X25519MLKEM768"), client.err());
    }

    @Test
    void unknownGroupErrorListsThePostQuantumGroups() {
        Tlskit.Result r = Tlskit.run("client", "--groups", "x25519:kyber768");

        assertEquals(2, r.exitCode());
        assertEquals(List.of("tlskit: error: --groups x25519:kyber768: unknown group 'kyber768' (known: x25519,"
                + " secp256r1, secp384r1, secp521r1, x448, ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144, ffdhe8192,"
                + " X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024, MLKEM512, MLKEM768, MLKEM1024)"),
                r.err().lines().toList());
    }

    @Test
    void postQuantumGroupsOnDtlsAreAUsageError() {
        Tlskit.Result r = Tlskit.run("client", "-u", "-p", "1", "--groups", "X25519MLKEM768:x25519");

        assertEquals(2, r.exitCode(), r.err());
        assertEquals(List.of("tlskit: error: named group X25519MLKEM768 needs TLS 1.3; DTLS here is DTLS 1.2, which"
                + " has no ML-KEM key exchange"), r.err().lines().toList());
    }
}
