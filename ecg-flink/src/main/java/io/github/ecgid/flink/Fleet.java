package io.github.ecgid.flink;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.data.WfdbDatabase;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.PersonTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay fleet made from a folder of recordings: every person is enrolled, and every record is replayed as a
 * device owned by its person. A person is the folder of a record listed as {@code Person_01/rec_1} (ECG-ID), else
 * the record itself (MIT-BIH). A person with several records enrolls from the first and wears the others as
 * devices; a person with one record enrolls from its first {@code enrollSeconds} (at most half the record) and
 * wears the rest, so no device replays the samples its owner enrolled from.
 *
 * @param enrollment what the job verifies against
 * @param devices    the replayed devices
 * @param skipped    persons who could not be enrolled (too few usable beats), with why
 */
public record Fleet(Enrollment enrollment, List<DeviceStream> devices, Map<String, String> skipped) {
    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    public Fleet {
        devices = List.copyOf(devices);
        skipped = Map.copyOf(skipped);
    }

    /**
     * Plans a fleet from {@code dir}: a WFDB database (its {@code RECORDS}) or a folder of {@code .hea}/{@code .csv}
     * files.
     *
     * @param maxRecords at most this many records, in listing order (0: all)
     */
    public static Fleet fromFolder(Path dir, double enrollSeconds, int beatsPerDecision, double powerLineHz,
                                   int maxRecords) {
        Map<String, List<Path>> byPerson = new LinkedHashMap<>();
        Map<Path, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : listRecords(dir).entrySet()) {
            if (maxRecords > 0 && names.size() == maxRecords) {
                break;
            }
            String name = e.getKey();
            int slash = name.lastIndexOf('/');
            String person = slash > 0 ? name.substring(0, slash) : name;
            byPerson.computeIfAbsent(person, p -> new ArrayList<>()).add(e.getValue());
            names.put(e.getValue(), name);
        }
        List<PersonTemplate> templates = new ArrayList<>();
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<DeviceStream> devices = new ArrayList<>();
        Map<Double, EcgIdentifier> identifiers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<Path>> e : byPerson.entrySet()) {
                String person = e.getKey();
                List<Path> records = e.getValue();
                EcgRecord first = RecordRef.file(records.get(0), 0, -1).load();
                EcgIdentifier id = identifiers.computeIfAbsent(first.samplingRateHz(),
                        fs -> Enrollment.builder(fs, beatsPerDecision, powerLineHz).build());
                List<DeviceStream> worn = new ArrayList<>();
                EcgRecord enrolFrom;
                if (records.size() > 1) {
                    enrolFrom = first;
                    for (Path p : records.subList(1, records.size())) {
                        RecordRef ref = RecordRef.file(p, 0, -1);
                        EcgRecord r = ref.load();
                        worn.add(new DeviceStream(names.get(p), person, ref, r.samplingRateHz(), r.length()));
                    }
                } else {
                    int cut = (int) Math.min(Math.round(enrollSeconds * first.samplingRateHz()), first.length() / 2);
                    enrolFrom = first.sliceSamples(0, cut);
                    worn.add(new DeviceStream(names.get(records.get(0)), person,
                            RecordRef.file(records.get(0), cut, -1), first.samplingRateHz(), first.length() - cut));
                }
                try {
                    templates.add(id.enroll(person, enrolFrom));
                } catch (EcgException ex) {
                    LOG.warn("not enrolled: {}", ex.getMessage());
                    skipped.put(person, ex.getMessage());
                    continue;
                }
                for (DeviceStream d : worn) {
                    devices.add(d);
                    owners.put(d.deviceId(), person);
                }
            }
        } finally {
            identifiers.values().forEach(EcgIdentifier::close);
        }
        if (devices.isEmpty()) {
            throw new EcgException("No device to replay in " + dir + ": " + (byPerson.isEmpty() ? "no records found"
                    : "no person could be enrolled (" + skipped.size() + " tried)")
                    + "; give a folder of WFDB records (.hea/.dat, optionally a RECORDS list) or .csv files");
        }
        return new Fleet(Enrollment.of(templates, owners, beatsPerDecision, powerLineHz), devices, skipped);
    }

    /** Record name to path: the {@code RECORDS} list when there is one, else the folder's .hea and .csv files. */
    static Map<String, Path> listRecords(Path dir) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (Files.isRegularFile(dir.resolve("RECORDS"))) {
            WfdbDatabase db = WfdbDatabase.open(dir);
            for (String name : db.recordNames()) {
                out.put(name, db.recordPath(name));
            }
            return out;
        }
        if (!Files.isDirectory(dir)) {
            throw new EcgException("Record folder not found: " + dir.toAbsolutePath()
                    + "; give --db a folder of WFDB records or CSV files");
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(p -> {
                String f = p.getFileName().toString();
                String lower = f.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".hea")) {
                    out.put(f.substring(0, f.length() - 4), p.resolveSibling(f.substring(0, f.length() - 4)));
                } else if (lower.endsWith(".csv")) {
                    out.put(f.substring(0, f.length() - 4), p);
                }
            });
        } catch (IOException e) {
            throw new io.github.ecgid.core.EcgIoException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
