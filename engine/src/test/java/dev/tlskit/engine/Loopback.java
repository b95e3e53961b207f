package dev.tlskit.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A listening socket on 127.0.0.1, an OS-chosen port, and a thread pool for the server side of a test. */
public final class Loopback implements AutoCloseable {
    /** Server-side work on one accepted connection. */
    public interface Body<T> {
        T run(TlsConnection connection) throws Exception;
    }

    /** Server-side work on one raw accepted socket. */
    public interface RawBody<T> {
        T run(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });

    public Loopback() {
        try {
            serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Accepts one connection, runs the TLS server handshake, then {@code body}; closes the connection after. */
    public <T> CompletableFuture<T> serve(TlsContext context, Body<T> body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Socket s = serverSocket.accept();
                try (TlsConnection c = TlsConnection.accept(context, s)) {
                    return body.run(c);
                }
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    /** Accepts one connection and completes with the handshaken connection, left open for the test. */
    public CompletableFuture<TlsConnection> accept(TlsContext context) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return TlsConnection.accept(context, serverSocket.accept());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    /** Accepts one connection and hands the raw socket to {@code body}; closes it after. */
    public <T> CompletableFuture<T> serveRaw(RawBody<T> body) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = serverSocket.accept()) {
                return body.run(s);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    /** Runs {@code task} on the pool (a second thread of the test). */
    public <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        pool.shutdownNow();
    }
}
