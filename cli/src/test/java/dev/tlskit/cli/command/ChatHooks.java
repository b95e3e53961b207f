package dev.tlskit.cli.command;

import dev.tlskit.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;

/** Test access to {@link ChatCommand}'s input: in-process chat endpoints cannot share System.in. */
public final class ChatHooks {
    private ChatHooks() {}

    /** Runs tlskit on this thread with {@code in} as the chat's line-mode input. */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        ChatCommand.INPUT.set(in);
        try {
            return Main.run(out, err, args);
        } finally {
            ChatCommand.INPUT.remove();
        }
    }
}
