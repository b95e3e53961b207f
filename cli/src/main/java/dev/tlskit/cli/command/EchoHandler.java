package dev.tlskit.cli.command;

import dev.tlskit.cli.Errors;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The per-connection echo logic, on the event loops. */
final class EchoHandler implements SessionHandler {
    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputOptions output;
    private final boolean quiet;
    private final CountDownLatch quit;

    EchoHandler(PrintWriter out, PrintWriter err, OutputOptions output, boolean quiet, CountDownLatch quit) {
        this.out = out;
        this.err = err;
        this.output = output;
        this.quiet = quiet;
        this.quit = quit;
    }

    @Override
    public void opened(Session session) {
        if (output.json()) {
            Map<String, Object> e = Json.event("echoserver", "open");
            e.put("peer", peer(session));
            e.put("handshake", Report.handshakeJson(session.summary()));
            Json.println(out, e);
        } else if (output.verbose()) {
            synchronized (err) {
                err.print("tlskit: client " + peer(session) + ": ");
                Report.verboseLines(err, session.summary());
            }
        }
    }

    @Override
    public void received(Session session, ByteBuffer data) {
        EchoControl control = (EchoControl) session.attachment();
        if (control == null) {
            control = new EchoControl();
            session.attach(control);
        }
        while (data.hasRemaining()) {
            ByteBuffer echo = SCRATCH.get();
            echo.clear();
            ByteBuffer slice = data.slice();
            // Room for the bytes a control-line candidate may have held back from the previous chunk.
            slice.limit(Math.min(slice.remaining(), echo.capacity() - EchoControl.MAX_HELD));
            EchoControl.Command command = control.feed(slice, echo);
            data.position(data.position() + slice.position());
            echo.flip();
            if (echo.hasRemaining()) {
                show(session, echo.duplicate());
                session.write(echo);
            }
            if (command != EchoControl.Command.NONE) {
                act(session, command);
                return;
            }
        }
    }

    private void act(Session session, EchoControl.Command command) {
        switch (command) {
            case QUIT -> {
                say(session, "quit", "client sent quit command: shutting down!");
                quit.countDown();
            }
            case BREAK -> {
                say(session, "break", "client sent break command: closing session!");
                session.close();
            }
            case GET -> {
                session.write(ByteBuffer.wrap(httpPage().getBytes(StandardCharsets.US_ASCII)));
                session.close();
            }
            default -> throw new IllegalStateException("unknown command " + command);
        }
    }

    private void say(Session session, String event, String line) {
        if (output.json()) {
            Map<String, Object> e = Json.event("echoserver", event);
            e.put("peer", peer(session));
            Json.println(out, e);
        } else {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }

    private void show(Session session, ByteBuffer echoed) {
        if (quiet) {
            return;
        }
        String text = StandardCharsets.UTF_8.decode(echoed).toString();
        if (output.json()) {
            Map<String, Object> e = Json.event("echoserver", "echo");
            e.put("peer", peer(session));
            e.put("bytes", text.getBytes(StandardCharsets.UTF_8).length);
            e.put("text", text);
            Json.println(out, e);
        } else {
            synchronized (out) {
                out.print(text);
                out.flush();
            }
        }
    }

    @Override
    public void closed(Session session, TlsException failure) {
        if (output.json()) {
            Map<String, Object> e = Json.event("echoserver", "closed");
            e.put("peer", peer(session));
            if (failure != null) {
                e.put("error", Errors.json(failure));
            }
            Json.println(out, e);
        } else if (failure != null && !quiet) {
            Errors.print(err, "client " + peer(session), failure, output.verbose());
        }
    }

    private static String peer(Session s) {
        return Addresses.hostLiteral(s.remoteAddress().getAddress()) + ":" + s.remoteAddress().getPort();
    }

    private static String httpPage() {
        String body = "<html><body><h1>tlskit echoserver</h1></body></html>\n";
        return "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }
}
