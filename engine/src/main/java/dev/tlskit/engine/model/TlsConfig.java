package dev.tlskit.engine.model;

import dev.tlskit.engine.wire.NamedGroup;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything one TLS endpoint needs, as an immutable value. Built with the role factories
 * {@link #forClient()} and {@link #forServer(PrivateKey, List)}, so a server without an identity cannot be
 * expressed. Inputs are checked when set.
 */
public final class TlsConfig {
    /** How the peer's certificate chain is judged. */
    public enum TrustMode {
        /** Against explicit anchors (and the platform store, if also asked for). */
        ANCHORS,
        /** Against the JDK's platform trust store only. */
        PLATFORM,
        /** Not at all: every chain is accepted. Explicit, and the CLI warns. */
        INSECURE
    }

    private final boolean client;
    private final TlsProvider provider;
    private final Set<TlsVersion> versions;
    private final List<String> cipherSuites;
    private final List<String> namedGroups;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final TrustMode trustMode;
    private final List<X509Certificate> trustAnchors;
    private final boolean trustPlatformToo;
    private final ClientAuth clientAuth;
    private final boolean verifyHostname;
    private final String serverName;
    private final List<String> applicationProtocols;
    private final Duration handshakeTimeout;
    private final Duration readTimeout;
    private final Consumer<TraceEvent> traceListener;
    private final boolean dtls;
    private final int mtu;
    private final KeyLog keyLog;

    private TlsConfig(Builder b) {
        this.client = b.client;
        this.provider = b.provider;
        this.versions = b.versions.isEmpty() ? Set.copyOf(EnumSet.allOf(TlsVersion.class)) : Set.copyOf(b.versions);
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.namedGroups = List.copyOf(b.namedGroups);
        this.privateKey = b.privateKey;
        this.chain = b.chain == null ? List.of() : List.copyOf(b.chain);
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.trustPlatformToo = b.trustPlatform;
        if (b.insecure) {
            this.trustMode = TrustMode.INSECURE;
        } else if (!b.trustAnchors.isEmpty()) {
            this.trustMode = TrustMode.ANCHORS;
        } else {
            this.trustMode = TrustMode.PLATFORM;
        }
        this.clientAuth = b.clientAuth;
        this.verifyHostname = b.verifyHostname && !b.insecure;
        this.serverName = b.serverName;
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.handshakeTimeout = b.handshakeTimeout;
        this.readTimeout = b.readTimeout;
        this.traceListener = b.traceListener;
        this.dtls = b.dtls;
        this.mtu = b.mtu;
        this.keyLog = b.keyLog;
    }

    /** A client: verifies the server's chain against the platform store and its hostname, unless told otherwise. */
    public static Builder forClient() {
        return new Builder(true, null, null);
    }

    /** A server presenting {@code chain} (leaf first) with {@code privateKey}; asks no client certificate unless told. */
    public static Builder forServer(PrivateKey privateKey, List<X509Certificate> chain) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a server needs a certificate chain");
        }
        return new Builder(false, privateKey, chain);
    }

    public boolean isClient() { return client; }
    public TlsProvider provider() { return provider; }
    public Set<TlsVersion> versions() { return versions; }
    public List<String> cipherSuites() { return cipherSuites; }
    public List<String> namedGroups() { return namedGroups; }
    public PrivateKey privateKey() { return privateKey; }
    public List<X509Certificate> chain() { return chain; }
    public TrustMode trustMode() { return trustMode; }
    public List<X509Certificate> trustAnchors() { return trustAnchors; }
    public boolean trustPlatformToo() { return trustPlatformToo; }
    public ClientAuth clientAuth() { return clientAuth; }
    public boolean verifyHostname() { return verifyHostname; }
    public String serverName() { return serverName; }
    public List<String> applicationProtocols() { return applicationProtocols; }
    public Duration handshakeTimeout() { return handshakeTimeout; }
    public Duration readTimeout() { return readTimeout; }
    public Consumer<TraceEvent> traceListener() { return traceListener; }
    /** Whether this endpoint speaks DTLS 1.2 over UDP (else TLS over TCP). */
    public boolean dtls() { return dtls; }
    /** DTLS: the largest UDP payload one datagram carries, in bytes. */
    public int mtu() { return mtu; }
    /** Where this endpoint's secrets go, or null. */
    public KeyLog keyLog() { return keyLog; }

    /** The JSSE protocol names this configuration enables ({@code DTLSv1.2} alone for DTLS). */
    public Set<String> protocolNames() {
        if (dtls) {
            return Set.of(DTLS_1_2);
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        versions.stream().sorted(java.util.Comparator.reverseOrder()).forEach(v -> names.add(v.jsseName()));
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The JSSE name of the one DTLS version there is (SunJSSE has no DTLS 1.3). */
    public static final String DTLS_1_2 = "DTLSv1.2";
    /** The default {@link #mtu()}: fits the IPv6 minimum MTU (1280) less IP and UDP headers, as QUIC chose. */
    public static final int DEFAULT_MTU = 1200;
    /** The smallest {@link #mtu()} accepted: below it SunJSSE's handshake fragments leave almost no payload. */
    public static final int MIN_MTU = 256;
    /** The largest {@link #mtu()} accepted: the largest UDP payload over IPv4. */
    public static final int MAX_MTU = 65_507;

    public static final class Builder {
        private final boolean client;
        private TlsProvider provider = TlsProvider.JDK;
        private final EnumSet<TlsVersion> versions = EnumSet.noneOf(TlsVersion.class);
        private final List<String> cipherSuites = new ArrayList<>();
        private final List<String> namedGroups = new ArrayList<>();
        private PrivateKey privateKey;
        private List<X509Certificate> chain;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private boolean trustPlatform;
        private boolean insecure;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean verifyHostname = true;
        private String serverName;
        private final List<String> applicationProtocols = new ArrayList<>();
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Consumer<TraceEvent> traceListener;
        private boolean dtls;
        private int mtu = DEFAULT_MTU;
        private KeyLog keyLog;

        private Builder(boolean client, PrivateKey privateKey, List<X509Certificate> chain) {
            this.client = client;
            this.privateKey = privateKey;
            this.chain = chain;
        }

        /** The TLS implementation. If unset: {@link TlsProvider#JDK}. */
        public Builder provider(TlsProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Only these versions. If unset: TLS 1.3 and 1.2, the highest both sides share wins. */
        public Builder versions(Set<TlsVersion> versions) {
            this.versions.clear();
            this.versions.addAll(versions);
            return this;
        }

        /** Cipher suites by IANA name, in preference order. If unset: the provider's defaults. */
        public Builder cipherSuites(List<String> suites) {
            for (String s : suites) {
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException("empty cipher suite name");
                }
            }
            cipherSuites.clear();
            cipherSuites.addAll(suites);
            return this;
        }

        /**
         * Named groups by any name {@link NamedGroup#named} takes ({@code x25519}, {@code P-256},
         * {@code X25519MLKEM768}), in preference order. If unset: the provider's defaults on jdk; on bc
         * {@link NamedGroup#hybridDefaults} (X25519MLKEM768 first, with key shares for it and X25519).
         */
        public Builder namedGroups(List<String> groups) {
            for (String g : groups) {
                if (NamedGroup.named(g) == null) {
                    throw new IllegalArgumentException("unknown named group '" + g + "' (known: "
                            + NamedGroup.listedNames() + ")");
                }
            }
            namedGroups.clear();
            groups.forEach(g -> namedGroups.add(NamedGroup.named(g).jsseName()));
            return this;
        }

        /** The client's certificate and key. If unset: the client sends none when asked. */
        public Builder identity(PrivateKey privateKey, List<X509Certificate> chain) {
            if (!client) {
                throw new IllegalStateException("a server's identity is given to forServer(..)");
            }
            if (chain == null || chain.isEmpty()) {
                throw new IllegalArgumentException("an identity needs a certificate chain");
            }
            this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
            this.chain = chain;
            return this;
        }

        /** Trust these anchors (added to earlier ones). If unset: the platform's trust store. */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            trustAnchors.addAll(anchors);
            return this;
        }

        /** Also trust the platform's store, beside explicit anchors. If unset: only the explicit anchors. */
        public Builder trustPlatform() {
            trustPlatform = true;
            return this;
        }

        /** Accept every peer chain and skip hostname checks. If unset: peers are verified. */
        public Builder insecure() {
            insecure = true;
            return this;
        }

        /** Server: whether to request a client certificate. If unset: {@link ClientAuth#NONE}. */
        public Builder clientAuth(ClientAuth clientAuth) {
            if (client) {
                throw new IllegalStateException("client auth is a server setting");
            }
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /** Client: check the server certificate's names against the host. If unset: on. */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /**
         * Client: the SNI name to send (and verify the certificate against). Server: the only SNI name accepted.
         * If unset: a client sends the host it connects to (when it is a name), a server accepts any.
         */
        public Builder serverName(String name) {
            if (name != null && (name.isBlank() || name.endsWith("."))) {
                throw new IllegalArgumentException("invalid SNI name '" + name + "'");
            }
            this.serverName = name;
            return this;
        }

        /** ALPN protocols in preference order. If unset: no ALPN. */
        public Builder applicationProtocols(List<String> protocols) {
            applicationProtocols.clear();
            applicationProtocols.addAll(protocols);
            return this;
        }

        /** Limit for connecting and for the whole handshake. If unset: 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout);
            return this;
        }

        /** Limit for waiting on the peer's next bytes once connected. If unset: 10 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout);
            return this;
        }

        /** Receives every record seen on the wire. If unset: records are parsed only for the summary. */
        public Builder traceListener(Consumer<TraceEvent> listener) {
            this.traceListener = listener;
            return this;
        }

        /**
         * Speak DTLS 1.2 over UDP instead of TLS over TCP. DTLS 1.2 is TLS 1.2 for datagrams: {@link #versions}
         * must then be unset or allow {@link TlsVersion#TLS_1_2}, and the provider must be {@link TlsProvider#JDK}
         * (both checked by {@link #build()}). If unset: TLS.
         */
        public Builder dtls() {
            this.dtls = true;
            return this;
        }

        /**
         * DTLS: the largest datagram (UDP payload, bytes) to send; handshake messages and application data are
         * split to fit. Between {@value TlsConfig#MIN_MTU} and {@value TlsConfig#MAX_MTU}. If unset:
         * {@value TlsConfig#DEFAULT_MTU}. Ignored for TLS.
         */
        public Builder mtu(int bytes) {
            if (bytes < MIN_MTU || bytes > MAX_MTU) {
                throw new IllegalArgumentException("MTU " + bytes + " out of range (" + MIN_MTU + ".." + MAX_MTU
                        + " bytes of UDP payload)");
            }
            this.mtu = bytes;
            return this;
        }

        /**
         * Write every connection's secrets to {@code log}, for Wireshark. Only providers that can
         * ({@link TlsProvider#writesKeyLog()}: bc and boringssl, so TLS only, not DTLS); checked by {@link #build()}. If unset:
         * no secrets leave the provider.
         */
        public Builder keyLog(KeyLog log) {
            this.keyLog = log;
            return this;
        }

        public TlsConfig build() {
            if (keyLog != null && dtls) {
                throw new IllegalArgumentException("no key log for DTLS: DTLS runs on the jdk provider, which does not"
                        + " export TLS secrets");
            }
            if (keyLog != null && !provider.writesKeyLog()) {
                throw new IllegalArgumentException("the " + provider + " provider cannot write a key log (it does not"
                        + " export TLS secrets); use the bc provider");
            }
            if (dtls && !provider.hasDtls()) {
                throw new IllegalArgumentException(dtlsRefusal(provider));
            }
            if (dtls && !versions.isEmpty() && !versions.contains(TlsVersion.TLS_1_2)) {
                throw new IllegalArgumentException("DTLS is DTLS 1.2 only (TLS 1.2 for datagrams): "
                        + versions.stream().map(TlsVersion::jsseName).sorted().toList() + " cannot be used with it");
            }
            if (!client && clientAuth != ClientAuth.NONE && trustAnchors.isEmpty() && !trustPlatform && !insecure) {
                throw new IllegalArgumentException("a server that asks for client certificates needs trust anchors");
            }
            return new TlsConfig(this);
        }

        /** Why {@code provider} cannot run DTLS, as one sentence. */
        static String dtlsRefusal(TlsProvider provider) {
            return provider == TlsProvider.BC ? "DTLS needs the jdk provider (Bouncy Castle's JSSE has no DTLS)"
                    : "DTLS needs the jdk provider (tlskit runs the " + provider + " provider for TLS only)";
        }

        private static Duration positive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + d);
            }
            return d;
        }
    }
}
