package io.netcap.label;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/** Several sources in order (alerts, then YARA): the distinct classes of all of them. */
record CompositeClassifier(List<Classifier> sources) implements Classifier {
    @Override
    public List<String> classes(RecordFacts facts, Message record) {
        List<String> out = new ArrayList<>(1);
        for (Classifier c : sources) {
            for (String cls : c.classes(facts, record)) {
                if (!out.contains(cls)) {
                    out.add(cls);
                }
            }
        }
        return out;
    }
}
