package io.netcap.label;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * YARA rules compiled and matched by libyara (Debian {@code libyara9}, YARA 4.x) through the FFM API — no
 * subprocess. Rules are compiled once; {@link Rules#scan} returns the matching rules of a buffer in rule
 * order. The layouts read from libyara are those of its {@code YR_RULE} and {@code YR_META} (4.x):
 * identifier at offset 8 of the rule, metas at 24; a meta is 32 bytes (identifier, string, integer, type,
 * flags).
 */
public final class Yara {
    private static final AddressLayout PTR = ValueLayout.ADDRESS;
    private static final int CALLBACK_MSG_RULE_MATCHING = 1;
    private static final int CALLBACK_CONTINUE = 0;
    private static final int CALLBACK_ERROR = 2;
    private static final long RULE_IDENTIFIER = 8;
    private static final long RULE_METAS = 24;
    private static final long META_SIZE = 32;
    private static final long META_STRING = 8;
    private static final long META_TYPE = 24;
    private static final long META_FLAGS = 28;
    private static final int META_TYPE_STRING = 2;
    private static final int META_FLAGS_LAST_IN_RULE = 1;
    /** Seconds a scan of one buffer may take. */
    private static final int SCAN_TIMEOUT = 10;

    /** A matching rule: its name and its {@code description} meta (empty when it has none). */
    public record Match(String rule, String description) {}

    /** Thrown when libyara is absent or the rules do not compile; the message names the rule file and line. */
    public static final class YaraException extends IOException {
        public YaraException(String message) {
            super(message);
        }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static volatile Bindings bindings;

    private record Bindings(MethodHandle initialize, MethodHandle compilerCreate, MethodHandle compilerDestroy,
                            MethodHandle setCallback, MethodHandle addString, MethodHandle getRules,
                            MethodHandle scanMem, MethodHandle rulesDestroy) {}

    private Yara() {}

    /** Binds libyara once; the reason when it cannot be loaded. */
    private static Bindings bindings() throws YaraException {
        Bindings b = bindings;
        if (b != null) {
            return b;
        }
        synchronized (Yara.class) {
            if (bindings == null) {
                SymbolLookup lib;
                try {
                    lib = SymbolLookup.libraryLookup("libyara.so.9", Arena.global());
                } catch (RuntimeException e) {
                    throw new YaraException("libyara not found (Debian package libyara9): " + e.getMessage());
                }
                Bindings bound = new Bindings(
                        bind(lib, "yr_initialize", FunctionDescriptor.of(ValueLayout.JAVA_INT)),
                        bind(lib, "yr_compiler_create", FunctionDescriptor.of(ValueLayout.JAVA_INT, PTR)),
                        bind(lib, "yr_compiler_destroy", FunctionDescriptor.ofVoid(PTR)),
                        bind(lib, "yr_compiler_set_callback", FunctionDescriptor.ofVoid(PTR, PTR, PTR)),
                        bind(lib, "yr_compiler_add_string", FunctionDescriptor.of(ValueLayout.JAVA_INT, PTR, PTR, PTR)),
                        bind(lib, "yr_compiler_get_rules", FunctionDescriptor.of(ValueLayout.JAVA_INT, PTR, PTR)),
                        bind(lib, "yr_rules_scan_mem", FunctionDescriptor.of(ValueLayout.JAVA_INT, PTR, PTR,
                                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, PTR, PTR, ValueLayout.JAVA_INT)),
                        bind(lib, "yr_rules_destroy", FunctionDescriptor.of(ValueLayout.JAVA_INT, PTR)));
                try {
                    int rc = (int) bound.initialize().invokeExact();
                    if (rc != 0) {
                        throw new YaraException("yr_initialize failed with error " + rc);
                    }
                } catch (YaraException e) {
                    throw e;
                } catch (Throwable t) {
                    throw new YaraException("yr_initialize failed: " + t);
                }
                bindings = bound;
            }
            return bindings;
        }
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor fd) throws YaraException {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new YaraException("libyara has no symbol " + name));
        return LINKER.downcallHandle(symbol, fd);
    }

    /** Compiled rules; close to free them. Scans may run from several threads at once (libyara allows it). */
    public static final class Rules implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment rules;
        private final Bindings b;
        /** The matches of the scan under way: scans take turns, so one list and one upcall stub serve all. */
        private final List<Match> found = new ArrayList<>();
        private final MemorySegment callback;

        private Rules(Bindings b, MemorySegment rules) {
            this.b = b;
            this.rules = rules;
            this.callback = LINKER.upcallStub(MethodHandles.insertArguments(SCAN_CALLBACK, 4, found),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, PTR, ValueLayout.JAVA_INT, PTR, PTR), arena);
        }

        /**
         * The rules matching {@code data}, in rule order. One scan at a time: record files are labeled in
         * parallel, and concurrent scans of one compiled rule set were seen to spin forever in libyara.
         */
        public synchronized List<Match> scan(byte[] data) throws YaraException {
            try (Arena call = Arena.ofConfined()) {
                MemorySegment buf = call.allocate(Math.max(1, data.length));
                MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
                return scan(buf, data.length);
            }
        }

        /**
         * The rules matching the bytes of a file, read straight into native memory (no copy on the heap); a
         * file that shrinks while read is scanned as far as it was read.
         *
         * @throws IOException the file cannot be read
         */
        public synchronized List<Match> scan(Path file) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena call = Arena.ofConfined()) {
                long size = ch.size();
                MemorySegment buf = call.allocate(Math.max(1, size));
                long read = 0;
                while (read < size) {
                    int n = ch.read(buf.asSlice(read, Math.min(size - read, 1 << 30)).asByteBuffer());
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                return scan(buf, read);
            }
        }

        private List<Match> scan(MemorySegment buf, long length) throws YaraException {
            found.clear();
            try {
                int rc = (int) b.scanMem().invokeExact(rules, buf, length, 0, callback, MemorySegment.NULL, SCAN_TIMEOUT);
                if (rc != 0) {
                    throw new YaraException("yr_rules_scan_mem failed with error " + rc);
                }
            } catch (YaraException e) {
                throw e;
            } catch (Throwable t) {
                throw new YaraException("yr_rules_scan_mem failed: " + t);
            }
            return List.copyOf(found);
        }

        @Override
        public void close() {
            try {
                int ignored = (int) b.rulesDestroy().invokeExact(rules);
            } catch (Throwable t) {
                // nothing more to free
            }
            arena.close();
        }
    }

    private static final MethodHandle SCAN_CALLBACK;
    private static final MethodHandle COMPILER_CALLBACK;

    static {
        try {
            SCAN_CALLBACK = MethodHandles.lookup().findStatic(Yara.class, "onScan", MethodType.methodType(int.class,
                    MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class, List.class));
            COMPILER_CALLBACK = MethodHandles.lookup().findStatic(Yara.class, "onCompile", MethodType.methodType(void.class,
                    int.class, MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class, MemorySegment.class,
                    List.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Called by libyara; an exception escaping an upcall would end the JVM, so none does. */
    private static int onScan(MemorySegment context, int message, MemorySegment data, MemorySegment user, List<Match> out) {
        try {
            if (message == CALLBACK_MSG_RULE_MATCHING) {
                MemorySegment rule = data.reinterpret(RULE_METAS + 8);
                out.add(new Match(string(rule.get(PTR, RULE_IDENTIFIER)), description(rule.get(PTR, RULE_METAS))));
            }
            return CALLBACK_CONTINUE;
        } catch (RuntimeException e) {
            return CALLBACK_ERROR;
        }
    }

    /** The string value of the rule's {@code description} meta; empty when it has none. */
    private static String description(MemorySegment metas) {
        if (metas.equals(MemorySegment.NULL)) {
            return "";
        }
        for (int i = 0; i < 1024; i++) {
            MemorySegment m = metas.reinterpret((i + 1) * META_SIZE).asSlice(i * META_SIZE, META_SIZE);
            if (m.get(ValueLayout.JAVA_INT, META_TYPE) == META_TYPE_STRING && string(m.get(PTR, 0)).equals("description")) {
                return string(m.get(PTR, META_STRING));
            }
            if ((m.get(ValueLayout.JAVA_INT, META_FLAGS) & META_FLAGS_LAST_IN_RULE) != 0) {
                break;
            }
        }
        return "";
    }

    private static void onCompile(int level, MemorySegment file, int line, MemorySegment rule, MemorySegment message,
                                  MemorySegment user, List<String> errors) {
        try {
            if (level == 0 && errors.size() < 100) { // YARA_ERROR_LEVEL_ERROR; warnings are not errors
                errors.add(line + ": " + string(message));
            }
        } catch (RuntimeException e) {
            errors.add(line + ": (unreadable message)");
        }
    }

    private static String string(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    /**
     * Compiles rule texts; {@code name} of each source appears in errors as {@code name:line: message}.
     *
     * @throws YaraException libyara missing, or rules that do not compile
     */
    public static Rules compile(List<String> names, List<String> sources) throws YaraException {
        Bindings b = bindings();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment compilerPtr = arena.allocate(PTR);
            if ((int) b.compilerCreate().invokeExact(compilerPtr) != 0) {
                throw new YaraException("yr_compiler_create failed");
            }
            MemorySegment compiler = compilerPtr.get(PTR, 0);
            try {
                List<String> errors = new ArrayList<>();
                MemorySegment callback = LINKER.upcallStub(MethodHandles.insertArguments(COMPILER_CALLBACK, 6, errors),
                        FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, PTR, ValueLayout.JAVA_INT, PTR, PTR, PTR), arena);
                b.setCallback().invokeExact(compiler, callback, MemorySegment.NULL);
                for (int i = 0; i < sources.size(); i++) {
                    int before = errors.size();
                    int failed = (int) b.addString().invokeExact(compiler, arena.allocateFrom(sources.get(i)), MemorySegment.NULL);
                    for (int e = before; e < errors.size(); e++) {
                        errors.set(e, names.get(i) + ":" + errors.get(e));
                    }
                    if (failed > 0) {
                        // libyara accepts no more sources after an error
                        throw new YaraException(String.join("\n", errors));
                    }
                }
                MemorySegment rulesPtr = arena.allocate(PTR);
                if ((int) b.getRules().invokeExact(compiler, rulesPtr) != 0) {
                    throw new YaraException("yr_compiler_get_rules failed");
                }
                return new Rules(b, rulesPtr.get(PTR, 0));
            } finally {
                b.compilerDestroy().invokeExact(compiler);
            }
        } catch (YaraException e) {
            throw e;
        } catch (Throwable t) {
            throw new YaraException("compiling YARA rules failed: " + t);
        }
    }
}
