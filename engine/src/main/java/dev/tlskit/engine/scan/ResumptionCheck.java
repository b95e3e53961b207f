package dev.tlskit.engine.scan;

import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.scan.ScanReport.Resumption;
import java.time.Duration;
import java.util.Set;

/**
 * Real resumption, per version: a full handshake through the engine, then a second connection from the same
 * context (its session cache holds the session ID or ticket), and whether the server resumed it.
 */
final class ResumptionCheck {
    /**
     * How long the first TLS 1.3 connection reads beyond twice its handshake time, so the server's
     * NewSessionTicket (sent once our Finished is in, about one round trip after the handshake ends) is taken in;
     * SunJSSE tells no one when a ticket has come.
     */
    static final Duration TICKET_SLACK = Duration.ofMillis(100);

    private ResumptionCheck() {}

    /** Null when the version was not tried, else whether the second handshake resumed (or why none could). */
    static Resumption.Result resumes(ScanTarget target, ScanSettings settings, String serverName, TlsVersion v) {
        Duration t = settings.connectTimeout().plus(settings.probeTimeout());
        TlsConfig config = TlsConfig.forClient().insecure().serverName(serverName).versions(Set.of(v))
                .handshakeTimeout(t).readTimeout(t).build();
        TlsContext context = TlsContext.create(config);
        try {
            try (TlsConnection first = CertificateCheck.connect(context, target, settings)) {
                if (v == TlsVersion.TLS_1_3) {
                    Duration wait = first.summary().handshakeTime().multipliedBy(2).plus(TICKET_SLACK);
                    first.readTimeout(wait.compareTo(settings.probeTimeout()) < 0 ? wait : settings.probeTimeout());
                    try {
                        first.read(new byte[256], 0, 256);
                    } catch (TlsException e) {
                        // the expected timeout: any ticket has been read by now
                    }
                }
            }
            try (TlsConnection second = CertificateCheck.connect(context, target, settings)) {
                return new Resumption.Result(second.summary().resumed(), null);
            }
        } catch (TlsException | RuntimeException e) {
            return new Resumption.Result(null, "the engine's handshake failed: " + e.getMessage());
        }
    }
}
