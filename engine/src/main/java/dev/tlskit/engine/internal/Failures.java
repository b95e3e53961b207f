package dev.tlskit.engine.internal;

import dev.tlskit.engine.TlsException;
import dev.tlskit.engine.TlsException.Kind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Turns what SunJSSE and BCJSSE throw into a {@link TlsException} with a short message and a kind. */
public final class Failures {
    private static final Pattern ALERT = Pattern.compile(
            "(close_notify|unexpected_message|bad_record_mac|record_overflow|handshake_failure|bad_certificate"
                    + "|unsupported_certificate|certificate_revoked|certificate_expired|certificate_unknown"
                    + "|illegal_parameter|unknown_ca|access_denied|decode_error|decrypt_error|protocol_version"
                    + "|insufficient_security|internal_error|inappropriate_fallback|user_canceled"
                    + "|missing_extension|unsupported_extension|unrecognized_name|certificate_required"
                    + "|no_application_protocol)");

    private Failures() {}

    /**
     * @param t what was thrown
     * @param duringHandshake whether the handshake was still running (an SSLException then is a handshake
     *     failure; afterwards it is a broken connection)
     * @param observer the connection's wire observer (knows plaintext alerts), or null
     */
    public static TlsException classify(Throwable t, boolean duringHandshake, WireObserver observer) {
        if (t instanceof TlsException te) {
            return te;
        }
        if (t instanceof SocketTimeoutException) {
            return new TlsException(Kind.NETWORK, "timed out" + (duringHandshake ? " during the handshake" : ""), t);
        }
        if (t instanceof PortUnreachableException) {
            // UDP has no connection to refuse: the peer's host answered a datagram with ICMP port unreachable.
            return new TlsException(Kind.NETWORK, "port unreachable: nothing listens on that UDP port", t);
        }
        if (t instanceof UnknownHostException) {
            return new TlsException(Kind.NETWORK, "unknown host " + t.getMessage(), t);
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return new TlsException(Kind.NETWORK, lower(t.getMessage()), t);
        }
        String verification = verificationReason(t);
        if (verification != null) {
            return new TlsException(Kind.VERIFICATION, verification, t, TrustManagers.RejectedChain.in(t));
        }
        String alert = alertIn(t);
        if (alert == null && observer != null && observer.alertReceived() != null) {
            alert = observer.alertReceived().replace("fatal ", "");
        }
        if (duringHandshake && observer != null && observer.clientSentNoCertificate()
                && ("handshake_failure".equals(alert)
                        || String.valueOf(observer.alertSent()).equals("fatal handshake_failure"))) {
            // TLS 1.2 lets a server that needs a client certificate refuse an empty one with handshake_failure
            // (BCJSSE does): the wire shows the empty Certificate, so say what happened.
            return new TlsException(Kind.VERIFICATION, "no client certificate: the server requires one"
                    + " (alert handshake_failure after an empty client Certificate)", t);
        }
        if (alert != null && isCertificateAlert(alert)) {
            return new TlsException(Kind.VERIFICATION, "peer rejected the certificate: alert " + alert
                    + (alert.equals("certificate_required") ? " (the server requires a client certificate)" : ""), t);
        }
        if (t instanceof SSLException || duringHandshake && t instanceof EOFException) {
            if (!duringHandshake) {
                return new TlsException(Kind.NETWORK, "TLS connection failed: " + message(t), t);
            }
            return new TlsException(Kind.HANDSHAKE, "handshake failed: " + handshakeReason(t, alert), t);
        }
        return new TlsException(Kind.NETWORK, message(t), t);
    }

    private static boolean isCertificateAlert(String alert) {
        return switch (alert) {
            case "bad_certificate", "unsupported_certificate", "certificate_revoked", "certificate_expired",
                    "certificate_unknown", "unknown_ca", "certificate_required" -> true;
            default -> false;
        };
    }

    private static String alertIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("alert") || m.contains("Alert") || c.getClass().getName().contains("Alert"))) {
                Matcher matcher = ALERT.matcher(m);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }

    private static String verificationReason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException) {
                return "certificate has expired: " + message(c);
            }
            if (c instanceof CertificateNotYetValidException) {
                return "certificate is not yet valid: " + message(c);
            }
            if (c instanceof CertPathValidatorException v) {
                String reason = String.valueOf(v.getReason());
                if (reason.equals("EXPIRED")) {
                    return "certificate has expired: " + message(c);
                }
                if (reason.equals("NOT_YET_VALID")) {
                    return "certificate is not yet valid: " + message(c);
                }
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HostnameCheck.Mismatch) {
                return "hostname mismatch: " + c.getMessage();
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")
                    || m.contains("does not match") && m.toLowerCase(Locale.ROOT).contains("host")
                    || m.contains("endpoint identification") || m.contains("HostnameVerifier")) {
                return "hostname mismatch: " + message(c);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException
                    || String.valueOf(c.getMessage()).contains("PKIX path")) {
                return "untrusted certificate chain: no path to a trusted CA (" + message(c) + ")";
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("Empty client certificate chain") || m.contains("Empty server certificate chain")
                    || m.contains("Client certificate") && m.contains("required")) {
                return "no certificate from the peer: " + message(c);
            }
            if (c instanceof CertificateException) {
                return "certificate rejected: " + message(c);
            }
        }
        return null;
    }

    private static String handshakeReason(Throwable t, String alert) {
        String m = message(t);
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("Unrecognized SSL message")
                || m.contains("not an SSL/TLS record")
                || m.contains("Not a TLS") || m.contains("unexpected_message") && m.contains("record")
                || m.matches("(?s).*Unsupported UNKNOWN\\(\\d+\\).*")) { // BCJSSE: an unknown record content type
            return "peer does not speak TLS (" + m + ")";
        }
        if (alert != null && !m.contains(alert)) {
            return m + " (alert " + alert + ")";
        }
        return m;
    }

    /** The most telling message in the cause chain, without class names. */
    static String message(Throwable t) {
        Throwable best = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                best = c;
                // Prefer the outermost message unless it merely repeats an inner exception's toString().
                if (c.getCause() == null || !c.getMessage().contains(c.getCause().getClass().getName())) {
                    break;
                }
            }
        }
        String m = best.getMessage() == null ? best.getClass().getSimpleName() : best.getMessage();
        m = m.replaceAll("(?:[a-z]+\\.)+[A-Z][A-Za-z]*Exception: ", "");
        return m.strip();
    }

    private static String lower(String s) {
        if (s == null || s.isEmpty()) {
            return "connection failed";
        }
        String m = s.replaceAll(" \\(.*\\)$", "");
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
}
