package dev.tlskit.cli.command;

import dev.tlskit.certs.FileSet;
import dev.tlskit.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directory {@code tlskit certgen} writes to: checked before any key is made, then given every file or none;
 * existing files are replaced only with {@code --force}.
 */
final class CertgenFiles {
    private final Path dir;
    private final boolean force;

    CertgenFiles(Path dir, boolean force) {
        this.dir = dir;
        this.force = force;
    }

    /** The target directory must be creatable and writable; checked before any key is made. */
    void preflight() {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new UsageException(dir + ": cannot create directory: " + p + " is not a directory");
                }
                if (!Files.isWritable(p)) {
                    throw new UsageException(dir + ": " + (p.equals(dir.toAbsolutePath()) ? "not writable"
                            : "cannot create directory: " + p + " is not writable"));
                }
                return;
            }
        }
    }

    /** Writes all of {@code files}, or, when one exists (without --force) or cannot be written, none. */
    void write(FileSet files) {
        List<Path> existing = files.existing(dir);
        if (!existing.isEmpty() && !force) {
            String more = existing.size() > 1 ? " (and " + (existing.size() - 1) + " more)" : "";
            throw new UsageException(existing.get(0) + ": already exists" + more + "; nothing written",
                    "--force replaces the files, --out DIR writes elsewhere", null);
        }
        try {
            files.writeTo(dir, force);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "; nothing written", null, e);
        }
    }
}
