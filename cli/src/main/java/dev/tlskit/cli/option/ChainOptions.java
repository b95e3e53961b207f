package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Showing and saving the certificate chain the peer sent. */
@OptionGroup.In(OptionGroup.CERTIFICATES)
public final class ChainOptions {
    @Option(names = "--show-certs",
            description = "print the peer's certificate chain to stderr with a verdict per certificate, and why"
                    + " verification failed, with a hint")
    boolean show;

    @Option(names = "--save-chain", paramLabel = "DIR",
            description = "write the peer's chain as PEM files to DIR (00-leaf.pem, 01-intermediate.pem, ...)")
    Path saveDir;

    public boolean show() {
        return show;
    }

    /** The directory to save to, or null. */
    public Path saveDir() {
        return saveDir;
    }

    /** Creates the directory, or rejects a path that cannot be one, before any work. */
    public void validate() {
        if (saveDir == null) {
            return;
        }
        try {
            Files.createDirectories(saveDir);
        } catch (IOException e) {
            throw new UsageException("--save-chain " + saveDir + ": cannot create the directory ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (!Files.isWritable(saveDir)) {
            throw new UsageException("--save-chain " + saveDir + ": directory not writable");
        }
    }
}
