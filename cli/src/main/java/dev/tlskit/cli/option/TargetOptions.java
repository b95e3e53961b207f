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

/**
 * {@code --targets FILE|-}: many endpoints for one run, one {@code host[:port]} a line, optionally followed by
 * flags for that target alone ({@code client}); blank lines and {@code #} comments skipped. The one parser of
 * target lists, for {@code scan} and {@code client}.
 */
@OptionGroup.In(OptionGroup.CONNECTION)
public final class TargetOptions {
    @Option(names = "--targets", paramLabel = "FILE|-",
            description = "read targets from FILE (- for stdin), one host[:port] a line, IPv6 as [::1]:443;"
                    + " blank lines and # comments skipped")
    Path targets;

    /**
     * One target line.
     *
     * @param number the line's number in the file, from 1
     * @param target the target as written ({@code db.example:5432}, {@code [::1]})
     * @param flags the words after it (quotes group words: {@code -m 'two words'}), empty when none
     */
    public record Line(int number, String target, List<String> flags) {}

    public boolean given() {
        return targets != null;
    }

    /** The file's name as messages say it ({@code -} for stdin). */
    public String name() {
        return targets.toString();
    }

    /** The targets of the file (or stdin), in order, with {@code defaultPort} where a line has none; no flags. */
    public List<ScanTarget> read(int defaultPort, InputStream stdin) {
        List<ScanTarget> out = new ArrayList<>();
        for (Line l : lines(stdin)) {
            if (!l.flags().isEmpty()) {
                throw error(l, "flags after the target are for tlskit client (here: " + l.flags().get(0) + ")");
            }
            out.add(target(l, defaultPort));
        }
        return out;
    }

    /** The line's target, with {@code defaultPort} when it names none; a usage error naming the line if bad. */
    public ScanTarget target(Line l, int defaultPort) {
        try {
            return ScanTarget.parse(l.target(), defaultPort);
        } catch (IllegalArgumentException e) {
            throw error(l, e.getMessage());
        }
    }

    /** Whether the line's target names its port. */
    public static boolean hasPort(Line l) {
        String t = l.target();
        return t.startsWith("[") ? t.contains("]:") : t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':');
    }

    /** A usage error naming the file and the line: {@code --targets hosts.txt: line 3: <why>}. */
    public UsageException error(Line l, String why) {
        return new UsageException("--targets " + name() + ": line " + l.number() + ": " + why);
    }

    /** The target lines of the file (or stdin), in order; a usage error when it cannot be read or has none. */
    public List<Line> lines(InputStream stdin) {
        String name = name();
        try (Reader r = name.equals("-") ? new InputStreamReader(stdin, StandardCharsets.UTF_8)
                : Files.newBufferedReader(targets, StandardCharsets.UTF_8)) {
            BufferedReader lines = new BufferedReader(r);
            List<Line> out = new ArrayList<>();
            int n = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                n++;
                List<String> words = words(line, n);
                if (!words.isEmpty()) {
                    out.add(new Line(n, words.get(0), List.copyOf(words.subList(1, words.size()))));
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

    /**
     * The line's words: split at white space, {@code '...'} and {@code "..."} group (no escapes), a word starting
     * with {@code #} begins a comment to the line's end.
     */
    private List<String> words(String line, int n) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new UsageException("--targets " + name() + ": line " + n + ": unclosed " + quote);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
