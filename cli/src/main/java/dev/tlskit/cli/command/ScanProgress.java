package dev.tlskit.cli.command;

import dev.tlskit.engine.scan.ScanListener;
import dev.tlskit.engine.scan.ScanReport.ProbeLog;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scan's progress line on stderr, redrawn in place ({@code \r}, erase to end of line) as probes answer, at
 * most every {@link #REDRAW_NANOS}; only on a terminal, never with --json. Erased before each report is printed.
 */
final class ScanProgress implements ScanListener {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean on;
    private final int targets;
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private long drawn;
    private String last = "";

    ScanProgress(PrintWriter err, boolean on, int targets) {
        this.err = err;
        this.on = on;
        this.targets = targets;
    }

    @Override
    public void probed(ProbeLog probe) {
        probes.incrementAndGet();
        if (on) {
            draw(probe.purpose(), false);
        }
    }

    /** One target finished. */
    void targetDone() {
        done.incrementAndGet();
    }

    /** Erases the line (before a report goes to stdout, and at the end). */
    void clear() {
        if (on) {
            synchronized (err) {
                err.print("\r\u001b[K");
                err.flush();
                drawn = 0;
            }
        }
    }

    private void draw(String purpose, boolean force) {
        synchronized (err) {
            long now = System.nanoTime();
            if (!force && drawn != 0 && now - drawn < REDRAW_NANOS) {
                return;
            }
            drawn = now;
            last = purpose;
            String of = targets > 1 ? ", " + done.get() + " of " + targets + " targets done" : "";
            err.print("\rscanning: " + probes.get() + " probes" + of + " (" + last + ")\u001b[K");
            err.flush();
        }
    }
}
