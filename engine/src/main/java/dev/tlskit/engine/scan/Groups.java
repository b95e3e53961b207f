package dev.tlskit.engine.scan;

import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * The groups family: on TLS 1.3 each group offered alone with an empty key_share (the server names it in a
 * HelloRetryRequest), on TLS 1.2 and older each curve alone (the ServerKeyExchange names it), and the DHE size.
 */
final class Groups {
    private final Map<NamedGroup, Future<Answer>> tls13 = new LinkedHashMap<>();
    private final Map<NamedGroup, Future<Answer>> ecdhe = new LinkedHashMap<>();
    private Future<Answer> dhe;

    private Groups() {}

    static Groups start(ExecutorService pool, Probes probes, ProtocolVersion top, boolean tls13) {
        Groups g = new Groups();
        if (tls13) {
            int[] suites13 = Hellos.codes(Hellos.tls13Suites());
            for (NamedGroup group : Hellos.tls13Groups()) {
                g.tls13.put(group, pool.submit(() -> probes.probe("group " + group.ianaName() + " TLS 1.3",
                        Hellos.tls13(suites13, new int[] {group.code()}, probes.serverName()), false)));
            }
        }
        if (top != null) {
            List<CipherSuite> all = Hellos.suitesFor(top);
            List<CipherSuite> ecdheSuites = all.stream().filter(CipherSuite::isEcdhe).toList();
            for (int code : Hellos.ellipticGroups()) {
                NamedGroup group = NamedGroup.of(code);
                g.ecdhe.put(group, pool.submit(() -> probes.offer("group " + group.ianaName() + " "
                        + top.displayName(), top, ecdheSuites, b -> b.supportedGroups(code), true)));
            }
            List<CipherSuite> dheSuites = all.stream().filter(CipherSuite::isFiniteFieldDhe).toList();
            g.dhe = pool.submit(() -> probes.offer("DHE parameters " + top.displayName(), top, dheSuites,
                    UnaryOperator.identity(), true));
        }
        return g;
    }

    /** Groups a TLS 1.3 server accepted. */
    List<NamedGroup> tls13() {
        List<NamedGroup> out = new ArrayList<>();
        tls13.forEach((g, f) -> {
            Answer a = Scanner.get(f);
            if (a.accepted() && a.hello().keyShareGroup() == g.code()) {
                out.add(g);
            }
        });
        return out;
    }

    /** Curves the TLS 1.2-and-older ServerKeyExchange used. */
    List<NamedGroup> ecdhe() {
        List<NamedGroup> out = new ArrayList<>();
        ecdhe.forEach((g, f) -> {
            Answer a = Scanner.get(f);
            if (a.accepted() && a.keyExchange() != null && a.keyExchange().namedGroup() == g.code()) {
                out.add(g);
            }
        });
        return out;
    }

    /** The DHE prime size, or -1. */
    int dhBits() {
        if (dhe == null) {
            return -1;
        }
        Answer a = Scanner.get(dhe);
        return a.accepted() && a.keyExchange() != null ? a.keyExchange().dhPrimeBits() : -1;
    }
}
