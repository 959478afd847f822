package io.netcap.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * {@code capture -http-shutdown} (docs/engine.md, "Stopping a capture"): {@code GET /cleanup} on the original's
 * address stops the capture in order, as a first Ctrl-C does, and answers {@code OK}; a second request ends the
 * process at once, as a second Ctrl-C does. For scripts and front ends that start a live capture and cannot send it a
 * signal.
 */
final class HttpShutdown implements AutoCloseable {
    /** Exit status of the forced end: that of a second Ctrl-C. */
    static final int FORCED_EXIT = 130;

    private final HttpServer server;

    private HttpShutdown(HttpServer server) {
        this.server = server;
    }

    /**
     * Serves {@code host:port}; {@code stop} stops the capture in order and says whether it had started (a request
     * before that is answered 503, and counts as none).
     *
     * @throws IOException naming the address when it cannot be bound
     */
    static HttpShutdown serve(InetSocketAddress address, BooleanSupplier stop) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("-http-shutdown: " + address.getHostString() + ":" + address.getPort() + ": "
                    + IoReason.describe(e), e);
        }
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/cleanup", x -> {
            boolean second = calls.get() > 0;
            boolean stopped = second || stop.getAsBoolean();
            if (stopped) {
                calls.incrementAndGet();
            }
            byte[] body = (stopped ? "OK\n" : "not started yet\n").getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(stopped ? 200 : 503, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
            if (second) {
                Runtime.getRuntime().halt(FORCED_EXIT);
            }
        });
        server.start();
        return new HttpShutdown(server);
    }

    /**
     * Stops serving once the answer to a request is out (at most two seconds): the capture that a request stopped
     * ends at once, and closing at once cut the answer off before the asker read it.
     */
    @Override
    public void close() {
        server.stop(2);
    }
}
