package dev.tlskit.engine.scan;

import dev.tlskit.engine.scan.ScanReport.ProbeLog;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHelloBuilder;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What every probe family shares for one target: the {@link Prober}, the SNI name, the chunk size once the server
 * has choked on a big hello, the log of every probe sent, and the listener told of each. Thread-safe.
 */
final class Probes {
    private final Prober prober;
    private final String serverName;
    private final ScanListener listener;
    private final List<ProbeLog> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int chunk = Integer.MAX_VALUE;

    Probes(Prober prober, String serverName, ScanListener listener) {
        this.prober = prober;
        this.serverName = serverName;
        this.listener = listener;
    }

    Prober prober() {
        return prober;
    }

    String serverName() {
        return serverName;
    }

    /** From now on offer at most {@code suites} a hello ({@link Integer#MAX_VALUE}: all at once). */
    void chunk(int suites) {
        chunk = suites;
    }

    boolean chunked() {
        return chunk != Integer.MAX_VALUE;
    }

    /** 0 when the server took the full offer; else the suites a hello offered at most. */
    int suitesPerHello() {
        return chunked() ? chunk : 0;
    }

    Answer probe(String purpose, ClientHelloBuilder hello, boolean flight) {
        return probe(purpose, hello.record(), flight);
    }

    Answer probe(String purpose, byte[] hello, boolean flight) {
        return logged(purpose, prober.probe(hello, flight));
    }

    /** Records a probe's answer (also one made by another family, such as a TLS 1.3 peek) and tells the listener. */
    Answer logged(String purpose, Answer a) {
        ProbeLog entry = new ProbeLog(purpose, a);
        log.add(entry);
        listener.probed(entry);
        return a;
    }

    /** A TLS 1.3 hello offering {@code suites} and every TLS 1.3 group, with {@code extra} applied. */
    ClientHelloBuilder tls13(int[] suites, UnaryOperator<ClientHelloBuilder> extra) {
        return extra.apply(Hellos.tls13(suites, groups13(), serverName));
    }

    static int[] groups13() {
        return Hellos.tls13Groups().stream().mapToInt(NamedGroup::code).toArray();
    }

    /**
     * Offers {@code suites} at {@code v} (in chunks once the server has choked on a big hello), with
     * {@code extra} applied to each hello: the first acceptance, else the last refusal.
     */
    Answer offer(String purpose, ProtocolVersion v, List<CipherSuite> suites, UnaryOperator<ClientHelloBuilder> extra,
            boolean flight) {
        if (suites.isEmpty()) {
            return Answer.of(Answer.Kind.CLOSED, "nothing to offer", 0);
        }
        int size = chunk;
        Answer last = null;
        for (int i = 0; i < suites.size(); i += size) {
            List<CipherSuite> part = suites.subList(i, Math.min(suites.size(), i + size));
            String p = size == Integer.MAX_VALUE ? purpose : purpose + " [chunk " + (i / size + 1) + "]";
            Answer a = probe(p, extra.apply(Hellos.legacy(v, Hellos.codes(part), serverName)), flight);
            if (a.accepted() || a.unreachable()) {
                return a;
            }
            if (last == null || a.spoke()) {
                last = a;
            }
        }
        return last;
    }

    List<ProbeLog> snapshot() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
