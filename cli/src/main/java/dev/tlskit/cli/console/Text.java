package dev.tlskit.cli.console;

import dev.tlskit.engine.model.HandshakeSummary;

/** How peer-supplied text and handshakes are shown. */
final class Text {
    private Text() {}

    /**
     * The text with control characters made visible ({@code ^[} for ESC, U+FFFD for C1 controls): a peer must not be
     * able to move the cursor, clear the screen or retitle the terminal of the person reading.
     */
    static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0;
            if (control && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (!control) {
                    b.append(c);
                } else if (c < 0x20) {
                    b.append('^').append((char) (c + 64));
                } else if (c == 0x7f) {
                    b.append("^?");
                } else {
                    b.append('\uFFFD');
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** {@code TLSv1.3, TLS_AES_128_GCM_SHA256, X25519, peer CN=...} */
    static String handshake(HandshakeSummary s) {
        StringBuilder b = new StringBuilder(s.protocol()).append(", ").append(s.cipherSuite());
        if (s.group() != null) {
            b.append(", ").append(s.group());
        }
        b.append(", peer ");
        if (s.peerChain().isEmpty()) {
            b.append("sent no certificate");
        } else {
            b.append(s.peerChain().get(0).getSubjectX500Principal().getName());
        }
        return b.toString();
    }
}
