package dev.tlskit.engine.scan;

import dev.tlskit.engine.scan.ScanReport.VersionSuites;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/** The cipher suite family: which suites a version accepts, and in whose order the server picks. */
final class SuiteProbes {
    private final Probes probes;

    SuiteProbes(Probes probes) {
        this.probes = probes;
    }

    /**
     * Every suite {@code v} (1.2 and older) accepts: offer all, drop the one chosen, offer again, until the server
     * refuses; then its order (see {@link #order}).
     */
    VersionSuites legacy(ProtocolVersion v) {
        List<CipherSuite> remaining = new ArrayList<>(Hellos.suitesFor(v));
        List<CipherSuite> found = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Answer a = probes.offer("suites " + v.displayName() + " (" + remaining.size() + " offered)", v, remaining,
                    UnaryOperator.identity(), false);
            CipherSuite chosen = a.accepted() && a.hello().negotiatedVersion() == v.code()
                    ? CipherSuite.of(a.hello().cipherSuite()) : null;
            if (chosen == null || !remaining.remove(chosen)) {
                break;
            }
            found.add(chosen);
        }
        return order(v, found, probes.chunked());
    }

    /** Whether TLS 1.3 accepts {@code suite} offered alone. */
    boolean tls13Accepts(CipherSuite suite) {
        Answer a = probes.probe("suite " + suite.ianaName() + " TLS 1.3",
                probes.tls13(new int[] {suite.code()}, UnaryOperator.identity()), false);
        return a.accepted() && a.hello().cipherSuite() == suite.code();
    }

    /**
     * The server's order among {@code found}: offered in registry order and reversed; the same pick means the
     * server's own order. {@code found} is that order already, unless the offers were chunked ({@code reorder})
     * or it is TLS 1.3 (suites asked one at a time): then it is found again by offering the rest each time. A
     * client's order is reported in registry order.
     */
    VersionSuites order(ProtocolVersion v, List<CipherSuite> found, boolean reorder) {
        if (found.size() < 2) {
            return new VersionSuites(v, found, null);
        }
        List<CipherSuite> registryOrder = new ArrayList<>(found);
        registryOrder.sort((a, b) -> Integer.compare(a.code(), b.code()));
        List<CipherSuite> reversed = new ArrayList<>(registryOrder);
        Collections.reverse(reversed);
        int first = pick(v, registryOrder, "order " + v.displayName() + " forward");
        int back = pick(v, reversed, "order " + v.displayName() + " reversed");
        if (first < 0 || first != back) {
            return new VersionSuites(v, registryOrder, first < 0 ? null : false);
        }
        if (!reorder && v != ProtocolVersion.TLS13) {
            return new VersionSuites(v, found, true);
        }
        List<CipherSuite> rest = new ArrayList<>(registryOrder);
        List<CipherSuite> ordered = new ArrayList<>();
        while (rest.size() > 1) {
            int p = pick(v, rest, "order " + v.displayName() + " (" + rest.size() + " offered)");
            CipherSuite s = CipherSuite.of(p);
            if (s == null || !rest.remove(s)) {
                break;
            }
            ordered.add(s);
        }
        ordered.addAll(rest);
        return new VersionSuites(v, ordered, true);
    }

    private int pick(ProtocolVersion v, List<CipherSuite> offer, String purpose) {
        Answer a = v == ProtocolVersion.TLS13
                ? probes.probe(purpose, probes.tls13(Hellos.codes(offer), UnaryOperator.identity()), false)
                : probes.offer(purpose, v, offer, UnaryOperator.identity(), false);
        return a.accepted() ? a.hello().cipherSuite() : -1;
    }
}
