package dev.tlskit.cli.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the interop classes that run peers on the demo material share: the material in a temporary directory (once
 * per class), every peer or server a test starts closed after it, last started first, and the (version, provider)
 * arguments of the exchanges that run on every provider.
 */
abstract class DemoPeers {
    @TempDir
    static Path dir;

    /** Peers and servers a test started; closed after each test. */
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void material() {
        Interop.demo(dir);
    }

    @AfterEach
    void destroyPeers() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    /** {@code tlskit server -p 0} and {@code args} in the background; closed after the test. */
    Interop.Background tlskitServer(List<String> args) {
        List<String> a = new ArrayList<>(List.of("server", "-p", "0"));
        a.addAll(args);
        Interop.Background b = Interop.tlskitInBackground(a.toArray(String[]::new));
        cleanup.add(b);
        return b;
    }

    /** TLS 1.2 and 1.3 on each provider: {@code @MethodSource("everyVersionOnEveryProvider")}. */
    static Stream<Arguments> everyVersionOnEveryProvider() {
        return Stream.of("jdk", "bc", "boringssl").flatMap(provider -> Stream.of("1.2", "1.3")
                .map(version -> Arguments.of(version, provider)));
    }
}
