package io.netcap.io;

import org.junit.jupiter.api.Assumptions;

/** The two gzip block compressors by name, for parameterised tests; libdeflate tests skip when it is absent. */
final class Compressors {
    static final String JDK = "jdk";
    static final String LIBDEFLATE = "libdeflate";

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
            default -> throw new IllegalArgumentException(name);
        };
    }
}
