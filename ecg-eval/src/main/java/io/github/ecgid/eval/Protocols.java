package io.github.ecgid.eval;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.data.EcgIdDb;
import io.github.ecgid.core.data.MitDb;
import io.github.ecgid.eval.IdentificationEvaluation.Subject;
import io.github.ecgid.signal.beat.BeatPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * How the public databases are split into training and test beats for identification experiments. Every
 * protocol extracts beats with one {@link BeatPipeline}, so training and test beats are cut alike.
 */
public final class Protocols {
    private Protocols() {
    }

    /**
     * MIT-BIH time split: train on minutes {@code [0, 5)} of each record's primary lead (MLII where present),
     * test on minutes {@code [20, 30)}. Records 201 and 202 come from one person and form one subject.
     *
     * @param records  record names to use (e.g. all of {@code RECORDS})
     * @param progress receives one line per record
     */
    public static List<Subject> mitdbTimeSplit(MitDb db, List<String> records, BeatPipeline pipeline,
                                               Consumer<String> progress) {
        return mitdbTimeSplit(db, records, pipeline, 20, 30, progress);
    }

    /**
     * The MIT-BIH time split with another test window: minutes {@code [fromMinutes, toMinutes)}, e.g. 10 to 20
     * as a validation window for choosing settings without looking at minutes 20 to 30.
     *
     * @throws IllegalArgumentException when the window overlaps the training minutes or is empty
     */
    public static List<Subject> mitdbTimeSplit(MitDb db, List<String> records, BeatPipeline pipeline,
                                               double fromMinutes, double toMinutes, Consumer<String> progress) {
        requireTestWindow(fromMinutes, toMinutes);
        Map<String, List<float[]>> train = new LinkedHashMap<>();
        Map<String, List<float[][]>> test = new LinkedHashMap<>();
        for (String name : records) {
            EcgRecord rec = db.readPrimaryLead(name);
            String person = name.equals("202") ? "201+202" : name.equals("201") ? "201+202" : name;
            double[] lead = rec.lead(0);
            float[][] tr = pipeline.extract(slice(lead, rec.samplingRateHz(), 0, 5)).beats();
            float[][] te = pipeline.extract(slice(lead, rec.samplingRateHz(), fromMinutes, toMinutes)).beats();
            train.computeIfAbsent(person, k -> new ArrayList<>()).addAll(Arrays.asList(tr));
            test.computeIfAbsent(person, k -> new ArrayList<>()).add(te);
            progress.accept("record " + name + ": " + tr.length + " training beats, " + te.length + " test beats");
        }
        List<Subject> out = new ArrayList<>();
        for (String person : train.keySet()) {
            out.add(new Subject(person, train.get(person).toArray(new float[0][]), test.get(person)));
        }
        return out;
    }

    /**
     * Checks a time-split test window: it must start at minute 5 or later (minutes 0-5 train) and end after it
     * starts.
     *
     * @throws IllegalArgumentException when it does not
     */
    public static void requireTestWindow(double fromMinutes, double toMinutes) {
        if (!(fromMinutes >= 5 && toMinutes > fromMinutes)) {
            throw new IllegalArgumentException("test minutes must start at 5 or later (minutes 0-5 train) and end "
                    + "after they start, got " + fromMinutes + "-" + toMinutes);
        }
    }

    private static double[] slice(double[] lead, double fs, double fromMin, double toMin) {
        int from = (int) Math.min(lead.length, Math.round(fromMin * 60 * fs));
        int to = (int) Math.min(lead.length, Math.round(toMin * 60 * fs));
        return Arrays.copyOfRange(lead, from, to);
    }

    /**
     * ECG-ID record-disjoint: people with at least two records; the first record trains (and enrolls), every
     * other record is a separate test segment. People with a single record are left out (listed in
     * {@code skipped}).
     */
    public static List<Subject> ecgiddbRecordDisjoint(EcgIdDb db, EcgIdDb.Channel channel, BeatPipeline pipeline,
                                                      List<String> skipped, Consumer<String> progress) {
        return ecgiddbRecordDisjoint(db, channel, pipeline, Integer.MAX_VALUE, skipped, progress);
    }

    /** {@link #ecgiddbRecordDisjoint} of the first {@code maxPersons} usable people only; the rest are not read. */
    public static List<Subject> ecgiddbRecordDisjoint(EcgIdDb db, EcgIdDb.Channel channel, BeatPipeline pipeline,
                                                      int maxPersons, List<String> skipped,
                                                      Consumer<String> progress) {
        List<Subject> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : db.recordsByPerson().entrySet()) {
            if (out.size() >= maxPersons) {
                break;
            }
            List<String> recs = e.getValue();
            if (recs.size() < 2) {
                skipped.add(e.getKey() + " (one record)");
                continue;
            }
            float[][] train = pipeline.extract(db.read(e.getKey(), recs.get(0), channel).lead(0)).beats();
            List<float[][]> test = new ArrayList<>();
            int testBeats = 0;
            for (String r : recs.subList(1, recs.size())) {
                float[][] b = pipeline.extract(db.read(e.getKey(), r, channel).lead(0)).beats();
                test.add(b);
                testBeats += b.length;
            }
            if (train.length < 3) {
                skipped.add(e.getKey() + " (" + train.length + " usable beats in " + recs.get(0) + ")");
                continue;
            }
            out.add(new Subject(e.getKey(), train, test));
            progress.accept(e.getKey() + ": " + train.length + " training beats, " + testBeats + " test beats in "
                    + (recs.size() - 1) + " records");
        }
        return out;
    }

    /**
     * The origin's leaky split: every subject's beats (training and test alike) pooled and split at random,
     * stratified per person, 80 % to train (the trainer holds 1/8 of that out for validation: 70/10) and 20 %
     * to test. Neighbouring beats of one session land on both sides, so this overstates accuracy; report it
     * only beside a disjoint protocol.
     */
    public static List<Subject> beatRandom(List<Subject> subjects, long seed) {
        Random rnd = new Random(seed);
        List<Subject> out = new ArrayList<>();
        for (Subject s : subjects) {
            List<float[]> all = new ArrayList<>(Arrays.asList(s.trainBeats()));
            for (float[][] seg : s.testSegments()) {
                all.addAll(Arrays.asList(seg));
            }
            java.util.Collections.shuffle(all, rnd);
            int testCount = (int) Math.round(all.size() * 0.2);
            float[][] test = all.subList(0, testCount).toArray(new float[0][]);
            float[][] train = all.subList(testCount, all.size()).toArray(new float[0][]);
            List<float[][]> segments = new ArrayList<>();
            segments.add(test);
            out.add(new Subject(s.id(), train, segments));
        }
        return out;
    }
}
