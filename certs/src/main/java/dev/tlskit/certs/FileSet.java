package dev.tlskit.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Files to write together into one directory, all or nothing: {@link #writeTo} checks every target first, writes
 * everything into a temporary directory beside the targets and only then moves the files into place, so a failure
 * leaves no half-written set. Secret files (private keys, key stores) are created readable by the owner only
 * (0600) where the file system has POSIX permissions.
 */
public final class FileSet {
    /** One file: a path relative to the target directory, its bytes, whether it holds a private key. */
    public record Entry(String name, byte[] content, boolean secret) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            Path relative = Path.of(name);
            if (relative.isAbsolute() || relative.normalize().startsWith("..") || name.isBlank()) {
                throw new IllegalArgumentException("not a relative file name: '" + name + "'");
            }
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Adds (or replaces) a file. */
    public FileSet add(String name, byte[] content, boolean secret) {
        entries.put(name, new Entry(name, content, secret));
        return this;
    }

    /** Adds (or replaces) a text file, UTF-8. */
    public FileSet add(String name, String text, boolean secret) {
        return add(name, text.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** Every entry in the order added. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The targets in {@code dir} that exist already (files or anything else), in the order added. */
    public List<Path> existing(Path dir) {
        List<Path> found = new ArrayList<>();
        for (String name : entries.keySet()) {
            Path target = dir.resolve(name);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                found.add(target);
            }
        }
        return found;
    }

    /**
     * Writes every file into {@code dir} (created with its parents if missing).
     *
     * @param replace whether existing files may be replaced; if not, any existing target fails the whole write
     *        before anything is written
     * @throws IllegalArgumentException {@code "<path>: <what is wrong>"}; nothing was written then
     */
    public void writeTo(Path dir, boolean replace) {
        Objects.requireNonNull(dir, "dir");
        for (Path target : existing(dir)) {
            if (Files.isDirectory(target) || !replace) {
                throw Pem.error(target.toString(), Files.isDirectory(target) ? "is a directory"
                        : "already exists (--force replaces it)", null);
            }
        }
        Path createdRoot = createDirectories(dir);
        Path staging;
        try {
            staging = Files.createTempDirectory(dir, ".tlskit-tmp-");
        } catch (IOException e) {
            deleteQuietly(createdRoot);
            throw Pem.error(dir.toString(), "cannot write: " + Pem.describe(e), e);
        }
        try {
            boolean posix = Files.getFileAttributeView(staging, PosixFileAttributeView.class) != null;
            for (Entry entry : entries.values()) {
                Path file = staging.resolve(entry.name());
                Files.createDirectories(file.getParent());
                if (entry.secret() && posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                Files.write(file, entry.content(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
            for (Entry entry : entries.values()) {
                Path target = dir.resolve(entry.name());
                Files.createDirectories(target.getParent());
                move(staging.resolve(entry.name()), target, replace);
            }
        } catch (IOException e) {
            deleteQuietly(staging);
            deleteQuietly(createdRoot);
            String where = e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null
                    ? fse.getFile().replace(staging.toString(), dir.toString()) : dir.toString();
            throw Pem.error(where, "cannot write: " + Pem.describe(e), e);
        }
        deleteQuietly(staging);
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A hard link fails if the target appeared since the check: no silent overwrite.
                Files.createLink(to, from);
                Files.delete(from);
            }
        } catch (UnsupportedOperationException | AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            if (!replace && !Files.exists(to)) {
                Files.move(from, to); // file systems without hard links
            } else {
                throw e;
            }
        }
    }

    /** Creates {@code dir} and missing parents; returns the topmost directory created, or null if none was. */
    private static Path createDirectories(Path dir) {
        Path absolute = dir.toAbsolutePath();
        Path top = null;
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            top = p;
        }
        if (top == null && !Files.isDirectory(absolute)) {
            throw Pem.error(dir.toString(), "not a directory", null);
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            deleteQuietly(top);
            String cause = e instanceof FileAlreadyExistsException ? "not a directory (a file is in the way)"
                    : "cannot create directory: " + Pem.describe(e);
            throw Pem.error(dir.toString(), cause, e);
        }
        if (!Files.isWritable(absolute)) {
            deleteQuietly(top);
            throw Pem.error(dir.toString(), "not writable", null);
        }
        return top;
    }

    private static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: cleanup after an error that is being reported already
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
