package io.github.ecgid.core.io;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.Annotations;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PhysioNet WFDB records: the {@code .hea} header, the signal file(s) in formats 212, 16, 61 and 80
 * (signals multiplexed frame by frame), and MIT-format annotation files such as {@code .atr}.
 *
 * <p>Samples become millivolts as {@code (adc - baseline) / gain}, scaled when the header's units are
 * {@code uV} or {@code V}. Signals whose units are not a voltage (e.g. {@code mmHg}) are left out with a
 * warning. Data files shorter than the header promises are an error naming expected and found bytes; a
 * checksum or first-value mismatch against the header is logged as a warning (several published records
 * have one) and the data are returned as stored. WFDB's "invalid sample" value (-2048 in format 212,
 * -32768 in 16/61, -128 in 80) becomes {@code NaN} with a warning.
 *
 * <pre>{@code
 * EcgRecord rec = WfdbReader.read(Path.of("../shared/data/mitdb/100"));   // 360 Hz, MLII + V5, with .atr
 * double[] mlii = rec.lead("MLII");
 * Map<String, Integer> counts = rec.annotations().countBySymbol();      // {"N"=2239, "A"=33, ...}
 * }</pre>
 */
public final class WfdbReader {

    private static final Logger LOG = LoggerFactory.getLogger(WfdbReader.class);

    /** Annotator whose file {@link #read(Path)} attaches when it exists. */
    public static final String DEFAULT_ANNOTATOR = "atr";

    private WfdbReader() {
    }

    /**
     * Reads a record and, when {@code <record>.atr} exists, its reference annotations.
     *
     * @param record path of the record without extension (e.g. {@code mitdb/100}); a trailing {@code .hea}
     *               is accepted too
     */
    public static EcgRecord read(Path record) {
        Path base = stripHeaExtension(record);
        EcgRecord rec = readSignals(base);
        Path atr = withExtension(base, DEFAULT_ANNOTATOR);
        return Files.isRegularFile(atr) ? rec.withAnnotations(toRecordRate(MitAnnotationReader.read(atr), rec, atr))
                : rec;
    }

    /**
     * Reads a record with the annotations of a given annotator, which must exist (e.g. {@code "atr"},
     * {@code "qrs"}).
     */
    public static EcgRecord read(Path record, String annotator) {
        Path base = stripHeaExtension(record);
        EcgRecord rec = readSignals(base);
        return rec.withAnnotations(toRecordRate(readAnnotations(base, annotator), rec,
                withExtension(base, annotator)));
    }

    /** Reads only the signals of a record, ignoring annotation files. */
    public static EcgRecord readSignals(Path record) {
        Path base = stripHeaExtension(record);
        Path hea = withExtension(base, "hea");
        WfdbHeaderParser.Parsed parsed = WfdbHeaderParser.parse(hea);
        return readData(base, hea, parsed);
    }

    /** Parses a record's header only. */
    public static WfdbHeader readHeader(Path record) {
        Path base = stripHeaExtension(record);
        return WfdbHeaderParser.parse(withExtension(base, "hea")).header();
    }

    /** Reads the annotation file {@code <record>.<annotator>} (MIT format). */
    public static Annotations readAnnotations(Path record, String annotator) {
        Path file = withExtension(stripHeaExtension(record), annotator);
        BinaryFiles.refuseSpecialFile(file, "annotation file");
        if (!Files.isRegularFile(file)) {
            throw EcgFormatException.inFile(file, "annotation file not found for annotator '" + annotator + "'");
        }
        return MitAnnotationReader.read(file);
    }

    /** Reads one MIT-format annotation file given by its full path (e.g. {@code mitdb/102-0.atr}). */
    public static Annotations readAnnotationFile(Path file) {
        return MitAnnotationReader.read(file);
    }

    // ------------------------------------------------------------------------------------------------

    private static final Pattern TIME_RESOLUTION = Pattern.compile("## time resolution: *([0-9.eE+-]+)");

