package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a helper program as a shell does: the first executable file of that name along the PATH. */
class ProgramPathTest {
    @TempDir
    Path tmp;

    private Path file(String dir, String name, String mode) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path f = Files.writeString(d.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void firstExecutableFileAlongThePathWins() throws Exception {
        file("a", "tool", "rw-r--r--"); // not executable: passed over
        Files.createDirectories(tmp.resolve("b/tool")); // a directory of that name: passed over
        Path c = file("c", "tool", "rwxr-xr-x");
        file("d", "tool", "rwxr-xr-x");
        String path = String.join(":", "", tmp.resolve("a").toString(), tmp.resolve("b").toString(),
                tmp.resolve("missing").toString(), tmp.resolve("c").toString(), tmp.resolve("d").toString());
        assertThat(ProgramPath.find("tool", path)).isEqualTo(c);
        assertThat(ProgramPath.find("other", path)).isNull();
        assertThat(ProgramPath.find("tool", null)).isNull();
    }

    @Test
    void aNameWithASlashIsTakenAsItIs() throws Exception {
        Path run = file("x", "run", "rwxr-xr-x");
        Path plain = file("x", "plain", "rw-r--r--");
        assertThat(ProgramPath.find(run.toString(), "")).isEqualTo(run);
        assertThat(ProgramPath.find(plain.toString(), tmp.resolve("x").toString())).isNull();
        assertThat(ProgramPath.find(tmp.resolve("x").toString(), "")).isNull();
    }
}
