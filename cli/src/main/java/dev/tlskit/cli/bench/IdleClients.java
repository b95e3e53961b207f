package dev.tlskit.cli.bench;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@code tlskit bench memory}, run in its own JVM so its heap is not counted as the server's:
 * opens N TLS connections to 127.0.0.1:PORT, prints {@code ready N} (or {@code failed N reason}), holds them until
 * stdin closes, then closes them.
 */
public final class IdleClients {
    private IdleClients() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        TlsContext context = TlsContext.create(TlsConfig.forClient()
                .trustAnchors(List.of(DemoMaterial.ca()))
                .handshakeTimeout(Duration.ofSeconds(60))
                .readTimeout(Duration.ofSeconds(60))
                .build());
        List<TlsConnection> open = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int share = count / 8 + (t < count % 8 ? 1 : 0);
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    open.add(TlsConnection.connect(context, "127.0.0.1", port, IpFamily.IPV4));
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : jobs) {
                f.get(10, TimeUnit.MINUTES);
            }
            System.out.println("ready " + open.size());
        } catch (Exception e) {
            Throwable cause = e.getCause() instanceof TlsException t ? t : e;
            System.out.println("failed " + open.size() + " " + cause.getMessage());
        }
        System.out.flush();
        pool.shutdown();
        // Hold the connections until the parent closes our stdin.
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        for (TlsConnection c : open) {
            c.abort();
        }
    }
}
