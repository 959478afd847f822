package io.netcap.cli.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One connection to the upstream for one exchange, with the times the HTTP record reports, measured the way
 * Go's {@code httptrace} hooks measure them in the original: the name lookup and the TLS handshake as
 * durations of their own, the first response byte from the start of the exchange. Plain sockets rather than
 * {@code java.net.http.HttpClient}, which hides its lookups, connects and handshakes.
 */
final class UpstreamConnection implements Closeable {
    private static final int MAX_INTERIM = 16;

    private final Socket socket;
    final InputStream in;
    final OutputStream out;
    /** Nanoseconds of the name lookup; 0 for an address (no lookup, as in the original). */
    final long dnsNanos;
    /** Nanoseconds of the TLS handshake; 0 for http. */
    final long tlsNanos;
    /** The upstream's {@code ip:port}. */
    final String remote;
    /** {@link System#nanoTime()} when the first response byte arrived, 0 before. */
    long firstByteAt;

    private UpstreamConnection(Socket socket, long dnsNanos, long tlsNanos) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 << 10);
        this.dnsNanos = dnsNanos;
        this.tlsNanos = tlsNanos;
        this.remote = ReverseProxy.hostPort((InetSocketAddress) socket.getRemoteSocketAddress());
    }

    /**
     * Looks the host up, connects to its addresses in turn until one answers within {@code dial}, and for
     * https shakes hands within {@code handshake}; reads then wait at most {@code idle} for a byte.
     */
    static UpstreamConnection open(Target t, SSLSocketFactory tls, boolean verify, Duration dial, Duration handshake,
                                   Duration idle) throws IOException {
        long dnsStart = System.nanoTime();
        InetAddress[] addresses = InetAddress.getAllByName(t.host());
        long dns = t.literal() ? 0 : System.nanoTime() - dnsStart;
        Socket socket = null;
        IOException failure = null;
        for (InetAddress a : addresses) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(a, t.port()), millis(dial));
                socket = s;
                break;
            } catch (IOException e) {
                s.close();
                if (failure == null) failure = e; else failure.addSuppressed(e);
            }
        }
        if (socket == null) {
            throw failure != null ? failure : new IOException(t.host() + ": no address");
        }
        try {
            socket.setTcpNoDelay(true);
            long tlsNanos = 0;
            if (t.tls()) {
                long tlsStart = System.nanoTime();
                SSLSocket s = (SSLSocket) tls.createSocket(socket, t.host(), t.port(), true);
                socket = s;
                if (verify) {
                    SSLParameters p = s.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    s.setSSLParameters(p);
                }
                s.setSoTimeout(millis(handshake));
                s.startHandshake();
                tlsNanos = System.nanoTime() - tlsStart;
            }
            socket.setSoTimeout(millis(idle));
            return new UpstreamConnection(socket, dns, tlsNanos);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /**
     * The final response head: interim 1xx heads are skipped (the listener answers the client's
     * {@code Expect: 100-continue} itself); 101 is refused, the proxy does not relay upgraded connections.
     */
    ResponseHead readFinalHead() throws IOException {
        for (int i = 0; i <= MAX_INTERIM; i++) {
            if (firstByteAt == 0) {
                in.mark(1);
                if (in.read() >= 0) {
                    firstByteAt = System.nanoTime();
                }
                in.reset();
            }
            ResponseHead h = ResponseHead.read(in);
            if (h.status == 101) {
                throw new ResponseHead.Malformed("upstream switched protocols (101), which the proxy does not relay");
            }
            if (h.status >= 200) {
                return h;
            }
        }
        throw new ResponseHead.Malformed("more than " + MAX_INTERIM + " interim responses");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
