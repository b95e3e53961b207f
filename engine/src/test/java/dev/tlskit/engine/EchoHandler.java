package dev.tlskit.engine;

import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers' handler in the tests: echoes everything a session receives; counts sessions opened, closed and
 * closed by a failure, and counts {@link #closedLatch} down at each closure so a test can wait for them.
 */
final class EchoHandler implements SessionHandler {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    volatile CountDownLatch closedLatch = new CountDownLatch(0);

    @Override
    public void opened(Session session) {
        opened.incrementAndGet();
    }

    @Override
    public void received(Session session, ByteBuffer data) {
        session.write(data);
    }

    @Override
    public void closed(Session session, TlsException failure) {
        closed.incrementAndGet();
        if (failure != null) {
            failed.incrementAndGet();
        }
        closedLatch.countDown();
    }
}
