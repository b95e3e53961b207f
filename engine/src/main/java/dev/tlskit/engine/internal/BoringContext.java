package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.KeyLog;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.SSLContext;
import io.netty.util.ReferenceCounted;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The {@code boringssl} provider: Netty's OpenSSL {@code SSLEngine} over tcnative's statically linked BoringSSL,
 * built with tlskit's own trust manager (so verification, hostname checks and the rejected chain are as on the
 * other providers). Netty's and tcnative's classes are named only here and in {@link BoringAvailability}: a run on
 * another provider never loads them.
 *
 * <p>{@link SslProvider#OPENSSL_REFCNT}: every engine and the context hold native memory that is freed when their
 * reference count drops to zero, i.e. at once when a connection ends ({@link #release(SSLEngine)}) rather than
 * whenever the garbage collector finalises a plain {@code OPENSSL} engine.
 */
public final class BoringContext {
    /** Netty copies heap buffers into direct ones for BoringSSL; pooled, those copies cost no allocation each. */
    private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;
    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * The groups a boringssl endpoint offers (client) or accepts in this order (server) when none are configured:
     * X25519MLKEM768 first, as browsers do; then the classic groups BoringSSL has (no FFDHE, no X448).
     */
    public static final List<NamedGroup> DEFAULT_GROUPS = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519,
            NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1);

    private final SslContext context;

    private BoringContext(SslContext context) {
        this.context = context;
    }

    /**
     * @param groups the JSSE names of the groups to enable, in preference order
     * @throws IllegalArgumentException when BoringSSL cannot load here, or refuses a setting (a group, a suite)
     */
    public static BoringContext create(TlsConfig config, List<String> groups, X509ExtendedTrustManager trust) {
        BoringAvailability.require();
        SslContextBuilder b = config.isClient() ? SslContextBuilder.forClient()
                : SslContextBuilder.forServer(config.privateKey(), config.chain());
        if (config.isClient() && config.privateKey() != null) {
            b.keyManager(config.privateKey(), config.chain());
        }
        b.sslProvider(SslProvider.OPENSSL_REFCNT)
                .trustManager(trust)
                // tlskit's trust manager checks the names (HostnameCheck); Netty 4.2 would check HTTPS names too.
                .endpointIdentificationAlgorithm(null)
                .protocols(protocols(config).toArray(String[]::new));
        if (!config.cipherSuites().isEmpty()) {
            b.ciphers(config.cipherSuites());
        }
        if (!config.isClient()) {
            b.clientAuth(switch (config.clientAuth()) {
                case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            });
        }
        if (!config.applicationProtocols().isEmpty()) {
            // Netty's OpenSSL engine has no FATAL_ALERT: a server without a common protocol selects none (as OpenSSL's
            // s_server does); a client takes what the server chose, and tlskit reports it.
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    config.applicationProtocols()));
        }
        String[] names = groups.stream().map(BoringContext::groupName).toArray(String[]::new);
        if (names.length > 0) {
            b.option(OpenSslContextOption.GROUPS, names);
        }
        SslContext built;
        try {
            built = b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the boringssl provider refused the configuration ("
                    + (groups.isEmpty() ? "" : "groups " + String.join(":", groups) + "; ")
                    + (config.cipherSuites().isEmpty() ? "" : "suites " + String.join(":", config.cipherSuites())
                    + "; ") + "): " + e.getMessage(), e);
        }
        if (config.keyLog() != null) {
            KeyLog log = config.keyLog();
            SSLContext.setKeyLogCallback(tcnativeContext(built), (ssl, line) -> writeKeyLogLine(log, line));
        }
        BoringContext boring = new BoringContext(built);
        // The context's SSL_CTX lives as long as tlskit's context does; every engine holds its own reference.
        CLEANER.register(boring, new Release((ReferenceCounted) built));
        return boring;
    }

    /**
     * The versions to enable. BoringSSL's TLS 1.3 suites are fixed (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305, in
     * its order): a list naming some of them cannot be honoured, and is refused; a list of TLS 1.2 suites alone
     * means no TLS 1.3, as on the JSSE providers (which have no TLS 1.3 suite to run it with).
     */
    static java.util.Set<String> protocols(TlsConfig config) {
        List<String> tls13 = config.cipherSuites().stream()
                .filter(n -> CipherSuite.named(n) != null && CipherSuite.named(n).isTls13()).toList();
        if (!tls13.isEmpty()) {
            throw new IllegalArgumentException("cipher suite " + tls13.get(0) + ": the boringssl provider cannot"
                    + " choose TLS 1.3 suites (BoringSSL always runs TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384"
                    + " and TLS_CHACHA20_POLY1305_SHA256); name TLS 1.2 suites only, or use the jdk or bc provider");
        }
        if (config.cipherSuites().isEmpty()) {
            return config.protocolNames();
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>(config.protocolNames());
        names.remove(dev.tlskit.engine.model.TlsVersion.TLS_1_3.jsseName());
        if (names.isEmpty()) {
            throw new IllegalArgumentException("cipher suites " + String.join(":", config.cipherSuites())
                    + " are TLS 1.2 suites, and only TLS 1.3 is enabled");
        }
        return names;
    }

    /** A new engine; {@code host} (and {@code port}) name the peer for SNI, the session cache and name checks. */
    public SSLEngine newEngine(String host, int port) {
        return host == null ? context.newEngine(ALLOCATOR) : context.newEngine(ALLOCATOR, host, port);
    }

    /** Frees an engine's native state now; idempotent. */
    public static void release(SSLEngine engine) {
        if (engine instanceof ReferenceCounted rc) {
            synchronized (engine) {
                if (rc.refCnt() > 0) {
                    rc.release();
                }
            }
        }
    }

    /**
     * The name BoringSSL's group list takes: {@code P-256} for the prime curves, the registry's name otherwise
     * (Netty maps {@code x25519} to {@code X25519}).
     */
    static String groupName(String jsseName) {
        NamedGroup g = NamedGroup.named(jsseName);
        if (g == null) {
            return jsseName;
        }
        for (String alias : g.opensslNames()) {
            if (alias.startsWith("P-")) {
                return alias;
            }
        }
        return g == NamedGroup.X25519 ? "X25519" : g.ianaName();
    }

    /**
     * The tcnative context pointer that {@code SSLContext.setKeyLogCallback} takes. Netty's public {@code context()}
     * and {@code sslCtxPointer()} both answer the {@code SSL_CTX*} inside it; handing that to tcnative crashed the JVM
     * (SIGSEGV in the native library), so the protected field is read instead.
     */
    private static long tcnativeContext(SslContext context) {
        try {
            java.lang.reflect.Field f = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            f.setAccessible(true);
            return f.getLong(context);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("the boringssl provider cannot write a key log with this Netty ("
                    + e + ")", e);
        }
    }

    /** One NSS key log line from BoringSSL ({@code LABEL <client random hex> <secret hex>}) into {@code log}. */
    private static void writeKeyLogLine(KeyLog log, byte[] line) {
        String[] parts = new String(line, StandardCharsets.US_ASCII).trim().split(" ");
        if (parts.length == 3) {
            HexFormat hex = HexFormat.of();
            log.write(parts[0].toUpperCase(Locale.ROOT), hex.parseHex(parts[1]), hex.parseHex(parts[2]));
        }
    }

    /** Drops the context's own reference once tlskit's context is unreachable. */
    private record Release(ReferenceCounted context) implements Runnable {
        @Override
        public void run() {
            if (context.refCnt() > 0) {
                context.release();
            }
        }
    }
}