    /**
     * Annotation files may declare their own time resolution in a leading note ("## time resolution: 500");
     * positions are rescaled to the record's sampling rate when it differs.
     */
    private static Annotations toRecordRate(Annotations anns, EcgRecord rec, Path file) {
        if (anns.isEmpty()) {
            return anns;
        }
        Annotations scaled = rescale(anns, rec, file);
        long last = scaled.items().get(scaled.size() - 1).sample();
        if (last >= rec.length()) {
            LOG.warn("{}: annotations reach sample {} but the record has {} samples; is it the right record?", file,
                    last, rec.length());
        }
        return scaled;
    }

    private static Annotations rescale(Annotations anns, EcgRecord rec, Path file) {
        Annotation first = anns.items().get(0);
        Matcher m = TIME_RESOLUTION.matcher(first.aux());
        if (first.sample() != 0 || !m.lookingAt()) {
            return anns;
        }
        double res;
        try {
            res = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw EcgFormatException.atByte(file, 0, "expected a number in '" + first.aux() + "'");
        }
        if (!(res > 0) || Double.isInfinite(res)) {
            throw EcgFormatException.atByte(file, 0, "expected a positive time resolution, found '" + first.aux()
                    + "'");
        }
        if (Math.abs(res - rec.samplingRateHz()) <= 1e-9 * res) {
            return anns;
        }
        double scale = rec.samplingRateHz() / res;
        List<Annotation> moved = new ArrayList<>(anns.size());
        for (Annotation a : anns.items()) {
            moved.add(new Annotation(Math.round(a.sample() * scale), a.symbol(), a.subtype(), a.channel(), a.num(),
                    a.aux()));
        }
        return Annotations.of(moved);
    }

