package dev.tlskit.cli.console;

import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import dev.tlskit.engine.model.HandshakeSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The chat without a terminal (pipes, scripts, CI): input lines are sent; received lines go to stdout as
 * {@code name: text} (or one JSON object per event with {@code --json}); everything else goes to stderr.
 * A daemon thread reads the input, so the main thread can be woken when the peer leaves (a read of stdin cannot).
 */
public final class LineUi implements ChatUi {
    private static final String COMMAND = "chat";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private boolean ended;

    public LineUi(InputStream in, PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
        Thread pump = new Thread(() -> pump(in), "tlskit-chat-input");
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            notice("cannot read input: " + e.getMessage());
        } finally {
            lines.add(Optional.empty());
        }
    }

    @Override
    public String readLine() throws InterruptedException {
        if (ended) {
            return null;
        }
        Optional<String> next = lines.take();
        ended = next.isEmpty();
        return next.orElse(null);
    }

    @Override
    public boolean holdsLinesUntilConnected() {
        return true;
    }

    @Override
    public void connected(String peer, String address, HandshakeSummary summary) {
        if (json) {
            Map<String, Object> e = Json.event(COMMAND, "connected");
            e.put("peer", peer);
            e.put("address", address);
            e.put("handshake", Report.handshakeJson(summary));
            Json.println(out, e);
        } else {
            notice(Text.printable(peer) + " connected from " + address + " (" + Text.handshake(summary) + ")");
        }
    }

    @Override
    public void message(String from, String text) {
        if (json) {
            Map<String, Object> e = Json.event(COMMAND, "message");
            e.put("from", from);
            e.put("text", text);
            Json.println(out, e);
        } else {
            String line = Text.printable(from) + ": " + Text.printable(text);
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }

    @Override
    public void sent(String from, String text) {
        // The input is the record of what was sent.
    }

    @Override
    public void notice(String text) {
        synchronized (err) {
            err.println("tlskit chat: " + text);
            err.flush();
        }
    }

    @Override
    public void closed(String peer, String reason, String detail) {
        if (json) {
            Map<String, Object> e = Json.event(COMMAND, "closed");
            e.put("peer", peer);
            e.put("reason", reason);
            e.put("detail", detail);
            Json.println(out, e);
        } else {
            notice(detail);
        }
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
    }
}
