package dev.tlskit.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {
    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1", "[::1], ::1", "::, ::", "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:0:0:0:0:0, fe80::", "127.0.0.1, 127.0.0.1", "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    })
    void writesAddressesCompressed(String literal, String expected) {
        assertEquals(expected, IpLiteral.format(IpLiteral.parse(literal)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "1.example", "cafe", "", "999.1.1.1.1"})
    void hostNamesAreNotLiterals(String name) {
        assertFalse(IpLiteral.is(name));
        assertNull(IpLiteral.parse(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "[::1]", "::ffff:10.0.0.1"})
    void literalsAreRecognisedWithoutDns(String literal) {
        assertTrue(IpLiteral.is(literal));
    }

    @ParameterizedTest
    @CsvSource({"::1, 11111, [::1]:11111", "127.0.0.1, 443, 127.0.0.1:443"})
    void hostPortBracketsIpv6(String literal, int port, String expected) {
        assertEquals(expected, IpLiteral.hostPort(IpLiteral.parse(literal), port));
    }
}
