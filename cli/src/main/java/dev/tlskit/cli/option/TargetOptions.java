package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.scan.ScanTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --targets FILE|-}: many endpoints for one run, one {@code host[:port]} a line. */
@OptionGroup.In(OptionGroup.CONNECTION)
public final class TargetOptions {
    @Option(names = "--targets", paramLabel = "FILE|-",
            description = "read targets from FILE (- for stdin), one host[:port] a line, IPv6 as [::1]:443;"
                    + " blank lines and # comments skipped")
    Path targets;

    public boolean given() {
        return targets != null;
    }

    /** The targets of the file (or stdin), in order, with {@code defaultPort} where a line has none. */
    public List<ScanTarget> read(int defaultPort, InputStream stdin) {
        String name = targets.toString();
        try (Reader r = name.equals("-") ? new InputStreamReader(stdin, StandardCharsets.UTF_8)
                : Files.newBufferedReader(targets, StandardCharsets.UTF_8)) {
            BufferedReader lines = new BufferedReader(r);
            List<ScanTarget> out = new ArrayList<>();
            int n = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                try {
                    out.add(ScanTarget.parse(t, defaultPort));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--targets " + name + ": line " + n + ": " + e.getMessage());
                }
            }
            if (out.isEmpty()) {
                throw new UsageException("--targets " + name + ": no target in it");
            }
            return out;
        } catch (IOException e) {
            throw new UsageException("--targets " + name + ": cannot read: " + e.getMessage());
        }
    }
}
