package dev.tlskit.cli.command;

import dev.tlskit.certs.TrustAnchors;
import dev.tlskit.cli.ExitCode;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.console.Tty;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.cli.option.StartTlsOptions;
import dev.tlskit.cli.option.TargetOptions;
import dev.tlskit.engine.scan.ScanReport;
import dev.tlskit.engine.scan.ScanSettings;
import dev.tlskit.engine.scan.ScanTarget;
import dev.tlskit.engine.scan.Scanner;
import dev.tlskit.engine.scan.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlskit scan}: what a server supports, from raw ClientHellos, with findings a CI job can gate on. */
@Command(name = "scan",
        header = "Find every version, cipher suite, group and feature a TLS server supports, and what is weak.",
        description = {
            "Sends the server one ClientHello per fresh connection and reads its first answer (ServerHello,"
                    + " HelloRetryRequest or alert): SSL 2.0 to TLS 1.3, every IANA cipher suite per version and the"
                    + " server's order, TLS 1.3 groups (post-quantum hybrids included), TLS 1.2 curves and DHE"
                    + " sizes, signature schemes, the certificates it has (RSA, ECDSA, EdDSA), extended master"
                    + " secret, secure renegotiation, encrypt-then-MAC, OCSP stapling, SCTs, session tickets,"
                    + " heartbeat, compression, record size limit, ALPN and TLS_FALLBACK_SCSV. What TLS 1.3"
                    + " encrypts (ALPN, stapling, SCTs, record size limit, early data in the ticket) is read by a"
                    + " small TLS 1.3 client of tlskit's own. Real handshakes through the engine read the"
                    + " certificate and try resumption. Findings have a severity; --fail-on turns them into exit"
                    + " code 5. Several targets are scanned side by side and reported in input order; a progress"
                    + " line goes to stderr on a terminal.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # a public server, certificate checked against the platform store",
            "  tlskit scan example.com:443",
            "  # CI gate: exit 5 when anything high or critical is found, the report as JSON",
            "  tlskit scan ci.example.test:443 --fail-on high --json > scan.json",
            "  # many endpoints from a file (one host[:port] a line), 4 probes in flight each",
            "  tlskit scan --targets hosts.txt --parallel 4",
            "  # an openssl s_server on loopback, with its CA",
            "  tlskit scan -p 4433 -A ca.pem",
            "  # a mail server's STARTTLS (every probe speaks the SMTP prelude first)",
            "  tlskit scan --starttls smtp mail.example.com:587",
        })
