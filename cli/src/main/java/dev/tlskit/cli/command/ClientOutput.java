package dev.tlskit.cli.command;

import dev.tlskit.cli.ChainReport;
import dev.tlskit.cli.Errors;
import dev.tlskit.cli.Report;
import dev.tlskit.engine.model.HandshakeSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ClientOutcome}: the seed's lines and the reply (text), or the one JSON document, on
 * {@code out}; the verbose lines, the chain report (--show-certs, --save-chain) and the error lines on {@code err},
 * every error line through {@link Errors}. Returns the exit code.
 */
final class ClientOutput {
    private final ClientCommand o;
    private final PrintWriter out;
    private final PrintWriter err;

    ClientOutput(ClientCommand o, PrintWriter out, PrintWriter err) {
        this.o = o;
        this.out = out;
        this.err = err;
    }

    /**
     * @param extra fields the JSON document gets before the usual ones ({@code --targets}: the target and its
     *     line, and then its exit code last), or an empty map (one target: the document as it always was)
     */
    int render(ClientOutcome r, Map<String, Object> extra) {
        boolean verbose = o.output.verbose();
        if (r.first() == null) {
            if (!r.failure().peerChain().isEmpty()) {
                showAndSave(new ChainReport(r.failure().peerChain(), r.config(), r.host()), r.chainFailure());
            } else if (o.chain.show()) {
                err.println("tlskit: no certificate chain to show: the connection failed before verifying one");
            }
            if (o.output.json()) {
                document(r, extra).print(out);
            }
            return Errors.print(err, null, r.failure(), verbose);
        }
        exchange(r.first());
        showAndSave(new ChainReport(r.first().summary().peerChain(), r.config(), r.host()), null);
        if (r.second() != null) {
            exchange(r.second());
            if (!o.output.json()) {
                out.println(r.second().summary().resumed() ? "reused session id" : "didn't reuse session id!!!");
            }
        }
        if (o.output.json()) {
            document(r, extra).print(out);
        }
        out.flush();
        List<dev.tlskit.cli.Assertion> failed = r.failedAssertions();
        if (r.failure() != null) {
            // The exchange failed after a good handshake: the failed assertions are said too, the failure decides.
            Errors.assertionsFailed(err, failed, null);
            return Errors.print(err, null, r.failure(), verbose);
        }
        return failed.isEmpty() ? r.exitCode() : Errors.assertionsFailed(err, failed, null);
    }

    /**
     * The {@code --json} document of {@code r}. Built only with --json: its handshake and certificate details load
     * the cipher-suite table, the JSON and trace classes and cost a text run ~15 ms of CPU it would throw away.
     */
    private static ClientDocument document(ClientOutcome r, Map<String, Object> extra) {
        ClientDocument doc = new ClientDocument(extra, r.host(), r.port(), r.trace(),
                extra.isEmpty() ? null : r.exitCode());
        if (r.first() == null) {
            if (r.starttls() != null) {
                doc.starttls(r.starttls());
            }
            doc.error(r.failure());
            return doc;
        }
        doc.first(r.first());
        if (r.starttls() != null) {
            doc.starttls(r.starttls());
        }
        if (r.second() != null) {
            doc.resumption(r.second());
        }
        doc.assertions(r.assertions());
        if (r.failure() != null) {
            doc.error(r.failure());
        }
        return doc;
    }

    /** One connection as text: the seed's lines, then the reply; the verbose lines on stderr. */
    private void exchange(ClientExchange e) {
        if (e.relayed()) {
            return; // interactive use printed it all as it went
        }
        HandshakeSummary s = e.summary();
        if (!o.output.json()) {
            Report.seedLines(out, s);
            out.flush();
        }
        if (o.output.verbose()) {
            Report.verboseLines(err, s);
        }
        if (!o.output.json() && e.reply() != null) {
            out.print(e.reply());
            if (!e.reply().endsWith("\n")) {
                out.println();
            }
            out.flush();
        }
        if (!o.output.json() && e.goodbye() != null && !e.goodbye().isEmpty()) {
            e.goodbye().forEach(out::println); // --quit: the server's answer to the goodbye
            out.flush();
        }
    }

    /** --show-certs and --save-chain, for a chain seen (failure: why verification failed, else null). */
    private void showAndSave(ChainReport report, String failure) {
        if (o.chain.show()) {
            report.print(err, "server", failure);
        }
        if (o.chain.saveDir() != null) {
            List<Path> files = report.save(o.chain.saveDir());
            err.println("tlskit: saved the server's chain to " + (files.isEmpty() ? o.chain.saveDir()
                    : String.join(", ", files.stream().map(Object::toString).toList())));
        }
        err.flush();
    }
}
