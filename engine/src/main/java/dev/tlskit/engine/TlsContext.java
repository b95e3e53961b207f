package dev.tlskit.engine;

import dev.tlskit.engine.internal.BoringContext;
import dev.tlskit.engine.internal.EngineFactory;
import dev.tlskit.engine.internal.JdkNamedGroups;
import dev.tlskit.engine.internal.OnlyServerName;
import dev.tlskit.engine.internal.Providers;
import dev.tlskit.engine.internal.TrustManagers;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.NamedGroup;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

/**
 * A {@link TlsConfig} turned into a ready JSSE context. Connections made from one context share its session
 * cache, so a client that connects twice through the same context can resume.
 */
public final class TlsContext {
    private static final char[] KEYSTORE_PASSWORD = "tlskit".toCharArray();

    private final TlsConfig config;
    /** The JSSE context (jdk, bc), or null on boringssl. */
    private final SSLContext sslContext;
    /** The Netty context (boringssl), or null: its class, and Netty's, load only when it is chosen. */
    private final BoringContext boring;
    private final List<String> namedGroups;
    private final EngineFactory engines = new Engines();

    private TlsContext(TlsConfig config, SSLContext sslContext, BoringContext boring, List<String> namedGroups) {
        this.config = config;
        this.sslContext = sslContext;
        this.boring = boring;
        this.namedGroups = namedGroups;
    }

    /**
     * Builds the context and checks the configuration against the provider.
     *
     * @throws IllegalArgumentException naming a cipher suite, version or group the provider does not have
     */
    public static TlsContext create(TlsConfig config) {
        List<String> groups = effectiveGroups(config);
        List<NamedGroup> pq = postQuantum(groups);
        if (!pq.isEmpty() && config.dtls()) {
            // Before jdk.tls.namedGroups is set: a refused configuration leaves the JVM as it was.
            throw new IllegalArgumentException("named group " + pq.get(0).ianaName() + " needs TLS 1.3; DTLS here is"
                    + " DTLS 1.2, which has no ML-KEM key exchange");
        }
        if (!groups.isEmpty() && config.provider() == TlsProvider.JDK) {
            JdkNamedGroups.applyJvmWide(groups);
        }
        if (config.provider() == TlsProvider.BORINGSSL) {
            return createBoring(config, groups);
        }
        try {
            Provider provider = config.keyLog() == null ? Providers.jsse(config.provider())
                    : Providers.bcJsseWithKeyLog(config.keyLog());
            if (config.dtls() && provider != null) {
                throw new IllegalArgumentException("DTLS needs the jdk provider (Bouncy Castle's JSSE has no DTLS)");
            }
            String protocol = config.dtls() ? "DTLS" : "TLS";
            SSLContext ctx = provider == null ? SSLContext.getInstance(protocol)
                    : SSLContext.getInstance(protocol, provider);
            ctx.init(keyManagers(config, provider), new TrustManager[] {TrustManagers.create(config, provider)}, null);
            TlsContext context = new TlsContext(config, ctx, null, groups);
            context.checkAgainstProvider();
            context.checkGroupsAgainstProvider();
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS (" + config.provider() + "): " + e.getMessage(), e);
        }
    }

