package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlskit.engine.wire.CipherSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the STARTTLS tests against real servers (Postfix, PostgreSQL, Dovecot, ...) share: the demo certificates
 * copied where a daemon's user can read them, the checks tlskit must pass against each server, and the
 * {@code openssl s_client -starttls} cross-check. Each server runs from a temporary directory on 127.0.0.1 with a
 * configuration of its own; the system's configuration is never read or touched where the daemon lets us say so.
 */
final class StartTlsServers {
    private static final Pattern S_CLIENT = Pattern.compile("New, (TLSv[0-9.]+), Cipher is (\\S+)");

    private StartTlsServers() {}

    /** Daemons that switch users (postfix's master, dovecot, slapd as root) need root; skips otherwise, not in CI. */
    static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (Interop.CI && !root) {
            fail("the STARTTLS server tests start daemons that need root, and CI=true");
        }
        assumeTrue(root, "not root: the STARTTLS server tests are skipped");
    }

    /**
     * The demo CA ({@code ca.pem}) in {@code dir}, and the demo server identity ({@code server.pem},
     * {@code server.key}, for localhost and 127.0.0.1) in {@code dir/owner}, owned by {@code owner} (the daemon's
     * user, which must be able to read its key) with the key mode 0600; {@code dir} becomes 0755.
     */
    static Path certificates(Path dir, String owner) throws Exception {
        // JUnit makes temporary directories 0700: the daemon's user must get through to its own directory
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Interop.demo(dir);
        Path own = Files.createDirectories(dir.resolve(owner));
        Files.copy(dir.resolve("server.pem"), own.resolve("server.pem"));
        Files.copy(dir.resolve("server.key"), own.resolve("server.key"));
        chown(owner, own);
        return own;
    }

    /** {@code chown -R user path...}. */
    static void chown(String user, Path... paths) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("chown", "-R", user));
        for (Path p : paths) {
            cmd.add(p.toString());
        }
        Interop.Result r = Interop.run(paths[0].getParent(), null, Duration.ofSeconds(10), cmd);
        assertEquals(0, r.exitCode(), "chown: " + r.output());
    }

    /** Writes {@code text} to {@code file}. */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Starts {@code command}, waits for {@code ready} in its output, and says how long that took (stderr). */
    static Interop.Peer startDaemon(String name, Path dir, Pattern ready, List<String> command) throws Exception {
        long start = System.nanoTime();
        Interop.Peer peer = Interop.start(dir, null, command);
        try {
            peer.await(ready, Duration.ofSeconds(20));
        } catch (AssertionError | RuntimeException e) {
            peer.close();
            throw e;
        }
        System.err.printf("starttls test server %s ready in %.2f s%n", name, (System.nanoTime() - start) / 1e9);
        return peer;
    }

    /** Stops the daemons started (null ones were not), and says how long that took (stderr). */
    static void stop(String name, Interop.Peer... peers) {
        long start = System.nanoTime();
        for (Interop.Peer p : peers) {
            if (p != null) {
                p.close();
            }
        }
        System.err.printf("starttls test server %s stopped in %.2f s%n", name, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Starts a daemon that prints nothing when ready (vsftpd), and waits until {@code port} accepts a connection:
     * connect attempts with a short back-off, the only signal such a daemon gives.
     */
    static Interop.Peer startSilentDaemon(String name, Path dir, int port, List<String> command) throws Exception {
        long start = System.nanoTime();
        Interop.Peer peer = Interop.start(dir, null, command);
        long deadline = start + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || peer.exited()) {
                    peer.close();
                    fail(name + " did not listen on " + port + ": " + peer.output());
                }
                Thread.sleep(20); // back-off between connect attempts, not synchronisation
            }
        }
        System.err.printf("starttls test server %s ready in %.2f s%n", name, (System.nanoTime() - start) / 1e9);
        return peer;
    }

    /**
     * tlskit upgrades the connection, verifies the chain and the hostname against the demo CA, reports version,
     * suite and group, passes {@code --expect-version 1.3} where {@code tls13}, and records the prelude in JSON;
     * {@code openssl s_client -starttls} agrees on the version and the suite. Returns the JSON document.
     */
    static Object upgradesLikeOpenSsl(Path dir, String protocol, int port, boolean tls13, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--json"));
        if (tls13) {
            args.addAll(List.of("--expect-version", "1.3"));
        }
        args.addAll(List.of(more));
        Interop.Run run = client(dir, protocol, port, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.describe());
        Object json = Interop.parseJson(run.out());
        String version = (String) Interop.at(json, "handshake", "protocol");
        String suite = (String) Interop.at(json, "handshake", "cipherSuite");
        assertEquals("verified", Interop.at(json, "handshake", "verification"), run.describe());
        assertEquals(Boolean.TRUE, Interop.at(json, "handshake", "hostnameVerified"), run.describe());
        assertNotNull(Interop.at(json, "handshake", "group"), run.describe());
        assertEquals(protocol, Interop.at(json, "starttls", "protocol"));
        List<?> prelude = (List<?>) Interop.at(json, "starttls", "prelude");
        assertFalse(prelude.isEmpty(), run.describe());
        if (tls13) {
            assertEquals("TLSv1.3", version);
        }

        List<String> sClient = new ArrayList<>(List.of("openssl", "s_client", "-starttls", protocol, "-connect",
                "127.0.0.1:" + port, "-CAfile", dir.resolve("ca.pem").toString(), "-verify_hostname", "localhost",
                "-verify_return_error"));
        if (protocol.startsWith("xmpp")) {
            sClient.addAll(List.of("-xmpphost", "localhost")); // s_client's stream goes to the -connect host else
        }
        Interop.Result openssl = Interop.run(dir, null, Duration.ofSeconds(20), sClient);
        Matcher m = S_CLIENT.matcher(openssl.output());
        assertTrue(m.find(), "openssl s_client -starttls " + protocol + ":\n" + openssl.output());
        assertTrue(openssl.output().contains("Verify return code: 0 (ok)"), openssl.output());
        assertEquals(m.group(1), version, "the version, tlskit vs s_client");
        assertEquals(ianaName(m.group(2)), suite, "the cipher suite, tlskit vs s_client");
        return json;
    }

    /**
     * {@code --quit}: tlskit upgrades, says the protocol's goodbye inside TLS, and exits 0, nothing on stderr; the
     * JSON records what was sent ({@code sent}, null for none) and the server's answer, which is returned.
     */
    static List<?> quits(Path dir, String protocol, int port, String sent, String... more) {
        List<String> args = new ArrayList<>(List.of("--quit", "--json"));
        args.addAll(List.of(more));
        Interop.Run run = client(dir, protocol, port, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("", run.err(), run.describe());
        Object json = Interop.parseJson(run.out());
        assertEquals(sent, Interop.at(json, "starttls", "goodbye", "sent"), run.describe());
        return (List<?>) Interop.at(json, "starttls", "goodbye", "reply");
    }

    /** tlskit says the server does not offer STARTTLS, in one line quoting it, and exits 3. */
    static String notOffered(Path dir, String protocol, int port) {
        Interop.Run run = client(dir, protocol, port);
        assertEquals(3, run.exitCode(), run.describe());
        assertEquals("", run.out(), run.describe());
        String[] lines = run.err().strip().split("\n");
        assertEquals(1, lines.length, run.describe());
        assertTrue(lines[0].startsWith("tlskit: error: localhost:" + port + ": " + protocol + ": the server does not"
                + " offer "), run.describe());
        return lines[0];
    }

    /**
     * {@code client --starttls PROTOCOL -p PORT -A DIR/ca.pem -x} and {@code more}, in-process: verifying against
     * the demo CA, sending no client certificate.
     */
    static Interop.Run client(Path dir, String protocol, int port, String... more) {
        List<String> args = new ArrayList<>(List.of("client", "--starttls", protocol, "-p", String.valueOf(port),
                "-A", dir.resolve("ca.pem").toString(), "-x"));
        args.addAll(List.of(more));
        return Interop.tlskit(args.toArray(String[]::new));
    }

    /** OpenSSL's name of a suite as the IANA one tlskit reports (the registry knows both). */
    private static String ianaName(String openssl) {
        CipherSuite s = CipherSuite.named(openssl);
        return s == null ? openssl : s.ianaName();
    }
}
