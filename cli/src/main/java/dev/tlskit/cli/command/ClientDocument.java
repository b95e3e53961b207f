package dev.tlskit.cli.command;

import dev.tlskit.cli.Assertion;
import dev.tlskit.cli.Errors;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import dev.tlskit.engine.model.TlsException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client's {@code --json} document, filled in from the outcome, so a failure after a good handshake still
 * leaves the handshake, the chain and the assertions in it, beside the error.
 */
final class ClientDocument {
    private final Map<String, Object> doc = Json.document("client");
    private final List<Object> trace;
    private final Integer exitCode;

    /**
     * @param extra fields that come first ({@code --targets}: {@code target}, {@code line})
     * @param trace the {@code --trace} events, collected while the run goes (empty without --trace)
     * @param exitCode the last field, {@code exitCode}, or null for none (one target: its exit code says it)
     */
    ClientDocument(Map<String, Object> extra, String host, int port, List<Object> trace, Integer exitCode) {
        this.trace = trace;
        this.exitCode = exitCode;
        doc.putAll(extra);
        doc.put("host", host);
        doc.put("port", port);
    }

    /** The first connection: its address, handshake, and what was sent and answered (absent when nothing was). */
    void first(ClientExchange e) {
        doc.put("address", e.address());
        doc.put("handshake", Report.handshakeJson(e.summary()));
        exchanged(doc, e);
    }

    /** The reconnection of {@code -r}. */
    void resumption(ClientExchange e) {
        Map<String, Object> r = Json.object();
        r.put("resumed", e.summary().resumed());
        r.put("handshake", Report.handshakeJson(e.summary()));
        exchanged(r, e);
        doc.put("resumption", r);
    }

    /** {@code --starttls}: the protocol and what was said before TLS (also when the prelude failed). */
    void starttls(Map<String, Object> prelude) {
        doc.put("starttls", prelude);
    }

    void assertions(List<Assertion> assertions) {
        if (!assertions.isEmpty()) {
            List<Object> results = new ArrayList<>();
            assertions.forEach(a -> results.add(a.json()));
            doc.put("assertions", results);
        }
    }

    void error(TlsException e) {
        doc.put("error", Errors.json(e));
    }

    void print(PrintWriter out) {
        if (!trace.isEmpty()) {
            doc.put("trace", trace);
        }
        if (exitCode != null) {
            doc.put("exitCode", exitCode);
        }
        out.println(Json.write(doc));
        out.flush();
    }

    private static void exchanged(Map<String, Object> m, ClientExchange e) {
        if (e.sent() != null) {
            m.put("sent", e.sent());
            m.put("reply", e.reply());
        }
    }
}
