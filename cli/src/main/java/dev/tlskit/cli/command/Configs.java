package dev.tlskit.cli.command;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Identity;
import dev.tlskit.cli.Errors;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.DtlsOptions;
import dev.tlskit.cli.option.KeyMaterialOptions;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.TlsOptions;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TraceEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/** Turns the shared options into engine configurations, with the demo-material defaults. */
final class Configs {
    static final String DEMO_WARNING =
            "tlskit: using the TEST-ONLY demo certificate (its private key is public; use -c/-k for real ones)";

    private Configs() {}

    /**
     * A client configuration. Trust: {@code -A} if given; otherwise the demo CA plus the platform store when the
     * host is loopback (a demo certificate can only be met there), else the platform store alone.
     */
    static TlsConfig client(TlsOptions tls, DtlsOptions dtls, KeyMaterialOptions keys, boolean insecure,
            boolean noClientCert, String host, PrintWriter err, Consumer<TraceEvent> trace) {
        TlsConfig.Builder b = TlsConfig.forClient();
        boolean datagrams = dtls != null && dtls.dtls();
        if (dtls != null) {
            dtls.applyTo(b);
        }
        tls.applyTo(b, datagrams);
        if (!noClientCert) {
            Identity id = keys.identity();
            if (id == null) {
                id = DemoMaterial.client();
            }
            b.identity(id.privateKey(), id.chain());
        } else if (keys.hasCertificate()) {
            throw new UsageException("-x and -c conflict: -x sends no client certificate");
        }
        if (insecure) {
            if (keys.hasTrust()) {
                throw new UsageException("-d and -A conflict: -d verifies nothing");
            }
            b.insecure();
        } else if (keys.hasTrust()) {
            b.trustAnchors(keys.anchors());
            if (keys.trustSystem()) {
                b.trustPlatform();
            }
        } else if (isLoopback(host)) {
            b.trustAnchors(List.of(DemoMaterial.ca())).trustPlatform();
        }
        b.traceListener(trace);
        tls.applyKeyLog(b, datagrams, err);
        return build(b);
    }

    /** A server configuration: mutual auth unless {@code -d}; the demo identity (and demo CA) unless -c/-A. */
    static TlsConfig server(TlsOptions tls, DtlsOptions dtls, KeyMaterialOptions keys, ClientAuth clientAuth,
            PrintWriter err,
            Consumer<TraceEvent> trace) {
        Identity id = keys.identity();
        boolean demo = id == null;
        if (demo) {
            id = DemoMaterial.server();
        }
        TlsConfig.Builder b = TlsConfig.forServer(id.privateKey(), id.chain());
        boolean datagrams = dtls != null && dtls.dtls();
        if (dtls != null) {
            dtls.applyTo(b);
        }
        tls.applyTo(b, datagrams);
        b.clientAuth(clientAuth);
        if (clientAuth != ClientAuth.NONE) {
            if (keys.hasTrust()) {
                b.trustAnchors(keys.anchors());
                if (keys.trustSystem()) {
                    b.trustPlatform();
                }
            } else if (demo) {
                b.trustAnchors(List.of(DemoMaterial.ca()));
            } else {
                throw new UsageException("mutual auth needs trust anchors to verify client certificates",
                        "add -A CA.pem, or -d to not ask for a client certificate", null);
            }
        }
        b.traceListener(trace);
        tls.applyKeyLog(b, datagrams, err);
        return build(b); // the demo warning comes with serverContext, once the provider took the configuration
    }

    /**
     * {@link #context}, then the TEST-ONLY warning when the server runs on the demo identity: after every check,
     * the provider's included (an ML-KEM group SunJSSE lacks), so that a usage error comes alone.
     */
    static TlsContext serverContext(TlsConfig config, PrintWriter err) {
        TlsContext context = context(config);
        if (!config.chain().isEmpty() && config.chain().get(0).equals(DemoMaterial.server().chain().get(0))) {
            err.println(DEMO_WARNING);
        }
        for (String added : context.addedGroups()) {
            // Said, not silent: a client limited to another curve then still agrees on this one.
            Errors.warn(err, "--groups: " + added + " added, the curve of the certificate's key (the"
                    + " provider signs only with a key whose curve is enabled)");
        }
        return context;
    }

    static TlsContext context(TlsConfig config) {
        try {
            return TlsContext.create(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), null, e);
        }
    }

    /**
     * Where {@code --trace} sends records: null without it; with {@code --json} each record as a JSON object to
     * {@code jsonSink}; else one stderr line per record (and its details). Times count from the first record.
     */
    static Consumer<TraceEvent> traceSink(OutputOptions output, PrintWriter err,
            Consumer<java.util.Map<String, Object>> jsonSink) {
        if (!output.trace()) {
            return null;
        }
        java.util.concurrent.atomic.AtomicLong origin = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        return e -> {
            origin.compareAndSet(Long.MIN_VALUE, e.nanos());
            if (output.json()) {
                jsonSink.accept(dev.tlskit.cli.Report.traceJson(e, origin.get()));
                return;
            }
            synchronized (err) {
                err.print(dev.tlskit.cli.Report.traceText(e, origin.get()));
                err.flush();
            }
        };
    }

    private static TlsConfig build(TlsConfig.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), null, e);
        }
    }

    /**
     * How long a client keeps retrying a refused connection to a loopback host: long enough for a local server
     * started in the same breath ({@code tlskit server & tlskit client}) to bind; a remote refusal is final at once.
     */
    static final java.time.Duration LOCAL_STARTUP_GRACE = java.time.Duration.ofSeconds(3);

    /**
     * Connects (TLS or DTLS, as the context says). A refusal from a loopback host is retried for
     * {@link #LOCAL_STARTUP_GRACE}; every other failure, and a refusal after that, is reported as it came.
     */
    static <C extends dev.tlskit.engine.Connection> C connect(Connector<C> connector, String host)
            throws TlsException {
        long deadline = System.nanoTime() + (isLoopback(host) ? LOCAL_STARTUP_GRACE.toNanos() : 0);
        while (true) {
            try {
                return connector.connect();
            } catch (TlsException e) {
                boolean refused = e.reason() == TlsException.Reason.REFUSED;
                if (!refused || System.nanoTime() >= deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50); // back-off between attempts, not synchronisation
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** One connection attempt. */
    interface Connector<C extends dev.tlskit.engine.Connection> {
        C connect() throws TlsException;
    }

    /** Literal loopback names only: a DNS answer cannot make a remote host count as loopback. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }
}
