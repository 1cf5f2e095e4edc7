package io.github.ecgid.core.data;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lobachevsky University Electrocardiography Database (PhysioNet {@code ludb} v1.0.1: one 10 s recording
 * per person, 12 leads {@code i, ii, iii, avr, avl, avf, v1..v6}, 500 Hz, format 16, records {@code data/N}).
 * Kalyakulina AI et al., "LUDB: A New Open-Access Validation Tool for Electrocardiogram Delineation
 * Algorithms", IEEE Access 8:186181-186190 (2020); ODC-By via PhysioNet.
 *
 * <p>Lead {@code i} is the lead of ECG-ID and of most wearables; the other leads are other views of the same
 * heart. Each lead has its own cardiologists' annotation file named after it ({@code data/1.i}).
 *
 * <pre>{@code
 * Ludb ludb = Ludb.open();                          // ECGID_DATA/ludb
 * for (String person : ludb.persons()) {
 *     EcgRecord all = ludb.read(person);            // 12 leads, 500 Hz, mV
 * }
 * }</pre>
 */
public final class Ludb {

    /** Folder name of the data set under the data location. */
    public static final String NAME = "ludb";
    /** The twelve leads, in the order of every record. */
    public static final List<String> LEADS = List.of("i", "ii", "iii", "avr", "avl", "avf",
            "v1", "v2", "v3", "v4", "v5", "v6");
    /** The lead that matches ECG-ID's and a wearable's lead I. */
    public static final String LEAD_I = "i";

    private final WfdbDatabase db;
    private final List<String> persons;

    private Ludb(WfdbDatabase db) {
        this.db = db;
        List<String> p = new ArrayList<>();
        for (String name : db.recordNames()) {
            if (!name.matches("data/\\d+")) {
                throw new EcgException("Record '" + name + "' in " + db.directory().resolve("RECORDS")
                        + " is not of the LUDB form data/N");
            }
            p.add(name.substring("data/".length()));
        }
        this.persons = List.copyOf(p);
    }

    /** The database under {@link DataLocation#resolve()}. */
    public static Ludb open() {
        return open(DataLocation.resolve());
    }

    /** The database under a given data location. */
    public static Ludb open(DataLocation location) {
        return new Ludb(WfdbDatabase.open(location.dataset(NAME)));
    }

    /** The database in a given folder (which holds {@code RECORDS} and {@code data/}). */
    public static Ludb open(Path directory) {
        return new Ludb(WfdbDatabase.open(directory));
    }

    /** Person numbers as listed in {@code RECORDS} ("1" .. "150"). */
    public List<String> persons() {
        return persons;
    }

    /** A person's whole recording: the 12 leads. */
    public EcgRecord read(String person) {
        return db.readSignals("data/" + person);
    }

    /** One lead of a person's recording as a one-lead record, e.g. {@code read("7", "ii")}. */
    public EcgRecord read(String person, String lead) {
        EcgRecord rec = read(person);
        if (!rec.hasLead(lead)) {
            throw new EcgException("LUDB record data/" + person + " in " + db.directory() + " has no lead '" + lead
                    + "'; it has " + rec.leadNames());
        }
        return Leads.single(rec, rec.leadIndex(lead));
    }

    /** The underlying WFDB folder. */
    public WfdbDatabase database() {
        return db;
    }
}
