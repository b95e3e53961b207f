package dev.tlskit.cli.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The STARTTLS servers of one test class, started once in its {@code @BeforeAll} and stopped in its
 * {@code @AfterAll}: the requirements checked (skip, or fail under {@code CI=true}), the demo certificates where
 * the daemon's user reads them ({@link #own}), a free port for the server that offers TLS ({@link #tlsPort}) and
 * one for the server that does not ({@link #plainPort}), and every daemon started through it, which
 * {@link #stop} stops. The checks run against those ports; {@link StartTlsServers} has them for any port.
 */
final class StartTlsServer {
    final Path dir;
    final Path own;
    final int tlsPort = Interop.freePort();
    final int plainPort = Interop.freePort();
    private final String name;
    private final List<Interop.Peer> peers = new ArrayList<>();

    /** For a daemon whose user's certificates are in {@code own} already; checks nothing. */
    StartTlsServer(String name, Path dir, Path own) {
        this.name = name;
        this.dir = dir;
        this.own = own;
    }

    /**
     * Requires openssl, each of {@code binaries} (an executable path, else its file name on the PATH) and root,
     * and copies the demo certificates for {@code owner} ({@link StartTlsServers#certificates}).
     */
    static StartTlsServer prepare(String name, Path dir, String owner, String... binaries) throws Exception {
        Interop.requireBinary("openssl");
        for (String binary : binaries) {
            if (!Files.isExecutable(Path.of(binary))) {
                Interop.requireBinary(Path.of(binary).getFileName().toString());
            }
        }
        StartTlsServers.requireRoot();
        return new StartTlsServer(name, dir, StartTlsServers.certificates(dir, owner));
    }

    /** {@link StartTlsServers#startDaemon}, named after this server and {@code which} ("tls", "plain"). */
    Interop.Peer daemon(String which, Path base, Pattern ready, List<String> command) throws Exception {
        return started(StartTlsServers.startDaemon(label(which), base, ready, command));
    }

    /** {@link StartTlsServers#startSilentDaemon}: for a daemon that says nothing when it listens on {@code port}. */
    Interop.Peer silentDaemon(String which, Path base, int port, List<String> command) throws Exception {
        return started(StartTlsServers.startSilentDaemon(label(which), base, port, command));
    }

    /** Stops every daemon {@code servers} started; null (the requirements were not met) stops nothing. */
    static void stop(StartTlsServer servers) {
        if (servers != null) {
            StartTlsServers.stop(servers.name, servers.peers.toArray(Interop.Peer[]::new));
        }
    }

    /** {@link StartTlsServers#upgradesLikeOpenSsl} on {@link #tlsPort}, TLS 1.3 expected. */
    Object upgradesLikeOpenSsl(String protocol, String... more) throws Exception {
        return StartTlsServers.upgradesLikeOpenSsl(dir, protocol, tlsPort, true, more);
    }

    /** {@link StartTlsServers#quits} on {@link #tlsPort}. */
    List<?> quits(String protocol, String sent, String... more) {
        return StartTlsServers.quits(dir, protocol, tlsPort, sent, more);
    }

    /** {@link StartTlsServers#notOffered} on {@link #plainPort}. */
    String notOffered(String protocol) {
        return StartTlsServers.notOffered(dir, protocol, plainPort);
    }

    /** {@link StartTlsServers#client} against {@code port}. */
    Interop.Run client(String protocol, int port, String... more) {
        return StartTlsServers.client(dir, protocol, port, more);
    }

    private Interop.Peer started(Interop.Peer peer) {
        peers.add(peer);
        return peer;
    }

    private String label(String which) {
        return name + " (" + which + ")";
    }
}
