package dev.tlskit.cli.option;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a command reports: text or JSON, quiet or verbose. */
@OptionGroup.In(OptionGroup.OUTPUT)
public final class OutputOptions {
    @Mixin
    JsonOption json;

    @Option(names = "--trace", description = "print every TLS record as it crosses the wire (stderr; in JSON: events)")
    boolean trace;

    @Mixin
    VerboseOption verbose;

    public boolean json() {
        return json.json();
    }

    public boolean trace() {
        return trace;
    }

    public boolean verbose() {
        return verbose.verbose();
    }
}
