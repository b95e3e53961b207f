package dev.tlskit.cli.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the OpenSSL interop classes share: the demo material in a temporary directory (once per class), the
 * openssl binary required (a skip locally, a failure with CI=true), and every peer a test starts closed after it,
 * last started first.
 */
abstract class OpenSslPeers {
    @TempDir
    static Path dir;

    /** Peers and servers a test started; closed after each test. */
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void material() {
        Interop.demo(dir);
    }

    @BeforeEach
    void openssl() {
        Interop.requireBinary("openssl");
    }

    @AfterEach
    void destroyPeers() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }
}
