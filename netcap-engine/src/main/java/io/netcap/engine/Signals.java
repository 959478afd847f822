package io.netcap.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT / SIGTERM handling (docs/original.md, "Worker model and shutdown"): the first signal asks the engine to stop reading and shut
 * down in order (every file flushed and closed); a second signal exits at once.
 */
public final class Signals {
    /** Exit status after a forced second signal: 128 + SIGINT, as shells report it. */
    static final int FORCED_EXIT = 130;

    private Signals() {}

    /** The handlers of a capture, until closed. */
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    public static Installed install(CaptureEngine engine, Runnable onFirst) {
        Map<Signal, SignalHandler> before = new LinkedHashMap<>();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                before.put(signal, Signal.handle(signal, s -> {
                    if (engine.stopped()) {
                        Runtime.getRuntime().halt(FORCED_EXIT);
                    }
                    engine.stop();
                    if (onFirst != null) {
                        onFirst.run();
                    }
                }));
            } catch (IllegalArgumentException e) {
                // the platform does not have this signal (or it is reserved): nothing to install
            }
        }
        return () -> before.forEach(Signal::handle);
    }
}
