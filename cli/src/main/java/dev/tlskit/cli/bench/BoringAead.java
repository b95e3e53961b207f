package dev.tlskit.cli.bench;

import dev.tlskit.certs.Identity;
import dev.tlskit.certs.KeyType;
import dev.tlskit.cli.bench.CryptoBenchCommand.Algorithm;
import dev.tlskit.cli.bench.CryptoBenchCommand.Row;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * {@code bench crypto --providers boringssl}: tcnative exposes BoringSSL's TLS, not its primitives, so its AEAD
 * ciphers are measured through its own record protection. Two SSLEngines in memory (no sockets) complete a TLS 1.2
 * handshake with the algorithm's ECDHE-ECDSA suite pinned (BoringSSL's TLS 1.3 suites cannot be chosen; 1.2's
 * can); then, per block size, the client wraps records of that many plaintext bytes (seal) and the server unwraps
 * them (open), each timed on its own.
 */
final class BoringAead {
    /** The largest plaintext of one TLS record; bigger blocks go out as several records. */
    private static final int MAX_RECORD = 16384;
    /** Records sealed before they are opened: enough to make the clock's cost vanish, at most this many bytes. */
    private static final int BATCH_BYTES = 1 << 20;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    static final Map<String, String> SUITES = Map.of(
            "aes-128-gcm", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "aes-256-gcm", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "chacha20-poly1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private final Bench.ServerMaterial material;
    private final TlsContext server;
    private final double duration;
    private final double warm;

    /** Builds the server's context at once: where BoringSSL cannot load, this is the one-line usage error. */
    BoringAead(double duration) {
        this.material = Bench.ServerMaterial.create(KeyType.EC_P256);
        Identity id = material.identity();
        this.server = Bench.context(TlsConfig.forServer(id.privateKey(), id.chain()).provider(TlsProvider.BORINGSSL)
                .versions(Set.of(TlsVersion.TLS_1_2)).cipherSuites(List.copyOf(SUITES.values())));
        this.duration = duration;
        this.warm = JcaRates.warmSeconds(duration);
    }

    /** Two rows, seal then open, for an AEAD {@code a}; one n/a row for anything else. */
    List<Row> measure(Algorithm a, List<Integer> blockSizes) throws SSLException {
        String suite = SUITES.get(a.name());
        if (suite == null) {
            return List.of(new Row(a, "boringssl", null, Map.of(), Double.NaN, Double.NaN, Double.NaN));
        }
        TlsContext client = Bench.context(TlsConfig.forClient().provider(TlsProvider.BORINGSSL)
                .versions(Set.of(TlsVersion.TLS_1_2)).cipherSuites(List.of(suite))
                .trustAnchors(List.of(material.ca().certificate())));
        SSLEngine c = client.newEngine("localhost", 443);
        SSLEngine s = server.newEngine(null, 0);
        try {
            handshake(c, s);
            if (!suite.equals(c.getSession().getCipherSuite())) {
                throw new IllegalStateException(a.name() + ": boringssl negotiated "
                        + c.getSession().getCipherSuite() + ", not " + suite);
            }
            Map<Integer, Double> seal = new LinkedHashMap<>();
            Map<Integer, Double> open = new LinkedHashMap<>();
            rates(c, s, 1024, warm, new double[2]);
            for (int size : blockSizes) {
                double[] kbs = new double[2];
                rates(c, s, size, duration, kbs);
                seal.put(size, kbs[0]);
                open.put(size, kbs[1]);
            }
            return List.of(new Row(a, "boringssl", "seal", seal, Double.NaN, Double.NaN, Double.NaN),
                    new Row(a, "boringssl", "open", open, Double.NaN, Double.NaN, Double.NaN));
        } finally {
            client.release(c);
            server.release(s);
        }
    }

    /** Seals and opens blocks of {@code size} bytes for about {@code seconds} each: kB/s into kbs[0] and kbs[1]. */
    private static void rates(SSLEngine c, SSLEngine s, int size, double seconds, double[] kbs) throws SSLException {
        int records = (size + MAX_RECORD - 1) / MAX_RECORD;
        int batch = Math.max(1, Math.min(256, BATCH_BYTES / size));
        // Direct buffers, as Netty uses the engine: a heap buffer is copied through a direct one on every call.
        ByteBuffer plain = ByteBuffer.allocateDirect(size);
        ByteBuffer net = ByteBuffer.allocateDirect(batch * records * c.getSession().getPacketBufferSize());
        ByteBuffer app = ByteBuffer.allocateDirect(Math.max(size, s.getSession().getApplicationBufferSize())
                + MAX_RECORD);
        long sealNanos = 0;
        long openNanos = 0;
        long bytes = 0;
        long budget = (long) (seconds * 1e9);
        while (sealNanos < budget || openNanos < budget) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                plain.clear();
                while (plain.hasRemaining()) {
                    check(c.wrap(plain, net), "seal");
                }
            }
            long t1 = System.nanoTime();
            net.flip();
            long opened = 0;
            while (net.hasRemaining()) {
                app.clear();
                opened += check(s.unwrap(net, app), "open").bytesProduced();
            }
            long t2 = System.nanoTime();
            net.clear();
            if (opened != (long) batch * size) {
                throw new IllegalStateException("boringssl opened " + opened + " bytes of " + batch * size);
            }
            sealNanos += t1 - t0;
            openNanos += t2 - t1;
            bytes += opened;
        }
        kbs[0] = bytes / (sealNanos / 1e9) / 1000;
        kbs[1] = bytes / (openNanos / 1e9) / 1000;
    }

    private static SSLEngineResult check(SSLEngineResult r, String what) {
        if (r.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("boringssl " + what + ": " + r);
        }
        return r;
    }

    /** Drives the two engines' handshake through buffers until neither has anything left to do. */
    private static void handshake(SSLEngine c, SSLEngine s) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(c.getSession().getPacketBufferSize() * 4);
        ByteBuffer toClient = ByteBuffer.allocate(s.getSession().getPacketBufferSize() * 4);
        ByteBuffer app = ByteBuffer.allocate(Math.max(c.getSession().getApplicationBufferSize(),
                s.getSession().getApplicationBufferSize()));
        c.beginHandshake();
        s.beginHandshake();
        for (int i = 0; i < 100; i++) {
            boolean moved = step(c, toClient, toServer, app) | step(s, toServer, toClient, app);
            if (!moved && idle(c) && idle(s) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new IllegalStateException("boringssl: the in-memory handshake did not finish");
    }

    private static boolean idle(SSLEngine e) {
        return e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One move of {@code e}: reads from {@code in}, writes to {@code out} (both kept ready for writing). */
    private static boolean step(SSLEngine e, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        switch (e.getHandshakeStatus()) {
            case NEED_WRAP -> {
                return e.wrap(EMPTY, out).bytesProduced() > 0;
            }
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                app.clear();
                SSLEngineResult r = e.unwrap(in, app);
                in.compact();
                return r.bytesConsumed() > 0;
            }
            case NEED_TASK -> {
                for (Runnable task = e.getDelegatedTask(); task != null; task = e.getDelegatedTask()) {
                    task.run();
                }
                return true;
            }
            case FINISHED, NOT_HANDSHAKING -> {
                return false;
            }
            default -> throw new IllegalStateException("unknown handshake status " + e.getHandshakeStatus());
        }
    }
}
