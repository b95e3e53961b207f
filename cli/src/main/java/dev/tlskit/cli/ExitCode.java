package dev.tlskit.cli;

import dev.tlskit.engine.TlsException;

/** The one exit-code table (DESIGN.md): in --help, the man pages and the README. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int NETWORK = 1;
    public static final int USAGE = 2;
    public static final int HANDSHAKE = 3;
    public static final int VERIFICATION = 4;
    public static final int EXPECTATION = 5;
    public static final int INTERNAL = 70;
    public static final int INTERRUPTED = 130;

    /** The table as help text, one code per line. */
    public static final String[] TABLE = {
        "  0   success",
        "  1   network or I/O failure: refused, reset, DNS, timeout",
        "  2   usage: bad flag, conflicting flags, unreadable or invalid input file",
        "  3   TLS handshake failed (alert, no common version/cipher/group)",
        "  4   peer verification failed (untrusted chain, hostname mismatch, expired or not yet valid)",
        "  5   an --expect-* assertion failed",
        " 70   internal error (a bug)",
        "130   interrupted",
    };

    private ExitCode() {}

    public static int of(TlsException e) {
        return switch (e.kind()) {
            case NETWORK -> NETWORK;
            case HANDSHAKE -> HANDSHAKE;
            case VERIFICATION -> VERIFICATION;
        };
    }
}
