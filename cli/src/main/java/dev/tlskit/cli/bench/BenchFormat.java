package dev.tlskit.cli.bench;

import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.JsonOption;
import dev.tlskit.cli.option.OptionGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a benchmark reports: a text table (default), {@code --json} or {@code --csv}. */
@OptionGroup.In(OptionGroup.OUTPUT)
public final class BenchFormat {
    @Mixin
    JsonOption json;

    @Option(names = "--csv", description = "print CSV: a header line, then one line per run")
    boolean csv;

    boolean json() {
        return json.json();
    }

    boolean csv() {
        return csv;
    }

    /** Rejects --json with --csv. */
    void validate() {
        if (json() && csv) {
            throw new UsageException("--json and --csv: choose one output format");
        }
    }
}
