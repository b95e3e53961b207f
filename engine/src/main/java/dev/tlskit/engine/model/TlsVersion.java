package dev.tlskit.engine.model;

/** Protocol versions tlskit speaks. TLS 1.0/1.1 are deliberately absent. */
public enum TlsVersion {
    TLS_1_2("TLSv1.2"),
    TLS_1_3("TLSv1.3");

    private final String jsseName;

    TlsVersion(String jsseName) {
        this.jsseName = jsseName;
    }

    /** The name JSSE uses ({@code TLSv1.3}). */
    public String jsseName() {
        return jsseName;
    }
}
