package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.TlsConfig;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The trust manager a configuration asks for: explicit anchors, the platform store, both, or none. */
public final class TrustManagers {
    private TrustManagers() {}

    public static X509ExtendedTrustManager create(TlsConfig config, Provider provider) throws GeneralSecurityException {
        X509ExtendedTrustManager tm = switch (config.trustMode()) {
            case INSECURE -> new AcceptAll();
            case PLATFORM -> pkix(null, provider);
            case ANCHORS -> {
                X509ExtendedTrustManager explicit = pkix(anchorStore(config.trustAnchors()), provider);
                yield config.trustPlatformToo()
                        ? new FirstThatTrusts(List.of(explicit, new Platform(provider))) : explicit;
            }
        };
        if (tm instanceof AcceptAll) {
            return tm;
        }
        if (config.isClient() && config.verifyHostname()) {
            tm = new NameChecked(tm, config.serverName());
        }
        return new Guarded(tm, TrustManagers::remember);
    }

    /**
     * The chain a trust check rejected, attached as a suppressed exception to the very exception the check throws
     * (its type, message and cause stay as they were, so the handshake fails exactly as before). {@link Failures}
     * finds it and hands it on in {@link dev.tlskit.engine.model.TlsException#peerChain()}, for {@code --show-certs}.
     */
    public static final class RejectedChain extends Exception {
        private final List<X509Certificate> chain;

        RejectedChain(X509Certificate[] chain) {
            super("the rejected peer chain (" + chain.length + " certificates)", null, false, false);
            this.chain = List.of(chain);
        }

        public List<X509Certificate> chain() {
            return chain;
        }

