package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code .hea} files as PhysioNet's {@code header(5)} describes them (single-segment records). */
final class WfdbHeaderParser {

    /** format[xsamplesPerFrame][:skew][+byteOffset] */
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(?:x(\\d+))?(?::(\\d+))?(?:\\+(\\d+))?");
    /** gain[(baseline)][/units] */
    private static final Pattern GAIN = Pattern.compile("([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"
            + "(?:\\((-?\\d+)\\))?(?:/(\\S+))?");

    /** Sampling rate WFDB assumes when the record line gives none. */
    static final double DEFAULT_FS = 250.0;
    /** Lowest sampling rate accepted, Hz (one sample in about 17 minutes: trend data, not ECG). */
    static final double MIN_FS = 1e-3;
    /** Highest sampling rate accepted, Hz. */
    static final double MAX_FS = 1e6;
    /** Smallest ADC gain magnitude accepted: below it, physical values would overflow to infinity. */
    static final double MIN_GAIN = 1e-12;
    /** Most samples per signal a record can hold (a Java array). */
    static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;
    /** Longest header line, in characters. */
    static final int MAX_LINE = 1 << 16;

    /** A header plus the 1-based line of each signal line (for error messages). */
    record Parsed(WfdbHeader header, int[] signalLines) {
    }

    private WfdbHeaderParser() {
    }

