package dev.tlskit.cli.console;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the process talks to a person at a terminal: the test for colour and progress lines. */
public final class Tty {
    private Tty() {}

    /**
     * True when stdin and stdout are a terminal and TERM is set and not {@code dumb}. Java 17 has no test for
     * stderr alone; {@code System.console()} is non-null only for a terminal there. From Java 22 it is non-null
     * for pipes too, and {@code Console.isTerminal()} (called by reflection from 17 bytecode) tells.
     */
    public static boolean interactive() {
        Console c = System.console();
        String term = System.getenv("TERM");
        if (c == null || term == null || term.equals("dumb")) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // Java 17-21: a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
