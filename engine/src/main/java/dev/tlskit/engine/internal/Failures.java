package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.model.FailureAlert;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsException.Kind;
import dev.tlskit.engine.model.TlsException.Reason;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.AlertDescription;
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
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/** Turns what SunJSSE and BCJSSE throw into a {@link TlsException} with a short message and a kind. */
public final class Failures {
    /** An alert name as a word of its own ({@code decode_error}, not part of {@code foo_decode_error_bar}). */
    private static final Pattern ALERT_WORD = Pattern.compile("(?<![a-z_])([a-z]+(?:_[a-z]+)+)(?![a-z_])");

    /** BoringSSL's reason for a received alert: {@code :SSLV3_ALERT_BAD_CERTIFICATE}, {@code :TLSV1_ALERT_...}. */
    private static final Pattern BORINGSSL_ALERT = Pattern.compile(":(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)");

    private static final String NOT_TLS = "peer does not speak TLS";
    private static final String NO_CLIENT_CERTIFICATE = "the server asked for a client certificate and none was sent";

    private Failures() {}

    private static TlsException network(Reason reason, String message, Throwable t) {
        return new TlsException(Kind.NETWORK, reason, message, t, List.of(), null);
    }

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
        TlsException network = network(t, duringHandshake);
        if (network != null) {
            return network;
        }
        return tls(t, duringHandshake, observer);
    }

    /** A failure of the socket rather than of TLS (timed out, refused, unknown host, no route), or null. */
    private static TlsException network(Throwable t, boolean duringHandshake) {
        if (t instanceof SocketTimeoutException) {
            return network(Reason.TIMED_OUT, "timed out" + (duringHandshake ? " during the handshake" : ""), t);
        }
        if (t instanceof PortUnreachableException) {
            // UDP has no connection to refuse: the peer's host answered a datagram with ICMP port unreachable.
            return network(Reason.REFUSED, "port unreachable: nothing listens on that UDP port", t);
        }
        if (t instanceof UnknownHostException) {
            return network(Reason.UNKNOWN_HOST, "unknown host " + t.getMessage(), t);
        }
        if (t instanceof ConnectException) {
            return network(Reason.REFUSED, lower(t.getMessage()), t);
        }
        if (t instanceof NoRouteToHostException) {
            return network(Reason.UNREACHABLE, lower(t.getMessage()), t);
        }
        return null;
    }

    /** A failure TLS reported: the peer's certificate, a verification, an alert, a broken handshake. */
    private static TlsException tls(Throwable t, boolean duringHandshake, WireObserver observer) {
        FailureAlert wireAlert = alertOf(t, observer);
        String unparsable = unparsableCertificate(t);
        if (unparsable != null) {
            // Not a trust decision: the peer's Certificate message is broken, so the handshake is.
            return new TlsException(Kind.HANDSHAKE, "handshake failed: the peer's certificate does not parse ("
                    + unparsable + ")" + sentSuffix(wireAlert), t, List.of(), wireAlert);
        }
        String verification = verificationReason(t);
        if (verification != null) {
            return new TlsException(Kind.VERIFICATION, verification + sentSuffix(wireAlert), t,
                    TrustManagers.RejectedChain.in(t), wireAlert);
        }
        // The peer's fatal alert as the wire carried it beats the provider's words for it: SunJSSE 25 misreads an
        // unassigned code (238 becomes "(unexpected_message) Unknown alert description (-18)").
        String alert = wireAlert != null && wireAlert.direction() == Direction.RECEIVED
                ? wireAlert.alert().descriptionName() : alertIn(t);
        if (duringHandshake && observer != null && observer.clientSentNoCertificate()
                && ("handshake_failure".equals(alert)
                        || String.valueOf(observer.alertSent()).equals("fatal handshake_failure"))) {
            // TLS 1.2 lets a server that needs a client certificate refuse an empty one with handshake_failure
            // (BCJSSE does): the wire shows the empty Certificate, so say what happened.
            return new TlsException(Kind.VERIFICATION, observer.isClient()
                    ? noneSent(observer) + ": alert handshake_failure after our empty Certificate"
                    : "no certificate from the client: it sent an empty one and one is required"
                            + sentSuffix(wireAlert), t, List.of(), wireAlert);
        }
        if (alert != null && isCertificateAlert(alert)) {
            return new TlsException(Kind.VERIFICATION, certificateAlert(alert, wireAlert, observer), t, List.of(),
                    wireAlert);
        }
        if (t instanceof SSLException || duringHandshake && t instanceof EOFException) {
            if (!duringHandshake) {
                return new TlsException(Kind.NETWORK, "TLS connection failed: " + message(t) + sentSuffix(wireAlert),
                        t, List.of(), wireAlert);
            }
            String reason = handshakeReason(t, alert);
            Reason why = reason.startsWith(NOT_TLS) ? Reason.NOT_TLS
                    : t instanceof PeerClosed || t instanceof EOFException ? Reason.PEER_CLOSED : Reason.OTHER;
            return new TlsException(Kind.HANDSHAKE, why, "handshake failed: " + reason + sentSuffix(wireAlert), t,
                    List.of(), wireAlert);
        }
        return new TlsException(Kind.NETWORK, message(t), t, List.of(), wireAlert);
    }

    /**
     * The alert that ended the connection, as the wire showed it: the peer's fatal alert (from the provider's
     * exception or the observer), else the fatal alert this endpoint sent; null when none crossed in plaintext.
     */
    static FailureAlert alertOf(Throwable t, WireObserver observer) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PeerClosed closed && closed.alert() != null) {
                return new FailureAlert(Direction.RECEIVED, closed.alert());
            }
            if (c instanceof TlsFatalAlertReceived r) {
                return new FailureAlert(Direction.RECEIVED, new Alert(Alert.FATAL, r.getAlertDescription() & 0xFF));
            }
            String m = String.valueOf(c.getMessage());
            AlertDescription boring = boringSslAlert(m);
            if (boring != null) {
                return new FailureAlert(Direction.RECEIVED, Alert.fatal(boring));
            }
            if (m.contains("Received fatal alert")) { // Java 25 puts "(alert_name) " first
                AlertDescription d = alertNamedIn(m);
                if (d != null) {
                    return new FailureAlert(Direction.RECEIVED, Alert.fatal(d));
                }
            }
        }
        if (observer == null) {
            return null;
        }
        Alert received = observer.receivedAlert();
        if (received != null && received.isFatal()) {
            return new FailureAlert(Direction.RECEIVED, received);
        }
        Alert sent = observer.sentAlert();
        if (sent != null && sent.isFatal()) {
            return new FailureAlert(Direction.SENT, sent);
        }
        return null;
    }

    /** The first registered alert name in {@code message}, or null. */
    static AlertDescription alertNamedIn(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = ALERT_WORD.matcher(message);
        while (m.find()) {
            AlertDescription d = AlertDescription.named(m.group(1));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /**
     * A certificate alert in words that say whose certificate it was about: the peer's alert rejects ours (a client
     * told that the server wants one it did not send, or which one it rejected; a server told that the client
     * rejected its certificate); an alert we sent rejects the peer's.
     */
    private static String certificateAlert(String alert, FailureAlert wireAlert, WireObserver observer) {
        boolean received = wireAlert != null && wireAlert.direction() == Direction.RECEIVED
                && alert.equals(wireAlert.alert().descriptionName());
        if (observer == null) {
            return "peer rejected the certificate: alert " + alert;
        }
        if (!received) {
            // An alert we sent (BCJSSE names it in its exception while the wire shows it encrypted, if at all).
            if (!observer.isClient() && (alert.equals("certificate_required") || observer.clientSentNoCertificate())) {
                return "no certificate from the client: it sent none and one is required (sent alert " + alert + ")";
            }
            return (observer.isClient() ? "the server's" : "the client's") + " certificate was rejected (sent alert "
                    + alert + ")";
        }
        if (!observer.isClient()) {
            return "the client rejected our certificate: alert " + alert
                    + (alert.equals("unknown_ca") ? " (it does not trust the CA that issued it)" : "");
        }
        String ours = observer.localCertificate();
        if (ours == null || observer.clientSentNoCertificate()) {
            // TLS 1.2 shows the CertificateRequest and our empty Certificate; in TLS 1.3 both are encrypted, but a
            // client with no certificate to send can only have sent none.
            return noneSent(observer) + ": alert " + alert;
        }
        if (observer.certificateRequestSeen()) {
            return "the server rejected our client certificate (" + ours + "): alert " + alert;
        }
        // TLS 1.3: the request and our answer are encrypted; JSSE sends ours only if it matches what was asked.
        return "the server rejected our client certificate (" + ours + "), or found none it accepts: alert " + alert;
    }

    /** The client's words for a request it answered with no certificate, naming the one it had, if any. */
    private static String noneSent(WireObserver observer) {
        String ours = observer.localCertificate();
        // JSSE sends its certificate only when its issuer is one the server's request names.
        return NO_CLIENT_CERTIFICATE + (ours == null ? "" : " (ours, " + ours + ", is not from a CA it accepts)");
    }

    /** {@code CN=alice, issued by CN=tlskit CA} for a chain's leaf, or null for an empty chain. */
    public static String describe(List<java.security.cert.X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            return null;
        }
        java.security.cert.X509Certificate leaf = chain.get(0);
        return leaf.getSubjectX500Principal().getName() + ", issued by " + leaf.getIssuerX500Principal().getName();
    }

    /** {@code  (sent alert decode_error)} for an alert this endpoint sent, else nothing. */
    private static String sentSuffix(FailureAlert a) {
        return a != null && a.direction() == Direction.SENT ? " (sent alert " + a.alert().descriptionName() + ")" : "";
    }

    private static boolean isCertificateAlert(String alert) {
        return switch (alert) {
            case "bad_certificate", "unsupported_certificate", "certificate_revoked", "certificate_expired",
                    "certificate_unknown", "unknown_ca", "certificate_required" -> true;
            default -> false;
        };
    }

    /**
     * The alert BoringSSL says it received, in its error string's reason ({@code
     * error:10000412:SSL routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE}), or null.
     */
    static AlertDescription boringSslAlert(String message) {
        Matcher m = BORINGSSL_ALERT.matcher(String.valueOf(message));
        return m.find() ? AlertDescription.named(m.group(1).toLowerCase(Locale.ROOT)) : null;
    }

    private static String alertIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            AlertDescription boring = boringSslAlert(c.getMessage());
            if (boring != null) {
                return boring.rfcName();
            }
            String m = c.getMessage();
            if (m != null && (m.contains("alert") || m.contains("Alert") || c.getClass().getName().contains("Alert"))) {
                AlertDescription d = alertNamedIn(m);
                if (d != null) {
                    return d.rfcName();
                }
            }
        }
        return null;
    }

    /** SunJSSE's words when a certificate in the peer's Certificate message is not a certificate at all. */
    private static String unparsableCertificate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateParsingException
                    || c instanceof CertificateException && String.valueOf(c.getMessage()).startsWith("Could not parse")) {
                return message(c);
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
            if (m.contains("Empty client certificate chain") || m.contains(":PEER_DID_NOT_RETURN_A_CERTIFICATE")) {
                return "no certificate from the client: it sent none and one is required";
            }
            if (m.contains("Empty server certificate chain")
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
            return NOT_TLS + " (" + m + ")";
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
