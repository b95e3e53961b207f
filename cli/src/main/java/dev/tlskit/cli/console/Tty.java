package dev.tlskit.cli.console;

import java.io.Console;

/** Whether a person sits at the terminal: stdin and stdout are both a terminal. */
public final class Tty {
    private Tty() {}

    /**
     * {@code System.console() != null} on Java 17-21; from Java 22 {@code System.console()} answers a console for
     * redirected streams too, and only {@code Console.isTerminal()} (22+, called reflectively: we compile for
     * 17) tells a terminal from a pipe.
     */
    public static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // Java 17-21: a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * {@link #interactive()} on a terminal that can redraw a line: TERM set and not {@code dumb} (for progress lines
     * and colour).
     */
    public static boolean redraws() {
        String term = System.getenv("TERM");
        return term != null && !term.equals("dumb") && interactive();
    }
}
