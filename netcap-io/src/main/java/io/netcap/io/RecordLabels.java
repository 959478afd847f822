package io.netcap.io;

import com.google.protobuf.Message;
import io.netcap.types.RecordType;

/**
 * A label per record, appended as the last column of each CSV row while the capture writes it ({@code capture -csv
 * -labels}, docs/labeling.md); the header names the column {@link #COLUMN}. Called by several writer threads at once.
 */
@FunctionalInterface
public interface RecordLabels {
    /** The header of the label column, as the original names it. */
    String COLUMN = "Category";

    String label(RecordType type, Message record);
}
