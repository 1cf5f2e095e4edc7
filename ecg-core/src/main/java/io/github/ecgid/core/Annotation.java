package io.github.ecgid.core;

import java.util.Objects;

/**
 * One annotation of a record: a sample position and a symbol, as in PhysioNet's MIT format.
 *
 * @param sample  0-based sample index in the record
 * @param symbol  the annotation mnemonic, e.g. {@code "N"}, {@code "V"}, {@code "+"}
 * @param subtype MIT {@code subtyp} field (0 when absent)
 * @param channel MIT {@code chan} field (0 when absent)
 * @param num     MIT {@code num} field (0 when absent)
 * @param aux     auxiliary text, e.g. a rhythm label {@code "(AFIB"}; empty when absent
 */
public record Annotation(long sample, String symbol, int subtype, int channel, int num, String aux) {

    /** Beat symbols as PhysioNet's {@code wfdb} defines them (used to pick reference beats). */
    public static final String BEAT_SYMBOLS = "NLRBAaJSVrFejnE/fQ?";

    public Annotation {
        Objects.requireNonNull(symbol, "symbol");
        aux = aux == null ? "" : aux;
    }

    /** An annotation with only a position and a symbol. */
    public static Annotation of(long sample, String symbol) {
        return new Annotation(sample, symbol, 0, 0, 0, "");
    }

    /** Whether the symbol marks a beat (QRS complex) rather than a rhythm change, noise or comment. */
    public boolean isBeat() {
        return symbol.length() == 1 && BEAT_SYMBOLS.indexOf(symbol.charAt(0)) >= 0;
    }
}
