package dev.tlskit.cli;

import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Writer other threads append to, and tests wait on for a pattern (wait/notify, no sleeping). */
public class Capture extends Writer {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(char[] cbuf, int off, int len) {
        text.append(cbuf, off, len);
        notifyAll();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    public synchronized String text() {
        return text.toString();
    }

    /** The first match of {@code p}, waiting up to {@code limit}; null once {@code gaveUp} says no more comes. */
    public synchronized Matcher await(Pattern p, Duration limit, BooleanSupplier gaveUp) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return m;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || gaveUp.getAsBoolean()) {
                // one last look: the writer may have finished between the check and now
                Matcher again = p.matcher(text);
                return again.find() ? again : null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    @Override
    public synchronized String toString() {
        return text.toString();
    }
}
