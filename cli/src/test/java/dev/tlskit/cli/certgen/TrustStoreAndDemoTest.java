package dev.tlskit.cli.certgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Pem;
import dev.tlskit.cli.Tlskit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files a user can get (issue 19 point 9): certgen's trust stores as -A, and the demo set written out. */
@Timeout(120)
class TrustStoreAndDemoTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A server on {@code out}'s server certificate, and a client trusting {@code clientArgs}: the client's result. */
    private static Tlskit.Result clientAgainst(Path out, String... clientArgs) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-c", out.resolve("server.pem").toString(),
                "-k", out.resolve("server.key").toString());
        String[] args = Stream.concat(Stream.of("client", "-p", String.valueOf(server.port()), "-x"),
                Stream.of(clientArgs)).toArray(String[]::new);
        Tlskit.Result r = Tlskit.run(args);
        if (r.exitCode() == 2) {
            // a usage error: the client never connected; connect once so the server ends
            Tlskit.run("client", "-p", String.valueOf(server.port()), "-x", "-d");
        }
        server.await(LIMIT);
        return r;
    }

    @Test
    void certgenTrustStoresAreTrustAnchors() throws Exception {
        // It used to be "not a PEM or DER file". certgen's default store password needs no --ca-password.
        Path p12 = dir.resolve("p12");
        assertEquals(0, Tlskit.run("certgen", "-o", p12.toString(), "--truststore").exitCode());
        Path jks = dir.resolve("jks");
        assertEquals(0, Tlskit.run("certgen", "-o", jks.toString(), "--truststore", "--jks").exitCode());
        for (Path store : List.of(p12.resolve("truststore.p12"), jks.resolve("truststore.jks"))) {
            Tlskit.Result r = clientAgainst(store.getParent(), "-A", store.toString());
            assertEquals(0, r.exitCode(), store + ": " + r.err());
            assertTrue(r.out().contains("I hear you fa shizzle!"), r.out());
        }
    }

    @Test
    void aPkcs12TrustStoreWithoutPasswordNeedsNone() throws Exception {
        Path out = dir.resolve("open");
        assertEquals(0, Tlskit.run("certgen", "-o", out.toString(), "--truststore", "--no-password").exitCode());
        Tlskit.Result r = clientAgainst(out, "-A", out.resolve("truststore.p12").toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void aTrustStoreWithItsOwnPasswordTakesCaPassword() throws Exception {
        Path out = dir.resolve("secret");
        assertEquals(0, Tlskit.run("certgen", "-o", out.toString(), "--truststore", "--password", "pass:s3cret")
                .exitCode());
        Path store = out.resolve("truststore.p12");
        Tlskit.Result without = clientAgainst(out, "-A", store.toString());
        assertEquals(2, without.exitCode(), without.err());
        assertEquals("tlskit: error: " + store + ": cannot read the PKCS#12 trust store without its password: give it"
                + " with --ca-password", without.err().strip());
        Tlskit.Result wrong = clientAgainst(out, "-A", store.toString(), "--ca-password", "pass:nope");
        assertEquals(2, wrong.exitCode(), wrong.err());
        assertTrue(wrong.err().startsWith("tlskit: error: " + store + ": cannot read the PKCS#12 trust store: wrong"
                + " password"), wrong.err());
        Tlskit.Result right = clientAgainst(out, "-A", store.toString(), "--ca-password", "pass:s3cret");
        assertEquals(0, right.exitCode(), right.err());
    }

    @Test
    void certgenDemoWritesTheDemoSetThatTheServerUses() throws Exception {
        Path demo = dir.resolve("demo");
        Tlskit.Result r = Tlskit.run("certgen", "--demo", demo.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Wrote the TEST-ONLY demo certificates to " + demo + "/"), r.out());
        for (String name : List.of("ca.pem", "server.pem", "server.key", "client.pem", "client.key",
                "server-rsa.pem", "server-rsa.key", "client-rsa.pem", "client-rsa.key")) {
            assertTrue(Files.exists(demo.resolve(name)), name);
            if (name.endsWith(".key")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(demo.resolve(name))));
            }
        }
        assertEquals(List.of(DemoMaterial.ca()), Pem.readCertificates(demo.resolve("ca.pem")));
        assertEquals(DemoMaterial.server().chain(), Pem.readCertificates(demo.resolve("server.pem")));
        // The default server (demo certificate) is trusted through the written ca.pem, as in server --help.
        Tlskit.Background server = Tlskit.start("server", "-p", "0");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-A",
                demo.resolve("ca.pem").toString(), "-c", demo.resolve("client.pem").toString(), "-k",
                demo.resolve("client.key").toString());
        server.await(LIMIT);
        assertEquals(0, client.exitCode(), client.err());

        Tlskit.Result again = Tlskit.run("certgen", "--demo", demo.toString());
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains("already exists"), again.err());
        Tlskit.Result conflict = Tlskit.run("certgen", "--demo", demo.toString(), "--key-type", "rsa-2048");
        assertEquals(2, conflict.exitCode(), conflict.err());
        assertFalse(conflict.err().contains("\tat "), conflict.err());
    }

    @Test
    void helpSaysHowToReachTheManPages() {
        Tlskit.Result r = Tlskit.run("--help");
        assertTrue(r.out().contains("MANPATH"), r.out());
        assertTrue(Tlskit.run("server", "--help").out().contains("tlskit certgen --demo demo"), "server --help");
    }
}