        /** The rejected chain attached anywhere in {@code t}'s causes, or an empty list. */
        public static List<X509Certificate> in(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                for (Throwable s : c.getSuppressed()) {
                    if (s instanceof RejectedChain r) {
                        return r.chain;
                    }
                }
            }
            return List.of();
        }
    }

    /** Attaches the chain to a rejection; see {@link RejectedChain}. */
    private static void remember(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            if (chain != null && chain.length > 0) {
                e.addSuppressed(new RejectedChain(chain.clone()));
            }
            throw e;
        }
    }

    private static KeyStore anchorStore(List<X509Certificate> anchors) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < anchors.size(); i++) {
            ks.setCertificateEntry("ca-" + i, anchors.get(i));
        }
        return ks;
    }

    private static X509ExtendedTrustManager pkix(KeyStore store, Provider provider) throws GeneralSecurityException {
        TrustManagerFactory tmf = provider == null
                ? TrustManagerFactory.getInstance("PKIX")
                : TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return new Guarded(x, TrustManagers::explainValidity);
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager from " + tmf.getProvider().getName());
    }

    /** One trust check on its way to the delegate. */
    private interface Check {
        void run() throws CertificateException;
    }

    /** What a {@link Guarded} trust manager does around each check of {@code chain}. */
    private interface Guard {
        void check(X509Certificate[] chain, Check check) throws CertificateException;
    }

    /**
     * Names an expired or not yet valid certificate when the delegate rejects a chain: BCJSSE's PKIX path builder
     * (on the JDK's CertPathBuilder) reports those only as "unable to find valid certification path".
     */
    private static void explainValidity(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            if (chain != null) {
                for (X509Certificate c : chain) {
                    try {
                        c.checkValidity();
                    } catch (CertificateExpiredException | CertificateNotYetValidException invalid) {
                        CertificateException explained = new CertificateException(
                                c.getSubjectX500Principal() + ": " + invalid.getMessage(), invalid);
                        explained.addSuppressed(e);
                        throw explained;
                    }
                }
            }
            throw e;
        }
    }

    /** A trust manager that runs every check of its delegate through a {@link Guard}. */
    private static final class Guarded extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final Guard guard;

        Guarded(X509ExtendedTrustManager delegate, Guard guard) {
            this.delegate = delegate;
            this.guard = guard;
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { guard.check(c, () -> delegate.checkClientTrusted(c, a, s)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { guard.check(c, () -> delegate.checkServerTrusted(c, a, s)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { guard.check(c, () -> delegate.checkClientTrusted(c, a, e)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { guard.check(c, () -> delegate.checkServerTrusted(c, a, e)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { guard.check(c, () -> delegate.checkClientTrusted(c, a)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { guard.check(c, () -> delegate.checkServerTrusted(c, a)); }
        @Override public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }
    }

    /**
     * After its delegate trusts a server's chain, checks the leaf's names ({@link HostnameCheck}) against the SNI
     * name when one is configured, else the host the engine was made for. Clients only; a client's own chain is
     * judged by the server, never here.
     */
    private static final class NameChecked extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final String serverName;

        NameChecked(X509ExtendedTrustManager delegate, String serverName) {
            this.delegate = delegate;
            this.serverName = serverName;
        }

        private void checkName(X509Certificate[] c, String peerHost) throws CertificateException {
            if (c == null || c.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            HostnameCheck.verify(c[0], serverName != null ? serverName : peerHost);
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { delegate.checkClientTrusted(c, a, s); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { delegate.checkClientTrusted(c, a, e); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { delegate.checkClientTrusted(c, a); }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException {
            delegate.checkServerTrusted(c, a, s);
            checkName(c, s instanceof javax.net.ssl.SSLSocket ssl && ssl.getHandshakeSession() != null
                    ? ssl.getHandshakeSession().getPeerHost() : null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
            delegate.checkServerTrusted(c, a, e);
            checkName(c, e == null ? null : e.getPeerHost());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
            delegate.checkServerTrusted(c, a);
            checkName(c, null);
        }

        @Override public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }
    }

    /** Accepts every chain. Only for the explicit insecure mode. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}
        @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
        @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    /**
     * The platform's trust store behind explicit anchors, read when a check first needs it: a chain the explicit
     * anchors trust (the demo CA's, for a client on loopback without -A) never does, and reading the JDK's ~140
     * certificates is ~25 ms of a one-shot client. A store that cannot be read fails that check, naming it.
     */
    private static final class Platform extends X509ExtendedTrustManager {
        private final Provider provider;
        private X509ExtendedTrustManager store;

        Platform(Provider provider) {
            this.provider = provider;
        }

        private synchronized X509ExtendedTrustManager store() throws CertificateException {
            if (store == null) {
                try {
                    store = pkix(null, provider);
                } catch (GeneralSecurityException e) {
                    throw new CertificateException("cannot read the platform trust store: " + e.getMessage(), e);
                }
            }
            return store;
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { store().checkClientTrusted(c, a, s); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { store().checkServerTrusted(c, a, s); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { store().checkClientTrusted(c, a, e); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { store().checkServerTrusted(c, a, e); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { store().checkClientTrusted(c, a); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { store().checkServerTrusted(c, a); }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            try {
                return store().getAcceptedIssuers();
            } catch (CertificateException e) {
                return new X509Certificate[0];
            }
        }
    }

    /** Trusts a chain when any delegate does; reports the first delegate's failure otherwise. */
    private static final class FirstThatTrusts extends X509ExtendedTrustManager {
        private final List<X509ExtendedTrustManager> delegates;

        FirstThatTrusts(List<X509ExtendedTrustManager> delegates) {
            this.delegates = delegates;
        }

        private interface Attempt {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void any(Attempt check) throws CertificateException {
            CertificateException first = null;
            for (X509ExtendedTrustManager tm : delegates) {
                try {
                    check.run(tm);
                    return;
                } catch (CertificateException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            throw first;
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { any(tm -> tm.checkClientTrusted(c, a, s)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { any(tm -> tm.checkServerTrusted(c, a, s)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { any(tm -> tm.checkClientTrusted(c, a, e)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { any(tm -> tm.checkServerTrusted(c, a, e)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { any(tm -> tm.checkClientTrusted(c, a)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { any(tm -> tm.checkServerTrusted(c, a)); }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>();
            delegates.forEach(tm -> all.addAll(List.of(tm.getAcceptedIssuers())));
            return all.toArray(X509Certificate[]::new);
        }
    }
}
