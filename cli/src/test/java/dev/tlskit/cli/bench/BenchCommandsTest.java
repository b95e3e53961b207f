package dev.tlskit.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.Tlskit.Result;
import dev.tlskit.cli.interop.Interop;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tlskit bench}: the counting is checked, never the speed. */
class BenchCommandsTest {
    static Result run(String... args) {
        return Tlskit.run(args);
    }

    /** The number in {@code "field":N} of a JSON document (the first occurrence). */
    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), () -> field + " missing in " + json);
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void countOf50ReportsExactly50HandshakesAndTheServerSaw50() {
        Result r = run("bench", "handshake", "--count", "50", "--warmup", "0.2", "-c", "2", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        String doc = r.out().strip();
        assertTrue(doc.startsWith("{") && doc.endsWith("}") && doc.lines().count() == 1, doc);
        for (String field : new String[] {"\"tlskit\":1", "\"benchmark\":\"handshake\"", "\"machine\"", "\"cores\"",
            "\"settings\"", "\"runs\"", "\"handshakesPerSecond\"", "\"latencyMs\"", "\"p50\"", "\"p90\"", "\"p99\"",
            "\"max\"", "\"clientCpuMsPerHandshake\"", "\"serverCpuMsPerHandshake\"", "\"failures\"", "\"notes\""}) {
            assertTrue(doc.contains(field), () -> field + " missing in " + doc);
        }
        assertEquals(50, number(doc, "attempts"));
        assertEquals(50, number(doc, "handshakes"));
        assertEquals(50, number(doc, "serverHandshakes"));
        assertEquals(0, number(doc, "resumed"), "full handshakes must not resume");
        assertEquals(0, number(doc, "serverResumed"));
        assertEquals(0, number(doc, "failed"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void resumedTls13CountsWhatTheWireShowedOnBothSides() {
        Result r = run("bench", "handshake", "--resume", "--count", "20", "-v", "1.3", "--warmup", "0", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        long resumed = number(r.out(), "resumed");
        assertEquals(20, number(r.out(), "handshakes"));
        assertTrue(resumed == 19 || resumed == 20, r.out()); // the priming full handshake is not measured
        assertEquals(resumed, number(r.out(), "serverResumed"), "client and server agree");
        assertEquals(20, number(r.out(), "serverHandshakes"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bcResumesTls12() {
        Result r = run("bench", "handshake", "--resume", "--count", "10", "-v", "1.2", "--provider", "bc",
                "--warmup", "0", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(10, number(r.out(), "handshakes"));
        long resumed = number(r.out(), "resumed");
        assertTrue(resumed >= 9, r.out());
        assertEquals(resumed, number(r.out(), "serverResumed"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tableAndCsvOutput() {
        Result t = run("bench", "handshake", "--count", "5", "--warmup", "0");
        assertEquals(0, t.exitCode(), t::toString);
        assertTrue(t.out().contains("machine: ") && t.out().contains("cores") && t.out().contains("hs/s"), t.out());
        Result c = run("bench", "handshake", "--count", "5", "--warmup", "0", "--csv");
        assertEquals(0, c.exitCode(), c::toString);
        assertEquals(2, c.out().strip().lines().count(), c.out());
        assertTrue(c.out().startsWith("run,client,server,handshakes,resumed,failed,"), c.out());
        assertEquals("", t.err() + c.err(), "no progress on a non-TTY");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void throughputMovesExactly4MiB() {
        Result r = run("bench", "throughput", "--size", "4M", "--warmup", "1M", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(4L << 20, number(r.out(), "bytes"));
        assertEquals(4L << 20, number(r.out(), "serverReceivedBytes"));
        assertTrue(r.out().contains("\"mbPerSecond\"") && r.out().contains("\"serverCpuMsPerMb\""), r.out());

        Result e = run("bench", "throughput", "--size", "1M", "--record-size", "1000", "--echo", "--warmup", "0",
                "--provider", "bc", "--json");
        assertEquals(0, e.exitCode(), e::toString);
        assertEquals(1L << 20, number(e.out(), "serverReceivedBytes"));
        assertEquals(1L << 20, number(e.out(), "clientReceivedBytes"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cryptoListsBothAlgorithmsPerProvider() {
        Result r = run("bench", "crypto", "--algorithms", "sha256,aes-128-gcm,poly1305", "--duration", "0.1",
                "--sizes", "16,1024", "--csv");
        assertEquals(0, r.exitCode(), r::toString);
        String out = r.out();
        for (String row : new String[] {"sha256,jdk:SUN,", "sha256,bc:BC,", "aes-128-gcm,jdk:SunJCE,",
            "aes-128-gcm,bc:BC,", "poly1305,jdk,n/a,n/a", "poly1305,bc:BC,"}) {
            assertTrue(out.contains(row), () -> row + " missing in\n" + out);
        }
        assertEquals(7, out.strip().lines().count(), out);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void handshakeMeasuresEachGroupsListInTurnWithItsBytesOnTheWire() {
        Result r = run("bench", "handshake", "--provider", "bc", "--groups", "X25519MLKEM768", "--groups", "x25519",
                "--count", "10", "--warmup", "0", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        Map<?, ?> doc = (Map<?, ?>) Interop.parseJson(r.out().strip());
        java.util.List<?> runs = (java.util.List<?>) doc.get("runs");
        assertEquals(2, runs.size(), r.out());
        Map<?, ?> hybrid = (Map<?, ?>) runs.get(0);
        Map<?, ?> classic = (Map<?, ?>) runs.get(1);
        assertEquals("X25519MLKEM768", hybrid.get("group"), r.out());
        assertEquals("X25519", classic.get("group"), r.out());
        assertEquals(java.util.List.of("X25519MLKEM768", "secp256r1"), hybrid.get("groups"), "as run: the ECDSA"
                + " key's curve added last");
        for (Map<?, ?> run : java.util.List.of(hybrid, classic)) {
            assertEquals(10L, ((Number) run.get("handshakes")).longValue(), r.out());
            assertEquals(10L, ((Number) run.get("serverHandshakes")).longValue(), r.out());
        }
        // ML-KEM-768 adds its 1184-byte key to the client's share and a 1088-byte ciphertext to the server's, on
        // top of X25519's 32 bytes each way, both hellos otherwise alike (the server's ECDSA signature varies by a
        // byte or two: DER integers)
        double client = ((Number) hybrid.get("clientBytesPerHandshake")).doubleValue()
                - ((Number) classic.get("clientBytesPerHandshake")).doubleValue();
        double server = ((Number) hybrid.get("serverBytesPerHandshake")).doubleValue()
                - ((Number) classic.get("serverBytesPerHandshake")).doubleValue();
        assertEquals(1184, client, 0.0, r.out());
        assertEquals(1088, server, 3.0, r.out());
        assertEquals(((Number) hybrid.get("clientBytesPerHandshake")).doubleValue()
                + ((Number) hybrid.get("serverBytesPerHandshake")).doubleValue(),
                ((Number) hybrid.get("bytesPerHandshake")).doubleValue(), 1e-9);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cryptoMeasuresMlKem768KeyPairsEncapsulationsAndDecapsulations() {
        Result r = run("bench", "crypto", "--algorithms", "ml-kem-768", "--duration", "0.1", "--providers", "bc",
                "--json");
        assertEquals(0, r.exitCode(), r::toString);
        Map<?, ?> doc = (Map<?, ?>) Interop.parseJson(r.out().strip());
        Map<?, ?> bc = (Map<?, ?>) ((java.util.List<?>) doc.get("results")).get(0);
        assertEquals("ml-kem-768", bc.get("algorithm"));
        assertEquals("kem", bc.get("kind"));
        assertEquals(Boolean.TRUE, bc.get("available"), r.out());
        for (String op : new String[] {"keygenPerSecond", "encapsPerSecond", "decapsPerSecond"}) {
            assertTrue(((Number) bc.get(op)).doubleValue() > 0, () -> op + " in " + r.out());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cryptoRunsBlocksSmallerThanItsWarmUpBlock() {
        // the warm-up once ran 1024-byte blocks over a buffer as large as the largest --sizes, and threw
        Result r = run("bench", "crypto", "--providers", "jdk", "-a", "aes-128-gcm,sha256", "--sizes", "16",
                "--duration", "0.05", "--csv");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("aes-128-gcm,jdk:SunJCE,"), r.out());
        assertTrue(r.out().contains("sha256,jdk:SUN,"), r.out());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cryptoMeasuresBoringsslAeadThroughItsRecordsAndShowsDigestsAsNotAvailable() {
        Result r = run("bench", "crypto", "--providers", "boringssl", "-a", "aes-128-gcm,sha256", "--sizes",
                "16,16384", "--duration", "0.05", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        Map<?, ?> doc = (Map<?, ?>) Interop.parseJson(r.out().strip());
        java.util.List<?> results = (java.util.List<?>) doc.get("results");
        assertEquals(3, results.size(), r.out());
        for (int i = 0; i < 2; i++) {
            Map<?, ?> row = (Map<?, ?>) results.get(i);
            assertEquals("aes-128-gcm", row.get("algorithm"), r.out());
            assertEquals("boringssl", row.get("provider"), r.out());
            assertEquals(i == 0 ? "seal" : "open", row.get("operation"), r.out());
            assertEquals(Boolean.TRUE, row.get("available"), r.out());
            Map<?, ?> kbs = (Map<?, ?>) row.get("kBytesPerSecond");
            for (String size : new String[] {"16", "16384"}) {
                assertTrue(((Number) kbs.get(size)).doubleValue() > 0, () -> size + " in " + r.out());
            }
        }
        Map<?, ?> sha = (Map<?, ?>) results.get(2);
        assertEquals("sha256", sha.get("algorithm"), r.out());
        assertEquals("boringssl", sha.get("provider"), r.out());
        assertEquals(Boolean.FALSE, sha.get("available"), r.out());
        assertEquals(null, sha.get("kBytesPerSecond"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "handshake --count 0", "handshake --concurrency 0", "handshake --count 5 --duration 1",
        "crypto --algorithms sha256,nope", "throughput --size 12Q", "handshake --json --csv",
        "handshake -h localhost --key-type rsa-2048", "handshake --groups nope",
        "handshake --groups x25519 --groups X25519MLKEM768 --baseline openssl"})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void badInputExits2WithOneLine(String args) {
        String[] a = ("bench " + args).split(" ");
        Result r = run(a);
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: "), r.err());
        if (args.contains("--json")) {
            // with --json the error is a JSON document on stdout too
            Map<?, ?> doc = (Map<?, ?>) Interop.parseJson(r.out().strip());
            assertEquals("usage", ((Map<?, ?>) doc.get("error")).get("kind"), r.out());
        } else {
            assertEquals("", r.out());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void opensslBaselineReportsRatios() {
        Interop.requireOr(OpenSsl.onPath("openssl") != null, "openssl not on PATH");
        Result h = run("bench", "handshake", "--duration", "1", "--warmup", "0.2", "--baseline", "openssl", "--json");
        assertEquals(0, h.exitCode(), h::toString);
        assertTrue(h.out().contains("\"ratios\":{\"handshakesPerSecond\":"), h.out());
        assertTrue(h.out().contains("openssl s_time"), h.out());
        assertTrue(number(h.out().substring(h.out().indexOf("openssl s_time")), "handshakes") > 0, h.out());

        Result c = run("bench", "crypto", "--algorithms", "sha256", "--sizes", "1024", "--duration", "0.1",
                "--baseline", "openssl", "--csv");
        assertEquals(0, c.exitCode(), c::toString);
        assertTrue(c.out().contains("sha256,openssl,"), c.out());
        assertTrue(c.out().lines().filter(l -> l.startsWith("sha256,jdk")).allMatch(l -> l.matches(".*,[0-9.]+$")),
                c.out());

        Result t = run("bench", "throughput", "--size", "8M", "--warmup", "0", "--baseline", "openssl", "--json");
        assertEquals(0, t.exitCode(), t::toString);
        assertTrue(t.out().contains("\"ratios\":{\"mbPerSecond\":"), t.out());
    }

    @Test
    void baselineOtherThanOpensslIsAUsageError() {
        Result r = run("bench", "crypto", "--algorithms", "sha256", "--baseline", "wolfssl");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--baseline wolfssl"), r.err());
    }
}
