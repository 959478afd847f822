package io.netcap.io;

import org.junit.jupiter.api.Assumptions;

/** The gzip block compressors by name, for parameterised tests; libdeflate and ISA-L tests skip when absent. */
final class Compressors {
    static final String JDK = "jdk";
    static final String LIBDEFLATE = "libdeflate";
    static final String ISAL = "isal";

    private Compressors() {}

    static GzipBlockCompressor of(String name, int level) {
        return switch (name) {
            case JDK -> GzipBlockCompressor.jdk(level);
            case LIBDEFLATE -> {
                var c = GzipBlockCompressor.libdeflate(level);
                if (c.isEmpty()) {
                    String why = "SKIPPED: libdeflate is not installed (Debian package libdeflate0): "
                            + GzipBlockCompressor.libdeflateProblem().orElse("?");
                    System.out.println(why);
                    Assumptions.abort(why);
                }
                yield c.get();
            }
            case ISAL -> {
                if (level != 1) {
                    throw new IllegalArgumentException("ISA-L serves level 1 only, got " + level);
                }
                var c = GzipBlockCompressor.isal(level);
                if (c.isEmpty()) {
                    String why = "SKIPPED: ISA-L is not installed (Debian package libisal2): "
                            + GzipBlockCompressor.isalProblem().orElse("?");
                    System.out.println(why);
                    Assumptions.abort(why);
                }
                yield c.get();
            }
            default -> throw new IllegalArgumentException(name);
        };
    }
}
