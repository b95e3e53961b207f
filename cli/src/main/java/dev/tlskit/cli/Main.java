package dev.tlskit.cli;

import dev.tlskit.cli.model.Specs;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point. The one place that builds the {@link CommandLine}, for {@code main} and for tests alike. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs tlskit with the given streams and returns its exit code; never calls {@code System.exit}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code in} as the commands' stdin. */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && args[0].equals("--version")) {
            // What picocli's version help prints, without building a command model to print three lines.
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCode.OK;
        }
        CommandLine cl = commandLine(out, err, commandsFor(args));
        cl.<TlskitCommand>getCommand().stdin(in);
        return cl.execute(args);
    }

    /** The whole command tree, as {@code --help}, the man pages and the completions show it. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, TlskitCommand.SUBCOMMANDS);
    }

    /**
     * The subcommands a run of {@code args} needs: the one its first argument names; otherwise (help, no command,
     * a misspelt one, so that the error can list them) all.
     */
    static List<String> commandsFor(String... args) {
        if (args.length > 0 && TlskitCommand.SUBCOMMANDS.contains(args[0])) {
            return List.of(args[0]);
        }
        return TlskitCommand.SUBCOMMANDS;
    }

    /**
     * The same tree built by picocli from the annotations, as before {@link Specs} (generated from them) existed:
     * what GeneratedModelTest compares the generated model with.
     */
    static CommandLine annotated(PrintWriter out, PrintWriter err, List<String> subcommands) {
        return commandLine(out, err, subcommands, CommandLine::new);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, List<String> subcommands) {
        return commandLine(out, err, subcommands, Main::generated);
    }

    /**
     * picocli's built-in converters tlskit does without: every {@code CommandLine} registers them, and those for
     * java.sql and java.time types are found by reflection, which loads java.sql's classes and initialises
     * java.time's formatters (~5 ms of a one-shot run). No option has such a type (LeanStartTest checks). One
     * pattern, not a list: picocli compiles each pattern of the list anew for each of its 19 optional converters.
     */
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /** {@code command}'s model from the generated code: no annotation read, no proxy class defined. */
    public static CommandLine generated(Object command) {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        return new CommandLine(Specs.of(command));
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<String> subcommands,
            Function<Object, CommandLine> model) {
        CommandLine cl = model.apply(new TlskitCommand());
        for (String name : subcommands) {
            cl.addSubcommand(name, model.apply(TlskitCommand.subcommand(name)));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpLongOptionsMaxWidth(28);
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : ExitCode.TABLE) {
            String[] parts = line.trim().split("\\s+", 2);
            codes.put(parts[0], parts[1]);
        }
        for (CommandLine sub : allCommands(cl)) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
            OptionSections.install(sub);
            spacing(sub.getCommandSpec().usageMessage());
        }
        ErrorHandler handler = new ErrorHandler();
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        return cl;
    }

    /** Blank lines between the header, usage, description and lists, so each reads as a block. */
    private static void spacing(picocli.CommandLine.Model.UsageMessageSpec usage) {
        if (usage.header().length > 0) {
            usage.synopsisHeading("%nUsage: ");
        }
        usage.descriptionHeading("%n").parameterListHeading("%nArguments:%n").commandListHeading("%nCommands:%n");
    }

    private static java.util.List<CommandLine> allCommands(CommandLine root) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        all.add(root);
        root.getSubcommands().values().forEach(c -> all.addAll(allCommands(c)));
        return all;
    }

    /** The one mapper from exceptions to exit codes and stderr lines. */
    static final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            String hint = Habits.hint(ex, args);
            if (hint == null && ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = "did you mean " + String.join(" or ", u.getSuggestions()) + "?";
            }
            Errors.usage(err, ex.getMessage(), hint);
            err.print(shortUsage(cl));
            err.println("See '" + cl.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
            err.flush();
            if (java.util.Arrays.asList(args).contains("--json")) {
                usageJson(cl, ex.getMessage());
            }
            return ExitCode.USAGE;
        }

        /**
         * With --json, a usage error is a JSON document on stdout too, so a script that parses stdout reads why:
         * {@code {"tlskit":1,"command":"client","error":{"exitCode":2,"kind":"usage","message":"..."}}}.
         */
        private static void usageJson(CommandLine cl, String message) {
            String[] names = cl.getCommandSpec().qualifiedName(" ").split(" ");
            Map<String, Object> doc = Json.document(names.length > 1 ? names[1] : names[0]);
            doc.put("error", Errors.usageJson(message));
            Json.println(cl.getOut(), doc);
        }

        /** {@code Usage: tlskit client [OPTIONS]}, and the command names where there are subcommands. */
        static String shortUsage(CommandLine cl) {
            StringBuilder sb = new StringBuilder("Usage: ").append(cl.getHelp().abbreviatedSynopsis().strip())
                    .append(System.lineSeparator());
            if (!cl.getSubcommands().isEmpty()) {
                sb.append("Commands: ").append(String.join(", ", cl.getSubcommands().keySet()))
                        .append(System.lineSeparator());
            }
            return sb.toString();
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            if (ex instanceof UsageException u && matched(parseResult, "--json")) {
                int code = Errors.say(cl.getErr(), ex, verbose(parseResult));
                usageJson(cl, u.getMessage());
                return code;
            }
            return Errors.say(cl.getErr(), ex, verbose(parseResult));
        }

        private static boolean verbose(ParseResult pr) {
            return matched(pr, "--verbose");
        }

        private static boolean matched(ParseResult pr, String option) {
            for (ParseResult p = pr; p != null; p = p.subcommand()) {
                if (p.hasMatchedOption(option)) {
                    return true;
                }
            }
            return false;
        }
    }

}
