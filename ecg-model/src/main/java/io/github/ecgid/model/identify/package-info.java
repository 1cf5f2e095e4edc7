/**
 * Identity from ECG: {@link io.github.ecgid.model.identify.EcgIdentifier} enrolls people from recordings
 * (templates: {@link io.github.ecgid.model.identify.PersonTemplate}), identifies
 * ({@link io.github.ecgid.model.identify.Identification}, or unknown below the threshold) and verifies
 * ({@link io.github.ecgid.model.identify.Verification}) recordings, and monitors a stream
 * ({@link io.github.ecgid.model.identify.Monitor}). Beats come from one
 * {@link io.github.ecgid.signal.beat.BeatPipeline}; scores are cosines in the model's
 * {@link io.github.ecgid.model.identify.IdentitySpace}; templates persist in an HMAC-sealed
 * {@link io.github.ecgid.model.identify.TemplateStore} bound to the model's fingerprint.
 */
package io.github.ecgid.model.identify;
