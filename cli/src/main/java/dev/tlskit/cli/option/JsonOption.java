package dev.tlskit.cli.option;

import picocli.CommandLine.Option;

/** {@code --json}: stdout is exactly one JSON document (one a line for streams). */
@OptionGroup.In(OptionGroup.OUTPUT)
public final class JsonOption {
    @Option(names = "--json", description = "print exactly one JSON document on stdout (one per line for streams)")
    boolean json;

    public boolean json() {
        return json;
    }
}
