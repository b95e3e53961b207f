package dev.tlskit.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlskit.cli.command.EchoControl.Command;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The echoserver's per-line control detector, fed the way TLS records may split a stream. */
class EchoControlTest {
    /** What a run of feeds produced: every echoed byte, the commands in order, and what a command left unread. */
    private record Fed(String echo, List<Command> commands, String unconsumed) {}

    /** Feeds {@code chunks} in order until a command; what follows the command stays unread, as the server leaves it. */
    private static Fed feed(EchoControl control, String... chunks) {
        ByteBuffer echo = ByteBuffer.allocate(1024);
        List<Command> commands = new ArrayList<>();
        StringBuilder unconsumed = new StringBuilder();
        for (String chunk : chunks) {
            ByteBuffer in = ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8));
            if (!commands.isEmpty()) {
                unconsumed.append(chunk); // the session ended at the command (quit: the server is going down)
                continue;
            }
            Command c = control.feed(in, echo);
            if (c != Command.NONE) {
                commands.add(c);
                unconsumed.append(StandardCharsets.UTF_8.decode(in));
            }
        }
        echo.flip();
        return new Fed(StandardCharsets.UTF_8.decode(echo).toString(), commands, unconsumed.toString());
    }

    /** One chunk per byte (ASCII text). */
    private static String[] bytes(String s) {
        return s.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "quit\\n | QUIT", "quit\\r\\n | QUIT", "break\\n | BREAK", "break\\r\\n | BREAK", "GET / HTTP/1.0 | GET",
    })
    void findsEveryControlLineAtTheStartOfTheStream(String line, Command expected) {
        Fed fed = feed(new EchoControl(), unescape(line));
        assertEquals(List.of(expected), fed.commands());
        assertEquals("", fed.echo(), "a control line is not echoed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "quit\\n | QUIT", "quit\\r\\n | QUIT", "break\\n | BREAK", "break\\r\\n | BREAK", "GET / HTTP/1.0 | GET",
    })
    void findsEveryControlLineSplitByteByByteAfterOtherLines(String line, Command expected) {
        Fed fed = feed(new EchoControl(), bytes("hello\r\nsecond line\n" + unescape(line) + "after\n"));
        String rest = expected == Command.GET ? unescape(line).substring(4) + "after\n" : "after\n";
        assertEquals(new Fed("hello\r\nsecond line\n", List.of(expected), rest), fed);
    }

    @Test
    void echoesControlWordsThatAreNotAtTheStartOfALine() {
        Fed fed = feed(new EchoControl(), "say quit\n", "a break\n", " GET /\n", "xquit\n");
        assertEquals(new Fed("say quit\na break\n GET /\nxquit\n", List.of(), ""), fed);
    }

    @Test
    void echoesLinesThatOnlyStartLikeAControlLine() {
        String text = "quitx\nquit now\nbreaks\nbreak\rx\nquit\rx\nGET\nGETX\nGEt /\nget /\nqu\nbre\n";
        assertEquals(new Fed(text, List.of(), ""), feed(new EchoControl(), text));
        assertEquals(new Fed(text, List.of(), ""), feed(new EchoControl(), bytes(text)));
    }

    @Test
    void findsAControlLineRightAfterANearMiss() {
        Fed fed = feed(new EchoControl(), bytes("qu\nbre\r\nquit\n"));
        assertEquals(new Fed("qu\nbre\r\n", List.of(Command.QUIT), ""), fed);
    }

    @Test
    void holdsBackOnlyAPossibleControlPrefixAndReleasesItOnTheByteThatRulesItOut() {
        EchoControl control = new EchoControl();
        assertEquals("ab\n", feed(control, "ab\nqui").echo(), "'qui' may still become quit: held");
        assertEquals("quiz", feed(control, "z").echo(), "'z' rules it out: the held bytes go out first");
        assertEquals("zz\n", feed(control, "zz\nbreak\r").echo(), "'break\\r' held: 6 bytes");
        assertEquals("break\r?", feed(control, "?").echo(), "a 7th byte that is not \\n releases all 6");
    }

    @Test
    void leavesTheBytesAfterACommandUnconsumed() {
        assertEquals(new Fed("one\n", List.of(Command.BREAK), "two\n"), feed(new EchoControl(), "one\nbreak\ntwo\n"));
        assertEquals(new Fed("", List.of(Command.QUIT), "quit\n"), feed(new EchoControl(), "quit\r\nquit\n"));
        assertEquals(new Fed("", List.of(Command.GET), "/index.html HTTP/1.0\r\n\r\n"),
                feed(new EchoControl(), "GET /index.html HTTP/1.0\r\n\r\n"));
    }

    @Test
    void echoesNonAsciiBytesUntouched() {
        String text = "héllo ☃\nqüit\n";
        assertEquals(new Fed(text, List.of(), ""), feed(new EchoControl(), text));
    }
}
