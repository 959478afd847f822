package io.netcap.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Tells the workers when the heap fills with live state. The tables' caps are counts scaled to the heap
 * (docs/streams.md, "Configuration and caps"), but what an entry holds depends on the traffic: a half-open
 * connection about 720 bytes, an HTTP conversation with its parser state several KiB. So on a small heap a long
 * capture can fill it below the caps. After each collection of the old generation the JVM compares what stayed
 * there with a threshold ({@link MemoryPoolMXBean#setCollectionUsageThreshold}); each time it is exceeded this
 * counts an alarm, and each worker, at its next batch, lowers its tables' caps and ends what lies beyond them
 * (docs/streams.md, "Memory pressure") instead of running out of memory.
 */
final class HeapPressure implements AutoCloseable {
    /** The share of the old generation that live state may fill before an alarm. */
    static final double SHARE = 0.75;

    private final AtomicLong alarms = new AtomicLong();
    private final NotificationListener listener = (n, handback) -> {
        if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
            alarms.incrementAndGet();
        }
    };
    /** Where the listener is registered, once it is; guarded by this. */
    private NotificationEmitter emitter;
    private boolean closed;

    private HeapPressure() {}

    /**
     * Watches the old generation at {@link #SHARE} of its size from a second into the run, set up on a thread of its
     * own: loading the JVM's management beans costs 20-40 ms of CPU, which a capture of a second or less would pay
     * for nothing (no heap fills that fast).
     */
    static HeapPressure watch() {
        return watch(SHARE, task -> Thread.ofPlatform().name("netcap-heap-pressure").daemon(true).start(() -> {
            try {
                Thread.sleep(1000);
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /**
     * Watches the old generation (the one heap pool whose collections leave what lives on: "PS Old Gen", "G1 Old
     * Gen", "Tenured Gen", ...) at {@code share} of its size, set up by {@code setUp}; one that cannot be watched
     * raises no alarm.
     */
    static HeapPressure watch(double share, Executor setUp) {
        HeapPressure p = new HeapPressure();
        setUp.execute(() -> p.register(share));
        return p;
    }

    /** Sets the threshold and registers the listener; the slow part outside the lock, so that {@link #close} never waits. */
    private void register(double share) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0
                    && (name.contains("Old") || name.contains("Tenured"))) {
                // the threshold is the JVM's, one per pool: engines running at once in one JVM share it
                pool.setCollectionUsageThreshold(Math.max(1, (long) (max * share)));
                NotificationEmitter e = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
                synchronized (this) {
                    if (!closed) {
                        e.addNotificationListener(listener, null, null);
                        emitter = e;
                    }
                }
                return;
            }
        }
    }

    /** Alarms so far; a worker acts once for each it has not seen. */
    long alarms() {
        return alarms.get();
    }

    /** An alarm as the JVM would raise it (tests). */
    void raise() {
        alarms.incrementAndGet();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (emitter != null) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // not registered: nothing to remove
            }
        }
    }
}
