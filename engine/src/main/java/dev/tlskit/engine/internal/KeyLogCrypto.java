package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.KeyLog;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Bouncy Castle's JCA crypto, watched for the secrets an NSS key log needs. BCJSSE exposes no secrets, but it
 * takes its crypto from a {@link JcaTlsCryptoProvider}, and every secret of a handshake passes through that
 * crypto:
 *
 * <ul>
 *   <li>TLS 1.2: the record cipher is created ({@link #createCipher}) once the master secret exists; the security
 *       parameters then hold it and the client random: {@code CLIENT_RANDOM}.
 *   <li>TLS 1.3: the key schedule starts at {@link #hkdfInit}; from there every derived secret is a
 *       {@link RecordingSecret}, which reports the traffic and exporter secrets by their HKDF labels. Bouncy Castle
 *       derives the client and server traffic secrets of a phase and creates that phase's cipher in one call on
 *       one thread, so the secrets wait (per thread) for the cipher, which brings the client random; the exporter
 *       secret follows the application cipher in the same call. The handshake secrets must be taken then: they are
 *       gone when the handshake completes.
 * </ul>
 */
final class KeyLogCrypto extends JcaTlsCrypto {
    private static final Map<String, String> TLS13_LABELS = Map.of(
            "c hs traffic", "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "s hs traffic", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            "c ap traffic", "CLIENT_TRAFFIC_SECRET_0",
            "s ap traffic", "SERVER_TRAFFIC_SECRET_0",
            "exp master", "EXPORTER_SECRET");

    private final KeyLog log;
    /** TLS 1.3 traffic secrets derived on this thread, waiting for their phase's cipher (and client random). */
    private final ThreadLocal<List<Entry>> waiting = ThreadLocal.withInitial(ArrayList::new);
    /** The client random of the application cipher just created on this thread, for the exporter secret. */
    private final ThreadLocal<byte[]> applicationRandom = new ThreadLocal<>();

    private record Entry(String label, byte[] secret) {}

    private KeyLogCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom keyRandom,
            SecureRandom nonceRandom, KeyLog log) {
        super(helper, altHelper, keyRandom, nonceRandom);
        this.log = log;
    }

    /** What BCJSSE is built with to write {@code log}. */
    static JcaTlsCryptoProvider provider(KeyLog log) {
        return new JcaTlsCryptoProvider() {
            @Override
            public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
                return new KeyLogCrypto(getHelper(), getAltHelper(), keyRandom, nonceRandom, log);
            }
        };
    }

    @Override
    public TlsSecret hkdfInit(int cryptoHashAlgorithm) {
        return RecordingSecret.adopt(this, super.hkdfInit(cryptoHashAlgorithm));
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters params, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        TlsCipher cipher = super.createCipher(params, encryptionAlgorithm, macAlgorithm);
        SecurityParameters sp = params.getSecurityParametersHandshake();
        byte[] clientRandom = sp.getClientRandom();
        if (TlsUtils.isTLSv13(sp.getNegotiatedVersion())) {
            List<Entry> entries = waiting.get();
            boolean application = false;
            for (Entry e : entries) {
                log.write(e.label(), clientRandom, e.secret());
                application |= e.label().equals("CLIENT_TRAFFIC_SECRET_0");
            }
            entries.clear();
            applicationRandom.set(application ? clientRandom : null);
        } else if (sp.getMasterSecret() != null) {
            log.write("CLIENT_RANDOM", clientRandom, RecordingSecret.peek(sp.getMasterSecret()));
        }
        return cipher;
    }

    /** Called by a {@link RecordingSecret} with each secret it derived under a TLS 1.3 label. */
    void derived(String hkdfLabel, byte[] secret) {
        String label = TLS13_LABELS.get(hkdfLabel);
        if (label == null) {
            return;
        }
        if (label.equals("EXPORTER_SECRET")) {
            byte[] random = applicationRandom.get();
            applicationRandom.remove();
            if (random != null) {
                log.write(label, random, secret.clone());
            }
            return;
        }
        List<Entry> entries = waiting.get();
        if (label.startsWith("CLIENT_")) {
            entries.clear(); // a phase starts with its client secret; leftovers of a failed handshake go
        }
        entries.add(new Entry(label, secret.clone()));
    }
}
