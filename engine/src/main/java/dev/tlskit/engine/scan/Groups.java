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
import java.util.stream.Stream;

/**
 * The groups family: on TLS 1.3 each group offered alone with an empty key_share (the server names it in a
 * HelloRetryRequest), on TLS 1.2 and older each curve alone (the ServerKeyExchange names it), and the DHE size.
 *
 * <p>On TLS 1.2 a server with an ECDSA certificate needs the certificate's curve among the client's groups (RFC 8422
 * section 5.1), so a curve offered alone is refused there although the server would use it for the key exchange.
 * Once the curves offered alone are known, the others are offered again, all of them, with the ECDSA curves that
 * were accepted after them: the server names one it uses, which is taken out of the offer, until it picks one of
 * the ECDSA curves. A server that picks by its own preference may pick an ECDSA curve early and hide a curve it
 * likes less; what is reported is never a curve the server did not use.
 */
final class Groups {
    /** The curves an ECDSA certificate of TLS 1.2 can be on (the ones a CA issues for). */
    private static final List<NamedGroup> ECDSA_CURVES = List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1,
            NamedGroup.SECP521R1);

    private final Map<NamedGroup, Future<Answer>> tls13 = new LinkedHashMap<>();
    private final Map<NamedGroup, Future<Answer>> ecdhe = new LinkedHashMap<>();
    private Future<Answer> dhe;
    private Future<List<NamedGroup>> ecdheUsed;
    private Probes probes;
    private ProtocolVersion top;
    private List<CipherSuite> ecdheSuites;

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
            g.probes = probes;
            g.top = top;
            g.ecdheSuites = ecdheSuites;
            for (int code : Hellos.ellipticGroups()) {
                NamedGroup group = NamedGroup.of(code);
                g.ecdhe.put(group, pool.submit(() -> probes.offer("group " + group.ianaName() + " "
                        + top.displayName(), top, ecdheSuites, b -> b.supportedGroups(code), true)));
            }
            // after the curves alone (submitted first, so the pool has started them all when this one waits)
            g.ecdheUsed = pool.submit(g::collectEcdhe);
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

    /** Curves the TLS 1.2-and-older ServerKeyExchange used, in the registry's order. */
    List<NamedGroup> ecdhe() {
        return ecdheUsed == null ? List.of() : Scanner.get(ecdheUsed);
    }

    /**
     * Each curve offered alone, then the rest behind the accepted ECDSA curves (see the class comment), one offer
     * at a time: a task of the pool, beside the other families' probes.
     */
    private List<NamedGroup> collectEcdhe() {
        List<NamedGroup> used = new ArrayList<>();
        List<NamedGroup> rest = new ArrayList<>();
        ecdhe.forEach((g, f) -> (usedGroup(Scanner.get(f)) == g.code() ? used : rest).add(g));
        List<NamedGroup> behind = ECDSA_CURVES.stream().filter(used::contains).toList();
        while (!behind.isEmpty() && !rest.isEmpty()) {
            int[] offer = Stream.concat(rest.stream(), behind.stream())
                    .mapToInt(NamedGroup::code).toArray();
            NamedGroup picked = NamedGroup.of(usedGroup(probes.offer("groups behind the ECDSA curves "
                    + top.displayName(), top, ecdheSuites, b -> b.supportedGroups(offer), true)));
            if (picked == null || !rest.remove(picked)) {
                break;
            }
            used.add(picked);
        }
        List<NamedGroup> out = new ArrayList<>(ecdhe.keySet());
        out.retainAll(used);
        return out;
    }

    /** The named curve of an accepted probe's ServerKeyExchange, or -1. */
    private static int usedGroup(Answer a) {
        return a.accepted() && a.keyExchange() != null ? a.keyExchange().namedGroup() : -1;
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
