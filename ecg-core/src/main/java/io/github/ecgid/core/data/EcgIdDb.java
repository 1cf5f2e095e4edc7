package io.github.ecgid.core.data;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ECG-ID Database (PhysioNet {@code ecgiddb}: 20 s lead-I records at 500 Hz, format 16, several records
 * per person, in folders {@code Person_NN/rec_M}). Lugovaya TS, "Biometric human identification based on
 * electrocardiogram", 2005; ODC-By via PhysioNet.
 *
 * <p>Each record has channel 0 {@code "ECG I"} (raw) and channel 1 {@code "ECG I filtered"}; its {@code .atr}
 * holds unaudited automatic R and T marks.
 *
 * <pre>{@code
 * EcgIdDb db = EcgIdDb.open();
 * for (EcgIdDb.Entry e : db.entries()) {
 *     EcgRecord raw = db.read(e, EcgIdDb.Channel.RAW);   // one lead, 500 Hz, mV
 * }
 * }</pre>
 */
public final class EcgIdDb {

    /** Folder name of the data set under the data location. */
    public static final String NAME = "ecgiddb";

    private static final Pattern ENTRY = Pattern.compile("(Person_(\\d+))/(rec_(\\d+))");

    /** The two channels of every record. */
    public enum Channel {
        /** Channel 0, {@code "ECG I"}: the lead as recorded, with baseline wander and mains. */
        RAW(0),
        /** Channel 1, {@code "ECG I filtered"}: the database authors' filtered version. */
        FILTERED(1);

        private final int index;

        Channel(int index) {
            this.index = index;
        }

        /** 0-based signal position in the record. */
        public int index() {
            return index;
        }
    }

    /**
     * One record of one person.
     *
     * @param person folder name, e.g. {@code "Person_01"}
     * @param record record name, e.g. {@code "rec_1"}
     */
    public record Entry(String person, String record) {
        public Entry {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(record, "record");
        }

        /** The number in the person's folder name ({@code Person_07} is 7). */
        public int personNumber() {
            return Integer.parseInt(person.substring(person.indexOf('_') + 1));
        }

        /** The record name relative to the database folder, e.g. {@code Person_01/rec_1}. */
        public String path() {
            return person + "/" + record;
        }
    }

    private final WfdbDatabase db;
    private final List<Entry> entries;

    private EcgIdDb(WfdbDatabase db) {
        this.db = db;
        List<Entry> list = new ArrayList<>();
        for (String name : db.recordNames()) {
            Matcher m = ENTRY.matcher(name);
            if (!m.matches()) {
                throw new EcgException("Record '" + name + "' in " + db.directory().resolve("RECORDS")
                        + " is not of the ECG-ID form Person_NN/rec_M");
            }
            list.add(new Entry(m.group(1), m.group(3)));
        }
        list.sort(Comparator.comparingInt(Entry::personNumber)
                .thenComparingInt(e -> Integer.parseInt(e.record().substring(4))));
        this.entries = List.copyOf(list);
    }

    /** The database under {@link DataLocation#resolve()}. */
    public static EcgIdDb open() {
        return open(DataLocation.resolve());
    }

    /** The database under a given data location. */
    public static EcgIdDb open(DataLocation location) {
        return new EcgIdDb(WfdbDatabase.open(location.dataset(NAME)));
    }

    /** The database in a given folder (which holds {@code RECORDS} and the {@code Person_NN} folders). */
    public static EcgIdDb open(Path directory) {
        return new EcgIdDb(WfdbDatabase.open(directory));
    }

    /** All records, by person number then record number. */
    public List<Entry> entries() {
        return entries;
    }

    /** Person folder names in numeric order. */
    public List<String> persons() {
        return List.copyOf(recordsByPerson().keySet());
    }

    /** Record names of one person in numeric order ({@code rec_1, rec_2, ..., rec_10}); empty if unknown. */
    public List<String> records(String person) {
        return recordsByPerson().getOrDefault(person, List.of());
    }

    /** Person folder name to that person's record names, both in numeric order. */
    public Map<String, List<String>> recordsByPerson() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            map.computeIfAbsent(e.person(), k -> new ArrayList<>()).add(e.record());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return map;
    }

    /** A whole record: both channels and the automatic {@code .atr} marks. */
    public EcgRecord read(Entry entry) {
        return db.read(entry.path());
    }

    /** One channel of a record as a one-lead record, with the {@code .atr} marks. */
    public EcgRecord read(Entry entry, Channel channel) {
        EcgRecord rec = read(entry);
        if (channel.index() >= rec.leadCount()) {
            throw new EcgException(entry.path() + " in " + db.directory() + " has " + rec.leadCount()
                    + " signal(s) " + rec.leadNames() + "; channel " + channel + " needs " + (channel.index() + 1));
        }
        return Leads.single(rec, channel.index());
    }

    /** One channel of {@code person}/{@code record}, e.g. {@code read("Person_01", "rec_1", Channel.RAW)}. */
    public EcgRecord read(String person, String record, Channel channel) {
        return read(new Entry(person, record), channel);
    }

    /** The underlying WFDB folder. */
    public WfdbDatabase database() {
        return db;
    }
}
