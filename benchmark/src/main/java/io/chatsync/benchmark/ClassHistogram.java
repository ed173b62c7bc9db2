package io.chatsync.benchmark;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code jcmd <pid> GC.class_histogram} prints: the live objects of each class, after a full collection. */
record ClassHistogram(Map<String, Row> classes, long totalBytes) {

    /** One class's live instances and their bytes. */
    record Row(long instances, long bytes) {
    }

    /** One class's growth between two histograms. */
    record Growth(String className, long instances, long bytes) {
    }

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    static ClassHistogram parse(String output) {
        Map<String, Row> classes = new LinkedHashMap<>();
        Long total = null;
        for (String line : output.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                classes.merge(row.group(3), new Row(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                        (a, b) -> new Row(a.instances + b.instances, a.bytes + b.bytes));
                continue;
            }
            Matcher sum = TOTAL.matcher(line.strip());
            if (sum.find()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        if (total == null) {
            throw new IllegalArgumentException("no Total line in the class histogram: "
                    + output.substring(0, Math.min(200, output.length())));
        }
        return new ClassHistogram(classes, total);
    }

    /** The {@code limit} classes whose live bytes grew most since {@code before}, largest first. */
    List<Growth> grownMostSince(ClassHistogram before, int limit) {
        return classes.entrySet().stream()
                .map(entry -> {
                    Row was = before.classes.getOrDefault(entry.getKey(), new Row(0, 0));
                    return new Growth(entry.getKey(), entry.getValue().instances - was.instances,
                            entry.getValue().bytes - was.bytes);
                })
                .sorted(Comparator.comparingLong(Growth::bytes).reversed())
                .limit(limit)
                .toList();
    }
}
