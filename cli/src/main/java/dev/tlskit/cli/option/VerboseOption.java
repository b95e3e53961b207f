package dev.tlskit.cli.option;

import picocli.CommandLine.Option;

/** {@code --verbose}: more detail on stderr, and stack traces with errors (the error handler reads it by name). */
@OptionGroup.In(OptionGroup.OUTPUT)
public final class VerboseOption {
    @Option(names = "--verbose", description = "more detail on stderr, and stack traces with errors")
    boolean verbose;

    public boolean verbose() {
        return verbose;
    }
}
