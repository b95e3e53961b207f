package dev.tlskit.cli.option;

import dev.tlskit.certs.KeyType;

/** {@code --key-type} values by {@link KeyType#cliName()}, for help, completion and parsing. */
public final class KeyTypeNames extends EnumNames<KeyType> {
    public KeyTypeNames() {
        super(KeyType.class, KeyType::cliName, KeyType::fromCliName);
    }
}
