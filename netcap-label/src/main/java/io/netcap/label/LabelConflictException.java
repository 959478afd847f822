package io.netcap.label;

import java.util.List;

/** {@code -strict}: one record matched alerts of different classes, so no single label is right. */
public final class LabelConflictException extends Exception {
    public LabelConflictException(String file, long record, List<String> classes) {
        super(file + ": record " + record + " matches alerts of " + classes.size() + " classes: "
                + String.join(LabelOptions.JOIN, classes) + " (-strict stops here; -collect keeps them all)");
    }
}
