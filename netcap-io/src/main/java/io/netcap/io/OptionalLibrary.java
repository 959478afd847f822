package io.netcap.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A native library the writers use when it is installed (the fast gzip compressors): looked up once
 * under its sonames, its functions bound by {@code bind}; when none loads (absent, a missing symbol, or
 * native access denied) it is empty with the reason, logged at DEBUG, and the caller falls back.
 *
 * @param library the bound functions, when the library loaded
 * @param problem why it did not load
 */
record OptionalLibrary<T>(Optional<T> library, Optional<String> problem) {

    /**
     * @param owner    the class that binds it, whose name the log line goes under
     * @param name     the library's name in the reason
     * @param sonames  tried in order: the runtime soname first; the bare name comes with the -dev package
     * @param bind     binds the functions; a missing symbol throws {@link IllegalArgumentException}
     * @param fallback what is used instead, for the log line
     */
    static <T> OptionalLibrary<T> load(Class<T> owner, String name, String[] sonames, Function<SymbolLookup, T> bind,
                                       String fallback) {
        List<String> tried = new ArrayList<>();
        for (String soname : sonames) {
            try {
                return new OptionalLibrary<>(Optional.of(bind.apply(SymbolLookup.libraryLookup(soname, Arena.global()))),
                        Optional.empty());
            } catch (RuntimeException | LinkageError e) {
                // IllegalArgumentException: not found; IllegalCallerException: native access denied
                tried.add(soname + " (" + e.getMessage() + ")");
            }
        }
        String problem = name + " not loaded, tried " + String.join(", ", tried);
        System.getLogger(owner.getName()).log(System.Logger.Level.DEBUG, problem + "; " + fallback);
        return new OptionalLibrary<>(Optional.empty(), Optional.of(problem));
    }

    /** A downcall handle for {@code name}; a missing symbol throws {@link IllegalArgumentException}. */
    static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
        return Linker.nativeLinker().downcallHandle(symbol, fd, options);
    }
}
