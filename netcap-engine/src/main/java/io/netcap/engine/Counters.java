package io.netcap.engine;

import java.util.Map;
import java.util.TreeMap;

/** Error and unknown-layer counts of one worker; merged at the end of the run. */
final class Counters {
    final Map<String, Long> errors = new TreeMap<>();
    final Map<String, Long> unknown = new TreeMap<>();
    long packets;
    long errorPackets;

    void merge(Counters o) {
        o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        o.unknown.forEach((k, v) -> unknown.merge(k, v, Long::sum));
        packets += o.packets;
        errorPackets += o.errorPackets;
    }
}
