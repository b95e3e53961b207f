package dev.tlskit.cli.console;

import dev.tlskit.engine.model.HandshakeSummary;
import java.io.IOError;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.jline.reader.EndOfFileException;
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
    /** Owns the input line and the status (peer and protocol, or "not connected") at its right. */
    private final StatusLineReader reader;
    private final String prompt;
    private final boolean color;
    private volatile boolean waking;

    private TerminalUi(Terminal terminal, String name, boolean color) {
        this.terminal = terminal;
        this.color = color;
        this.prompt = name + "> ";
        // The status is the right prompt, not JLine's Status bar: Status.update writes outside the LineReader's
        // lock, and racing printAbove from the reader thread it corrupted the screen (seen in the tmux test). The
        // right prompt is drawn by the reader itself, so it is redrawn with the line, never across it.
        this.reader = new StatusLineReader(terminal, "tlskit-chat");
        reader.status(rightPrompt("not connected"));
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
            return reader.readWithStatus(prompt);
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

    /** Shows {@code text} at the right of the input line. */
    private void status(String text) {
        reader.status(rightPrompt(text));
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
