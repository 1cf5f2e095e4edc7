package io.github.ecgid.model.identify;

/**
 * What open-set identification and verification compare (see {@link IdentitySpace}).
 *
 * <pre>{@code
 * EcgIdentifier.builder().samplingRateHz(250).model(path).matcher(Matcher.FUSED).build();
 * }</pre>
 */
public enum Matcher {
    /** Both whitened views, equal weights: the default, and the best measured (docs/identification.md). */
    FUSED,
    /** The whitened network embedding only. */
    NETWORK,
    /** The whitened waveform projection only. */
    WAVEFORM,
    /**
     * The centred network embedding without whitening (ecgid before 2026-12-02); also what a model without an
     * identity space, e.g. the origin's PyTorch export, always uses.
     */
    EMBEDDING
}
