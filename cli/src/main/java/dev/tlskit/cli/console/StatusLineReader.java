package dev.tlskit.cli.console;

import java.util.HashMap;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

/**
 * JLine's reader with a status at the right of the input line (a right prompt) that belongs to that line only.
 * {@link LineReader.Option#ERASE_LINE_ON_FINISH} erases the prompt and the typed text when a line is finished, but
 * redraws the right prompt: it stayed on every line printed over the finished one (the line just sent, the last
 * chat line, the shell's prompt after the chat). Here a finished line (Enter, Ctrl-C, Ctrl-D, a wake-up) is erased
 * without it, and the next {@code readLine} draws the status again.
 */
final class StatusLineReader extends LineReaderImpl {
    /** The right prompt as ANSI text; guarded by JLine's lock, as the reader's own state is. */
    private String status = "";

    StatusLineReader(Terminal terminal, String appName) {
        super(terminal, appName, new HashMap<>());
        setHistory(new DefaultHistory()); // as LineReaderBuilder does: an in-memory history, attached to this reader
        option(LineReader.Option.ERASE_LINE_ON_FINISH, true); // our line comes back as "HH:MM name: text"
        option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // "!" is text, not history
        // readLine takes its right prompt as an argument, evaluated before the reader counts as reading: a status
        // set in between (the peer connecting just then) would be lost, since status() only redraws a reader that
        // is reading. JLine calls this widget once it is, before drawing: it picks up the status as it is then.
        getWidgets().put(LineReader.CALLBACK_INIT, () -> {
            setRightPrompt(status());
            return true;
        });
    }

    /** Reads a line with the status at its right. */
    String readWithStatus(String prompt) {
        return readLine(prompt, status(), (Character) null, null);
    }

    /** Shows {@code ansi} at the right of the input line, redrawn now if a line is being read. */
    void status(String ansi) {
        lock.lock();
        try {
            status = ansi;
            if (isReading()) {
                setRightPrompt(ansi);
                callWidget(LineReader.REDRAW_LINE);
                callWidget(LineReader.REDISPLAY);
            }
        } finally {
            lock.unlock();
        }
    }

    private String status() {
        lock.lock();
        try {
            return status;
        } finally {
            lock.unlock();
        }
    }

    /** Called by {@code readLine}, under the lock, when the line is finished however it ended. */
    @Override
    protected void cleanup() {
        setRightPrompt("");
        super.cleanup();
    }
}
