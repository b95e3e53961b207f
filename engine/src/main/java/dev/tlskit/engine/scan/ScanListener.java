package dev.tlskit.engine.scan;

import dev.tlskit.engine.scan.ScanReport.ProbeLog;

/** Told of each probe as its answer arrives (a progress line), on the probe's thread; must be quick. */
@FunctionalInterface
public interface ScanListener {
    ScanListener NONE = p -> { };

    void probed(ProbeLog probe);
}
