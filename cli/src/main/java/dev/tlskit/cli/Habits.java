package dev.tlskit.cli;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Hints for what users of other tools type: openssl's {@code -connect host:port}, curl's and wget's {@code host:port}
 * argument and {@code --insecure}. Each says the tlskit way in one line.
 */
final class Habits {
    /** {@code name:443}, {@code 10.0.0.1:443}, {@code [::1]:443}, or a bare host name. */
    private static final Pattern TARGET = Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]/]+))(?::(\\d{1,5}))?");

    private Habits() {}

    /** A hint for a parse error caused by another tool's habit, or null. */
    static String hint(ParameterException ex, String[] args) {
        List<String> given = Arrays.asList(args);
        boolean hasHost = ex.getCommandLine().getCommandSpec().findOption("-h") != null;
        if (hasHost && (given.contains("-connect") || given.contains("--connect"))) {
            String target = after(given, given.contains("-connect") ? "-connect" : "--connect");
            return "tlskit takes the server as -h HOST -p PORT" + (target == null ? "" : " (" + flags(target) + ")")
                    + ", not openssl's -connect host:port";
        }
        if (!(ex instanceof UnmatchedArgumentException u)) {
            return null;
        }
        for (String arg : u.getUnmatched()) {
            if (hasHost && (arg.equals("--insecure") || arg.equals("-insecure"))) {
                return "-d does what curl's --insecure does: it does not verify the peer";
            }
        }
        // Only when nothing else was unmatched: after an unknown option, the next word is its value, not a host.
        if (hasHost && u.getUnmatched().size() == 1 && looksLikeTarget(u.getUnmatched().get(0))) {
            return "the server is given with flags: " + flags(u.getUnmatched().get(0));
        }
        return null;
    }

    /** {@code host:port}, {@code [::1]:port}, or a bare name that is a host: {@code localhost} or dotted. */
    private static boolean looksLikeTarget(String arg) {
        Matcher m = TARGET.matcher(arg);
        if (arg.startsWith("-") || !m.matches()) {
            return false;
        }
        return m.group(3) != null || arg.equals("localhost") || arg.contains(".");
    }

    /** {@code localhost:443} as {@code -h localhost -p 443}. */
    private static String flags(String target) {
        Matcher m = TARGET.matcher(target);
        if (!m.matches()) {
            return "-h HOST -p PORT";
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        return "-h " + host + (m.group(3) != null ? " -p " + m.group(3) : "");
    }

    private static String after(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
