package io.github.ecgid.core.data;

import io.github.ecgid.core.EcgRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * The MIT-BIH Arrhythmia Database (PhysioNet {@code mitdb}: 48 half-hour two-lead records at 360 Hz, format
 * 212, reference beat annotations in {@code .atr}). Moody GB, Mark RG, IEEE Eng Med Biol 20(3):45-50 (2001);
 * ODC-By via PhysioNet.
 *
 * <p>Most records have the modified limb lead II ({@code MLII}) first; 102 and 104 have none (V5 and V2
 * instead) and 114 has it second. {@link #readPrimaryLead(String)} returns MLII where present, else the
 * first lead.
 *
 * <pre>{@code
 * MitDb mitdb = MitDb.open();                    // ECGID_DATA/mitdb
 * EcgRecord ecg = mitdb.readPrimaryLead("114");  // MLII only, with the reference beats
 * long[] beats = ecg.annotations().beatSamples();
 * }</pre>
 */
public final class MitDb {

    /** Folder name of the data set under the data location. */
    public static final String NAME = "mitdb";
    /** The lead most detectors and beat models expect. */
    public static final String PREFERRED_LEAD = "MLII";

    private final WfdbDatabase db;

    private MitDb(WfdbDatabase db) {
        this.db = db;
    }

    /** The database under {@link DataLocation#resolve()}. */
    public static MitDb open() {
        return open(DataLocation.resolve());
    }

    /** The database under a given data location. */
    public static MitDb open(DataLocation location) {
        return new MitDb(WfdbDatabase.open(location.dataset(NAME)));
    }

    /** The database in a given folder (which holds {@code RECORDS}, {@code 100.hea}, ...). */
    public static MitDb open(Path directory) {
        return new MitDb(WfdbDatabase.open(directory));
    }

    /** Record names as listed in {@code RECORDS} ("100" .. "234"). */
    public List<String> recordNames() {
        return db.recordNames();
    }

    /** A whole record: both leads and the reference annotations. */
    public EcgRecord read(String name) {
        return db.read(name);
    }

    /** One lead of a record, MLII where present, else the first, with the reference annotations. */
    public EcgRecord readPrimaryLead(String name) {
        EcgRecord rec = db.read(name);
        return Leads.single(rec, primaryLeadIndex(rec));
    }

    /** The position of MLII in a record, or 0 when it has none. */
    public static int primaryLeadIndex(EcgRecord rec) {
        return rec.hasLead(PREFERRED_LEAD) ? rec.leadIndex(PREFERRED_LEAD) : 0;
    }

    /** The underlying WFDB folder. */
    public WfdbDatabase database() {
        return db;
    }
}
