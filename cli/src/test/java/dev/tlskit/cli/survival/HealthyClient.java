package dev.tlskit.cli.survival;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One well-behaved TLS client that sends a line every 100 ms and checks each echo, timing the round trips. */
final class HealthyClient implements AutoCloseable {
    private final TlsConnection connection;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "survival-healthy-client");
        t.setDaemon(true);
        return t;
    });
    private final List<Long> roundTripNanos = new ArrayList<>();
    private volatile Throwable failure;
    private int sent;

    HealthyClient(int port) throws Exception {
        TlsContext context = TlsContext.create(TlsConfig.forClient().trustAnchors(List.of(DemoMaterial.ca())).build());
        connection = TlsConnection.connect(context, "127.0.0.1", port, IpFamily.IPV4);
    }

    /** Starts pinging every 100 ms; {@code tick} runs after each echo (a sampler, say). */
    void start(Runnable tick) {
        ticker.scheduleAtFixedRate(() -> {
            if (failure != null) {
                return;
            }
            try {
                ping();
                tick.run();
            } catch (Throwable e) {
                failure = e;
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void ping() throws Exception {
        byte[] line = ("ping " + sent + "\n").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        connection.write(line, 0, line.length);
        byte[] echo = new byte[line.length];
        int got = 0;
        while (got < echo.length) {
            int n = connection.read(echo, got, echo.length - got);
            if (n < 0) {
                throw new IllegalStateException("the server closed the healthy connection after " + sent + " echoes");
            }
            got += n;
        }
        long rtt = System.nanoTime() - start;
        if (!Arrays.equals(line, echo)) {
            throw new IllegalStateException("echo of ping " + sent + " was "
                    + new String(echo, StandardCharsets.US_ASCII));
        }
        synchronized (roundTripNanos) {
            roundTripNanos.add(rtt);
        }
        sent++;
    }

    /** Stops pinging (the echo in flight completes first). */
    void stop() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Sends one last line (e.g. the echoserver's {@code quit}). */
    void send(String line) throws Exception {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        connection.write(b, 0, b.length);
    }

    Throwable failure() {
        return failure;
    }

    int echoes() {
        synchronized (roundTripNanos) {
            return roundTripNanos.size();
        }
    }

    /** The round-trip time at quantile {@code q} (0..1), in ms. */
    double quantileMillis(double q) {
        synchronized (roundTripNanos) {
            long[] sorted = roundTripNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        connection.close();
    }
}
