package dev.tlskit.engine.scan;

import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The signature schemes a server can sign with, each offered alone. TLS 1.2 where the server has it: its
 * ServerKeyExchange names the scheme it signed with, in plaintext. TLS 1.3 otherwise: the encrypted
 * CertificateVerify names it.
 */
final class SignatureProbes {
    private final ProtocolVersion version;
    private final Map<SignatureScheme, Future<?>> jobs = new LinkedHashMap<>();

    private SignatureProbes(ProtocolVersion version) {
        this.version = version;
    }

    /** Probes on {@code version} (1.2 or 1.3), or none when null. */
    static SignatureProbes start(ExecutorService pool, Probes probes, FeatureProbes features,
            ProtocolVersion version) {
        SignatureProbes s = new SignatureProbes(version);
        if (version == null) {
            return s;
        }
        // TLS 1.2: only suites whose key exchange the server signs (RSA key transport needs no signature)
        List<CipherSuite> signed = Hellos.suitesFor(ProtocolVersion.TLS12).stream()
                .filter(cs -> (cs.keyExchange() == CipherSuite.KeyExchange.ECDHE
                        || cs.keyExchange() == CipherSuite.KeyExchange.DHE)
                        && (cs.authentication() == CipherSuite.Authentication.RSA
                        || cs.authentication() == CipherSuite.Authentication.ECDSA
                        || cs.authentication() == CipherSuite.Authentication.DSS))
                .toList();
        int[] suites13 = Hellos.codes(Hellos.tls13Suites());
        for (SignatureScheme sig : SignatureScheme.values()) {
            String purpose = "signature " + sig.ianaName() + " " + version.displayName();
            s.jobs.put(sig, pool.submit(() -> version == ProtocolVersion.TLS13
                    ? tls13(probes, features, purpose, sig, suites13)
                    : probes.offer(purpose, ProtocolVersion.TLS12, signed, b -> b.signatureAlgorithms(sig.code()),
                            true)));
        }
        return s;
    }

    /**
     * TLS 1.3: the scheme alone, read through {@link Tls13Peek} to the CertificateVerify, which must use it; a
     * ServerHello is all there is to go by when the peek cannot run (neither x25519 nor secp256r1), and overstates
     * for servers that pick their certificate after it.
     */
    private static boolean tls13(Probes probes, FeatureProbes features, String purpose, SignatureScheme sig,
            int[] suites13) {
        Tls13Peek.Result r = features.peek13(purpose, b -> b.signatureAlgorithms(sig.code()), false);
        if (r.flight() != null) {
            return r.flight().signatureScheme() == sig.code();
        }
        if (r.answer().kind() == Answer.Kind.ALERT) {
            return false;
        }
        Answer a = probes.probe(purpose + " (ServerHello only)", probes.tls13(suites13,
                b -> b.signatureAlgorithms(sig.code())), false);
        return a.accepted() && a.hello().negotiatedVersion() == ProtocolVersion.TLS13.code();
    }

    /** TLS 1.2: a ServerHello of 1.2 whose ServerKeyExchange is signed with {@code sig}. */
    private static boolean accepted12(Answer a, SignatureScheme sig) {
        return a.accepted() && a.hello().negotiatedVersion() == ProtocolVersion.TLS12.code()
                && a.keyExchangeSignature() == sig.code();
    }

    ProtocolVersion version() {
        return version;
    }

    List<SignatureScheme> collect() {
        List<SignatureScheme> out = new ArrayList<>();
        jobs.forEach((sig, f) -> {
            Object result = Scanner.get(f);
            if (result instanceof Boolean b ? b : accepted12((Answer) result, sig)) {
                out.add(sig);
            }
        });
        return out;
    }
}
