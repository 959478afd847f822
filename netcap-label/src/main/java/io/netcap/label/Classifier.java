package io.netcap.label;

import com.google.protobuf.Message;
import java.util.List;

/** A source of labels: the distinct classes a record belongs to, in the source's order; empty for none. */
interface Classifier {
    List<String> classes(RecordFacts facts, Message record);
}