    static Parsed parse(Path hea) {
        List<String> comments = new ArrayList<>();
        List<WfdbSignal> signals = new ArrayList<>();
        List<Integer> signalLines = new ArrayList<>();
        String name = null;
        int nsig = -1;
        double fs = DEFAULT_FS;
        long nsamples = -1;
        int lineNo = 0;
        BinaryFiles.refuseSpecialFile(hea, "header file");
        // ISO-8859-1 never fails to decode, so garbage is caught by our own checks with a line number
        try (BoundedLineReader in = new BoundedLineReader(new InputStreamReader(Files.newInputStream(hea),
                StandardCharsets.ISO_8859_1), String.valueOf(hea), MAX_LINE)) {
            String raw;
            while ((raw = in.readLine()) != null) {
                lineNo++;
                String line = raw.strip();
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1).strip();
                }
                checkText(hea, lineNo, line);
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    comments.add(line.substring(1).strip());
                    continue;
                }
                if (name == null) {
                    String[] f = line.split("\\s+");
                    name = f[0];
                    if (name.contains("/")) {
                        throw EcgFormatException.atLine(hea, lineNo, "multi-segment record '" + name
                                + "' is not supported; expected a single-segment record line 'name nsig fs nsamples'");
                    }
                    if (f.length < 2) {
                        throw EcgFormatException.atLine(hea, lineNo, "record line needs at least 'name nsig', found '"
                                + abbreviate(line) + "'");
                    }
                    nsig = parseInt(hea, lineNo, f[1], "number of signals");
                    if (nsig < 0) {
                        throw EcgFormatException.atLine(hea, lineNo, "expected a number of signals >= 0, found "
                                + nsig);
                    }
                    if (f.length > 2) {
                        String fsField = f[2];
                        int slash = fsField.indexOf('/');
                        fs = parseDouble(hea, lineNo, slash >= 0 ? fsField.substring(0, slash) : fsField,
                                "sampling frequency (Hz)");
                        if (!(fs > 0) || Double.isInfinite(fs)) {
                            throw EcgFormatException.atLine(hea, lineNo,
                                    "expected a positive sampling frequency, found " + fsField);
                        }
                        if (fs < MIN_FS || fs > MAX_FS) {
                            throw EcgFormatException.atLine(hea, lineNo, "sampling frequency " + fsField
                                    + " Hz is outside " + MIN_FS + ".." + (long) MAX_FS
                                    + " Hz; fix the third field of the record line");
                        }
                    }
                    if (f.length > 3) {
                        nsamples = parseLong(hea, lineNo, f[3], "number of samples per signal");
                        if (nsamples < 0) {
                            throw EcgFormatException.atLine(hea, lineNo, "expected a number of samples >= 0, found "
                                    + nsamples);
                        }
                        if (nsamples > MAX_SAMPLES) {
                            throw EcgFormatException.atLine(hea, lineNo, "number of samples per signal " + nsamples
                                    + " is more than one record can hold; expected at most " + MAX_SAMPLES);
                        }
                        if (nsamples == 0) {
                            nsamples = -1; // header(5): 0 means "not given"
                        }
                    }
                    continue;
                }
                if (signals.size() == nsig) {
                    throw EcgFormatException.atLine(hea, lineNo, "expected " + nsig
                            + " signal lines (nsig on the record line), found another one: '" + abbreviate(line) + "'");
                }
                signals.add(parseSignal(hea, lineNo, line));
                signalLines.add(lineNo);
            }
        } catch (NoSuchFileException e) {
            throw EcgFormatException.inFile(hea, "header file not found; expected a WFDB record path such as "
                    + "'mitdb/100' with 100.hea next to it");
        } catch (IOException e) {
            throw EcgFormatException.inFile(String.valueOf(hea), "cannot read header: " + e.getMessage(), e);
        }
        if (name == null) {
            throw EcgFormatException.inFile(hea, "empty header; expected a record line 'name nsig fs nsamples'");
        }
        if (signals.size() < nsig) {
            throw EcgFormatException.atLine(hea, Math.max(1, lineNo), "expected " + nsig
                    + " signal lines (nsig on the record line), found " + signals.size());
        }
        int[] lines = signalLines.stream().mapToInt(Integer::intValue).toArray();
        return new Parsed(new WfdbHeader(name, fs, nsamples, signals, comments), lines);
    }

    private static WfdbSignal parseSignal(Path hea, int lineNo, String line) {
        // the description is the rest of the line after the 8th field and may contain spaces ("ECG I filtered")
        String[] f = new String[9];
        int count = 0;
        int pos = 0;
        int len = line.length();
        while (count < 8 && pos < len) {
            while (pos < len && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < len && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            if (pos > start) {
                f[count++] = line.substring(start, pos);
            }
        }
        String description = pos < len ? line.substring(pos).strip() : "";
        if (count < 2) {
            throw EcgFormatException.atLine(hea, lineNo, "signal line needs at least 'file format', found '"
                    + abbreviate(line) + "'");
        }
        String file = checkFileName(hea, lineNo, f[0]);
        Matcher fm = FORMAT.matcher(f[1]);
        if (!fm.matches()) {
            throw EcgFormatException.atLine(hea, lineNo, "expected a format like 212 or 16[x1][:skew][+offset], found '"
                    + f[1] + "'");
        }
        int format = parseInt(hea, lineNo, fm.group(1), "format code");
        if (fm.group(2) != null && Integer.parseInt(fm.group(2)) > 1) {
            throw EcgFormatException.atLine(hea, lineNo, "multi-frequency signals (samples per frame " + fm.group(2)
                    + ") are not supported; expected 1");
        }
        if (fm.group(3) != null && Integer.parseInt(fm.group(3)) != 0) {
            throw EcgFormatException.atLine(hea, lineNo, "skewed signals (skew " + fm.group(3)
                    + ") are not supported; expected 0");
        }
        long offset = fm.group(4) == null ? 0 : parseLong(hea, lineNo, fm.group(4), "byte offset");

        double gain = WfdbSignal.DEFAULT_GAIN;
        Integer baseline = null;
        String units = "mV";
        if (count > 2) {
            Matcher gm = GAIN.matcher(f[2]);
            if (!gm.matches()) {
                throw EcgFormatException.atLine(hea, lineNo, "expected an ADC gain like 200 or 200(1024)/mV, found '"
                        + f[2] + "'");
            }
            gain = parseDouble(hea, lineNo, gm.group(1), "ADC gain");
            if (gain == 0) {
                gain = WfdbSignal.DEFAULT_GAIN; // header(5): 0 means uncalibrated; 200 may be assumed
            } else if (Math.abs(gain) < MIN_GAIN) {
                throw EcgFormatException.atLine(hea, lineNo, "ADC gain " + gm.group(1) + " is too close to 0 "
                        + "(expected at least " + MIN_GAIN + " in magnitude, or 0 for uncalibrated); fix the third "
                        + "field of the signal line");
            }
            if (gm.group(2) != null) {
                baseline = parseInt(hea, lineNo, gm.group(2), "baseline");
            }
            if (gm.group(3) != null) {
                units = gm.group(3);
            }
        }
        int adcRes = count > 3 ? parseInt(hea, lineNo, f[3], "ADC resolution (bits)") : 0;
        int adcZero = count > 4 ? parseInt(hea, lineNo, f[4], "ADC zero") : 0;
        OptionalInt init = count > 5 ? OptionalInt.of(parseInt(hea, lineNo, f[5], "initial value"))
                : OptionalInt.empty();
        OptionalInt checksum = count > 6 ? OptionalInt.of(parseInt(hea, lineNo, f[6], "checksum"))
                : OptionalInt.empty();
        int blockSize = count > 7 ? parseInt(hea, lineNo, f[7], "block size") : 0;
        return new WfdbSignal(file, format, offset, gain, baseline == null ? adcZero : baseline, units, adcRes,
                adcZero, init, checksum, blockSize, description);
    }

    /**
     * A signal file must lie in the header's folder or below it: a relative name without {@code ..} that
     * climbs out, not absolute, not {@code -} (WFDB's standard input).
     */
    private static String checkFileName(Path hea, int lineNo, String file) {
        String fix = "; expected a file name relative to the header's folder (e.g. 100.dat), in it or below it";
        if (file.equals("-")) {
            throw EcgFormatException.atLine(hea, lineNo, "signal file '-' (standard input) is not supported" + fix);
        }
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            throw EcgFormatException.atLine(hea, lineNo, "signal file name '" + abbreviate(file)
                    + "' is not a valid path" + fix);
        }
        Path normal = p.normalize();
        if (p.isAbsolute() || p.getRoot() != null || file.startsWith("/") || file.startsWith("\\")
                || normal.toString().isEmpty() || normal.startsWith("..")) {
            throw EcgFormatException.atLine(hea, lineNo, "signal file name '" + abbreviate(file)
                    + "' points outside the header's folder" + fix);
        }
        return file;
    }

    private static void checkText(Path hea, int lineNo, String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw EcgFormatException.atLine(hea, lineNo, String.format(
                        "expected text, found binary byte 0x%02x at column %d; is this really a .hea header?",
                        (int) c, i + 1));
            }
        }
    }

    private static int parseInt(Path hea, int lineNo, String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw EcgFormatException.atLine(hea, lineNo, "expected an integer " + what + ", found '" + abbreviate(s)
                    + "'");
        }
    }

    private static long parseLong(Path hea, int lineNo, String s, String what) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw EcgFormatException.atLine(hea, lineNo, "expected an integer " + what + ", found '" + abbreviate(s)
                    + "'");
        }
    }

    private static double parseDouble(Path hea, int lineNo, String s, String what) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw EcgFormatException.atLine(hea, lineNo, "expected a number for the " + what + ", found '"
                    + abbreviate(s) + "'");
        }
        if (!Double.isFinite(v)) {
            throw EcgFormatException.atLine(hea, lineNo, "expected a finite " + what + ", found '" + s + "'");
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
