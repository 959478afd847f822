package io.netcap.engine;

import io.netcap.decoder.service.ServiceStore;
import io.netcap.decoder.stream.software.SoftwareStore;
import java.io.IOException;
import java.util.List;

/**
 * The Service records of a capture, written on a thread of their own as soon as every worker has ended its
 * conversations (docs/engine.md, "Shutdown"): matching the banners against the probes then overlaps the profiles'
 * merge and the workers' Connection records, instead of starting after both. Nothing else reports to the
 * store once the conversations have ended, so the records are the same.
 */
final class ServiceEmission {
    private final Thread thread;
    private volatile Throwable failure;

    private ServiceEmission(ServiceStore services, List<Worker> workers, ChunkedSink sink, SoftwareStore software) {
        this.thread = Thread.ofPlatform().name("netcap-services").unstarted(() -> {
            try {
                for (Worker w : workers) {
                    w.conversationsEnded.await();
                }
                if (workers.stream().allMatch(w -> w.failure == null)) {
                    services.emit(sink, software);
                    sink.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    /** Starts waiting for the workers' conversations; {@code software}, when not null, takes the probe matches. */
    static ServiceEmission start(ServiceStore services, List<Worker> workers, ChunkedSink sink, SoftwareStore software) {
        ServiceEmission e = new ServiceEmission(services, workers, sink, software);
        e.thread.start();
        return e;
    }

    /** Waits until the records are written (their probe matches in the software table). */
    void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Service records were written", e);
        }
        if (failure != null) {
            throw new IOException("writing Service records failed: " + failure, failure);
        }
    }
}
