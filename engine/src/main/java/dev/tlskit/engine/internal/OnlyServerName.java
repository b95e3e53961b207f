package dev.tlskit.engine.internal;

import java.net.IDN;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/**
 * A server's only accepted SNI host name, compared case-insensitively in its ASCII (IDNA) form. A matcher of its
 * own rather than {@link SNIHostName#createSNIMatcher}'s regex so that {@link EngineCore} can name it when it
 * refuses a ClientHello that carries no SNI at all (the providers consult matchers only when SNI is present).
 */
public final class OnlyServerName extends SNIMatcher {
    private final String name;

    public OnlyServerName(String name) {
        super(StandardConstants.SNI_HOST_NAME);
        this.name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
    }

    /** The name, as configured (ASCII). */
    public String name() {
        return name;
    }

    @Override
    public boolean matches(SNIServerName serverName) {
        if (serverName.getType() != StandardConstants.SNI_HOST_NAME) {
            return false;
        }
        SNIHostName host = serverName instanceof SNIHostName h ? h : new SNIHostName(serverName.getEncoded());
        return host.getAsciiName().equalsIgnoreCase(name);
    }
}
