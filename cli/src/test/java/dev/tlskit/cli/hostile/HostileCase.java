package dev.tlskit.cli.hostile;

/**
 * One misbehaviour: the bytes a hostile client sends. With a prelude (a valid TLS 1.2 ClientHello), the attack
 * goes out after the server's first flight, i.e. mid-handshake; without, it is the first thing the server reads.
 *
 * @param name a short kebab-case name, the row's key in the tables
 * @param prelude bytes sent first, or null
 * @param attack the bytes whose answer is compared
 */
record HostileCase(String name, byte[] prelude, byte[] attack) {
    static HostileCase of(String name, byte[] attack) {
        return new HostileCase(name, null, attack);
    }

    static HostileCase afterFlight(String name, byte[] prelude, byte[] attack) {
        return new HostileCase(name, prelude, attack);
    }

    @Override
    public String toString() {
        return name;
    }
}
