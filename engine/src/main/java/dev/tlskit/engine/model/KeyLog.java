package dev.tlskit.engine.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * An NSS key log file (the format of {@code SSLKEYLOGFILE}), which Wireshark and tshark decrypt with: one line
 * {@code LABEL <client random hex> <secret hex>} per secret. TLS 1.2 writes {@code CLIENT_RANDOM} (the master
 * secret); TLS 1.3 writes the client and server handshake and application traffic secrets and the exporter
 * secret.
 *
 * <p>Lines are appended, each with one write on a file opened for appending, so several processes (a client and a
 * server sharing {@code SSLKEYLOGFILE}) can log into the same file. A file created here is readable by its owner
 * only: it decrypts every connection it covers. A failed write does not fail the connection; the first such
 * failure is kept for {@link #error()}.
 */
public final class KeyLog {
    private static final Set<OpenOption> APPEND =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private final Path path;
    private final AtomicInteger lines = new AtomicInteger();
    private final AtomicReference<IOException> error = new AtomicReference<>();
    private final Consumer<IOException> onFirstError;

    private KeyLog(Path path, Consumer<IOException> onFirstError) {
        this.path = path;
        this.onFirstError = onFirstError;
    }

    /**
     * A key log appending to {@code path}, which is created (owner-only) if missing.
     *
     * @throws IOException when the file cannot be created or opened for appending (checked now, not at the
     *     first handshake)
     */
    public static KeyLog open(Path path) throws IOException {
        return open(path, e -> {});
    }

    /** As {@link #open(Path)}; {@code onFirstError} hears of the first write that fails. */
    public static KeyLog open(Path path, Consumer<IOException> onFirstError) throws IOException {
        KeyLog log = new KeyLog(path, onFirstError);
        log.append(new byte[0]);
        return log;
    }

    public Path path() {
        return path;
    }

    /** How many lines this process has written. */
    public int lines() {
        return lines.get();
    }

    /** The first write that failed, or null. */
    public IOException error() {
        return error.get();
    }

    /** Appends one line; a failure is remembered (see {@link #error()}), not thrown. */
    public void write(String label, byte[] clientRandom, byte[] secret) {
        HexFormat hex = HexFormat.of();
        String line = label + ' ' + hex.formatHex(clientRandom) + ' ' + hex.formatHex(secret) + '\n';
        try {
            append(line.getBytes(StandardCharsets.US_ASCII));
            lines.incrementAndGet();
        } catch (IOException e) {
            if (error.compareAndSet(null, e)) {
                onFirstError.accept(e);
            }
        }
    }

    private void append(byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(path, APPEND, ownerOnly())) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
