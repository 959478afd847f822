package io.netcap.cli;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connected Unix datagram socket, through libc with Java's foreign-function API: Java's channels know Unix domain
 * sockets only as streams (JEP 380), and {@code capture -unix} sends datagrams as the original does. Linux (the
 * constants below are its values); a send waits at most the timeout it was opened with.
 */
final class UnixDatagram implements AutoCloseable {
    static final int EAGAIN = 11;
    static final int ECONNREFUSED = 111;
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDTIMEO = 21;
    /** {@code sun_path} of {@code struct sockaddr_un}. */
    private static final int PATH_MAX = 108;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout ERRNO = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = ERRNO.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = libc("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = libc("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = libc("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = libc("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SEND = libc("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = libc("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final int fd;
    private final Arena arena = Arena.ofShared();
    /** Native buffer of the datagrams, grown as needed; guarded by this. */
    private MemorySegment buffer;
    private final MemorySegment errno = arena.allocate(ERRNO);

    private UnixDatagram(int fd, int bufferSize) {
        this.fd = fd;
        this.buffer = arena.allocate(bufferSize);
    }

    private static MethodHandle libc(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d, CAPTURE);
    }

    /** Connects to the socket at {@code path}, sends waiting at most {@code timeout}. */
    static UnixDatagram connect(Path path, Duration timeout) throws IOException {
        return open(path, true, timeout);
    }

    /** Binds a receiving socket at {@code path} (it must not exist); a receive waits at most {@code timeout}. */
    static UnixDatagram bind(Path path, Duration timeout) throws IOException {
        return open(path, false, timeout);
    }

    private static UnixDatagram open(Path path, boolean connect, Duration timeout) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= PATH_MAX) {
            throw new IOException(path + ": a Unix socket path has at most " + (PATH_MAX - 1) + " bytes");
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = call.allocate(ERRNO);
            int fd = (int) SOCKET.invokeExact(errno, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket: " + describe(errno));
            }
            MemorySegment address = call.allocate(2 + PATH_MAX);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
            MemorySegment tv = call.allocate(16);
            tv.set(JAVA_LONG, 0, timeout.toSeconds());
            tv.set(JAVA_LONG, 8, timeout.toMillisPart() * 1000L);
            int rc = connect ? (int) CONNECT.invokeExact(errno, fd, address, 2 + name.length + 1)
                    : (int) BIND.invokeExact(errno, fd, address, 2 + name.length + 1);
            if (rc == 0) {
                rc = (int) SETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, connect ? SO_SNDTIMEO : SO_RCVTIMEO, tv, 16);
            }
            if (rc != 0) {
                String why = describe(errno);
                int ignored = (int) CLOSE.invokeExact(fd);
                throw new IOException(path + ": " + why);
            }
            // a sender's buffer grows with its datagrams; a receiver takes any the kernel's default buffer holds
            return new UnixDatagram(fd, connect ? 1 << 16 : 1 << 18);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Sends {@code b[off .. off+len)} as one datagram: 0, or the errno of the failure. */
    synchronized int send(byte[] b, int off, int len) {
        if (buffer.byteSize() < len) {
            buffer = arena.allocate(len);
        }
        MemorySegment.copy(b, off, buffer, JAVA_BYTE, 0, len);
        try {
            long n = (long) SEND.invokeExact(errno, fd, buffer, (long) len, 0);
            return n == len ? 0 : n < 0 ? (int) ERRNO_VALUE.get(errno, 0L) : EAGAIN;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The next datagram, or null when none came within the timeout. */
    synchronized byte[] receive() throws IOException {
        try {
            long n = (long) RECV.invokeExact(errno, fd, buffer, buffer.byteSize(), 0);
            if (n < 0) {
                int e = (int) ERRNO_VALUE.get(errno, 0L);
                if (e == EAGAIN) {
                    return null;
                }
                throw new IOException("recv: " + strerror(e));
            }
            return buffer.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static String describe(MemorySegment errno) {
        return strerror((int) ERRNO_VALUE.get(errno, 0L));
    }

    /** The C library's text of an errno value. */
    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** Closes the socket; again, nothing. */
    @Override
    public synchronized void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // nothing left to release but the memory
        }
        arena.close();
    }
}