public final class ScanCommand implements Callable<Integer> {
    /** Targets scanned side by side at most. */
    static final int TARGETS_AT_ONCE = 4;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", arity = "0..*",
            description = "targets; IPv6 as [::1]:443; the port defaults to -p (default: -h and -p)")
    List<String> targets = new ArrayList<>();

    @Mixin
    PeerOptions peer;

    @Mixin
    TargetOptions targetFile;

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = {"-S", "--sni"}, paramLabel = "NAME",
            description = "the SNI name to send and to check the certificate against (default: the host, unless"
                    + " an IP address)")
    String sni;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "limit for each connect and for each probe's answer (default: 5)")
    double timeoutSeconds = 5;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--parallel", paramLabel = "N",
            description = "probes in flight at once per target, 1-64 (default: " + ScanSettings.DEFAULT_PARALLEL
                    + "; servers rate-limit)")
    int parallel = ScanSettings.DEFAULT_PARALLEL;

    @OptionGroup.In(OptionGroup.CERTIFICATES)
    @Option(names = {"-A", "--ca"}, paramLabel = "FILE|DIR",
            description = "trust anchors for the certificate verdict: a PEM file or a directory; repeatable;"
                    + " 'system' for the platform store (default: system)")
    List<Path> ca;

    @OptionGroup.In(OptionGroup.ASSERTIONS)
    @Option(names = "--fail-on", paramLabel = "SEVERITY", completionCandidates = SeverityNames.class,
            description = "exit 5 when a finding of this severity or worse exists: low, medium, high, critical")
    String failOn;

    @Mixin
    StartTlsOptions starttls;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Severity threshold = threshold();
        starttls.validate();
        if (starttls.protocol() != null) {
            peer.defaultPort(starttls.protocol().defaultPort());
        }
        ScanSettings settings = settings();
        List<ScanTarget> list = targets();
        if (peer.insecure()) {
            PeerOptions.warnNotVerified(err, "server");
        }
        if (output.trace()) {
            throw new UsageException("--trace: scan sends hundreds of hellos; --json lists every probe instead");
        }
        ExecutorService pool = targetPool(Math.min(TARGETS_AT_ONCE, list.size()));
        boolean tty = !output.json() && Tty.redraws();
        boolean colour = tty && System.getenv("NO_COLOR") == null;
        ScanProgress progress = new ScanProgress(err, tty, list.size());
        int code = ExitCode.OK;
        try {
            List<Future<ScanReport>> jobs = new ArrayList<>();
            for (ScanTarget t : list) {
                jobs.add(pool.submit(() -> {
                    ScanReport r = new Scanner(t, forTarget(settings, t), progress).scan();
                    progress.targetDone();
                    return r;
                }));
            }
            boolean first = true;
            for (Future<ScanReport> job : jobs) {
                ScanReport r;
                try {
                    r = job.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
                progress.clear();
                print(out, err, r, first, colour);
                first = false;
                code = ExitCode.worse(code, exitCode(r, threshold, peer.insecure()));
            }
        } finally {
            progress.clear();
            pool.shutdownNow();
        }
        err.flush();
        return code;
    }

    private static ExecutorService targetPool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tlskit-scan-target");
            t.setDaemon(true);
            return t;
        });
    }

    /** One target's report, as JSON or text (a blank line between targets), and its error line if unreachable. */
    private void print(PrintWriter out, PrintWriter err, ScanReport r, boolean first, boolean colour) {
        if (output.json()) {
            dev.tlskit.cli.Json.println(out, ScanJson.document(r, peer.insecure()));
        } else {
            if (!first) {
                out.println();
            }
            ScanText.print(out, r, peer.insecure(), colour);
        }
        out.flush();
        if (!r.reachable()) {
            err.println("tlskit: error: scan " + r.target() + ": " + r.error());
        }
    }

    /** 1 when the target could not be scanned, 5 when a finding reaches the threshold, else 0. */
    static int exitCode(ScanReport r, Severity threshold, boolean insecure) {
        if (!r.reachable()) {
            return ExitCode.NETWORK;
        }
        if (threshold != null && ScanText.findings(r, insecure).stream()
                .anyMatch(f -> f.severity().atLeast(threshold))) {
            return ExitCode.EXPECTATION;
        }
        return ExitCode.OK;
    }

    private Severity threshold() {
        if (failOn == null) {
            return null;
        }
        try {
            return Severity.valueOf(failOn.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fail-on " + failOn + ": not a severity (low, medium, high, critical)");
        }
    }

    private ScanSettings settings() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
            throw new UsageException("--timeout " + timeoutSeconds + ": must be between 0 and 86400 seconds");
        }
        if (parallel < 1 || parallel > 64) {
            throw new UsageException("--parallel " + parallel + ": must be 1-64");
        }
        Duration t = Duration.ofMillis(Math.max(1, (long) (timeoutSeconds * 1000)));
        List<X509Certificate> anchors = new ArrayList<>();
        boolean system = ca == null || ca.isEmpty();
        if (ca != null) {
            if (peer.insecure()) {
                throw new UsageException("-d and -A conflict: -d judges no certificate");
            }
            for (Path p : ca) {
                if (p.toString().equals("system")) {
                    system = true;
                } else {
                    try {
                        anchors.addAll(TrustAnchors.load(p));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage(), null, e);
                    }
                }
            }
        }
        if (sni != null && (sni.isBlank() || sni.endsWith("."))) {
            throw new UsageException("-S " + sni + ": not a host name");
        }
        return new ScanSettings(t, t, parallel, sni, peer.family(), anchors, system, starttls.protocol(), null);
    }

    /** The settings for one target: with --starttls, the name its prelude announces (XMPP's is the host's). */
    private ScanSettings forTarget(ScanSettings s, ScanTarget t) {
        if (s.starttls() == null) {
            return s;
        }
        return new ScanSettings(s.connectTimeout(), s.probeTimeout(), s.parallel(), s.serverName(), s.family(),
                s.trustAnchors(), s.trustPlatform(), s.starttls(), starttls.name(t.host(), sni));
    }

    private List<ScanTarget> targets() {
        boolean hostGiven = spec.commandLine().getParseResult().hasMatchedOption("-h");
        if (hostGiven && (!targets.isEmpty() || targetFile.given())) {
            throw new UsageException("-h and " + (targets.isEmpty() ? "--targets" : "HOST arguments")
                    + " conflict: give the targets one way");
        }
        int port = peer.port();
        List<ScanTarget> out = new ArrayList<>();
        for (String t : targets) {
            try {
                out.add(ScanTarget.parse(t, port));
            } catch (IllegalArgumentException e) {
                throw new UsageException("target " + t + ": " + e.getMessage());
            }
        }
        if (targetFile.given()) {
            out.addAll(targetFile.read(port, dev.tlskit.cli.TlskitCommand.stdin(spec)));
        }
        if (out.isEmpty()) {
            out.add(new ScanTarget(peer.host(), port));
        }
        return out;
    }

    /** The --fail-on values, for completion. */
    static final class SeverityNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        SeverityNames() {
            for (Severity s : Severity.values()) {
                add(s.label());
            }
        }
    }
}
