package io.github.ecgid.core.io;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.Annotations;
import io.github.ecgid.core.EcgFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes MIT-format annotation files ({@code .atr} and other annotators) as PhysioNet's {@code annot(5)}
 * describes them: little-endian 16-bit words, 6-bit type code {@code A} and 10-bit field {@code I}.
 * Codes 1..49 are annotations ({@code I} = interval since the previous one); 59 SKIP (a 32-bit interval
 * follows, high word first), 60 NUM, 61 SUB, 62 CHN and 63 AUX (I bytes of text, padded to even length)
 * modify the annotation before them; NUM and CHN also carry over to later ones; the word 0 ends the file.
 */
final class MitAnnotationReader {

    static final int SKIP = 59;
    static final int NUM = 60;
    static final int SUB = 61;
    static final int CHN = 62;
    static final int AUX = 63;
    /** Highest annotation code WFDB defines ({@code ACMAX}). */
    static final int ACMAX = 49;

    /** Mnemonics of codes 0..49 as in WFDB's {@code ecgcodes.h} / {@code annot.c}. */
    private static final String[] MNEMONICS = {
        " ", "N", "L", "R", "a", "V", "F", "J", "A", "S",            // 0 - 9
        "E", "j", "/", "Q", "~", "[15]", "|", "[17]", "s", "T",      // 10 - 19
        "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u",           // 20 - 29
        "?", "!", "[", "]", "e", "n", "@", "x", "f", "(",            // 30 - 39
        ")", "r", "[42]", "[43]", "[44]", "[45]", "[46]", "[47]", "[48]", "[49]" // 40 - 49
    };

    private MitAnnotationReader() {
    }

    /** The mnemonic of an annotation type code 0..49, e.g. 1 -> "N", 5 -> "V", 28 -> "+". */
    static String mnemonic(int code) {
        return MNEMONICS[code];
    }

    /** Largest annotation file read: 32 MiB, some 16 million annotations (a week of Holter beats is 1.5 MB). */
    static final long MAX_BYTES = 32L << 20;
    /** Heap bytes an annotation takes once decoded, estimated per 2-byte word of the file. */
    private static final long HEAP_PER_WORD = 48;

    static Annotations read(Path file) {
        long bytes = BinaryFiles.size(file, "annotation file");
        if (bytes > MAX_BYTES) {
            throw EcgFormatException.inFile(file, "annotation file of " + bytes + " bytes is larger than "
                    + MAX_BYTES + " bytes; expected an MIT-format annotation file (is it the right file?)");
        }
        HeapBudget.require(file, bytes + bytes / 2 * HEAP_PER_WORD, "an annotation file of " + bytes + " bytes");
        ByteBuffer buf = BinaryFiles.readAll(file).order(ByteOrder.LITTLE_ENDIAN);
        int size = buf.limit();
        if (size == 0) {
            throw EcgFormatException.inFile(file, "empty annotation file; expected MIT-format 16-bit words "
                    + "ending with the word 0");
        }
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int num = 0;
        int chan = 0;
        // the annotation being assembled: modifiers (SUB, CHN, NUM, AUX) follow their annotation word
        boolean pending = false;
        long pTime = 0;
        int pCode = 0;
        int pSub = 0;
        int pChan = 0;
        int pNum = 0;
        String pAux = "";
        int pos = 0;
        while (true) {
            if (pos + 2 > size) {
                throw EcgFormatException.atByte(file, pos, pos == size
                        ? "file ends without the end-of-annotations word 0x0000 (truncated?); "
                        + "expected " + (pos + 2) + " bytes at least, found " + size
                        : "file ends inside a 2-byte word (odd length " + size + ")");
            }
            int word = buf.getShort(pos) & 0xFFFF;
            int code = word >>> 10;
            int field = word & 0x3FF;
            if (word == 0) {
                if (pending) {
                    out.add(new Annotation(pTime, MNEMONICS[pCode], pSub, pChan, pNum, pAux));
                }
                break;
            }
            switch (code) {
                case SKIP -> {
                    if (pos + 6 > size) {
                        throw EcgFormatException.atByte(file, pos, "SKIP needs a 4-byte interval after it; expected "
                                + (pos + 6) + " bytes, file has " + size);
                    }
                    if (pending) {
                        out.add(new Annotation(pTime, MNEMONICS[pCode], pSub, pChan, pNum, pAux));
                        pending = false;
                    }
                    int hi = buf.getShort(pos + 2) & 0xFFFF;
                    int lo = buf.getShort(pos + 4) & 0xFFFF;
                    // PDP-11 long: signed 32 bits, high word first. It may go negative for a moment: WFDB
                    // writes a type-0 annotation at sample 0 as SKIP -1 followed by the word (0, 1).
                    time += (hi << 16) | lo;
                    pos += 6;
                }
                case NUM -> {
                    num = field;
                    if (pending) {
                        pNum = field;
                    }
                    pos += 2;
                }
                case SUB -> {
                    requirePending(file, pos, pending, "SUB");
                    pSub = field;
                    pos += 2;
                }
                case CHN -> {
                    chan = field;
                    if (pending) {
                        pChan = field;
                    }
                    pos += 2;
                }
                case AUX -> {
                    requirePending(file, pos, pending, "AUX");
                    int padded = field + (field & 1);
                    if (pos + 2 + field > size) {
                        throw EcgFormatException.atByte(file, pos, "AUX announces " + field
                                + " bytes of text but the file ends after " + (size - pos - 2));
                    }
                    int end = pos + 2 + field;
                    while (end > pos + 2 && buf.get(end - 1) == 0) {
                        end--; // drop the C string terminator some writers include in the count
                    }
                    byte[] text = new byte[end - pos - 2];
                    buf.get(pos + 2, text);
                    pAux = new String(text, StandardCharsets.ISO_8859_1);
                    pos += 2 + padded;
                }
                default -> {
                    if (code > ACMAX) {
                        throw EcgFormatException.atByte(file, pos, String.format("unknown annotation code %d "
                                + "(word 0x%04x); expected 0..%d or a modifier 59..63; is this an MIT annotation "
                                + "file?", code, word, ACMAX));
                    }
                    if (pending) {
                        out.add(new Annotation(pTime, MNEMONICS[pCode], pSub, pChan, pNum, pAux));
                    }
                    time += field;
                    if (time < 0) {
                        throw EcgFormatException.atByte(file, pos, "annotation at sample " + time
                                + " (after a negative SKIP); expected a sample index >= 0");
                    }
                    pending = true;
                    pTime = time;
                    pCode = code;
                    pSub = 0;
                    pChan = chan;
                    pNum = num;
                    pAux = "";
                    pos += 2;
                }
            }
        }
        return Annotations.of(out);
    }

    private static void requirePending(Path file, int pos, boolean pending, String what) {
        if (!pending) {
            throw EcgFormatException.atByte(file, pos, what
                    + " modifier before any annotation; expected an annotation word (code 1..49) first");
        }
    }
}
