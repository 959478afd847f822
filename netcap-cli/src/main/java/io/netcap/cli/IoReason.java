package io.netcap.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * "path: reason" for a failed file operation. Java's file exceptions often carry only the path
 * ({@link AccessDeniedException}'s message is the bare file name), so the reason is named from the class.
 */
public final class IoReason {
    private IoReason() {}

    /** The first I/O failure in the cause chain, as "path: reason"; otherwise the message. */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FileSystemException f) {
                return (f.getFile() == null ? "" : f.getFile() + ": ") + reason(f);
            }
            if (c instanceof IOException && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        return String.valueOf(t.getMessage());
    }

    static String reason(FileSystemException f) {
        if (f.getReason() != null) {
            return f.getReason();
        }
        return switch (f) {
            case AccessDeniedException a -> "Permission denied";
            case NoSuchFileException n -> "No such file or directory";
            case FileAlreadyExistsException e -> "File exists";
            case NotDirectoryException d -> "Not a directory";
            default -> f.getClass().getSimpleName();
        };
    }
}