    private static TlsContext createBoring(TlsConfig config, List<String> groups) {
        try {
            BoringContext boring = BoringContext.create(config, groups, TrustManagers.create(config, null));
            TlsContext context = new TlsContext(config, null, boring, groups);
            context.checkAgainstProvider();
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS (" + config.provider() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Frees what an engine of this context holds outside the heap (boringssl: its native SSL object), at once;
     * a no-op on the JSSE providers. Idempotent. The engine must not be used after.
     */
    public void release(SSLEngine engine) {
        if (boring != null && engine != null) {
            BoringContext.release(engine);
        }
    }

    public TlsConfig config() {
        return config;
    }

    /** This context as internal's transports take it; an adapter, so the public type shows no internal one. */
    EngineFactory engines() {
        return engines;
    }

    private final class Engines implements EngineFactory {
        @Override
        public TlsConfig config() {
            return config;
        }

        @Override
        public SSLEngine newEngine(String peerHost, int peerPort) {
            return TlsContext.this.newEngine(peerHost, peerPort);
        }

        @Override
        public void release(SSLEngine engine) {
            TlsContext.this.release(engine);
        }
    }

    /**
     * A new SSLEngine for one connection, every parameter of the configuration applied.
     *
     * @param peerHost the host as the user named it (used for SNI and hostname verification), or null on servers
     */
    public SSLEngine newEngine(String peerHost, int peerPort) {
        SSLEngine engine = boring != null ? boring.newEngine(peerHost, peerPort)
                : peerHost == null ? sslContext.createSSLEngine() : sslContext.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(config.isClient());
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(config.protocolNames().toArray(String[]::new));
        if (config.dtls()) {
            // SunJSSE fragments handshake messages and sizes application records to fit one datagram each.
            p.setMaximumPacketSize(config.mtu());
        }
        if (!config.cipherSuites().isEmpty()) {
            p.setCipherSuites(config.cipherSuites().toArray(String[]::new));
            p.setUseCipherSuitesOrder(true);
        } else if (config.provider() == TlsProvider.BC) {
            p.setCipherSuites(aesFirst(engine.getEnabledCipherSuites()));
        }
        if (!config.applicationProtocols().isEmpty() && boring == null) { // boringssl: set on its context
            p.setApplicationProtocols(config.applicationProtocols().toArray(String[]::new));
        }
        if (config.isClient()) {
            // No endpoint identification: the trust manager checks the names itself (internal.HostnameCheck), for
            // the SNI name when there is one, where both providers would fall back to the host.
            String sni = sniFor(config.serverName() != null ? config.serverName() : peerHost);
            if (sni != null) {
                // Set explicitly: SunJSSE and BCJSSE derive SNI from the host only when it has a dot, so neither
                // sends "localhost" (OpenSSL, GnuTLS and curl do).
                p.setServerNames(List.<SNIServerName>of(new SNIHostName(sni)));
            }
        } else {
            switch (config.clientAuth()) {
                case NEED -> p.setNeedClientAuth(true);
                case WANT -> p.setWantClientAuth(true);
                case NONE -> p.setNeedClientAuth(false);
                default -> throw new IllegalStateException("unknown client auth " + config.clientAuth());
            }
            if (config.serverName() != null) {
                p.setSNIMatchers(List.of(new OnlyServerName(config.serverName())));
            }
        }
        if (!namedGroups.isEmpty() && config.provider() == TlsProvider.JDK) {
            JdkNamedGroups.set(p, namedGroups);
        }
        engine.setSSLParameters(p);
        if (!namedGroups.isEmpty() && engine instanceof BCSSLEngine bc) {
            BCSSLParameters bp = bc.getParameters();
            bp.setNamedGroups(namedGroups.toArray(String[]::new));
            if (config.isClient()) {
                if (config.versions().contains(TlsVersion.TLS_1_3)) {
                    bp.setEarlyKeyShares(earlyKeyShares(namedGroups).toArray(String[]::new));
                }
            } else {
                bp.setUseNamedGroupsOrder(true); // the server's order decides: the hybrid whenever it is offered
            }
            bc.setParameters(bp);
        }
        return engine;
    }

    /**
     * The SNI name for a host (RFC 6066: a host name, never an IP literal; no trailing dot), or null when it is an IP
     * literal or not a name SNI can carry (SNIHostName refuses, e.g., an underscore).
     */
    static String sniFor(String host) {
        if (host == null || host.isEmpty() || IpLiteral.is(host)) {
            return null;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            new SNIHostName(name);
            return name;
        } catch (IllegalArgumentException notAName) {
            return null;
        }
    }

    /**
     * BCJSSE lists ChaCha20-Poly1305 first; with the BC JCE provider appended it then runs ChaCha20 in pure Java,
     * several times slower than the JDK's AES-GCM intrinsics. Keep AES-GCM first, as SunJSSE and OpenSSL do.
     */
    private static String[] aesFirst(String[] suites) {
        List<String> aes = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String s : suites) {
            (s.contains("CHACHA20") ? rest : aes).add(s);
        }
        aes.addAll(rest);
        return aes.toArray(String[]::new);
    }

    private void checkAgainstProvider() {
        SSLEngine probe = boring != null ? boring.newEngine(null, 0) : sslContext.createSSLEngine();
        Set<String> supported;
        Set<String> protocols;
        try {
            supported = new HashSet<>(Arrays.asList(probe.getSupportedCipherSuites()));
            protocols = new HashSet<>(Arrays.asList(probe.getSupportedProtocols()));
        } finally {
            release(probe);
        }
        for (String suite : config.cipherSuites()) {
            if (!supported.contains(suite)) {
                throw new IllegalArgumentException("cipher suite '" + suite + "' is not supported by provider "
                        + config.provider());
            }
        }
        for (String v : config.protocolNames()) {
            if (!protocols.contains(v)) {
                throw new IllegalArgumentException(v + " is not supported by provider " + config.provider());
            }
        }
    }

    /**
     * The configured groups, or on the bc provider with none configured the hybrid defaults
     * ({@link NamedGroup#hybridDefaults}: X25519MLKEM768 first); plus the curve of an EC identity key: SunJSSE
     * (TLS 1.2) and BCJSSE (1.2 and 1.3) refuse to sign with an ECDSA key whose curve is not among the enabled
     * groups. SunJSSE keeps its own defaults.
     */
    /**
     * The groups this context enables beyond the configured list ({@link TlsConfig#namedGroups()}): the curve of
     * an EC identity key, which the providers need enabled to sign with it. Empty when no list was configured or
     * nothing was added; a caller tells the user their list was widened.
     */
    public List<String> addedGroups() {
        if (config.namedGroups().isEmpty()) {
            return List.of();
        }
        return namedGroups.stream().filter(g -> !config.namedGroups().contains(g)).toList();
    }

    private static List<String> effectiveGroups(TlsConfig config) {
        List<String> groups = new ArrayList<>(config.namedGroups());
        if (groups.isEmpty() && config.provider() == TlsProvider.BC && !config.dtls()) {
            NamedGroup.hybridDefaults(config.isClient()).forEach(g -> groups.add(g.jsseName()));
        } else if (groups.isEmpty() && config.provider() == TlsProvider.BORINGSSL) {
            BoringContext.DEFAULT_GROUPS.forEach(g -> groups.add(g.jsseName()));
        }
        // BoringSSL signs with any EC key whatever the groups (signature schemes are their own list).
        if (!groups.isEmpty() && config.privateKey() instanceof ECKey ec && config.provider() != TlsProvider.BORINGSSL) {
            NamedGroup curve = NamedGroup.primeCurveOfFieldSize(ec.getParams().getCurve().getField().getFieldSize());
            if (curve != null && !groups.contains(curve.jsseName())) {
                groups.add(curve.jsseName());
            }
        }
        return List.copyOf(groups);
    }

    /**
     * Key managers already built, by identity and provider: a key manager costs two PBKDF2 runs to build (the key
     * into the PKCS#12 store and out again), about 40 ms on a cold JVM, and a client checking a hundred targets
     * (client --targets) makes a context per target with the same identity. A key manager holds no per-connection
     * state, so contexts may share one; each context keeps its own session cache.
     */
    private static final java.util.Map<IdentityKey, KeyManager[]> KEY_MANAGERS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<IdentityKey, KeyManager[]> eldest) {
                    return size() > 8;
                }
            });

    /** An identity (key and chain) for one provider instance (null: the JDK's). */
    private record IdentityKey(Provider provider, java.security.PrivateKey key, List<X509Certificate> chain) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.provider == provider && k.key.equals(key) && k.chain.equals(chain);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(provider) + key.hashCode()) + chain.hashCode();
        }
    }

    private static KeyManager[] keyManagers(TlsConfig config, Provider provider) throws GeneralSecurityException {
        if (config.privateKey() == null) {
            return null;
        }
        IdentityKey id = new IdentityKey(provider, config.privateKey(), List.copyOf(config.chain()));
        KeyManager[] known = KEY_MANAGERS.get(id);
        if (known != null) {
            return known;
        }
        KeyManager[] built = buildKeyManagers(config, provider);
        KEY_MANAGERS.put(id, built);
        return built;
    }

    private static KeyManager[] buildKeyManagers(TlsConfig config, Provider provider) throws GeneralSecurityException {
        // JKS (one SHA-1 pass), not PKCS#12, whose PBKDF2 (10,000 rounds) on the way in and out cost ~25 ms cold.
        KeyStore ks = KeyStore.getInstance("JKS");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry("identity", config.privateKey(), KEYSTORE_PASSWORD,
                config.chain().toArray(X509Certificate[]::new));
        // SunJSSE's "PKIX" key manager reads the key out of the store at every handshake, "SunX509" once (with
        // PKCS#12, over half of a server's CPU per handshake). BCJSSE's key manager keeps the key already.
        KeyManagerFactory kmf = provider == null
                ? KeyManagerFactory.getInstance("SunX509")
                : KeyManagerFactory.getInstance("PKIX", provider);
        kmf.init(ks, KEYSTORE_PASSWORD);
        return kmf.getKeyManagers();
    }

    /**
     * BCJSSE's client sends a key share for X25519 alone unless told otherwise, so a hybrid offered first would
     * cost a HelloRetryRequest with every server that prefers it. Shares go, as OpenSSL 3.5 and browsers send them,
     * for the first post-quantum group and for X25519 (those of them in the list, in its order); a list with
     * neither gets one for its first group.
     */
    static List<String> earlyKeyShares(List<String> groups) {
        String firstPq = null;
        for (String g : groups) {
            NamedGroup group = NamedGroup.named(g);
            if (group != null && group.postQuantum()) {
                firstPq = g;
                break;
            }
        }
        List<String> shares = new ArrayList<>();
        for (String g : groups) {
            if (g.equals(firstPq) || NamedGroup.named(g) == NamedGroup.X25519) {
                shares.add(g);
            }
        }
        if (shares.isEmpty() && !groups.isEmpty()) {
            shares.add(groups.get(0));
        }
        return List.copyOf(shares);
    }

    private static List<NamedGroup> postQuantum(List<String> groups) {
        return groups.stream().map(NamedGroup::named).filter(g -> g != null && g.postQuantum()).toList();
    }

    /** Refuses ML-KEM groups on a SunJSSE that does not implement them (Java 17 and 25 do not). */
    private void checkGroupsAgainstProvider() {
        if (config.provider() == TlsProvider.JDK && !postQuantum(namedGroups).isEmpty()) {
            List<NamedGroup> missing = JdkNamedGroups.missingPostQuantum(sslContext, namedGroups);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("named group" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing.stream().map(NamedGroup::ianaName).toList())
                        + " not implemented by the jdk provider (" + JdkNamedGroups.describe()
                        + "); use --provider bc");
            }
        }
    }
}
