package io.netcap.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a helper program as a shell would: a name with a slash as it is, any other in the PATH's directories. */
public final class ProgramPath {
    private ProgramPath() {}

    /**
     * @param program a name, or a path (containing a slash) taken as it is
     * @param path    the search path, directories separated by ':' (null: none)
     * @return the executable regular file, or null when there is none
     */
    public static Path find(String program, String path) {
        if (program.contains("/")) {
            return runnable(Path.of(program)) ? Path.of(program) : null;
        }
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && runnable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }

    private static boolean runnable(Path p) {
        return Files.isExecutable(p) && !Files.isDirectory(p);
    }
}
