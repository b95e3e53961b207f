package dev.tlskit.cli.command;

import dev.tlskit.cli.option.EnumNames;
import dev.tlskit.engine.model.ClientAuth;
import java.util.Locale;

/** {@code --client-auth none|want|need}, lower case in help, completion and parsing. */
final class ClientAuthConverter extends EnumNames<ClientAuth> {
    ClientAuthConverter() {
        super(ClientAuth.class, a -> a.name().toLowerCase(Locale.ROOT), "client-auth mode");
    }
}
