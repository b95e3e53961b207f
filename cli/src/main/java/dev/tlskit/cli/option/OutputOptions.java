package dev.tlskit.cli.option;

import picocli.CommandLine.Option;

/** How a command reports: text or JSON, quiet or verbose. */
@OptionGroup.In(OptionGroup.OUTPUT)
public final class OutputOptions {
    @Option(names = "--json", description = "print exactly one JSON document on stdout (one per line for streams)")
    boolean json;

    @Option(names = "--trace", description = "print every TLS record as it crosses the wire (stderr; in JSON: events)")
    boolean trace;

    @Option(names = "--verbose", description = "more detail on stderr, and stack traces with errors")
    boolean verbose;

    public boolean json() {
        return json;
    }

    public boolean trace() {
        return trace;
    }

    public boolean verbose() {
        return verbose;
    }
}
