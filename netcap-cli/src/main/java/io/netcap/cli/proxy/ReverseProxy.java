package io.netcap.cli.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import io.netcap.types.format.JsonFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code net proxy}: an HTTP/1.1 reverse proxy in front of one upstream that writes an {@code HTTP} record
 * for every exchange the upstream answered (docs/cli.md, "net proxy"). Each exchange has its own upstream
 * connection, so that every record carries its own lookup, handshake and first-byte times. Bodies are
 * relayed through fixed buffers and only counted; at most {@code maxConns} exchanges run at once, more are
 * answered 503. An upstream that cannot be reached or answers with an unusable head gives the client 502 and
 * is counted, without a record (as in the original, whose round trip fails before a record is made).
 */
public final class ReverseProxy implements Closeable {
    /**
     * @param local        listen address
     * @param remote       the upstream
     * @param out          directory of {@code HTTP.ncap[.gz]}
     * @param compress     gzip the record file
     * @param dial         connect timeout
     * @param handshake    TLS handshake timeout
     * @param idle         how long an upstream connection may send nothing before it is given up
     * @param skipVerify   accept any upstream certificate
     * @param trace        set DNSDoneAfter, TLSDoneAfter, FirstByteAfter and DstIP
     * @param maxConns     exchanges at once
     * @param dump         each record as a JSON line, or null
     * @param debug        request and response heads, or null
     * @param log          failures
     * @param serverTls    TLS of the listener, or null for plain HTTP
     */
    public record Options(InetSocketAddress local, Target remote, Path out, boolean compress, Duration dial,
                          Duration handshake, Duration idle, boolean skipVerify, boolean trace, int maxConns,
                          PrintWriter dump, PrintWriter debug, PrintWriter log, SSLContext serverTls) {}

    private final Options o;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService flusher;
    private final RecordWriter writer;
    private final SSLSocketFactory tls;
    private final Semaphore slots;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong badGateway = new AtomicLong();
    private final AtomicLong cutShort = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private long flushedAt;
    private boolean closed;

    public ReverseProxy(Options o) throws IOException, GeneralSecurityException {
        this.o = o;
        this.slots = new Semaphore(o.maxConns());
        this.tls = o.skipVerify() ? trustingEveryone() : SSLContext.getDefault().getSocketFactory();
        this.writer = RecordWriter.create(o.out(), RecordType.HTTP, WriterOptions.defaults(o.remote().url(""))
                .withCompress(o.compress()).withRemoveEmpty(false));
        try {
            if (o.serverTls() == null) {
                this.server = HttpServer.create(o.local(), 128);
            } else {
                HttpsServer https = HttpsServer.create(o.local(), 128);
                https.setHttpsConfigurator(new HttpsConfigurator(o.serverTls()));
                this.server = https;
            }
        } catch (IOException e) {
            writer.close();
            throw e;
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        // records reach the file within a second, as the original's unbuffered writer had them at once
        flusher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("netcap-proxy-flush").unstarted(r));
        flusher.scheduleWithFixedDelay(this::flushIfNew, 1, 1, TimeUnit.SECONDS);
    }

    /** The address the proxy listens on (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public Path file() {
        return writer.path();
    }

    /** "proxied 3 exchanges into HTTP.ncap.gz; 502 (upstream failed) 1, cut short 0, 503 (over -maxConns) 0" */
    public String summary() {
        return "proxied " + records.get() + " exchanges into " + writer.path().getFileName() + "; 502 (upstream failed) "
                + badGateway.get() + ", cut short " + cutShort.get() + ", 503 (over -maxConns) " + refused.get()
                + (writeFailures.get() > 0 ? ", records not written " + writeFailures.get() : "");
    }

    public long records() {
        return records.get();
    }

    public long badGateway() {
        return badGateway.get();
    }

    public long refused() {
        return refused.get();
    }

    private void handle(HttpExchange ex) {
        if (!slots.tryAcquire()) {
            refused.incrementAndGet();
            respond(ex, 503);
            return;
        }
        try {
            forward(ex);
        } catch (IOException | RuntimeException e) {
            // the client went away before an answer, or the listener refused what was to be relayed
            cutShort.incrementAndGet();
            o.log().println("proxy: " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": cut short: " + describe(e));
            o.log().flush();
        } finally {
            slots.release();
            ex.close();
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        Instant now = Instant.now();
        long timestamp = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        String target = o.remote().requestTarget(ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery());
        UpstreamConnection up;
        try {
            up = UpstreamConnection.open(o.remote(), tls, !o.skipVerify(), o.dial(), o.handshake(), o.idle());
        } catch (IOException | RuntimeException e) {
            badGateway(ex, ex.getRequestMethod(), o.remote().url(target), e);
            return;
        }
        Exchange x = new Exchange(ex, o, up, target);
        long end;
        long sent;
        try {
            try {
                x.request();
            } catch (IOException e) {
                badGateway(ex, x.method, x.url, e);
                return;
            }
            try {
                x.respond();
            } catch (IOException e) {
                cutShort.incrementAndGet();
                o.log().println("proxy: " + x.method + " " + x.url + ": response cut short: " + e.getMessage());
                o.log().flush();
            }
            end = System.nanoTime();
        } finally {
            up.close();
            sent = x.finishUpload();
        }
        write(x.record(timestamp, start, end, sent));
    }

    private void respond(HttpExchange ex, int status) {
        try {
            ex.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the client is gone
        } finally {
            ex.close();
        }
    }

    private void badGateway(HttpExchange ex, String method, String url, Exception e) {
        badGateway.incrementAndGet();
        o.log().println("proxy: " + method + " " + url + ": " + describe(e));
        o.log().flush();
        respond(ex, 502);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private void write(HTTP r) {
        try {
            writer.write(r);
            records.incrementAndGet();
        } catch (IOException e) {
            if (writeFailures.getAndIncrement() == 0) {
                o.log().println("proxy: cannot write " + writer.path() + ": " + e.getMessage());
                o.log().flush();
            }
            return;
        }
        if (o.dump() != null) {
            String json = JsonFormat.dump().format(r);
            synchronized (o.dump()) {
                o.dump().println(json);
                o.dump().flush();
            }
        }
    }

    private synchronized void flushIfNew() {
        long n = records.get();
        if (n != flushedAt) {
            try {
                writer.flush();
                flushedAt = n;
            } catch (IOException e) {
                // counted by the next write, which fails the same way
            }
        }
    }

    /** {@code ip:port}, IPv6 in brackets. */
    static String hostPort(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + ip.replaceFirst("%.*", "") + "]" : ip) + ":" + a.getPort();
    }

    /** For -skipTlsVerify: a trust manager that accepts every chain and every host name. */
    private static SSLSocketFactory trustingEveryone() throws GeneralSecurityException {
        TrustManager all = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {all}, null);
        return ctx.getSocketFactory();
    }

    /** Stops listening, lets running exchanges finish (a few seconds at most), then closes the file complete. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        server.stop(1);
        try {
            slots.tryAcquire(o.maxConns(), 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handlers.shutdown();
        flusher.shutdownNow();
        synchronized (this) {
            writer.close();
        }
    }
}
