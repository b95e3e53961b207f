package dev.tlskit.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tlskit bench}: measurements, never assertions. */
@Command(name = "bench",
        description = "Benchmarks that measure, with the machine's noise reported, never asserted.",
        subcommands = {HandshakeBenchCommand.class, ThroughputBenchCommand.class, CryptoBenchCommand.class, MemoryBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a benchmark is required (e.g. tlskit bench memory)");
    }
}
