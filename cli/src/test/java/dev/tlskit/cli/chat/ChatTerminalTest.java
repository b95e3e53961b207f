package dev.tlskit.cli.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop;
import dev.tlskit.cli.interop.Tmux;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat client on a real terminal: tmux runs it on a pseudo-terminal, {@code send-keys} types, and
 * {@code capture-pane} reads the screen. A private tmux server (-L) keeps this away from anyone's sessions.
 */
class ChatTerminalTest {
    @Test
    @Timeout(90)
    void aMessageArrivesAboveTheHalfTypedLineWhichStaysIntactAndTheStatusOnlyBesideTheInput() throws Exception {
        Interop.requireBinary("tmux");
        try (Endpoint bob = Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob")) {
            int port = bob.port();
            String client = Interop.sh(Interop.tlskitCommand("chat", "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "--name", "alice"));
            try (Tmux tmux = new Tmux("chat", 100, 15, client)) {
                tmux.screen(s -> s.contains("-- bob connected") && s.contains("alice>"), "the prompt after connecting");
                tmux.type("half typed");
                tmux.screen(s -> s.contains("alice> half typed"), "the half-typed line");

                bob.type("hello from bob");
                String shown = tmux.screen(s -> s.contains("bob: hello from bob"), "bob's message");
                List<String> lines = nonBlank(shown);
                int message = indexOf(lines, "bob: hello from bob");
                int prompt = indexOf(lines, "alice> half typed");
                assertTrue(message >= 0 && prompt > message, "the message is above the prompt:\n" + shown);
                // The typed line is intact; the status (peer and protocol) stands at its right, as a right prompt.
                assertTrue(lines.get(prompt).matches("alice> half typed\\s+\\[bob @ 127\\.0\\.0\\.1:\\d+ \\| TLSv1\\.3\\]"),
                        "the typed line is intact, the status at its right:\n" + shown);
                assertTrue(lines.get(message).matches("\\d\\d:\\d\\d bob: hello from bob\\s*"), shown);
                assertTrue(shown.contains("TLSv1.3"), "the handshake summary is shown:\n" + shown);

                tmux.typeLine(" and done");
                bob.awaitOut("alice: half typed and done");
                // Both drawn: alice's own line, then the next prompt (the finished line was erased before either).
                shown = tmux.screen(s -> s.matches("(?s).*\\d\\d:\\d\\d alice: half typed and done.*")
                        && s.matches("(?s).*\\nalice>\\s+\\[bob @ .*"), "alice's own line and the next prompt");
                // The status belongs to the input line only: the line just sent keeps none of it (JLine's erase on
                // finish clears the prompt and the typed text, not the right prompt).
                lines = nonBlank(shown);
                assertTrue(lines.get(indexOf(lines, "alice: half typed and done"))
                        .matches("\\d\\d:\\d\\d alice: half typed and done\\s*"), "no status on a sent line:\n" + shown);
                assertEquals(1, count(lines, "[bob @ "), "the status is shown once, beside the input:\n" + shown);

                tmux.typeLine("quit");
                bob.awaitErr("alice left the chat (quit)");
                shown = tmux.screen(s -> s.contains("EXIT=0"), "the client exiting 0");
                // Nothing is being typed any more: no status stays behind, on the last chat line or the shell's.
                assertEquals(0, count(nonBlank(shown), "[bob @ "), "no status after the chat ended:\n" + shown);
                assertEquals(0, count(nonBlank(shown), "[not connected]"), "no status after the chat ended:\n" + shown);
            }
            bob.type("quit");
            assertEquals(0, bob.awaitExit(), bob.describe());
        }
    }

    private static List<String> nonBlank(String screen) {
        List<String> out = new ArrayList<>();
        for (String l : screen.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    private static int count(List<String> lines, String fragment) {
        return (int) lines.stream().filter(l -> l.contains(fragment)).count();
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }
}
