package dev.tlskit.cli.command;

import dev.tlskit.cli.Errors;
import dev.tlskit.cli.ExitCode;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.cli.option.TargetOptions;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.scan.ScanTarget;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code client --targets FILE|-}: one {@link ClientCheck} per line, each with the command line's flags and the
 * line's own after them, {@code --parallel} at once, reported in input order. Every line is parsed and prepared
 * before the first connection, so a bad line is a usage error naming the file and line and nothing runs.
 * Text: every line a target prints (stdout and stderr) starts with {@code host:port: }. JSON: one document per
 * target and line, with {@code target}, {@code line} and {@code exitCode}. Then one summary line (stdout in text
 * mode, stderr with --json); the exit code is the worst target's ({@link ExitCode#worse}).
 */
final class ClientBatch {
    static final int DEFAULT_PARALLEL = 8;
    static final int MAX_PARALLEL = 64;

    /** Flags a line cannot give: they are the run's, not a target's. */
    private static final List<String> RUN_FLAGS = List.of("--targets", "--parallel", "--json", "-h");

    private ClientBatch() {}

    /** One target, ready to run: where it is, its line, its options and check, and the buffer its warnings got. */
    private record Job(String where, TargetOptions.Line line, ClientCommand options, ClientCheck check,
            StringWriter errText, PrintWriter err) {}

    /** What one target printed, and its exit code. */
    private record Done(String out, String err, int exitCode) {}

    static int run(ClientCommand o, PrintWriter out, PrintWriter err, InputStream stdin) throws InterruptedException {
        CommandLine.ParseResult given = o.spec.commandLine().getParseResult();
        if (given.hasMatchedOption("-h")) {
            throw new UsageException("-h and --targets conflict: give the targets one way");
        }
        if (o.parallel < 1 || o.parallel > MAX_PARALLEL) {
            throw new UsageException("--parallel " + o.parallel + ": must be 1-" + MAX_PARALLEL);
        }
        if (o.chain.saveDir() != null) {
            throw new UsageException("--save-chain and --targets conflict: every target would write the same files",
                    "give --save-chain DIR on a target's line", null);
        }
        long start = System.nanoTime();
        List<Job> jobs = prepare(o, given.originalArgs(), o.targetFile.lines(stdin));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.parallel, jobs.size()), r -> {
            Thread t = new Thread(r, "tlskit-client-target");
            t.setDaemon(true);
            return t;
        });
        int worst = ExitCode.OK;
        Map<Integer, Integer> failures = new TreeMap<>();
        try {
            List<Future<Done>> running = new ArrayList<>();
            for (Job j : jobs) {
                running.add(pool.submit(() -> check(j)));
            }
            for (int i = 0; i < jobs.size(); i++) {
                Done d;
                try {
                    d = running.get(i).get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a target's check failed outside its own handling", e.getCause());
                }
                emit(out, d.out(), o.output.json() ? "" : jobs.get(i).where() + ": ");
                emit(err, d.err(), jobs.get(i).where() + ": ");
                worst = ExitCode.worse(worst, d.exitCode());
                if (d.exitCode() != ExitCode.OK) {
                    failures.merge(d.exitCode(), 1, Integer::sum);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        PrintWriter summary = o.output.json() ? err : out;
        summary.println(summary(jobs.size(), failures, System.nanoTime() - start));
        summary.flush();
        return worst;
    }

    /** Every line's options and check, in order: a usage error names the file and line, before any connection. */
    private static List<Job> prepare(ClientCommand o, List<String> originalArgs, List<TargetOptions.Line> lines) {
        List<String> runArgs = new ArrayList<>(originalArgs);
        if (!runArgs.isEmpty() && runArgs.get(0).equals("client")) {
            runArgs.remove(0);
        }
        CommandLine lineOnly = commandLine(new ClientCommand());
        List<Job> jobs = new ArrayList<>();
        for (TargetOptions.Line line : lines) {
            ClientCommand options = line.flags().isEmpty() ? o : parse(o, lineOnly, runArgs, line);
            ScanTarget t = o.targetFile.target(line, 1); // the port here only when the line names it
            Integer port = TargetOptions.hasPort(line) ? t.port() : null;
            StringWriter errText = new StringWriter();
            PrintWriter err = new PrintWriter(errText, true);
            ClientCheck check;
            try {
                check = ClientCheck.prepare(options, t.host(), port, true, err);
            } catch (UsageException e) {
                throw new UsageException(o.targetFile.error(line, e.getMessage()).getMessage(), e.hint(), e);
            }
            jobs.add(new Job(IpLiteral.hostPort(t.host(), check.port()), line, options, check, errText, err));
        }
        return jobs;
    }

    /** The command line's flags, then the line's (a line's flag overrides the command line's; lists add up). */
    private static ClientCommand parse(ClientCommand o, CommandLine lineOnly, List<String> runArgs,
            TargetOptions.Line line) {
        try {
            CommandLine.ParseResult own = lineOnly.parseArgs(line.flags().toArray(String[]::new));
            for (String flag : RUN_FLAGS) {
                if (own.hasMatchedOption(flag)) {
                    throw o.targetFile.error(line, flag + " is for the whole run, not one target's line");
                }
            }
            List<String> args = new ArrayList<>(runArgs);
            args.addAll(line.flags());
            ClientCommand options = new ClientCommand();
            commandLine(options).parseArgs(args.toArray(String[]::new));
            return options;
        } catch (ParameterException e) {
            throw o.targetFile.error(line, e.getMessage());
        }
    }

    private static CommandLine commandLine(ClientCommand c) {
        CommandLine cl = dev.tlskit.cli.Main.generated(c);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        return cl;
    }

    /** One target: its check, rendered into its own buffers; a bug in it is its exit 70, not the run's end. */
    private static Done check(Job j) {
        StringWriter out = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = j.err();
        int code;
        try {
            Map<String, Object> extra = new java.util.LinkedHashMap<>();
            extra.put("target", j.where());
            extra.put("line", j.line().number());
            code = new ClientOutput(j.options(), o, e).render(j.check().run(), extra);
        } catch (RuntimeException bug) {
            code = Errors.say(e, bug, j.options().output.verbose());
        }
        o.flush();
        e.flush();
        return new Done(out.toString(), j.errText().toString(), code);
    }

    /** Each line of {@code text} with {@code prefix} before it. */
    private static void emit(PrintWriter to, String text, String prefix) {
        if (text.isEmpty()) {
            return;
        }
        text.lines().forEach(l -> to.println(prefix + l));
        to.flush();
    }

    /** {@code tlskit: 4 targets: 1 ok, 3 failed (exit 1: 2, exit 5: 1) in 0.84 s}. */
    static String summary(int targets, Map<Integer, Integer> failures, long nanos) {
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder sb = new StringBuilder("tlskit: ").append(targets)
                .append(targets == 1 ? " target: " : " targets: ").append(targets - failed).append(" ok, ").append(failed).append(" failed");
        if (failed > 0) {
            List<String> parts = new ArrayList<>();
            failures.forEach((code, n) -> parts.add("exit " + code + ": " + n));
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        return sb.append(String.format(Locale.ROOT, " in %.2f s", nanos / 1e9)).toString();
    }
}
