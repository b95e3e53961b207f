package dev.tlskit.cli;

import java.util.List;

/** One or more {@code --expect-*} assertions failed: exit 5, one stderr line per failed assertion. */
public final class ExpectationFailed extends Exception {
    private final List<Assertion> failed;

    public ExpectationFailed(List<Assertion> failed) {
        super(failed.isEmpty() ? "no failed assertion" : failed.get(0).line());
        this.failed = List.copyOf(failed);
    }

    public List<Assertion> failed() {
        return failed;
    }
}
