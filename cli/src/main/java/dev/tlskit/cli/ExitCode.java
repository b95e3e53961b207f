package dev.tlskit.cli;

import dev.tlskit.engine.model.TlsException;

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

    /**
     * Which code outweighs which when one run has several outcomes ({@code client --targets}, {@code scan} with
     * several targets): least to most severe. A check that got further is less bad: an assertion failed (5) after
     * a trusted handshake, an untrusted peer (4) after a handshake, a failed handshake (3) after a connection, no
     * connection at all (1); then usage (2), interrupted (130) and a bug (70), which stop a run or spoil its result.
     */
    private static final int[] SEVERITY = {OK, EXPECTATION, VERIFICATION, HANDSHAKE, NETWORK, USAGE, INTERRUPTED,
        INTERNAL};

    /** The order {@link #worse} follows, as help text. */
    public static final String WORST_ORDER = "0 < 5 < 4 < 3 < 1 < 2 < 130 < 70";

    private ExitCode() {}

    /** The worse of two exit codes (see {@link #WORST_ORDER}); a code outside the table counts as a bug. */
    public static int worse(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        for (int i = 0; i < SEVERITY.length; i++) {
            if (SEVERITY[i] == code) {
                return i;
            }
        }
        return SEVERITY.length;
    }

    public static int of(TlsException e) {
        return switch (e.kind()) {
            case NETWORK -> NETWORK;
            case HANDSHAKE -> HANDSHAKE;
            case VERIFICATION -> VERIFICATION;
        };
    }
}
