package io.netcap.cli.sensor;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * NaCl {@code crypto_box} (X25519, XSalsa20-Poly1305) from the system's libsodium (Debian
 * {@code libsodium23}) through the foreign-function API. The box layout is libsodium's
 * {@code crypto_box_easy}: the 16-byte authenticator, then the ciphertext (docs/scale-out.md).
 */
public final class Sodium {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SECRET_KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    public static final int MAC_BYTES = 16;
    private static final String[] SONAMES = {"libsodium.so.23", "libsodium.so.26", "libsodium.so"};

    private final MethodHandle keypair;
    private final MethodHandle scalarmultBase;
    private final MethodHandle seal;
    private final MethodHandle open;
    private final MethodHandle random;

    private Sodium(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        MethodHandle init = linker.downcallHandle(find(lib, "sodium_init"), FunctionDescriptor.of(JAVA_INT));
        keypair = linker.downcallHandle(find(lib, "crypto_box_keypair"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        scalarmultBase = linker.downcallHandle(find(lib, "crypto_scalarmult_base"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        seal = linker.downcallHandle(find(lib, "crypto_box_easy"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
        open = linker.downcallHandle(find(lib, "crypto_box_open_easy"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
        random = linker.downcallHandle(find(lib, "randombytes_buf"), FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
        try {
            if ((int) init.invokeExact() < 0) {
                throw new IllegalStateException("sodium_init failed");
            }
        } catch (Throwable t) {
            throw new IllegalStateException("sodium_init failed", t);
        }
    }

    /** The library, or why it did not load; looked up once. */
    private static final class Holder {
        static final Object LOADED = load();
    }

    /** The library; {@link UnsupportedOperationException} naming the package when it is not installed. */
    public static Sodium get() {
        if (Holder.LOADED instanceof Sodium s) {
            return s;
        }
        throw new UnsupportedOperationException((String) Holder.LOADED);
    }

    /** Why libsodium cannot be used, or empty when it can. */
    public static Optional<String> problem() {
        return Holder.LOADED instanceof String why ? Optional.of(why) : Optional.empty();
    }

    private static Object load() {
        StringBuilder tried = new StringBuilder();
        for (String soname : SONAMES) {
            try {
                return new Sodium(SymbolLookup.libraryLookup(soname, Arena.global()));
            } catch (IllegalArgumentException | IllegalCallerException | IllegalStateException e) {
                tried.append(tried.isEmpty() ? "" : ", ").append(soname);
            }
        }
        return "libsodium not found (tried " + tried + "): install it, e.g. apt-get install libsodium23";
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
    }

    /** A fresh key pair: {public key, secret key}. */
    public byte[][] keyPair() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pk = a.allocate(PUBLIC_KEY_BYTES);
            MemorySegment sk = a.allocate(SECRET_KEY_BYTES);
            check((int) keypair.invokeExact(pk, sk), "crypto_box_keypair");
            return new byte[][] {pk.toArray(JAVA_BYTE), sk.toArray(JAVA_BYTE)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The public key of a secret key (X25519 with the base point). */
    public byte[] publicKey(byte[] secretKey) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pk = a.allocate(PUBLIC_KEY_BYTES);
            check((int) scalarmultBase.invokeExact(pk, a.allocateFrom(JAVA_BYTE, secretKey)), "crypto_scalarmult_base");
            return pk.toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public byte[] randomBytes(int n) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(n);
            random.invokeExact(buf, (long) n);
            return buf.toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code crypto_box_easy}: authenticator then ciphertext, {@code message.length + 16} bytes. */
    public byte[] box(byte[] message, byte[] nonce, byte[] recipientPublic, byte[] senderSecret) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment c = a.allocate(message.length + MAC_BYTES);
            check((int) seal.invokeExact(c, a.allocateFrom(JAVA_BYTE, message), (long) message.length,
                    a.allocateFrom(JAVA_BYTE, nonce), a.allocateFrom(JAVA_BYTE, recipientPublic),
                    a.allocateFrom(JAVA_BYTE, senderSecret)), "crypto_box_easy");
            return c.toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code crypto_box_open_easy} of {@code box[off .. off+len)}; null when it does not authenticate. */
    public byte[] open(byte[] box, int off, int len, byte[] nonce, byte[] senderPublic, byte[] recipientSecret) {
        if (len < MAC_BYTES) {
            return null;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment c = a.allocate(len);
            MemorySegment.copy(box, off, c, JAVA_BYTE, 0, len);
            MemorySegment m = a.allocate(Math.max(1, len - MAC_BYTES));
            int rc = (int) open.invokeExact(m, c, (long) len, a.allocateFrom(JAVA_BYTE, nonce),
                    a.allocateFrom(JAVA_BYTE, senderPublic), a.allocateFrom(JAVA_BYTE, recipientSecret));
            return rc == 0 ? m.asSlice(0, len - MAC_BYTES).toArray(JAVA_BYTE) : null;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void check(int rc, String function) {
        if (rc != 0) {
            throw new IllegalStateException(function + " returned " + rc);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }
}
