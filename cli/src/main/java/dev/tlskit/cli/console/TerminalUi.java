package dev.tlskit.cli.console;

import dev.tlskit.engine.HandshakeSummary;
import java.io.IOError;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The chat on a terminal (JLine): the main thread sits in {@code readLine}; lines from the peer and system lines are
 * printed above the prompt with {@code printAbove}, which redraws the half-typed line. The status (peer, address
 * and protocol, or "not connected") stands at the right of the input line, as a right prompt. Ctrl-C drops the typed line (on an empty line it ends
 * the chat), Ctrl-D ends it.
 */
public final class TerminalUi implements ChatUi {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final AttributedStyle SYSTEM = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN).italic();
    private static final AttributedStyle PEER = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle SELF = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle TIME = AttributedStyle.DEFAULT.faint();

    private final Terminal terminal;
    private final LineReader reader;
    /** What the status shows now (peer and protocol); drawn as the right prompt, which the reader owns. */
    private volatile String status = "not connected";
    private final String prompt;
    private final boolean color;
    private volatile boolean waking;

    private TerminalUi(Terminal terminal, String name, boolean color) {
        this.terminal = terminal;
        this.color = color;
        this.prompt = name + "> ";
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tlskit-chat")
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true) // our line comes back as "HH:MM name: text"
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // "!" is text, not history
                .build();
        // The status is the right prompt, not JLine's Status bar: Status.update writes outside the LineReader's
        // lock, and racing printAbove from the reader thread it corrupted the screen (seen in the tmux test). The
        // right prompt is drawn by the reader itself, so it is redrawn with the line, never across it.
        // readLine takes its right prompt as an argument, evaluated before the reader counts as reading: a status
        // set in between (the peer connecting just then) would be lost, since status() only redraws a reader that
        // is reading. JLine calls this widget once it is, before drawing: it picks up the status as it is then.
        if (reader instanceof LineReaderImpl impl) {
            reader.getWidgets().put(LineReader.CALLBACK_INIT, () -> {
                impl.setRightPrompt(rightPrompt(status));
                return true;
            });
        }
    }

    /** Opens the system terminal; the caller made sure stdin and stdout are one (System.console() != null). */
    public static TerminalUi open(String name) throws IOException {
        Terminal t = TerminalBuilder.builder().system(true).dumb(true).build();
        return new TerminalUi(t, name, System.getenv("NO_COLOR") == null && !"dumb".equals(t.getType()));
    }

    @Override
    public String readLine() throws InterruptedException, Cancelled {
        if (waking) {
            throw new InterruptedException();
        }
        try {
            return reader.readLine(prompt, rightPrompt(status), (Character) null, null);
        } catch (UserInterruptException e) {
            if (waking) {
                Thread.interrupted();
                throw new InterruptedException();
            }
            throw new Cancelled(e.getPartialLine() == null || e.getPartialLine().isEmpty());
        } catch (EndOfFileException e) {
            return null;
        } catch (IOError e) {
            if (waking) {
                Thread.interrupted();
                throw new InterruptedException();
            }
            throw e;
        }
    }

    @Override
    public void wake(Thread readerThread) {
        waking = true;
        readerThread.interrupt();
    }

    @Override
    public boolean holdsLinesUntilConnected() {
        return false;
    }

    @Override
    public void connected(String peer, String address, HandshakeSummary s) {
        system(peer + " connected from " + address);
        system(Text.handshake(s));
        status(peer + " @ " + address + " | " + s.protocol());
    }

    @Override
    public void message(String from, String text) {
        line(from, PEER, text);
    }

    @Override
    public void sent(String from, String text) {
        line(from, SELF, text);
    }

    @Override
    public void notice(String text) {
        system(text);
    }

    @Override
    public void closed(String peer, String reason, String detail) {
        system(detail);
        status("not connected");
    }

    private void line(String from, AttributedStyle nameStyle, String text) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        style(b, TIME).append(LocalTime.now().format(CLOCK)).append(' ');
        style(b, nameStyle).append(Text.printable(from)).append(':');
        style(b, AttributedStyle.DEFAULT).append(' ').append(Text.printable(text));
        reader.printAbove(b.toAttributedString());
    }

    private void system(String text) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        style(b, SYSTEM).append("-- ").append(text);
        reader.printAbove(b.toAttributedString());
    }

    private AttributedStringBuilder style(AttributedStringBuilder b, AttributedStyle s) {
        return b.style(color ? s : AttributedStyle.DEFAULT);
    }

    private String rightPrompt(String text) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        style(b, TIME).append("[").append(Text.printable(text)).append("]");
        return b.toAnsi(terminal);
    }

    /** Shows {@code text} at the right of the input line, redrawn now if a line is being read. */
    private synchronized void status(String text) {
        status = text;
        if (reader instanceof LineReaderImpl impl && impl.isReading()) {
            impl.setRightPrompt(rightPrompt(text));
            try {
                impl.callWidget(LineReader.REDRAW_LINE);
                impl.callWidget(LineReader.REDISPLAY);
            } catch (IllegalStateException notReadingAnyMore) {
                // The line was finished meanwhile; the next readLine draws the new status.
            }
        }
    }

    @Override
    public void close() {
        try {
            terminal.flush();
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // the terminal is going away with the process
        }
    }
}
