package dev.tlskit.cli;

import dev.tlskit.engine.model.TlsException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The one place for how a failure is said: the stderr line shapes ({@code tlskit: error: <what>: <why>}, the
 * internal-error line with its trace) and the JSON {@code error} object. {@link Main}'s exception mapper, the
 * servers (one line per failed connection, and they go on serving) and the chat all say failures through it.
 */
public final class Errors {
    private static final String BUG = "tlskit: internal error (a bug; please report it with this trace): ";

    private Errors() {}

    /**
     * Prints {@code tlskit: error: <where>: <message>} (the trace too with {@code verbose}) and returns the exit
     * code of the failure.
     *
     * @param where who failed ({@code client 127.0.0.1:5000}), or null
     */
    public static int print(PrintWriter err, String where, TlsException e, boolean verbose) {
        synchronized (err) {
            err.println("tlskit: error: " + (where == null ? "" : where + ": ") + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
        }
        return ExitCode.of(e);
    }

    /**
     * The one mapper from a command's exception to its stderr lines and exit code, for {@link Main} and for each
     * target of {@code client --targets}: a usage error (2, its hint), failed assertions (5, a line each), a TLS
     * failure (its kind's code), an interruption (130), anything else a bug (70, with the trace).
     */
    public static int say(PrintWriter err, Throwable ex, boolean verbose) {
        int code;
        if (ex instanceof TlsException t) {
            return print(err, null, t, verbose);
        } else if (ex instanceof UsageException u) {
            code = usage(err, u.getMessage(), u.hint());
        } else if (ex instanceof ExpectationFailed f) {
            code = assertionsFailed(err, f.failed(), null);
        } else if (ex instanceof InterruptedException) {
            code = interrupted(err);
        } else {
            return bug(err, null, ex);
        }
        if (verbose) {
            synchronized (err) {
                ex.printStackTrace(err);
                err.flush();
            }
        }
        return code;
    }

    /** {@code tlskit: warning: <message>}: the one shape of a warning on stderr. */
    public static void warn(PrintWriter err, String message) {
        synchronized (err) {
            err.println("tlskit: warning: " + message);
            err.flush();
        }
    }

    /** {@code tlskit: error: <message>} and {@code hint: <hint>} (when not null); returns {@link ExitCode#USAGE}. */
    public static int usage(PrintWriter err, String message, String hint) {
        synchronized (err) {
            err.println("tlskit: error: " + message);
            if (hint != null) {
                err.println("hint: " + hint);
            }
            err.flush();
        }
        return ExitCode.USAGE;
    }

    /**
     * One {@code tlskit: error: expected X, got Y} line per failed assertion ({@code (client 127.0.0.1:5000)}
     * after each, when {@code where} is given); returns {@link ExitCode#EXPECTATION}.
     */
    public static int assertionsFailed(PrintWriter err, java.util.List<Assertion> failed, String where) {
        synchronized (err) {
            failed.forEach(a -> err.println("tlskit: error: " + a.line() + (where == null ? "" : " (" + where + ")")));
            err.flush();
        }
        return ExitCode.EXPECTATION;
    }

    /** {@code tlskit: interrupted}; returns {@link ExitCode#INTERRUPTED}. */
    public static int interrupted(PrintWriter err) {
        synchronized (err) {
            err.println("tlskit: interrupted");
            err.flush();
        }
        return ExitCode.INTERRUPTED;
    }

    /** What the chat shows for a bug on its reader thread (a notice line: the terminal belongs to the editor). */
    public static String bugNotice(Throwable bug) {
        return "internal error (a bug): " + bug;
    }

    /**
     * A timeout said with the flag that sets it ({@code " (--timeout 10.0 s)"}), so every command that connects
     * names it as the client does; the failure unchanged when it is not a timeout or already names the flag.
     */
    public static TlsException timeoutNamed(TlsException e, java.time.Duration timeout) {
        if (e.reason() != TlsException.Reason.TIMED_OUT || e.getMessage().contains("--timeout")) {
            return e;
        }
        return e.withSuffix(" (--timeout " + timeout.toMillis() / 1000.0 + " s)");
    }

    /** Prints the internal-error line and the trace (always: it is a bug) and returns {@link ExitCode#INTERNAL}. */
    public static int bug(PrintWriter err, String where, Throwable bug) {
        synchronized (err) {
            err.println(BUG + (where == null ? String.valueOf(bug) : where));
            bug.printStackTrace(err);
            err.flush();
        }
        return ExitCode.INTERNAL;
    }

    /**
     * A failure as a JSON object: {@code {"exitCode": 3, "kind": "handshake", "message": "...", "alert":
     * {"direction": "sent", "level": "fatal", "description": "decode_error"}}} ({@code alert} only when one crossed
     * the wire).
     */
    public static Map<String, Object> json(TlsException e) {
        Map<String, Object> m = object(ExitCode.of(e), e.kind().name().toLowerCase(Locale.ROOT), e.getMessage());
        if (e.alert() != null) {
            // The alert that ended the connection, as on the wire: {"direction":"sent","level":"fatal",...}.
            Map<String, Object> a = Json.object();
            a.put("direction", e.alert().directionName());
            a.put("level", e.alert().alert().levelName());
            a.put("description", e.alert().alert().descriptionName());
            m.put("alert", a);
        }
        return m;
    }

    /** A usage error as a JSON object: {@code {"exitCode": 2, "kind": "usage", "message": "..."}}. */
    public static Map<String, Object> usageJson(String message) {
        return object(ExitCode.USAGE, "usage", message);
    }

    private static Map<String, Object> object(int exitCode, String kind, String message) {
        Map<String, Object> m = Json.object();
        m.put("exitCode", exitCode);
        m.put("kind", kind);
        m.put("message", message);
        return m;
    }
}
