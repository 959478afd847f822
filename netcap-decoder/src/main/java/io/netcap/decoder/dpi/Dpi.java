package io.netcap.decoder.dpi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deep packet inspection of one capture (docs/enrichment.md, "DPI"): hands every worker its own
 * {@link DpiFlows} and keeps the names of the protocols and categories they found, so the profiles
 * can be written after the workers closed their modules.
 */
public final class Dpi {
    private final Ndpi ndpi;
    /** Protocol name by packed master/application id, category name by category. */
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<Integer, String> categories = new ConcurrentHashMap<>();

    private Dpi(Ndpi ndpi) {
        this.ndpi = ndpi;
    }

    /** DPI with nDPI; throws with one line for the user when the library is missing. */
    public static Dpi open() throws Ndpi.UnavailableException {
        return new Dpi(Ndpi.get());
    }

    public String library() {
        return "nDPI " + ndpi.revision();
    }

    /** The flows of one worker. */
    public DpiFlows flows() {
        return new DpiFlows(ndpi.open(), this);
    }

    void named(long protocol, Module m) {
        names.computeIfAbsent(protocol & ~0xFFFFFFFFL, k -> m.name(protocol));
        categories.computeIfAbsent(Module.category(protocol), m::categoryName);
    }

    /** The name of a protocol id of {@link DpiFlows#classify}, as ndpiReader prints it. */
    public String protocolName(long protocol) {
        return names.getOrDefault(protocol & ~0xFFFFFFFFL, "");
    }

    public String categoryName(long protocol) {
        return categories.getOrDefault(Module.category(protocol), "");
    }
}
