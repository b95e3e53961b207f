package dev.tlskit.engine;

/** Which address family a client may use when a host name resolves to both. */
public enum IpFamily {
    ANY,
    IPV4,
    IPV6
}
