package dev.tlskit.engine.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordTest {
    private static final byte[] ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32};

    @Test
    void encodesTypeVersionLengthAndBody() {
        Record r = new Record(ContentType.ALERT, ProtocolVersion.TLS12, Alert.fatal(AlertDescription.DECODE_ERROR).body());
        assertArrayEquals(ALERT, r.encode());
        assertEquals(ContentType.ALERT, r.type());
        assertEquals("Alert TLS 1.2 len=2", r.toString());
    }

    @Test
    void writesALyingLengthWhenAsked() {
        byte[] out = new Record(22, 0x0301, new byte[3]).encode(0x4001);
        assertEquals(0x40, out[3]);
        assertEquals(0x01, out[4]);
        assertEquals(8, out.length);
    }

    @Test
    void readsRecordsOffAStreamUntilItEnds() throws Exception {
        byte[] two = concat(ALERT, new Record(23, 0x0303, new byte[] {1, 2, 3}).encode());
        ByteArrayInputStream in = new ByteArrayInputStream(two);
        assertEquals(new Record(21, 0x0303, new byte[] {2, 50}), Record.read(in));
        assertEquals(new Record(23, 0x0303, new byte[] {1, 2, 3}), Record.read(in));
        assertNull(Record.read(in));
    }

    @Test
    void aStreamEndingInsideARecordIsAnEofException() {
        assertThrows(EOFException.class, () -> Record.read(new ByteArrayInputStream(Arrays.copyOf(ALERT, 6))));
        assertThrows(EOFException.class, () -> Record.read(new ByteArrayInputStream(Arrays.copyOf(ALERT, 3))));
    }

    @Test
    void rejectsHeadersThatAreNotTls() {
        Record.MalformedRecordException http = assertThrows(Record.MalformedRecordException.class,
                () -> Record.read(new ByteArrayInputStream("HTTP/1.1 400".getBytes())));
        assertTrue(http.getMessage().contains("not a TLS record"), http.getMessage());
        byte[] huge = {0x17, 0x03, 0x03, 0x48, 0x01}; // 2^14 + 2049
        Record.MalformedRecordException overflow = assertThrows(Record.MalformedRecordException.class,
                () -> Record.read(ByteBuffer.wrap(huge)));
        assertTrue(overflow.getMessage().contains("18433"), overflow.getMessage());
    }

    @Test
    void aBufferYieldsWholeRecordsOnlyAndKeepsTheRest() throws Exception {
        ByteBuffer partial = ByteBuffer.wrap(Arrays.copyOf(ALERT, 6));
        assertNull(Record.read(partial));
        assertEquals(0, partial.position(), "nothing consumed from an incomplete record");
        ByteBuffer whole = ByteBuffer.wrap(concat(ALERT, new byte[] {0x16}));
        assertEquals(new Record(21, 0x0303, new byte[] {2, 50}), Record.read(whole));
        assertEquals(1, whole.remaining());
    }

    @Test
    void fragmentsAPayloadIntoRecordsOfTheGivenSize() throws Exception {
        byte[] records = Record.fragment(22, 0x0303, new byte[] {1, 2, 3, 4, 5}, 2);
        ByteArrayInputStream in = new ByteArrayInputStream(records);
        assertEquals(2, Record.read(in).length());
        assertEquals(2, Record.read(in).length());
        assertEquals(1, Record.read(in).length());
        assertNull(Record.read(in));
        assertEquals(5, Record.fragment(22, 0x0303, new byte[0], 2).length, "an empty payload is one empty record");
    }

    @Test
    void rejectsValuesOutsideTheirFields() {
        assertThrows(IllegalArgumentException.class, () -> new Record(256, 0x0303, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Record(22, 0x10000, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Record(22, 0x0303, new byte[0x10000]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
