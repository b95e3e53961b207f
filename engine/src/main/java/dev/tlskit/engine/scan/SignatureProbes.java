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
 * ServerKeyExchange names the scheme it signed with, in plaintext. TLS 1.3 only from the ServerHello: a server
 * that picks its certificate later accepts any scheme there.
 */
final class SignatureProbes {
    private final ProtocolVersion version;
    private final Map<SignatureScheme, Future<Answer>> jobs = new LinkedHashMap<>();

    private SignatureProbes(ProtocolVersion version) {
        this.version = version;
    }

    /** Probes on {@code version} (1.2 or 1.3), or none when null. */
    static SignatureProbes start(ExecutorService pool, Probes probes, ProtocolVersion version) {
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
                    ? probes.probe(purpose, probes.tls13(suites13, b -> b.signatureAlgorithms(sig.code())), false)
                    : probes.offer(purpose, ProtocolVersion.TLS12, signed, b -> b.signatureAlgorithms(sig.code()),
                            true)));
        }
        return s;
    }

    ProtocolVersion version() {
        return version;
    }

    List<SignatureScheme> collect() {
        List<SignatureScheme> out = new ArrayList<>();
        jobs.forEach((sig, f) -> {
            Answer a = Scanner.get(f);
            if (a.accepted() && a.hello().negotiatedVersion() == version.code()
                    && (version == ProtocolVersion.TLS13 || a.keyExchangeSignature() == sig.code())) {
                out.add(sig);
            }
        });
        return out;
    }
}
