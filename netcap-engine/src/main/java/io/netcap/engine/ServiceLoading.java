package io.netcap.engine;

import io.netcap.decoder.resolve.FirstProblem;
import io.netcap.decoder.resolve.Log;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.decoder.resolve.Resolvers;
import io.netcap.decoder.resolve.ServiceNames;
import io.netcap.decoder.service.ServiceConfig;
import io.netcap.decoder.service.ServiceCounters;
import io.netcap.decoder.service.ServiceProbes;
import io.netcap.decoder.service.ServiceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The Service records' probe file and port names, read on a thread of their own while the capture runs
 * (docs/engine.md, "Start-up"): only writing the records at the end needs them, and reading nmap's probe lines on
 * the calling thread held the first packet back by about 45 ms. The lines the reading has to say are kept until
 * {@link #report}, so they never cut into the progress line.
 */
final class ServiceLoading implements Supplier<ServiceStore.Matching> {
    private final ServiceCounters counters = new ServiceCounters();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final FirstProblem kept = new FirstProblem(lines::add);
    private final FutureTask<ServiceStore.Matching> task;

    /** The reading of the probe file of {@code services} and, with {@code -serviceDB}, of the port names; see {@link #start}. */
    ServiceLoading(ServiceConfig services, ResolverConfig resolvers) {
        this.task = new FutureTask<>(() -> load(services, resolvers, kept));
    }

    /**
     * Starts the reading on a thread of its own, which then finds the required literals of the probe lines every
     * banner reaches ({@link ServiceProbes#findRequiredLiterals}): the records need not wait for that (a short
     * capture's end would), and matching that starts meanwhile finds the literals it needs itself. {@link #get}
     * reads on the calling thread when the reading was not started.
     */
    void start() {
        Thread.ofPlatform().name("netcap-service-probes").daemon(true).start(() -> {
            task.run();
            if (task.state() == Future.State.SUCCESS) {
                task.resultNow().probes().findRequiredLiterals();
            }
        });
    }

    /** The counters the probe file's lines are counted into. */
    ServiceCounters counters() {
        return counters;
    }

    private ServiceStore.Matching load(ServiceConfig services, ResolverConfig resolvers, Log log) {
        ServiceProbes probes;
        try {
            probes = ServiceProbes.load(services, counters);
            if (services.probes() != null) {
                log.line("services: " + probes.size() + " probe lines from " + services.probes());
            }
        } catch (IOException | UncheckedIOException e) {
            log.problem("services: " + services.probes() + " unreadable (" + e.getMessage()
                    + "): Product and Version stay empty");
            probes = new ServiceProbes(List.of(), services, counters);
        }
        ServiceNames names = resolvers.serviceDB()
                ? Resolvers.services(resolvers.dbs(), ServiceNames.SYSTEM_SERVICES, log) : null;
        return new ServiceStore.Matching(probes, names == null ? null : names::name);
    }

    /** Waits for the reading; what failed in it (a bug: an unreadable file only empties the probes) is thrown here. */
    @Override
    public ServiceStore.Matching get() {
        task.run(); // returns at once when the reading has started
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the service probes were read", e);
        }
    }

    /** After {@link #get}: the first line that says something could not be loaded, or null. */
    String problem() {
        return kept.first();
    }

    /** Once the reading is done, hands its lines to {@code log} (its failure is reported where the records are written). */
    void report(Log log) {
        try {
            get();
        } catch (RuntimeException | Error e) {
            // reported by the Service records; thrown here, from a finally, it would hide the capture's own failure
        }
        lines.forEach(log::line);
    }
}
