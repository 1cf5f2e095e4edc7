package io.github.ecgid.model.train;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.data.DataLocation;
import io.github.ecgid.core.data.EcgIdDb;
import io.github.ecgid.core.data.Ludb;
import io.github.ecgid.core.data.MitDb;
import io.github.ecgid.core.data.WfdbDatabase;
import io.github.ecgid.signal.beat.BeatPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads the public databases into {@link CorpusPerson}s: the people an identity network is trained on and
 * evaluated with. Every database is cut by a pipeline made for its sampling rate and mains frequency by one
 * {@link Pipelines} factory, so beats of every database go through the same chain. Records are processed on
 * all cores; the result's order is the databases' own.
 *
 * <ul>
 *   <li>MIT-BIH ({@link #mitdb}): one person per record (201 and 202 are one), the MLII lead (or the first);
 *       enrollment minutes 0-5, test minutes 20-30, extra minutes 5-20.</li>
 *   <li>ECG-ID ({@link #ecgiddb}): lead I as recorded; enrollment the first record, tests the others.</li>
 *   <li>LUDB ({@link #ludb}): lead i enrolls; the other leads are views.</li>
 * </ul>
 */
public final class IdentityCorpus {

    /** Makes the beat pipeline for a database's sampling rate and mains frequency. */
    @FunctionalInterface
    public interface Pipelines {
        BeatPipeline at(double samplingRateHz, double powerLineHz);
    }

    private IdentityCorpus() {
    }

    /**
     * People of a corpus and the data sets they came from.
     *
     * @param people   everybody, database by database
     * @param datasets database name to {@code "sha256:..."} of its files ({@code WfdbDatabase#sha256})
     */
    public record Corpus(List<CorpusPerson> people, Map<String, String> datasets) {
        public Corpus {
            people = List.copyOf(people);
            datasets = Map.copyOf(datasets);
        }
    }

    /**
     * Everybody the general model is trained on, from a data folder: MIT-BIH ({@code mitdb/}), ECG-ID
     * ({@code ecgiddb/}) and LUDB ({@code ludb/}, with the other leads as views when the recipe keeps them), cut
     * by the recipe's pipeline.
     *
     * @throws io.github.ecgid.core.EcgException when one of the three folders is missing
     */
    public static Corpus general(DataLocation location, IdentityRecipe recipe, Consumer<String> progress) {
        Pipelines p = recipe::pipeline;
        MitDb mit = MitDb.open(location);
        EcgIdDb ecgid = EcgIdDb.open(location);
        Ludb ludb = Ludb.open(location);
        List<CorpusPerson> people = new ArrayList<>();
        people.addAll(mitdb(mit, p, progress));
        people.addAll(ecgiddb(ecgid, p, progress));
        people.addAll(ludb(ludb, recipe.maxBeatsPerView() > 0 ? Ludb.LEADS : List.of(), p, progress));
        Map<String, String> datasets = new LinkedHashMap<>();
        datasets.put(MitDb.NAME, mit.database().sha256());
        datasets.put(EcgIdDb.NAME, ecgid.database().sha256());
        datasets.put(Ludb.NAME, ludb.database().sha256());
        return new Corpus(people, datasets);
    }

    /** MIT-BIH's people (47: records 201 and 202 are one person); mains 60 Hz. */
    public static List<CorpusPerson> mitdb(MitDb db, Pipelines pipelines, Consumer<String> progress) {
        return mitdb(db, pipelines, Integer.MAX_VALUE, progress);
    }

    /** {@link #mitdb(MitDb, Pipelines, Consumer)} of the first {@code maxPersons} people; the rest are not read. */
    public static List<CorpusPerson> mitdb(MitDb db, Pipelines pipelines, int maxPersons, Consumer<String> progress) {
        List<String> names = new ArrayList<>();
        Set<String> persons = new LinkedHashSet<>();
        for (String name : db.recordNames()) {
            String person = name.equals("202") ? "201" : name;
            if (persons.contains(person) || persons.size() < maxPersons) {
                persons.add(person);
                names.add(name);
            }
        }
        List<float[][][]> cut = parallel(names, name -> {
            EcgRecord rec = db.readPrimaryLead(name);
            BeatPipeline p = pipelines.at(rec.samplingRateHz(), 60);
            double[] lead = rec.lead(0);
            double fs = rec.samplingRateHz();
            float[][][] parts = {
                p.extract(minutes(lead, fs, 0, 5)).beats(),
                p.extract(minutes(lead, fs, 5, 20)).beats(),
                p.extract(minutes(lead, fs, 20, 30)).beats()};
            progress.accept("mitdb " + name + ": " + parts[0].length + " enrollment, " + parts[1].length
                    + " extra, " + parts[2].length + " test beats");
            return parts;
        });
        Map<String, List<float[][][]>> byPerson = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String person = names.get(i).equals("201") || names.get(i).equals("202") ? "201+202" : names.get(i);
            byPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(cut.get(i));
        }
        List<CorpusPerson> out = new ArrayList<>();
        for (Map.Entry<String, List<float[][][]>> e : byPerson.entrySet()) {
            List<float[][][]> recs = e.getValue();
            out.add(new CorpusPerson(MitDb.NAME + ":" + e.getKey(), MitDb.NAME, concat(recs, 0),
                    List.<float[][]>of(concat(recs, 2)), concat(recs, 1), Map.of()));
        }
        return out;
    }

    /** ECG-ID's people, raw lead I; mains 50 Hz. People with one record have no tests. */
    public static List<CorpusPerson> ecgiddb(EcgIdDb db, Pipelines pipelines, Consumer<String> progress) {
        return ecgiddb(db, pipelines, Integer.MAX_VALUE, progress);
    }

    /** {@link #ecgiddb(EcgIdDb, Pipelines, Consumer)} of the first {@code maxPersons} people; the rest are not read. */
    public static List<CorpusPerson> ecgiddb(EcgIdDb db, Pipelines pipelines, int maxPersons,
                                             Consumer<String> progress) {
        List<Map.Entry<String, List<String>>> people = new ArrayList<>(db.recordsByPerson().entrySet());
        if (people.size() > maxPersons) {
            people = new ArrayList<>(people.subList(0, maxPersons));
        }
        List<List<float[][]>> cut = parallel(people, e -> {
            BeatPipeline p = pipelines.at(500, 50);
            List<float[][]> recs = new ArrayList<>();
            for (String r : e.getValue()) {
                recs.add(p.extract(db.read(e.getKey(), r, EcgIdDb.Channel.RAW).lead(0)).beats());
            }
            progress.accept("ecgiddb " + e.getKey() + ": " + e.getValue().size() + " records");
            return recs;
        });
        List<CorpusPerson> out = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            List<float[][]> recs = cut.get(i);
            out.add(new CorpusPerson(EcgIdDb.NAME + ":" + people.get(i).getKey(), EcgIdDb.NAME, recs.get(0),
                    recs.subList(1, recs.size()), new float[0][], Map.of()));
        }
        return out;
    }

    /** LUDB's people: lead i enrolls, {@code viewLeads} (any of the other leads) become views; mains 50 Hz. */
    public static List<CorpusPerson> ludb(Ludb db, List<String> viewLeads, Pipelines pipelines,
                                          Consumer<String> progress) {
        List<String> persons = db.persons();
        List<CorpusPerson> out = parallel(persons, person -> {
            EcgRecord rec = db.read(person);
            BeatPipeline p = pipelines.at(rec.samplingRateHz(), 50);
            float[][] primary = p.extract(rec.lead(Ludb.LEAD_I)).beats();
            Map<String, float[][]> views = new LinkedHashMap<>();
            for (String lead : viewLeads) {
                if (!lead.equals(Ludb.LEAD_I)) {
                    views.put(lead, p.extract(rec.lead(lead)).beats());
                }
            }
            progress.accept("ludb " + person + ": " + primary.length + " beats of lead i");
            return new CorpusPerson(Ludb.NAME + ":" + person, Ludb.NAME, primary, List.of(), new float[0][], views);
        });
        return out;
    }

    /**
     * Any WFDB folder where one record is one person (a time split): enrollment minutes 0-5 and test minutes 20-30
     * of a record of 30 minutes or more, else enrollment the first two thirds (at most 5 minutes) and test the last
     * third. {@code lead} names the lead to use (null: each record's first).
     */
    public static List<CorpusPerson> timeSplit(WfdbDatabase db, String lead, double powerLineHz, Pipelines pipelines,
                                               Consumer<String> progress) {
        List<String> names = db.recordNames();
        return parallel(names, name -> {
            EcgRecord rec = db.readSignals(name);
            double[] x = rec.lead(lead != null ? lead : rec.leadNames().get(0));
            double fs = rec.samplingRateHz();
            double minutes = x.length / fs / 60;
            BeatPipeline p = pipelines.at(fs, powerLineHz);
            float[][] enroll;
            float[][] test;
            if (minutes >= 30) {
                enroll = p.extract(minutes(x, fs, 0, 5)).beats();
                test = p.extract(minutes(x, fs, 20, 30)).beats();
            } else {
                enroll = p.extract(minutes(x, fs, 0, Math.min(5, minutes * 2 / 3))).beats();
                test = p.extract(minutes(x, fs, minutes * 2 / 3, minutes)).beats();
            }
            progress.accept(name + ": " + enroll.length + " enrollment, " + test.length + " test beats");
            return new CorpusPerson(name, "wfdb", enroll, List.<float[][]>of(test), new float[0][], Map.of());
        });
    }

    /** Every record of a WFDB folder as one stranger's recording: the beats of {@code lead} (null: the first lead). */
    public static List<float[][]> recordings(WfdbDatabase db, String lead, double powerLineHz, Pipelines pipelines) {
        return parallel(db.recordNames(), name -> {
            EcgRecord rec = db.readSignals(name);
            return pipelines.at(rec.samplingRateHz(), powerLineHz)
                    .extract(rec.lead(lead != null ? lead : rec.leadNames().get(0))).beats();
        });
    }

    private static double[] minutes(double[] lead, double fs, double from, double to) {
        int a = (int) Math.min(lead.length, Math.round(from * 60 * fs));
        int b = (int) Math.min(lead.length, Math.round(to * 60 * fs));
        return Arrays.copyOfRange(lead, a, b);
    }

    private static float[][] concat(List<float[][][]> recs, int part) {
        List<float[]> all = new ArrayList<>();
        for (float[][][] r : recs) {
            all.addAll(Arrays.asList(r[part]));
        }
        return all.toArray(new float[0][]);
    }

    /** Maps on every core, keeping the input's order. */
    private static <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> f) {
        int threads = Math.max(1, Math.min(items.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ecgid-corpus");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> f.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the corpus", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
