package dev.tlskit.engine.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Which address family a client may use when a host name resolves to both. */
public enum IpFamily {
    ANY,
    IPV4,
    IPV6;

    /** Whether {@code address} is of this family. */
    public boolean admits(InetAddress address) {
        return this == ANY || this == IPV4 && address instanceof Inet4Address
                || this == IPV6 && address instanceof Inet6Address;
    }

    /**
     * The addresses {@code host} resolves to that are of this family, in the resolver's order.
     *
     * @throws UnknownHostException the name does not resolve, or has no address of this family
     *     ({@code example.org (no IPv6 address)})
     */
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (admits(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new UnknownHostException(host + " (no " + (this == IPV4 ? "IPv4" : "IPv6") + " address)");
        }
        return out;
    }
}
