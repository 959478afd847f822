package io.netcap.engine;

import sun.misc.Signal;

/**
 * SIGINT / SIGTERM handling (docs/original.md, "Worker model and shutdown"): the first signal asks the engine to stop reading and shut
 * down in order (every file flushed and closed); a second signal exits at once.
 */
public final class Signals {
    /** Exit status after a forced second signal: 128 + SIGINT, as shells report it. */
    static final int FORCED_EXIT = 130;

    private Signals() {}

    public static void install(CaptureEngine engine, Runnable onFirst) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (engine.stopped()) {
                        Runtime.getRuntime().halt(FORCED_EXIT);
                    }
                    engine.stop();
                    if (onFirst != null) {
                        onFirst.run();
                    }
                });
            } catch (IllegalArgumentException e) {
                // the platform does not have this signal (or it is reserved): nothing to install
            }
        }
    }
}
