package dev.tlskit.cli.hostile;

/**
 * One misbehaviour: the bytes a hostile client sends. With a prelude (a valid TLS 1.2 ClientHello), the attack
 * goes out after the server's first flight, i.e. mid-handshake; without, it is the first thing the server reads.
 * With a protocol, a real handshake on that version comes first and the attack is a protected record tampered
 * with ({@link EncryptedProbe}), or records of our own, protected with the client's keys ({@link OwnRecordProbe}).
 * A client-auth case goes to servers that ask for a client certificate.
 *
 * @param name a short kebab-case name, the row's key in the tables
 * @param prelude bytes sent first, or null
 * @param attack the bytes whose answer is compared (null after a handshake)
 * @param protocol {@code TLSv1.3} or {@code TLSv1.2} for an attack after a real handshake, else null
 * @param tamper what happens to the first protected application record, after a handshake
 * @param records the records of our own sent after a handshake, instead of a tampered one
 * @param clientAuth whether the servers ask for a client certificate
 */
record HostileCase(String name, byte[] prelude, byte[] attack, String protocol, EncryptedProbe.Tamper tamper,
        OwnRecordProbe.Attack records, boolean clientAuth) {
    static HostileCase of(String name, byte[] attack) {
        return new HostileCase(name, null, attack, null, null, null, false);
    }

    static HostileCase afterFlight(String name, byte[] prelude, byte[] attack) {
        return new HostileCase(name, prelude, attack, null, null, null, false);
    }

    /** After the first flight of a server that asks for a client certificate. */
    static HostileCase afterFlightWithClientAuth(String name, byte[] prelude, byte[] attack) {
        return new HostileCase(name, prelude, attack, null, null, null, true);
    }

    static HostileCase afterHandshake(String name, String protocol, EncryptedProbe.Tamper tamper) {
        return new HostileCase(name, null, null, protocol, tamper, null, false);
    }

    static HostileCase ownRecords(String name, String protocol, OwnRecordProbe.Attack records) {
        return new HostileCase(name, null, null, protocol, null, records, false);
    }

    @Override
    public String toString() {
        return name;
    }
}