    private static EcgRecord readData(Path base, Path hea, WfdbHeaderParser.Parsed parsed) {
        WfdbHeader h = parsed.header();
        List<WfdbSignal> sigs = h.signals();
        if (sigs.isEmpty()) {
            throw EcgFormatException.inFile(hea, "record has no signals (nsig 0); expected at least one");
        }
        // signals sharing a file are multiplexed frame by frame, in header order
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int s = 0; s < sigs.size(); s++) {
            WfdbSignal sig = sigs.get(s);
            checkFormat(hea, parsed.signalLines()[s], sig);
            byFile.computeIfAbsent(sig.fileName(), k -> new ArrayList<>()).add(s);
        }
        long nsamp = h.sampleCount();
        double[][] mv = new double[sigs.size()][];
        Path dir = hea.toAbsolutePath().normalize().getParent();
        for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
            List<Integer> group = e.getValue();
            WfdbSignal first = sigs.get(group.get(0));
            for (int s : group) {
                if (sigs.get(s).format() != first.format() || sigs.get(s).byteOffset() != first.byteOffset()) {
                    throw EcgFormatException.atLine(hea, parsed.signalLines()[s], "signals in one file must share "
                            + "format and byte offset; expected " + first.format() + "+" + first.byteOffset()
                            + " as for signal " + group.get(0) + ", found " + sigs.get(s).format() + "+"
                            + sigs.get(s).byteOffset());
                }
            }
            Path dat = dir.resolve(e.getKey()).normalize();
            if (!dat.startsWith(dir) || dat.equals(dir)) {
                throw EcgFormatException.atLine(hea, parsed.signalLines()[group.get(0)], "signal file '"
                        + e.getKey() + "' points outside the header's folder; expected a name relative to it");
            }
            long n = readFile(dat, hea, h, first.format(), first.byteOffset(), group, nsamp, mv);
            if (nsamp < 0) {
                nsamp = n; // the first file fixes the length when the header gives none
            }
        }
        int length = mv[0].length;
        if (length == 0) {
            throw EcgFormatException.inFile(hea, "record has no samples; expected at least one");
        }

        List<String> names = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (int s = 0; s < sigs.size(); s++) {
            WfdbSignal sig = sigs.get(s);
            if (Double.isNaN(sig.toMillivolts())) {
                LOG.warn("{}: signal {} ({}) is in '{}', not a voltage; left out of the ECG record", hea, s,
                        sig.description(), sig.units());
                continue;
            }
            String name = sig.description().isEmpty() ? "signal " + s : sig.description();
            String unique = name;
            for (int k = 2; used.contains(unique); k++) {
                unique = name + " #" + k;
            }
            used.add(unique);
            names.add(unique);
            kept.add(mv[s]);
        }
        if (kept.isEmpty()) {
            throw EcgFormatException.inFile(hea, "no voltage signal in the record; expected units mV, uV or V, "
                    + "found " + sigs.stream().map(WfdbSignal::units).toList());
        }
        return EcgRecord.of(h.samplingRateHz(), names, kept.toArray(new double[0][]), base.toString(), null);
    }

    private static void checkFormat(Path hea, int line, WfdbSignal sig) {
        switch (sig.format()) {
            case 212, 16, 61, 80 -> { }
            default -> throw EcgFormatException.atLine(hea, line, "signal format " + sig.format()
                    + " is not supported; expected one of 212, 16, 61, 80");
        }
    }

    /** Bytes that {@code totalSamples} samples take in a format. */
    static long bytesFor(int format, long totalSamples) {
        return switch (format) {
            case 212 -> totalSamples / 2 * 3 + (totalSamples % 2) * 2; // a lone last sample takes 2 bytes
            case 16, 61 -> totalSamples * 2;
            case 80 -> totalSamples;
            default -> throw new IllegalArgumentException("format " + format);
        };
    }

    private static long readFile(Path dat, Path hea, WfdbHeader h, int format, long offset, List<Integer> group,
                                 long nsampHeader, double[][] mv) {
        int k = group.size();
        long size = BinaryFiles.size(dat, "signal file of record " + h.recordName()
                + " (named in " + hea.getFileName() + ")");
        if (offset > size) {
            throw EcgFormatException.atByte(dat, size, "byte offset " + offset + " in header " + hea.getFileName()
                    + " lies beyond the end of the " + size + "-byte signal file; fix the +offset of the format field");
        }
        long available = size - offset;
        long nsamp = nsampHeader;
        if (nsamp < 0) {
            // no length in the header: the file decides, and must hold whole frames
            long frames = switch (format) {
                case 212 -> available * 2 / 3 / k;
                case 16, 61 -> available / 2 / k;
                default -> available / k;
            };
            if (available < 0 || bytesFor(format, frames * k) != available) {
                throw EcgFormatException.atByte(dat, size, "file size " + size + " bytes is not a whole number of "
                        + k + "-signal frames in format " + format + " after the " + offset
                        + "-byte offset; truncated or wrong nsig?");
            }
            nsamp = frames;
        }
        if (nsamp > WfdbHeaderParser.MAX_SAMPLES) {
            throw EcgFormatException.inFile(dat, nsamp + " samples per signal do not fit one record; expected at most "
                    + WfdbHeaderParser.MAX_SAMPLES);
        }
        long total = nsamp * k; // both below 2^31: no overflow
        long expected = offset + bytesFor(format, total);
        if (size < expected) {
            throw EcgFormatException.atByte(dat, size, "signal file truncated: header " + hea.getFileName() + " says "
                    + nsamp + " samples x " + k + " signals in format " + format + " = expected " + expected
                    + " bytes, found " + size + " bytes (" + (expected - size) + " missing)");
        }
        if (size > expected) {
            LOG.warn("{}: {} bytes after the {} samples x {} signals the header {} announces ({} bytes expected); "
                    + "ignored", dat, size - expected, nsamp, k, hea.getFileName(), expected);
        }
        HeapBudget.require(dat, expected - offset + total * Double.BYTES, nsamp + " samples x " + k
                + " signals");
        int n = (int) nsamp;
        ByteBuffer buf = BinaryFiles.read(dat, offset, expected - offset, "signal file");
        byte[] b = buf.array();

        double[] gain = new double[k];
        int[] base = new int[k];
        double[] unit = new double[k];
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            WfdbSignal sig = h.signals().get(group.get(j));
            gain[j] = sig.adcGain();
            base[j] = sig.baseline();
            double u = sig.toMillivolts();
            unit[j] = Double.isNaN(u) ? 1.0 : u;
            out[j] = new double[n];
            mv[group.get(j)] = out[j];
        }
        int[] sum = new int[k];
        int[] firstAdc = new int[k];
        int[] invalid = new int[k];
        decode(format, b, n, k, gain, base, out, sum, firstAdc, invalid);

        for (int j = 0; j < k; j++) {
            int s = group.get(j);
            WfdbSignal sig = h.signals().get(s);
            if (unit[j] != 1.0) {
                double[] o = out[j];
                for (int i = 0; i < n; i++) {
                    o[i] *= unit[j];
                }
            }
            if (n > 0 && sig.initialValue().isPresent() && sig.initialValue().getAsInt() != firstAdc[j]) {
                LOG.warn("{}: signal {} ({}) starts with ADC value {}, header {} says {}; data kept as stored", dat,
                        s, sig.description(), firstAdc[j], hea.getFileName(), sig.initialValue().getAsInt());
            }
            if (sig.checksum().isPresent() && (short) sig.checksum().getAsInt() != (short) sum[j]) {
                LOG.warn("{}: signal {} ({}) checksum {} differs from {} in header {}; data kept as stored", dat, s,
                        sig.description(), (short) sum[j], (short) sig.checksum().getAsInt(), hea.getFileName());
            }
            if (invalid[j] > 0) {
                LOG.warn("{}: signal {} ({}) has {} invalid samples (WFDB's missing-value code), returned as NaN",
                        dat, s, sig.description(), invalid[j]);
            }
        }
        return nsamp;
    }

    private static void decode(int format, byte[] b, int n, int k, double[] gain, int[] base, double[][] out,
                               int[] sum, int[] firstAdc, int[] invalid) {
        long total = (long) n * k;
        int sig = 0;
        int frame = 0;
        switch (format) {
            case 212 -> {
                int p = 0;
                for (long t = 0; t < total; t += 2) {
                    int b0 = b[p] & 0xFF;
                    int b1 = b[p + 1] & 0xFF;
                    int v0 = ((b1 & 0x0F) << 8 | b0) << 20 >> 20; // sign-extend 12 bits
                    store(v0, -2048, sig, frame, gain, base, out, sum, firstAdc, invalid);
                    if (++sig == k) {
                        sig = 0;
                        frame++;
                    }
                    if (t + 1 < total) {
                        int b2 = b[p + 2] & 0xFF;
                        int v1 = ((b1 & 0xF0) << 4 | b2) << 20 >> 20;
                        store(v1, -2048, sig, frame, gain, base, out, sum, firstAdc, invalid);
                        if (++sig == k) {
                            sig = 0;
                            frame++;
                        }
                    }
                    p += 3;
                }
            }
            case 16, 61 -> {
                boolean little = format == 16;
                int p = 0;
                for (long t = 0; t < total; t++) {
                    int lo = little ? b[p] & 0xFF : b[p + 1] & 0xFF;
                    int hi = little ? b[p + 1] : b[p];
                    int v = hi << 8 | lo; // hi keeps its sign
                    store(v, -32768, sig, frame, gain, base, out, sum, firstAdc, invalid);
                    if (++sig == k) {
                        sig = 0;
                        frame++;
                    }
                    p += 2;
                }
            }
            case 80 -> {
                for (int p = 0; p < total; p++) {
                    int v = (b[p] & 0xFF) - 128; // offset binary
                    store(v, -128, sig, frame, gain, base, out, sum, firstAdc, invalid);
                    if (++sig == k) {
                        sig = 0;
                        frame++;
                    }
                }
            }
            default -> throw new IllegalStateException("format " + format);
        }
    }

    private static void store(int v, int invalidCode, int sig, int frame, double[] gain, int[] base, double[][] out,
                              int[] sum, int[] firstAdc, int[] invalid) {
        sum[sig] += v;
        if (frame == 0) {
            firstAdc[sig] = v;
        }
        if (v == invalidCode) {
            invalid[sig]++;
            out[sig][frame] = Double.NaN;
        } else {
            out[sig][frame] = ((long) v - base[sig]) / gain[sig]; // long: a baseline near +-2^31 must not wrap
        }
    }

    static Path stripHeaExtension(Path record) {
        String name = record.getFileName() == null ? "" : record.getFileName().toString();
        if (name.endsWith(".hea")) {
            return record.resolveSibling(name.substring(0, name.length() - 4));
        }
        return record;
    }

    static Path withExtension(Path base, String ext) {
        return base.resolveSibling(base.getFileName() + "." + ext);
    }
}
